// Pyro4's callback semantics (@Pyro4.callback) in the C++ Daemon, against a real Python
// Pyro4 4.82 client (tests/peers/callback_client.py), and the same client against a Python
// Pyro4 daemon hosting the same object, as the reference.
#include "daemonhost.h"

#include "server/callcontext.h"
#include "server/handlerobject.h"
#include "server/pythonerror.h"
#include "server/qobjectexposure.h"
#include "peerprocess.h"

#include <QMutex>
#include <QSemaphore>
#include <QTest>

using namespace Pyro;
using namespace Pyro::Test;

// A QObject whose "refuse" is a callback (Q_CLASSINFO), and whose "ask" is not.
class Listener : public QObject
{
    Q_OBJECT
    Q_CLASSINFO("pyro.callback", "refuse, done")
    Q_CLASSINFO("pyro.oneway", "done")
public:
    Q_INVOKABLE QString refuse(const QString &why) { throw PythonError::builtin(QStringLiteral("KeyError"), why); }
    Q_INVOKABLE QString ask() { return QStringLiteral("yes"); }
    Q_INVOKABLE void done() { }
};

// Warnings of pyro.core.daemon, from whatever thread logged them.
static QMutex s_logLock;
static QStringList s_daemonWarnings;
static QtMessageHandler s_previousHandler = nullptr;

static void captureDaemonWarnings(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (type == QtWarningMsg && context.category && qstrcmp(context.category, "pyro.core.daemon") == 0) {
        QMutexLocker locker(&s_logLock);
        s_daemonWarnings.append(message);
        return;
    }
    s_previousHandler(type, context, message);
}

static QStringList daemonWarnings()
{
    QMutexLocker locker(&s_logLock);
    return s_daemonWarnings;
}

// The daemon's signals, received (queued) in the test's thread.
class Recorder : public QObject
{
    Q_OBJECT
public:
    struct Failure
    {
        QString objectId;
        QString method;
        Error error;
    };
    QList<Failure> failures;
    int connected = 0;
    int disconnected = 0;
};

class tst_DaemonCallback : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void cleanup();
    void marksWithoutPython();
    void twoWayCallbackRaises_data();
    void twoWayCallbackRaises();
    void sameAsPythonPyro4();
    void nonCallbackRaiseKeepsConnection();
    void onewayCallbackDoesNotHoldCaller();
    void metadataDoesNotPublishCallbacks();

private:
    //! Sends one command to the peer and returns its answer line.
    QString ask(const QString &command)
    {
        m_peer->writeLine(command);
        return m_peer->readLine(60000);
    }
    //! The commands of sameAsPythonPyro4, with their answers.
    QStringList runScript(PeerProcess &peer);

    std::unique_ptr<DaemonHost> m_host;
    std::unique_ptr<PeerProcess> m_peer;
    std::unique_ptr<Recorder> m_recorder;
    std::shared_ptr<QSemaphore> m_gate;
    Listener *m_listener = nullptr;
};

void tst_DaemonCallback::initTestCase()
{
    QVERIFY2(QFile::exists(PeerProcess::python()), "Debian's python3 with Pyro4 is required");
    s_previousHandler = qInstallMessageHandler(captureDaemonWarnings);
}

void tst_DaemonCallback::cleanupTestCase()
{
    qInstallMessageHandler(s_previousHandler);
}

