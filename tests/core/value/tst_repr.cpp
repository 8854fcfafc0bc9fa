#include "value/literalparser.h"
#include "value/reprwriter.h"

#include "peerprocess.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include <cmath>

using namespace Pyro;

/*
    ReprWriter against real Python 3.11: value_repr.py prints a corpus of literals with
    Python's repr() of each, we parse the same text and must print the same repr; then we
    print reprs of values built in C++ and Python must read each back to the same repr.
*/
class tst_Repr : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void handwritten_data();
    void handwritten();
    void pythonCorpus_data();
    void pythonCorpus();
    void readBackByPython_data();
    void readBackByPython();
    void isPrintableMatchesPython();
    void maxLength();

private:
    struct CorpusRow
    {
        QString name, src, repr, type, again;
    };
    QList<CorpusRow> m_corpus;
    Test::PeerProcess m_echo;
};

void tst_Repr::initTestCase()
{
    Test::PeerProcess corpus;
    QVERIFY2(corpus.start(QStringLiteral("value_repr.py"), { QStringLiteral("corpus") }), qPrintable(corpus.failure()));
    const int n = corpus.readyText().toInt();
    QVERIFY(n > 100);
    for (int i = 0; i < n; ++i) {
        const QString line = corpus.readLine();
        QJsonParseError err;
        const QJsonObject o = QJsonDocument::fromJson(line.toUtf8(), &err).object();
        QVERIFY2(err.error == QJsonParseError::NoError, qPrintable(line));
        m_corpus.append({ o[u"name"].toString(), o[u"src"].toString(), o[u"repr"].toString(), o[u"type"].toString(),
                             o[u"again"].toString() });
    }
    QVERIFY2(m_echo.start(QStringLiteral("value_repr.py"), { QStringLiteral("echo") }), qPrintable(m_echo.failure()));
}

static QString surrogate(char16_t unit)
{
    return QString(QChar(unit));
}

void tst_Repr::handwritten_data()
{
    QTest::addColumn<Value>("value");
    QTest::addColumn<QString>("expected");

    const auto row = [](const char *name, const Value &v, const char16_t *expected) {
        QTest::newRow(name) << v << QString::fromUtf16(expected);
    };
    row("none", Value(), u"None");
    row("true", Value(true), u"True");
    row("int_min", Value(std::numeric_limits<qint64>::min()), u"-9223372036854775808");
    row("uint64_max", Value(std::numeric_limits<quint64>::max()), u"18446744073709551615");
    row("float_tenth", Value(0.1), u"0.1");
    row("float_1e16", Value(1e16), u"1e+16");
    row("float_inf", Value(INFINITY), u"inf");
    row("float_neg_inf", Value(-INFINITY), u"-inf");
    row("float_nan", Value(NAN), u"nan");
    row("float_neg_zero", Value(-0.0), u"-0.0");
    row("float_subnormal", Value(5e-324), u"5e-324");
    row("complex_3_m4", Value(Complex(3, -4)), u"(3-4j)");
    row("complex_j", Value(Complex(0, 1)), u"1j");
    row("complex_mj", Value(Complex(0, -1)), u"-1j");
    row("complex_1_0", Value(Complex(1, 0)), u"(1+0j)");
    row("complex_negzero_real", Value(Complex(-0.0, -1.5)), u"(-0-1.5j)");
    row("complex_infj", Value(Complex(0, INFINITY)), u"infj");
    row("complex_nan_nan", Value(Complex(NAN, NAN)), u"(nan+nanj)");
    row("complex_neg_nan_imag", Value(Complex(1, -NAN)), u"(1+nanj)");
    row("complex_zero_negzero", Value(Complex(0.0, -0.0)), u"-0j");
    row("complex_exp", Value(Complex(1e16, 1e-5)), u"(1e+16+1e-05j)");
    row("str_plain", Value(QStringLiteral("abc")), u"'abc'");
    row("str_single", Value(QStringLiteral("it's")), u"\"it's\"");
    row("str_both", Value(QStringLiteral("'\"")), u"'\\'\"'");
    row("str_escapes", Value(QStringLiteral("\\\n\r\t")), u"'\\\\\\n\\r\\t'");
    row("str_nul", Value(QString(QChar(0))), u"'\\x00'");
    row("str_c1", Value(QString(QChar(0x85))), u"'\\x85'");
    row("str_nbsp", Value(QString(QChar(0xa0))), u"'\\xa0'");
    row("str_e_acute", Value(QString(QChar(0xe9))), u"'\u00e9'");
    row("str_line_sep", Value(QString(QChar(0x2028))), u"'\\u2028'");
    row("str_astral", Value(QString::fromUcs4(U"\U0001F600")), u"'\U0001F600'");
    row("str_astral_tag", Value(QString::fromUcs4(U"\U000E0001")), u"'\\U000e0001'");
    row("str_lone_high", Value(surrogate(0xd800)), u"'\\ud800'");
    row("str_lone_low_then_high", Value(surrogate(0xdc00) + surrogate(0xd800)), u"'\\udc00\\ud800'");
    row("bytes", Value::bytes(QByteArray("a\0'\xff", 4)), u"b\"a\\x00'\\xff\"");
    row("bytes_both", Value::bytes("'\""), u"b'\\'\"'");
    row("bytearray", Value::byteArray("x"), u"bytearray(b'x')");
    row("bytearray_empty", Value::byteArray(QByteArray()), u"bytearray(b'')");
    row("tuple_empty", Value::tuple({}), u"()");
    row("tuple_one", Value::tuple({ 1 }), u"(1,)");
    row("tuple_two", Value::tuple({ 1, 2 }), u"(1, 2)");
    row("list", Value::list({ 1, QStringLiteral("a"), Value() }), u"[1, 'a', None]");
    row("dict_order", Value(Dict { { QStringLiteral("b"), 1 }, { QStringLiteral("a"), 2 } }), u"{'b': 1, 'a': 2}");
    row("set", Value::set({ 1, 2 }), u"{1, 2}");
    row("set_empty", Value::set({}), u"set()");
    row("frozenset", Value::frozenSet({ 1 }), u"frozenset({1})");
    row("frozenset_empty", Value::frozenSet({}), u"frozenset()");
    row("nested", Value::list({ Value::tuple({ Value::set({}) }), Value(Dict { { 1, Value::frozenSet({}) } }) }),
        u"[(set(),), {1: frozenset()}]");
}

