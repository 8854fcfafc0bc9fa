#include "clienttestutil.h"
#include "client/batch.h"
#include "client/pendingstream.h"
#include "client/proxy.h"
#include "naming/resolve.h"
#include "peerprocess.h"

#include <QPointer>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QThread>

#include <atomic>
#include <functional>
#include <memory>
#include <thread>

using namespace Pyro;
using namespace Pyro::Test;

namespace {

/*
    A TCP relay between the proxy and a Python daemon that the test can cut (both sides
    aborted at once), to drop a connection without touching the daemon.
*/
class Relay : public QObject
{
public:
    explicit Relay(quint16 targetPort) : m_targetPort(targetPort)
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *client = m_server.nextPendingConnection()) {
                auto *upstream = new QTcpSocket(this);
                m_pairs.append(std::make_pair(QPointer<QTcpSocket>(client), QPointer<QTcpSocket>(upstream)));
                connect(client, &QTcpSocket::readyRead, upstream, [client, upstream] { upstream->write(client->readAll()); });
                connect(upstream, &QTcpSocket::readyRead, client, [client, upstream] { client->write(upstream->readAll()); });
                connect(upstream, &QTcpSocket::connected, upstream, [client, upstream] { upstream->write(client->readAll()); });
                upstream->connectToHost(QStringLiteral("127.0.0.1"), m_targetPort);
                ++m_accepted;
            }
        });
    }
    bool listen() { return m_server.listen(QHostAddress::LocalHost, 0); }
    quint16 port() const { return m_server.serverPort(); }
    int accepted() const { return m_accepted; }
    void cut()
    {
        for (auto &[client, upstream] : m_pairs) {
            if (client)
                client->abort();
            if (upstream)
                upstream->abort();
        }
        m_pairs.clear();
    }

private:
    QTcpServer m_server;
    quint16 m_targetPort;
    QList<std::pair<QPointer<QTcpSocket>, QPointer<QTcpSocket>>> m_pairs;
    int m_accepted = 0;
};

} // namespace

/*
    Issue 11, items 2 to 6, against Python Pyro4 4.82 (tests/peers/connection_peer.py):
    retries re-send only plain calls (4), every Proxy operation from a second thread (6), a
    per-call timeout that drops the connection (5), a paused stream resumed on a new
    connection and finished by release()/deletion (2), reconnect(tries) (3).
*/
class tst_ConnectionFidelity : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void retryResendsAPlainCall_data() { peers(); }
    void retryResendsAPlainCall();
    void noRetryWithoutMaxRetries();
    void noRetryForBatchAttributeOrStreamStart_data() { peers(); }
    void noRetryForBatchAttributeOrStreamStart();
    void retryAllWhenAsked();
    void foreignThreadIsRefused();
    void foreignThreadRoutes();
    void streamPacedFromAnotherThread();
    void streamSettersAndGettersFromAnotherThread();
    void chainsFromAnotherThreadAreRefused_data();
    void chainsFromAnotherThreadAreRefused();
    void callTimeoutDropsTheConnection_data() { peers(); }
    void callTimeoutDropsTheConnection();
    void pausedStreamResumesAfterCut_data();
    void pausedStreamResumesAfterCut();
    void releaseFinishesPausedStream();
    void deleteFinishesPausedStream();
    void reconnectResolvesTheNameAgain_data();
    void reconnectResolvesTheNameAgain();
    void reconnectGivesUpAfterTries();

private:
    //! Data rows: the Pyro4 4.82 peer and the Pyro5 5.16 one (same object).
    void peers();
    //! A proxy for the current row's peer (Pyro4 outside data-driven tests).
    Proxy *newProxy(int maxRetries = 0, bool retryAll = false);
    int runs(const QString &key);
    PyroUri currentUri() const;
    PeerProcess m_peer;
    PeerProcess m_peer5;
    PyroUri m_uri;
    PyroUri m_uri5;
};

