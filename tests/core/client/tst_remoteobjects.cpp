// URIs and proxies in results (Pyro4's autoproxy) as PyroUri / Proxy objects, passed back as
// arguments, and PendingCall's value-passing then() chain, against a real Python Pyro4 4.82
// factory (tests/peers/fidelity_peer.py) with every serializer.
#include "client/pendingstream.h"
#include "client/remoteobjects.h"

#include "clienttestutil.h"
#include "peerprocess.h"
#include "value/displayrepr.h"

#include <QTest>

using namespace Pyro;
using namespace Pyro::Test;

class tst_RemoteObjects : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void proxiesInResults_data();
    void proxiesInResults();
    void urisInResults_data();
    void urisInResults();
    void thenChainOnARemoteCall();
    void notARemoteObject();
    void streamPullsOneByOne();

private:
    ProxySettings settingsFor(const QString &serializer) const;
    PeerProcess m_peer;
    PyroUri m_factory;
    PyroUri m_lab;
};

void tst_RemoteObjects::initTestCase()
{
    QVERIFY2(m_peer.start(QStringLiteral("fidelity_peer.py")), qPrintable(m_peer.failure()));
    const QStringList parts = m_peer.readyText().split(u' ');
    QCOMPARE(parts.size(), 3);
    m_lab = uriFrom(parts.at(1));
    m_factory = uriFrom(parts.at(2));
    QVERIFY(m_factory.isValid());
}

void tst_RemoteObjects::cleanupTestCase()
{
    m_peer.kill();
}

ProxySettings tst_RemoteObjects::settingsFor(const QString &serializer) const
{
    ProxySettings s;
    s.serializer = Serializer::byName(serializer)->id();
    s.allowPickle = serializer == QLatin1String("pickle");
    return s;
}

static void serializers()
{
    QTest::addColumn<QString>("serializer");
    for (const char *name : { "serpent", "json", "marshal", "msgpack", "pickle" })
        QTest::newRow(name) << QString::fromLatin1(name);
}

void tst_RemoteObjects::proxiesInResults_data()
{
    serializers();
}

void tst_RemoteObjects::proxiesInResults()
{
    QFETCH(QString, serializer);
    Proxy factory(m_factory, settingsFor(serializer));
    // Pyro4 autoproxies a returned object with serpent and json; the others get an explicit Proxy
    const bool autoproxy = serializer == QLatin1String("serpent") || serializer == QLatin1String("json");
    const Finished sub = waitFor(factory.call(autoproxy ? QStringLiteral("sub") : QStringLiteral("sub_proxy"), { QStringLiteral("a") }));
    QVERIFY2(sub.ok, qPrintable(sub.error.toString()));
    QVERIFY2(RemoteObjects::isRemoteObject(sub.result), qPrintable(sub.result.repr()));
    const QString expectedUri = QStringLiteral("PYRO:sub.a@%1").arg(m_factory.location());
    QCOMPARE(RemoteObjects::uri(sub.result).value().toString(), expectedUri);
    QCOMPARE(DisplayRepr::write(sub.result), QStringLiteral("<Pyro4.core.Proxy at %1>").arg(expectedUri));

    // a Proxy you can call
    const Result<Proxy *> p = RemoteObjects::proxy(sub.result, factory.settings(), this);
    QVERIFY2(p, qPrintable(p.error().toString()));
    std::unique_ptr<Proxy> subProxy(p.value());
    const Finished doubled = waitFor(subProxy->call(QStringLiteral("double"), { 21 }));
    QVERIFY2(doubled.ok, qPrintable(doubled.error.toString()));
    QCOMPARE(doubled.result, Value(42));

    // passed back as an argument: the Python side gets a Pyro4.core.Proxy and calls it
    const Finished described = waitFor(factory.call(QStringLiteral("describe"), { RemoteObjects::toValue(*subProxy) }));
    QVERIFY2(described.ok, qPrintable(described.error.toString()));
    QCOMPARE(described.result, Value(QStringLiteral("described: a")));
    // and the received value itself, unchanged
    const Finished again = waitFor(factory.call(QStringLiteral("describe"), { sub.result }));
    QVERIFY2(again.ok, qPrintable(again.error.toString()));
    QCOMPARE(again.result, Value(QStringLiteral("described: a")));

    // a list of sub-devices (Pyro4's marshal serializer cannot send proxies inside a list)
    if (serializer == QLatin1String("marshal"))
        return;
    const Finished subs = waitFor(factory.call(QStringLiteral("subs"), { QStringLiteral("x"), QStringLiteral("y") }));
    QVERIFY2(subs.ok, qPrintable(subs.error.toString()));
    const QList<PyroUri> all = RemoteObjects::findAll(subs.result);
    QCOMPARE(all.size(), 2);
    QCOMPARE(all.at(1).object(), QStringLiteral("sub.y"));
}

void tst_RemoteObjects::urisInResults_data()
{
    serializers();
}

