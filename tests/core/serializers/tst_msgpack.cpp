// Tests of MsgpackSerializer against real Python: bytes Pyro4 (msgpack 1.0.3) wrote must
// decode to the corpus values, our encoding must match Python's byte for byte and be read
// back by Pyro4, and hostile input must fail with an exact offset.

#include "serializers/msgpack/msgpackserializer.h"

#include "peerprocess.h"

#include <QMap>
#include <QTest>

#include <cmath>
#include <limits>

using namespace Pyro;

namespace {

Value bigFromText(const char *digits)
{
    return Value(*BigInt::fromString(QString::fromLatin1(digits)));
}

// The values of tests/peers/golden.py CORPUS, as Python holds them.
QList<std::pair<QString, Value>> corpus()
{
    const double inf = std::numeric_limits<double>::infinity();
    ValueList records;
    for (int i = 0; i < 20; ++i) {
        records.append(Dict { { QStringLiteral("id"), i },
                              { QStringLiteral("name"), QStringLiteral("item%1").arg(i) },
                              { QStringLiteral("price"), i * 1.25 },
                              { QStringLiteral("tags"), Value::list({ QStringLiteral("a"), QStringLiteral("b") }) } });
    }
    Value deep = QStringLiteral("deep");
    for (int i = 0; i < 21; ++i)
        deep = Value::list({ deep });
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
        { QStringLiteral("int_2_64"), bigFromText("18446744073709551616") },
        { QStringLiteral("big_pos"), bigFromText("1606938044258990275541962092341162602522202993782792835301376") },
        { QStringLiteral("big_neg"),
          bigFromText("-462068072803536855906378252728602401551029028414946485847699333055955922805275437143") },
        { QStringLiteral("float_tenth"), 0.1 },
        { QStringLiteral("float_one"), 1.0 },
        { QStringLiteral("float_negzero"), -0.0 },
        { QStringLiteral("float_1e16"), 1e16 },
        { QStringLiteral("float_1e22"), 1e22 },
        { QStringLiteral("float_small"), 1.5e-07 },
        { QStringLiteral("float_subnormal"), 5e-324 },
        { QStringLiteral("float_big"), 1.152921504606847e+18 },
        { QStringLiteral("float_pi"), 3.141592653589793 },
        { QStringLiteral("float_inf"), inf },
        { QStringLiteral("float_neginf"), -inf },
        { QStringLiteral("float_nan"), std::nan("") },
        { QStringLiteral("complex"), Complex(3, -4) },
        { QStringLiteral("complex_neg0"), Complex(-0.0, -1.5) },
        { QStringLiteral("str_empty"), QString() },
        { QStringLiteral("str_ascii"), QStringLiteral("hello world") },
        { QStringLiteral("str_quote"), QStringLiteral("it's") },
        { QStringLiteral("str_both_quotes"), QStringLiteral("it's \"x\"") },
        { QStringLiteral("str_escapes"), QStringLiteral("tab\tnl\ncr\rbs\\del\x7fnul\0bell\x07") },
        { QStringLiteral("str_latin1"), QStringLiteral(u"h\u00e9\u0085\u00a0") },
        { QStringLiteral("str_unicode"), QStringLiteral(u"h\u00e9 \u20ac \u200b \u2028 \U0001F600 \U00010000") },
        { QStringLiteral("str_long"), QString(1000, u'x') },
        { QStringLiteral("bytes_empty"), Value::bytes(QByteArray()) },
        { QStringLiteral("bytes"), Value::bytes(QByteArray("\x00\x01\xfe\xff abc'\"", 10)) },
        { QStringLiteral("bytearray"), Value::byteArray(QByteArray("\x00" "ab", 3)) },
        { QStringLiteral("tuple_empty"), Value::tuple({}) },
        { QStringLiteral("tuple_one"), Value::tuple({ 1 }) },
        { QStringLiteral("tuple"), Value::tuple({ 1, QStringLiteral("two"), 3.0, Value() }) },
        { QStringLiteral("list_empty"), Value::list({}) },
        { QStringLiteral("list_nested"),
          Value::list({ 1, Value::list({ 2, Value::list({ 3, Value::list({ Value(), true }) }) }),
                        Dict { { QStringLiteral("k"), Value::tuple({ 4, 5 }) } } }) },
        { QStringLiteral("dict_empty"), Dict() },
        { QStringLiteral("dict_str"),
          Dict { { QStringLiteral("a"), 1 },
                 { QStringLiteral("b"), Value::list({ 2 }) },
                 { QStringLiteral("c"), Dict { { QStringLiteral("d"), QStringLiteral("e") } } } } },
        { QStringLiteral("dict_int_keys"), Dict { { 1, QStringLiteral("a") }, { 2, QStringLiteral("b") } } },
        { QStringLiteral("dict_mixed_keys"),
          Dict { { 1, QStringLiteral("i") },
                 { 1.5, QStringLiteral("f") },
                 { QStringLiteral("t"), 3 },
                 { Value::tuple({ 1, 2 }), QStringLiteral("tuple") },
                 { QStringLiteral("s"), Value() } } },
        { QStringLiteral("set"), Value::set({ 1, 2, 3 }) },
        { QStringLiteral("set_str"), Value::set({ QStringLiteral("x") }) },
        { QStringLiteral("set_empty"), Value::set({}) },
        { QStringLiteral("frozenset"), Value::frozenSet({ 1, QStringLiteral("a") }) },
        { QStringLiteral("deep"), deep },
        { QStringLiteral("exception"),
          Dict { { QStringLiteral("__class__"), QStringLiteral("builtins.ValueError") },
                 { QStringLiteral("__exception__"), true },
                 { QStringLiteral("args"), Value::tuple({ QStringLiteral("bad value"), 42 }) },
                 { QStringLiteral("attributes"), Dict() } } },
        { QStringLiteral("uri"),
          Dict { { QStringLiteral("__class__"), QStringLiteral("Pyro4.core.URI") },
                 { QStringLiteral("state"),
                   Value::tuple({ QStringLiteral("PYRO"), QStringLiteral("obj"), Value(), QStringLiteral("127.0.0.1"), 1234 }) } } },
        { QStringLiteral("records"), Value::list(records) },
    };
}

