// json against real Python Pyro4: golden blobs from tests/peers/golden.py, C++ output
// checked by Python, byte-exact comparison, and malformed input with exact offsets.

#include "serializers/json/jsonserializer.h"
#include "peerprocess.h"
#include "value/floatformat.h"

#include <QtTest>

#include <cmath>
#include <limits>

using namespace Pyro;
using Pyro::Test::PeerProcess;

namespace {

Value bigFromText(const char16_t *text)
{
    return Value(*BigInt::fromString(QStringView(text)));
}

Value dictOf(std::initializer_list<Dict::Item> items)
{
    return Value(Dict(items));
}

// The same names and values as CORPUS in tests/peers/golden.py.
QList<std::pair<QString, Value>> corpus()
{
    Value deep = Value::list({ QStringLiteral("deep") });
    for (int i = 1; i < 21; ++i)
        deep = Value::list({ deep });
    ValueList records;
    for (int i = 0; i < 20; ++i) {
        records.append(dictOf({ { QStringLiteral("id"), i },
                                { QStringLiteral("name"), QStringLiteral("item%1").arg(i) },
                                { QStringLiteral("price"), i * 1.25 },
                                { QStringLiteral("tags"), Value::list({ QStringLiteral("a"), QStringLiteral("b") }) } }));
    }
    QString escapes = QStringLiteral("tab\tnl\ncr\rbs\\del\x7fnul");
    escapes += QChar(0);
    escapes += QStringLiteral("bell\x07");
    return {
        { QStringLiteral("none"), Value() },
        { QStringLiteral("true"), true },
        { QStringLiteral("false"), false },
        { QStringLiteral("int_zero"), 0 },
        { QStringLiteral("int_small"), 7 },
        { QStringLiteral("int_neg"), -7 },
        { QStringLiteral("int32_max"), qint64(2147483647) },
        { QStringLiteral("int32_min"), qint64(-2147483648LL) },
        { QStringLiteral("int32_over"), qint64(2147483648LL) },
        { QStringLiteral("int64_max"), std::numeric_limits<qint64>::max() },
        { QStringLiteral("int64_min"), std::numeric_limits<qint64>::min() },
        { QStringLiteral("uint64_max"), std::numeric_limits<quint64>::max() },
        { QStringLiteral("int_2_64"), bigFromText(u"18446744073709551616") },
        { QStringLiteral("big_pos"), bigFromText(u"1606938044258990275541962092341162602522202993782792835301376") },
        { QStringLiteral("big_neg"), bigFromText(u"-462068072803536855906378252728602401551029028414946485847699333055955922805275437143") },
        { QStringLiteral("float_tenth"), 0.1 },
        { QStringLiteral("float_one"), 1.0 },
        { QStringLiteral("float_negzero"), -0.0 },
        { QStringLiteral("float_1e16"), 1e16 },
        { QStringLiteral("float_1e22"), 1e22 },
        { QStringLiteral("float_small"), 1.5e-07 },
        { QStringLiteral("float_subnormal"), 5e-324 },
        { QStringLiteral("float_big"), 1.152921504606847e+18 },
        { QStringLiteral("float_pi"), 3.141592653589793 },
        { QStringLiteral("float_inf"), std::numeric_limits<double>::infinity() },
        { QStringLiteral("float_neginf"), -std::numeric_limits<double>::infinity() },
        { QStringLiteral("float_nan"), std::numeric_limits<double>::quiet_NaN() },
        { QStringLiteral("complex"), Complex(3, -4) },
        { QStringLiteral("complex_neg0"), Complex(-0.0, -1.5) },
        { QStringLiteral("str_empty"), QString() },
        { QStringLiteral("str_ascii"), QStringLiteral("hello world") },
        { QStringLiteral("str_quote"), QStringLiteral("it's") },
        { QStringLiteral("str_both_quotes"), QStringLiteral("it's \"x\"") },
        { QStringLiteral("str_escapes"), escapes },
        { QStringLiteral("str_latin1"), u"h\u00e9\u0085\u00a0" },
        { QStringLiteral("str_unicode"), u"h\u00e9 \u20ac \u200b \u2028 \U0001F600 \U00010000" },
        { QStringLiteral("str_long"), QString(1000, QLatin1Char('x')) },
        { QStringLiteral("bytes_empty"), Value::bytes(QByteArray()) },
        { QStringLiteral("bytes"), Value::bytes(QByteArray("\x00\x01\xfe\xff abc'\"", 10)) },
        { QStringLiteral("bytearray"), Value::byteArray(QByteArray("\0ab", 3)) },
        { QStringLiteral("tuple_empty"), Value::tuple({}) },
        { QStringLiteral("tuple_one"), Value::tuple({ 1 }) },
        { QStringLiteral("tuple"), Value::tuple({ 1, QStringLiteral("two"), 3.0, Value() }) },
        { QStringLiteral("list_empty"), Value::list({}) },
        { QStringLiteral("list_nested"),
          Value::list({ 1, Value::list({ 2, Value::list({ 3, Value::list({ Value(), true }) }) }),
                        dictOf({ { QStringLiteral("k"), Value::tuple({ 4, 5 }) } }) }) },
        { QStringLiteral("dict_empty"), Value(Dict()) },
        { QStringLiteral("dict_str"),
          dictOf({ { QStringLiteral("a"), 1 },
                   { QStringLiteral("b"), Value::list({ 2 }) },
                   { QStringLiteral("c"), dictOf({ { QStringLiteral("d"), QStringLiteral("e") } }) } }) },
        { QStringLiteral("dict_int_keys"), dictOf({ { 1, QStringLiteral("a") }, { 2, QStringLiteral("b") } }) },
        { QStringLiteral("dict_mixed_keys"),
          dictOf({ { 1, QStringLiteral("i") },
                   { 1.5, QStringLiteral("f") },
                   { QStringLiteral("t"), 3 },
                   { Value::tuple({ 1, 2 }), QStringLiteral("tuple") },
                   { QStringLiteral("s"), Value() } }) },
        { QStringLiteral("set"), Value::set({ 1, 2, 3 }) },
        { QStringLiteral("set_str"), Value::set({ QStringLiteral("x") }) },
        { QStringLiteral("set_empty"), Value::set({}) },
        { QStringLiteral("frozenset"), Value::frozenSet({ 1, QStringLiteral("a") }) },
        { QStringLiteral("deep"), deep },
        { QStringLiteral("exception"),
          dictOf({ { QStringLiteral("__class__"), QStringLiteral("builtins.ValueError") },
                   { QStringLiteral("__exception__"), true },
                   { QStringLiteral("args"), Value::tuple({ QStringLiteral("bad value"), 42 }) },
                   { QStringLiteral("attributes"), Value(Dict()) } }) },
        { QStringLiteral("uri"),
          dictOf({ { QStringLiteral("__class__"), QStringLiteral("Pyro4.core.URI") },
                   { QStringLiteral("state"),
                     Value::tuple({ QStringLiteral("PYRO"), QStringLiteral("obj"), Value(),
                                    QStringLiteral("127.0.0.1"), 1234 }) } }) },
        { QStringLiteral("records"), Value::list(records) },
    };
}

// What Python's json gives for a value: tuples and sets become lists, non-str keys are
// stringified. Returns false for what Python's json cannot encode.
bool jsonNormalize(const Value &v, Value &out)
{
    switch (v.type()) {
    case Value::Type::Bytes:
    case Value::Type::ByteArray:
    case Value::Type::Complex:
    case Value::Type::FrozenSet:
        return false;
    case Value::Type::Tuple:
    case Value::Type::List:
    case Value::Type::Set: {
        ValueList items;
        for (const Value &item : v.items()) {
            Value n;
            if (!jsonNormalize(item, n))
                return false;
            items.append(n);
        }
        out = Value::list(items);
        return true;
    }
    case Value::Type::Dict: {
        Dict d;
        for (const auto &[k, val] : v.toDict().items()) {
            Value key;
            switch (k.type()) {
            case Value::Type::Str: key = k; break;
            case Value::Type::Int: key = k.toBigInt().toString(); break;
            case Value::Type::Float: key = QString::fromLatin1(pythonFloatRepr(k.toDouble())); break;
            case Value::Type::Bool: key = k.toBool() ? QStringLiteral("true") : QStringLiteral("false"); break;
            case Value::Type::None: key = QStringLiteral("null"); break;
            default: return false;
            }
            Value n;
            if (!jsonNormalize(val, n))
                return false;
            d.insert(key, n);
        }
        out = Value(d);
        return true;
    }
    default:
        out = v;
        return true;
    }
}

QString show(const Value &v)
{
    const Result<QByteArray> r = Serializer::byName(u"serpent")->encode(v);
    return r ? QString::fromUtf8(r.value()).section(QLatin1Char('\n'), 1) : QStringLiteral("<unencodable>");
}

// Runs golden.py CMD json, optionally feeding it lines, and returns its NAME -> rest lines.
bool runGolden(const QStringList &args, const QByteArray &input, QMap<QString, QString> &lines, QString &failure)
{
    PeerProcess peer;
    if (!peer.start(QStringLiteral("golden.py"), args)) {
        failure = peer.failure();
        return false;
    }
    if (!input.isEmpty())
        peer.process().write(input);
    peer.process().closeWriteChannel();
    for (;;) {
        const QString line = peer.readLine(60000);
        if (line.isEmpty()) {
            failure = QStringLiteral("golden.py %1 ended without END").arg(args.join(QLatin1Char(' ')));
            return false;
        }
        if (line == QLatin1String("END"))
            return true;
        if (line.startsWith(QLatin1String("SKIP ")) || line.startsWith(QLatin1String("OK "))
            || line.startsWith(QLatin1String("FAIL "))) {
            const QString kind = line.section(QLatin1Char(' '), 0, 0);
            lines.insert(line.section(QLatin1Char(' '), 1, 1), kind + QLatin1Char(' ') + line.section(QLatin1Char(' '), 2));
        } else {
            lines.insert(line.section(QLatin1Char(' '), 0, 0), line.section(QLatin1Char(' '), 1));
        }
    }
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

static const QStringList callNames { QStringLiteral("call_simple"), QStringLiteral("call_kwargs"),
                                     QStringLiteral("call_getattr"), QStringLiteral("call_internal") };

static QList<CallEnvelope> callValues()
{
    return {
        CallEnvelope { QStringLiteral("tester"), QStringLiteral("add"), { 1, 2 }, Dict(), false, false },
        CallEnvelope { QStringLiteral("tester"), QStringLiteral("kw"), { 1 },
                       Dict { { QStringLiteral("b"), 3 }, { QStringLiteral("c"), Value::list({ 1, 2 }) } }, false, false },
        CallEnvelope { QStringLiteral("tester"), QStringLiteral("__getattr__"), { QStringLiteral("value") }, Dict(), true, false },
        CallEnvelope { QStringLiteral("Pyro.Daemon"), QStringLiteral("get_metadata"), { QStringLiteral("tester") }, Dict(), false, false },
    };
}

void tst_Json::initTestCase()
{
    m_json = Serializer::byName(u"json");
    QVERIFY(m_json);
    QString failure;
    QVERIFY2(runGolden({ QStringLiteral("dump"), QStringLiteral("json") }, {}, m_pythonBlobs, failure), qPrintable(failure));
    QVERIFY2(runGolden({ QStringLiteral("dumpcall"), QStringLiteral("json") }, {}, m_pythonCalls, failure), qPrintable(failure));
    QByteArray lines;
    for (const auto &[name, value] : corpus()) {
        const Result<QByteArray> encoded = m_json->encode(value);
        if (encoded)
            lines += name.toUtf8() + ' ' + encoded.value().toHex() + '\n';
    }
    QVERIFY2(runGolden({ QStringLiteral("check"), QStringLiteral("json") }, lines, m_pythonVerdicts, failure),
             qPrintable(failure));
    // golden.py's check compares call vargs with a tuple, which json never gives (not even
    // Python's own envelopes), so calls are compared through Pyro4's repr() instead.
    QByteArray callLines;
    const QList<CallEnvelope> calls = callValues();
    for (int i = 0; i < calls.size(); ++i) {
        const Result<QByteArray> encoded = m_json->encodeCall(calls[i]);
        QVERIFY(encoded);
        callLines += callNames[i].toUtf8() + ' ' + encoded.value().toHex() + '\n';
    }
    QVERIFY2(runGolden({ QStringLiteral("repr"), QStringLiteral("json") }, callLines, m_pythonCallReprs, failure),
             qPrintable(failure));
}

void tst_Json::decodePythonBlob_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<Value>("expected");
    for (const auto &[name, value] : corpus()) {
        Value normalized;
        if (jsonNormalize(value, normalized))
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
             qPrintable(QStringLiteral("got %1, expected %2").arg(show(decoded.value()), show(expected))));
}

void tst_Json::encodeMatchesPythonBytes_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<Value>("value");
    for (const auto &[name, value] : corpus()) {
        Value normalized;
        if (jsonNormalize(value, normalized))
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
    for (const auto &[name, value] : corpus()) {
        Value normalized;
        if (!jsonNormalize(value, normalized))
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
    for (const auto &[name, value] : corpus()) {
        Value normalized;
        if (jsonNormalize(value, normalized))
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
    const CallEnvelope want = callValues()[index];
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
             qPrintable(QStringLiteral("got %1, expected %2").arg(show(decoded.value()), show(expected))));
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
    QVERIFY2(!decoded, qPrintable(show(decoded.valueOr(Value()))));
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
    QVERIFY2(!decoded, qPrintable(show(decoded.valueOr(Value()))));
    QCOMPARE(decoded.error().offset(), offset);
}

QTEST_GUILESS_MAIN(tst_Json)
#include "tst_json.moc"
