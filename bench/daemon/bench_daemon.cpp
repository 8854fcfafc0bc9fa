// The client side of bench/daemon/run.sh: our Proxy against a daemon (ours or Python's), and
// a raw QTcpSocket ping-pong as the physical floor. Each connection runs in its own thread
// with its own event loop; connecting and the handshake are not timed.
//
//   bench_daemon sizes [4|5]
//       "SIZES <request> <reply>": the wire bytes of a serpent INVOKE of bench.ping() and of
//       its RESULT (None) in protocol 48 (4, the default) or 502 (5), for the raw ping-pong.
//   bench_daemon pyro URI MODE COUNT [CONNECTIONS] [BATCH]     (BENCH_DAEMON_PROTOCOL=5: Pyro5)
//       MODE: sync (ping()), echo (echo(1)), oneway (fire(1) sent oneway, then wait_fired so
//       that executed calls are counted), batch (echo(1) in batches of BATCH, default 1000),
//       stream (COUNT items of numbers(n), split over the connections).
//   bench_daemon raw HOST:PORT COUNT CONNECTIONS REQUEST_BYTES REPLY_BYTES
//       COUNT round trips of REQUEST_BYTES out, REPLY_BYTES back (bench_daemon_server raw).
//
// Prints "RESULT mode=M ops=N conns=C seconds=S per_s=R cpu_s=U" (cpu_s: this process, user +
// system, over the timed part), the same line as bench_python.py.

#include "client/batch.h"
#include "client/pendingstream.h"
#include "client/proxy.h"
#include "protocol/message.h"
#include "serializers/serializer.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QMutex>
#include <QTcpSocket>
#include <QThread>

#include <sys/resource.h>

#include <cstdio>
#include <functional>
#include <latch>
#include <memory>

using namespace Pyro;