// What a msgpack round trip makes of a corpus value: tuples and sets become lists (arrays),
// bytearray becomes bytes. Map keys that were tuples come back as tuples (arrays used as
// keys are turned into tuples).
Value afterMsgpack(const Value &v)
{
    switch (v.type()) {
    case Value::Type::ByteArray:
        return Value::bytes(v.toBytes());
    case Value::Type::Tuple:
    case Value::Type::List:
    case Value::Type::Set:
    case Value::Type::FrozenSet: {
        ValueList items;
        for (const Value &item : v.items())
            items.append(afterMsgpack(item));
        return Value::list(items);
    }
    case Value::Type::Dict: {
        Dict d;
        for (const Dict::Item &item : v.toDict().items())
            d.insert(item.first, afterMsgpack(item.second));
        return Value(d);
    }
    default:
        return v;
    }
}

QList<CallEnvelope> calls()
{
    CallEnvelope simple { QStringLiteral("tester"), QStringLiteral("add"), { 1, 2 }, Dict(), false, false };
    CallEnvelope kwargs { QStringLiteral("tester"), QStringLiteral("kw"), { 1 },
                          Dict { { QStringLiteral("b"), 3 }, { QStringLiteral("c"), Value::list({ 1, 2 }) } }, false, false };
    CallEnvelope getattr { QStringLiteral("tester"), QStringLiteral("__getattr__"), { QStringLiteral("value") }, Dict(), true, false };
    CallEnvelope internal { QStringLiteral("Pyro.Daemon"), QStringLiteral("get_metadata"), { QStringLiteral("tester") }, Dict(), false, true };
    return { simple, kwargs, getattr, internal };
}
const QStringList callNames = { QStringLiteral("call_simple"), QStringLiteral("call_kwargs"),
                                QStringLiteral("call_getattr"), QStringLiteral("call_internal") };

