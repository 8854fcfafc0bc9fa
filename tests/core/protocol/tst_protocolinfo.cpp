// ProtocolInfo (serializer ids per protocol, names, sniffing) and PyroClassNames, plus the
// lower layers' recognition of Pyro5's class names (PyroObjects, Error, PyroUri).
#include "protocol/protocolversion.h"
#include "protocol/pyroclassnames.h"
#include "protocol/pyrouri.h"
#include "support/error.h"
#include "value/pyroobjects.h"

#include <QTest>

using namespace Pyro;

class tst_ProtocolInfo : public QObject
{
    Q_OBJECT

private slots:
    void serializerIds_data();
    void serializerIds();
    void noPickleInPyro5();
    void names();
    void classNames();
    void pyro5ObjectsRecognised_data();
    void pyro5ObjectsRecognised();
    void pyro5ErrorsKeepTheirLayer_data();
    void pyro5ErrorsKeepTheirLayer();
    void uriValueRoundTrip();
    void objectsTravelInTheSpokenProtocol();
};

void tst_ProtocolInfo::serializerIds_data()
{
    QTest::addColumn<SerializerId>("id");
    QTest::addColumn<int>("wire4");
    QTest::addColumn<int>("wire5"); // -1: none
    QTest::newRow("serpent") << SerializerId::Serpent << 1 << 1;
    QTest::newRow("json") << SerializerId::Json << 2 << 3;
    QTest::newRow("marshal") << SerializerId::Marshal << 3 << 2;
    QTest::newRow("msgpack") << SerializerId::Msgpack << 6 << 4;
    QTest::newRow("pickle") << SerializerId::Pickle << 4 << -1;
    QTest::newRow("dill") << SerializerId::Dill << 5 << -1;
    QTest::newRow("cloudpickle") << SerializerId::CloudPickle << 7 << -1;
}

void tst_ProtocolInfo::serializerIds()
{
    QFETCH(SerializerId, id);
    QFETCH(int, wire4);
    QFETCH(int, wire5);
    QCOMPARE(ProtocolInfo::serializerWireId(id, ProtocolVersion::Pyro4), std::optional(quint16(wire4)));
    QCOMPARE(ProtocolInfo::serializerFromWire(quint16(wire4), ProtocolVersion::Pyro4), std::optional(id));
    if (wire5 < 0) {
        QCOMPARE(ProtocolInfo::serializerWireId(id, ProtocolVersion::Pyro5), std::nullopt);
    } else {
        QCOMPARE(ProtocolInfo::serializerWireId(id, ProtocolVersion::Pyro5), std::optional(quint16(wire5)));
        QCOMPARE(ProtocolInfo::serializerFromWire(quint16(wire5), ProtocolVersion::Pyro5), std::optional(id));
    }
}

void tst_ProtocolInfo::noPickleInPyro5()
{
    // Id 4 is pickle in 48 and msgpack in 502; 5..7 mean nothing in 502.
    QCOMPARE(ProtocolInfo::serializerFromWire(4, ProtocolVersion::Pyro5), std::optional(SerializerId::Msgpack));
    for (quint16 wire : { 0, 5, 6, 7, 42, 255 })
        QCOMPARE(ProtocolInfo::serializerFromWire(wire, ProtocolVersion::Pyro5), std::nullopt);
    QCOMPARE(ProtocolInfo::serializers(ProtocolVersion::Pyro5),
             (QList<SerializerId> { SerializerId::Serpent, SerializerId::Marshal, SerializerId::Json, SerializerId::Msgpack }));
    const Error e = ProtocolInfo::serializerUnavailable(SerializerId::Pickle, ProtocolVersion::Pyro5);
    QCOMPARE(e.code(), Error::Code::UnsupportedSerializer);
    QCOMPARE(e.message(), QStringLiteral("Pyro5 (protocol 502) has no pickle serializer (it offers serpent, marshal, json, msgpack)"));
    QVERIFY(ProtocolInfo::hmacUnavailable(ProtocolVersion::Pyro5).message().startsWith(QLatin1String("Pyro5 (protocol 502) has no HMAC")));
}

void tst_ProtocolInfo::names()
{
    QCOMPARE(ProtocolInfo::describe(ProtocolVersion::Pyro4), QStringLiteral("Pyro4 (protocol 48)"));
    QCOMPARE(ProtocolInfo::describe(ProtocolVersion::Pyro5), QStringLiteral("Pyro5 (protocol 502)"));
    QCOMPARE(ProtocolInfo::fromWire(48), std::optional(ProtocolVersion::Pyro4));
    QCOMPARE(ProtocolInfo::fromWire(502), std::optional(ProtocolVersion::Pyro5));
    QCOMPARE(ProtocolInfo::fromWire(501), std::nullopt);
    QCOMPARE(ProtocolInfo::other(ProtocolVersion::Pyro4), ProtocolVersion::Pyro5);
    QCOMPARE(ProtocolInfo::headerSize(ProtocolVersion::Pyro4), 24);
    QCOMPARE(ProtocolInfo::headerSize(ProtocolVersion::Pyro5), 40);
}