void tst_Repr::handwritten()
{
    QFETCH(Value, value);
    QFETCH(QString, expected);
    QCOMPARE(ReprWriter::write(value), expected);
    QCOMPARE(value.repr(), expected);
}

void tst_Repr::pythonCorpus_data()
{
    QTest::addColumn<QString>("src");
    QTest::addColumn<QString>("expectedRepr");
    QTest::addColumn<QString>("expectedType");
    QTest::addColumn<QString>("expectedAgain");
    for (const CorpusRow &r : std::as_const(m_corpus))
        QTest::newRow(qPrintable(r.name)) << r.src << r.repr << r.type << r.again;
}

void tst_Repr::pythonCorpus()
{
    QFETCH(QString, src);
    QFETCH(QString, expectedRepr);
    QFETCH(QString, expectedType);
    QFETCH(QString, expectedAgain);
    const Result<Value> r = LiteralParser::parse(src);
    QVERIFY2(r.ok(), qPrintable(r.error().message()));
    QCOMPARE(ReprWriter::write(r.value()), expectedRepr);
    QCOMPARE(r.value().typeName(), expectedType);
    // And our repr reads back as Python reads its own.
    const Result<Value> again = LiteralParser::parse(expectedRepr);
    QVERIFY2(again.ok(), qPrintable(again.error().message()));
    QCOMPARE(again.value().repr(), expectedAgain);
}