// Python rejects maps with non-str keys (strict_map_key=True): these corpus values are
// written by Python but cannot be read by it.
const QStringList pythonRejects = { QStringLiteral("dict_int_keys"), QStringLiteral("dict_mixed_keys") };

/*
    Runs tests/peers/golden.py COMMAND msgpack, feeds it \a input lines and returns its output
    lines up to END. A missing or failing peer is a test failure (reported through \a ok).
*/
QStringList runGolden(const QString &command, const QStringList &input, bool *ok, QString *failure)
{
    Pyro::Test::PeerProcess peer;
    *ok = false;
    if (!peer.start(QStringLiteral("golden.py"), { command, QStringLiteral("msgpack") })) {
        *failure = peer.failure();
        return {};
    }
    for (const QString &line : input)
        peer.process().write(line.toUtf8() + '\n');
    peer.process().closeWriteChannel();
    QStringList out;
    for (;;) {
        const QString line = peer.readLine(60000);
        if (line.isEmpty()) {
            *failure = QStringLiteral("golden.py %1 ended without END").arg(command);
            return out;
        }
        if (line == QLatin1String("END"))
            break;
        out.append(line);
    }
    *ok = true;
    return out;
}

QMap<QString, QByteArray> hexLines(const QStringList &lines, QStringList *skipped = nullptr)
{
    QMap<QString, QByteArray> map;
    for (const QString &line : lines) {
        const QStringList parts = line.split(QLatin1Char(' '));
        if (parts.size() == 2)
            map.insert(parts[0], QByteArray::fromHex(parts[1].toLatin1()));
        else if (skipped && parts.size() > 2 && parts[0] == QLatin1String("SKIP"))
            skipped->append(parts[1]);
    }
    return map;
}

QByteArray hex(const char *text)
{
    return QByteArray::fromHex(QByteArray(text));
}

} // namespace

class tst_Msgpack : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void decodePythonOutput_data();
    void decodePythonOutput();
    void encodeMatchesPython_data();
    void encodeMatchesPython();
    void pythonReadsOurEncoding();
    void smallestForms_data();
    void smallestForms();
    void extTypes_data();
    void extTypes();
    void anyMapKeys();

    void decodePythonCalls_data();
    void decodePythonCalls();
    void pythonReadsOurCalls();

    void malformed_data();
    void malformed();
    void truncationAtEveryLength();
    void hugeDeclaredLengthFailsFast();
    void deepNesting();
    void encodeErrors_data();
    void encodeErrors();

private:
    QMap<QString, QByteArray> m_python;
    QStringList m_pythonSkipped;
    QMap<QString, QByteArray> m_pythonCalls;
    const Serializer *m_ser = nullptr;
};

void tst_Msgpack::initTestCase()
{
    m_ser = Serializer::byName(u"msgpack");
    QVERIFY(m_ser);
    QCOMPARE(m_ser->id(), SerializerId::Msgpack);
    bool ok = false;
    QString failure;
    m_python = hexLines(runGolden(QStringLiteral("dump"), {}, &ok, &failure), &m_pythonSkipped);
    QVERIFY2(ok, qPrintable(failure));
    m_pythonCalls = hexLines(runGolden(QStringLiteral("dumpcall"), {}, &ok, &failure));
    QVERIFY2(ok, qPrintable(failure));
    // Pyro4 cannot send a frozenset under msgpack; everything else must be there.
    QCOMPARE(m_pythonSkipped, QStringList { QStringLiteral("frozenset") });
    for (const auto &[name, value] : corpus())
        QVERIFY2(m_python.contains(name) || m_pythonSkipped.contains(name),
                 qPrintable(QStringLiteral("golden.py did not write ") + name));
}

void tst_Msgpack::decodePythonOutput_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<Value>("expected");
    for (const auto &[name, value] : corpus())
        if (!m_pythonSkipped.contains(name))
            QTest::newRow(qPrintable(name)) << name << afterMsgpack(value);
}

void tst_Msgpack::decodePythonOutput()
{
    QFETCH(QString, name);
    QFETCH(Value, expected);
    const Result<Value> r = m_ser->decode(m_python.value(name));
    QVERIFY2(r.ok(), qPrintable(r.error().message()));
    QVERIFY2(r.value() == expected, qPrintable(r.value().repr() + QStringLiteral(" != ") + expected.repr()));
}