namespace {

double cpuSeconds()
{
    rusage u {};
    getrusage(RUSAGE_SELF, &u);
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

// What every connection thread shares: a start line, so the clock starts when all are connected.
struct Run
{
    explicit Run(int connections) : ready(connections), start(1) { }
    std::latch ready;
    std::latch start;
    QMutex mutex;
    QString error;

    void fail(const QString &what)
    {
        QMutexLocker lock(&mutex);
        if (error.isEmpty())
            error = what;
    }
    bool failed()
    {
        QMutexLocker lock(&mutex);
        return !error.isEmpty();
    }
};

// Runs \a body on \a connections threads, times from the start line to the last thread's end.
int timed(const char *mode, qint64 ops, int connections, const std::function<void(Run *, int)> &body)
{
    Run run(connections);
    QList<QThread *> threads;
    for (int i = 0; i < connections; ++i) {
        threads.append(QThread::create([&run, &body, i] { body(&run, i); }));
        threads.last()->start();
    }
    run.ready.wait();
    const double cpu0 = cpuSeconds();
    QElapsedTimer clock;
    clock.start();
    run.start.count_down();
    for (QThread *t : std::as_const(threads))
        t->wait();
    const double seconds = double(clock.nsecsElapsed()) / 1e9;
    const double cpu = cpuSeconds() - cpu0;
    qDeleteAll(threads);
    if (!run.error.isEmpty()) {
        std::fprintf(stderr, "bench_daemon %s: %s\n", mode, qPrintable(run.error));
        return 1;
    }
    std::printf("RESULT mode=%s ops=%lld conns=%d seconds=%.6f per_s=%.1f cpu_s=%.4f\n", mode, qlonglong(ops), connections,
                seconds, double(ops) / seconds, cpu);
    std::fflush(stdout);
    return 0;
}

qint64 share(qint64 count, int connections, int index)
{
    return count / connections + (index < count % connections ? 1 : 0);
}

// One connection's work, driven by its event loop: each finished call starts the next.
class ProxyWorker
{
public:
    ProxyWorker(Run *run, Proxy *proxy, const QString &mode, qint64 count, int batchSize, qint64 firedTarget)
        : m_run(run), m_proxy(proxy), m_mode(mode), m_left(count), m_batchSize(batchSize), m_firedTarget(firedTarget)
    {
    }

    void exec()
    {
        if (m_mode == QLatin1String("sync") || m_mode == QLatin1String("echo"))
            nextCall();
        else if (m_mode == QLatin1String("oneway"))
            oneway();
        else if (m_mode == QLatin1String("batch"))
            nextBatch();
        else if (m_mode == QLatin1String("stream"))
            stream();
        else
            return m_run->fail(QStringLiteral("unknown mode ") + m_mode);
        m_loop.exec();
    }

private:
    void fail(const QString &what)
    {
        m_run->fail(what);
        m_loop.quit();
    }
    // Ends the loop unless \a c failed, which ends it too; returns whether to go on.
    bool check(PendingCall *c)
    {
        if (c->hasError()) {
            fail(c->error().message());
            return false;
        }
        return true;
    }
    void nextCall()
    {
        if (m_left <= 0)
            return m_loop.quit();
        --m_left;
        PendingCall *c = m_mode == QLatin1String("sync") ? m_proxy->call(QStringLiteral("ping"))
                                                          : m_proxy->call(QStringLiteral("echo"), { 1 });
        QObject::connect(c, &PendingCall::finished, m_proxy, [this, c] {
            if (check(c))
                nextCall();
        });
    }
    void oneway()
    {
        // fire is listed as oneway in the metadata, so call() sends it oneway, as Pyro4 does.
        for (qint64 i = 0; i < m_left; ++i)
            m_proxy->call(QStringLiteral("fire"), { 1 });
        PendingCall *c = m_proxy->call(QStringLiteral("wait_fired"), { m_firedTarget, 60.0 });
        QObject::connect(c, &PendingCall::finished, m_proxy, [this, c] {
            if (!check(c))
                return;
            if (c->result().toInt64() < m_firedTarget)
                return fail(QStringLiteral("oneway: only %1 of %2 calls ran").arg(c->result().toInt64()).arg(m_firedTarget));
            m_loop.quit();
        });
    }
    void nextBatch()
    {
        if (m_left <= 0)
            return m_loop.quit();
        const qint64 n = std::min<qint64>(m_batchSize, m_left);
        m_left -= n;
        Batch batch(m_proxy);
        for (qint64 i = 0; i < n; ++i)
            batch.call(QStringLiteral("echo"), { 1 });
        PendingCall *c = batch.send();
        QObject::connect(c, &PendingCall::finished, m_proxy, [this, c, n] {
            if (!check(c))
                return;
            if (c->result().items().size() != n)
                return fail(QStringLiteral("batch: %1 results for %2 calls").arg(c->result().items().size()).arg(n));
            nextBatch();
        });
    }
    void stream()
    {
        const qint64 n = m_left;
        PendingStream *s = m_proxy->callStream(QStringLiteral("numbers"), { n });
        // Streams pull one item at a time by default (as Pyro4 does); the benchmark measures
        // the pipelined rate, as the figures in bench/README.md always did.
        s->setPrefetch(16);
        QObject::connect(s, &PendingStream::finished, m_proxy, [this, s, n] {
            if (!check(s))
                return;
            if (s->itemCount() != n)
                return fail(QStringLiteral("stream: %1 items of %2").arg(s->itemCount()).arg(n));
            m_loop.quit();
        });
    }

    Run *m_run;
    Proxy *m_proxy;
    QString m_mode;
    qint64 m_left;
    int m_batchSize;
    qint64 m_firedTarget;
    QEventLoop m_loop;
};

int benchPyro(const QString &uriText, const QString &mode, qint64 count, int connections, int batchSize)
{
    const Result<PyroUri> uri = PyroUri::parse(uriText);
    if (!uri) {
        std::fprintf(stderr, "bench_daemon: %s\n", qPrintable(uri.error().message()));
        return 2;
    }
    // No call timeout, as in Pyro4's default (a timeout re-arms a QTimer on every call).
    // BENCH_DAEMON_PROTOCOL=5 (run.sh PROTOCOL=5): speak Pyro5's 502 only.
    ProxySettings settings;
    if (qEnvironmentVariable("BENCH_DAEMON_PROTOCOL") == QLatin1String("5"))
        settings.protocol = ProxySettings::Protocol::Pyro5;
    qint64 firedTarget = 0;
    if (mode == QLatin1String("oneway")) {
        Proxy probe(uri.value(), settings);
        PendingCall *c = probe.call(QStringLiteral("fired_count"));
        c->setAutoDelete(false);
        c->waitForFinished(60000);
        if (c->hasError()) {
            std::fprintf(stderr, "bench_daemon: fired_count: %s\n", qPrintable(c->error().message()));
            return 1;
        }
        firedTarget = c->result().toInt64() + count;
        delete c;
    }
    return timed(qPrintable(mode), count, connections, [&](Run *run, int index) {
        Proxy proxy(uri.value(), settings);
        PendingCall *bind = proxy.bind();
        bind->setAutoDelete(false);
        bind->waitForFinished(60000);
        const Error bindError = bind->isFinished() ? bind->error() : Error(Error::Code::Timeout, QStringLiteral("bind timed out"));
        delete bind;
        if (bindError.isError())
            run->fail(QStringLiteral("connecting: ") + bindError.message());
        run->ready.count_down();
        run->start.wait();
        if (run->failed())
            return;
        ProxyWorker worker(run, &proxy, mode, share(count, connections, index), batchSize, firedTarget);
        worker.exec();
    });
}

int benchRaw(const QString &hostPort, qint64 count, int connections, qint64 requestBytes, qint64 replyBytes)
{
    const QString host = hostPort.section(QLatin1Char(':'), 0, -2);
    const quint16 port = quint16(hostPort.section(QLatin1Char(':'), -1).toUInt());
    if (requestBytes <= 0 || replyBytes <= 0 || port == 0) {
        std::fprintf(stderr, "bench_daemon raw: bad arguments\n");
        return 2;
    }
    const QByteArray request(requestBytes, 'q');
    return timed("raw", count, connections, [&](Run *run, int index) {
        QTcpSocket socket;
        socket.connectToHost(host, port);
        if (!socket.waitForConnected(60000))
            run->fail(QStringLiteral("connecting: ") + socket.errorString());
        run->ready.count_down();
        run->start.wait();
        if (run->failed())
            return;
        QEventLoop loop;
        qint64 left = share(count, connections, index);
        QObject::connect(&socket, &QTcpSocket::readyRead, &loop, [&] {
            while (socket.bytesAvailable() >= replyBytes) {
                socket.skip(replyBytes);
                if (--left <= 0)
                    return loop.quit();
                socket.write(request);
                socket.flush(); // as our Proxy does for calls that wait for a reply
            }
        });
        QObject::connect(&socket, &QTcpSocket::errorOccurred, &loop, [&] {
            run->fail(socket.errorString());
            loop.quit();
        });
        if (left <= 0)
            return;
        socket.write(request);
        loop.exec();
    });
}

int printSizes(ProtocolVersion protocol)
{
    const Serializer *serpent = Serializer::byId(SerializerId::Serpent);
    CallEnvelope call;
    call.objectId = QStringLiteral("bench");
    call.method = QStringLiteral("ping");
    Message invoke;
    invoke.protocol = protocol;
    invoke.type = MessageType::Invoke;
    invoke.serializerId = quint16(SerializerId::Serpent);
    invoke.data = serpent->encodeCall(call).value();
    Message result;
    result.protocol = protocol;
    result.type = MessageType::Result;
    result.serializerId = invoke.serializerId;
    result.data = serpent->encode(Value()).value();
    std::printf("SIZES %lld %lld\n", qlonglong(MessageWriter::write(invoke).size()), qlonglong(MessageWriter::write(result).size()));
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList a = QCoreApplication::arguments().mid(1);
    if (a.value(0) == QLatin1String("sizes"))
        return printSizes(a.value(1) == QLatin1String("5") ? ProtocolVersion::Pyro5 : ProtocolVersion::Pyro4);
    if (a.value(0) == QLatin1String("pyro") && a.size() >= 4)
        return benchPyro(a.at(1), a.at(2), a.at(3).toLongLong(), std::max(1, a.value(4, QStringLiteral("1")).toInt()),
                         std::max(1, a.value(5, QStringLiteral("1000")).toInt()));
    if (a.value(0) == QLatin1String("raw") && a.size() == 6)
        return benchRaw(a.at(1), a.at(2).toLongLong(), std::max(1, a.at(3).toInt()), a.at(4).toLongLong(), a.at(5).toLongLong());
    std::fprintf(stderr,
                 "usage: bench_daemon sizes [4|5]\n"
                 "       bench_daemon pyro URI sync|echo|oneway|batch|stream COUNT [CONNECTIONS] [BATCH]\n"
                 "       bench_daemon raw HOST:PORT COUNT CONNECTIONS REQUEST_BYTES REPLY_BYTES\n");
    return 2;
}
