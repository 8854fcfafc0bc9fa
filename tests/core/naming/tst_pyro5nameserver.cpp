// NameServerClient and NameServerLocator against the real Python Pyro5 5.16 name server
// (tests/peers/pyro5_server.py): Pyro5's API (list, lookup with metadata, yplookup,
// register/remove/set_metadata/count), tags searched with yplookup, the protocol reported;
// broadcast discovery of a Python Pyro5 name server's own responder (tests/peers/pyro5_ns.py).
#include "client/pendingcall.h"
#include "client/proxy.h"
#include "naming/nameserverclient.h"
#include "naming/nameserverlocator.h"
#include "naming/resolve.h"
#include "peerprocess.h"

#include <QTest>
#include <QUdpSocket>

using namespace Pyro;
using namespace Pyro::Test;

class tst_Pyro5NameServer : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase_data();
    void initTestCase();
    void listAndLookup();
    void metadataSearch();
    void registerRemoveSetMetadata();
    void locateSaysPyro5();
    void locateByBroadcastSaysPyro5();

private:
    ProxySettings settings() const;
    Value sync(PendingCall *call, Error *error = nullptr);

    PeerProcess m_peer;
    PeerProcess m_broadcastPeer; //!< pyro5_ns.py --broadcast
    PyroUri m_tester;
    PyroUri m_nsUri;
};

void tst_Pyro5NameServer::initTestCase_data()
{
    QTest::addColumn<int>("serializer");
    QTest::newRow("serpent") << int(SerializerId::Serpent);
    QTest::newRow("json") << int(SerializerId::Json);
    QTest::newRow("msgpack") << int(SerializerId::Msgpack);
    QTest::newRow("marshal") << int(SerializerId::Marshal);
}

void tst_Pyro5NameServer::initTestCase()
{
    QVERIFY2(PeerProcess::pyro5Failure().isEmpty(), qPrintable(PeerProcess::pyro5Failure()));
    QVERIFY2(m_peer.start(QStringLiteral("pyro5_server.py"), {}, 30000, PeerProcess::pyro5Environment()), qPrintable(m_peer.failure()));
    const QStringList parts = m_peer.readyText().split(QLatin1Char(' '));
    QCOMPARE(parts.size(), 2);
    m_tester = PyroUri::parse(parts[0]).value();
    m_nsUri = PyroUri::parse(QStringLiteral("PYRO:Pyro.NameServer@") + parts[1]).value();
    QVERIFY2(m_broadcastPeer.start(QStringLiteral("pyro5_ns.py"), { QStringLiteral("--broadcast") }, 30000, PeerProcess::pyro5Environment()),
             qPrintable(m_broadcastPeer.failure()));
    QCOMPARE(m_broadcastPeer.readyText().split(QLatin1Char(' ')).size(), 2);
}

ProxySettings tst_Pyro5NameServer::settings() const
{
    QFETCH_GLOBAL(int, serializer);
    ProxySettings s;
    s.serializer = SerializerId(serializer);
    s.timeout = 60;
    return s;
}

Value tst_Pyro5NameServer::sync(PendingCall *call, Error *error)
{
    call->setAutoDelete(false);
    call->waitForFinished(60000);
    const Value v = call->result();
    if (error)
        *error = call->error();
    else if (call->hasError())
        qWarning() << call->error();
    delete call;
    return v;
}

