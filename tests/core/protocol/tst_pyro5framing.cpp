// Protocol 502 framing (docs/pyro5-protocol.md): MessageWriter and FrameReader against the
// frames the real Pyro5 5.16 writes (tests/peers/pyro5_frames.py), hostile 502 input, the
// per-frame protocol detection, and hand-built frames against a real Pyro5 daemon.
#include "protocol/compression.h"
#include "protocol/connectfail.h"
#include "protocol/framereader.h"
#include "protocol/message.h"
#include "pythonframes.h"

#include <QTcpSocket>
#include <QTest>
#include <QtEndian>

using namespace Pyro;

namespace {

const QByteArray SerpentHeader = QByteArrayLiteral("# serpent utf-8 python3.2\n");
constexpr auto P5 = ProtocolVersion::Pyro5;

QByteArray corrValue()
{
    QByteArray corr;
    for (int i = 0; i < 16; ++i)
        corr += char(i);
    return corr;
}

// A raw 502 header with any field wrong on purpose.
QByteArray header5(quint8 type, quint16 flags, quint16 seq, quint32 dataSize, quint8 ser, quint32 annSize,
                   const QByteArray &corr = QByteArray(16, '\0'), quint16 magic = Pyro5Magic, quint16 version = 502,
                   quint16 reserved = 0)
{
    QByteArray h(Pyro5MessageHeaderSize, '\0');
    char *p = h.data();
    memcpy(p, "PYRO", 4);
    qToBigEndian<quint16>(version, p + 4);
    p[6] = char(type);
    p[7] = char(ser);
    qToBigEndian<quint16>(flags, p + 8);
    qToBigEndian<quint16>(seq, p + 10);
    qToBigEndian<quint32>(dataSize, p + 12);
    qToBigEndian<quint32>(annSize, p + 16);
    memcpy(p + 20, corr.constData(), 16);
    qToBigEndian<quint16>(reserved, p + 36);
    qToBigEndian<quint16>(magic, p + 38);
    return h;
}

QByteArray chunk5(const QByteArray &key, const QByteArray &value)
{
    QByteArray len(4, '\0');
    qToBigEndian<quint32>(quint32(value.size()), len.data());
    return key + len + value;
}

QByteArray rawFrame5(const QByteArray &annotations, const QByteArray &payload, quint16 flags = 0, quint8 type = 5,
                     quint16 reserved = 0)
{
    return header5(type, flags, 7, quint32(payload.size()), 1, quint32(annotations.size()), corrValue(), Pyro5Magic, 502, reserved)
        + annotations + payload;
}

QByteArray validFrame5(quint16 seq = 1)
{
    Message m;
    m.protocol = P5;
    m.type = MessageType::Result;
    m.seq = seq;
    m.correlationId = corrValue();
    m.data = SerpentHeader + "3";
    return MessageWriter::write(m);
}

QByteArray validFrame4(quint16 seq = 1)
{
    Message m;
    m.type = MessageType::Result;
    m.seq = seq;
    m.correlationId = corrValue();
    m.data = SerpentHeader + "4";
    return MessageWriter::write(m);
}

struct Fed
{
    QList<Message> messages;
    Error error;
    qsizetype buffered = 0;
};

Fed feed(const QByteArray &bytes, qsizetype pieceSize, std::optional<ProtocolVersion> protocol = P5,
         qint64 maxSize = FrameReader::DefaultMaxMessageSize, const QByteArray &key = QByteArray())
{
    FrameReader reader;
    if (protocol)
        reader.setProtocol(*protocol);
    else
        reader.detectProtocol();
    reader.setMaxMessageSize(maxSize);
    reader.setHmacKey(key);
    Fed out;
    for (qsizetype i = 0; i < bytes.size(); i += pieceSize) {
        reader.append(QByteArrayView(bytes).sliced(i, qMin(pieceSize, bytes.size() - i)));
        while (auto m = reader.next())
            out.messages.append(*m);
    }
    out.error = reader.error();
    out.buffered = reader.bufferedBytes();
    return out;
}

} // namespace

class tst_Pyro5Framing : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void writesPythonFrames_data();
    void writesPythonFrames();
    void readsPythonFramesOneByteAtATime_data();
    void readsPythonFramesOneByteAtATime();
    void streamInPieces_data();
    void streamInPieces();
    void flagTranslation_data();
    void flagTranslation();
    void malformedFrames_data();
    void malformedFrames();
    void acceptedOddities_data();
    void acceptedOddities();
    void invalidMessages_data();
    void invalidMessages();
    void cutAtEveryLength();
    void detectsEachFrame();
    void limitCheckedRightAfterHeader();
    void realDaemon_data();
    void realDaemon();
    void realDaemonRefusesPyro4();

private:
    QList<Test::PythonFrame> m_frames;
};

