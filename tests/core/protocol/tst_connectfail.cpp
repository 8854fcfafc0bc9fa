#include "peerprocess.h"
#include "protocol/connectfail.h"
#include "protocol/framereader.h"
#include "protocol/message.h"

#include <QTcpSocket>
#include <QTest>
#include <QtEndian>

using namespace Pyro;

namespace {

const QByteArray SerpentHeader = QByteArrayLiteral("# serpent utf-8 python3.2\n");

Message connectMessage(quint16 serializerId, const QByteArray &payload)
{
    Message m;
    m.type = MessageType::Connect;
    m.flags = MessageFlag::MetaOnConnect;
    m.serializerId = serializerId;
    m.data = payload;
    return m;
}

QByteArray serpentConnect(const QByteArray &objectId)
{
    return MessageWriter::write(connectMessage(1, SerpentHeader + "{'handshake':'hello','object':'" + objectId + "'}"));
}

} // namespace

class tst_ConnectFail : public QObject
{
    Q_OBJECT

private slots:
    void marshalString_data();
    void marshalString();
    void encodeMarshalString_data();
    void encodeMarshalString();
    void reasonFallbacks_data();
    void reasonFallbacks();
    void realDaemon_data();
    void realDaemon();
};

void tst_ConnectFail::marshalString_data()
{
    QTest::addColumn<QByteArray>("hex");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("text");
    // Bytes from CPython 3.11 marshal.dumps().
    QTest::newRow("short_ascii_ref") << QByteArray("fa1868656164657220636865636b73756d206d69736d61746368") << true
                                     << QStringLiteral("header checksum mismatch");
    QTest::newRow("short_ascii_plain") << QByteArray("7a03616263") << true << QStringLiteral("abc");
    QTest::newRow("short_interned_empty") << QByteArray("da00") << true << QString();
    QTest::newRow("utf8_ref") << QByteArray("f506000000c3a9c3a9c3a9") << true << QStringLiteral("\u00e9\u00e9\u00e9");
    QTest::newRow("utf8_version2") << QByteArray("7503000000616263") << true << QStringLiteral("abc");
    QTest::newRow("utf8_interned") << QByteArray("7403000000616263") << true << QStringLiteral("abc");
    QTest::newRow("ascii_long_interned") << QByteArray("c12c010000" + QByteArray(300, 'x').toHex()) << true
                                         << QString(300, QLatin1Char('x'));
    QTest::newRow("ascii_long") << QByteArray("6103000000616263") << true << QStringLiteral("abc");
    QTest::newRow("empty") << QByteArray() << false << QString();
    QTest::newRow("short_cut") << QByteArray("fa05616263") << false << QString();
    QTest::newRow("long_length_huge") << QByteArray("f5ffffffff61") << false << QString();
    QTest::newRow("long_header_cut") << QByteArray("f5ff") << false << QString();
    QTest::newRow("trailing_bytes") << QByteArray("7a0361626364") << false << QString();
    QTest::newRow("int_not_str") << QByteArray("e901000000") << false << QString();
    QTest::newRow("tuple_not_str") << QByteArray("a902da01617201000000") << false << QString();
}

void tst_ConnectFail::marshalString()
{
    QFETCH(QByteArray, hex);
    QFETCH(bool, ok);
    QFETCH(QString, text);
    const std::optional<QString> s = decodeMarshalString(QByteArray::fromHex(hex));
    QCOMPARE(s.has_value(), ok);
    if (ok)
        QCOMPARE(*s, text);
}

void tst_ConnectFail::encodeMarshalString_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QByteArray>("hex");
    QTest::newRow("short_ascii") << QStringLiteral("abc") << QByteArray("7a03616263");
    QTest::newRow("empty") << QString() << QByteArray("7a00");
    QTest::newRow("utf8") << QStringLiteral("\u20ac euro") << QByteArray("7508000000e282ac206575726f");
    QTest::newRow("long_ascii") << QString(300, QLatin1Char('x')) << QByteArray("612c010000" + QByteArray(300, 'x').toHex());
}

void tst_ConnectFail::encodeMarshalString()
{
    QFETCH(QString, text);
    QFETCH(QByteArray, hex);
    const QByteArray encoded = Pyro::encodeMarshalString(text);
    QCOMPARE(encoded.toHex(), hex);
    QCOMPARE(decodeMarshalString(encoded).value_or(QStringLiteral("<none>")), text);
}

void tst_ConnectFail::reasonFallbacks_data()
{
    QTest::addColumn<int>("serializerId");
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<QString>("reason");
    QTest::newRow("marshal") << 3 << QByteArray::fromHex("fa0e756e6b6e6f776e206f626a656374") << QStringLiteral("unknown object");
    QTest::newRow("serpent") << 1 << QByteArray(SerpentHeader + "'unknown object'") << QStringLiteral("unknown object");
    QTest::newRow("serpent_keyerror") << 1 << QByteArray(SerpentHeader + "\"'object'\"") << QStringLiteral("'object'");
    QTest::newRow("json") << 2 << QByteArray("\"unknown object\"") << QStringLiteral("unknown object");
    // Undecodable: the bytes themselves, so the user sees something.
    QTest::newRow("marshal_garbage") << 3 << QByteArray("no marshal") << QStringLiteral("no marshal");
    QTest::newRow("unknown_serializer") << 42 << QByteArray("raw reason") << QStringLiteral("raw reason");
}

void tst_ConnectFail::reasonFallbacks()
{
    QFETCH(int, serializerId);
    QFETCH(QByteArray, payload);
    QFETCH(QString, reason);
    Message m;
    m.type = MessageType::ConnectFail;
    m.serializerId = quint16(serializerId);
    m.data = payload;
    QCOMPARE(connectFailReason(m), reason);
}

