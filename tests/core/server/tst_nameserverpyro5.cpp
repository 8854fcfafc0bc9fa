// The embedded name server against real Python Pyro5 5.16 clients (the vendored Pyro5):
// its remote API as Pyro5 calls it (list, lookup with metadata sets, yplookup, register,
// set_metadata, remove, count), Pyro5's own nsc tool, and PYRONAME / PYROMETA resolution
// to demo objects on the same daemon and port that also serves Pyro4.
#include "peerrun.h"

#include "server/daemon.h"
#include "server/demo/demoobjects.h"
#include "server/nameserver.h"

#include <QTest>
#include <QThread>

using namespace Pyro;
using namespace Pyro::Test;

namespace {

//! A Daemon with a NameServer and the demo objects (registered there with their tags), in a
//! thread of its own.
class NsHost
{
public:
    explicit NsHost(const DaemonSettings &settings)
    {
        m_thread.start();
        m_context.moveToThread(&m_thread);
        run([&] {
            m_daemon = new Daemon(settings);
            m_ok = m_daemon->listen(QStringLiteral("127.0.0.1"), 0);
            m_ns = new NameServer;
            m_ok = m_ok && m_ns->attach(m_daemon);
            m_demo = new Demo::DemoObjects;
            const QMap<QString, QStringList> tags = Demo::DemoObjects::metadataTags();
            for (const QString &id : m_demo->registerWith(m_daemon))
                m_ns->registerName(id, m_daemon->uriFor(id).toString(), tags.value(id));
            m_port = m_daemon->port();
        });
    }
    ~NsHost()
    {
        run([&] {
            delete m_ns;
            delete m_daemon;
            delete m_demo;
        });
        QThread *owner = QThread::currentThread();
        run([&] { m_context.moveToThread(owner); });
        m_thread.quit();
        m_thread.wait();
    }
    template<typename F>
    void run(F f) { QMetaObject::invokeMethod(&m_context, f, Qt::BlockingQueuedConnection); }
    bool ok() const { return m_ok; }
    quint16 port() const { return m_port; }

private:
    QThread m_thread;
    QObject m_context;
    Daemon *m_daemon = nullptr;
    NameServer *m_ns = nullptr;
    Demo::DemoObjects *m_demo = nullptr;
    bool m_ok = false;
    quint16 m_port = 0;
};

} // namespace

class tst_NameServerPyro5 : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void pyro5Client_data();
    void pyro5Client();
};

void tst_NameServerPyro5::initTestCase()
{
    QVERIFY2(QFile::exists(PeerProcess::python()), "Debian's python3 is required");
    QVERIFY2(PeerProcess::pyro5Failure().isEmpty(), qPrintable(PeerProcess::pyro5Failure()));
}

void tst_NameServerPyro5::pyro5Client_data()
{
    QTest::addColumn<QString>("scenario");
    QTest::addColumn<QString>("serializer");
    QTest::addColumn<QStringList>("expected");
    // EXPECTATIONS
}

void tst_NameServerPyro5::pyro5Client()
{
    QFETCH(QString, scenario);
    QFETCH(QString, serializer);
    QFETCH(QStringList, expected);
    DaemonSettings settings;
    settings.acceptedSerializers.append(SerializerId::Msgpack);
    NsHost host(settings);
    QVERIFY(host.ok());
    QString failure;
    QStringList lines = runPeerScript(QStringLiteral("pyro5_ns_client.py"),
                                      { scenario, QStringLiteral("127.0.0.1"), QString::number(host.port()), serializer }, &failure,
                                      PeerProcess::pyro5Environment());
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    for (QString &line : lines)
        line.replace(QString::number(host.port()), QStringLiteral("PORT"));
    QStringList diff;
    for (qsizetype i = 0; i < qMax(lines.size(), expected.size()); ++i) {
        if (lines.value(i) != expected.value(i))
            diff << QStringLiteral("line %1\n   got: %2\n  want: %3").arg(i).arg(lines.value(i), expected.value(i));
    }
    QVERIFY2(diff.isEmpty(), qPrintable(diff.join(u'\n')));
}

QTEST_GUILESS_MAIN(tst_NameServerPyro5)
#include "tst_nameserverpyro5.moc"
