// Proxy compatibility paths: serializer ids 5 (dill) and 7 (cloudpickle) decoded as pickle,
// and daemons that do not send metadata in the handshake (Pyro4 < 4.27), against real
// Pyro4 daemons (tests/peers/client_extras.py) and a scripted hostile server.
#include "clienttestutil.h"
#include "hostileserver.h"
#include "peerprocess.h"

#include "client/proxy.h"
#include "protocol/message.h"
#include "serializers/serializer.h"

#include <QTest>

using namespace Pyro;
using namespace Pyro::Test;

class tst_ProxyCompat : public QObject
{
    Q_OBJECT

private slots:
    void pickleFamily_data();
    void pickleFamily();
    void pickleFamilyRefusedWithoutAllowPickle_data();
    void pickleFamilyRefusedWithoutAllowPickle();
    void pickleFamilyReplyRefused();

    void metadataFallback_data();
    void metadataFallback();
};

void tst_ProxyCompat::pickleFamily_data()
{
    QTest::addColumn<SerializerId>("serializer");
    QTest::addColumn<QString>("name");
    QTest::newRow("dill (id 5)") << SerializerId::Dill << QStringLiteral("dill");
    QTest::newRow("cloudpickle (id 7)") << SerializerId::CloudPickle << QStringLiteral("cloudpickle");
}

void tst_ProxyCompat::pickleFamily()
{
    QFETCH(SerializerId, serializer);
    QFETCH(QString, name);
    PeerProcess peer;
    QVERIFY2(peer.start(QStringLiteral("client_extras.py"), { QStringLiteral("--fake-pickle-ids") }), qPrintable(peer.failure()));
    ProxySettings settings;
    settings.serializer = serializer;
    settings.allowPickle = true;
    settings.timeout = 30;
    Proxy proxy(uriFrom(peer.readyText()), settings);

    // The daemon decodes our request under the id and answers under it: plain data works.
    Finished add = waitFor(proxy.call(QStringLiteral("add"), { 1, 2 }));
    QVERIFY2(add.ok, qPrintable(add.error.toString()));
    QCOMPARE(add.result, Value(3));
    QVERIFY(proxy.hasMetadata());
    const Value data = Value::list({ QStringLiteral("x"), Value::bytes("\x00\xff"), 2.5, Value::tuple({ Value(), true }) });
    Finished echo = waitFor(proxy.call(QStringLiteral("echo"), { data }));
    QVERIFY2(echo.ok, qPrintable(echo.error.toString()));
    QCOMPARE(echo.result, data);

    // A pickled function is not plain data: a clear error naming the serializer and the global.
    Finished fn = waitFor(proxy.call(QStringLiteral("function")));
    QVERIFY(!fn.ok);
    // The pickle decoder refuses globals outside its allow-list (a SecurityError).
    QCOMPARE(fn.error.code(), Error::Code::SecurityError);
    QVERIFY2(fn.error.message().contains(name), qPrintable(fn.error.message()));
    QVERIFY2(fn.error.toString().contains(QLatin1String("plain_function")), qPrintable(fn.error.toString()));

    // The connection was dropped (as Pyro4 does after a SerializeError) and comes back.
    Finished again = waitFor(proxy.call(QStringLiteral("add"), { 2, 2 }));
    QVERIFY2(again.ok, qPrintable(again.error.toString()));
    QCOMPARE(again.result, Value(4));
}

void tst_ProxyCompat::pickleFamilyRefusedWithoutAllowPickle_data()
{
    pickleFamily_data();
}

void tst_ProxyCompat::pickleFamilyRefusedWithoutAllowPickle()
{
    QFETCH(SerializerId, serializer);
    QFETCH(QString, name);
    HostileServer server(QByteArray(), HostileServer::After::StayOpen);
    QVERIFY(server.start());
    ProxySettings settings;
    settings.serializer = serializer;
    Proxy proxy(uriFrom(QStringLiteral("PYRO:obj@127.0.0.1:%1").arg(server.port())), settings);
    Finished f = waitFor(proxy.call(QStringLiteral("add"), { 1, 2 }));
    QVERIFY(!f.ok);
    QCOMPARE(f.error.code(), Error::Code::SecurityError);
    QVERIFY2(f.error.message().contains(name) && f.error.message().contains(QLatin1String("allowPickle")),
             qPrintable(f.error.message()));
    QCOMPARE(server.connections(), 0); // refused before connecting
}

