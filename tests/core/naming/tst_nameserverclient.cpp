#include "client/pendingcall.h"
#include "client/proxy.h"
#include "naming/nameserverclient.h"
#include "naming/nameserverlocator.h"
#include "naming/resolve.h"
#include "peerprocess.h"

#include <QSignalSpy>
#include <QTest>
#include <QUdpSocket>

#include <memory>

using namespace Pyro;
using Pyro::Test::PeerProcess;

/*
    NameServerClient, NameServerLocator and resolveUri against a real Pyro4 4.82 name server
    (tests/peers/naming_ns.py, with its UDP broadcast responder on a free port), once per
    serializer the name server accepts.
*/
class tst_NameServerClient : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase_data();
    void initTestCase();
    void init();
    void cleanup();

    void pingAndCount();
    void lookup();
    void lookupWithMetadata();
    void lookupUnknown();
    void list_data();
    void list();
    void listWithMetadata();
    void listTwoFiltersIsRemoteError();
    void registerAndRemove();
    void registerSafe();
    void removePrefixAndRegex();
    void setMetadata();
    void resolvePyroname();
    void pyronameProxyRebindsAfterDaemonRestart();
    void resolvePyrometa();
    void resolvePyrometaNoMatch();
    void locateExplicitHost();
    void locateByBroadcast();
    void locateLocalhostDirect();
    void locateFails();

private:
    SerializerId serializer() const;
    ProxySettings settings() const;
    Value run(PendingCall *call, Error *error = nullptr);
    Result<PyroUri> waitResolve(PendingResolve *op);
    int unusedUdpPort();

    PeerProcess *m_peer = nullptr;
    PyroUri m_nsUri;
    int m_bcPort = 0;
    NameServerClient *m_ns = nullptr;
};

void tst_NameServerClient::initTestCase_data()
{
    QTest::addColumn<int>("serializer");
    QTest::newRow("serpent") << int(SerializerId::Serpent);
    QTest::newRow("json") << int(SerializerId::Json);
    QTest::newRow("marshal") << int(SerializerId::Marshal);
    QTest::newRow("msgpack") << int(SerializerId::Msgpack);
}

void tst_NameServerClient::initTestCase()
{
    Naming::install(); // PYRONAME: proxies resolve through naming/ (the client alone cannot)
}

SerializerId tst_NameServerClient::serializer() const
{
    QFETCH_GLOBAL(int, serializer);
    return SerializerId(serializer);
}

ProxySettings tst_NameServerClient::settings() const
{
    ProxySettings s;
    s.serializer = serializer();
    s.timeout = 20;
    return s;
}

void tst_NameServerClient::init()
{
    // A fresh name server per test: registrations never leak between rows.
    m_peer = new PeerProcess;
    QVERIFY2(m_peer->start(QStringLiteral("naming_ns.py"), { QStringLiteral("--populate") }),
             qPrintable(m_peer->failure()));
    const QStringList parts = m_peer->readyText().split(u' ');
    QCOMPARE(parts.size(), 2);
    const Result<PyroUri> uri = PyroUri::parse(parts.at(0));
    QVERIFY(uri.ok());
    m_nsUri = uri.value();
    m_bcPort = parts.at(1).toInt();
    m_ns = new NameServerClient(m_nsUri, settings(), this);
}

void tst_NameServerClient::cleanup()
{
    delete m_ns;
    m_ns = nullptr;
    delete m_peer;
    m_peer = nullptr;
}

Value tst_NameServerClient::run(PendingCall *call, Error *error)
{
    QSignalSpy spy(call, &PendingCall::finished);
    call->setAutoDelete(false);
    if (!call->isFinished())
        [&] { QTRY_COMPARE_WITH_TIMEOUT(spy.count(), 1, 30000); }();
    const Value result = call->result();
    if (error)
        *error = call->error();
    else if (call->error())
        qWarning() << "unexpected error" << call->error();
    delete call;
    return result;
}

Result<PyroUri> tst_NameServerClient::waitResolve(PendingResolve *op)
{
    QSignalSpy spy(op, &PendingResolve::finished);
    [&] { QTRY_COMPARE_WITH_TIMEOUT(spy.count(), 1, 30000); }();
    const Error e = op->error();
    const PyroUri uri = op->uri();
    delete op;
    if (e)
        return e;
    return uri;
}