void tst_ConnectFail::realDaemon_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<QByteArray>("daemonKey");
    QTest::addColumn<QByteArray>("readerKey");
    QTest::addColumn<int>("replySerializer");
    QTest::addColumn<QString>("reason");

    // doc 2.3: refusals before the serializer is accepted come in marshal (trap 1).
    const QByteArray msgpackConnect = QByteArray::fromHex("82a968616e647368616b65a568656c6c6fa66f626a656374a6746573746572");
    QTest::newRow("msgpack_not_accepted") << MessageWriter::write(connectMessage(6, msgpackConnect)) << QByteArray() << QByteArray() << 3
                                          << QStringLiteral("message used serializer that is not accepted: 6");
    QTest::newRow("unknown_serializer_42") << MessageWriter::write(connectMessage(42, "x")) << QByteArray() << QByteArray() << 3
                                           << QStringLiteral("message used serializer that is not accepted: 42");
    QByteArray v47 = serpentConnect("tester");
    v47[5] = 47;
    v47[23] = char(v47[23] - 1); // keep the checksum right for version 47
    QTest::newRow("version_47") << v47 << QByteArray() << QByteArray() << 3
                                << QStringLiteral("invalid data or unsupported protocol version");
    QByteArray badSum = serpentConnect("tester");
    badSum[23] = char(badSum[23] + 1);
    QTest::newRow("bad_checksum") << badSum << QByteArray() << QByteArray() << 3 << QStringLiteral("header checksum mismatch");
    Message invoke;
    invoke.type = MessageType::Invoke;
    invoke.data = SerpentHeader + "('tester','add',(1,2),{})";
    QTest::newRow("invoke_first") << MessageWriter::write(invoke) << QByteArray() << QByteArray() << 3
                                  << QStringLiteral("invalid msg type 4 received");
    Message ping;
    ping.type = MessageType::Ping;
    ping.serializerId = 42;
    ping.data = "ping";
    QTest::newRow("ping_first") << MessageWriter::write(ping) << QByteArray() << QByteArray() << 3
                                << QStringLiteral("invalid msg type 6 received");
    QTest::newRow("hmac_key_on_daemon_only") << serpentConnect("tester") << QByteArray("k") << QByteArray("k") << 3
                                             << QStringLiteral("hmac key config not symmetric");
    const Message hello = connectMessage(1, SerpentHeader + "{'handshake':'hello','object':'tester'}");
    QTest::newRow("hmac_wrong_key") << MessageWriter::write(hello, "other") << QByteArray("k") << QByteArray("k") << 3
                                    << QStringLiteral("message hmac mismatch");
    // After the serializer is accepted the reason uses the client's serializer.
    QTest::newRow("unknown_object_serpent") << serpentConnect("nope") << QByteArray() << QByteArray() << 1 << QStringLiteral("unknown object");
    QTest::newRow("unknown_object_json") << MessageWriter::write(connectMessage(2, "{\"handshake\": \"hello\", \"object\": \"nope\"}"))
                                         << QByteArray() << QByteArray() << 2 << QStringLiteral("unknown object");
    const QByteArray marshalConnect = QByteArray::fromHex("fbda0968616e647368616b65da0568656c6c6fda066f626a656374fa046e6f706530");
    QTest::newRow("unknown_object_marshal") << MessageWriter::write(connectMessage(3, marshalConnect)) << QByteArray() << QByteArray() << 3
                                            << QStringLiteral("unknown object");
    QTest::newRow("missing_object_key") << MessageWriter::write(connectMessage(1, SerpentHeader + "{'handshake':'hello'}"))
                                        << QByteArray() << QByteArray() << 1 << QStringLiteral("'object'");
}

// Real CONNECTFAIL replies of a Python daemon, decoded with connectFailReason().
void tst_ConnectFail::realDaemon()
{
    QFETCH(QByteArray, request);
    QFETCH(QByteArray, daemonKey);
    QFETCH(QByteArray, readerKey);
    QFETCH(int, replySerializer);
    QFETCH(QString, reason);
    QStringList args { QStringLiteral("daemon") };
    if (!daemonKey.isEmpty())
        args << QStringLiteral("--hmac") << QString::fromLatin1(daemonKey);
    Test::PeerProcess peer;
    QVERIFY2(peer.start(QStringLiteral("protocol_frames.py"), args), qPrintable(peer.failure()));
    const quint16 port = quint16(peer.readyText().section(QLatin1Char(':'), -1).toUInt());
    QVERIFY(port != 0);

    QTcpSocket socket;
    socket.connectToHost(QStringLiteral("127.0.0.1"), port);
    QVERIFY2(socket.waitForConnected(10000), qPrintable(socket.errorString()));
    socket.write(request);
    FrameReader reader;
    reader.setHmacKey(readerKey);
    std::optional<Message> reply;
    while (!reply && !reader.hasFailed()) {
        if (socket.bytesAvailable() == 0 && !socket.waitForReadyRead(10000))
            break;
        reader.append(socket.readAll());
        reply = reader.next();
    }
    QVERIFY2(!reader.hasFailed(), qPrintable(reader.error().message()));
    QVERIFY2(reply.has_value(), "the daemon sent no reply");
    QCOMPARE(reply->type, MessageType::ConnectFail);
    QCOMPARE(int(reply->serializerId), replySerializer);
    QCOMPARE(connectFailReason(*reply), reason);
}

QTEST_GUILESS_MAIN(tst_ConnectFail)
#include "tst_connectfail.moc"