void tst_ConnectionFidelity::initTestCase()
{
    Naming::install(); // PYRONAME: through the name server (Pyro::Naming)
    QVERIFY2(m_peer.start(QStringLiteral("connection_peer.py")), qPrintable(m_peer.failure()));
    m_uri = uriFrom(m_peer.readyText());
    QVERIFY(m_uri.isValid());
    QVERIFY2(PeerProcess::pyro5Failure().isEmpty(), qPrintable(PeerProcess::pyro5Failure()));
    QVERIFY2(m_peer5.start(QStringLiteral("connection_peer.py"), { QStringLiteral("--pyro5") }, 30000, PeerProcess::pyro5Environment()),
             qPrintable(m_peer5.failure()));
    m_uri5 = uriFrom(m_peer5.readyText());
    QVERIFY(m_uri5.isValid());
}

void tst_ConnectionFidelity::cleanupTestCase()
{
    m_peer.kill();
    m_peer5.kill();
}

void tst_ConnectionFidelity::peers()
{
    QTest::addColumn<bool>("pyro5");
    QTest::newRow("Pyro4") << false;
    QTest::newRow("Pyro5") << true;
}

PyroUri tst_ConnectionFidelity::currentUri() const
{
    const bool pyro5 = QTest::currentDataTag() && QByteArray(QTest::currentDataTag()) == "Pyro5";
    return pyro5 ? m_uri5 : m_uri;
}

Proxy *tst_ConnectionFidelity::newProxy(int maxRetries, bool retryAll)
{
    ProxySettings s;
    s.maxRetries = maxRetries;
    s.retryAll = retryAll;
    return new Proxy(currentUri(), s, this);
}

int tst_ConnectionFidelity::runs(const QString &key)
{
    std::unique_ptr<Proxy> p(newProxy());
    const Finished f = waitFor(p->call(QStringLiteral("runs"), { key }));
    return f.ok ? int(f.result.toInt64()) : -1;
}

void tst_ConnectionFidelity::retryResendsAPlainCall()
{
    // The daemon drops the connection before replying to the first call; MAX_RETRIES=1
    // re-sends it on a new connection, as Pyro4's _RemoteMethod does.
    std::unique_ptr<Proxy> p(newProxy(1));
    const Finished f = waitFor(p->call(QStringLiteral("drop_once"), { QStringLiteral("retry") }));
    QVERIFY2(f.ok, qPrintable(f.error.toString()));
    QCOMPARE(f.result.toInt64(), 2);
    QCOMPARE(runs(QStringLiteral("retry")), 2);
    QVERIFY(p->protocol() == (QByteArray(QTest::currentDataTag()) == "Pyro5" ? ProtocolVersion::Pyro5 : ProtocolVersion::Pyro4));
    // invoke() goes the same way.
    QFuture<Value> future = p->invoke(QStringLiteral("drop_once"), { QStringLiteral("retry-invoke") });
    QTRY_VERIFY_WITH_TIMEOUT(future.isFinished(), 30000);
    QCOMPARE(future.result().toInt64(), 2);
}

void tst_ConnectionFidelity::noRetryWithoutMaxRetries()
{
    std::unique_ptr<Proxy> p(newProxy(0));
    const Finished f = waitFor(p->call(QStringLiteral("drop_once"), { QStringLiteral("noretry") }));
    QVERIFY(!f.ok);
    QCOMPARE(f.error.code(), Error::Code::ConnectionClosed);
    QCOMPARE(runs(QStringLiteral("noretry")), 1);
    // The next call opens a new connection.
    const Finished again = waitFor(p->call(QStringLiteral("drop_once"), { QStringLiteral("noretry") }));
    QVERIFY2(again.ok, qPrintable(again.error.toString()));
    QCOMPARE(again.result.toInt64(), 2);
}