void tst_Pyro5NameServer::listAndLookup()
{
    NameServerClient ns(m_nsUri, settings());
    QCOMPARE(sync(ns.count()), Value(3));
    QCOMPARE(ns.proxy()->protocol(), std::optional(ProtocolVersion::Pyro5));
    const Result<QList<NameServerEntry>> all = NameServerClient::entriesFromListResult(sync(ns.list()));
    QVERIFY(all.ok());
    QCOMPARE(all.value().size(), 3);
    QCOMPARE(all.value()[0].name, QStringLiteral("Pyro.NameServer"));
    QCOMPARE(all.value()[2].name, QStringLiteral("test.tester"));
    QCOMPARE(all.value()[2].uri, m_tester);
    const Result<PyroUri> uri = NameServerClient::uriFromResult(sync(ns.lookup(QStringLiteral("test.tester"))));
    QCOMPARE(uri.value(), m_tester);
    Error error;
    sync(ns.lookup(QStringLiteral("no.such")), &error);
    QCOMPARE(error.code(), Error::Code::NamingError);
    QCOMPARE(error.remoteClass(), QStringLiteral("Pyro5.errors.NamingError"));
    QFETCH_GLOBAL(int, serializer);
    if (serializer == int(SerializerId::Marshal))
        return; // 5.16: lookup(name, True) cannot be marshalled by the name server
    const Result<NameServerEntry> entry =
            NameServerClient::entryFromLookupResult(QStringLiteral("test.tester"), sync(ns.lookup(QStringLiteral("test.tester"), true)));
    QVERIFY2(entry.ok(), qPrintable(entry.error().message()));
    QCOMPARE(entry.value().metadata, (QStringList { QStringLiteral("lab"), QStringLiteral("pyro5") }));
    const Result<QList<NameServerEntry>> withMeta = NameServerClient::entriesFromListResult(sync(ns.list({}, true)));
    QVERIFY(withMeta.ok());
    QCOMPARE(withMeta.value()[0].metadata, QStringList { QStringLiteral("class:Pyro5.nameserver.NameServer") });
}

// Pyro5 searches tags with yplookup(meta_all/any); list() sends that for tag filters.
void tst_Pyro5NameServer::metadataSearch()
{
    NameServerClient ns(m_nsUri, settings());
    auto names = [](const Value &v) {
        QStringList out;
        for (const NameServerEntry &e : NameServerClient::entriesFromListResult(v).valueOr({}))
            out.append(e.name);
        return out;
    };
    QCOMPARE(names(sync(ns.list(NameServerFilter { {}, {}, { QStringLiteral("lab"), QStringLiteral("pyro5") }, {} }))),
             QStringList { QStringLiteral("test.tester") });
    QCOMPARE(names(sync(ns.list(NameServerFilter { {}, {}, {}, { QStringLiteral("spare"), QStringLiteral("nothing") } }))),
             QStringList { QStringLiteral("test.other") });
    QCOMPARE(names(sync(ns.yplookup({ QStringLiteral("lab") }))), (QStringList { QStringLiteral("test.other"), QStringLiteral("test.tester") }));
    QCOMPARE(names(sync(ns.yplookup({ QStringLiteral("none") }))), QStringList());
    QFETCH_GLOBAL(int, serializer);
    if (serializer != int(SerializerId::Marshal)) {
        const Result<QList<NameServerEntry>> meta = NameServerClient::entriesFromListResult(sync(ns.yplookup({}, { QStringLiteral("pyro5") }, true)));
        QVERIFY(meta.ok());
        QCOMPARE(meta.value().size(), 1);
        QCOMPARE(meta.value()[0].metadata, (QStringList { QStringLiteral("lab"), QStringLiteral("pyro5") }));
    }
    QCOMPARE(names(sync(ns.list(NameServerFilter { QStringLiteral("test.o"), {}, {}, {} }))), QStringList { QStringLiteral("test.other") });
    QCOMPARE(names(sync(ns.list(NameServerFilter { {}, QStringLiteral(".*tester"), {}, {} }))), QStringList { QStringLiteral("test.tester") });
}

