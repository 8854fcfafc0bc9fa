// Tests of the streaming decode + encode (Serializer::decodeItems, ItemEncoder, transcode):
// for every pair of formats, the bytes and errors must be exactly those of decode() followed
// by encode(), whatever the top-level value, with hostile input as strict as decode().

#include "serializers/serializer.h"

#include "goldencorpus.h"

#include <QTest>
#include <QThread>

using namespace Pyro;
using Pyro::Test::GoldenCorpus;

namespace {

struct Outcome
{
    bool ok = false;
    bool decodeFailed = false;
    QByteArray bytes;
    QString error;
};

// What convert did before streaming: the whole value decoded, then encoded.
Outcome wholeValue(const Serializer &from, const Serializer &to, const QByteArray &data, const DecodeLimits &limits = {})
{
    Outcome o;
    const Result<Value> v = from.decode(data, limits);
    if (!v) {
        o.decodeFailed = true;
        o.error = v.error().message();
        return o;
    }
    const Result<QByteArray> e = to.encode(v.value());
    if (!e) {
        o.error = e.error().message();
        return o;
    }
    o.ok = true;
    o.bytes = e.value();
    return o;
}

Outcome streamed(const Serializer &from, const Serializer &to, const QByteArray &data, const DecodeLimits &limits = {})
{
    Outcome o;
    const Result<QByteArray> r = Serializer::transcode(from, to, data, &o.decodeFailed, limits);
    if (r) {
        o.ok = true;
        o.bytes = r.value();
    } else {
        o.error = r.error().message();
    }
    return o;
}

// Compares the two outcomes; returns a description of the first difference, or empty.
QString difference(const Outcome &a, const Outcome &b)
{
    if (a.ok != b.ok || a.decodeFailed != b.decodeFailed)
        return QStringLiteral("whole: ok=%1 decodeFailed=%2 '%3'; streamed: ok=%4 decodeFailed=%5 '%6'")
                .arg(a.ok)
                .arg(a.decodeFailed)
                .arg(a.error)
                .arg(b.ok)
                .arg(b.decodeFailed)
                .arg(b.error);
    if (a.error != b.error)
        return QStringLiteral("errors differ: '%1' vs '%2'").arg(a.error, b.error);
    if (a.bytes != b.bytes)
        return QStringLiteral("bytes differ: %1 vs %2").arg(QString::fromLatin1(a.bytes.left(200).toHex()),
                                                             QString::fromLatin1(b.bytes.left(200).toHex()));
    return QString();
}

const QStringList formats = Serializer::names();

// Values whose top level is a list or tuple, streamed, and some that are not.
QList<std::pair<QString, Value>> topLevelValues()
{
    QList<std::pair<QString, Value>> out;
    ValueList corpus;
    for (const auto &[name, value] : GoldenCorpus::values()) {
        out.append({ name, value });
        corpus.append(value);
        out.append({ name + QStringLiteral("_in_list"), Value::list({ value, 1, value }) });
        out.append({ name + QStringLiteral("_in_tuple1"), Value::tuple({ value }) });
    }
    out.append({ QStringLiteral("corpus_list"), Value::list(corpus) });
    out.append({ QStringLiteral("corpus_tuple"), Value::tuple(corpus) });
    ValueList many;
    for (int i = 0; i < 70000; ++i) // msgpack's 32-bit array header; marshal's '(' tuple
        many.append(i % 7 == 0 ? Value(QStringLiteral("s%1").arg(i % 100)) : Value(i));
    out.append({ QStringLiteral("many_list"), Value::list(many) });
    out.append({ QStringLiteral("many_tuple"), Value::tuple(many) });
    out.append({ QStringLiteral("list300"), Value::list(many.mid(0, 300)) });
    out.append({ QStringLiteral("tuple300"), Value::tuple(many.mid(0, 300)) });
    out.append({ QStringLiteral("list16"), Value::list(many.mid(0, 16)) });
    out.append({ QStringLiteral("empty_list"), Value::list({}) });
    out.append({ QStringLiteral("empty_tuple"), Value::tuple({}) });
    out.append({ QStringLiteral("tuple2"), Value::tuple({ 1, 2 }) });
    return out;
}

} // namespace

