// Kept-serialized calls from our client (Pyro4's SerializedBlob): Proxy::callSerialized()
// serializes once and flags the request KEEPSERIALIZED with the BLBI annotation;
// forwardSerialized() passes a payload on unchanged, as a gateway does with what our daemon
// kept (CallContext::serializedPayload). The peer is a Python Pyro4 daemon whose method gets a
// real SerializedBlob (tests/peers/blob_daemon.py).
#include "client/proxy.h"
#include "clienttestutil.h"
#include "peerprocess.h"
#include "serializers/serializer.h"

#include <QTest>

using namespace Pyro;
using namespace Pyro::Test;

class tst_KeptSerialized : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void callSerialized_data();
    void callSerialized();
    void forwardSerialized();

private:
    PeerProcess m_peer;
    PyroUri m_uri;
};

void tst_KeptSerialized::initTestCase()
{
    QVERIFY2(m_peer.start(QStringLiteral("blob_daemon.py")), qPrintable(m_peer.failure()));
    m_uri = PyroUri::parse(m_peer.readyText()).value();
}

void tst_KeptSerialized::callSerialized_data()
{
    QTest::addColumn<QString>("serializer");
    for (const char *name : { "serpent", "json", "marshal", "msgpack" })
        QTest::newRow(name) << QString::fromLatin1(name);
}

void tst_KeptSerialized::callSerialized()
{
    QFETCH(QString, serializer);
    ProxySettings s;
    s.serializer = Serializer::byName(serializer)->id();
    QObject owner;
    auto *proxy = new Proxy(m_uri, s, &owner);
    const Finished f = waitFor(proxy->callSerialized(QStringLiteral("receive"), QStringLiteral("job-7"), { 1, QStringLiteral("two") }));
    QVERIFY2(f.ok, qPrintable(f.error.toString()));
    const ValueList got = f.result.items();
    QCOMPARE(got.size(), 3);
    QCOMPARE(got.at(0), Value(QStringLiteral("SerializedBlob")));
    QCOMPARE(got.at(1), Value(QStringLiteral("job-7")));
    // deserialized() gives the blob's data, the call's arguments as each serializer brings
    // them to Python. Under json Pyro4 4.82 unpacks the decoded call dict by its keys, so its
    // deserialized() returns the third key, 'params': Pyro4's own fault, reproduced faithfully.
    QString expected = QStringLiteral("(1, 'two')");
    if (serializer == QLatin1String("marshal") || serializer == QLatin1String("msgpack"))
        expected = QStringLiteral("[1, 'two']");
    else if (serializer == QLatin1String("json"))
        expected = QStringLiteral("'params'");
    QCOMPARE(got.at(2).repr(), expected);
}

void tst_KeptSerialized::forwardSerialized()
{
    // The payload a sender serialized (here with serpent, while the proxy's own serializer is
    // json): the bytes go on as they are, under their own serializer id.
    const Serializer *serpent = Serializer::byId(SerializerId::Serpent);
    CallEnvelope env;
    env.objectId = QStringLiteral("blob.sink");
    env.method = QStringLiteral("receive");
    env.args = { Value(Dict { { QStringLiteral("x"), 3 } }) };
    const Result<QByteArray> payload = serpent->encodeCall(env);
    QVERIFY(payload.ok());
    QObject owner;
    ProxySettings settings;
    settings.serializer = SerializerId::Json;
    auto *proxy = new Proxy(m_uri, settings, &owner);
    const Finished f = waitFor(proxy->forwardSerialized(QStringLiteral("receive"), 42, payload.value(), SerializerId::Serpent));
    QVERIFY2(f.ok, qPrintable(f.error.toString()));
    QCOMPARE(f.result.items().value(1), Value(42));
    QCOMPARE(f.result.items().value(2).repr(), QStringLiteral("({'x': 3},)"));
}

QTEST_MAIN(tst_KeptSerialized)
#include "tst_keptserialized.moc"