void tst_ProxyCompat::pickleFamilyReplyRefused()
{
    // A server answering the handshake under id 5 (pickle data) is refused without allowPickle.
    Message m;
    m.type = MessageType::ConnectOk;
    m.serializerId = quint16(SerializerId::Dill);
    m.data = Serializer::byId(SerializerId::Pickle)->encode(Value(QStringLiteral("hello"))).value();
    HostileServer server(MessageWriter::write(m));
    QVERIFY(server.start());
    ProxySettings settings;
    settings.metadata = false;
    Proxy proxy(uriFrom(QStringLiteral("PYRO:obj@127.0.0.1:%1").arg(server.port())), settings);
    Finished f = waitFor(proxy.call(QStringLiteral("add"), { 1, 2 }));
    QVERIFY(!f.ok);
    QCOMPARE(f.error.code(), Error::Code::SecurityError);
    QVERIFY2(f.error.message().contains(QLatin1String("dill")) && f.error.message().contains(QLatin1String("id 5")),
             qPrintable(f.error.message()));
}

void tst_ProxyCompat::metadataFallback_data()
{
    QTest::addColumn<QStringList>("peerArgs");
    QTest::addColumn<bool>("metadataSetting");
    QTest::addColumn<SerializerId>("serializer");
    QTest::addColumn<bool>("expectMetadata");
    for (const SerializerId s : { SerializerId::Serpent, SerializerId::Json }) {
        const char *sn = s == SerializerId::Serpent ? "serpent" : "json";
        QTest::addRow("%s: no META in CONNECTOK, get_metadata asked", sn)
                << QStringList { QStringLiteral("--no-meta") } << true << s << true;
        QTest::addRow("%s: no META and no get_metadata", sn)
                << QStringList { QStringLiteral("--no-meta"), QStringLiteral("--no-get-metadata") } << true << s << false;
        QTest::addRow("%s: ProxySettings::metadata off", sn) << QStringList() << false << s << false;
        QTest::addRow("%s: metadata off, old daemon", sn)
                << QStringList { QStringLiteral("--no-meta"), QStringLiteral("--no-get-metadata") } << false << s << false;
    }
}

void tst_ProxyCompat::metadataFallback()
{
    QFETCH(QStringList, peerArgs);
    QFETCH(bool, metadataSetting);
    QFETCH(SerializerId, serializer);
    QFETCH(bool, expectMetadata);
    PeerProcess peer;
    QVERIFY2(peer.start(QStringLiteral("client_extras.py"), peerArgs), qPrintable(peer.failure()));
    ProxySettings settings;
    settings.metadata = metadataSetting;
    settings.serializer = serializer;
    settings.timeout = 30;
    Proxy proxy(uriFrom(peer.readyText()), settings);

    Finished bound = waitFor(proxy.bind());
    QVERIFY2(bound.ok, qPrintable(bound.error.toString()));
    QCOMPARE(proxy.state(), Proxy::State::Connected);
    QCOMPARE(proxy.hasMetadata(), expectMetadata);
    QCOMPARE(proxy.handshakeResponse(), Value(QStringLiteral("hello")));
    if (expectMetadata) {
        QVERIFY(proxy.methods().contains(QStringLiteral("add")));
        QCOMPARE(proxy.onewayMethods(), QStringList { QStringLiteral("fire") });
    } else {
        QVERIFY(proxy.methods().isEmpty());
    }

    Finished add = waitFor(proxy.call(QStringLiteral("add"), { 1, 2 }));
    QVERIFY2(add.ok, qPrintable(add.error.toString()));
    QCOMPARE(add.result, Value(3));

    // An unknown name fails locally with metadata, remotely (AttributeError) without.
    Finished unknown = waitFor(proxy.call(QStringLiteral("no_such_method")));
    QVERIFY(!unknown.ok);
    if (expectMetadata) {
        QCOMPARE(unknown.error.code(), Error::Code::UnknownMember);
    } else {
        QCOMPARE(unknown.error.code(), Error::Code::RemoteException);
        QVERIFY2(unknown.error.remoteClass().endsWith(QLatin1String("AttributeError")), qPrintable(unknown.error.toString()));
    }
    // The connection still serves calls in order after all that.
    Finished echo = waitFor(proxy.call(QStringLiteral("echo"), { QStringLiteral("x") }));
    QVERIFY2(echo.ok, qPrintable(echo.error.toString()));
    QCOMPARE(echo.result, Value(QStringLiteral("x")));
    Finished fire = waitFor(proxy.callOneway(QStringLiteral("fire")));
    QVERIFY2(fire.ok, qPrintable(fire.error.toString()));
}

QTEST_GUILESS_MAIN(tst_ProxyCompat)
#include "tst_proxycompat.moc"
