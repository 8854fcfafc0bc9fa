// Every way a call can fail, against real Pyro4 daemons, killed peers and scripted hostile
// servers: each call must end exactly once with a clear error.
#include "clienttestutil.h"
#include "hostileserver.h"
#include "peerprocess.h"

#include "client/pendingstream.h"
#include "client/proxy.h"
#include "protocol/message.h"
#include "serializers/serializer.h"

#include <QProcess>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace Pyro;
using namespace Pyro::Test;

namespace {

QByteArray frame(MessageType type, quint16 seq, const Value &payload, MessageFlags flags = {},
                 SerializerId serializer = SerializerId::Serpent)
{
    Message m;
    m.type = type;
    m.seq = seq;
    m.flags = flags;
    m.serializerId = quint16(serializer);
    m.data = Serializer::byId(serializer)->encode(payload).value();
    return MessageWriter::write(m);
}

QByteArray connectOk()
{
    const Dict meta {
        { QStringLiteral("methods"), Value::list({ QStringLiteral("add") }) },
        { QStringLiteral("oneway"), Value::list({}) },
        { QStringLiteral("attrs"), Value::list({}) },
    };
    const Dict reply { { QStringLiteral("handshake"), QStringLiteral("hello") }, { QStringLiteral("meta"), Value(meta) } };
    return frame(MessageType::ConnectOk, 0, Value(reply), MessageFlag::MetaOnConnect);
}

bool run(const QString &program, const QStringList &args, const QString &dir, QString *failure)
{
    QProcess p;
    p.setWorkingDirectory(dir);
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(program, args);
    if (!p.waitForFinished(60000) || p.exitCode() != 0) {
        *failure = program + QLatin1Char(' ') + args.join(QLatin1Char(' ')) + QStringLiteral(": ") + QString::fromLocal8Bit(p.readAll());
        return false;
    }
    return true;
}

} // namespace

class tst_ProxyFailures : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void connectionRefused();
    void unknownObject();
    void serializerNotAccepted();
    void pickleRefusedUnlessAllowed();
    void hmac_data();
    void hmac();
    void timeoutClosesTheConnection();
    void retriesResend();
    void serverKilledMidCall();
    void hostileServer_data();
    void hostileServer();
    void handshakeTimeout();
    void streamingDisabled();
    void unixSocket();
    void tls_data();
    void tls();
    void deletingTheProxyEndsItsCalls();

private:
    PeerProcess m_peer;
    QTemporaryDir m_certs;
};

void tst_ProxyFailures::initTestCase()
{
    QVERIFY2(m_peer.start(QStringLiteral("client_server.py")), qPrintable(m_peer.failure()));
}

void tst_ProxyFailures::connectionRefused()
{
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const int port = probe.serverPort();
    probe.close();
    QObject owner;
    auto *proxy = new Proxy(PyroUri::pyro(QStringLiteral("x"), QStringLiteral("127.0.0.1"), port), ProxySettings(), &owner);
    QSignalSpy errors(proxy, &Proxy::errorChanged);
    PendingCall *a = proxy->call(QStringLiteral("add"), { 1, 2 });
    PendingCall *b = keep(proxy->call(QStringLiteral("add"), { 1, 2 }));
    const Finished fa = waitFor(a);
    const Finished fb = waitFor(b);
    QCOMPARE(fa.error.code(), Error::Code::ConnectionRefused);
    QCOMPARE(fb.error.code(), Error::Code::ConnectionRefused);
    QCOMPARE(proxy->state(), Proxy::State::Unconnected);
    QCOMPARE(proxy->error().code(), Error::Code::ConnectionRefused);
    QCOMPARE(errors.count(), 1);
}

