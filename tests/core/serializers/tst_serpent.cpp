// Serpent against real Python Pyro4: golden blobs from tests/peers/golden.py, C++ output
// checked by Python, byte-exact comparison, and malformed input with exact offsets.

#include "serializers/serpent/serpentserializer.h"
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

class tst_Serpent : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void decodePythonBlob_data();
    void decodePythonBlob();
    void encodeMatchesPythonBytes_data();
    void encodeMatchesPythonBytes();
    void pythonAcceptsEncoding_data();
    void pythonAcceptsEncoding();
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
    void floatReprMatchesPythonFloatRepr();

private:
    const Serializer *m_serpent = nullptr;
    QMap<QString, QString> m_pythonBlobs; // name -> hex, or "SKIP reason"
    QMap<QString, QString> m_pythonCalls;
    QMap<QString, QString> m_pythonVerdicts; // name -> "OK ..." / "FAIL ..."
};

void tst_Serpent::initTestCase()
{
    m_serpent = Serializer::byName(u"serpent");
    QVERIFY(m_serpent);
    QString failure;
    const std::optional<QStringList> dump = GoldenCorpus::runGolden(QStringLiteral("dump"), QStringLiteral("serpent"), {}, &failure);
    QVERIFY2(dump, qPrintable(failure));
    m_pythonBlobs = GoldenCorpus::byName(*dump);
    const std::optional<QStringList> dumpCall = GoldenCorpus::runGolden(QStringLiteral("dumpcall"), QStringLiteral("serpent"), {}, &failure);
    QVERIFY2(dumpCall, qPrintable(failure));
    m_pythonCalls = GoldenCorpus::byName(*dumpCall);

    QStringList lines;
    for (const auto &[name, value] : GoldenCorpus::values()) {
        const Result<QByteArray> encoded = m_serpent->encode(value);
        QVERIFY2(encoded, qPrintable(name + QLatin1String(": ") + encoded.error().message()));
        lines.append(GoldenCorpus::hexLine(name, encoded.value()));
    }
    const QList<CallEnvelope> calls = GoldenCorpus::calls();
    const QStringList callNames = GoldenCorpus::callNames();
    for (int i = 0; i < calls.size(); ++i) {
        const Result<QByteArray> encoded = m_serpent->encodeCall(calls[i]);
        QVERIFY(encoded);
        lines.append(GoldenCorpus::hexLine(callNames[i], encoded.value()));
    }
    const std::optional<QStringList> check = GoldenCorpus::runGolden(QStringLiteral("check"), QStringLiteral("serpent"), lines, &failure);
    QVERIFY2(check, qPrintable(failure));
    m_pythonVerdicts = GoldenCorpus::byName(*check);
}

void tst_Serpent::decodePythonBlob_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<Value>("expected");
    for (const auto &[name, value] : GoldenCorpus::values())
        QTest::newRow(qPrintable(name)) << name << GoldenCorpus::afterSerpent(value);
}

void tst_Serpent::decodePythonBlob()
{
    QFETCH(QString, name);
    QFETCH(Value, expected);
    QVERIFY2(m_pythonBlobs.contains(name), "golden.py has no such corpus entry");
    const QString hex = m_pythonBlobs.value(name);
    QVERIFY2(!hex.startsWith(QLatin1String("SKIP")), qPrintable(hex));
    const Result<Value> decoded = m_serpent->decode(QByteArray::fromHex(hex.toLatin1()));
    QVERIFY2(decoded, qPrintable(decoded.error().message()));
    QVERIFY2(decoded.value() == expected,
             qPrintable(QStringLiteral("got %1, expected %2").arg(GoldenCorpus::show(decoded.value()), GoldenCorpus::show(expected))));
}

void tst_Serpent::encodeMatchesPythonBytes_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<Value>("value");
    for (const auto &[name, value] : GoldenCorpus::values()) {
        // Python's frozenset order depends on its per-process string hash seed.
        if (name == QLatin1String("frozenset"))
            continue;
        QTest::newRow(qPrintable(name)) << name << value;
    }
}