void tst_Pyro5Framing::initTestCase()
{
    QVERIFY2(Test::PeerProcess::pyro5Failure().isEmpty(), qPrintable(Test::PeerProcess::pyro5Failure()));
    QString failure;
    QVERIFY2(Test::loadPythonFrames(m_frames, failure, P5), qPrintable(failure));
    QVERIFY(m_frames.size() > 150);
}

void tst_Pyro5Framing::writesPythonFrames_data()
{
    QTest::addColumn<int>("index");
    for (int i = 0; i < m_frames.size(); ++i)
        QTest::newRow(m_frames[i].name.constData()) << i;
}

// Byte for byte what Pyro5's SendingMessage writes, compression included.
void tst_Pyro5Framing::writesPythonFrames()
{
    QFETCH(int, index);
    const Test::PythonFrame &f = m_frames[index];
    const Result<QByteArray> written = MessageWriter::tryWrite(f.message, QByteArray(), f.compress);
    QVERIFY2(written.ok(), qPrintable(written.error().message()));
    if (written.value() != f.frame) {
        qWarning("ours  : %s", written.value().left(80).toHex(' ').constData());
        qWarning("Python: %s", f.frame.left(80).toHex(' ').constData());
    }
    QCOMPARE(written.value().size(), f.frame.size());
    QVERIFY(written.value() == f.frame);
}

void tst_Pyro5Framing::readsPythonFramesOneByteAtATime_data()
{
    writesPythonFrames_data();
}

void tst_Pyro5Framing::readsPythonFramesOneByteAtATime()
{
    QFETCH(int, index);
    const Test::PythonFrame &f = m_frames[index];
    for (const std::optional<ProtocolVersion> mode : { std::optional<ProtocolVersion>(P5), std::optional<ProtocolVersion>() }) {
        FrameReader reader;
        if (mode)
            reader.setProtocol(*mode);
        else
            reader.detectProtocol();
        for (qsizetype i = 0; i + 1 < f.frame.size(); ++i) {
            reader.append(f.frame.sliced(i, 1));
            QVERIFY(!reader.next());
            QVERIFY(!reader.hasFailed());
        }
        reader.append(f.frame.right(1));
        const std::optional<Message> m = reader.next();
        QVERIFY2(m.has_value(), qPrintable(reader.error().message()));
        QCOMPARE(m->protocol, P5);
        QCOMPARE(m->type, f.message.type);
        QCOMPARE(m->flags.toInt(), f.message.flags.toInt());
        QCOMPARE(m->seq, f.message.seq);
        QCOMPARE(m->serializerId, f.message.serializerId);
        QCOMPARE(m->correlationId, f.message.correlationId);
        QCOMPARE(m->annotations, f.message.annotations);
        QCOMPARE(m->data, f.message.data);
        QCOMPARE(m->wireSize, f.frame.size()); // what the client reports as the reply's size
        QCOMPARE(reader.bufferedBytes(), 0);
        QVERIFY(!reader.next());
        // What we read we write back to the same bytes.
        QCOMPARE(MessageWriter::write(*m, QByteArray(), f.compress) == f.frame, true);
    }
}

void tst_Pyro5Framing::streamInPieces_data()
{
    QTest::addColumn<int>("pieceSize");
    for (int size : { 1, 2, 3, 7, 39, 40, 41, 100, 4096, 1 << 30 })
        QTest::addRow("pieces_of_%d", size) << size;
}

void tst_Pyro5Framing::streamInPieces()
{
    QFETCH(int, pieceSize);
    QByteArray stream;
    for (const Test::PythonFrame &f : std::as_const(m_frames))
        stream += f.frame;
    const Fed fed = feed(stream, pieceSize);
    QVERIFY2(!fed.error.isError(), qPrintable(fed.error.message()));
    QCOMPARE(fed.messages.size(), m_frames.size());
    for (qsizetype i = 0; i < m_frames.size(); ++i) {
        QCOMPARE(fed.messages[i].seq, m_frames[i].message.seq);
        QCOMPARE(fed.messages[i].correlationId, m_frames[i].message.correlationId);
        QCOMPARE(fed.messages[i].data, m_frames[i].message.data);
    }
    QCOMPARE(fed.buffered, 0);
}

void tst_Pyro5Framing::flagTranslation_data()
{
    QTest::addColumn<int>("logical");
    QTest::addColumn<bool>("corr");
    QTest::addColumn<int>("wire502");
    QTest::addColumn<int>("backLogical");
    QTest::newRow("exception") << 0x01 << false << 0x01 << 0x01;
    QTest::newRow("oneway_batch") << 0x0C << false << 0x0C << 0x0C;
    QTest::newRow("meta_on_connect_dropped") << 0x10 << false << 0x00 << 0x00;
    QTest::newRow("itemstream") << 0x20 << false << 0x10 << 0x20;
    QTest::newRow("keepserialized") << 0x40 << false << 0x20 << 0x40;
    QTest::newRow("corr_id") << 0x00 << true << 0x40 << 0x00;
    QTest::newRow("stream_start") << 0x21 << true << 0x51 << 0x21;
    QTest::newRow("undefined_bits_pass") << 0xC080 << false << 0xC080 << 0xC080;
}