void tst_Msgpack::encodeMatchesPython_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<Value>("value");
    for (const auto &[name, value] : corpus())
        if (!m_pythonSkipped.contains(name))
            QTest::newRow(qPrintable(name)) << name << value;
}

// Python's msgpack output is deterministic for the corpus (sets of ints keep their order),
// so we must write the very same bytes.
void tst_Msgpack::encodeMatchesPython()
{
    QFETCH(QString, name);
    QFETCH(Value, value);
    const Result<QByteArray> ours = m_ser->encode(value);
    QVERIFY2(ours.ok(), qPrintable(ours.error().message()));
    QCOMPARE(ours.value().toHex(), m_python.value(name).toHex());
}

void tst_Msgpack::pythonReadsOurEncoding()
{
    QStringList lines;
    for (const auto &[name, value] : corpus()) {
        if (m_pythonSkipped.contains(name))
            continue;
        const Result<QByteArray> bytes = m_ser->encode(value);
        QVERIFY2(bytes.ok(), qPrintable(name + QStringLiteral(": ") + bytes.error().message()));
        lines.append(name + QLatin1Char(' ') + QString::fromLatin1(bytes.value().toHex()));
    }
    bool ok = false;
    QString failure;
    const QStringList results = runGolden(QStringLiteral("check"), lines, &ok, &failure);
    QVERIFY2(ok, qPrintable(failure));
    QCOMPARE(results.size(), lines.size());
    for (const QString &line : results) {
        const QString name = line.section(QLatin1Char(' '), 1, 1);
        if (pythonRejects.contains(name))
            QVERIFY2(line.startsWith(QLatin1String("FAIL ")) && line.contains(QLatin1String("not allowed for map key")),
                     qPrintable(line));
        else
            QVERIFY2(line.startsWith(QLatin1String("OK ")), qPrintable(line));
    }
}

void tst_Msgpack::smallestForms_data()
{
    QTest::addColumn<Value>("value");
    QTest::addColumn<QByteArray>("bytes");
    // Expected bytes as Python msgpack 1.0.3 packb(use_bin_type=True) writes them.
    QTest::newRow("127 fixint") << Value(127) << hex("7f");
    QTest::newRow("128 uint8") << Value(128) << hex("cc80");
    QTest::newRow("255 uint8") << Value(255) << hex("ccff");
    QTest::newRow("256 uint16") << Value(256) << hex("cd0100");
    QTest::newRow("65535 uint16") << Value(65535) << hex("cdffff");
    QTest::newRow("65536 uint32") << Value(65536) << hex("ce00010000");
    QTest::newRow("2**32-1 uint32") << Value(qint64(4294967295LL)) << hex("ceffffffff");
    QTest::newRow("2**32 uint64") << Value(qint64(4294967296LL)) << hex("cf0000000100000000");
    QTest::newRow("-32 negative fixint") << Value(-32) << hex("e0");
    QTest::newRow("-33 int8") << Value(-33) << hex("d0df");
    QTest::newRow("-128 int8") << Value(-128) << hex("d080");
    QTest::newRow("-129 int16") << Value(-129) << hex("d1ff7f");
    QTest::newRow("-32768 int16") << Value(-32768) << hex("d18000");
    QTest::newRow("-32769 int32") << Value(-32769) << hex("d2ffff7fff");
    QTest::newRow("-2**31-1 int64") << Value(qint64(-2147483649LL)) << hex("d3ffffffff7fffffff");
    QTest::newRow("-2**63-1 ext 0x31")
            << Value(*BigInt::fromString(u"-9223372036854775809")) << hex("c714312d39323233333732303336383534373735383039");
    QTest::newRow("str 31 fixstr") << Value(QString(31, u'x')) << (hex("bf") + QByteArray(31, 'x'));
    QTest::newRow("str 32 str8") << Value(QString(32, u'x')) << (hex("d920") + QByteArray(32, 'x'));
    QTest::newRow("str 256 str16") << Value(QString(256, u'x')) << (hex("da0100") + QByteArray(256, 'x'));
    QTest::newRow("str 65536 str32") << Value(QString(65536, u'x')) << (hex("db00010000") + QByteArray(65536, 'x'));
    QTest::newRow("bin empty") << Value::bytes(QByteArray()) << hex("c400");
    QTest::newRow("bin 256 bin16") << Value::bytes(QByteArray(256, 'b')) << (hex("c50100") + QByteArray(256, 'b'));
    QTest::newRow("bytearray is bin") << Value::byteArray(QByteArray("a")) << hex("c40161");
    QTest::newRow("array 16 array16") << Value::list(ValueList(16, Value(0))) << (hex("dc0010") + QByteArray(16, '\0'));
    Dict sixteen;
    QByteArray sixteenBytes = hex("de0010");
    for (int i = 0; i < 16; ++i) {
        sixteen.insert(QString(QChar(u'a' + i)), 0);
        sixteenBytes += hex("a1") + char('a' + i) + '\0';
    }
    QTest::newRow("map 16 map16") << Value(sixteen) << sixteenBytes;
    QTest::newRow("set is array") << Value::set({ 1 }) << hex("9101");
    QTest::newRow("float is float64") << Value(0.5) << hex("cb3fe0000000000000");
}

