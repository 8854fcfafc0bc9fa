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
    void forwardSerialized_data();
    void forwardSerialized();

private:
    PeerProcess m_peer;
    PeerProcess m_peer5;
    PyroUri m_uri;
    PyroUri m_uri5;
};

void tst_KeptSerialized::initTestCase()
{
    QVERIFY2(m_peer.start(QStringLiteral("blob_daemon.py")), qPrintable(m_peer.failure()));
    m_uri = PyroUri::parse(m_peer.readyText()).value();
    // The same over Pyro5 (502): Pyro5 5.16's SerializedBlob has Pyro4's form.
    QVERIFY2(PeerProcess::pyro5Failure().isEmpty(), qPrintable(PeerProcess::pyro5Failure()));
    QVERIFY2(m_peer5.start(QStringLiteral("pyro5_blob_daemon.py"), {}, 30000, PeerProcess::pyro5Environment()), qPrintable(m_peer5.failure()));
    m_uri5 = PyroUri::parse(m_peer5.readyText()).value();
}

void tst_KeptSerialized::callSerialized_data()
{
    QTest::addColumn<QString>("serializer");
    QTest::addColumn<int>("pyro");
    for (const char *name : { "serpent", "json", "marshal", "msgpack" }) {
        QTest::addRow("pyro4-%s", name) << QString::fromLatin1(name) << 4;
        QTest::addRow("pyro5-%s", name) << QString::fromLatin1(name) << 5;
    }
}

void tst_KeptSerialized::callSerialized()
{
    QFETCH(QString, serializer);
    QFETCH(int, pyro);
    ProxySettings s;
    s.serializer = Serializer::byName(serializer)->id();
    QObject owner;
    auto *proxy = new Proxy(pyro == 5 ? m_uri5 : m_uri, s, &owner);
    const Finished f = waitFor(proxy->callSerialized(QStringLiteral("receive"), QStringLiteral("job-7"), { 1, QStringLiteral("two") }));
    QVERIFY2(f.ok, qPrintable(f.error.toString()));
    const ValueList got = f.result.items();
    QCOMPARE(got.size(), 3);
    QCOMPARE(got.at(0), Value(QStringLiteral("SerializedBlob")));
    QCOMPARE(got.at(1), Value(QStringLiteral("job-7")));
    // deserialized() gives the blob's data, the call's arguments as each serializer brings
    // them to Python. Under json Pyro4 4.82 and Pyro5 5.16 unpack the decoded call dict by its
    // keys, so deserialized() returns the third key, 'params': their own fault.
    QString expected = QStringLiteral("(1, 'two')");
    if (serializer == QLatin1String("marshal") || serializer == QLatin1String("msgpack"))
        expected = QStringLiteral("[1, 'two']");
    else if (serializer == QLatin1String("json"))
        expected = QStringLiteral("'params'");
    QCOMPARE(got.at(2).repr(), expected);
    QCOMPARE(proxy->protocol().value_or(ProtocolVersion::Pyro4), pyro == 5 ? ProtocolVersion::Pyro5 : ProtocolVersion::Pyro4);
}

void tst_KeptSerialized::forwardSerialized_data()
{
    QTest::addColumn<int>("pyro");
    QTest::newRow("pyro4") << 4;
    QTest::newRow("pyro5") << 5;
}

void tst_KeptSerialized::forwardSerialized()
{
    // The payload a sender serialized (here with serpent, while the proxy's own serializer is
    // json): the bytes go on as they are, under their own serializer id (a 502 id for Pyro5).
    QFETCH(int, pyro);
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
    auto *proxy = new Proxy(pyro == 5 ? m_uri5 : m_uri, settings, &owner);
    const Finished f = waitFor(proxy->forwardSerialized(QStringLiteral("receive"), 42, payload.value(), SerializerId::Serpent));
    QVERIFY2(f.ok, qPrintable(f.error.toString()));
    QCOMPARE(f.result.items().value(1), Value(42));
    QCOMPARE(f.result.items().value(2).repr(), QStringLiteral("({'x': 3},)"));
}

QTEST_MAIN(tst_KeptSerialized)
#include "tst_keptserialized.moc"
