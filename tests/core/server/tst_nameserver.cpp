// The embedded name server against real Python Pyro4 4.82 peers: broadcast discovery,
// the remote API (a Python daemon registering into it), Pyro4's nsc tool, persistence.
#include "peerprocess.h"

#include "server/daemon.h"
#include "server/nameserver.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace Pyro;
using namespace Pyro::Test;

namespace {

//! A Daemon with a NameServer (and its broadcast responder on 127.0.0.1:0) in its own thread.
class NsHost
{
public:
    explicit NsHost(const QString &storage = QString())
    {
        m_thread.start();
        m_context.moveToThread(&m_thread);
        run([&] {
            m_daemon = new Daemon;
            m_ok = m_daemon->listen(QStringLiteral("127.0.0.1"), 0);
            m_ns = new NameServer;
            m_ok = m_ok && m_ns->attach(m_daemon);
            if (!storage.isEmpty())
                m_error = m_ns->setStorageFile(storage);
            const Error e = m_ns->startBroadcast(QHostAddress::LocalHost, 0);
            if (e)
                m_error = e;
            m_uri = m_ns->uri().toString();
            m_bcport = m_ns->broadcastPort();
        });
    }
    ~NsHost()
    {
        run([&] {
            delete m_ns;
            delete m_daemon;
        });
        QThread *owner = QThread::currentThread();
        run([&] { m_context.moveToThread(owner); });
        m_thread.quit();
        m_thread.wait();
    }
    template<typename F>
    void run(F f) { QMetaObject::invokeMethod(&m_context, f, Qt::BlockingQueuedConnection); }
    bool ok() const { return m_ok && !m_error; }
    QString uri() const { return m_uri; }
    quint16 broadcastPort() const { return m_bcport; }
    NameServer *ns() const { return m_ns; }

private:
    QThread m_thread;
    QObject m_context;
    Daemon *m_daemon = nullptr;
    NameServer *m_ns = nullptr;
    bool m_ok = false;
    Error m_error;
    QString m_uri;
    quint16 m_bcport = 0;
};

QStringList runNsPeer(const QStringList &args, QString *failure)
{
    PeerProcess peer;
    if (!peer.start(QStringLiteral("server_ns.py"), args)) {
        *failure = peer.failure();
        return {};
    }
    QStringList lines;
    for (;;) {
        const QString line = peer.readLine(60000);
        if (line.isEmpty()) {
            *failure = QStringLiteral("peer stopped before DONE; got: ") + lines.join(QStringLiteral(" | "));
            return lines;
        }
        if (line == QLatin1String("DONE"))
            return lines;
        lines.append(line);
    }
}

} // namespace

class tst_NameServer : public QObject
{
    Q_OBJECT

private slots:
    void broadcastDiscovery();
    void remoteApi();
    void pyro4Nsc();
    void persistenceAcrossRestart();
};

void tst_NameServer::broadcastDiscovery()
{
    NsHost host;
    QVERIFY(host.ok());
    QVERIFY(host.broadcastPort() != 0);
    QString failure;
    const QStringList lines = runNsPeer({ QStringLiteral("locate"), QString::number(host.broadcastPort()) }, &failure);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    QCOMPARE(lines, (QStringList { QStringLiteral("located ") + host.uri(), QStringLiteral("ping None"), QStringLiteral("count 1") }));
}