void tst_ConnectionFidelity::noRetryForBatchAttributeOrStreamStart()
{
    // Pyro4 never repeats a batch, an attribute write or (here) a stream start: they ran
    // exactly once although MAX_RETRIES is 3.
    std::unique_ptr<Proxy> p(newProxy(3));
    Batch batch(p.get());
    batch.call(QStringLiteral("echo"), { 1 });
    batch.call(QStringLiteral("drop"), { QStringLiteral("batch") });
    const Finished b = waitFor(batch.send());
    QVERIFY(!b.ok);
    QCOMPARE(b.error.code(), Error::Code::ConnectionClosed);
    QCOMPARE(runs(QStringLiteral("batch")), 1);

    const Finished set = waitFor(p->setAttribute(QStringLiteral("value"), 5));
    QVERIFY(!set.ok);
    QCOMPARE(set.error.code(), Error::Code::ConnectionClosed);
    QCOMPARE(runs(QStringLiteral("value")), 1);

    PendingStream *stream = p->callStream(QStringLiteral("stream_drop"));
    const Finished s = waitFor(stream);
    QVERIFY(!s.ok);
    QCOMPARE(s.error.code(), Error::Code::ConnectionClosed);
    QCOMPARE(runs(QStringLiteral("stream")), 1);
}

void tst_ConnectionFidelity::retryAllWhenAsked()
{
    // retryAll: the attribute write is re-sent (1 + 2 runs, each dropped).
    std::unique_ptr<Proxy> p(newProxy(2, true));
    const int before = runs(QStringLiteral("value"));
    const Finished set = waitFor(p->setAttribute(QStringLiteral("value"), 7));
    QVERIFY(!set.ok);
    QCOMPARE(set.error.code(), Error::Code::ConnectionClosed);
    QCOMPARE(runs(QStringLiteral("value")), before + 3);
}

void tst_ConnectionFidelity::foreignThreadIsRefused()
{
    // Each operation that returns a PendingCall, used from a plain std::thread: it fails
    // there with a UsageError naming the method, nothing is sent, the proxy is untouched.
    std::unique_ptr<Proxy> p(newProxy());
    const Finished warm = waitFor(p->bind());
    QVERIFY2(warm.ok, qPrintable(warm.error.toString()));
    using Make = std::function<PendingCall *(Proxy *)>;
    const QList<std::pair<QString, Make>> ops = {
        { QStringLiteral("Proxy::call"), [](Proxy *x) { return x->call(QStringLiteral("echo"), { 1 }); } },
        { QStringLiteral("Proxy::callOneway"), [](Proxy *x) { return x->callOneway(QStringLiteral("echo"), { 1 }); } },
        { QStringLiteral("Proxy::callStream"), [](Proxy *x) { return x->callStream(QStringLiteral("numbers"), { 3 }); } },
        { QStringLiteral("Proxy::getAttribute"), [](Proxy *x) { return x->getAttribute(QStringLiteral("gain")); } },
        { QStringLiteral("Proxy::setAttribute"), [](Proxy *x) { return x->setAttribute(QStringLiteral("gain"), 3); } },
        { QStringLiteral("Batch::send"), [](Proxy *x) { return Batch(x).call(QStringLiteral("echo"), { 1 }).send(); } },
        { QStringLiteral("Proxy::bind"), [](Proxy *x) { return x->bind(); } },
        { QStringLiteral("Proxy::reconnect"), [](Proxy *x) { return x->reconnect(); } },
    };
    for (const auto &[name, make] : ops) {
        std::atomic<bool> done = false;
        Error error;
        int finishedCount = 0;
        std::thread t([&, make = make] {
            PendingCall *op = make(p.get());
            op->setAutoDelete(false);
            QObject::connect(op, &PendingCall::finished, [&finishedCount] { ++finishedCount; });
            op->waitForFinished(10000);
            QCoreApplication::processEvents();
            error = op->error();
            delete op;
            done = true;
        });
        QTRY_VERIFY_WITH_TIMEOUT(done, 20000);
        t.join();
        QCOMPARE(finishedCount, 1);
        QCOMPARE(error.code(), Error::Code::UsageError);
        QVERIFY2(error.message().startsWith(name + QStringLiteral("()")), qPrintable(error.message()));
    }
    QCOMPARE(p->state(), Proxy::State::Connected);
    const Finished after = waitFor(p->call(QStringLiteral("echo"), { 5 }));
    QCOMPARE(after.result.toInt64(), 5);
}