class tst_Transcode : public QObject
{
    Q_OBJECT

private slots:
    void sameAsWholeValue_data();
    void sameAsWholeValue();
    void hostileInput_data();
    void hostileInput();
    void truncationAtEveryLength_data();
    void truncationAtEveryLength();
    void decodeErrorWinsOverEncodeError();
    void encodeDepthCountsTheTopLevel();
    void sinkSeesItemsOneByOne();
};

void tst_Transcode::sameAsWholeValue_data()
{
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");
    QTest::addColumn<QByteArray>("data");
    for (const auto &[name, value] : topLevelValues()) {
        for (const QString &from : formats) {
            const Result<QByteArray> data = Serializer::byName(from)->encode(value);
            if (!data)
                continue;
            for (const QString &to : formats)
                QTest::addRow("%s %s->%s", qPrintable(name), qPrintable(from), qPrintable(to)) << from << to << data.value();
        }
    }
}

void tst_Transcode::sameAsWholeValue()
{
    QFETCH(QString, from);
    QFETCH(QString, to);
    QFETCH(QByteArray, data);
    const Serializer &f = *Serializer::byName(from), &t = *Serializer::byName(to);
    const QString diff = difference(wholeValue(f, t, data), streamed(f, t, data));
    QVERIFY2(diff.isEmpty(), qPrintable(diff));
}

void tst_Transcode::hostileInput_data()
{
    QTest::addColumn<QString>("from");
    QTest::addColumn<QByteArray>("data");
    // serpent: a streamed list that is only the first item of a top-level tuple, grouping,
    // trailing garbage, a bad item after good ones
    QTest::newRow("serpent list then comma") << "serpent" << QByteArray("[1, 'a', [2]], 3");
    QTest::newRow("serpent tuple then comma") << "serpent" << QByteArray("(1, 2), [3]");
    QTest::newRow("serpent list then comma end") << "serpent" << QByteArray("[1, 2],");
    QTest::newRow("serpent grouping") << "serpent" << QByteArray("([1, 2])");
    QTest::newRow("serpent one tuple") << "serpent" << QByteArray("(1,)");
    QTest::newRow("serpent bare tuple") << "serpent" << QByteArray("1, [2, 3]");
    QTest::newRow("serpent trailing") << "serpent" << QByteArray("[1, 2] 3");
    QTest::newRow("serpent bad item") << "serpent" << QByteArray("[1, 2, foo]");
    QTest::newRow("serpent unclosed") << "serpent" << QByteArray("[1, 2,");
    QTest::newRow("serpent header list") << "serpent" << QByteArray("# serpent utf-8 python3.2\n[1,(2,3),{'a':b''}]");
    QTest::newRow("serpent list then comment") << "serpent" << QByteArray("[1,2] # x\n");
    QTest::newRow("serpent set keys") << "serpent" << QByteArray("[{1,2},{(1,2):3}]");
    QTest::newRow("serpent nul") << "serpent" << QByteArray("[1, 2]\0", 7);
    QTest::newRow("json trailing") << "json" << QByteArray("[1, 2] x");
    QTest::newRow("json bad item") << "json" << QByteArray("[1, 2, tru]");
    QTest::newRow("json nested") << "json" << QByteArray("[[1, [2]], {\"a\": [3]}]");
    QTest::newRow("json two docs") << "json" << QByteArray("[1] [2]");
    QTest::newRow("json comma end") << "json" << QByteArray("[1, 2, ]");
    QTest::newRow("msgpack trailing") << "msgpack" << QByteArray::fromHex("920102c0");
    QTest::newRow("msgpack bad item") << "msgpack" << QByteArray::fromHex("930102c1");
    QTest::newRow("msgpack huge count") << "msgpack" << QByteArray::fromHex("ddffffffff0102");
    QTest::newRow("msgpack array16") << "msgpack" << QByteArray::fromHex("dc00020102");
    QTest::newRow("msgpack list key") << "msgpack" << QByteArray::fromHex("9181920102c3");
    QTest::newRow("marshal trailing") << "marshal" << QByteArray::fromHex("5b01000000e90100000000");
    QTest::newRow("marshal huge count") << "marshal" << QByteArray::fromHex("5bffffff7f4e");
    QTest::newRow("marshal ref to top") << "marshal" << QByteArray::fromHex("db0200000072000000004e");
    QTest::newRow("marshal refs across items") << "marshal" << QByteArray::fromHex("5b02000000da01617200000000");
    QTest::newRow("marshal ref items") << "marshal" << QByteArray::fromHex("db02000000da01617201000000");
    QTest::newRow("marshal small tuple") << "marshal" << QByteArray::fromHex("2902e90100000046");
    QTest::newRow("marshal set") << "marshal" << QByteArray::fromHex("3c02000000e901000000e901000000");
    QTest::newRow("pickle list") << "pickle" << QByteArray::fromHex("80045d94284b014b02652e");
}