void tst_Pyro5Framing::flagTranslation()
{
    QFETCH(int, logical);
    QFETCH(bool, corr);
    QFETCH(int, wire502);
    QFETCH(int, backLogical);
    const auto flags = MessageFlags::fromInt(logical);
    QCOMPARE(int(WireFlags::toWire(flags, P5, corr)), wire502);
    QCOMPARE(WireFlags::fromWire(quint16(wire502), P5).toInt(), backLogical);
    // 48 is the logical set itself.
    QCOMPARE(int(WireFlags::toWire(flags, ProtocolVersion::Pyro4, corr)), logical);
}

void tst_Pyro5Framing::malformedFrames_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("mode"); // 0: fixed 502, 1: detect, 2: fixed 48
    QTest::addColumn<qint64>("maxSize");
    QTest::addColumn<QByteArray>("hmacKey");
    QTest::addColumn<int>("goodMessages");
    QTest::addColumn<Error::Code>("code");
    QTest::addColumn<QString>("message");
    QTest::addColumn<qsizetype>("offset");

    const qint64 def = FrameReader::DefaultMaxMessageSize;
    const auto P = Error::Code::ProtocolError;
    const auto L = Error::Code::MessageTooLarge;
    const auto S = Error::Code::SecurityError;
    const QString overrun = QStringLiteral("annotation chunk overruns the annotations block");
    const QString badData48 = QStringLiteral("invalid data or unsupported protocol version");
    const QByteArray good = validFrame5();
    const QByteArray none;

    QTest::newRow("bad_magic") << "XYRO" + good.mid(4) << 0 << def << none << 0 << P << QStringLiteral("invalid data") << qsizetype(0);
    QTest::newRow("bad_magic_detect") << "XYRO" + good.mid(4) << 1 << def << none << 0 << P << badData48 << qsizetype(0);
    QTest::newRow("bad_magic_fourth_byte") << QByteArray("PYRX") << 0 << def << none << 0 << P << QStringLiteral("invalid data") << qsizetype(0);
    QTest::newRow("http_request") << QByteArray("GET / HTTP/1.1\r\n\r\n") << 0 << def << none << 0 << P << QStringLiteral("invalid data")
                                  << qsizetype(0);
    QTest::newRow("version_48_to_fixed_502") << validFrame4() << 0 << def << none << 0 << P << QStringLiteral("invalid protocol version: 48")
                                             << qsizetype(4);
    QTest::newRow("version_502_to_fixed_48") << good << 2 << def << none << 0 << P << badData48 << qsizetype(4);
    QTest::newRow("version_501") << header5(4, 0, 0, 0, 1, 0, QByteArray(16, '\0'), Pyro5Magic, 501) << 0 << def << none << 0 << P
                                 << QStringLiteral("invalid protocol version: 501") << qsizetype(4);
    QTest::newRow("version_501_detect") << header5(4, 0, 0, 0, 1, 0, QByteArray(16, '\0'), Pyro5Magic, 501).left(6) << 1 << def << none
                                        << 0 << P << badData48 << qsizetype(4);
    QTest::newRow("version_little_endian") << header5(4, 0, 0, 0, 1, 0, QByteArray(16, '\0'), Pyro5Magic, 0xF601) << 0 << def << none
                                           << 0 << P << QStringLiteral("invalid protocol version: 62977") << qsizetype(4);
    QTest::newRow("wrong_magic_number") << header5(4, 0, 0, 0, 1, 0, QByteArray(16, '\0'), 0x4DC6) << 0 << def << none << 0 << P
                                        << QStringLiteral("invalid magic number") << qsizetype(38);
    QTest::newRow("magic_zero") << header5(4, 0, 0, 0, 1, 0, QByteArray(16, '\0'), 0) << 1 << def << none << 0 << P
                                << QStringLiteral("invalid magic number") << qsizetype(38);
    QTest::newRow("pyro4_header_read_as_502") << validFrame4().replace(4, 2, QByteArray("\x01\xf6", 2)) << 0 << def << none << 0 << P
                                              << QStringLiteral("invalid magic number") << qsizetype(38);
    QTest::newRow("data_size_u32_max") << header5(5, 0, 1, 0xFFFFFFFF, 1, 0) << 0 << def << none << 0 << L
                                       << QStringLiteral("message too large (4294967295, max=268435456)") << qsizetype(12);
    QTest::newRow("both_sizes_u32_max") << header5(5, 0, 1, 0xFFFFFFFF, 1, 0xFFFFFFFF) << 0 << def << none << 0 << L
                                        << QStringLiteral("message too large (8589934590, max=268435456)") << qsizetype(12);
    QTest::newRow("both_sizes_u32_max_no_limit") << header5(5, 0, 1, 0xFFFFFFFF, 1, 0xFFFFFFFF) + "a" << 0 << qint64(0) << none << 0 << L
                                                 << QString()
                                                 << qsizetype(-1);
    QTest::newRow("annotations_size_u32_max") << header5(5, 0, 1, 0, 1, 0xFFFFFFFF) << 0 << qint64(1000) << none << 0 << L
                                              << QStringLiteral("message too large (4294967295, max=1000)") << qsizetype(12);
    QTest::newRow("annotations_push_over_limit") << header5(5, 0, 1, 990, 1, 11) << 0 << qint64(1000) << none << 0 << L
                                                 << QStringLiteral("message too large (1001, max=1000)") << qsizetype(12);
    QTest::newRow("ann_chunk_overruns_block") << rawFrame5("XUSR" + QByteArray("\x00\x00\x00\x05", 4) + "abcd", "p") << 0 << def << none
                                              << 0 << P << overrun << qsizetype(40);
    QTest::newRow("ann_len_u32_max") << rawFrame5("XUSR" + QByteArray("\xff\xff\xff\xff", 4) + "abcd", "p") << 0 << def << none << 0 << P
                                     << overrun << qsizetype(40);
    QTest::newRow("ann_second_chunk_overruns") << rawFrame5(chunk5("XABC", "ab") + "XUSR" + QByteArray("\x00\x00\x00\x09", 4) + "abc", "p")
                                               << 0 << def << none << 0 << P << overrun << qsizetype(50);
    QTest::newRow("ann_chunk_header_cut") << rawFrame5("XUSR\x00\x00", "p") << 0 << def << none << 0 << P << overrun << qsizetype(40);
    QTest::newRow("ann_six_byte_pyro4_chunk") << rawFrame5("XUSR" + QByteArray("\x00\x01", 2) + "a", "p") << 0 << def << none << 0 << P
                                              << overrun << qsizetype(40);
    QTest::newRow("ann_key_not_ascii") << rawFrame5(chunk5("\xffUSR", "a"), "p") << 0 << def << none << 0 << P
                                       << QStringLiteral("annotation key is not ASCII") << qsizetype(40);
    QTest::newRow("hmac_key_with_502") << good << 0 << def << QByteArray("secret") << 0 << S
                                       << QStringLiteral("Pyro5 (protocol 502) has no HMAC message authentication: remove the HMAC key, "
                                                         "and use TLS with client certificates to authenticate")
                                       << qsizetype(4);
    QTest::newRow("zlib_garbage") << rawFrame5(QByteArray(), "this is not zlib", 0x02) << 0 << def << none << 0 << P
                                  << QStringLiteral("zlib: incorrect header check") << qsizetype(40);
    const QByteArray packed = Compression::compress(QByteArray(1000, 'a'));
    QTest::newRow("zlib_truncated") << rawFrame5(QByteArray(), packed.chopped(4), 0x02) << 0 << def << none << 0 << P
                                    << QStringLiteral("zlib: incomplete or truncated stream") << qsizetype(40);
    const QString bomb = QStringLiteral("decompressed payload exceeds the max message size");
    const QByteArray tenMiB = Compression::compress(QByteArray(10 << 20, '\0'));
    QTest::newRow("zip_bomb_10mib_limit_1mib") << rawFrame5(QByteArray(), tenMiB, 0x02) << 0 << qint64(1 << 20) << none << 0 << L << bomb
                                               << qsizetype(40);
    // 1000 plain bytes + 18 annotation bytes against a limit of 1017: one byte too many.
    QTest::newRow("inflated_one_byte_over_limit") << rawFrame5(chunk5("XTRA", QByteArray(10, 't')), packed, 0x02) << 0 << qint64(1017)
                                                  << none << 0 << L << bomb << qsizetype(40 + 18);
    QTest::newRow("second_message_bad_magic") << good + "XXXX" << 0 << def << none << 1 << P << QStringLiteral("invalid data") << good.size();
    QTest::newRow("second_message_pyro4_fixed") << good + validFrame4() << 0 << def << none << 1 << P
                                                << QStringLiteral("invalid protocol version: 48") << good.size() + 4;
    QTest::newRow("second_message_bad_magic_number") << good + header5(4, 0, 1, 0, 1, 0, QByteArray(16, '\0'), 0x1234) << 1 << def << none
                                                     << 1 << P << QStringLiteral("invalid magic number") << good.size() + 38;
}