void tst_ProxyFailures::unknownObject()
{
    QObject owner;
    PyroUri uri = uriFrom(m_peer.readyText());
    auto *proxy = new Proxy(PyroUri::pyro(QStringLiteral("nosuch"), uri.host(), uri.port()), ProxySettings(), &owner);
    const Finished f = waitFor(proxy->call(QStringLiteral("add"), { 1, 2 }));
    QCOMPARE(f.error.code(), Error::Code::HandshakeRejected);
    QVERIFY2(f.error.message().contains(QLatin1String("unknown object")), qPrintable(f.error.message()));
    QCOMPARE(f.error.detail(), QStringLiteral("unknown object"));
}

void tst_ProxyFailures::serializerNotAccepted()
{
    PeerProcess strict;
    QVERIFY2(strict.start(QStringLiteral("client_server.py"), { QStringLiteral("--serializers"), QStringLiteral("serpent,json,marshal") }),
             qPrintable(strict.failure()));
    QObject owner;
    ProxySettings s;
    s.serializer = SerializerId::Msgpack;
    auto *proxy = new Proxy(uriFrom(strict.readyText()), s, &owner);
    const Finished f = waitFor(proxy->call(QStringLiteral("add"), { 1, 2 }));
    QCOMPARE(f.error.code(), Error::Code::UnsupportedSerializer);
    // The reason arrives in marshal although the client spoke msgpack.
    QCOMPARE(f.error.detail(), QStringLiteral("message used serializer that is not accepted: 6"));
}

void tst_ProxyFailures::pickleRefusedUnlessAllowed()
{
    QObject owner;
    ProxySettings s;
    s.serializer = SerializerId::Pickle;
    auto *proxy = new Proxy(uriFrom(m_peer.readyText()), s, &owner);
    const Finished f = waitFor(proxy->call(QStringLiteral("add"), { 1, 2 }));
    QCOMPARE(f.error.code(), Error::Code::SecurityError);
    QCOMPARE(proxy->state(), Proxy::State::Unconnected); // refused before connecting

    s.allowPickle = true;
    proxy->setSettings(s);
    const Finished ok = waitFor(proxy->call(QStringLiteral("add"), { 1, 2 }));
    QVERIFY2(ok.ok, qPrintable(ok.error.toString()));
    QCOMPARE(ok.result, Value(3));
}

void tst_ProxyFailures::hmac_data()
{
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<int>("expected");
    QTest::newRow("same key") << QByteArrayLiteral("secret") << int(Error::Code::NoError);
    QTest::newRow("wrong key") << QByteArrayLiteral("other") << int(Error::Code::SecurityError);
    QTest::newRow("no key") << QByteArray() << int(Error::Code::SecurityError);
}

void tst_ProxyFailures::hmac()
{
    QFETCH(QByteArray, key);
    QFETCH(int, expected);
    PeerProcess peer;
    QVERIFY2(peer.start(QStringLiteral("client_server.py"), { QStringLiteral("--hmac"), QStringLiteral("secret") }),
             qPrintable(peer.failure()));
    QObject owner;
    ProxySettings s;
    s.hmacKey = key;
    auto *proxy = new Proxy(uriFrom(peer.readyText()), s, &owner);
    const Finished f = waitFor(proxy->call(QStringLiteral("add"), { 1, 2 }));
    QVERIFY2(f.error.code() == Error::Code(expected), qPrintable(f.error.toString() + QLatin1Char(' ') + f.error.detail()));
    if (expected == int(Error::Code::NoError)) {
        QCOMPARE(f.result, Value(3));
        PendingStream *stream = proxy->callStream(QStringLiteral("numbers"), { 20 });
        QSignalSpy items(stream, &PendingStream::itemReceived);
        QVERIFY(waitFor(stream).ok);
        QCOMPARE(items.count(), 20);
    }
}

