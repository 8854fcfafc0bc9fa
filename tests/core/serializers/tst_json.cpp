// json against real Python Pyro4: golden blobs from tests/peers/golden.py, C++ output
// checked by Python, byte-exact comparison, and malformed input with exact offsets.

#include "serializers/json/jsonserializer.h"
#include "goldencorpus.h"
#include "value/floatformat.h"

#include <QtTest>

#include <cmath>
#include <limits>

using namespace Pyro;
using Pyro::Test::GoldenCorpus;

namespace {

Value bigFromText(const char16_t *text)
{
    return Value(*BigInt::fromString(QStringView(text)));
}

Value dictOf(std::initializer_list<Dict::Item> items)
{
    return Value(Dict(items));
}

} // namespace

class tst_Json : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void decodePythonBlob_data();
    void decodePythonBlob();
    void encodeMatchesPythonBytes_data();
    void encodeMatchesPythonBytes();
    void unencodableLikePython_data();
    void unencodableLikePython();
    void pythonAcceptsEncoding_data();
    void pythonAcceptsEncoding();
    void pythonDecodesCalls_data();
    void pythonDecodesCalls();
    void calls_data();
    void calls();
    void encodeRules_data();
    void encodeRules();
    void encodeErrors_data();
    void encodeErrors();
    void decodeForms_data();
    void decodeForms();
    void malformed_data();
    void malformed();
    void truncated_data();
    void truncated();

private:
    const Serializer *m_json = nullptr;
    QMap<QString, QString> m_pythonBlobs; // name -> hex, or "SKIP reason"
    QMap<QString, QString> m_pythonCalls;
    QMap<QString, QString> m_pythonVerdicts; // name -> "OK ..." / "FAIL ..."
    QMap<QString, QString> m_pythonCallReprs; // name -> repr() of what Pyro4 decoded
};

static const QStringList callNames = GoldenCorpus::callNames();

void tst_Json::initTestCase()
{
    m_json = Serializer::byName(u"json");
    QVERIFY(m_json);
    QString failure;
    const std::optional<QStringList> dump = GoldenCorpus::runGolden(QStringLiteral("dump"), QStringLiteral("json"), {}, &failure);
    QVERIFY2(dump, qPrintable(failure));
    m_pythonBlobs = GoldenCorpus::byName(*dump);
    const std::optional<QStringList> dumpCall = GoldenCorpus::runGolden(QStringLiteral("dumpcall"), QStringLiteral("json"), {}, &failure);
    QVERIFY2(dumpCall, qPrintable(failure));
    m_pythonCalls = GoldenCorpus::byName(*dumpCall);
    QStringList lines;
    for (const auto &[name, value] : GoldenCorpus::values()) {
        const Result<QByteArray> encoded = m_json->encode(value);
        if (encoded)
            lines.append(GoldenCorpus::hexLine(name, encoded.value()));
    }
    const std::optional<QStringList> check = GoldenCorpus::runGolden(QStringLiteral("check"), QStringLiteral("json"), lines, &failure);
    QVERIFY2(check, qPrintable(failure));
    m_pythonVerdicts = GoldenCorpus::byName(*check);
    // golden.py's check compares call vargs with a tuple, which json never gives (not even
    // Python's own envelopes), so calls are compared through Pyro4's repr() instead.
    // (call_internal's argsAsList makes no difference here: json writes tuples and lists alike.)
    QStringList callLines;
    const QList<CallEnvelope> calls = GoldenCorpus::calls();
    for (int i = 0; i < calls.size(); ++i) {
        const Result<QByteArray> encoded = m_json->encodeCall(calls[i]);
        QVERIFY(encoded);
        callLines.append(GoldenCorpus::hexLine(callNames[i], encoded.value()));
    }
    const std::optional<QStringList> reprs = GoldenCorpus::runGolden(QStringLiteral("repr"), QStringLiteral("json"), callLines, &failure);
    QVERIFY2(reprs, qPrintable(failure));
    m_pythonCallReprs = GoldenCorpus::byName(*reprs);
}

void tst_Json::decodePythonBlob_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<Value>("expected");
    for (const auto &[name, value] : GoldenCorpus::values()) {
        Value normalized;
        if (GoldenCorpus::afterJson(value, normalized))
            QTest::newRow(qPrintable(name)) << name << normalized;
    }
}