void tst_Repr::readBackByPython_data()
{
    QTest::addColumn<Value>("value");

    QString allBmpClasses; // one of every kind of BMP code point repr treats differently
    for (char16_t c = 0; c < 0x300; ++c)
        allBmpClasses += QChar(c);
    for (char16_t c : { 0x2028, 0x2029, 0x200b, 0x3000, 0xfeff, 0xe000, 0xfdd0, 0xffff, 0x4e2d, 0x0378 })
        allBmpClasses += QChar(c);
    QByteArray allBytes;
    for (int b = 0; b < 256; ++b)
        allBytes.append(char(b));
    const QString astral = QString::fromUcs4(U"\U0001F600 \U000E0001 \U0010FFFF \U000F0000 \U0001D11E \U00030000");

    QTest::newRow("none") << Value();
    QTest::newRow("bools") << Value::tuple({ true, false });
    QTest::newRow("int64_edges") << Value::list({ std::numeric_limits<qint64>::min(), std::numeric_limits<qint64>::max() });
    QTest::newRow("big_2_200") << Value(*BigInt::fromString(u"1606938044258990275541962092341162602522202993782792835301376"));
    QTest::newRow("big_neg") << Value(-*BigInt::fromString(QString(QLatin1Char('7')).repeated(300)));
    QTest::newRow("floats") << Value::list({ 0.1, 0.1 + 0.2, 1e16, 1e-5, 1e-4, 123456789.0, -0.0, 0.0, 5e-324,
                                             2.2250738585072014e-308, 1.7976931348623157e308, 1e300 * 10,
                                             -1e300 * 10, 1.0 / 3 });
    QTest::newRow("nan") << Value(NAN);
    QTest::newRow("complex") << Value::list({ Value(Complex(3, -4)), Value(Complex(0, 1)), Value(Complex(1, 0)),
                                              Value(Complex(1e16, 1e-5)), Value(Complex(-2.5, 0.5)),
                                              Value(Complex(INFINITY, -INFINITY)), Value(Complex(NAN, NAN)),
                                              Value(Complex(0, INFINITY)) });
    QTest::newRow("str_bmp_classes") << Value(allBmpClasses);
    QTest::newRow("str_astral") << Value(astral);
    QTest::newRow("str_lone_surrogates") << Value(surrogate(0xd800) + QLatin1Char('x') + surrogate(0xdfff));
    QTest::newRow("str_quotes") << Value::list({ QStringLiteral("'"), QStringLiteral("\""), QStringLiteral("'\""),
                                                 QStringLiteral("\\'") });
    QTest::newRow("bytes_all") << Value::bytes(allBytes);
    QTest::newRow("bytes_quotes") << Value::list({ Value::bytes("'"), Value::bytes("\""), Value::bytes("'\"") });
    QTest::newRow("bytearray_all") << Value::byteArray(allBytes);
    QTest::newRow("containers") << Value::tuple({ Value::tuple({}), Value::tuple({ 1 }), Value::list({}),
                                                  Value(Dict()), Value::set({}), Value::frozenSet({}),
                                                  Value::frozenSet({ 1 }), Value::set({ Value::tuple({ 1, 2 }) }) });
    Dict d;
    d.insert(QStringLiteral("z"), Value::list({ 1, Value::tuple({ 2.5, Value::bytes("b") }) }));
    d.insert(1, QStringLiteral("one"));
    d.insert(Value::tuple({ Value(), true }), Value(Dict { { QStringLiteral("deep"), Value::set({ 3 }) } }));
    QTest::newRow("dict_nested") << Value(d);
    Value deep = Value::list({});
    for (int i = 0; i < 80; ++i)
        deep = Value::list({ deep, i });
    QTest::newRow("deep_80") << deep;
}

void tst_Repr::readBackByPython()
{
    QFETCH(Value, value);
    const QString repr = ReprWriter::write(value);
    m_echo.writeLine(QString::fromUtf8(QJsonDocument(QJsonArray { repr }).toJson(QJsonDocument::Compact)).mid(1).chopped(1));
    const QString line = m_echo.readLine();
    const QJsonObject o = QJsonDocument::fromJson(line.toUtf8()).object();
    QVERIFY2(!o.contains(u"error"), qPrintable(o[u"error"].toString() + QStringLiteral(" for ") + repr));
    QCOMPARE(o[u"repr"].toString(), repr);
    QCOMPARE(o[u"type"].toString(), value.typeName());
}

void tst_Repr::isPrintableMatchesPython()
{
    Test::PeerProcess peer;
    QVERIFY2(peer.start(QStringLiteral("value_repr.py"), { QStringLiteral("printable") }), qPrintable(peer.failure()));
    const QJsonArray ranges = QJsonDocument::fromJson(peer.readLine().toUtf8()).array();
    QVERIFY(ranges.size() > 100);
    char32_t next = 0;
    int mismatches = 0;
    const auto check = [&](char32_t cp, bool expected) {
        if (ReprWriter::isPrintable(cp) != expected && ++mismatches <= 10)
            qWarning("U+%04X: Python says %s", unsigned(cp), expected ? "printable" : "not printable");
    };
    for (const QJsonValue &r : ranges) {
        const char32_t first = char32_t(r.toArray().at(0).toInt());
        const char32_t last = char32_t(r.toArray().at(1).toInt());
        for (; next < first; ++next)
            check(next, true);
        for (; next <= last; ++next)
            check(next, false);
    }
    for (; next <= 0x10ffff; ++next)
        check(next, true);
    QCOMPARE(mismatches, 0);
}

void tst_Repr::maxLength()
{
    const Value v = Value::list({ QString(100, QLatin1Char('x')), 1, 2, 3 });
    ReprWriter::Options o;
    o.maxLength = 10;
    QCOMPARE(ReprWriter::write(v, o), QStringLiteral("['xxxxxxxx..."));
    o.maxLength = 1000;
    QCOMPARE(ReprWriter::write(v, o), v.repr());
}

QTEST_GUILESS_MAIN(tst_Repr)
#include "tst_repr.moc"