void tst_ConnectionFidelity::foreignThreadRoutes()
{
    // The thread-safe routes: every operation through invokeOperation(), a stream through
    // invokeStream(), release() queued, from a std::thread that blocks on the futures while
    // this thread runs the proxy's event loop.
    std::unique_ptr<Proxy> p(newProxy());
    std::atomic<bool> done = false;
    QStringList log;
    std::thread t([&] {
        auto value = [](QFuture<Value> f) -> QString {
            f.waitForFinished();
            try {
                return f.result().repr();
            } catch (const PyroException &e) {
                return QStringLiteral("error ") + e.error().toString();
            }
        };
        Proxy *x = p.get();
        log << value(x->invokeOperation([](Proxy *q) { return q->bind(); }).then([](const Value &) { return Value(QStringLiteral("bound")); }));
        log << value(x->invoke(QStringLiteral("echo"), { 1 }));
        log << value(x->invokeOperation([](Proxy *q) { return q->callOneway(QStringLiteral("echo"), { 2 }); }));
        log << value(x->invokeOperation([](Proxy *q) { return q->setAttribute(QStringLiteral("gain"), 8); }));
        log << value(x->invokeOperation([](Proxy *q) { return q->getAttribute(QStringLiteral("gain")); }));
        log << value(x->invokeOperation([](Proxy *q) { return Batch(q).call(QStringLiteral("echo"), { 3 }).call(QStringLiteral("echo"), { 4 }).send(); }));
        log << value(x->invokeOperation([](Proxy *q) { return q->reconnect(); }).then([](const Value &) { return Value(QStringLiteral("reconnected")); }));
        QFuture<Value> stream = x->invokeStream(QStringLiteral("numbers"), { 4 });
        stream.waitForFinished();
        QStringList items;
        for (const Value &v : stream.results())
            items << v.repr();
        log << items.join(u',');
        x->setCorrelationId(QUuid::createUuid());
        x->release();
        done = true;
    });
    QTRY_VERIFY_WITH_TIMEOUT(done, 60000);
    t.join();
    const QStringList expected = { QStringLiteral("'bound'"), QStringLiteral("1"), QStringLiteral("None"), QStringLiteral("None"),
                                   QStringLiteral("8"), QStringLiteral("[3, 4]"), QStringLiteral("'reconnected'"),
                                   QStringLiteral("0,1,2,3") };
    QCOMPARE(log, expected);
    // The queued release() closes the connection in the proxy's thread.
    QTRY_COMPARE(p->state(), Proxy::State::Unconnected);
    QVERIFY(!p->correlationId().isNull());
}

void tst_ConnectionFidelity::streamPacedFromAnotherThread()
{
    // A consumer thread paces a pull-mode stream that runs in this thread: requestItems()
    // and close() are queued into the stream's thread; exactly the items asked for arrive.
    std::unique_ptr<Proxy> p(newProxy());
    PendingStream *stream = keep(p->callStream(QStringLiteral("numbers"), { 100 }));
    stream->setAutoFetch(false);
    QList<qint64> items;
    int finishedCount = 0;
    connect(stream, &PendingStream::itemReceived, this, [&items](const Value &v) { items.append(v.toInt64()); });
    connect(stream, &PendingCall::finished, this, [&finishedCount] { ++finishedCount; });
    const int before = runs(QStringLiteral("numbers"));
    std::atomic<bool> asked = false;
    std::thread t([&] {
        stream->requestItems(2);
        stream->fetchNext();
        asked = true;
    });
    QTRY_VERIFY_WITH_TIMEOUT(asked, 20000);
    t.join();
    QTRY_COMPARE_WITH_TIMEOUT(items.size(), 3, 30000);
    std::thread closer([stream] { stream->close(); });
    closer.join();
    QTRY_COMPARE_WITH_TIMEOUT(finishedCount, 1, 30000);
    QVERIFY(!stream->hasError());
    QCOMPARE(items, (QList<qint64> { 0, 1, 2 }));
    QCOMPARE(runs(QStringLiteral("numbers")), before + 3);
    delete stream;
}