void tst_Msgpack::smallestForms()
{
    QFETCH(Value, value);
    QFETCH(QByteArray, bytes);
    const Result<QByteArray> r = m_ser->encode(value);
    QVERIFY2(r.ok(), qPrintable(r.error().message()));
    QCOMPARE(r.value().toHex(), bytes.toHex());
    const Result<Value> back = m_ser->decode(bytes);
    QVERIFY2(back.ok(), qPrintable(back.error().message()));
    QVERIFY2(back.value() == afterMsgpack(value), qPrintable(back.value().repr()));
}

void tst_Msgpack::extTypes_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<Value>("expected");
    // Pyro4's serializeData(datetime(2024, 1, 2, 3, 4, 5, 678901)) in the local time zone
    // of the machine that wrote it: we keep the POSIX timestamp.
    QTest::newRow("datetime ext 0x32 as timestamp") << hex("d7321d736b49df64d941") << Value(1704164645.678901);
    // Pyro4's serializeData(date(2024, 1, 2)): 8-byte C long ordinal.
    QTest::newRow("date ext 0x33 as ISO str") << hex("d73347460b0000000000") << Value(QStringLiteral("2024-01-02"));
    QTest::newRow("date ext 0x33, 4-byte ordinal (Windows)") << hex("d63347460b00") << Value(QStringLiteral("2024-01-02"));
    QTest::newRow("date ordinal 1") << hex("d7330100000000000000") << Value(QStringLiteral("0001-01-01"));
    QTest::newRow("date ordinal max") << hex("d733dbb9370000000000") << Value(QStringLiteral("9999-12-31"));
    QTest::newRow("big int ext 0x31 ext8") << hex("c714313138343436373434303733373039353531363136")
                                           << Value(*BigInt::fromString(u"18446744073709551616"));
    QTest::newRow("small int in ext 0x31") << hex("d5313432") << Value(42);
    QTest::newRow("complex ext 0x30 fixext16") << hex("d830000000000000084000000000000010c0") << Value(Complex(3, -4));
    QTest::newRow("complex in ext16 form") << hex("c8001030000000000000084000000000000010c0") << Value(Complex(3, -4));
    QTest::newRow("float32") << hex("ca3fc00000") << Value(1.5);
    QTest::newRow("uint64 max") << hex("cfffffffffffffffff") << Value(std::numeric_limits<quint64>::max());
    QTest::newRow("int64 min") << hex("d38000000000000000") << Value(std::numeric_limits<qint64>::min());
    QTest::newRow("str8 short") << hex("d90161") << Value(QStringLiteral("a"));
    QTest::newRow("array32") << hex("dd00000001c0") << Value::list({ Value() });
    QTest::newRow("map32") << hex("df00000001a161c3") << Value(Dict { { QStringLiteral("a"), true } });
}