void tst_Serpent::encodeMatchesPythonBytes()
{
    QFETCH(QString, name);
    QFETCH(Value, value);
    const Result<QByteArray> encoded = m_serpent->encode(value);
    QVERIFY2(encoded, qPrintable(encoded.error().message()));
    QCOMPARE(encoded.value(), QByteArray::fromHex(m_pythonBlobs.value(name).toLatin1()));
}

void tst_Serpent::pythonAcceptsEncoding_data()
{
    QTest::addColumn<QString>("name");
    for (const auto &[name, value] : GoldenCorpus::values())
        QTest::newRow(qPrintable(name)) << name;
    for (const char *call : { "call_simple", "call_kwargs", "call_getattr", "call_internal" })
        QTest::newRow(call) << QString::fromLatin1(call);
}

void tst_Serpent::pythonAcceptsEncoding()
{
    QFETCH(QString, name);
    const QString verdict = m_pythonVerdicts.value(name, QStringLiteral("missing"));
    QVERIFY2(verdict.startsWith(QLatin1String("OK")), qPrintable(verdict));
}

void tst_Serpent::calls_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("object");
    QTest::addColumn<QString>("method");
    QTest::addColumn<Value>("args");
    QTest::addColumn<Value>("kwargs"); // None for kwargsIsNone
    QTest::newRow("call_simple") << "call_simple" << "tester" << "add" << Value::tuple({ 1, 2 }) << Value(Dict());
    QTest::newRow("call_kwargs") << "call_kwargs" << "tester" << "kw" << Value::tuple({ 1 })
                                 << dictOf({ { QStringLiteral("b"), 3 }, { QStringLiteral("c"), Value::list({ 1, 2 }) } });
    QTest::newRow("call_getattr") << "call_getattr" << "tester" << "__getattr__"
                                  << Value::tuple({ QStringLiteral("value") }) << Value();
    QTest::newRow("call_internal") << "call_internal" << "Pyro.Daemon" << "get_metadata"
                                   << Value::list({ QStringLiteral("tester") }) << Value(Dict());
}

void tst_Serpent::calls()
{
    QFETCH(QString, name);
    QFETCH(QString, object);
    QFETCH(QString, method);
    QFETCH(Value, args);
    QFETCH(Value, kwargs);
    const QByteArray python = QByteArray::fromHex(m_pythonCalls.value(name).toLatin1());
    QVERIFY(!python.isEmpty());
    const Result<CallEnvelope> call = m_serpent->decodeCall(python);
    QVERIFY2(call, qPrintable(call.error().message()));
    QCOMPARE(call.value().objectId, object);
    QCOMPARE(call.value().method, method);
    QVERIFY(call.value().args == args.items());
    QCOMPARE(call.value().argsAsList, args.isList());
    QCOMPARE(call.value().kwargsIsNone, kwargs.isNone());
    QVERIFY(call.value().kwargs == kwargs.toDict());
    const Result<QByteArray> encoded = m_serpent->encodeCall(call.value());
    QVERIFY(encoded);
    QCOMPARE(encoded.value(), python);
}

