// What a sync call costs the client, asserted as counts rather than times (issue 13, goal
// 2): against real Python Pyro4 and Pyro5 daemons, a loop of sync calls (each started from
// the previous one's finished(), as pyroctl bench does) posts no event per call (no queued
// invocation, no deleteLater()) and gets one socket notification per reply (no write
// notifier per request); under strace, when it is installed, the calls cost at most 4
// system calls each on the client side.
#include "clienttestutil.h"
#include "peerprocess.h"

#include "client/pendingcall.h"
#include "client/proxy.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Pyro;
using namespace Pyro::Test;

namespace {

// The child run of syscallsPerSyncCall(): the URI to call and how many calls to make.
const char ChildUriVariable[] = "PYRO_TEST_HOTPATH_URI";
const char ChildCallsVariable[] = "PYRO_TEST_HOTPATH_CALLS";

//! Counts the events the thread's objects receive, by type.
class EventCounter : public QObject
{
public:
    EventCounter() { QCoreApplication::instance()->installEventFilter(this); }
    ~EventCounter() override { QCoreApplication::instance()->removeEventFilter(this); }
    int count(QEvent::Type type) const { return m_counts.value(type); }
    QString summary() const
    {
        QStringList parts;
        for (auto it = m_counts.cbegin(); it != m_counts.cend(); ++it)
            parts << QStringLiteral("%1:%2").arg(int(it.key())).arg(it.value());
        return parts.join(u' ');
    }

protected:
    bool eventFilter(QObject *, QEvent *event) override
    {
        ++m_counts[event->type()];
        return false;
    }

private:
    QMap<QEvent::Type, int> m_counts;
};

//! \a calls sync echo() calls one after the other, each started from the previous one's
//! finished(). Returns the first error (NoError when all of them succeeded).
Error syncLoop(Proxy *proxy, int calls)
{
    QEventLoop loop;
    Error error;
    int left = calls;
    std::function<void()> next = [&] {
        if (left-- == 0) {
            loop.quit();
            return;
        }
        PendingCall *c = proxy->call(QStringLiteral("echo"), { 1 });
        QObject::connect(c, &PendingCall::finished, proxy, [&, c] {
            if (c->hasError()) {
                error = c->error();
                loop.quit();
                return;
            }
            next();
        });
    };
    next();
    loop.exec();
    return error;
}

} // namespace

class tst_ClientHotPath : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void syncCallsPostNoEvents_data();
    void syncCallsPostNoEvents();
    void syscallsPerSyncCall_data();
    void syscallsPerSyncCall();
    void childSyncLoop();

private:
    void addPeerRows();
    PyroUri uri(const QString &peer) const;

    bool m_child = false;
    PeerProcess m_pyro4;
    PeerProcess m_pyro5;
};

void tst_ClientHotPath::initTestCase()
{
    m_child = qEnvironmentVariableIsSet(ChildUriVariable);
    if (m_child)
        return;
    QVERIFY2(m_pyro4.start(QStringLiteral("client_server.py"), { QStringLiteral("--servertype"), QStringLiteral("thread") }),
             qPrintable(m_pyro4.failure()));
    QVERIFY2(PeerProcess::pyro5Failure().isEmpty(), qPrintable(PeerProcess::pyro5Failure()));
    QVERIFY2(m_pyro5.start(QStringLiteral("pyro5_echo_daemon.py"), {}, 30000, PeerProcess::pyro5Environment()),
             qPrintable(m_pyro5.failure()));
}

void tst_ClientHotPath::cleanupTestCase()
{
    m_pyro4.kill();
    m_pyro5.kill();
}

PyroUri tst_ClientHotPath::uri(const QString &peer) const
{
    if (peer == QLatin1String("pyro5"))
        return uriFrom(m_pyro5.readyText().replace(QStringLiteral("{}"), QStringLiteral("demo.echo")));
    return uriFrom(m_pyro4.readyText());
}

void tst_ClientHotPath::addPeerRows()
{
    QTest::addColumn<QString>("peer");
    QTest::newRow("pyro4") << QStringLiteral("pyro4");
    QTest::newRow("pyro5") << QStringLiteral("pyro5");
}

void tst_ClientHotPath::syncCallsPostNoEvents_data()
{
    addPeerRows();
}