void tst_Msgpack::extTypes()
{
    QFETCH(QByteArray, bytes);
    QFETCH(Value, expected);
    const Result<Value> r = m_ser->decode(bytes);
    QVERIFY2(r.ok(), qPrintable(r.error().message()));
    QVERIFY2(r.value() == expected, qPrintable(r.value().repr() + QStringLiteral(" != ") + expected.repr()));
}

// Keys of any type are read and written (a Python peer refuses all but str and bytes);
// arrays used as keys come back as tuples.
void tst_Msgpack::anyMapKeys()
{
    const QByteArray bytes = hex("8401a16392c3c0a174c0a162cb3ff8000000000000a166");
    const Value expected = Dict { { 1, QStringLiteral("c") },
                                  { Value::tuple({ true, Value() }), QStringLiteral("t") },
                                  { Value(), QStringLiteral("b") },
                                  { 1.5, QStringLiteral("f") } };
    const Result<Value> r = m_ser->decode(bytes);
    QVERIFY2(r.ok(), qPrintable(r.error().message()));
    QVERIFY2(r.value() == expected, qPrintable(r.value().repr()));
    const Result<QByteArray> enc = m_ser->encode(expected);
    QVERIFY(enc.ok());
    QCOMPARE(enc.value().toHex(), bytes.toHex());
}

void tst_Msgpack::decodePythonCalls_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("index");
    for (int i = 0; i < callNames.size(); ++i)
        QTest::newRow(qPrintable(callNames[i])) << callNames[i] << i;
}

void tst_Msgpack::decodePythonCalls()
{
    QFETCH(QString, name);
    QFETCH(int, index);
    QVERIFY(m_pythonCalls.contains(name));
    const Result<CallEnvelope> r = m_ser->decodeCall(m_pythonCalls.value(name));
    QVERIFY2(r.ok(), qPrintable(r.error().message()));
    const CallEnvelope want = calls().at(index);
    QCOMPARE(r.value().objectId, want.objectId);
    QCOMPARE(r.value().method, want.method);
    QVERIFY(r.value().args == want.args);
    QVERIFY(r.value().kwargs == want.kwargs);
    QCOMPARE(r.value().kwargsIsNone, want.kwargsIsNone);

    // And we write the same bytes as the Python client.
    const Result<QByteArray> ours = m_ser->encodeCall(want);
    QVERIFY2(ours.ok(), qPrintable(ours.error().message()));
    QCOMPARE(ours.value().toHex(), m_pythonCalls.value(name).toHex());
}

void tst_Msgpack::pythonReadsOurCalls()
{
    QStringList lines;
    const QList<CallEnvelope> all = calls();
    for (int i = 0; i < all.size(); ++i) {
        const Result<QByteArray> bytes = m_ser->encodeCall(all[i]);
        QVERIFY2(bytes.ok(), qPrintable(bytes.error().message()));
        lines.append(callNames[i] + QLatin1Char(' ') + QString::fromLatin1(bytes.value().toHex()));
    }
    bool ok = false;
    QString failure;
    const QStringList results = runGolden(QStringLiteral("repr"), lines, &ok, &failure);
    QVERIFY2(ok, qPrintable(failure));
    const QStringList expected = {
        QStringLiteral("call_simple ('tester', 'add', [1, 2], {})"),
        QStringLiteral("call_kwargs ('tester', 'kw', [1], {'b': 3, 'c': [1, 2]})"),
        QStringLiteral("call_getattr ('tester', '__getattr__', ['value'], None)"),
        QStringLiteral("call_internal ('Pyro.Daemon', 'get_metadata', ['tester'], {})"),
    };
    QCOMPARE(results, expected);
}