void tst_Serpent::encodeRules_data()
{
    QTest::addColumn<Value>("value");
    QTest::addColumn<QByteArray>("expected"); // without the header line
    const double inf = std::numeric_limits<double>::infinity();
    const double nan = std::numeric_limits<double>::quiet_NaN();
    QTest::newRow("complex imag -0.0 as serpent writes it") << Value(Complex(1.0, -0.0)) << QByteArray("(1.0+-0.0j)");
    QTest::newRow("complex infinities") << Value(Complex(inf, -inf)) << QByteArray("(1e30000-1e30000j)");
    QTest::newRow("complex nan imag has no sign")
            << Value(Complex(1.0, nan)) << QByteArray("(1.0{'__class__':'float','value':'nan'}j)");
    QTest::newRow("bytearray like bytes") << Value::byteArray("\x01\x02") << QByteArray("{'data': 'AQI=', 'encoding': 'base64'}");
    QTest::newRow("empty frozenset") << Value::frozenSet({}) << QByteArray("()");
    QTest::newRow("nested 1-tuple") << Value::tuple({ Value::tuple({ Value() }) }) << QByteArray("((None,),)");
    QTest::newRow("str lone surrogate") << Value(QString(QChar(0xd800))) << QByteArray("'\\ud800'");
    QTest::newRow("str private use and astral unassigned")
            << Value(QString(QChar(0xe000)) + QString::fromUcs4(U"\U000E0080", 1)) << QByteArray("'\\ue000\\U000e0080'");
    QTest::newRow("str soft hyphen and nbsp") << Value(QString(QChar(0xad)) + QChar(0xa0)) << QByteArray("'\\xad\\xa0'");
    QTest::newRow("str only double quote") << Value(QStringLiteral("a\"b")) << QByteArray("'a\"b'");
    QTest::newRow("bool key") << dictOf({ { true, 1 } }) << QByteArray("{True:1}");
    QTest::newRow("bytes key as serpent writes it")
            << dictOf({ { Value::bytes("a"), 1 } }) << QByteArray("{{'data': 'YQ==', 'encoding': 'base64'}:1}");
    Value nested = Value(1);
    for (int i = 0; i < SerpentSerializer::MaxEncodeLevel; ++i)
        nested = Value::list({ nested });
    QTest::newRow("200 levels") << nested << QByteArray(200, '[') + '1' + QByteArray(200, ']');
}

void tst_Serpent::encodeRules()
{
    QFETCH(Value, value);
    QFETCH(QByteArray, expected);
    const Result<QByteArray> encoded = m_serpent->encode(value);
    QVERIFY2(encoded, qPrintable(encoded.error().message()));
    QCOMPARE(encoded.value(), QByteArray("# serpent utf-8 python3.2\n") + expected);
}

void tst_Serpent::encodeErrors_data()
{
    QTest::addColumn<Value>("value");
    QTest::addColumn<QString>("message");
    QTest::newRow("None key") << dictOf({ { Value(), 1 } })
                              << "serpent: one of the keys in a dict or set is not of a primitive hashable type: "
                                 "<class 'NoneType'>. Use simple types as keys or use a list or tuple as container.";
    QTest::newRow("frozenset member") << Value::set({ Value::frozenSet({ 1 }) })
                                      << "serpent: one of the keys in a dict or set is not of a primitive hashable type: "
                                         "<class 'frozenset'>. Use simple types as keys or use a list or tuple as container.";
    Value nested = Value(1);
    for (int i = 0; i < SerpentSerializer::MaxEncodeLevel + 1; ++i)
        nested = Value::list({ nested });
    QTest::newRow("201 levels") << nested << "serpent: Object graph nesting too deep (more than 200 levels)";
}

void tst_Serpent::encodeErrors()
{
    QFETCH(Value, value);
    QFETCH(QString, message);
    const Result<QByteArray> encoded = m_serpent->encode(value);
    QVERIFY(!encoded);
    QCOMPARE(encoded.error().code(), Error::Code::SerializeError);
    QCOMPARE(encoded.error().message(), message);
}