void tst_ConnectionFidelity::streamSettersAndGettersFromAnotherThread()
{
    // Item 6 leftovers: setPrefetch() from a std::thread is queued into the stream's thread;
    // the getters are safe from there while the stream runs and give the final values after.
    std::unique_ptr<Proxy> p(newProxy());
    PendingStream *stream = keep(p->callStream(QStringLiteral("numbers"), { 6 }));
    stream->setAutoFetch(false);
    QList<qint64> items;
    int finishedCount = 0;
    connect(stream, &PendingStream::itemReceived, this, [&items](const Value &v) { items.append(v.toInt64()); });
    connect(stream, &PendingCall::finished, this, [&finishedCount] { ++finishedCount; });
    std::atomic<bool> stop = false;
    std::atomic<int> reads = 0;
    std::thread reader([&] {
        stream->setPrefetch(3);
        stream->setAutoFetch(true); // queued after setPrefetch: runs with 3 in flight
        while (!stop) {
            const QByteArray id = stream->streamId();
            const qint64 n = stream->itemCount() + stream->pendingRequests() + stream->inFlight() + stream->prefetch();
            const bool f = stream->isFinished() || stream->autoFetch();
            reads += int(!id.isNull() || n >= 0 || f);
        }
    });
    QTRY_COMPARE_WITH_TIMEOUT(finishedCount, 1, 30000);
    stop = true;
    reader.join();
    QVERIFY(reads > 0);
    QVERIFY2(!stream->hasError(), qPrintable(stream->error().toString()));
    QCOMPARE(items, (QList<qint64> { 0, 1, 2, 3, 4, 5 }));
    QCOMPARE(stream->prefetch(), 3);
    qint64 count = -1;
    QByteArray id;
    bool finished = false;
    Error error(Error::Code::UsageError, QStringLiteral("not read"));
    std::thread after([&] {
        count = stream->itemCount();
        id = stream->streamId();
        finished = stream->isFinished();
        error = stream->error();
    });
    after.join();
    QCOMPARE(count, 6);
    QCOMPARE(id, stream->streamId());
    QVERIFY(!id.isEmpty());
    QVERIFY(finished);
    QVERIFY(!error.isError());
    delete stream;
}

void tst_ConnectionFidelity::chainsFromAnotherThreadAreRefused_data()
{
    QTest::addColumn<QString>("what");
    for (const char *what : { "then", "iferror", "future", "result" })
        QTest::newRow(what) << QString::fromLatin1(what);
}