void tst_Pyro5Framing::malformedFrames()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, mode);
    QFETCH(qint64, maxSize);
    QFETCH(QByteArray, hmacKey);
    QFETCH(int, goodMessages);
    QFETCH(Error::Code, code);
    QFETCH(QString, message);
    QFETCH(qsizetype, offset);
    const std::optional<ProtocolVersion> protocol = mode == 0 ? std::optional(P5)
            : mode == 1                                       ? std::nullopt
                                                              : std::optional(ProtocolVersion::Pyro4);
    if (offset < 0) {
        // No limit: 8 GiB may be declared; the reader waits, holding only what arrived.
        const Fed fed = feed(bytes, bytes.size(), protocol, maxSize, hmacKey);
        QVERIFY(!fed.error.isError());
        QCOMPARE(fed.buffered, bytes.size());
        return;
    }
    for (qsizetype piece : { qsizetype(1), bytes.size() }) {
        const Fed fed = feed(bytes, piece, protocol, maxSize, hmacKey);
        QCOMPARE(fed.messages.size(), goodMessages);
        QCOMPARE(fed.error.code(), code);
        QCOMPARE(fed.error.message(), message);
        QCOMPARE(fed.error.offset(), offset);
        QCOMPARE(fed.buffered, 0); // a failed reader keeps nothing
    }
    if (goodMessages == 0) {
        const Result<Message> parsed = FrameReader::parse(bytes, hmacKey, maxSize, protocol);
        QVERIFY(!parsed.ok());
        QCOMPARE(parsed.error().code(), code);
        QCOMPARE(parsed.error().message(), message);
        QCOMPARE(parsed.error().offset(), offset);
    }
}