void tst_ProxyFailures::timeoutClosesTheConnection()
{
    QObject owner;
    ProxySettings s;
    s.timeout = 0.3;
    auto *proxy = new Proxy(uriFrom(m_peer.readyText()), s, &owner);
    PendingCall *slow = proxy->call(QStringLiteral("slow"), { 3 });
    PendingCall *queued = keep(proxy->call(QStringLiteral("add"), { 1, 2 }));
    const Finished f = waitFor(slow);
    QCOMPARE(f.error.code(), Error::Code::Timeout);
    QCOMPARE(waitFor(queued).error.code(), Error::Code::Timeout);
    QCOMPARE(proxy->state(), Proxy::State::Unconnected);
    // The next call gets a new connection; the late reply of slow() cannot confuse it.
    const Finished next = waitFor(proxy->call(QStringLiteral("add"), { 2, 3 }));
    QVERIFY2(next.ok, qPrintable(next.error.toString()));
    QCOMPARE(next.result, Value(5));
}

void tst_ProxyFailures::retriesResend()
{
    // A server that hangs up on every connection: with 2 retries the call is tried 3 times.
    HostileServer server(QByteArray(), HostileServer::After::Close);
    QVERIFY(server.start());
    QObject owner;
    ProxySettings s;
    s.maxRetries = 2;
    auto *proxy = new Proxy(PyroUri::pyro(QStringLiteral("x"), QStringLiteral("127.0.0.1"), server.port()), s, &owner);
    const Finished f = waitFor(proxy->call(QStringLiteral("add"), { 1, 2 }));
    QCOMPARE(f.error.code(), Error::Code::ConnectionClosed);
    QCOMPARE(server.connections(), 3);
}

void tst_ProxyFailures::serverKilledMidCall()
{
    PeerProcess peer;
    QVERIFY2(peer.start(QStringLiteral("client_server.py")), qPrintable(peer.failure()));
    QObject owner;
    auto *proxy = new Proxy(uriFrom(peer.readyText()), ProxySettings(), &owner);
    QVERIFY(waitFor(proxy->bind()).ok);
    PendingCall *slow = proxy->call(QStringLiteral("slow"), { 30 });
    PendingCall *after = keep(proxy->call(QStringLiteral("add"), { 1, 2 }));
    PendingStream *stream = keep(proxy->callStream(QStringLiteral("numbers"), { 5 }));
    slow->setAutoDelete(false);
    QSignalSpy sent(slow, &PendingCall::finished);
    QCoreApplication::processEvents(); // let the requests go out
    peer.kill();
    const Finished f = waitFor(slow);
    QCOMPARE(f.error.code(), Error::Code::ConnectionClosed);
    QCOMPARE(waitFor(after).error.code(), Error::Code::ConnectionClosed);
    QCOMPARE(waitFor(stream).error.code(), Error::Code::ConnectionClosed);
    QCOMPARE(proxy->state(), Proxy::State::Unconnected);
    // Now nothing listens: the next call is refused.
    QCOMPARE(waitFor(proxy->call(QStringLiteral("add"), { 1, 2 })).error.code(), Error::Code::ConnectionRefused);
}