void tst_Json::decodePythonBlob()
{
    QFETCH(QString, name);
    QFETCH(Value, expected);
    QVERIFY2(m_pythonBlobs.contains(name), "golden.py has no such corpus entry");
    const QString hex = m_pythonBlobs.value(name);
    QVERIFY2(!hex.startsWith(QLatin1String("SKIP")), qPrintable(hex));
    const Result<Value> decoded = m_json->decode(QByteArray::fromHex(hex.toLatin1()));
    QVERIFY2(decoded, qPrintable(decoded.error().message()));
    QVERIFY2(decoded.value() == expected,
             qPrintable(QStringLiteral("got %1, expected %2").arg(GoldenCorpus::show(decoded.value()), GoldenCorpus::show(expected))));
}

void tst_Json::encodeMatchesPythonBytes_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<Value>("value");
    for (const auto &[name, value] : GoldenCorpus::values()) {
        Value normalized;
        if (GoldenCorpus::afterJson(value, normalized))
            QTest::newRow(qPrintable(name)) << name << value;
    }
}

void tst_Json::encodeMatchesPythonBytes()
{
    QFETCH(QString, name);
    QFETCH(Value, value);
    const Result<QByteArray> encoded = m_json->encode(value);
    QVERIFY2(encoded, qPrintable(encoded.error().message()));
    QCOMPARE(encoded.value(), QByteArray::fromHex(m_pythonBlobs.value(name).toLatin1()));
}

void tst_Json::unencodableLikePython_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<Value>("value");
    for (const auto &[name, value] : GoldenCorpus::values()) {
        Value normalized;
        if (!GoldenCorpus::afterJson(value, normalized))
            QTest::newRow(qPrintable(name)) << name << value;
    }
}

void tst_Json::unencodableLikePython()
{
    QFETCH(QString, name);
    QFETCH(Value, value);
    const QString python = m_pythonBlobs.value(name);
    QVERIFY2(python.startsWith(QLatin1String("SKIP ")), qPrintable(python));
    const Result<QByteArray> encoded = m_json->encode(value);
    QVERIFY(!encoded);
    QCOMPARE(encoded.error().code(), Error::Code::SerializeError);
    // Python says "SerializeError:<message>" or "TypeError:<message>"; ours is "json: <message>".
    QCOMPARE(encoded.error().message().mid(6), python.section(QLatin1Char(':'), 1));
}

void tst_Json::pythonAcceptsEncoding_data()
{
    QTest::addColumn<QString>("name");
    for (const auto &[name, value] : GoldenCorpus::values()) {
        Value normalized;
        if (GoldenCorpus::afterJson(value, normalized))
            QTest::newRow(qPrintable(name)) << name;
    }
}

void tst_Json::pythonAcceptsEncoding()
{
    QFETCH(QString, name);
    const QString verdict = m_pythonVerdicts.value(name, QStringLiteral("missing"));
    QVERIFY2(verdict.startsWith(QLatin1String("OK")), qPrintable(verdict));
}

void tst_Json::pythonDecodesCalls_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("pythonRepr");
    QTest::newRow("call_simple") << "call_simple" << "('tester', 'add', [1, 2], {})";
    QTest::newRow("call_kwargs") << "call_kwargs" << "('tester', 'kw', [1], {'b': 3, 'c': [1, 2]})";
    QTest::newRow("call_getattr") << "call_getattr" << "('tester', '__getattr__', ['value'], None)";
    QTest::newRow("call_internal") << "call_internal" << "('Pyro.Daemon', 'get_metadata', ['tester'], {})";
}

void tst_Json::pythonDecodesCalls()
{
    QFETCH(QString, name);
    QFETCH(QString, pythonRepr);
    QCOMPARE(m_pythonCallReprs.value(name), pythonRepr);
}

void tst_Json::calls_data()
{
    QTest::addColumn<int>("index");
    for (int i = 0; i < callNames.size(); ++i)
        QTest::newRow(qPrintable(callNames[i])) << i;
}

void tst_Json::calls()
{
    QFETCH(int, index);
    const CallEnvelope want = GoldenCorpus::calls()[index];
    const QByteArray python = QByteArray::fromHex(m_pythonCalls.value(callNames[index]).toLatin1());
    QVERIFY(!python.isEmpty());
    const Result<CallEnvelope> call = m_json->decodeCall(python);
    QVERIFY2(call, qPrintable(call.error().message()));
    QCOMPARE(call.value().objectId, want.objectId);
    QCOMPARE(call.value().method, want.method);
    QVERIFY(call.value().args == want.args);
    QCOMPARE(call.value().argsAsList, false);
    QCOMPARE(call.value().kwargsIsNone, want.kwargsIsNone);
    QVERIFY(call.value().kwargs == want.kwargs);
    const Result<QByteArray> encoded = m_json->encodeCall(call.value());
    QVERIFY(encoded);
    QCOMPARE(encoded.value(), python);
}