void tst_ConnectionFidelity::chainsFromAnotherThreadAreRefused()
{
    // then()/iferror()/future() of a call, used from a std::thread: refused loudly (a warning
    // naming it), the continuation never runs, and the call finishes exactly once, with a
    // UsageError naming the method. result() there before the end warns and answers None,
    // the call goes on.
    QFETCH(QString, what);
    std::unique_ptr<Proxy> p(newProxy());
    QVERIFY(waitFor(p->bind()).ok);
    PendingCall *call = keep(p->call(QStringLiteral("sleepy"), { 1.0 }));
    int finishedCount = 0;
    connect(call, &PendingCall::finished, this, [&finishedCount] { ++finishedCount; });
    std::atomic<bool> ran = false;
    Value early(QStringLiteral("not read"));
    QFuture<Value> future;
    const QString method = QStringLiteral("PendingOperation::%1()").arg(what);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QRegularExpression::escape(method) + QStringLiteral(" was used from a thread other")));
    std::thread t([&] {
        if (what == QLatin1String("then"))
            call->then([&ran](const Value &v) { ran = true; return v; });
        else if (what == QLatin1String("iferror"))
            call->iferror([&ran](const Error &) { ran = true; });
        else if (what == QLatin1String("future"))
            future = call->future();
        else
            early = call->result();
    });
    t.join();
    QTRY_COMPARE_WITH_TIMEOUT(finishedCount, 1, 30000);
    QTest::qWait(50); // nothing else arrives
    QCOMPARE(finishedCount, 1);
    QVERIFY(!ran);
    if (what == QLatin1String("result")) {
        QCOMPARE(early, Value());
        QVERIFY2(!call->hasError(), qPrintable(call->error().toString()));
        QCOMPARE(call->result(), Value(1.0));
    } else {
        QCOMPARE(call->error().code(), Error::Code::UsageError);
        QVERIFY2(call->error().message().startsWith(method), qPrintable(call->error().message()));
    }
    if (what == QLatin1String("future")) {
        QVERIFY(future.isFinished());
        bool threw = false;
        try {
            future.result();
        } catch (const PyroException &e) {
            threw = e.error().code() == Error::Code::UsageError;
        }
        QVERIFY(threw);
    }
    delete call;
    // The proxy goes on
    const Finished after = waitFor(p->call(QStringLiteral("echo"), { 5 }));
    QCOMPARE(after.result.toInt64(), 5);
}

void tst_ConnectionFidelity::callTimeoutDropsTheConnection()
{
    // Pyro4 _pyroTimeout: the call fails with TimeoutError's text and the connection goes,
    // so the next call on the same proxy is not stuck behind the sleeping one (which would
    // take 120 s, longer than waitFor() waits).
    std::unique_ptr<Proxy> p(newProxy(2)); // retries never repeat the timed-out call
    PendingCall *slow = p->call(QStringLiteral("sleepy"), { 120 });
    PendingCall *next = keep(p->call(QStringLiteral("echo"), { 1 })); // pipelined behind it
    slow->setTimeout(0.5);
    const Finished f = waitFor(slow);
    QVERIFY(!f.ok);
    QCOMPARE(f.error.code(), Error::Code::Timeout);
    QCOMPARE(f.error.message(), QStringLiteral("receiving: timeout"));
    QCOMPARE(p->error().code(), Error::Code::Timeout);
    // The call behind it was sent on the dropped connection; with retries it is re-sent on a new one.
    const Finished n = waitFor(next);
    QVERIFY2(n.ok, qPrintable(n.error.toString()));
    QCOMPARE(n.result.toInt64(), 1);
    const Finished later = waitFor(p->call(QStringLiteral("echo"), { 2 }));
    QVERIFY2(later.ok, qPrintable(later.error.toString()));
    QCOMPARE(later.result.toInt64(), 2);
}

void tst_ConnectionFidelity::pausedStreamResumesAfterCut_data()
{
    QTest::addColumn<double>("linger");
    QTest::addColumn<bool>("pyro5");
    QTest::newRow("Pyro4 keeps the stream") << 30.0 << false;
    QTest::newRow("Pyro4 ITER_STREAM_LINGER 0") << 0.0 << false;
    QTest::newRow("Pyro5 keeps the stream") << 30.0 << true;
}