void tst_DaemonCallback::init()
{
    {
        QMutexLocker locker(&s_logLock);
        s_daemonWarnings.clear();
    }
    m_host = std::make_unique<DaemonHost>();
    QVERIFY2(m_host->isListening(), qPrintable(m_host->error()));
    m_recorder = std::make_unique<Recorder>();
    m_gate = std::make_shared<QSemaphore>();
    auto handler = std::make_shared<HandlerObject>();
    handler->addCallbackMethod(QStringLiteral("boom"), [](const ValueList &, const Dict &) -> CallResult {
        return PythonError::valueError(QStringLiteral("callback boom"));
    });
    handler->addMethod(QStringLiteral("plain_boom"), [](const ValueList &, const Dict &) -> CallResult {
        return PythonError::valueError(QStringLiteral("plain boom"));
    });
    handler->addMethod(QStringLiteral("fine"), [](const ValueList &, const Dict &) -> CallResult { return Value(QStringLiteral("fine")); });
    // A oneway callback that runs until the test opens the gate, then raises.
    handler->addCallbackMethod(
            QStringLiteral("slow"),
            [gate = m_gate](const ValueList &, const Dict &) -> CallResult {
                for (int i = 0; !gate->tryAcquire(1, 100); ++i) {
                    if (CallContext::current().isStopping() || i > 1200)
                        return PythonError::builtin(QStringLiteral("TimeoutError"), QStringLiteral("gate never opened"));
                }
                return PythonError::builtin(QStringLiteral("RuntimeError"), QStringLiteral("slow failed"));
            },
            true);
    Recorder *recorder = m_recorder.get();
    m_host->run([&] {
        Daemon *daemon = m_host->daemon();
        m_listener = new Listener;
        QVERIFY(!daemon->registerObject(handler, QStringLiteral("cb.handler")).isEmpty());
        QVERIFY(!daemon->registerObject(m_listener, QStringLiteral("cb.qobject")).isEmpty());
        connect(daemon, &Daemon::callbackFailed, recorder, [recorder](const QString &id, const QString &method, const Pyro::Error &e) {
            recorder->failures.append({ id, method, e });
        });
        connect(daemon, &Daemon::clientConnected, recorder, [recorder] { ++recorder->connected; });
        connect(daemon, &Daemon::clientDisconnected, recorder, [recorder] { ++recorder->disconnected; });
    });
    m_peer = std::make_unique<PeerProcess>();
    QVERIFY2(m_peer->start(QStringLiteral("callback_client.py"), { m_host->uriPattern() }), qPrintable(m_peer->failure()));
}

void tst_DaemonCallback::cleanup()
{
    if (m_peer) {
        m_peer->writeLine(QStringLiteral("quit"));
        m_peer->process().waitForFinished(10000);
    }
    m_peer.reset();
    m_host.reset();
    delete m_listener; // after the daemon that served it
    m_listener = nullptr;
    m_recorder.reset();
}