void tst_ProtocolInfo::classNames()
{
    const PyroClassNames &p5 = PyroClassNames::of(ProtocolVersion::Pyro5);
    QCOMPARE(p5.uri, QStringLiteral("Pyro5.core.URI"));
    QCOMPARE(p5.proxy, QStringLiteral("Pyro5.client.Proxy"));
    QCOMPARE(p5.proxyStateItems, 6);
    QCOMPARE(p5.error(QStringLiteral("NamingError")), QStringLiteral("Pyro5.errors.NamingError"));
    QCOMPARE(p5.exceptionWrapper, QStringLiteral("Pyro5.core._ExceptionWrapper"));
    QCOMPARE(p5.daemon, QStringLiteral("Pyro5.server.Daemon"));
    QCOMPARE(p5.nameServerTag(), QStringLiteral("class:Pyro5.nameserver.NameServer"));
    const PyroClassNames &p4 = PyroClassNames::of(ProtocolVersion::Pyro4);
    QCOMPARE(p4.uri, QStringLiteral("Pyro4.core.URI"));
    QCOMPARE(p4.proxyStateItems, 9);
    QCOMPARE(p4.exceptionWrapper, QStringLiteral("Pyro4.futures._ExceptionWrapper"));
    QCOMPARE(p4.nameServerTag(), QStringLiteral("class:Pyro4.naming.NameServer"));
    QCOMPARE(PyroClassNames::protocolOf(QStringLiteral("Pyro5.errors.NamingError")), std::optional(ProtocolVersion::Pyro5));
    QCOMPARE(PyroClassNames::protocolOf(QStringLiteral("Pyro4.core.URI")), std::optional(ProtocolVersion::Pyro4));
    QCOMPARE(PyroClassNames::protocolOf(QStringLiteral("builtins.ValueError")), std::nullopt);
}

void tst_ProtocolInfo::pyro5ObjectsRecognised_data()
{
    QTest::addColumn<Value>("value");
    QTest::addColumn<bool>("isUri");
    QTest::addColumn<bool>("isProxy");
    QTest::addColumn<QString>("proxyUri");
    const Value uriState = Value::tuple({ QStringLiteral("PYRO"), QStringLiteral("obj"), Value(), QStringLiteral("127.0.0.1"), 9999 });
    auto cls = [](const QString &name, const Value &state) {
        return Value(Dict { { QStringLiteral("__class__"), name }, { QStringLiteral("state"), state } });
    };
    const Value proxyState = Value::tuple({ QStringLiteral("PYRO:obj@127.0.0.1:9999"), Value::tuple({}), Value::tuple({ QStringLiteral("m") }),
                                            Value::tuple({}), Value(), QStringLiteral("serpent") });
    QTest::newRow("pyro5_uri") << cls(QStringLiteral("Pyro5.core.URI"), uriState) << true << false << QString();
    QTest::newRow("pyro5_proxy") << cls(QStringLiteral("Pyro5.client.Proxy"), proxyState) << false << true
                                 << QStringLiteral("PYRO:obj@127.0.0.1:9999");
    QTest::newRow("pyro5_proxy_9_items") << cls(QStringLiteral("Pyro5.client.Proxy"), Value::tuple(ValueList(9, Value(QStringLiteral("x")))))
                                         << false << false << QString();
    QTest::newRow("pyro5_uri_4_items") << cls(QStringLiteral("Pyro5.core.URI"), Value::tuple(ValueList(4, Value()))) << false << false
                                       << QString();
    QTest::newRow("pyro4_uri") << cls(QStringLiteral("Pyro4.core.URI"), uriState) << true << false << QString();
}

void tst_ProtocolInfo::pyro5ObjectsRecognised()
{
    QFETCH(Value, value);
    QFETCH(bool, isUri);
    QFETCH(bool, isProxy);
    QFETCH(QString, proxyUri);
    QCOMPARE(PyroObjects::isUri(value), isUri);
    QCOMPARE(PyroObjects::isProxy(value), isProxy);
    QCOMPARE(PyroObjects::proxyUri(value), proxyUri);
}

void tst_ProtocolInfo::pyro5ErrorsKeepTheirLayer_data()
{
    QTest::addColumn<QString>("cls");
    QTest::addColumn<Error::Code>("code");
    QTest::newRow("naming5") << QStringLiteral("Pyro5.errors.NamingError") << Error::Code::NamingError;
    QTest::newRow("naming4") << QStringLiteral("Pyro4.errors.NamingError") << Error::Code::NamingError;
    QTest::newRow("serialize5") << QStringLiteral("Pyro5.errors.SerializeError") << Error::Code::SerializeError;
    QTest::newRow("security5") << QStringLiteral("Pyro5.errors.SecurityError") << Error::Code::SecurityError;
    QTest::newRow("timeout5") << QStringLiteral("Pyro5.errors.TimeoutError") << Error::Code::Timeout;
    QTest::newRow("protocol5") << QStringLiteral("Pyro5.errors.ProtocolError") << Error::Code::ProtocolError;
    QTest::newRow("daemon5_is_remote") << QStringLiteral("Pyro5.errors.DaemonError") << Error::Code::RemoteException;
    QTest::newRow("pyro6_is_remote") << QStringLiteral("Pyro6.errors.NamingError") << Error::Code::RemoteException;
    QTest::newRow("builtin") << QStringLiteral("builtins.ValueError") << Error::Code::RemoteException;
}

