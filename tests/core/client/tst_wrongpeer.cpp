// Pointing the client at the wrong kind of server (another Pyro protocol, HTTP, a TLS-only or
// chatty service, a Pyro4 daemon refusing our serializer) must end in a plain sentence that
// says so; a Pyro5 server is detected and spoken to (unless the proxy is told Pyro4 only).
#include "clienttestutil.h"
#include "peerprocess.h"

#include "client/protocolmemory.h"
#include "client/proxy.h"
#include "protocol/connectfail.h"
#include "protocol/firstreplycheck.h"
#include "protocol/message.h"

#include <QProcess>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QtEndian>

using namespace Pyro;
using namespace Pyro::Test;

namespace {

QByteArray pyroHead(quint16 version)
{
    QByteArray b("PYRO");
    char v[2];
    qToBigEndian(version, v);
    b.append(v, 2);
    return b + QByteArray(34, '\0');
}

//! A server that writes \a banner to every client as soon as it connects (SSH, SMTP, ...).
class BannerServer : public QTcpServer
{
public:
    explicit BannerServer(const QByteArray &banner) : m_banner(banner)
    {
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *s = nextPendingConnection())
                s->write(m_banner);
        });
    }

private:
    QByteArray m_banner;
};

} // namespace

class tst_WrongPeer : public QObject
{
    Q_OBJECT

private slots:
    void examine_data();
    void examine();
    void connectFailError_data();
    void connectFailError();

    void pyro5Server();
    void httpServer();
    void serializerRefused();
    void bannerServer_data();
    void bannerServer();
};

void tst_WrongPeer::examine_data()
{
    QTest::addColumn<QByteArray>("head");
    QTest::addColumn<bool>("atEnd");
    QTest::addColumn<int>("kind");
    QTest::addColumn<Error::Code>("code");
    QTest::addColumn<QString>("message");

    const auto need = int(FirstReplyCheck::NeedMore);
    const auto pyro = int(FirstReplyCheck::Pyro);
    const auto foreign = int(FirstReplyCheck::Foreign);
    const auto none = Error::Code::NoError;
    const auto mismatch = Error::Code::ProtocolMismatch;
    const auto notPyro = Error::Code::NotPyro;

    QTest::newRow("empty") << QByteArray() << false << need << none << QString();
    QTest::newRow("empty_at_end") << QByteArray() << true << need << none << QString();
    QTest::newRow("magic_prefix") << QByteArray("PYR") << false << need << none << QString();
    QTest::newRow("magic_prefix_at_end") << QByteArray("PYRO\0", 5) << true << need << none << QString();
    QTest::newRow("pyro4") << pyroHead(48).left(6) << false << pyro << none << QString();
    QTest::newRow("pyro4_whole_header") << pyroHead(48) << false << pyro << none << QString();
    QTest::newRow("pyro5") << pyroHead(502) << false << pyro << none << QString();
    QTest::newRow("pyro5_first_6_bytes") << pyroHead(502).left(6) << false << pyro << none << QString();
    QTest::newRow("old_pyro4") << pyroHead(47) << false << foreign << mismatch
                               << QStringLiteral("The server at h:1 speaks Pyro protocol 47; Pyro Explorer speaks Pyro4 (protocol 48) and Pyro5 (protocol 502)");
    QTest::newRow("pyro5_0_and_1") << pyroHead(501) << false << foreign << mismatch
                                   << QStringLiteral("The server at h:1 speaks Pyro protocol 501; Pyro Explorer speaks Pyro4 (protocol 48) and Pyro5 (protocol 502)");
    QTest::newRow("http_400") << QByteArray("HTTP/1.0 400 Bad request version ('python3.2')\r\nServer: x\r\n\r\n") << false << foreign
                              << notPyro << QStringLiteral("The server at h:1 does not speak Pyro (it answered 'HTTP/1.0 400 Bad request version ('python3.2')')");
    QTest::newRow("text_line_not_complete") << QByteArray("HTTP/1.0 4") << false << need << none << QString();
    QTest::newRow("text_line_cut_by_close") << QByteArray("HTTP/1.0 4") << true << foreign << notPyro
                                            << QStringLiteral("The server at h:1 does not speak Pyro (it answered 'HTTP/1.0 4')");
    QTest::newRow("long_line") << QByteArray(70, 'x') << false << foreign << notPyro
                               << QStringLiteral("The server at h:1 does not speak Pyro (it answered '%1...')").arg(QString(60, u'x'));
    QTest::newRow("lowercase_magic") << QByteArray("pyro is here\n") << false << foreign << notPyro
                                     << QStringLiteral("The server at h:1 does not speak Pyro (it answered 'pyro is here')");
    QTest::newRow("tls_alert") << QByteArray("\x15\x03\x01\x00\x02\x02\x46", 7) << false << foreign << notPyro
                               << QStringLiteral("The server at h:1 answered with TLS; connect to it with TLS switched on");
    QTest::newRow("binary") << QByteArray("\x00\x01\x02\x03", 4) << false << foreign << notPyro
                            << QStringLiteral("The server at h:1 does not speak Pyro (it answered the bytes 00 01 02 03)");
    QTest::newRow("binary_too_short") << QByteArray("\x00", 1) << false << need << none << QString();
    QTest::newRow("binary_too_short_at_end") << QByteArray("\x00", 1) << true << foreign << notPyro
                                             << QStringLiteral("The server at h:1 does not speak Pyro (it answered the bytes 00)");
}