void tst_ProxyFailures::hostileServer_data()
{
    QTest::addColumn<QByteArray>("reply");
    QTest::addColumn<int>("expected");
    QTest::addColumn<QString>("messagePart");

    QTest::newRow("garbage instead of a header") << QByteArrayLiteral("HTTP/1.1 400 Bad Request\r\n\r\nxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")
                                                 << int(Error::Code::NotPyro) << QStringLiteral("does not speak Pyro");
    QByteArray huge = frame(MessageType::ConnectOk, 0, Value(QStringLiteral("hello")));
    {
        // data_size 0x7FFFFFF0 with a matching checksum: refused from the header alone.
        Message m;
        m.type = MessageType::ConnectOk;
        const quint32 size = 0x7FFFFFF0;
        huge = QByteArrayLiteral("PYRO");
        auto be16 = [&huge](quint16 v) { huge.append(char(v >> 8)).append(char(v & 0xff)); };
        be16(48);
        be16(2);
        be16(0);
        be16(0);
        huge.append(char(size >> 24)).append(char((size >> 16) & 0xff)).append(char((size >> 8) & 0xff)).append(char(size & 0xff));
        be16(1);
        be16(0);
        be16(0);
        be16(MessageWriter::checksum(2, 48, size, 0, 1, 0, 0));
    }
    QTest::newRow("huge declared length") << huge << int(Error::Code::MessageTooLarge) << QString();
    QTest::newRow("truncated handshake reply, then hang-up") << connectOk().left(30) << int(Error::Code::ConnectionClosed) << QString();
    QTest::newRow("reply seq out of order")
            << connectOk() + frame(MessageType::Result, 99, Value(3)) << int(Error::Code::ProtocolError)
            << QStringLiteral("out of sync");
    QTest::newRow("reply in another serializer")
            << connectOk() + frame(MessageType::Result, 1, Value(3), {}, SerializerId::Json) << int(Error::Code::SerializeError)
            << QStringLiteral("invalid serializer in response: 2");
    QTest::newRow("undecodable payload") << connectOk() + [] {
        Message m;
        m.type = MessageType::Result;
        m.seq = 1;
        m.data = QByteArrayLiteral("# serpent utf-8 python3.2\n((((");
        return MessageWriter::write(m);
    }() << int(Error::Code::SerializeError) << QString();
    QTest::newRow("exception flag on a non-exception payload")
            << connectOk() + frame(MessageType::Result, 1, Value(3), MessageFlag::Exception) << int(Error::Code::RemoteException)
            << QStringLiteral("invalid exception reply");
    QTest::newRow("connect ok without methods or attributes") << [] {
        const Dict meta { { QStringLiteral("methods"), Value::list({}) }, { QStringLiteral("oneway"), Value::list({}) },
                          { QStringLiteral("attrs"), Value::list({}) } };
        return frame(MessageType::ConnectOk, 0,
                     Value(Dict { { QStringLiteral("handshake"), QStringLiteral("hello") }, { QStringLiteral("meta"), Value(meta) } }),
                     MessageFlag::MetaOnConnect);
    }() << int(Error::Code::ProtocolError) << QStringLiteral("doesn't expose");
    QTest::newRow("result before the handshake") << frame(MessageType::Result, 0, Value(3)) << int(Error::Code::ProtocolError)
                                                 << QStringLiteral("handshake");
    QTest::newRow("unsolicited second reply") << connectOk() + frame(MessageType::Result, 1, Value(3)) + frame(MessageType::Result, 2, Value(4))
                                              << int(Error::Code::NoError) << QString();
}

void tst_ProxyFailures::hostileServer()
{
    QFETCH(QByteArray, reply);
    QFETCH(int, expected);
    QFETCH(QString, messagePart);
    HostileServer server(reply, HostileServer::After::Close);
    QVERIFY(server.start());
    QObject owner;
    auto *proxy = new Proxy(PyroUri::pyro(QStringLiteral("x"), QStringLiteral("127.0.0.1"), server.port()), ProxySettings(), &owner);
    const Finished f = waitFor(proxy->call(QStringLiteral("add"), { 1, 2 }));
    QVERIFY2(f.error.code() == Error::Code(expected), qPrintable(f.error.toString()));
    if (!messagePart.isEmpty())
        QVERIFY2(f.error.message().contains(messagePart), qPrintable(f.error.message()));
    if (expected == int(Error::Code::NoError))
        QCOMPARE(f.result, Value(3));
    QTRY_COMPARE(proxy->state(), Proxy::State::Unconnected);
}

void tst_ProxyFailures::handshakeTimeout()
{
    // Accepts and never answers (like a frozen multiplex daemon).
    HostileServer server(QByteArray(), HostileServer::After::StayOpen);
    QVERIFY(server.start());
    QObject owner;
    ProxySettings s;
    s.timeout = 0.2;
    auto *proxy = new Proxy(PyroUri::pyro(QStringLiteral("x"), QStringLiteral("127.0.0.1"), server.port()), s, &owner);
    const Finished f = waitFor(proxy->call(QStringLiteral("add"), { 1, 2 }));
    QCOMPARE(f.error.code(), Error::Code::Timeout);
}