void tst_ClientHotPath::syncCallsPostNoEvents()
{
    QFETCH(QString, peer);
    constexpr int Calls = 300;
    QObject owner;
    ProxySettings settings;
    settings.timeout = 60; // armed for every call; a hung test fails instead of blocking
    auto *proxy = new Proxy(uri(peer), settings, &owner);
    const Finished bound = waitFor(proxy->bind());
    QVERIFY2(bound.ok, qPrintable(bound.error.toString()));
    QCoreApplication::processEvents(); // what the handshake left behind

    EventCounter events;
    const Error error = syncLoop(proxy, Calls);
    QVERIFY2(!error, qPrintable(error.toString()));
    const QString seen = QStringLiteral("events by type: ") + events.summary();
    // Posted events wake the event loop up (a write to its eventfd, then a read): none per call.
    QVERIFY2(events.count(QEvent::MetaCall) <= 2, qPrintable(seen));
    QVERIFY2(events.count(QEvent::DeferredDelete) <= 2, qPrintable(seen));
    // One read notification per reply, no write notification per request.
    QVERIFY2(events.count(QEvent::SockAct) <= Calls + 2, qPrintable(seen));
    QVERIFY2(events.count(QEvent::SockAct) >= Calls, qPrintable(seen));
}

void tst_ClientHotPath::syscallsPerSyncCall_data()
{
    addPeerRows();
}

void tst_ClientHotPath::syscallsPerSyncCall()
{
    QFETCH(QString, peer);
#if defined(__SANITIZE_ADDRESS__)
    // AddressSanitizer's allocator maps memory for itself (about one mmap per call here): the
    // count would measure the sanitizer, not the client.
    QSKIP("built with AddressSanitizer: the syscall count is measured in the normal builds");
#endif
    const QString strace = QStandardPaths::findExecutable(QStringLiteral("strace"));
    if (strace.isEmpty())
        QSKIP("strace is not installed: the syscall count is not measured here (syncCallsPostNoEvents still runs)");
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    // Two runs of this test binary's childSyncLoop() under strace -c: the difference between
    // them is what the extra calls cost, without start-up and connecting.
    constexpr int Few = 100;
    constexpr int Many = 1100;
    QMap<int, qint64> totals;
    for (int calls : { Few, Many }) {
        const QString out = dir.filePath(QStringLiteral("strace-%1.txt").arg(calls));
        QProcess child;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QString::fromLatin1(ChildUriVariable), uri(peer).toString());
        env.insert(QString::fromLatin1(ChildCallsVariable), QString::number(calls));
        child.setProcessEnvironment(env);
        child.setProcessChannelMode(QProcess::MergedChannels);
        child.start(strace, { QStringLiteral("-f"), QStringLiteral("-c"), QStringLiteral("-o"), out,
                              QCoreApplication::applicationFilePath(), QStringLiteral("childSyncLoop") });
        QVERIFY2(child.waitForFinished(120000), "the child run under strace did not finish");
        const QByteArray output = child.readAll();
        if (output.contains("PTRACE_TRACEME") || output.contains("ptrace(PTRACE"))
            QSKIP("strace cannot trace here (ptrace is not permitted)");
        QVERIFY2(child.exitStatus() == QProcess::NormalExit && child.exitCode() == 0, output.constData());
        QFile file(out);
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(out));
        const QString table = QString::fromUtf8(file.readAll());
        // The last line: "100.00    0.123456           8     12345       105 total"
        const QRegularExpressionMatch m = QRegularExpression(QStringLiteral("\\s(\\d+)\\s+(?:\\d+\\s+)?total\\s*$")).match(table);
        QVERIFY2(m.hasMatch(), qPrintable(table));
        totals[calls] = m.captured(1).toLongLong();
    }
    const double perCall = double(totals[Many] - totals[Few]) / double(Many - Few);
    qInfo("%s: %.2f system calls per sync call (%lld for %d calls, %lld for %d)", qPrintable(peer), perCall, totals[Many], Many,
          totals[Few], Few);
    QVERIFY2(perCall <= 4.0, qPrintable(QStringLiteral("%1 system calls per sync call").arg(perCall)));
}

void tst_ClientHotPath::childSyncLoop()
{
    // Only the child runs of syscallsPerSyncCall() do something here.
    if (!m_child)
        return;
    const PyroUri target = uriFrom(qEnvironmentVariable(ChildUriVariable));
    const int calls = qEnvironmentVariableIntValue(ChildCallsVariable);
    QObject owner;
    auto *proxy = new Proxy(target, ProxySettings(), &owner);
    const Finished bound = waitFor(proxy->bind());
    QVERIFY2(bound.ok, qPrintable(bound.error.toString()));
    const Error error = syncLoop(proxy, calls);
    QVERIFY2(!error, qPrintable(error.toString()));
}

QTEST_GUILESS_MAIN(tst_ClientHotPath)
#include "tst_clienthotpath.moc"