void tst_WrongPeer::examine()
{
    QFETCH(QByteArray, head);
    QFETCH(bool, atEnd);
    QFETCH(int, kind);
    QFETCH(Error::Code, code);
    QFETCH(QString, message);
    const FirstReplyCheck::Verdict v = FirstReplyCheck::examine(head, QStringLiteral("h:1"), atEnd);
    QCOMPARE(int(v.kind), kind);
    if (v.kind == FirstReplyCheck::Pyro)
        QCOMPARE(v.protocol, head.mid(4, 2) == QByteArray("\x01\xf6", 2) ? ProtocolVersion::Pyro5 : ProtocolVersion::Pyro4);
    QCOMPARE(v.error.code(), code);
    QCOMPARE(v.error.message(), message);
    if (code != Error::Code::NoError) {
        QCOMPARE(v.error.category(), Error::Category::Protocol);
        QVERIFY2(!v.error.detail().isEmpty(), "the raw bytes go into detail()");
    }
}

void tst_WrongPeer::connectFailError_data()
{
    QTest::addColumn<QString>("reason");
    QTest::addColumn<Error::Code>("code");
    QTest::addColumn<QString>("refused");
    QTest::addColumn<QString>("message");

    QTest::newRow("serpent") << QStringLiteral("message used serializer that is not accepted: 1") << Error::Code::UnsupportedSerializer
                             << QStringLiteral("serpent")
                             << QStringLiteral("The server at h:1 refuses the serpent serializer and does not say which ones it accepts; "
                                               "try another one (json, marshal, msgpack, pickle)");
    QTest::newRow("dill") << QStringLiteral("message used serializer that is not accepted: 5") << Error::Code::UnsupportedSerializer
                          << QStringLiteral("dill")
                          << QStringLiteral("The server at h:1 refuses the dill serializer and does not say which ones it accepts; "
                                            "try another one (serpent, json, marshal, msgpack, pickle)");
    QTest::newRow("unknown_id") << QStringLiteral("message used serializer that is not accepted: 42") << Error::Code::UnsupportedSerializer
                                << QStringLiteral("number 42")
                                << QStringLiteral("The server at h:1 refuses the number 42 serializer and does not say which ones it "
                                                  "accepts; try another one (serpent, json, marshal, msgpack, pickle)");
    QTest::newRow("hmac") << QStringLiteral("hmac key config not symmetric") << Error::Code::SecurityError << QString()
                          << QStringLiteral("connection to h:1 rejected: hmac key config not symmetric");
    QTest::newRow("unknown_object") << QStringLiteral("unknown object") << Error::Code::HandshakeRejected << QString()
                                    << QStringLiteral("connection to h:1 rejected: unknown object");
}

void tst_WrongPeer::connectFailError()
{
    QFETCH(QString, reason);
    QFETCH(Error::Code, code);
    QFETCH(QString, refused);
    QFETCH(QString, message);
    QCOMPARE(refusedSerializerName(reason), refused);
    const Error e = Pyro::connectFailError(reason, QStringLiteral("h:1"));
    QCOMPARE(e.code(), code);
    QCOMPARE(e.message(), message);
    QCOMPARE(e.detail(), reason);
}

// A Pyro5 server: detected and spoken to with no setting; refused with a sentence naming both
// protocols when the proxy is told Pyro4 only.
void tst_WrongPeer::pyro5Server()
{
    QVERIFY2(PeerProcess::pyro5Failure().isEmpty(), qPrintable(PeerProcess::pyro5Failure()));
    PeerProcess peer;
    QVERIFY2(peer.start(QStringLiteral("wrong_peers.py"), { QStringLiteral("pyro5") }, 30000, PeerProcess::pyro5Environment()),
             qPrintable(peer.failure()));
    const PyroUri uri = uriFrom(peer.readyText());
    ProtocolMemory::forget(uri.location());
    QObject owner;
    ProxySettings pyro4Only;
    pyro4Only.protocol = ProxySettings::Protocol::Pyro4;
    auto *strict = new Proxy(uri, pyro4Only, &owner);
    const Finished f = waitFor(strict->call(QStringLiteral("add"), { 1, 2 }));
    QVERIFY(!f.ok);
    QCOMPARE(f.error.code(), Error::Code::ProtocolMismatch);
    QCOMPARE(f.error.message(), QStringLiteral("The server at %1 speaks Pyro5 (protocol 502), but Pyro4 (protocol 48) was asked for")
                                        .arg(uri.location()));
    QCOMPARE(strict->error().code(), Error::Code::ProtocolMismatch);

    auto *proxy = new Proxy(uri, ProxySettings(), &owner);
    const Finished g = waitFor(proxy->call(QStringLiteral("add"), { 1, 2 }));
    QVERIFY2(g.ok, qPrintable(g.error.message()));
    QCOMPARE(g.result, Value(3));
    QCOMPARE(proxy->protocol(), std::optional(ProtocolVersion::Pyro5));
    QCOMPARE(ProtocolMemory::recall(uri.location()), std::optional(ProtocolVersion::Pyro5));
}