void tst_ProxyFailures::streamingDisabled()
{
    PeerProcess peer;
    QVERIFY2(peer.start(QStringLiteral("client_server.py"), { QStringLiteral("--no-streaming") }), qPrintable(peer.failure()));
    QObject owner;
    auto *proxy = new Proxy(uriFrom(peer.readyText()), ProxySettings(), &owner);
    QCOMPARE(waitFor(proxy->callStream(QStringLiteral("numbers"), { 3 })).error.code(), Error::Code::StreamingDisabled);
    QCOMPARE(waitFor(proxy->call(QStringLiteral("numbers"), { 3 })).error.code(), Error::Code::StreamingDisabled);
    QCOMPARE(waitFor(proxy->call(QStringLiteral("add"), { 1, 2 })).result, Value(3));
}

void tst_ProxyFailures::unixSocket()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("pyro.sock"));
    PeerProcess peer;
    QVERIFY2(peer.start(QStringLiteral("client_server.py"), { QStringLiteral("--unix"), path }), qPrintable(peer.failure()));
    const PyroUri uri = uriFrom(peer.readyText());
    QVERIFY2(uri.isUnixSocket(), qPrintable(peer.readyText()));
    QObject owner;
    auto *proxy = new Proxy(uri, ProxySettings(), &owner);
    const Finished f = waitFor(proxy->call(QStringLiteral("add"), { 1, 2 }));
    QVERIFY2(f.ok, qPrintable(f.error.toString()));
    QCOMPARE(f.result, Value(3));
    PendingStream *stream = proxy->callStream(QStringLiteral("numbers"), { 10 });
    QSignalSpy items(stream, &PendingStream::itemReceived);
    QVERIFY(waitFor(stream).ok);
    QCOMPARE(items.count(), 10);
}

void tst_ProxyFailures::tls_data()
{
    QTest::addColumn<bool>("requireClientCert");
    QTest::addColumn<bool>("trustCa");
    QTest::addColumn<bool>("clientCert");
    QTest::addColumn<bool>("viaLocalhost");
    QTest::addColumn<int>("expected");
    QTest::newRow("server cert verified against the CA file") << false << true << false << false << int(Error::Code::NoError);
    QTest::newRow("unknown CA") << false << false << false << false << int(Error::Code::TlsError);
    QTest::newRow("host name mismatch (cert has only IP SAN)") << false << true << false << true << int(Error::Code::TlsError);
    QTest::newRow("two-way TLS with client certificate") << true << true << true << false << int(Error::Code::NoError);
    QTest::newRow("two-way TLS without client certificate") << true << true << false << false << -1;
}