void tst_ConnectionFidelity::pausedStreamResumesAfterCut()
{
    QFETCH(double, linger);
    QFETCH(bool, pyro5);
    PeerProcess peer;
    QStringList args = { QStringLiteral("--linger"), QString::number(linger) };
    if (pyro5)
        args << QStringLiteral("--pyro5");
    QVERIFY2(peer.start(QStringLiteral("connection_peer.py"), args, 30000,
                        pyro5 ? PeerProcess::pyro5Environment() : QProcessEnvironment::systemEnvironment()),
             qPrintable(peer.failure()));
    const PyroUri direct = uriFrom(peer.readyText());
    Relay relay(quint16(direct.port()));
    QVERIFY(relay.listen());
    const PyroUri viaRelay = uriFrom(QStringLiteral("PYRO:flaky@127.0.0.1:%1").arg(relay.port()));
    auto *proxy = new Proxy(viaRelay, ProxySettings(), this);
    std::unique_ptr<Proxy> owner(proxy);

    PendingStream *stream = keep(proxy->callStream(QStringLiteral("numbers"), { 6 }));
    stream->setAutoFetch(false);
    QList<qint64> items;
    int finishedCount = 0;
    connect(stream, &PendingStream::itemReceived, this, [&items](const Value &v) { items.append(v.toInt64()); });
    connect(stream, &PendingCall::finished, this, [&finishedCount] { ++finishedCount; });
    stream->requestItems(2);
    QTRY_COMPARE_WITH_TIMEOUT(items.size(), 2, 30000);
    QCOMPARE(stream->inFlight(), 0);
    const QByteArray id = stream->streamId();
    QVERIFY(!id.isEmpty());

    const int connections = relay.accepted(); // 2 for Pyro5: the first handshake is tried in Pyro4
    relay.cut();
    QTRY_COMPARE_WITH_TIMEOUT(proxy->state(), Proxy::State::Unconnected, 30000);
    QVERIFY(!stream->isFinished()); // paused: nothing was lost, the stream is still open

    stream->requestItems(5); // 4 items and the end
    QTRY_VERIFY_WITH_TIMEOUT(stream->isFinished(), 30000);
    QCOMPARE(relay.accepted(), connections + 1);
    QCOMPARE(stream->streamId(), id);
    QCoreApplication::processEvents();
    QCOMPARE(finishedCount, 1);
    if (linger > 0) {
        QVERIFY2(!stream->hasError(), qPrintable(stream->error().toString()));
        QCOMPARE(items, (QList<qint64> { 0, 1, 2, 3, 4, 5 })); // none lost, none repeated
    } else {
        // Without linger the daemon dropped it with the connection: Pyro4's error, once.
        QCOMPARE(stream->error().message(), QStringLiteral("item stream terminated"));
        QCOMPARE(items, (QList<qint64> { 0, 1 }));
    }
    delete stream;
}

void tst_ConnectionFidelity::releaseFinishesPausedStream()
{
    std::unique_ptr<Proxy> p(newProxy());
    PendingStream *stream = keep(p->callStream(QStringLiteral("numbers"), { 5 }));
    stream->setAutoFetch(false);
    int items = 0;
    int finishedCount = 0;
    connect(stream, &PendingStream::itemReceived, this, [&items] { ++items; });
    connect(stream, &PendingCall::finished, this, [&finishedCount] { ++finishedCount; });
    stream->fetchNext();
    QTRY_COMPARE_WITH_TIMEOUT(items, 1, 30000);
    p->release();
    QCOMPARE(finishedCount, 1);
    QCOMPARE(stream->error().code(), Error::Code::Cancelled);
    stream->fetchNext(); // nothing: it has ended
    p->release();
    QTest::qWait(50);
    QCOMPARE(finishedCount, 1);
    QCOMPARE(items, 1);
    delete stream;
}

void tst_ConnectionFidelity::deleteFinishesPausedStream()
{
    auto *p = newProxy();
    PendingStream *stream = p->callStream(QStringLiteral("numbers"), { 5 });
    stream->setAutoFetch(false);
    int items = 0;
    int finishedCount = 0;
    Error error;
    connect(stream, &PendingStream::itemReceived, this, [&items] { ++items; });
    connect(stream, &PendingCall::finished, this, [&finishedCount, &error, stream] {
        ++finishedCount;
        error = stream->error();
    });
    stream->fetchNext();
    QTRY_COMPARE_WITH_TIMEOUT(items, 1, 30000);
    delete p; // deletes the stream too, after finishing it
    QCOMPARE(finishedCount, 1);
    QCOMPARE(error.code(), Error::Code::Cancelled);
}