void tst_Pyro5Framing::acceptedOddities_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("type");
    QTest::addColumn<int>("flags");
    QTest::addColumn<QByteArray>("corr");
    QTest::addColumn<QByteArray>("annotations"); // keys and values joined, in key order
    QTest::addColumn<QByteArray>("data");

    const QByteArray packed = Compression::compress(QByteArray(1000, 'a'));
    // Python ignores the reserved field, and the correlation id without its flag.
    QTest::newRow("reserved_nonzero") << rawFrame5(QByteArray(), "p", 0, 5, 0xBEEF) << 5 << 0 << QByteArray() << QByteArray() << QByteArray("p");
    QTest::newRow("corr_bytes_without_flag") << rawFrame5(QByteArray(), "p") << 5 << 0 << QByteArray() << QByteArray() << QByteArray("p");
    QTest::newRow("corr_flag_zero_id") << header5(5, 0x40, 7, 1, 1, 0) + "p" << 5 << 0 << QByteArray(16, '\0') << QByteArray() << QByteArray("p");
    QTest::newRow("type_255") << rawFrame5(QByteArray(), "p", 0, 255) << 255 << 0 << QByteArray() << QByteArray() << QByteArray("p");
    QTest::newRow("undefined_flag_bits") << rawFrame5(QByteArray(), "p", 0xC080) << 5 << 0xC080 << QByteArray() << QByteArray() << QByteArray("p");
    QTest::newRow("renumbered_flags") << rawFrame5(QByteArray(), "p", 0x31 | 0x40) << 5 << 0x61 << corrValue() << QByteArray() << QByteArray("p");
    QTest::newRow("duplicate_key_last_wins") << rawFrame5(chunk5("XUSR", "one") + chunk5("XUSR", "two"), "p") << 5 << 0 << QByteArray()
                                             << QByteArray("XUSRtwo") << QByteArray("p");
    QTest::newRow("hmac_annotation_is_plain") << rawFrame5(chunk5("HMAC", "h"), "p") << 5 << 0 << QByteArray() << QByteArray("HMACh")
                                              << QByteArray("p");
    QTest::newRow("corr_annotation_is_plain") << rawFrame5(chunk5("CORR", "c"), "p") << 5 << 0 << QByteArray() << QByteArray("CORRc")
                                              << QByteArray("p");
    QTest::newRow("annotation_over_64k") << rawFrame5(chunk5("XBIG", QByteArray(70000, 'b')), "p") << 5 << 0 << QByteArray()
                                         << "XBIG" + QByteArray(70000, 'b') << QByteArray("p");
    QTest::newRow("empty_everything") << rawFrame5(QByteArray(), QByteArray()) << 5 << 0 << QByteArray() << QByteArray() << QByteArray();
    QTest::newRow("zlib_trailing_bytes_ignored") << rawFrame5(QByteArray(), packed + "junk", 0x03) << 5 << 0x01 << QByteArray() << QByteArray()
                                                 << QByteArray(1000, 'a');
}