int tst_NameServerClient::unusedUdpPort()
{
    QUdpSocket s;
    s.bind(QHostAddress::LocalHost, 0);
    return s.localPort(); // closed on return: nothing answers there
}

void tst_NameServerClient::pingAndCount()
{
    Error error;
    QCOMPARE(run(m_ns->ping(), &error), Value());
    QVERIFY(!error);
    // Pyro.NameServer itself plus the four populated entries.
    QCOMPARE(run(m_ns->count()), Value(5));
}

void tst_NameServerClient::lookup()
{
    const Value r = run(m_ns->lookup(QStringLiteral("example.alpha")));
    const Result<PyroUri> uri = NameServerClient::uriFromResult(r);
    QVERIFY2(uri.ok(), qPrintable(r.repr()));
    QCOMPARE(uri.value().toString(), QStringLiteral("PYRO:alpha@127.0.0.1:1111"));
    const Result<PyroUri> v6 = NameServerClient::uriFromResult(run(m_ns->lookup(QStringLiteral("other.gamma"))));
    QCOMPARE(v6.value().toString(), QStringLiteral("PYRO:gamma@[::1]:3333"));
    const Result<PyroUri> sock = NameServerClient::uriFromResult(run(m_ns->lookup(QStringLiteral("other.delta"))));
    QCOMPARE(sock.value().socketPath(), QStringLiteral("/tmp/delta.sock"));
}

void tst_NameServerClient::lookupWithMetadata()
{
    if (serializer() == SerializerId::Marshal) {
        // marshal cannot carry lookup's (URI, metadata) reply (protocol doc trap 23).
        Error error;
        run(m_ns->lookup(QStringLiteral("example.beta"), true), &error);
        QVERIFY(error.isError());
        return;
    }
    QFuture<NameServerEntry> f = m_ns->lookupEntry(QStringLiteral("example.beta"));
    QTRY_VERIFY_WITH_TIMEOUT(f.isFinished(), 30000);
    const NameServerEntry e = f.result();
    QCOMPARE(e.name, QStringLiteral("example.beta"));
    QCOMPARE(e.uri.toString(), QStringLiteral("PYRO:beta@127.0.0.1:2222"));
    QCOMPARE(e.metadata, (QStringList { QStringLiteral("demo"), QStringLiteral("kind:b") }));
}

void tst_NameServerClient::lookupUnknown()
{
    Error error;
    run(m_ns->lookup(QStringLiteral("no.such.name")), &error);
    QCOMPARE(error.code(), Error::Code::NamingError);
    QCOMPARE(error.remoteClass(), QStringLiteral("Pyro4.errors.NamingError"));
    QCOMPARE(error.message(), QStringLiteral("unknown name: no.such.name"));
}

void tst_NameServerClient::list_data()
{
    QTest::addColumn<QString>("prefix");
    QTest::addColumn<QString>("regex");
    QTest::addColumn<QStringList>("all");
    QTest::addColumn<QStringList>("any");
    QTest::addColumn<QStringList>("names");
    const QStringList everything { QStringLiteral("Pyro.NameServer"), QStringLiteral("example.alpha"),
                                   QStringLiteral("example.beta"), QStringLiteral("other.delta"),
                                   QStringLiteral("other.gamma") };
    QTest::newRow("no_filter") << QString() << QString() << QStringList() << QStringList() << everything;
    QTest::newRow("prefix") << QStringLiteral("example.") << QString() << QStringList() << QStringList()
                            << QStringList { QStringLiteral("example.alpha"), QStringLiteral("example.beta") };
    QTest::newRow("regex_anchored_at_start")
            << QString() << QStringLiteral(".*a$") << QStringList() << QStringList()
            << QStringList { QStringLiteral("example.alpha"), QStringLiteral("example.beta"),
                             QStringLiteral("other.delta"), QStringLiteral("other.gamma") };
    QTest::newRow("regex_match_not_search") << QString() << QStringLiteral("alpha") << QStringList()
                                            << QStringList() << QStringList();
    QTest::newRow("metadata_all") << QString() << QString()
                                  << QStringList { QStringLiteral("demo"), QStringLiteral("kind:a") }
                                  << QStringList() << QStringList { QStringLiteral("example.alpha") };
    QTest::newRow("metadata_any") << QString() << QString() << QStringList()
                                  << QStringList { QStringLiteral("kind:a"), QStringLiteral("kind:b") }
                                  << QStringList { QStringLiteral("example.alpha"), QStringLiteral("example.beta"),
                                                   QStringLiteral("other.gamma") };
}