void tst_Transcode::hostileInput()
{
    QFETCH(QString, from);
    QFETCH(QByteArray, data);
    const Serializer &f = *Serializer::byName(from);
    for (const QString &to : formats) {
        const Serializer &t = *Serializer::byName(to);
        const QString diff = difference(wholeValue(f, t, data), streamed(f, t, data));
        QVERIFY2(diff.isEmpty(), qPrintable(to + QStringLiteral(": ") + diff));
    }
}

void tst_Transcode::truncationAtEveryLength_data()
{
    QTest::addColumn<QString>("from");
    for (const QString &from : formats)
        QTest::newRow(qPrintable(from)) << from;
}

void tst_Transcode::truncationAtEveryLength()
{
    QFETCH(QString, from);
    const Serializer &f = *Serializer::byName(from);
    Dict record { { QStringLiteral("id"), 7 }, { QStringLiteral("name"), QStringLiteral("Zürich ✓") },
                  { QStringLiteral("big"), BigInt::fromString(QStringLiteral("1180591620717411303424")).value() },
                  { QStringLiteral("tags"), Value::list({ QStringLiteral("a"), 2.5, Value() }) } };
    const Value value = Value::list({ Value(record), Value::tuple({ 1, QStringLiteral("x") }), Value(record) });
    const QByteArray data = f.encode(value).value();
    for (qsizetype n = 0; n <= data.size(); ++n) {
        for (const QString &to : formats) {
            const Serializer &t = *Serializer::byName(to);
            const QByteArray cut = data.left(n);
            const QString diff = difference(wholeValue(f, t, cut), streamed(f, t, cut));
            QVERIFY2(diff.isEmpty(), qPrintable(QStringLiteral("%1 bytes to %2: %3").arg(n).arg(to, diff)));
        }
    }
}

void tst_Transcode::decodeErrorWinsOverEncodeError()
{
    // json cannot encode a complex: the first item fails to encode, the third to decode.
    const Serializer &serpent = *Serializer::byName(u"serpent"), &json = *Serializer::byName(u"json");
    Outcome o = streamed(serpent, json, "[(1+2j), 1, foo]");
    QVERIFY(!o.ok);
    QVERIFY(o.decodeFailed);
    QCOMPARE(o.error, serpent.decode("[(1+2j), 1, foo]").error().message());
    o = streamed(serpent, json, "[1, (1+2j), 2]");
    QVERIFY(!o.ok);
    QVERIFY(!o.decodeFailed);
    QCOMPARE(o.error, wholeValue(serpent, json, "[1, (1+2j), 2]").error);
}