void tst_RemoteObjects::urisInResults()
{
    QFETCH(QString, serializer);
    Proxy factory(m_factory, settingsFor(serializer));
    const Finished u = waitFor(factory.call(QStringLiteral("sub_uri"), { QStringLiteral("b") }));
    QVERIFY2(u.ok, qPrintable(u.error.toString()));
    const QString expectedUri = QStringLiteral("PYRO:sub.b@%1").arg(m_factory.location());
    const Result<PyroUri> uri = RemoteObjects::uri(u.result);
    QVERIFY2(uri, qPrintable(u.result.repr()));
    QCOMPARE(uri.value().toString(), expectedUri);
    if (u.result.isDict())
        QCOMPARE(DisplayRepr::write(u.result), QStringLiteral("Pyro4.core.URI('%1')").arg(expectedUri));
    // back as an argument: a Pyro4.core.URI on the Python side
    const Finished text = waitFor(factory.call(QStringLiteral("uri_text"), { RemoteObjects::toValue(uri.value()) }));
    QVERIFY2(text.ok, qPrintable(text.error.toString()));
    QCOMPARE(text.result, Value(QStringLiteral("URI ") + expectedUri));
}

void tst_RemoteObjects::thenChainOnARemoteCall()
{
    // Pyro4 FutureResult.then on a real call: the proxy's URI, then its object id, then a check.
    Proxy factory(m_factory, settingsFor(QStringLiteral("serpent")));
    PendingCall *call = factory.call(QStringLiteral("sub"), { QStringLiteral("c") });
    QList<Value> seen;
    call->then([](const Value &v) -> Result<Value> {
            const Result<PyroUri> u = RemoteObjects::uri(v);
            if (!u)
                return u.error();
            return Value(u.value().object());
        })
            ->then([&](const Value &v) { seen.append(v); return Value(v.toStr().toUpper()); });
    const Finished f = waitFor(call);
    QVERIFY2(f.ok, qPrintable(f.error.toString()));
    QCOMPARE(seen, (QList<Value> { QStringLiteral("sub.c") }));
    QCOMPARE(f.result, Value(QStringLiteral("SUB.C")));

    // a remote exception reaches iferror, the steps do not run
    Proxy lab(m_lab, settingsFor(QStringLiteral("serpent")));
    PendingCall *bad = lab.call(QStringLiteral("lookup"), { QStringLiteral("nosuch") });
    int steps = 0;
    Error seenError;
    bad->then([&](const Value &) { ++steps; })->iferror([&](const Error &e) { seenError = e; });
    const Finished b = waitFor(bad);
    QCOMPARE(steps, 0);
    QCOMPARE(seenError.toString(), QStringLiteral("builtins.KeyError: 'nosuch'"));
    QCOMPARE(b.error.toString(), seenError.toString());
}

void tst_RemoteObjects::notARemoteObject()
{
    QVERIFY(!RemoteObjects::isRemoteObject(Value(42)));
    QVERIFY(!RemoteObjects::uri(Value(Dict { { QStringLiteral("__class__"), QStringLiteral("x.Y") } })));
    QVERIFY(!RemoteObjects::proxy(Value(QStringLiteral("not a uri")), ProxySettings()));
    QVERIFY(RemoteObjects::findAll(Value::list({ 1, QStringLiteral("PYRO:x@h:1") })).isEmpty()); // strings are not links
}

void tst_RemoteObjects::streamPullsOneByOne()
{
    // A Python generator that counts its advances: by default a stream asks for one item at a
    // time, so consuming 3 items and closing advances it exactly 3 times (Pyro4's behaviour).
    Proxy lab(m_lab, settingsFor(QStringLiteral("serpent")));
    QVERIFY(waitFor(lab.call(QStringLiteral("reset"))).ok);
    PendingStream *stream = lab.callStream(QStringLiteral("counted"));
    QCOMPARE(stream->prefetch(), 0);
    int items = 0;
    connect(stream, &PendingStream::itemReceived, this, [&](const Value &) {
        QCOMPARE(stream->inFlight(), 0); // never a request ahead of the consumer
        if (++items == 3)
            stream->close();
    });
    const Finished done = waitFor(stream);
    QVERIFY2(done.ok, qPrintable(done.error.toString()));
    QCOMPARE(items, 3);
    QCOMPARE(waitFor(lab.call(QStringLiteral("advances"))).result, Value(3));

    // prefetch N keeps N requests in flight: the generator runs ahead of the consumer
    QVERIFY(waitFor(lab.call(QStringLiteral("reset"))).ok);
    PendingStream *ahead = lab.callStream(QStringLiteral("counted"));
    ahead->setPrefetch(4);
    int aheadItems = 0;
    connect(ahead, &PendingStream::itemReceived, this, [&](const Value &) {
        if (++aheadItems == 1)
            ahead->close();
    });
    QVERIFY(waitFor(ahead).ok);
    QCOMPARE(aheadItems, 1);
    // close_stream is sent after the 4 requests on the same connection: all 4 ran
    QCOMPARE(waitFor(lab.call(QStringLiteral("advances"))).result, Value(4));
}

QTEST_GUILESS_MAIN(tst_RemoteObjects)

#include "tst_remoteobjects.moc"