void tst_NameServerClient::list()
{
    QFETCH(QString, prefix);
    QFETCH(QString, regex);
    QFETCH(QStringList, all);
    QFETCH(QStringList, any);
    QFETCH(QStringList, names);
    const Value r = run(m_ns->list(NameServerFilter { prefix, regex, all, any }));
    const Result<QList<NameServerEntry>> entries = NameServerClient::entriesFromListResult(r);
    QVERIFY2(entries.ok(), qPrintable(entries.error().message()));
    QStringList got;
    for (const NameServerEntry &e : entries.value())
        got.append(e.name);
    QCOMPARE(got, names);
}

void tst_NameServerClient::listWithMetadata()
{
    QFuture<QList<NameServerEntry>> f = m_ns->listEntries(NameServerFilter { QStringLiteral("example."), {}, {}, {} });
    QTRY_VERIFY_WITH_TIMEOUT(f.isFinished(), 30000);
    const QList<NameServerEntry> entries = f.result();
    QCOMPARE(entries.size(), 2);
    QCOMPARE(entries.at(0).name, QStringLiteral("example.alpha"));
    QCOMPARE(entries.at(0).uri.toString(), QStringLiteral("PYRO:alpha@127.0.0.1:1111"));
    QCOMPARE(entries.at(0).metadata, (QStringList { QStringLiteral("demo"), QStringLiteral("kind:a") }));
}

void tst_NameServerClient::listTwoFiltersIsRemoteError()
{
    Error error;
    run(m_ns->list(NameServerFilter { QStringLiteral("a"), QStringLiteral("b"), {}, {} }), &error);
    QCOMPARE(error.code(), Error::Code::RemoteException);
    QCOMPARE(error.remoteClass(), QStringLiteral("builtins.ValueError"));
    QCOMPARE(error.message(), QStringLiteral("you can only filter on one thing at a time"));
}

void tst_NameServerClient::registerAndRemove()
{
    const PyroUri uri = PyroUri::pyro(QStringLiteral("obj"), QStringLiteral("127.0.0.1"), 4321);
    Error error;
    run(m_ns->registerName(QStringLiteral("my.obj"), uri, { QStringLiteral("t1"), QStringLiteral("t2") }), &error);
    QVERIFY2(!error, qPrintable(error.message()));
    QCOMPARE(run(m_ns->count()), Value(6));
    const Result<PyroUri> back = NameServerClient::uriFromResult(run(m_ns->lookup(QStringLiteral("my.obj"))));
    QCOMPARE(back.value(), uri);
    const Value tagged = run(m_ns->list(NameServerFilter { {}, {}, { QStringLiteral("t1"), QStringLiteral("t2") }, {} }));
    QCOMPARE(tagged.toDict().keys(), ValueList { Value(QStringLiteral("my.obj")) });

    QCOMPARE(run(m_ns->remove(QStringLiteral("my.obj"))), Value(1));
    QCOMPARE(run(m_ns->remove(QStringLiteral("my.obj"))), Value(0));
    QCOMPARE(run(m_ns->remove(QStringLiteral("Pyro.NameServer"))), Value(0));
    QCOMPARE(run(m_ns->count()), Value(5));
}

void tst_NameServerClient::registerSafe()
{
    const PyroUri uri = PyroUri::pyro(QStringLiteral("x"), QStringLiteral("127.0.0.1"), 1);
    Error error;
    run(m_ns->registerName(QStringLiteral("example.alpha"), uri, {}, true), &error);
    QCOMPARE(error.code(), Error::Code::NamingError);
    QCOMPARE(error.message(), QStringLiteral("name already registered: example.alpha"));
    // Without safe the name is silently overwritten, as in Pyro4.
    run(m_ns->registerName(QStringLiteral("example.alpha"), uri), &error);
    QVERIFY(!error);
    QCOMPARE(NameServerClient::uriFromResult(run(m_ns->lookup(QStringLiteral("example.alpha")))).value(), uri);
}