void tst_NameServer::remoteApi()
{
    NsHost host;
    QVERIFY(host.ok());
    QString failure;
    const QStringList lines = runNsPeer({ QStringLiteral("api"), host.uri() }, &failure);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    const QStringList expected {
        QStringLiteral("count_initial 1"),
        QStringLiteral("self ['class:Pyro4.naming.NameServer']"),
        QStringLiteral("register None"),
        QStringLiteral("register_str None"),
        QStringLiteral("register_safe raised Pyro4.errors.NamingError: name already registered: py.thing"),
        QStringLiteral("register_bad_uri raised Pyro4.errors.PyroError: invalid uri"),
        QStringLiteral("register_bad_name raised builtins.TypeError: name must be a str"),
        QStringLiteral("register_str_meta raised builtins.TypeError: metadata should not be a str, but another iterable (set, list, etc)"),
        QStringLiteral("lookup_type 'URI'"),
        QStringLiteral("lookup True"),
        QStringLiteral("lookup_meta ['python', 'thing']"),
        QStringLiteral("lookup_unknown raised Pyro4.errors.NamingError: unknown name: no.such"),
        QStringLiteral("pyroname_call 'hello ns'"),
        QStringLiteral("list ['Pyro.NameServer', 'py.other', 'py.thing']"),
        QStringLiteral("list_prefix [('py.other', 'PYRO:other@127.0.0.1:1234'), ('py.thing', 'PYRO:py.thing@127.0.0.1:PYPORT')]"),
        QStringLiteral("list_regex ['py.thing']"),
        QStringLiteral("list_regex_anchored []"),
        QStringLiteral("list_regex_bad raised Pyro4.errors.NamingError: invalid regex: missing closing parenthesis"),
        QStringLiteral("list_meta_all ['py.thing']"),
        QStringLiteral("list_meta_any ['py.thing']"),
        QStringLiteral("list_meta_none []"),
        QStringLiteral("list_return_meta [('py.thing', True, ['python', 'thing'])]"),
        QStringLiteral("list_two_filters raised builtins.ValueError: you can only filter on one thing at a time"),
        QStringLiteral("list_empty_prefix 3"),
        QStringLiteral("set_metadata None"),
        QStringLiteral("after_set_metadata ['a', 'b']"),
        QStringLiteral("set_metadata_unknown raised Pyro4.errors.NamingError: unknown name: no.such"),
        QStringLiteral("remove 1"),
        QStringLiteral("remove_again 0"),
        QStringLiteral("remove_self 0"),
        QStringLiteral("remove_prefix 1"),
        QStringLiteral("remove_regex_self 0"),
        QStringLiteral("count_final 1"),
    };
    QStringList got = lines;
    static const QRegularExpression pyPort(QStringLiteral("127\\.0\\.0\\.1:(?!1234)\\d+'\\)\\]$"));
    for (QString &line : got)
        line.replace(pyPort, QStringLiteral("127.0.0.1:PYPORT')]"));
    for (qsizetype i = 0; i < qMax(got.size(), expected.size()); ++i) {
        if (got.value(i) != expected.value(i))
            qWarning().noquote() << "line" << i << "\n   got:" << got.value(i) << "\n  want:" << expected.value(i);
    }
    QCOMPARE(got, expected);
}

void tst_NameServer::pyro4Nsc()
{
    NsHost host;
    QVERIFY(host.ok());
    host.run([&] { host.ns()->registerName(QStringLiteral("cpp.thing"), QStringLiteral("PYRO:thing@127.0.0.1:5555"), { QStringLiteral("cpp") }); });
    const auto uri = PyroUri::parse(host.uri());
    QVERIFY(uri);
    QProcess nsc;
    nsc.setProcessChannelMode(QProcess::MergedChannels);
    nsc.start(PeerProcess::python(), { QStringLiteral("-m"), QStringLiteral("Pyro4.nsc"), QStringLiteral("-n"), uri.value().host(),
                                       QStringLiteral("-p"), QString::number(uri.value().port()), QStringLiteral("list") });
    QVERIFY(nsc.waitForFinished(60000));
    const QString output = QString::fromUtf8(nsc.readAll());
    QCOMPARE(nsc.exitCode(), 0);
    QVERIFY2(output.contains(QStringLiteral("Pyro.NameServer --> ") + host.uri()), qPrintable(output));
    QVERIFY2(output.contains(QStringLiteral("cpp.thing --> PYRO:thing@127.0.0.1:5555")), qPrintable(output));
    QVERIFY2(output.contains(QStringLiteral("metadata: ['cpp']")) || output.contains(QStringLiteral("cpp")), qPrintable(output));
}

void tst_NameServer::persistenceAcrossRestart()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString file = dir.filePath(QStringLiteral("names.json"));
    QString failure;
    {
        NsHost first(file);
        QVERIFY(first.ok());
        const QStringList lines = runNsPeer({ QStringLiteral("register"), first.uri(), QStringLiteral("kept.name") }, &failure);
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
        QCOMPARE(lines, QStringList { QStringLiteral("register None") });
    }
    QVERIFY(QFile::exists(file));
    NsHost second(file);
    QVERIFY(second.ok());
    const QStringList lines = runNsPeer({ QStringLiteral("lookup"), second.uri(), QStringLiteral("kept.name") }, &failure);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    QCOMPARE(lines, QStringList { QStringLiteral("lookup ('PYRO:persisted@127.0.0.1:4321', ['persisted', 'tag2'])") });
    int count = 0;
    second.run([&] { count = second.ns()->count(); });
    QCOMPARE(count, 2); // the name server itself and the restored name
}

QTEST_GUILESS_MAIN(tst_NameServer)
#include "tst_nameserver.moc"
