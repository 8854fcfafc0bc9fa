// Encode/decode throughput of every registered serializer on a fixed corpus, printed as
// "RESULT <serializer> <corpus> <encode|decode> <MB/s> <bytes>" lines for run.sh, which
// puts them next to Python Pyro4's numbers (bench_python_serializers.py, same corpus).
// Serializers whose encoder still answers "not implemented" are skipped.

#include "serializers/serializer.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTextStream>

#include <cstdio>

using namespace Pyro;

namespace {

// Keep in sync with bench_python_serializers.py.
constexpr int CallCount = 20000;
constexpr int RecordCount = 50000;
constexpr int Rounds = 3;
constexpr int ShapedCount = 20000;

QList<CallEnvelope> makeCalls()
{
    QList<CallEnvelope> calls;
    calls.reserve(CallCount);
    for (int i = 0; i < CallCount; ++i) {
        CallEnvelope c;
        c.objectId = QStringLiteral("obj_%1").arg(i % 100);
        c.method = QStringLiteral("method_%1").arg(i % 10);
        c.args = { i, QStringLiteral("text %1").arg(i), i * 0.5, Value::list({ 1, 2, 3 }) };
        c.kwargs.insert(QStringLiteral("flag"), i % 2 == 0);
        calls.append(c);
    }
    return calls;
}

Value makeRecords()
{
    ValueList records;
    records.reserve(RecordCount);
    for (int i = 0; i < RecordCount; ++i) {
        Dict d;
        d.insert(QStringLiteral("id"), i);
        d.insert(QStringLiteral("name"), QStringLiteral("item%1").arg(i));
        d.insert(QStringLiteral("price"), i * 1.25);
        d.insert(QStringLiteral("tags"), Value::list({ QStringLiteral("a"), QStringLiteral("b") }));
        d.insert(QStringLiteral("active"), i % 3 == 0);
        records.append(Value(d));
    }
    return Value::list(records);
}

// The record of bench/convert/make_records.py: ints, floats, a 2**70 big int (or, with
// bigInt false, a small one), str with non-ASCII, a tuple, a list, bools and None.
BigInt bigPlus(int i) // 2**70 + i, for 0 <= i < 76576
{
    return *BigInt::fromString(QStringLiteral("11805916207174113%1").arg(3424 + i, 5, 10, QLatin1Char('0')));
}

Value makeShapedRecords(bool bigInt)
{
    ValueList records;
    records.reserve(ShapedCount);
    for (int i = 0; i < ShapedCount; ++i) {
        Dict d;
        d.insert(QStringLiteral("id"), i);
        d.insert(QStringLiteral("count"), qint64(i) * 7919 % 100000);
        d.insert(QStringLiteral("neg"), -i);
        d.insert(QStringLiteral("price"), i * 1.25);
        d.insert(QStringLiteral("ratio"), i / 7.0);
        d.insert(QStringLiteral("big"), bigInt ? Value(bigPlus(i)) : Value(i * 3));
        d.insert(QStringLiteral("name"), QStringLiteral("item %1").arg(i));
        d.insert(QStringLiteral("city"), QStringLiteral("Zürich-Łódź ✓ %1").arg(i % 50));
        d.insert(QStringLiteral("point"), Value::tuple({ i, i + 1.5, QStringLiteral("p") }));
        d.insert(QStringLiteral("tags"), Value::list({ QStringLiteral("alpha"), QStringLiteral("beta"), i % 10 }));
        d.insert(QStringLiteral("active"), i % 3 == 0);
        d.insert(QStringLiteral("deleted"), false);
        d.insert(QStringLiteral("parent"), Value());
        records.append(Value(d));
    }
    return Value::list(records);
}

double mbps(qint64 bytes, qint64 nsecs)
{
    return nsecs > 0 ? double(bytes) / 1e6 / (double(nsecs) / 1e9) : 0.0;
}

void report(const QString &ser, const char *corpus, const char *op, qint64 bytes, qint64 bestNs)
{
    std::printf("RESULT %s %s %s %.2f %lld\n", qPrintable(ser), corpus, op, mbps(bytes, bestNs), qlonglong(bytes));
    std::fflush(stdout);
}

bool benchCalls(const Serializer *s, const QList<CallEnvelope> &calls)
{
    QList<QByteArray> blobs(calls.size());
    qint64 bytes = 0, bestEnc = std::numeric_limits<qint64>::max(), bestDec = bestEnc;
    for (int round = 0; round < Rounds; ++round) {
        QElapsedTimer t;
        t.start();
        bytes = 0;
        for (qsizetype i = 0; i < calls.size(); ++i) {
            Result<QByteArray> r = s->encodeCall(calls[i]);
            if (!r) {
                std::fprintf(stderr, "%s: encodeCall failed: %s\n", qPrintable(s->name()), qPrintable(r.error().message()));
                return false;
            }
            bytes += r.value().size();
            blobs[i] = std::move(r.value());
        }
        bestEnc = std::min(bestEnc, t.nsecsElapsed());
        t.start();
        for (const QByteArray &blob : blobs) {
            if (!s->decodeCall(blob)) {
                std::fprintf(stderr, "%s: decodeCall failed\n", qPrintable(s->name()));
                return false;
            }
        }
        bestDec = std::min(bestDec, t.nsecsElapsed());
    }
    report(s->name(), "calls", "encode", bytes, bestEnc);
    report(s->name(), "calls", "decode", bytes, bestDec);
    return true;
}

bool benchRecords(const Serializer *s, const Value &records, const char *corpus = "records")
{
    QByteArray blob;
    qint64 bestEnc = std::numeric_limits<qint64>::max(), bestDec = bestEnc;
    for (int round = 0; round < Rounds; ++round) {
        QElapsedTimer t;
        t.start();
        Result<QByteArray> r = s->encode(records);
        bestEnc = std::min(bestEnc, t.nsecsElapsed());
        if (!r) {
            std::fprintf(stderr, "%s: encode failed: %s\n", qPrintable(s->name()), qPrintable(r.error().message()));
            return false;
        }
        blob = r.value();
        t.start();
        const Result<Value> v = s->decode(blob);
        bestDec = std::min(bestDec, t.nsecsElapsed());
        if (!v) {
            std::fprintf(stderr, "%s: decode failed: %s\n", qPrintable(s->name()), qPrintable(v.error().message()));
            return false;
        }
    }
    report(s->name(), corpus, "encode", blob.size(), bestEnc);
    report(s->name(), corpus, "decode", blob.size(), bestDec);
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QStringList wanted = app.arguments().mid(1);
    if (wanted.isEmpty())
        wanted = Serializer::names();
    const QList<CallEnvelope> calls = makeCalls();
    const Value records = makeRecords();
    const Value shapedBig = makeShapedRecords(true);
    const Value shapedSmall = makeShapedRecords(false);
    int status = 0;
    for (const QString &name : std::as_const(wanted)) {
        const Serializer *s = Serializer::byName(name);
        if (!s) {
            std::fprintf(stderr, "unknown serializer %s\n", qPrintable(name));
            status = 1;
            continue;
        }
        const Result<QByteArray> probe = s->encode(Value::list({ 1, QStringLiteral("x") }));
        if (!probe && probe.error().message().contains(QLatin1String("not implemented"))) {
            std::printf("SKIP %s not implemented\n", qPrintable(name));
            continue;
        }
        if (!benchCalls(s, calls) || !benchRecords(s, records) || !benchRecords(s, shapedBig, "shaped")
            || !benchRecords(s, shapedSmall, "shaped-nb"))
            status = 1;
    }
    return status;
}