void tst_ProxyFailures::tls()
{
    QFETCH(bool, requireClientCert);
    QFETCH(bool, trustCa);
    QFETCH(bool, clientCert);
    QFETCH(bool, viaLocalhost);
    QFETCH(int, expected);
    QVERIFY(m_certs.isValid());
    const QString d = m_certs.path();
    if (!QFile::exists(m_certs.filePath(QStringLiteral("server.pem")))) {
        QString failure;
        QFile ext(m_certs.filePath(QStringLiteral("ext.cnf")));
        QVERIFY(ext.open(QIODevice::WriteOnly));
        ext.write("subjectAltName=IP:127.0.0.1\n");
        ext.close();
        const QString openssl = QStringLiteral("openssl");
        auto req = [&](const QStringList &a) { return run(openssl, a, d, &failure); };
        QVERIFY2(req({ QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("rsa:2048"),
                       QStringLiteral("-nodes"), QStringLiteral("-keyout"), QStringLiteral("ca.key"), QStringLiteral("-out"),
                       QStringLiteral("ca.pem"), QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"),
                       QStringLiteral("/CN=Pyro Test CA") }),
                 qPrintable(failure));
        QVERIFY2(req({ QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("rsa:2048"),
                       QStringLiteral("-nodes"), QStringLiteral("-keyout"), QStringLiteral("other.key"), QStringLiteral("-out"),
                       QStringLiteral("other.pem"), QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"),
                       QStringLiteral("/CN=Other CA") }),
                 qPrintable(failure));
        for (const QString &name : { QStringLiteral("server"), QStringLiteral("client") }) {
            QVERIFY2(req({ QStringLiteral("req"), QStringLiteral("-newkey"), QStringLiteral("rsa:2048"), QStringLiteral("-nodes"),
                           QStringLiteral("-keyout"), name + QStringLiteral(".key"), QStringLiteral("-out"), name + QStringLiteral(".csr"),
                           QStringLiteral("-subj"), QStringLiteral("/CN=") + name }),
                     qPrintable(failure));
            QVERIFY2(req({ QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"), name + QStringLiteral(".csr"),
                           QStringLiteral("-CA"), QStringLiteral("ca.pem"), QStringLiteral("-CAkey"), QStringLiteral("ca.key"),
                           QStringLiteral("-CAcreateserial"), QStringLiteral("-out"), name + QStringLiteral(".pem"),
                           QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-extfile"), QStringLiteral("ext.cnf") }),
                     qPrintable(failure));
        }
    }
    QStringList args { QStringLiteral("--ssl-cert"), m_certs.filePath(QStringLiteral("server.pem")), QStringLiteral("--ssl-key"),
                       m_certs.filePath(QStringLiteral("server.key")) };
    if (requireClientCert)
        args << QStringLiteral("--require-client-cert") << QStringLiteral("--ssl-cacerts") << m_certs.filePath(QStringLiteral("ca.pem"));
    PeerProcess peer;
    QVERIFY2(peer.start(QStringLiteral("client_server.py"), args), qPrintable(peer.failure()));
    PyroUri uri = uriFrom(peer.readyText());
    if (viaLocalhost)
        uri = PyroUri::pyro(uri.object(), QStringLiteral("localhost"), uri.port());
    ProxySettings s;
    s.ssl = true;
    s.timeout = 30;
    s.sslCaCerts = m_certs.filePath(trustCa ? QStringLiteral("ca.pem") : QStringLiteral("other.pem"));
    if (clientCert) {
        s.sslClientCert = m_certs.filePath(QStringLiteral("client.pem"));
        s.sslClientKey = m_certs.filePath(QStringLiteral("client.key"));
    }
    QObject owner;
    auto *proxy = new Proxy(uri, s, &owner);
    const Finished f = waitFor(proxy->call(QStringLiteral("add"), { 1, 2 }));
    if (expected == -1) {
        // The server refuses during or right after the TLS handshake; which error shows
        // depends on when the alert arrives.
        QVERIFY2(f.error.category() == Error::Category::Connection, qPrintable(f.error.toString()));
    } else {
        QVERIFY2(f.error.code() == Error::Code(expected), qPrintable(f.error.toString()));
    }
    if (expected == int(Error::Code::NoError))
        QCOMPARE(f.result, Value(3));
}

void tst_ProxyFailures::deletingTheProxyEndsItsCalls()
{
    auto *proxy = new Proxy(uriFrom(m_peer.readyText()), ProxySettings());
    PendingCall *slow = proxy->call(QStringLiteral("slow"), { 0.2 });
    QFuture<Value> future = slow->future();
    QSignalSpy finished(slow, &PendingCall::finished);
    QCoreApplication::processEvents();
    delete proxy;
    QCOMPARE(finished.count(), 1);
    QVERIFY(future.isFinished());
    try {
        future.result();
        QFAIL("no exception");
    } catch (const PyroException &e) {
        QCOMPARE(e.error().code(), Error::Code::Cancelled);
    }
}

QTEST_GUILESS_MAIN(tst_ProxyFailures)
#include "tst_proxyfailures.moc"