void tst_Serpent::decodeForms_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<Value>("expected");
    const double inf = std::numeric_limits<double>::infinity();
    QTest::newRow("no header") << QByteArray("[1,2]") << Value::list({ 1, 2 });
    QTest::newRow("old header and comments") << QByteArray("# serpent utf-8 python2.6\n# more\n\n(1,)  # c\n")
                                             << Value::tuple({ 1 });
    QTest::newRow("leading blanks of the first line") << QByteArray("  \t1") << Value(1);
    QTest::newRow("whitespace between tokens") << QByteArray("{ 'a' :\n [ 1 , 2 , ] ,\t}") << dictOf({ { QStringLiteral("a"), Value::list({ 1, 2 }) } });
    QTest::newRow("crlf lines") << QByteArray("# h\r\n[1,\r\n2]\r\n") << Value::list({ 1, 2 });
    QTest::newRow("backslash continuation") << QByteArray("1 \\\n+2j") << Value(Complex(1, 2));
    QTest::newRow("top-level bare tuple") << QByteArray("1, 'a',") << Value::tuple({ 1, QStringLiteral("a") });
    QTest::newRow("grouping parens") << QByteArray("((1))") << Value(1);
    QTest::newRow("set()") << QByteArray("set( )") << Value::set({});
    QTest::newRow("set literal dedups") << QByteArray("{1,1.0,True,2}") << Value::set({ 1, 2 });
    QTest::newRow("dict duplicate key keeps first key") << QByteArray("{1:'a',1.0:'b'}") << dictOf({ { 1, QStringLiteral("b") } });
    QTest::newRow("hex octal binary underscores") << QByteArray("(0x_1F,0o17,0B101,1_000,00)") << Value::tuple({ 31, 15, 5, 1000, 0 });
    QTest::newRow("big hex") << QByteArray("0x10000000000000000") << bigFromText(u"18446744073709551616");
    QTest::newRow("negative big int") << QByteArray("-9223372036854775809") << bigFromText(u"-9223372036854775809");
    QTest::newRow("int64 min") << QByteArray("-9223372036854775808") << Value(std::numeric_limits<qint64>::min());
    QTest::newRow("float forms") << QByteArray("[.5,1.,1e5,1E-2,01.5,1_0.5e1_0,+5,- 1]")
                                 << Value::list({ 0.5, 1.0, 1e5, 0.01, 1.5, 105000000000.0, 5, -1 });
    QTest::newRow("huge exponent is inf") << QByteArray("[1e999999999999999999999,-1e30000]") << Value::list({ inf, -inf });
    QTest::newRow("tiny exponent is zero") << QByteArray("[1e-99999999999999,-1e-400]") << Value::list({ 0.0, -0.0 });
    QTest::newRow("long mantissa") << QByteArray("0." + QByteArray(5000, '3')) << Value(1.0 / 3.0);
    QTest::newRow("complex forms") << QByteArray("[1+2j,-1.5-0j,2j,-2j,(-0.0+1.5j),1J,1e5j]")
                                   << Value::list({ Complex(1, 2), Complex(-1.5, 0.0), Complex(0, 2), Complex(-0.0, -2.0),
                                                    Complex(0.0, 1.5), Complex(0, 1), Complex(0, 1e5) });
    QTest::newRow("inf complex") << QByteArray("(1e30000-1e30000j)") << Value(Complex(inf, -inf));
    QTest::newRow("nan dict") << QByteArray("{'__class__':'float','value':'nan'}") << Value(std::numeric_limits<double>::quiet_NaN());
    QTest::newRow("inf dict") << QByteArray("[{'value':' -Infinity ','__class__':'float'},{'__class__':'float','value':'1.5'}]")
                              << Value::list({ -inf, 1.5 });
    QTest::newRow("other class dict stays") << QByteArray("{'__class__':'x.Y','a':1}")
                                            << dictOf({ { QStringLiteral("__class__"), QStringLiteral("x.Y") }, { QStringLiteral("a"), 1 } });
    QTest::newRow("string escapes") << QByteArray(R"('\a\b\f\n\r\t\v\\\'\"\x41\101\0\u20ac\U0001F600\q')")
                                    << Value(QString::fromUtf16(u"\a\b\f\n\r\t\v\\'\"AA") + QChar(0) + QString::fromUtf16(u"\u20ac\U0001F600\\q"));
    QTest::newRow("lone surrogate escape") << QByteArray("'\\ud800x'") << Value(QString(QChar(0xd800)) + QLatin1Char('x'));
    QTest::newRow("octal above 0xff in str") << QByteArray("'\\777'") << Value(QString(QChar(0x1ff)));
    QTest::newRow("prefixes") << QByteArray("[u'a',r'\\n',R\"\\\"\",b'\\x00\\xff',Rb'\\x',bR'x',B'\\777']")
                              << Value::list({ QStringLiteral("a"), QStringLiteral("\\n"), QStringLiteral("\\\""),
                                               Value::bytes(QByteArray("\0\xff", 2)), Value::bytes("\\x"), Value::bytes("x"),
                                               Value::bytes("\xff") });
    QTest::newRow("triple quoted") << QByteArray("'''a'b\n''c'''") << Value(QStringLiteral("a'b\n''c"));
    QTest::newRow("concatenation") << QByteArray("['a' \"b\"\n 'c', b'x' b'y']")
                                   << Value::list({ QStringLiteral("abc"), Value::bytes("xy") });
    QTest::newRow("string line continuation") << QByteArray("'a\\\nb'") << Value(QStringLiteral("ab"));
    QTest::newRow("raw utf-8") << QByteArray("'h\xc3\xa9 \xf0\x9f\x98\x80'") << Value(QString::fromUtf16(u"h\u00e9 \U0001F600"));
    QTest::newRow("unicode in comment") << QByteArray("# \xc3\xa9\n1") << Value(1);
    QTest::newRow("nesting at the limit") << QByteArray(1000, '[') + QByteArray(1000, ']') << [] {
        Value v = Value::list({});
        for (int i = 1; i < 1000; ++i)
            v = Value::list({ v });
        return v;
    }();
}