void tst_Msgpack::malformed_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<qsizetype>("offset");
    QTest::addColumn<QString>("message");
    QTest::newRow("empty input") << QByteArray() << qsizetype(0) << QStringLiteral("truncated");
    QTest::newRow("reserved code 0xc1") << hex("c1") << qsizetype(0) << QStringLiteral("unknown type code 0xc1");
    QTest::newRow("reserved code in array") << hex("92c0c1") << qsizetype(2) << QStringLiteral("unknown type code 0xc1");
    QTest::newRow("trailing bytes") << hex("c0c0c0") << qsizetype(1) << QStringLiteral("2 unexpected bytes");
    QTest::newRow("uint32 truncated") << hex("ce0001") << qsizetype(1) << QStringLiteral("truncated input: uint32 needs 4 bytes, 2 left");
    QTest::newRow("float64 truncated") << hex("cb3ff0") << qsizetype(1) << QStringLiteral("truncated");
    QTest::newRow("fixarray beyond input") << hex("93c0") << qsizetype(0) << QStringLiteral("array length 3 exceeds the 1 bytes left");
    QTest::newRow("array32 length 0x7fffffff") << hex("dd7fffffffc0c0c0c0c0") << qsizetype(1)
                                               << QStringLiteral("array length 2147483647 exceeds the 5 bytes left");
    QTest::newRow("array32 length 0xffffffff") << hex("ddffffffffc0c0c0c0c0") << qsizetype(1) << QStringLiteral("exceeds");
    QTest::newRow("map32 huge") << hex("df7fffffffc0c0c0c0c0") << qsizetype(1) << QStringLiteral("map length 2147483647 exceeds");
    QTest::newRow("fixmap needs two bytes per entry") << hex("82c0c0c0") << qsizetype(0) << QStringLiteral("map length 2 exceeds");
    QTest::newRow("str32 huge") << hex("db7fffffff6161") << qsizetype(1) << QStringLiteral("str length 2147483647 exceeds");
    QTest::newRow("fixstr beyond input") << hex("a56162") << qsizetype(1) << QStringLiteral("truncated");
    QTest::newRow("bin32 huge") << hex("c67fffffff00") << qsizetype(1) << QStringLiteral("bin length 2147483647 exceeds");
    QTest::newRow("ext32 huge") << hex("c97fffffff30") << qsizetype(1) << QStringLiteral("ext length 2147483647 exceeds");
    QTest::newRow("ext8 data beyond input") << hex("c7103000") << qsizetype(1) << QStringLiteral("ext length 16 exceeds the 2 bytes left");
    QTest::newRow("fixext without type") << hex("d4") << qsizetype(1) << QStringLiteral("truncated");
    QTest::newRow("invalid UTF-8 in str") << hex("a2c328") << qsizetype(1) << QStringLiteral("invalid UTF-8");
    QTest::newRow("encoded surrogate in str") << hex("a46158eda080") << qsizetype(3) << QStringLiteral("invalid UTF-8");
    QTest::newRow("UTF-8 sequence cut by the str length") << hex("a361e282") << qsizetype(2) << QStringLiteral("invalid UTF-8");
    QTest::newRow("UTF-8 lead without continuation") << hex("a3e28261") << qsizetype(1) << QStringLiteral("invalid UTF-8");
    QTest::newRow("unknown ext code") << hex("d42a00") << qsizetype(0) << QStringLiteral("invalid ext code 42");
    QTest::newRow("msgpack timestamp ext -1") << hex("d6ff00000000") << qsizetype(0) << QStringLiteral("invalid ext code -1");
    QTest::newRow("complex ext of 8 bytes") << hex("d7300000000000000000") << qsizetype(0) << QStringLiteral("complex ext needs 16 bytes");
    QTest::newRow("int ext not digits") << hex("d5316162") << qsizetype(0) << QStringLiteral("invalid int ext");
    QTest::newRow("int ext empty") << hex("c70031") << qsizetype(0) << QStringLiteral("invalid int ext");
    QTest::newRow("datetime ext of 4 bytes") << hex("d63200000000") << qsizetype(0) << QStringLiteral("datetime ext needs 8 bytes");
    QTest::newRow("date ordinal 0") << hex("d7330000000000000000") << qsizetype(0) << QStringLiteral("out of range");
    QTest::newRow("date ordinal too big") << hex("d733dcb9370000000000") << qsizetype(0) << QStringLiteral("out of range");
    QTest::newRow("date ext of 2 bytes") << hex("d5330100") << qsizetype(0) << QStringLiteral("date ext needs 8");
    QTest::newRow("map as map key") << hex("818001") << qsizetype(1) << QStringLiteral("unhashable type 'dict' as map key");
    QTest::newRow("map inside array key") << hex("81918001") << qsizetype(1) << QStringLiteral("unhashable type 'tuple'");
}

