// Tests of MsgpackSerializer against real Python: bytes Pyro4 (msgpack 1.0.3) wrote must
// decode to the corpus values, our encoding must match Python's byte for byte and be read
// back by Pyro4, and hostile input must fail with an exact offset.

#include "serializers/msgpack/msgpackserializer.h"

#include "goldencorpus.h"

#include <QMap>
#include <QTest>

#include <cmath>
#include <limits>

using namespace Pyro;
using Pyro::Test::GoldenCorpus;

namespace {

const QStringList callNames = GoldenCorpus::callNames();

// Python rejects maps with non-str keys (strict_map_key=True): these corpus values are
// written by Python but cannot be read by it.
const QStringList pythonRejects = { QStringLiteral("dict_int_keys"), QStringLiteral("dict_mixed_keys") };

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
    QString failure;
    const std::optional<QStringList> dump = GoldenCorpus::runGolden(QStringLiteral("dump"), QStringLiteral("msgpack"), {}, &failure);
    QVERIFY2(dump, qPrintable(failure));
    m_python = GoldenCorpus::hexLines(*dump, QString(), &m_pythonSkipped);
    const std::optional<QStringList> dumpCall = GoldenCorpus::runGolden(QStringLiteral("dumpcall"), QStringLiteral("msgpack"), {}, &failure);
    QVERIFY2(dumpCall, qPrintable(failure));
    m_pythonCalls = GoldenCorpus::hexLines(*dumpCall);
    // Pyro4 cannot send a frozenset under msgpack; everything else must be there.
    QCOMPARE(m_pythonSkipped, QStringList { QStringLiteral("frozenset") });
    for (const auto &[name, value] : GoldenCorpus::values())
        QVERIFY2(m_python.contains(name) || m_pythonSkipped.contains(name),
                 qPrintable(QStringLiteral("golden.py did not write ") + name));
}

void tst_Msgpack::decodePythonOutput_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<Value>("expected");
    for (const auto &[name, value] : GoldenCorpus::values())
        if (!m_pythonSkipped.contains(name))
            QTest::newRow(qPrintable(name)) << name << GoldenCorpus::afterMsgpack(value);
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
    for (const auto &[name, value] : GoldenCorpus::values())
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
    for (const auto &[name, value] : GoldenCorpus::values()) {
        if (m_pythonSkipped.contains(name))
            continue;
        const Result<QByteArray> bytes = m_ser->encode(value);
        QVERIFY2(bytes.ok(), qPrintable(name + QStringLiteral(": ") + bytes.error().message()));
        lines.append(name + QLatin1Char(' ') + QString::fromLatin1(bytes.value().toHex()));
    }
    QString failure;
    const std::optional<QStringList> golden = GoldenCorpus::runGolden(QStringLiteral("check"), QStringLiteral("msgpack"), lines, &failure);
    QVERIFY2(golden, qPrintable(failure));
    const QStringList results = *golden;
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
    QVERIFY2(back.value() == GoldenCorpus::afterMsgpack(value), qPrintable(back.value().repr()));
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
    const CallEnvelope want = GoldenCorpus::calls().at(index);
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
    const QList<CallEnvelope> all = GoldenCorpus::calls();
    for (int i = 0; i < all.size(); ++i) {
        const Result<QByteArray> bytes = m_ser->encodeCall(all[i]);
        QVERIFY2(bytes.ok(), qPrintable(bytes.error().message()));
        lines.append(callNames[i] + QLatin1Char(' ') + QString::fromLatin1(bytes.value().toHex()));
    }
    QString failure;
    const std::optional<QStringList> golden = GoldenCorpus::runGolden(QStringLiteral("repr"), QStringLiteral("msgpack"), lines, &failure);
    QVERIFY2(golden, qPrintable(failure));
    const QStringList results = *golden;
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