void tst_WrongPeer::httpServer()
{
    PeerProcess peer;
    QVERIFY2(peer.start(QStringLiteral("wrong_peers.py"), { QStringLiteral("http") }), qPrintable(peer.failure()));
    const PyroUri uri = uriFrom(peer.readyText());
    QObject owner;
    auto *proxy = new Proxy(uri, ProxySettings(), &owner);
    const Finished f = waitFor(proxy->call(QStringLiteral("add"), { 1, 2 }));
    QVERIFY(!f.ok);
    QCOMPARE(f.error.code(), Error::Code::NotPyro);
    QCOMPARE(f.error.category(), Error::Category::Protocol);
    // http.server reads our CONNECT up to serpent's header line and rejects its last word.
    QCOMPARE(f.error.message(),
             QStringLiteral("The server at %1 does not speak Pyro (it answered 'HTTP/1.0 400 Bad request version ('python3.2')')")
                     .arg(uri.location()));
    QVERIFY2(f.error.detail().contains(QLatin1String("48 54 54 50")), qPrintable(f.error.detail())); // "HTTP"

    // The same again on a new connection: the check is per connection.
    const Finished again = waitFor(proxy->call(QStringLiteral("add"), { 1, 2 }));
    QCOMPARE(again.error.code(), Error::Code::NotPyro);
}

void tst_WrongPeer::serializerRefused()
{
    PeerProcess peer;
    QVERIFY2(peer.start(QStringLiteral("wrong_peers.py"), { QStringLiteral("json-only") }), qPrintable(peer.failure()));
    const PyroUri uri = uriFrom(peer.readyText());
    QObject owner;
    auto *serpent = new Proxy(uri, ProxySettings(), &owner);
    const Finished f = waitFor(serpent->call(QStringLiteral("add"), { 1, 2 }));
    QCOMPARE(f.error.code(), Error::Code::UnsupportedSerializer);
    QCOMPARE(f.error.detail(), QStringLiteral("message used serializer that is not accepted: 1"));
    QCOMPARE(refusedSerializerName(f.error.detail()), QStringLiteral("serpent"));
    QVERIFY2(Pyro::connectFailError(f.error.detail(), uri.location()).message().contains(QLatin1String("refuses the serpent serializer")),
             "connectFailError() words what this real daemon sent");

    // It is a working Pyro4 daemon for the serializer it accepts.
    ProxySettings json;
    json.serializer = SerializerId::Json;
    auto *ok = new Proxy(uri, json, &owner);
    const Finished g = waitFor(ok->call(QStringLiteral("add"), { 1, 2 }));
    QVERIFY2(g.ok, qPrintable(g.error.toString()));
    QCOMPARE(g.result, Value(3));
}

void tst_WrongPeer::bannerServer_data()
{
    QTest::addColumn<QByteArray>("banner");
    QTest::addColumn<Error::Code>("code");
    QTest::addColumn<QString>("quote");

    QTest::newRow("ssh") << QByteArray("SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n") << Error::Code::NotPyro
                         << QStringLiteral("(it answered 'SSH-2.0-OpenSSH_9.2p1 Debian-2')");
    QTest::newRow("smtp_in_two_lines") << QByteArray("220 mail.example ESMTP\r\n250 ok\r\n") << Error::Code::NotPyro
                                       << QStringLiteral("(it answered '220 mail.example ESMTP')");
    QTest::newRow("pyro501_header") << pyroHead(501) << Error::Code::ProtocolMismatch << QStringLiteral("speaks Pyro protocol 501");
    // A Pyro5-looking banner: the proxy switches to Pyro5, then finds the header broken.
    QTest::newRow("pyro5_garbage_header") << pyroHead(502) << Error::Code::ProtocolError << QStringLiteral("invalid magic number");
}

void tst_WrongPeer::bannerServer()
{
    QFETCH(QByteArray, banner);
    QFETCH(Error::Code, code);
    QFETCH(QString, quote);
    BannerServer server(banner);
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    QObject owner;
    auto *proxy = new Proxy(PyroUri::pyro(QStringLiteral("x"), QStringLiteral("127.0.0.1"), server.serverPort()), ProxySettings(), &owner);
    const Finished f = waitFor(proxy->call(QStringLiteral("add"), { 1, 2 }));
    QCOMPARE(f.error.code(), code);
    QVERIFY2(f.error.message().contains(quote), qPrintable(f.error.message()));
}

QTEST_GUILESS_MAIN(tst_WrongPeer)
#include "tst_wrongpeer.moc"