void tst_Pyro5Framing::acceptedOddities()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, type);
    QFETCH(int, flags);
    QFETCH(QByteArray, corr);
    QFETCH(QByteArray, annotations);
    QFETCH(QByteArray, data);
    const Result<Message> parsed = FrameReader::parse(bytes, QByteArray(), FrameReader::DefaultMaxMessageSize, P5);
    QVERIFY2(parsed.ok(), qPrintable(parsed.error().message()));
    const Message &m = parsed.value();
    QCOMPARE(m.protocol, P5);
    QCOMPARE(int(m.type), type);
    QCOMPARE(int(m.flags.toInt()), flags);
    QCOMPARE(m.correlationId, corr);
    QByteArray joined;
    for (auto it = m.annotations.cbegin(); it != m.annotations.cend(); ++it)
        joined += it.key() + it.value();
    QCOMPARE(joined, annotations);
    QCOMPARE(m.data, data);
    const Fed fed = feed(bytes, 1, std::nullopt);
    QCOMPARE(fed.messages.size(), 1);
    QCOMPARE(fed.messages[0].data, data);
}

void tst_Pyro5Framing::invalidMessages_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<int>("serializerId");
    QTest::addColumn<QByteArray>("corr");
    QTest::addColumn<QByteArray>("annotationKey");
    QTest::addColumn<QByteArray>("hmacKey");
    QTest::addColumn<qint64>("maxSize");
    QTest::addColumn<Error::Code>("code");
    QTest::addColumn<QString>("message");
    const auto P = Error::Code::ProtocolError;
    QTest::newRow("hmac_key") << 4 << 1 << QByteArray() << QByteArray("XUSR") << QByteArray("k") << qint64(0) << Error::Code::SecurityError
                              << QStringLiteral("Pyro5 (protocol 502) has no HMAC message authentication: remove the HMAC key, and use "
                                                "TLS with client certificates to authenticate");
    QTest::newRow("type_256") << 256 << 1 << QByteArray() << QByteArray("XUSR") << QByteArray() << qint64(0) << P
                              << QStringLiteral("message type does not fit Pyro5's one-byte field");
    QTest::newRow("serializer_256") << 4 << 256 << QByteArray() << QByteArray("XUSR") << QByteArray() << qint64(0) << P
                                    << QStringLiteral("serializer id does not fit Pyro5's one-byte field");
    QTest::newRow("corr_15_bytes") << 4 << 1 << QByteArray(15, 'c') << QByteArray("XUSR") << QByteArray() << qint64(0) << P
                                   << QStringLiteral("a Pyro5 correlation id is 16 bytes");
    QTest::newRow("key_3_bytes") << 4 << 1 << QByteArray() << QByteArray("XUS") << QByteArray() << qint64(0) << P
                                 << QStringLiteral("annotation identifier must be 4 ascii characters");
    QTest::newRow("over_limit") << 4 << 1 << QByteArray() << QByteArray("XUSR") << QByteArray() << qint64(10) << Error::Code::MessageTooLarge
                                << QStringLiteral("message too large (16, max=10)");
}

void tst_Pyro5Framing::invalidMessages()
{
    QFETCH(int, type);
    QFETCH(int, serializerId);
    QFETCH(QByteArray, corr);
    QFETCH(QByteArray, annotationKey);
    QFETCH(QByteArray, hmacKey);
    QFETCH(qint64, maxSize);
    QFETCH(Error::Code, code);
    QFETCH(QString, message);
    Message m;
    m.protocol = P5;
    m.type = MessageType(type);
    m.serializerId = quint16(serializerId);
    m.correlationId = corr;
    m.annotations.insert(annotationKey, "v");
    m.data = "payload";
    const Result<QByteArray> r = MessageWriter::tryWrite(m, hmacKey, false, maxSize);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code(), code);
    QCOMPARE(r.error().message(), message);
    if (maxSize == 0)
        QVERIFY(MessageWriter::write(m, hmacKey).isEmpty());
}

void tst_Pyro5Framing::cutAtEveryLength()
{
    Message m;
    m.protocol = P5;
    m.type = MessageType::Result;
    m.seq = 65535;
    m.correlationId = corrValue();
    m.annotations.insert("STRM", "stream-id");
    m.data = SerpentHeader + "'" + QByteArray(300, 'x') + "'";
    const QByteArray frame = MessageWriter::write(m, QByteArray(), true);
    QVERIFY(frame.size() > Pyro5MessageHeaderSize + 17);
    for (int cut = 0; cut < frame.size(); ++cut) {
        FrameReader reader;
        reader.detectProtocol();
        for (int i = 0; i < cut; ++i) {
            reader.append(frame.sliced(i, 1));
            QVERIFY(!reader.next());
        }
        QVERIFY(!reader.hasFailed());
        QCOMPARE(reader.bufferedBytes(), qsizetype(cut));
        const Result<Message> partial = FrameReader::parse(frame.left(cut), QByteArray(), FrameReader::DefaultMaxMessageSize, P5);
        QVERIFY(!partial.ok());
        QCOMPARE(partial.error().message(), QStringLiteral("truncated message"));
        QCOMPARE(partial.error().offset(), qsizetype(cut));
        reader.append(frame.mid(cut));
        const std::optional<Message> back = reader.next();
        QVERIFY(back.has_value());
        QCOMPARE(back->seq, quint16(65535));
        QCOMPARE(back->correlationId, corrValue());
        QCOMPARE(back->annotations.value("STRM"), QByteArray("stream-id"));
        QCOMPARE(back->data, m.data);
    }
}