void tst_Pyro5NameServer::registerRemoveSetMetadata()
{
    NameServerClient ns(m_nsUri, settings());
    const QString name = QStringLiteral("reg.%1").arg(QLatin1String(QTest::currentDataTag()));
    const PyroUri target = PyroUri::parse(u"PYRO:o@127.0.0.1:5").value();
    Error error;
    sync(ns.registerName(name, target, { QStringLiteral("t1") }), &error);
    QVERIFY2(!error, qPrintable(error.message()));
    sync(ns.registerName(name, target, {}, true), &error);
    QCOMPARE(error.code(), Error::Code::NamingError);
    sync(ns.setMetadata(name, { QStringLiteral("x"), QStringLiteral("y") }), &error);
    QVERIFY(!error);
    const Result<QList<NameServerEntry>> found =
            NameServerClient::entriesFromListResult(sync(ns.yplookup({ QStringLiteral("x"), QStringLiteral("y") })));
    QCOMPARE(found.value().size(), 1);
    QCOMPARE(found.value()[0].name, name);
    QCOMPARE(found.value()[0].uri, target);
    QCOMPARE(sync(ns.remove(name)), Value(1));
    QCOMPARE(sync(ns.remove(name)), Value(0));
    QCOMPARE(sync(ns.count()), Value(3));
}

void tst_Pyro5NameServer::locateSaysPyro5()
{
    LocateOptions o;
    o.host = m_nsUri.host();
    o.port = m_nsUri.port();
    PendingResolve *op = NameServerLocator::locate(o, settings(), this);
    QTRY_VERIFY_WITH_TIMEOUT(op->isFinished(), 60000);
    QVERIFY2(!op->error(), qPrintable(op->error().message()));
    QCOMPARE(op->uri(), m_nsUri);
    QCOMPARE(op->protocol(), std::optional(ProtocolVersion::Pyro5));
    delete op;
    // Told Pyro4, the Pyro5 name server is a protocol mismatch, not "failed to locate".
    ProxySettings pyro4 = settings();
    pyro4.protocol = ProxySettings::Protocol::Pyro4;
    op = NameServerLocator::locate(o, pyro4, this);
    QTRY_VERIFY_WITH_TIMEOUT(op->isFinished(), 60000);
    QCOMPARE(op->error().code(), Error::Code::ProtocolMismatch);
    delete op;
}

void tst_Pyro5NameServer::locateByBroadcastSaysPyro5()
{
    // Python Pyro5's own broadcast responder (Pyro5.nameserver.BroadcastServer) on a free UDP
    // port of 127.0.0.1, found as Pyro4's locateNS() does with PYRO_BROADCAST_ADDRS=127.0.0.1
    // and PYRO_NS_BCPORT=<port>; the localhost and final direct attempts go to a port where
    // nothing listens, so only the broadcast reply can find it.
    const QStringList parts = m_broadcastPeer.readyText().split(QLatin1Char(' '));
    const PyroUri expected = PyroUri::parse(QStringLiteral("PYRO:Pyro.NameServer@") + parts[0]).value();
    QUdpSocket unused;
    QVERIFY(unused.bind(QHostAddress::LocalHost, 0));
    const int deadPort = unused.localPort();
    unused.close(); // nothing answers there, on TCP or UDP
    QProcessEnvironment env;
    env.insert(QStringLiteral("PYRO_NS_HOST"), QStringLiteral("127.0.0.1"));
    env.insert(QStringLiteral("PYRO_NS_PORT"), QString::number(deadPort));
    env.insert(QStringLiteral("PYRO_NS_BCPORT"), parts[1]);
    env.insert(QStringLiteral("PYRO_BROADCAST_ADDRS"), QStringLiteral("127.0.0.1"));
    const LocateOptions o = LocateOptions::fromEnvironment(env);
    QCOMPARE(o.bcPort, parts[1].toInt());
    PendingResolve *op = NameServerLocator::locate(o, settings(), this);
    QTRY_VERIFY_WITH_TIMEOUT(op->isFinished(), 60000);
    QVERIFY2(!op->error(), qPrintable(op->error().message()));
    QCOMPARE(op->uri(), expected);
    QCOMPARE(op->protocol(), std::optional(ProtocolVersion::Pyro5));
    delete op;
}

QTEST_GUILESS_MAIN(tst_Pyro5NameServer)
#include "tst_pyro5nameserver.moc"