void tst_NameServerClient::removePrefixAndRegex()
{
    QCOMPARE(run(m_ns->removePrefix(QStringLiteral("example."))), Value(2));
    QCOMPARE(run(m_ns->removeRegex(QStringLiteral("other\\.g"))), Value(1));
    QCOMPARE(run(m_ns->count()), Value(2));
}

void tst_NameServerClient::setMetadata()
{
    Error error;
    run(m_ns->setMetadata(QStringLiteral("other.delta"), { QStringLiteral("new") }), &error);
    QVERIFY(!error);
    const Value r = run(m_ns->list(NameServerFilter { {}, {}, { QStringLiteral("new") }, {} }));
    QCOMPARE(r.toDict().keys(), ValueList { Value(QStringLiteral("other.delta")) });
    run(m_ns->setMetadata(QStringLiteral("no.such"), { QStringLiteral("x") }), &error);
    QCOMPARE(error.code(), Error::Code::NamingError);
    QCOMPARE(error.message(), QStringLiteral("unknown name: no.such"));
}

void tst_NameServerClient::pyronameProxyRebindsAfterDaemonRestart()
{
    // A PYRONAME proxy looks its name up again for every new connection, so when the daemon
    // behind the name restarts elsewhere and registers again, the proxy follows it.
    const QString name = QStringLiteral("rebind.whoami");
    auto first = std::make_unique<PeerProcess>();
    QVERIFY2(first->start(QStringLiteral("naming_registered_daemon.py"), { m_nsUri.toString(), name }),
             qPrintable(first->failure()));
    Proxy proxy(PyroUri::parse(QStringLiteral("PYRONAME:") + name + u'@' + m_nsUri.location()).value(), settings());
    const auto whoami = [&proxy](Error *error) {
        PendingCall *call = proxy.call(QStringLiteral("whoami"));
        call->setAutoDelete(false);
        call->waitForFinished(30000);
        const Value pid = call->isFinished() && !call->error() ? call->result() : Value();
        *error = call->error();
        delete call;
        return pid;
    };
    Error error;
    const Value firstPid = whoami(&error);
    QVERIFY2(firstPid.isInt(), qPrintable(error.toString()));

    first.reset(); // kills the first daemon
    PeerProcess second;
    QVERIFY2(second.start(QStringLiteral("naming_registered_daemon.py"), { m_nsUri.toString(), name }),
             qPrintable(second.failure()));
    Value secondPid = whoami(&error);
    if (!secondPid.isInt()) {
        // The first call may still find the old connection dead, as in Pyro4 (ConnectionClosedError).
        QVERIFY2(error.category() == Error::Category::Connection, qPrintable(error.toString()));
        secondPid = whoami(&error);
    }
    QVERIFY2(secondPid.isInt(), qPrintable(error.toString()));
    QVERIFY(secondPid.toInt64() != firstPid.toInt64());
}

void tst_NameServerClient::resolvePyroname()
{
    const PyroUri name = PyroUri::parse(QStringLiteral("PYRONAME:example.beta@") + m_nsUri.location()).value();
    const Result<PyroUri> r = waitResolve(resolveUri(name, settings(), this));
    QVERIFY2(r.ok(), qPrintable(r.error().message()));
    QCOMPARE(r.value().toString(), QStringLiteral("PYRO:beta@127.0.0.1:2222"));

    const PyroUri unknown = PyroUri::parse(QStringLiteral("PYRONAME:nope@") + m_nsUri.location()).value();
    const Result<PyroUri> u = waitResolve(resolveUri(unknown, settings(), this));
    QCOMPARE(u.error().code(), Error::Code::NamingError);
    QCOMPARE(u.error().message(), QStringLiteral("unknown name: nope"));
}

void tst_NameServerClient::resolvePyrometa()
{
    const PyroUri meta = PyroUri::parse(QStringLiteral("PYROMETA:kind:a,demo@") + m_nsUri.location()).value();
    const Result<PyroUri> r = waitResolve(resolveUri(meta, settings(), this));
    QVERIFY2(r.ok(), qPrintable(r.error().message()));
    QCOMPARE(r.value().toString(), QStringLiteral("PYRO:alpha@127.0.0.1:1111"));
    // Two matches: either may be chosen (random choice, as Pyro4).
    const PyroUri two = PyroUri::parse(QStringLiteral("PYROMETA:demo@") + m_nsUri.location()).value();
    const Result<PyroUri> t = waitResolve(resolveUri(two, settings(), this));
    QVERIFY(t.ok());
    QVERIFY(t.value().object() == QLatin1String("alpha") || t.value().object() == QLatin1String("beta"));
}