void tst_Transcode::encodeDepthCountsTheTopLevel()
{
    // Items are written one level below the top: the encoders' depth limits fall where they
    // fall for the whole value. Up to 3000 levels of recursion need more stack than the main
    // thread of a sanitizer build has, so the work runs on a thread with a large one.
    QStringList failures;
    QThread *worker = QThread::create([&failures] {
        for (const QString &to : formats) {
            const Serializer &t = *Serializer::byName(to);
            for (int depth : { 198, 199, 200, 201, 509, 510, 511, 512, 999, 1000, 1001, 1999, 2000, 2001 }) {
                Value inner = 1;
                for (int i = 0; i < depth; ++i)
                    inner = Value::list({ inner });
                const Value top = Value::list({ 0, inner });
                const Serializer &marshal = *Serializer::byName(u"marshal");
                const Result<QByteArray> encoded = marshal.encode(top);
                if (!encoded) // beyond marshal's own limit
                    continue;
                const QByteArray data = encoded.value();
                DecodeLimits limits;
                limits.maxDepth = 3000;
                const QString diff = difference(wholeValue(marshal, t, data, limits), streamed(marshal, t, data, limits));
                if (!diff.isEmpty())
                    failures << QStringLiteral("%1 at depth %2: %3").arg(to).arg(depth).arg(diff);
            }
        }
    });
    worker->setStackSize(512u * 1024 * 1024);
    worker->start();
    QVERIFY(worker->wait());
    delete worker;
    QVERIFY2(failures.isEmpty(), qPrintable(failures.join(u'\n')));
}

void tst_Transcode::sinkSeesItemsOneByOne()
{
    class Recorder : public ItemSink
    {
    public:
        void begin(Value::Type kind, qsizetype count) override
        {
            events.append(QStringLiteral("begin %1 %2").arg(QLatin1String(kind == Value::Type::Tuple ? "tuple" : "list")).arg(count));
        }
        void add(Value &&item) override { events.append(QStringLiteral("add ") + item.repr()); }
        void cancel() override { events.append(QStringLiteral("cancel")); }
        QStringList events;
    };
    const Value value = Value::tuple({ 1, Value::list({ 2, 3 }), QStringLiteral("x") });
    const QMap<QString, QString> begins { { QStringLiteral("serpent"), QStringLiteral("begin tuple -1") },
                                          { QStringLiteral("json"), QStringLiteral("begin list -1") },
                                          { QStringLiteral("marshal"), QStringLiteral("begin tuple 3") },
                                          { QStringLiteral("msgpack"), QStringLiteral("begin list 3") },
                                          { QStringLiteral("pickle"), QStringLiteral("begin tuple 3") } };
    for (const QString &name : formats) {
        const Serializer &s = *Serializer::byName(name);
        Recorder r;
        const Result<Value> left = s.decodeItems(s.encode(value).value(), r);
        QVERIFY2(left, qPrintable(name));
        QVERIFY(left.value().isSequence() && left.value().items().isEmpty());
        QCOMPARE(r.events, QStringList({ begins.value(name), QStringLiteral("add 1"), QStringLiteral("add [2, 3]"),
                                         QStringLiteral("add 'x'") }));
    }
    // A dict at the top is not streamed.
    for (const QString &name : formats) {
        const Serializer &s = *Serializer::byName(name);
        Recorder r;
        const Value d(Dict { { QStringLiteral("a"), Value::list({ 1 }) } });
        const Result<Value> whole = s.decodeItems(s.encode(d).value(), r);
        QVERIFY(whole);
        QCOMPARE(whole.value(), d);
        QVERIFY(r.events.isEmpty());
    }
    // serpent: the streamed list was the first item of a tuple.
    Recorder r;
    const Result<Value> t = Serializer::byName(u"serpent")->decodeItems("[1, 2], 3", r);
    QVERIFY(t);
    QCOMPARE(t.value(), Value::tuple({ Value::list({ 1, 2 }), 3 }));
    QCOMPARE(r.events, QStringList({ QStringLiteral("begin list -1"), QStringLiteral("add 1"), QStringLiteral("add 2"),
                                     QStringLiteral("cancel") }));
}

QTEST_GUILESS_MAIN(tst_Transcode)
#include "tst_transcode.moc"