// Detection takes each frame's version from its own first six bytes.
void tst_Pyro5Framing::detectsEachFrame()
{
    const QByteArray stream = validFrame4(1) + validFrame5(2) + validFrame5(3) + validFrame4(4);
    for (qsizetype piece : { qsizetype(1), qsizetype(5), stream.size() }) {
        const Fed fed = feed(stream, piece, std::nullopt);
        QVERIFY2(!fed.error.isError(), qPrintable(fed.error.message()));
        QCOMPARE(fed.messages.size(), 4);
        const QList<ProtocolVersion> expected { ProtocolVersion::Pyro4, P5, P5, ProtocolVersion::Pyro4 };
        for (int i = 0; i < 4; ++i) {
            QCOMPARE(fed.messages[i].protocol, expected[i]);
            QCOMPARE(fed.messages[i].seq, quint16(i + 1));
            QCOMPARE(fed.messages[i].correlationId, corrValue());
        }
        // 48 keeps its CORR annotation; 502 has none.
        QCOMPARE(fed.messages[0].annotations.value("CORR"), corrValue());
        QVERIFY(fed.messages[1].annotations.isEmpty());
    }
    quint16 version = 0;
    QCOMPARE(ProtocolInfo::sniff(validFrame5(), &version), std::optional(P5));
    QCOMPARE(version, quint16(502));
    QCOMPARE(ProtocolInfo::sniff(validFrame4(), &version), std::optional(ProtocolVersion::Pyro4));
    QCOMPARE(ProtocolInfo::sniff(QByteArray("PYRO\x01", 5), &version), std::nullopt);
    QCOMPARE(ProtocolInfo::sniff(QByteArray("PYRO\x01\xf5", 6), &version), std::nullopt);
    QCOMPARE(version, quint16(501));
}

void tst_Pyro5Framing::limitCheckedRightAfterHeader()
{
    FrameReader reader;
    reader.setProtocol(P5);
    reader.setMaxMessageSize(4096);
    const QByteArray h = header5(5, 0, 0, 0xFFFFFFFF, 1, 0xFFFFFFFF);
    reader.append(h.left(39));
    QVERIFY(!reader.next());
    QVERIFY(!reader.hasFailed());
    reader.append(h.right(1));
    QVERIFY(!reader.next());
    QCOMPARE(reader.error().code(), Error::Code::MessageTooLarge);
    QCOMPARE(reader.bufferedBytes(), 0);
    FrameReader patient;
    patient.setProtocol(P5);
    patient.append(header5(5, 0, 0, 200 << 20, 1, 0) + "abc");
    QVERIFY(!patient.next());
    QVERIFY(!patient.hasFailed());
    QCOMPARE(patient.bufferedBytes(), 43);
}

void tst_Pyro5Framing::realDaemon_data()
{
    QTest::addColumn<bool>("compression");
    QTest::newRow("plain") << false;
    QTest::newRow("compression") << true;
}