void tst_DaemonCallback::marksWithoutPython()
{
    HandlerObject h;
    h.addMethod(QStringLiteral("a"), {});
    h.addCallbackMethod(QStringLiteral("b"), {});
    h.addCallbackMethod(QStringLiteral("c"), {}, true);
    h.addMethod(QStringLiteral("d"), {}, HandlerObject::Oneway);
    QVERIFY(!h.isCallback(QStringLiteral("a")));
    QVERIFY(h.isCallback(QStringLiteral("b")));
    QVERIFY(h.isCallback(QStringLiteral("c")));
    QVERIFY(!h.isCallback(QStringLiteral("d")));
    QVERIFY(!h.isCallback(QStringLiteral("nope")));
    QCOMPARE(h.metadata().methods, (QStringList { QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"), QStringLiteral("d") }));
    QCOMPARE(h.metadata().oneway, (QStringList { QStringLiteral("c"), QStringLiteral("d") }));
    h.addMethod(QStringLiteral("b"), {}); // replacing drops the mark
    QVERIFY(!h.isCallback(QStringLiteral("b")));

    Listener listener;
    QObjectExposure exposure(&listener);
    QVERIFY(exposure.isCallback(QStringLiteral("refuse")));
    QVERIFY(exposure.isCallback(QStringLiteral("done")));
    QVERIFY(!exposure.isCallback(QStringLiteral("ask")));
    QCOMPARE(exposure.metadata().oneway, QStringList { QStringLiteral("done") });
}

void tst_DaemonCallback::twoWayCallbackRaises_data()
{
    QTest::addColumn<QString>("object");
    QTest::addColumn<QString>("call");
    QTest::addColumn<QString>("fineCall");
    QTest::addColumn<QString>("answer");
    QTest::addColumn<QString>("exceptionClass");
    QTest::addColumn<QString>("logged");
    QTest::addRow("handler-object") << QStringLiteral("cb.handler") << QStringLiteral("boom") << QStringLiteral("fine")
                                    << QStringLiteral("boom raised builtins.ValueError: callback boom")
                                    << QStringLiteral("builtins.ValueError") << QStringLiteral("ValueError: callback boom");
    QTest::addRow("qobject") << QStringLiteral("cb.qobject") << QStringLiteral("refuse 'nope'") << QStringLiteral("ask")
                             << QStringLiteral("refuse raised builtins.KeyError: 'nope'") << QStringLiteral("builtins.KeyError")
                             << QStringLiteral("KeyError: nope");
}

void tst_DaemonCallback::twoWayCallbackRaises()
{
    QFETCH(QString, object);
    QFETCH(QString, call);
    QFETCH(QString, fineCall);
    QFETCH(QString, answer);
    QFETCH(QString, exceptionClass);
    QFETCH(QString, logged);
    const QString method = call.section(u' ', 0, 0);

    // The caller gets the exception, as with any method.
    QCOMPARE(ask(QStringLiteral("call %1 %2").arg(object, call)), answer);
    // This side reported it: signal and warning with the traceback.
    QTRY_COMPARE(m_recorder->failures.size(), 1);
    const Recorder::Failure f = m_recorder->failures.first();
    QCOMPARE(f.objectId, object);
    QCOMPARE(f.method, method);
    QCOMPARE(f.error.remoteClass(), exceptionClass);
    QVERIFY2(f.error.remoteTraceback().contains(QStringLiteral("Traceback (most recent call last):")), qPrintable(f.error.remoteTraceback()));
    const QStringList warnings = daemonWarnings();
    QCOMPARE(warnings.size(), 1);
    QVERIFY2(warnings.first().startsWith(QStringLiteral("callback %1.%2 called by 127.0.0.1:").arg(object, method)), qPrintable(warnings.first()));
    QVERIFY2(warnings.first().contains(QStringLiteral("; closing the connection")), qPrintable(warnings.first()));
    QVERIFY2(warnings.first().contains(QStringLiteral("\nTraceback (most recent call last):\n")), qPrintable(warnings.first()));
    QVERIFY2(warnings.first().contains(QStringLiteral("in %1\n").arg(method)), qPrintable(warnings.first()));
    QVERIFY2(warnings.first().endsWith(logged), qPrintable(warnings.first()));
    // ... and closed the connection after the reply.
    QTRY_COMPARE(m_recorder->disconnected, 1);
    QCOMPARE(m_recorder->connected, 1);

    // As with Pyro4's own daemon: the proxy's next call finds the connection closed, the one
    // after that connects again.
    QCOMPARE(ask(QStringLiteral("call %1 %2").arg(object, fineCall)), QStringLiteral("%1 raised Pyro4.errors.ConnectionClosedError").arg(fineCall));
    QCOMPARE(ask(QStringLiteral("call %1 %2").arg(object, fineCall)),
             QStringLiteral("%1 '%2'").arg(fineCall, fineCall == QLatin1String("ask") ? QStringLiteral("yes") : QStringLiteral("fine")));
    QTRY_COMPARE(m_recorder->connected, 2);
    QCOMPARE(m_recorder->failures.size(), 1);
}

QStringList tst_DaemonCallback::runScript(PeerProcess &peer)
{
    QStringList lines;
    for (const QString &command : { QStringLiteral("call cb.handler boom"), QStringLiteral("call cb.handler fine"),
                                    QStringLiteral("call cb.handler fine"), QStringLiteral("call cb.handler plain_boom"),
                                    QStringLiteral("call cb.handler fine"), QStringLiteral("call cb.handler boom"),
                                    QStringLiteral("call cb.handler boom"), QStringLiteral("call cb.handler boom") }) {
        peer.writeLine(command);
        lines << peer.readLine(60000);
    }
    return lines;
}

void tst_DaemonCallback::sameAsPythonPyro4()
{
    PeerProcess reference;
    QVERIFY2(reference.start(QStringLiteral("callback_client.py"), { QStringLiteral("--self") }), qPrintable(reference.failure()));
    const QStringList expected = runScript(reference);
    reference.writeLine(QStringLiteral("quit"));
    QCOMPARE(expected.size(), 8);
    QCOMPARE(expected.at(1), QStringLiteral("fine raised Pyro4.errors.ConnectionClosedError"));
    QCOMPARE(runScript(*m_peer), expected);
    QTRY_COMPARE(m_recorder->failures.size(), 3); // every boom that reached the daemon (the 7th found it closed)
    QTRY_COMPARE(m_recorder->connected, 3);
}

void tst_DaemonCallback::nonCallbackRaiseKeepsConnection()
{
    QCOMPARE(ask(QStringLiteral("call cb.handler plain_boom")), QStringLiteral("plain_boom raised builtins.ValueError: plain boom"));
    QCOMPARE(ask(QStringLiteral("call cb.handler fine")), QStringLiteral("fine 'fine'"));
    QCOMPARE(ask(QStringLiteral("call cb.qobject ask")), QStringLiteral("ask 'yes'"));
    QTRY_COMPARE(m_recorder->connected, 2); // one per proxy
    QCOMPARE(m_recorder->disconnected, 0);
    QCOMPARE(m_recorder->failures.size(), 0);
    QCOMPARE(daemonWarnings(), QStringList());
}

void tst_DaemonCallback::onewayCallbackDoesNotHoldCaller()
{
    // "slow" waits for the gate: if it held the caller, "fine" would not come back before
    // the gate opens, which happens only after it did (the proxy's timeout ends the test).
    QCOMPARE(ask(QStringLiteral("call cb.handler slow")), QStringLiteral("slow None"));
    QCOMPARE(ask(QStringLiteral("call cb.handler fine")), QStringLiteral("fine 'fine'"));
    QCOMPARE(m_recorder->failures.size(), 0);
    m_gate->release();
    QTRY_COMPARE(m_recorder->failures.size(), 1);
    QCOMPARE(m_recorder->failures.first().method, QStringLiteral("slow"));
    QCOMPARE(m_recorder->failures.first().error.remoteClass(), QStringLiteral("builtins.RuntimeError"));
    const QStringList warnings = daemonWarnings();
    QCOMPARE(warnings.size(), 1);
    QVERIFY2(warnings.first().startsWith(QStringLiteral("callback cb.handler.slow called by 127.0.0.1:")), qPrintable(warnings.first()));
    QVERIFY2(!warnings.first().contains(QStringLiteral("closing")), qPrintable(warnings.first()));
    QVERIFY2(warnings.first().endsWith(QStringLiteral("RuntimeError: slow failed")), qPrintable(warnings.first()));
    // A oneway callback's error leaves the connection alone.
    QCOMPARE(ask(QStringLiteral("call cb.handler fine")), QStringLiteral("fine 'fine'"));
    QCOMPARE(m_recorder->connected, 1);
    QCOMPARE(m_recorder->disconnected, 0);
}

void tst_DaemonCallback::metadataDoesNotPublishCallbacks()
{
    // Pyro4 keeps @callback to itself: the handshake metadata is as without the marks.
    QCOMPARE(ask(QStringLiteral("meta cb.handler")),
             QStringLiteral("meta methods=['boom', 'fine', 'plain_boom', 'slow'] oneway=['slow'] attrs=[]"));
    QCOMPARE(ask(QStringLiteral("meta cb.qobject")), QStringLiteral("meta methods=['ask', 'done', 'refuse'] oneway=['done'] attrs=[]"));
}

QTEST_GUILESS_MAIN(tst_DaemonCallback)
#include "tst_daemoncallback.moc"