void tst_Serpent::decodeForms()
{
    QFETCH(QByteArray, input);
    QFETCH(Value, expected);
    const Result<Value> decoded = m_serpent->decode(input);
    QVERIFY2(decoded, qPrintable(decoded.error().message()));
    QVERIFY2(decoded.value() == expected,
             qPrintable(QStringLiteral("got %1, expected %2").arg(GoldenCorpus::show(decoded.value()), GoldenCorpus::show(expected))));
}

void tst_Serpent::malformed_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<qsizetype>("offset");
    QTest::addColumn<QString>("what");
    const QByteArray h("# serpent utf-8 python3.2\n"); // 26 bytes
    QTest::newRow("empty") << QByteArray() << qsizetype(0) << "no value";
    QTest::newRow("header only") << h << qsizetype(26) << "no value";
    QTest::newRow("indented after header") << h + " 1" << qsizetype(26) << "unexpected indent";
    QTest::newRow("raw NUL") << QByteArray("'a\0'", 4) << qsizetype(2) << "raw NUL byte";
    QTest::newRow("trailing garbage") << h + "[1] x" << qsizetype(30) << "unexpected 'x'";
    QTest::newRow("second value on a new line") << QByteArray("1\n2") << qsizetype(2) << "unexpected '2'";
    QTest::newRow("unterminated string") << QByteArray("['abc") << qsizetype(1) << "unterminated string literal";
    QTest::newRow("newline in string") << QByteArray("'ab\ncd'") << qsizetype(0) << "unterminated string literal";
    QTest::newRow("unterminated triple") << QByteArray("'''ab''") << qsizetype(0) << "unterminated string literal";
    QTest::newRow("truncated \\x") << QByteArray("'ab\\x4'") << qsizetype(3) << "truncated \\xXX escape";
    QTest::newRow("truncated \\u") << QByteArray("'\\u12'") << qsizetype(1) << "truncated \\uXXXX escape";
    QTest::newRow("\\U out of range") << QByteArray("'\\U00110000'") << qsizetype(1) << "illegal Unicode character";
    QTest::newRow("\\N unsupported") << QByteArray("'\\N{BULLET}'") << qsizetype(1) << "\\N{...} escapes are not supported";
    QTest::newRow("non-ASCII in bytes") << QByteArray("b'\xc3\xa9'") << qsizetype(2) << "bytes can only contain ASCII";
    QTest::newRow("mixed bytes and str") << QByteArray("'a' b'b'") << qsizetype(4) << "cannot mix bytes and nonbytes";
    QTest::newRow("invalid UTF-8 in string") << QByteArray("'ab\xff'") << qsizetype(3) << "invalid UTF-8";
    QTest::newRow("encoded surrogate") << QByteArray("'\xed\xa0\x80'") << qsizetype(1) << "invalid UTF-8";
    QTest::newRow("overlong") << QByteArray("'\xc0\xaf'") << qsizetype(1) << "invalid UTF-8";
    QTest::newRow("truncated sequence") << QByteArray("'a\xe2\x82'") << qsizetype(2) << "invalid UTF-8";
    QTest::newRow("invalid UTF-8 in comment") << QByteArray("# \xff\n1") << qsizetype(2) << "invalid UTF-8";
    QTest::newRow("invalid UTF-8 as token") << QByteArray("[\xff]") << qsizetype(1) << "invalid UTF-8";
    QTest::newRow("leading zeros") << QByteArray("[012]") << qsizetype(1) << "leading zeros";
    QTest::newRow("double underscore") << QByteArray("1__0") << qsizetype(0) << "invalid decimal literal";
    QTest::newRow("letter after number") << QByteArray("[12ab]") << qsizetype(1) << "invalid decimal literal";
    QTest::newRow("exponent without digits") << QByteArray("1e+") << qsizetype(0) << "invalid decimal literal";
    QTest::newRow("bad hex") << QByteArray("0xg") << qsizetype(0) << "invalid hexadecimal literal";
    QTest::newRow("million-digit int") << h + QByteArray(1000000, '7') << qsizetype(26) << "integer literal longer than 100000 digits";
    QTest::newRow("double sign") << QByteArray("--1") << qsizetype(0) << "a sign must be followed by a number";
    QTest::newRow("sign on bool") << QByteArray("-True") << qsizetype(0) << "a sign must be followed by a number";
    QTest::newRow("complex plus complex") << QByteArray("1j+2j") << qsizetype(2) << "unexpected '+'";
    QTest::newRow("real plus real") << QByteArray("1+2") << qsizetype(1) << "only 'real+imaginary'";
    QTest::newRow("imag with signed right side") << QByteArray("(1.0+-0.0j)") << qsizetype(4) << "only 'real+imaginary'";
    QTest::newRow("unknown name") << QByteArray("[foo]") << qsizetype(1) << "unsupported name 'foo'";
    QTest::newRow("f-string") << QByteArray("f'x'") << qsizetype(0) << "unsupported name 'f'";
    QTest::newRow("frozenset()") << QByteArray("frozenset()") << qsizetype(0) << "unsupported name 'frozenset'";
    QTest::newRow("set with args") << QByteArray("set([1])") << qsizetype(0) << "only set() without arguments";
    QTest::newRow("ellipsis") << QByteArray("(1,...)") << qsizetype(3) << "Ellipsis is not supported";
    QTest::newRow("unhashable dict key") << QByteArray("{'a':1,[1]:2}") << qsizetype(7) << "unhashable type: 'list'";
    QTest::newRow("unhashable set member") << QByteArray("{1,{}}") << qsizetype(3) << "unhashable type: 'dict'";
    QTest::newRow("missing colon") << QByteArray("{1:2,3}") << qsizetype(6) << "expected ':'";
    QTest::newRow("missing comma") << QByteArray("[1 2]") << qsizetype(3) << "expected ',' or ']'";
    QTest::newRow("bad float dict") << QByteArray("[{'__class__':'float','value':'x'}]") << qsizetype(1) << "float class dict";
    QTest::newRow("deep nesting") << QByteArray(100000, '[') << qsizetype(1000) << "nesting deeper than 1000 levels";
    QTest::newRow("deep parens") << h + QByteArray(5000, '(') << qsizetype(26 + 1000) << "nesting deeper than 1000 levels";
}