void tst_ConnectionFidelity::reconnectResolvesTheNameAgain_data()
{
    QTest::addColumn<QString>("form");
    QTest::newRow("PYRONAME") << QStringLiteral("PYRONAME:example.flaky@%1");
    QTest::newRow("PYROMETA") << QStringLiteral("PYROMETA:lab.flaky@%1");
}

void tst_ConnectionFidelity::reconnectResolvesTheNameAgain()
{
    // Item 3: a PYRONAME or PYROMETA proxy stays one across reconnect(): the object moves to
    // a new port (re-registered in the Python Pyro4 name server with its tag, old daemon
    // gone) and reconnect() finds it by name, or by metadata, again.
    QFETCH(QString, form);
    PeerProcess peer;
    QVERIFY2(peer.start(QStringLiteral("connection_peer.py"), { QStringLiteral("--ns") }), qPrintable(peer.failure()));
    const QStringList parts = peer.readyText().split(u' ');
    QCOMPARE(parts.size(), 2);
    const PyroUri first = uriFrom(parts.at(0));
    const PyroUri ns = uriFrom(parts.at(1));
    const PyroUri byName = uriFrom(form.arg(ns.location()));
    QVERIFY(byName.isValid());
    std::unique_ptr<Proxy> p(new Proxy(byName));
    // The explorer's Reconnect on an object opened by name: it used to bind() (pinning the
    // address found first) so that the next Reconnect could not follow the name.
    const Finished first_ = waitFor(p->reconnect());
    QVERIFY2(first_.ok, qPrintable(first_.error.toString()));
    const Finished before = waitFor(p->call(QStringLiteral("where")));
    QVERIFY2(before.ok, qPrintable(before.error.toString()));
    QCOMPARE(before.result.toInt64(), first.port());

    peer.writeLine(QStringLiteral("move"));
    const QString moved = peer.readLine();
    QVERIFY2(moved.startsWith(QStringLiteral("MOVED ")), qPrintable(moved));
    const PyroUri second = uriFrom(moved.mid(6).trimmed());
    QVERIFY(second.port() != first.port());

    const Finished re = waitFor(p->reconnect(3, 100));
    QVERIFY2(re.ok, qPrintable(re.error.toString()));
    QCOMPARE(p->connectedUri().port(), second.port());
    QCOMPARE(p->uri(), byName); // still by name or tag
    const Finished after = waitFor(p->call(QStringLiteral("where")));
    QVERIFY2(after.ok, qPrintable(after.error.toString()));
    QCOMPARE(after.result.toInt64(), second.port());
}

void tst_ConnectionFidelity::reconnectGivesUpAfterTries()
{
    // Nothing listens: 3 tries, then Pyro4's ConnectionClosedError "failed to reconnect", once.
    QTcpServer closed;
    QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
    const quint16 port = closed.serverPort();
    closed.close();
    std::unique_ptr<Proxy> p(new Proxy(uriFrom(QStringLiteral("PYRO:flaky@127.0.0.1:%1").arg(port))));
    int states = 0;
    connect(p.get(), &Proxy::stateChanged, this, [&states](Proxy::State s) { states += s == Proxy::State::Connecting; });
    const Finished f = waitFor(p->reconnect(3, 10));
    QVERIFY(!f.ok);
    QCOMPARE(f.error.code(), Error::Code::ConnectionClosed);
    QCOMPARE(f.error.message(), QStringLiteral("failed to reconnect"));
    QVERIFY2(!f.error.detail().isEmpty(), "the last attempt's error");
    QCOMPARE(states, 3);
}

QTEST_GUILESS_MAIN(tst_ConnectionFidelity)
#include "tst_connectionfidelity.moc"