void tst_Json::encodeRules_data()
{
    QTest::addColumn<Value>("value");
    QTest::addColumn<QByteArray>("expected");
    const double inf = std::numeric_limits<double>::infinity();
    const double nan = std::numeric_limits<double>::quiet_NaN();
    QTest::newRow("stringified keys")
            << dictOf({ { 2, 1 }, { 1.5, 2 }, { true, 3 }, { false, 4 }, { Value(), 5 }, { nan, 6 }, { inf, 7 },
                        { -inf, 8 }, { bigFromText(u"-18446744073709551616"), 9 } })
            << QByteArray(R"({"2": 1, "1.5": 2, "true": 3, "false": 4, "null": 5, "NaN": 6, "Infinity": 7, "-Infinity": 8, "-18446744073709551616": 9})");
    QTest::newRow("duplicate keys after stringifying") << dictOf({ { 1, QStringLiteral("a") }, { QStringLiteral("1"), QStringLiteral("b") } })
                                                       << QByteArray(R"({"1": "a", "1": "b"})");
    QTest::newRow("control characters") << Value(QString::fromUtf16(u"\x01\x1f\x7f\b\f/\u2028"))
                                        << QByteArray("\"\\u0001\\u001f\x7f\\b\\f/\xe2\x80\xa8\"");
    QTest::newRow("set and tuple as arrays") << Value::tuple({ Value::set({ 1 }), Value::tuple({}) }) << QByteArray("[[1], []]");
    QTest::newRow("floats") << Value::list({ 1e16, -0.0, nan, -inf, 1e-05 }) << QByteArray("[1e+16, -0.0, NaN, -Infinity, 1e-05]");
    Value nested = Value(1);
    for (int i = 0; i < JsonSerializer::MaxEncodeDepth; ++i)
        nested = Value::list({ nested });
    QTest::newRow("1000 levels") << nested << QByteArray(1000, '[') + '1' + QByteArray(1000, ']');
}

void tst_Json::encodeRules()
{
    QFETCH(Value, value);
    QFETCH(QByteArray, expected);
    const Result<QByteArray> encoded = m_json->encode(value);
    QVERIFY2(encoded, qPrintable(encoded.error().message()));
    QCOMPARE(encoded.value(), expected);
}

void tst_Json::encodeErrors_data()
{
    QTest::addColumn<Value>("value");
    QTest::addColumn<QString>("message");
    QTest::newRow("complex") << Value(Complex(1, 2))
                             << "json: don't know how to serialize class <class 'complex'> using serializer JsonSerializer. "
                                "Give it vars() or an appropriate __getstate__";
    QTest::newRow("nested bytearray") << Value::list({ Value::byteArray("x") })
                                      << "json: don't know how to serialize class <class 'bytearray'> using serializer "
                                         "JsonSerializer. Give it vars() or an appropriate __getstate__";
    QTest::newRow("complex key") << dictOf({ { Complex(1, 1), 1 } }) << "json: keys must be str, int, float, bool or None, not complex";
    QTest::newRow("bytes key") << dictOf({ { Value::bytes("k"), 1 } }) << "json: keys must be str, int, float, bool or None, not bytes";
    QTest::newRow("lone surrogate") << Value(QString(QChar(0xdc00)))
                                    << "json: 'utf-8' codec can't encode character '\\udc00': surrogates not allowed";
    Value nested = Value(1);
    for (int i = 0; i < JsonSerializer::MaxEncodeDepth + 1; ++i)
        nested = Value::list({ nested });
    QTest::newRow("1001 levels") << nested << "json: maximum recursion depth exceeded while encoding a JSON object";
}

void tst_Json::encodeErrors()
{
    QFETCH(Value, value);
    QFETCH(QString, message);
    const Result<QByteArray> encoded = m_json->encode(value);
    QVERIFY(!encoded);
    QCOMPARE(encoded.error().code(), Error::Code::SerializeError);
    QCOMPARE(encoded.error().message(), message);
}