void tst_Msgpack::malformed()
{
    QFETCH(QByteArray, bytes);
    QFETCH(qsizetype, offset);
    QFETCH(QString, message);
    const Result<Value> r = m_ser->decode(bytes);
    QVERIFY2(!r.ok(), qPrintable(r.ok() ? r.value().repr() : QString()));
    QCOMPARE(r.error().code(), Error::Code::SerializeError);
    QVERIFY2(r.error().message().contains(message), qPrintable(r.error().message()));
    QCOMPARE(r.error().offset(), offset);
}

void tst_Msgpack::truncationAtEveryLength()
{
    for (auto it = m_python.cbegin(); it != m_python.cend(); ++it) {
        const QByteArray &full = it.value();
        QVERIFY2(m_ser->decode(full).ok(), qPrintable(it.key()));
        for (qsizetype len = 0; len < full.size(); ++len) {
            const Result<Value> r = m_ser->decode(full.left(len));
            QVERIFY2(!r.ok(), qPrintable(QStringLiteral("%1 cut at %2 decoded").arg(it.key()).arg(len)));
            QVERIFY2(r.error().offset() >= 0 && r.error().offset() <= len,
                     qPrintable(QStringLiteral("%1 cut at %2: offset %3").arg(it.key()).arg(len).arg(r.error().offset())));
        }
    }
}

void tst_Msgpack::hugeDeclaredLengthFailsFast()
{
    // Every 32-bit length form with the largest length and nothing behind it.
    for (const char *prefix : { "dd", "df", "db", "c6", "c9" }) {
        const QByteArray bytes = hex(prefix) + hex("ffffffff") + QByteArray(5, '\xc0');
        const Result<Value> r = m_ser->decode(bytes);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().offset(), qsizetype(1));
    }
}

void tst_Msgpack::deepNesting()
{
    const QByteArray bytes = QByteArray(100000, '\x91') + hex("c0");
    const Result<Value> r = m_ser->decode(bytes);
    QVERIFY(!r.ok());
    QVERIFY2(r.error().message().contains(QLatin1String("nesting deeper than 1000")), qPrintable(r.error().message()));
    QCOMPARE(r.error().offset(), qsizetype(1000));

    const QByteArray ok = QByteArray(1000, '\x91') + hex("c0");
    QVERIFY(m_ser->decode(ok).ok());
    DecodeLimits limits;
    limits.maxDepth = 10;
    QVERIFY(!m_ser->decode(ok, limits).ok());
    // maps count too
    QVERIFY(!m_ser->decode(QByteArray(1001, '\x81').replace(1000, 1, hex("c0")), limits).ok());
}

void tst_Msgpack::encodeErrors_data()
{
    QTest::addColumn<Value>("value");
    QTest::addColumn<QString>("message");
    QTest::newRow("frozenset, like Pyro4") << Value::frozenSet({ 1 }) << QStringLiteral("frozenset cannot be serialized");
    QTest::newRow("frozenset nested") << Value::list({ Value::frozenSet({}) }) << QStringLiteral("frozenset");
    QTest::newRow("lone surrogate") << Value(QStringLiteral("a") + QChar(0xdc00)) << QStringLiteral("lone surrogate at index 1");
    Value deep;
    for (int i = 0; i < 512; ++i)
        deep = Value::list({ deep });
    QTest::newRow("nesting beyond Python's 511") << deep << QStringLiteral("recursion limit exceeded");
}

void tst_Msgpack::encodeErrors()
{
    QFETCH(Value, value);
    QFETCH(QString, message);
    const Result<QByteArray> r = m_ser->encode(value);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code(), Error::Code::SerializeError);
    QVERIFY2(r.error().message().contains(message), qPrintable(r.error().message()));
}

QTEST_GUILESS_MAIN(tst_Msgpack)
#include "tst_msgpack.moc"