void tst_Serpent::malformed()
{
    QFETCH(QByteArray, input);
    QFETCH(qsizetype, offset);
    QFETCH(QString, what);
    const Result<Value> decoded = m_serpent->decode(input);
    QVERIFY2(!decoded, qPrintable(GoldenCorpus::show(decoded.valueOr(Value()))));
    QCOMPARE(decoded.error().code(), Error::Code::SerializeError);
    QVERIFY2(decoded.error().message().contains(what), qPrintable(decoded.error().message()));
    QCOMPARE(decoded.error().offset(), offset);
    QVERIFY(decoded.error().message().endsWith(QStringLiteral(" at byte %1").arg(offset)));
}

void tst_Serpent::truncated_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<qsizetype>("offset");
    const QByteArray payload("# serpent utf-8 python3.2\n[1,'two',{'k':(3.5,None,b'\\x00')},-7]");
    // Where each cut must be reported: inside a string at its opening quote, inside a name
    // at the name, in a \\x escape at its backslash, after a sign at the sign, everywhere
    // else at the end of the data.
    const qsizetype two = payload.indexOf("'two'"), k = payload.indexOf("'k'");
    const qsizetype none = payload.indexOf("None"), b = payload.indexOf("b'"), minus = payload.indexOf("-7");
    QMap<qsizetype, qsizetype> where;
    for (qsizetype len = two + 1; len < two + 5; ++len)
        where[len] = two;
    for (qsizetype len = k + 1; len < k + 3; ++len)
        where[len] = k;
    for (qsizetype len = none + 1; len < none + 4; ++len)
        where[len] = none;
    where[b + 1] = b; // "b" alone is a name
    where[b + 2] = b + 1; // "b'"
    where[b + 3] = b + 1; // "b'\\"
    where[b + 4] = b + 2; // "b'\\x": truncated escape
    where[b + 5] = b + 2;
    where[b + 6] = b + 1; // "b'\\x00"
    where[minus + 1] = minus;
    for (qsizetype len = 0; len < payload.size(); ++len)
        QTest::addRow("cut at %lld", qlonglong(len)) << payload.left(len) << where.value(len, len);
}