void tst_Json::decodeForms_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<Value>("expected");
    const double inf = std::numeric_limits<double>::infinity();
    const double nan = std::numeric_limits<double>::quiet_NaN();
    QTest::newRow("whitespace") << QByteArray("\t\n\r [ 1 ,\n2 ] \n") << Value::list({ 1, 2 });
    QTest::newRow("special floats") << QByteArray("[NaN, Infinity, -Infinity]") << Value::list({ nan, inf, -inf });
    QTest::newRow("big ints") << QByteArray("[18446744073709551616, -9223372036854775809, -9223372036854775808]")
                              << Value::list({ bigFromText(u"18446744073709551616"), bigFromText(u"-9223372036854775809"),
                                               std::numeric_limits<qint64>::min() });
    QTest::newRow("number forms") << QByteArray("[-0, -0.0, 0.1e1, 1E400, -1e-400, 1e+2, 5e-324]")
                                  << Value::list({ 0, -0.0, 1.0, inf, -0.0, 100.0, 5e-324 });
    QTest::newRow("huge exponent") << QByteArray("1e99999999999999999999999999") << Value(inf);
    QTest::newRow("escapes") << QByteArray(R"("\"\\\/\b\f\n\r\t\u00e9\u20AC")") << Value(QString::fromUtf16(u"\"\\/\b\f\n\r\t\u00e9\u20ac"));
    QTest::newRow("surrogate pair") << QByteArray(R"("\ud83d\ude00")") << Value(QString::fromUtf16(u"\U0001F600"));
    QTest::newRow("lone surrogates kept") << QByteArray(R"(["\ud800", "\udc00x", "\ud800\u0041"])")
                                          << Value::list({ QString(QChar(0xd800)), QString(QChar(0xdc00)) + QLatin1Char('x'),
                                                           QString(QChar(0xd800)) + QLatin1Char('A') });
    QTest::newRow("raw UTF-8 and DEL") << QByteArray("\"h\xc3\xa9\x7f\xf0\x9f\x98\x80\"") << Value(QString::fromUtf16(u"h\u00e9\x7f\U0001F600"));
    QTest::newRow("duplicate keys: last value, first position") << QByteArray(R"({"a": 1, "b": 2, "a": 3})")
                                                                << dictOf({ { QStringLiteral("a"), 3 }, { QStringLiteral("b"), 2 } });
    QTest::newRow("nesting at the limit") << QByteArray(1000, '[') + QByteArray(1000, ']') << [] {
        Value v = Value::list({});
        for (int i = 1; i < 1000; ++i)
            v = Value::list({ v });
        return v;
    }();
}

void tst_Json::decodeForms()
{
    QFETCH(QByteArray, input);
    QFETCH(Value, expected);
    const Result<Value> decoded = m_json->decode(input);
    QVERIFY2(decoded, qPrintable(decoded.error().message()));
    QVERIFY2(decoded.value() == expected,
             qPrintable(QStringLiteral("got %1, expected %2").arg(GoldenCorpus::show(decoded.value()), GoldenCorpus::show(expected))));
}

void tst_Json::malformed_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<qsizetype>("offset");
    QTest::addColumn<QString>("what");
    QTest::newRow("empty") << QByteArray() << qsizetype(0) << "Expecting value";
    QTest::newRow("only whitespace") << QByteArray("  \n") << qsizetype(3) << "Expecting value";
    QTest::newRow("trailing comma in array") << QByteArray("[1,]") << qsizetype(3) << "Expecting value";
    QTest::newRow("trailing comma in object") << QByteArray("{\"a\": 1,}") << qsizetype(8) << "Expecting property name";
    QTest::newRow("missing comma") << QByteArray("[1 2]") << qsizetype(3) << "Expecting ',' delimiter";
    QTest::newRow("non-string key") << QByteArray("{1: 2}") << qsizetype(1) << "Expecting property name enclosed in double quotes";
    QTest::newRow("missing colon") << QByteArray("{\"a\" 1}") << qsizetype(5) << "Expecting ':' delimiter";
    QTest::newRow("unterminated string") << QByteArray("[\"abc") << qsizetype(1) << "Unterminated string starting";
    QTest::newRow("raw control character") << QByteArray("\"a\x01\"") << qsizetype(2) << "Invalid control character";
    QTest::newRow("raw newline") << QByteArray("\"a\nb\"") << qsizetype(2) << "Invalid control character";
    QTest::newRow("bad escape") << QByteArray(R"("ab\q")") << qsizetype(3) << "Invalid \\escape";
    QTest::newRow("single-quote escape") << QByteArray(R"("\'")") << qsizetype(1) << "Invalid \\escape";
    QTest::newRow("short \\u") << QByteArray(R"("\u12")") << qsizetype(1) << "Invalid \\uXXXX escape";
    QTest::newRow("bad hex in \\u") << QByteArray(R"("\u12g4")") << qsizetype(1) << "Invalid \\uXXXX escape";
    QTest::newRow("trailing garbage") << QByteArray("[1] x") << qsizetype(4) << "Extra data";
    QTest::newRow("two values") << QByteArray("1 2") << qsizetype(2) << "Extra data";
    QTest::newRow("leading zero") << QByteArray("01") << qsizetype(1) << "Extra data";
    QTest::newRow("dot without digits") << QByteArray("1.") << qsizetype(1) << "Extra data";
    QTest::newRow("exponent without digits") << QByteArray("1e+") << qsizetype(1) << "Extra data";
    QTest::newRow("plus sign") << QByteArray("+1") << qsizetype(0) << "Expecting value";
    QTest::newRow("lone minus") << QByteArray("-") << qsizetype(0) << "Expecting value";
    QTest::newRow("misspelt literal") << QByteArray("[nul]") << qsizetype(1) << "Expecting value";
    QTest::newRow("lowercase nan") << QByteArray("nan") << qsizetype(0) << "Expecting value";
    QTest::newRow("python quotes") << QByteArray("['a']") << qsizetype(1) << "Expecting value";
    QTest::newRow("BOM") << QByteArray("\xef\xbb\xbf" "1") << qsizetype(0) << "Expecting value";
    QTest::newRow("invalid UTF-8 in string") << QByteArray("\"ab\xff\"") << qsizetype(3) << "invalid UTF-8";
    QTest::newRow("encoded surrogate") << QByteArray("\"\xed\xa0\x80\"") << qsizetype(1) << "invalid UTF-8";
    QTest::newRow("overlong") << QByteArray("\"\xc0\xaf\"") << qsizetype(1) << "invalid UTF-8";
    QTest::newRow("above U+10FFFF") << QByteArray("\"\xf4\x90\x80\x80\"") << qsizetype(1) << "invalid UTF-8";
    QTest::newRow("invalid UTF-8 as token") << QByteArray("[\xff]") << qsizetype(1) << "invalid UTF-8";
    QTest::newRow("invalid UTF-8 after value") << QByteArray("1 \xfe") << qsizetype(2) << "invalid UTF-8";
    QTest::newRow("million-digit int") << QByteArray(1000000, '7') << qsizetype(0) << "integer longer than 100000 digits";
    QTest::newRow("deep arrays") << QByteArray(100000, '[') << qsizetype(1000) << "nesting deeper than 1000 levels";
    QTest::newRow("deep objects") << QByteArray("{\"a\": ").repeated(2000) << qsizetype(6000) << "nesting deeper than 1000 levels";
}