// Real traffic: hand-built 502 CONNECT and INVOKEs to the Python Pyro5 daemon, the replies
// read one byte at a time.
void tst_Pyro5Framing::realDaemon()
{
    QFETCH(bool, compression);
    QStringList args { QStringLiteral("daemon") };
    if (compression)
        args << QStringLiteral("--compression");
    Test::PeerProcess peer;
    QVERIFY2(peer.start(QStringLiteral("pyro5_frames.py"), args, 30000, Test::PeerProcess::pyro5Environment()),
             qPrintable(peer.failure()));
    const QString uri = peer.readyText();
    const quint16 port = quint16(uri.section(QLatin1Char(':'), -1).toUInt());
    QVERIFY2(port != 0, qPrintable(uri));

    Message connect;
    connect.protocol = P5;
    connect.type = MessageType::Connect;
    connect.seq = 1234;
    connect.data = SerpentHeader + "{'handshake':'hello','object':'tester'}";
    Message add = connect;
    add.type = MessageType::Invoke;
    add.seq = 1235;
    add.data = SerpentHeader + "('tester','add',(1,2),{})";
    Message text = add;
    text.seq = 65535;
    text.correlationId = corrValue();
    text.data = SerpentHeader + "('tester','text',(500,),{})";

    QTcpSocket socket;
    socket.connectToHost(QStringLiteral("127.0.0.1"), port);
    QVERIFY2(socket.waitForConnected(10000), qPrintable(socket.errorString()));
    socket.write(MessageWriter::write(connect) + MessageWriter::write(add) + MessageWriter::write(text, QByteArray(), compression));

    FrameReader reader;
    reader.setProtocol(P5);
    QByteArray raw;
    QList<Message> replies;
    while (replies.size() < 3) {
        QVERIFY2(socket.bytesAvailable() > 0 || socket.waitForReadyRead(10000), "no reply from the daemon");
        const QByteArray chunk = socket.readAll();
        raw += chunk;
        for (char c : chunk) {
            reader.append(QByteArrayView(&c, 1));
            while (auto m = reader.next())
                replies.append(*m);
            QVERIFY2(!reader.hasFailed(), qPrintable(reader.error().message() + QLatin1Char(' ') + reader.error().detail()));
        }
    }
    QCOMPARE(replies.size(), 3);

    const Message &ok = replies[0];
    QCOMPARE(ok.protocol, P5);
    QCOMPARE(ok.type, MessageType::ConnectOk);
    QCOMPARE(ok.seq, quint16(1234));
    QCOMPARE(ok.serializerId, quint16(1));
    QCOMPARE(ok.flags.toInt(), 0);
    QCOMPARE(ok.correlationId.size(), 16); // the daemon made one
    QVERIFY(ok.data.contains("'handshake':'hello'"));
    QVERIFY(ok.data.contains("'methods':{")); // sets in 502 (docs/pyro5-protocol.md)

    const Message &sum = replies[1];
    QCOMPARE(sum.type, MessageType::Result);
    QCOMPARE(sum.seq, quint16(1235));
    QCOMPARE(sum.correlationId.size(), 16);
    QCOMPARE(sum.data, SerpentHeader + "3");

    const Message &long_ = replies[2];
    QCOMPARE(long_.seq, quint16(65535));
    QCOMPARE(long_.correlationId, corrValue()); // echoed
    QCOMPARE(long_.data, SerpentHeader + "'" + QByteArray(500, 'x') + "'");

    // On the wire: every reply carries CORR_ID (0x40); the long one compressed by the daemon's setting.
    QList<quint16> wire;
    for (qsizetype pos = 0; pos + Pyro5MessageHeaderSize <= raw.size();) {
        wire.append(qFromBigEndian<quint16>(raw.constData() + pos + 8));
        pos += Pyro5MessageHeaderSize + qFromBigEndian<quint32>(raw.constData() + pos + 12)
                + qFromBigEndian<quint32>(raw.constData() + pos + 16);
    }
    QCOMPARE(wire.size(), 3);
    for (quint16 w : wire)
        QVERIFY(w & 0x40);
    QCOMPARE(bool(wire[2] & 0x02), compression);
}

// A Pyro4 CONNECT to a Pyro5 daemon: a Pyro5 CONNECTFAIL, which detection reads.
void tst_Pyro5Framing::realDaemonRefusesPyro4()
{
    Test::PeerProcess peer;
    QVERIFY2(peer.start(QStringLiteral("pyro5_frames.py"), { QStringLiteral("daemon") }, 30000, Test::PeerProcess::pyro5Environment()),
             qPrintable(peer.failure()));
    const quint16 port = quint16(peer.readyText().section(QLatin1Char(':'), -1).toUInt());
    Message connect;
    connect.type = MessageType::Connect;
    connect.flags = MessageFlag::MetaOnConnect;
    connect.data = SerpentHeader + "{'handshake':'hello','object':'tester'}";
    QTcpSocket socket;
    socket.connectToHost(QStringLiteral("127.0.0.1"), port);
    QVERIFY2(socket.waitForConnected(10000), qPrintable(socket.errorString()));
    socket.write(MessageWriter::write(connect));
    FrameReader reader;
    reader.detectProtocol();
    std::optional<Message> reply;
    while (!reply && !reader.hasFailed()) {
        QVERIFY2(socket.bytesAvailable() > 0 || socket.waitForReadyRead(10000), "no reply from the daemon");
        reader.append(socket.readAll());
        reply = reader.next();
    }
    QVERIFY2(reply.has_value(), qPrintable(reader.error().message()));
    QCOMPARE(reply->protocol, P5);
    QCOMPARE(reply->type, MessageType::ConnectFail);
    QCOMPARE(ProtocolInfo::serializerFromWire(reply->serializerId, P5), std::optional(SerializerId::Marshal));
    QCOMPARE(connectFailReason(*reply), QStringLiteral("invalid protocol version: 48"));
}

QTEST_GUILESS_MAIN(tst_Pyro5Framing)
#include "tst_pyro5framing.moc"