void tst_NameServerClient::resolvePyrometaNoMatch()
{
    const PyroUri meta = PyroUri::parse(QStringLiteral("PYROMETA:missing@") + m_nsUri.location()).value();
    const Result<PyroUri> r = waitResolve(resolveUri(meta, settings(), this));
    QCOMPARE(r.error().code(), Error::Code::NamingError);
    QCOMPARE(r.error().message(), QStringLiteral("no registrations available with desired metadata properties {'missing'}"));
}

void tst_NameServerClient::locateExplicitHost()
{
    LocateOptions o;
    o.host = m_nsUri.host();
    o.port = m_nsUri.port();
    const Result<PyroUri> r = waitResolve(NameServerLocator::locate(o, settings(), this));
    QVERIFY2(r.ok(), qPrintable(r.error().message()));
    QCOMPARE(r.value(), m_nsUri);
}

void tst_NameServerClient::locateByBroadcast()
{
    // What Pyro4 does with PYRO_BROADCAST_ADDRS=127.0.0.1 and PYRO_NS_BCPORT=<port>; the
    // localhost and final direct attempts point at a port where nothing listens.
    QProcessEnvironment env;
    env.insert(QStringLiteral("PYRO_NS_HOST"), QStringLiteral("127.0.0.1"));
    env.insert(QStringLiteral("PYRO_NS_PORT"), QString::number(unusedUdpPort()));
    env.insert(QStringLiteral("PYRO_NS_BCPORT"), QString::number(m_bcPort));
    env.insert(QStringLiteral("PYRO_BROADCAST_ADDRS"), QStringLiteral("127.0.0.1"));
    const LocateOptions o = LocateOptions::fromEnvironment(env);
    QCOMPARE(o.bcPort, m_bcPort);
    QCOMPARE(o.broadcastAddresses, QStringList { QStringLiteral("127.0.0.1") });
    const Result<PyroUri> r = waitResolve(NameServerLocator::locate(o, settings(), this));
    QVERIFY2(r.ok(), qPrintable(r.error().message()));
    QCOMPARE(r.value(), m_nsUri);
}

void tst_NameServerClient::locateLocalhostDirect()
{
    QProcessEnvironment env;
    env.insert(QStringLiteral("PYRO_NS_HOST"), QStringLiteral("127.0.0.1"));
    env.insert(QStringLiteral("PYRO_NS_PORT"), QString::number(m_nsUri.port()));
    env.insert(QStringLiteral("PYRO_BROADCAST_ADDRS"), QStringLiteral("127.0.0.1"));
    env.insert(QStringLiteral("PYRO_NS_BCPORT"), QString::number(unusedUdpPort()));
    const Result<PyroUri> r = waitResolve(NameServerLocator::locate(LocateOptions::fromEnvironment(env), settings(), this));
    QVERIFY2(r.ok(), qPrintable(r.error().message()));
    QCOMPARE(r.value(), m_nsUri);
}

void tst_NameServerClient::locateFails()
{
    LocateOptions o;
    o.nsHost = QStringLiteral("127.0.0.1");
    o.nsPort = unusedUdpPort();
    o.bcPort = unusedUdpPort();
    o.broadcastAddresses = { QStringLiteral("127.0.0.1") };
    o.broadcastTimeoutMs = 50; // only the outcome matters here, not Pyro4's 0.7 s rounds
    const Result<PyroUri> r = waitResolve(NameServerLocator::locate(o, settings(), this));
    QCOMPARE(r.error().code(), Error::Code::NamingError);
    QCOMPARE(r.error().message(), QStringLiteral("Failed to locate the nameserver"));

    LocateOptions explicitHost;
    explicitHost.host = QStringLiteral("127.0.0.1");
    explicitHost.port = o.nsPort;
    const Result<PyroUri> e = waitResolve(NameServerLocator::locate(explicitHost, settings(), this));
    QCOMPARE(e.error().code(), Error::Code::NamingError);
    QCOMPARE(e.error().message(), QStringLiteral("Failed to locate the nameserver"));
}

QTEST_GUILESS_MAIN(tst_NameServerClient)
#include "tst_nameserverclient.moc"