void tst_Json::malformed()
{
    QFETCH(QByteArray, input);
    QFETCH(qsizetype, offset);
    QFETCH(QString, what);
    const Result<Value> decoded = m_json->decode(input);
    QVERIFY2(!decoded, qPrintable(GoldenCorpus::show(decoded.valueOr(Value()))));
    QCOMPARE(decoded.error().code(), Error::Code::SerializeError);
    QVERIFY2(decoded.error().message().contains(what), qPrintable(decoded.error().message()));
    QCOMPARE(decoded.error().offset(), offset);
    QVERIFY(decoded.error().message().endsWith(QStringLiteral(" at byte %1").arg(offset)));
}

void tst_Json::truncated_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<qsizetype>("offset");
    const QByteArray payload(R"({"object": "tester", "method": "kw", "params": [35, null, true, -7, "\u00e9"], "kwargs": {}})");
    // Where each cut must be reported: inside a string at its opening quote, inside a
    // literal at the literal, after a minus at the minus, everywhere else at the end.
    QMap<qsizetype, qsizetype> where;
    for (qsizetype i = 0; i < payload.size(); ++i) {
        if (payload[i] == '"') {
            const qsizetype close = payload.indexOf('"', i + 1);
            for (qsizetype len = i + 1; len <= close; ++len)
                where[len] = i;
            i = close;
        }
    }
    for (const char *literal : { "null", "true" }) {
        const qsizetype at = payload.indexOf(literal);
        for (qsizetype len = at + 1; len < at + 4; ++len)
            where[len] = at;
    }
    const qsizetype minus = payload.indexOf("-7");
    where[minus + 1] = minus;
    const qsizetype escape = payload.indexOf("\\u00e9");
    for (qsizetype len = escape + 2; len < escape + 6; ++len)
        where[len] = escape; // an incomplete \\uXXXX escape
    for (qsizetype len = 0; len < payload.size(); ++len)
        QTest::addRow("cut at %lld", qlonglong(len)) << payload.left(len) << where.value(len, len);
}

void tst_Json::truncated()
{
    QFETCH(QByteArray, input);
    QFETCH(qsizetype, offset);
    const Result<Value> decoded = m_json->decode(input);
    QVERIFY2(!decoded, qPrintable(GoldenCorpus::show(decoded.valueOr(Value()))));
    QCOMPARE(decoded.error().offset(), offset);
}

QTEST_GUILESS_MAIN(tst_Json)
#include "tst_json.moc"