void tst_ProtocolInfo::pyro5ErrorsKeepTheirLayer()
{
    QFETCH(QString, cls);
    QFETCH(Error::Code, code);
    const Value dict = Dict { { QStringLiteral("__class__"), cls },
                              { QStringLiteral("__exception__"), true },
                              { QStringLiteral("args"), Value::tuple({ QStringLiteral("boom") }) },
                              { QStringLiteral("attributes"), Dict {} } };
    const Error e = Error::fromRemoteException(dict);
    QCOMPARE(e.code(), code);
    QCOMPARE(e.remoteClass(), cls);
    QCOMPARE(e.message(), QStringLiteral("boom"));
}

void tst_ProtocolInfo::uriValueRoundTrip()
{
    const PyroUri uri = PyroUri::parse(u"PYRO:obj@127.0.0.1:9999").value();
    const Value v5 = uri.toValue(ProtocolVersion::Pyro5);
    QCOMPARE(v5.className(), QStringLiteral("Pyro5.core.URI"));
    QCOMPARE(PyroUri::fromValue(v5).value(), uri);
    QCOMPARE(uri.toValue().className(), QStringLiteral("Pyro4.core.URI"));
    QCOMPARE(PyroUri::fromValue(uri.toValue()).value(), uri);
}

QTEST_GUILESS_MAIN(tst_ProtocolInfo)
// A proxy or URI made for one protocol, inside arguments sent over the other.
void tst_ProtocolInfo::objectsTravelInTheSpokenProtocol()
{
    const QString uri = QStringLiteral("PYRO:listener@127.0.0.1:4567");
    const Value empty = Value::tuple({});
    const Value oneway = Value::tuple({ QStringLiteral("ping") });
    const Value pyro4Proxy(Dict { { QStringLiteral("__class__"), QStringLiteral("Pyro4.core.Proxy") },
                                  { QStringLiteral("state"), Value::tuple({ uri, oneway, empty, empty, 2.5, Value(), QStringLiteral("hi"), 3, QStringLiteral("json") }) } });
    const Value pyro5Proxy(Dict { { QStringLiteral("__class__"), QStringLiteral("Pyro5.client.Proxy") },
                                  { QStringLiteral("state"), Value::tuple({ uri, oneway, empty, empty, QStringLiteral("hi"), QStringLiteral("json") }) } });
    const Value uriState = Value::tuple({ QStringLiteral("PYRO"), QStringLiteral("listener"), Value(), QStringLiteral("127.0.0.1"), 4567 });
    const Value pyro4Uri(Dict { { QStringLiteral("__class__"), QStringLiteral("Pyro4.core.URI") }, { QStringLiteral("state"), uriState } });
    const Value pyro5Uri(Dict { { QStringLiteral("__class__"), QStringLiteral("Pyro5.core.URI") }, { QStringLiteral("state"), uriState } });

    const Value args4 = Value::list({ 1, Value(Dict { { QStringLiteral("cb"), pyro4Proxy } }), Value::tuple({ pyro4Uri }) });
    const Value args5 = Value::list({ 1, Value(Dict { { QStringLiteral("cb"), pyro5Proxy } }), Value::tuple({ pyro5Uri }) });
    QCOMPARE(PyroClassNames::toProtocol(args4, ProtocolVersion::Pyro5), args5);
    // Back to Pyro4: what Pyro5's state does not carry gets Pyro4's defaults.
    const Value back(Dict { { QStringLiteral("__class__"), QStringLiteral("Pyro4.core.Proxy") },
                            { QStringLiteral("state"), Value::tuple({ uri, oneway, empty, empty, 0.0, Value(), QStringLiteral("hi"), 0, QStringLiteral("json") }) } });
    QCOMPARE(PyroClassNames::toProtocol(pyro5Proxy, ProtocolVersion::Pyro4), back);
    // Already in the spoken protocol, or no objects at all: unchanged.
    QCOMPARE(PyroClassNames::toProtocol(args4, ProtocolVersion::Pyro4), args4);
    QCOMPARE(PyroClassNames::toProtocol(args5, ProtocolVersion::Pyro5), args5);
    const Value plain = Value::list({ 1, QStringLiteral("x"), Value(Dict { { QStringLiteral("__class__"), QStringLiteral("foo.Bar") } }) });
    QCOMPARE(PyroClassNames::toProtocol(plain, ProtocolVersion::Pyro5), plain);
}

#include "tst_protocolinfo.moc"