void tst_Serpent::truncated()
{
    QFETCH(QByteArray, input);
    QFETCH(qsizetype, offset);
    const Result<Value> decoded = m_serpent->decode(input);
    QVERIFY2(!decoded, qPrintable(GoldenCorpus::show(decoded.valueOr(Value()))));
    QCOMPARE(decoded.error().offset(), offset);
}

void tst_Serpent::floatReprMatchesPythonFloatRepr()
{
    // serpent writes floats with its own allocation-free formatter; it must agree with
    // pythonFloatRepr (and so with Python) everywhere. Sample across all exponents.
    QRandomGenerator rng(4242);
    for (int i = 0; i < 200000; ++i) {
        quint64 bits = rng.generate64();
        double d;
        std::memcpy(&d, &bits, sizeof d);
        if (!std::isfinite(d))
            continue;
        if (i % 2)
            d = std::ldexp(double(rng.generate() % 100000), int(rng.generate() % 120) - 60);
        const Result<QByteArray> encoded = m_serpent->encode(d);
        QVERIFY(encoded);
        const QByteArray text = encoded.value().mid(26);
        if (text != pythonFloatRepr(d))
            QFAIL(qPrintable(QStringLiteral("%1 != %2").arg(QString::fromLatin1(text), QString::fromLatin1(pythonFloatRepr(d)))));
        const Result<Value> back = m_serpent->decode(encoded.value());
        QVERIFY(back && back.value() == Value(d));
    }
}

QTEST_GUILESS_MAIN(tst_Serpent)
#include "tst_serpent.moc"
