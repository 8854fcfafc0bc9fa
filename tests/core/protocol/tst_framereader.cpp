#include "protocol/compression.h"
#include "protocol/framereader.h"
#include "protocol/message.h"
#include "pythonframes.h"

#include <QTcpSocket>
#include <QTest>
#include <QtEndian>

using namespace Pyro;

namespace {

const QByteArray SerpentHeader = QByteArrayLiteral("# serpent utf-8 python3.2\n");

QByteArray corrValue()
{
    QByteArray corr;
    for (int i = 0; i < 16; ++i)
        corr += char(i);
    return corr;
}

// A raw header with any field wrong on purpose; the checksum is right unless checksumDelta.
QByteArray header(quint16 type, quint16 flags, quint16 seq, qint32 dataSize, quint16 ser, quint16 annSize,
                  int checksumDelta = 0, quint16 version = quint16(ProtocolVersion::Pyro4), quint16 reserved = 0)
{
    QByteArray h(MessageHeaderSize, '\0');
    char *p = h.data();
    memcpy(p, "PYRO", 4);
    qToBigEndian<quint16>(version, p + 4);
    qToBigEndian<quint16>(type, p + 6);
    qToBigEndian<quint16>(flags, p + 8);
    qToBigEndian<quint16>(seq, p + 10);
    qToBigEndian<qint32>(dataSize, p + 12);
    qToBigEndian<quint16>(ser, p + 16);
    qToBigEndian<quint16>(annSize, p + 18);
    qToBigEndian<quint16>(reserved, p + 20);
    const quint16 sum = MessageWriter::checksum(type, version, quint32(dataSize), annSize, ser, flags, seq);
    qToBigEndian<quint16>(quint16(sum + checksumDelta), p + 22);
    return h;
}

QByteArray chunk(const QByteArray &key, const QByteArray &value)
{
    QByteArray c = key;
    c += char(value.size() >> 8);
    c += char(value.size() & 0xFF);
    return c + value;
}

// A consistent frame from raw parts (annotations as already-encoded chunk bytes).
QByteArray rawFrame(const QByteArray &annotations, const QByteArray &payload, quint16 flags = 0, quint16 type = 5,
                    quint16 reserved = 0)
{
    return header(type, flags, 7, qint32(payload.size()), 1, quint16(annotations.size()), 0, quint16(ProtocolVersion::Pyro4), reserved)
        + annotations + payload;
}

QByteArray validFrame(const QByteArray &key = QByteArray(), quint16 seq = 1)
{
    Message m;
    m.type = MessageType::Result;
    m.seq = seq;
    m.annotations.insert("CORR", corrValue());
    m.data = SerpentHeader + "3";
    return MessageWriter::write(m, key);
}

struct Fed
{
    QList<Message> messages;
    Error error;
    qsizetype buffered = 0;
};

Fed feed(const QByteArray &bytes, qsizetype pieceSize, const QByteArray &key = QByteArray(),
         qint64 maxSize = FrameReader::DefaultMaxMessageSize)
{
    FrameReader reader;
    reader.setHmacKey(key);
    reader.setMaxMessageSize(maxSize);
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

class tst_FrameReader : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void pythonFramesOneByteAtATime_data();
    void pythonFramesOneByteAtATime();
    void streamInPieces_data();
    void streamInPieces();
    void docExampleInvoke();
    void malformedFrames_data();
    void malformedFrames();
    void acceptedOddities_data();
    void acceptedOddities();
    void cutAtEveryLength_data();
    void cutAtEveryLength();
    void trailingPartialSecondMessage();
    void nothingAfterFailure();
    void limitCheckedRightAfterHeader();
    void realDaemon_data();
    void realDaemon();

private:
    QList<Test::PythonFrame> m_frames;
};

void tst_FrameReader::initTestCase()
{
    QString failure;
    QVERIFY2(Test::loadPythonFrames(m_frames, failure), qPrintable(failure));
}

void tst_FrameReader::pythonFramesOneByteAtATime_data()
{
    QTest::addColumn<int>("index");
    for (int i = 0; i < m_frames.size(); ++i)
        QTest::newRow(m_frames[i].name.constData()) << i;
}

void tst_FrameReader::pythonFramesOneByteAtATime()
{
    QFETCH(int, index);
    const Test::PythonFrame &f = m_frames[index];
    FrameReader reader;
    reader.setHmacKey(f.hmacKey);
    for (qsizetype i = 0; i + 1 < f.frame.size(); ++i) {
        reader.append(f.frame.sliced(i, 1));
        QVERIFY(!reader.next());
        QVERIFY(!reader.hasFailed());
    }
    reader.append(f.frame.right(1));
    const std::optional<Message> m = reader.next();
    QVERIFY2(m.has_value(), qPrintable(reader.error().message()));
    QCOMPARE(m->type, f.message.type);
    QCOMPARE(m->flags.toInt(), f.message.flags.toInt());
    QCOMPARE(m->seq, f.message.seq);
    QCOMPARE(m->serializerId, f.message.serializerId);
    QCOMPARE(m->annotations, f.message.annotations);
    QCOMPARE(m->data, f.message.data);
    QCOMPARE(m->wireSize, f.frame.size()); // what the client reports as the reply's size
    QCOMPARE(reader.bufferedBytes(), 0);
    QVERIFY(!reader.next());
}

void tst_FrameReader::streamInPieces_data()
{
    QTest::addColumn<int>("pieceSize");
    for (int size : { 1, 2, 3, 7, 23, 24, 25, 100, 4096, 1 << 30 })
        QTest::addRow("pieces_of_%d", size) << size;
}

// All Python frames without HMAC back to back on one stream, as a socket delivers them.
void tst_FrameReader::streamInPieces()
{
    QFETCH(int, pieceSize);
    QByteArray stream;
    QList<const Test::PythonFrame *> expected;
    for (const Test::PythonFrame &f : std::as_const(m_frames)) {
        if (f.hmacKey.isEmpty()) {
            stream += f.frame;
            expected.append(&f);
        }
    }
    const Fed fed = feed(stream, pieceSize);
    QVERIFY2(!fed.error.isError(), qPrintable(fed.error.message()));
    QCOMPARE(fed.messages.size(), expected.size());
    for (qsizetype i = 0; i < expected.size(); ++i) {
        QCOMPARE(fed.messages[i].seq, expected[i]->message.seq);
        QCOMPARE(fed.messages[i].annotations, expected[i]->message.annotations);
        QCOMPARE(fed.messages[i].data, expected[i]->message.data);
    }
    QCOMPARE(fed.buffered, 0);
}

// doc 1.10, the captured request bytes.
void tst_FrameReader::docExampleInvoke()
{
    const QByteArray bytes = QByteArray::fromHex(
        "5059524f 0030 0004 0000 0001 00000033 0001 0000 0000 3552"
        "232073657270656e74207574662d3820707974686f6e332e320a"
        "2827746573746572272c27616464272c28312c32292c7b7d29");
    QCOMPARE(bytes.size(), 75);
    const Result<Message> m = FrameReader::parse(bytes);
    QVERIFY(m.ok());
    QCOMPARE(m.value().type, MessageType::Invoke);
    QCOMPARE(m.value().seq, quint16(1));
    QCOMPARE(m.value().serializerId, quint16(1));
    QCOMPARE(m.value().data, SerpentHeader + "('tester','add',(1,2),{})");
}

void tst_FrameReader::malformedFrames_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QByteArray>("hmacKey");
    QTest::addColumn<qint64>("maxSize");
    QTest::addColumn<int>("goodMessages");
    QTest::addColumn<Error::Code>("code");
    QTest::addColumn<QString>("message");
    QTest::addColumn<qsizetype>("offset");

    const qint64 def = FrameReader::DefaultMaxMessageSize;
    const QString badVersion = QStringLiteral("invalid data or unsupported protocol version");
    const QString badChecksum = QStringLiteral("header checksum mismatch");
    const QString badSize = QStringLiteral("invalid message size (outside range 0..2Gb)");
    const QString overrun = QStringLiteral("annotation chunk overruns the annotations block");
    const QString hmacMismatch = QStringLiteral("message hmac mismatch");
    const QString asymmetric = QStringLiteral("hmac key config not symmetric");
    const auto P = Error::Code::ProtocolError;
    const auto L = Error::Code::MessageTooLarge;
    const auto S = Error::Code::SecurityError;
    const QByteArray good = validFrame();
    const QByteArray keyed = validFrame("secret");
    const qsizetype hmacAt = MessageHeaderSize + 6 + 16; // after the CORR chunk

    QTest::newRow("bad_magic") << "XYRO" + good.mid(4) << QByteArray() << def << 0 << P << badVersion << qsizetype(0);
    QTest::newRow("bad_magic_lowercase") << "pyro" + good.mid(4) << QByteArray() << def << 0 << P << badVersion << qsizetype(0);
    QTest::newRow("bad_magic_single_byte") << QByteArray("X") << QByteArray() << def << 0 << P << badVersion << qsizetype(0);
    QTest::newRow("bad_magic_fourth_byte") << QByteArray("PYRX") << QByteArray() << def << 0 << P << badVersion << qsizetype(0);
    QTest::newRow("http_request") << QByteArray("GET / HTTP/1.1\r\n\r\n") << QByteArray() << def << 0 << P << badVersion << qsizetype(0);
    QTest::newRow("version_47") << header(4, 0, 0, 0, 1, 0, 0, 47) << QByteArray() << def << 0 << P << badVersion << qsizetype(4);
    QTest::newRow("version_49") << header(4, 0, 0, 0, 1, 0, 0, 49) << QByteArray() << def << 0 << P << badVersion << qsizetype(4);
    QTest::newRow("version_little_endian") << header(4, 0, 0, 0, 1, 0, 0, 0x3000) << QByteArray() << def << 0 << P << badVersion << qsizetype(4);
    QTest::newRow("version_47_first_6_bytes") << header(4, 0, 0, 0, 1, 0, 0, 47).left(6) << QByteArray() << def << 0 << P << badVersion << qsizetype(4);
    QTest::newRow("checksum_plus_one") << header(4, 0, 1, 0, 1, 0, 1) << QByteArray() << def << 0 << P << badChecksum << qsizetype(22);
    QTest::newRow("checksum_minus_one") << header(4, 0, 1, 0, 1, 0, -1) << QByteArray() << def << 0 << P << badChecksum << qsizetype(22);
    QTest::newRow("data_size_0x7fffffff_limit_1000") << header(5, 0, 1, 0x7FFFFFFF, 1, 0) << QByteArray() << qint64(1000) << 0 << L
                                                     << QStringLiteral("max message size exceeded (2147483647 where max=1000)") << qsizetype(12);
    QTest::newRow("data_size_0x7fffffff_default_limit") << header(5, 0, 1, 0x7FFFFFFF, 1, 0) << QByteArray() << def << 0 << L
                                                        << QStringLiteral("max message size exceeded (2147483647 where max=268435456)") << qsizetype(12);
    QTest::newRow("annotations_push_over_limit") << header(5, 0, 1, 990, 1, 11) << QByteArray() << qint64(1000) << 0 << L
                                                 << QStringLiteral("max message size exceeded (1001 where max=1000)") << qsizetype(12);
    QTest::newRow("data_size_minus_1") << header(5, 0, 1, -1, 1, 0) << QByteArray() << def << 0 << P << badSize << qsizetype(12);
    QTest::newRow("data_size_int_min") << header(5, 0, 1, qint32(0x80000000u), 1, 0) << QByteArray() << def << 0 << P << badSize << qsizetype(12);
    QTest::newRow("ann_chunk_overruns_block") << rawFrame("XUSR" + QByteArray("\x00\x05", 2) + "abcd", "p") << QByteArray() << def << 0 << P << overrun << qsizetype(24);
    QTest::newRow("ann_second_chunk_overruns") << rawFrame(chunk("CORR", "ab") + "XUSR" + QByteArray("\x00\x09", 2) + "abc", "p")
                                               << QByteArray() << def << 0 << P << overrun << qsizetype(32);
    QTest::newRow("ann_chunk_header_cut") << rawFrame("XUSR", "p") << QByteArray() << def << 0 << P << overrun << qsizetype(24);
    QTest::newRow("ann_key_not_ascii") << rawFrame(chunk("\xffUSR", "a"), "p") << QByteArray() << def << 0 << P
                                       << QStringLiteral("annotation key is not ASCII") << qsizetype(24);
    QTest::newRow("hmac_wrong_key") << keyed << QByteArray("other") << def << 0 << S << hmacMismatch << hmacAt;
    QByteArray tampered = keyed;
    tampered[tampered.size() - 1] = '4';
    QTest::newRow("hmac_tampered_payload") << tampered << QByteArray("secret") << def << 0 << S << hmacMismatch << hmacAt;
    tampered = keyed;
    tampered[MessageHeaderSize + 6] = 'X';
    QTest::newRow("hmac_tampered_annotation") << tampered << QByteArray("secret") << def << 0 << S << hmacMismatch << hmacAt;
    QTest::newRow("hmac_truncated_digest") << rawFrame(chunk("HMAC", MessageWriter::hmac("secret", "p", {}).left(19)), "p")
                                           << QByteArray("secret") << def << 0 << S << hmacMismatch << qsizetype(24);
    QTest::newRow("hmac_missing") << good << QByteArray("secret") << def << 0 << S << asymmetric << qsizetype(0);
    QTest::newRow("hmac_unexpected") << keyed << QByteArray() << def << 0 << S << asymmetric << hmacAt;
    QTest::newRow("hmac_missing_in_second_message") << keyed + good << QByteArray("secret") << def << 1 << S << asymmetric << keyed.size();
    QTest::newRow("zlib_garbage") << rawFrame(QByteArray(), "this is not zlib", 0x02) << QByteArray() << def << 0 << P
                                  << QStringLiteral("zlib: incorrect header check") << qsizetype(24);
    const QByteArray packed = Compression::compress(QByteArray(1000, 'a'));
    QTest::newRow("zlib_truncated") << rawFrame(QByteArray(), packed.chopped(4), 0x02) << QByteArray() << def << 0 << P
                                    << QStringLiteral("zlib: incomplete or truncated stream") << qsizetype(24);
    QTest::newRow("zlib_empty_payload") << rawFrame(QByteArray(), QByteArray(), 0x02) << QByteArray() << def << 0 << P
                                        << QStringLiteral("zlib: incomplete or truncated stream") << qsizetype(24);
    QByteArray badAdler = packed;
    badAdler[badAdler.size() - 1] = char(badAdler.back() ^ 1);
    QTest::newRow("zlib_bad_adler32") << rawFrame(QByteArray(), badAdler, 0x02) << QByteArray() << def << 0 << P
                                      << QStringLiteral("zlib: incorrect data check") << qsizetype(24);
    const QString bomb = QStringLiteral("decompressed payload exceeds the max message size");
    const QByteArray tenMiB = Compression::compress(QByteArray(10 << 20, '\0'));
    QTest::newRow("zip_bomb_10mib_limit_1mib") << rawFrame(QByteArray(), tenMiB, 0x02) << QByteArray() << qint64(1 << 20) << 0 << L << bomb << qsizetype(24);
    QTest::newRow("zip_bomb_after_annotations") << rawFrame(chunk("CORR", corrValue()), tenMiB, 0x02) << QByteArray() << qint64(1 << 20) << 0 << L
                                                << bomb << qsizetype(24 + 22);
    // 1000 plain bytes + 22 annotation bytes against a limit of 1021: one byte too many.
    QTest::newRow("inflated_one_byte_over_limit") << rawFrame(chunk("CORR", corrValue()), packed, 0x02) << QByteArray() << qint64(1021) << 0 << L
                                                  << bomb << qsizetype(24 + 22);
    QTest::newRow("second_message_bad_magic") << good + "XXXX" << QByteArray() << def << 1 << P << badVersion << good.size();
    QTest::newRow("second_message_bad_checksum") << good + header(4, 0, 1, 0, 1, 0, 1) << QByteArray() << def << 1 << P << badChecksum
                                                 << good.size() + 22;
}

void tst_FrameReader::malformedFrames()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QByteArray, hmacKey);
    QFETCH(qint64, maxSize);
    QFETCH(int, goodMessages);
    QFETCH(Error::Code, code);
    QFETCH(QString, message);
    QFETCH(qsizetype, offset);

    for (qsizetype piece : { qsizetype(1), bytes.size() }) {
        const Fed fed = feed(bytes, piece, hmacKey, maxSize);
        QCOMPARE(fed.messages.size(), goodMessages);
        QCOMPARE(fed.error.code(), code);
        QCOMPARE(fed.error.message(), message);
        QCOMPARE(fed.error.offset(), offset);
        QCOMPARE(fed.buffered, 0); // a failed reader keeps nothing
    }
    if (goodMessages == 0) {
        const Result<Message> parsed = FrameReader::parse(bytes, hmacKey, maxSize);
        QVERIFY(!parsed.ok());
        QCOMPARE(parsed.error().code(), code);
        QCOMPARE(parsed.error().message(), message);
        QCOMPARE(parsed.error().offset(), offset);
    }
}

void tst_FrameReader::acceptedOddities_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<qint64>("maxSize");
    QTest::addColumn<int>("type");
    QTest::addColumn<int>("flags");
    QTest::addColumn<QByteArray>("annotations"); // keys and values joined, in key order
    QTest::addColumn<QByteArray>("data");

    const qint64 def = FrameReader::DefaultMaxMessageSize;
    const QByteArray packed = Compression::compress(QByteArray(1000, 'a'));
    // Python ignores the reserved field and does not check type or flags while framing.
    QTest::newRow("reserved_nonzero") << rawFrame(QByteArray(), "p", 0, 5, 0xBEEF) << def << 5 << 0 << QByteArray() << QByteArray("p");
    QTest::newRow("unknown_type_99") << rawFrame(QByteArray(), "p", 0, 99) << def << 99 << 0 << QByteArray() << QByteArray("p");
    QTest::newRow("unknown_flag_bits") << rawFrame(QByteArray(), "p", 0xC080) << def << 5 << 0xC080 << QByteArray() << QByteArray("p");
    QTest::newRow("duplicate_key_last_wins") << rawFrame(chunk("XUSR", "one") + chunk("XUSR", "two"), "p") << def << 5 << 0
                                             << QByteArray("XUSRtwo") << QByteArray("p");
    QTest::newRow("nul_key") << rawFrame(chunk(QByteArray("A\0\0\0", 4), "v"), "p") << def << 5 << 0
                             << QByteArray("A\0\0\0v", 5) << QByteArray("p");
    QTest::newRow("empty_everything") << rawFrame(QByteArray(), QByteArray()) << def << 5 << 0 << QByteArray() << QByteArray();
    // zlib.decompress() ignores bytes after the end of the stream, and so do we.
    QTest::newRow("zlib_trailing_bytes_ignored") << rawFrame(QByteArray(), packed + "junk", 0x03) << def << 5 << 0x01 << QByteArray()
                                                 << QByteArray(1000, 'a');
    QTest::newRow("inflated_exactly_at_limit") << rawFrame(chunk("CORR", corrValue()), packed, 0x02) << qint64(1022) << 5 << 0
                                               << QByteArray("CORR" + corrValue()) << QByteArray(1000, 'a');
    QTest::newRow("no_limit") << rawFrame(QByteArray(), packed, 0x02) << qint64(0) << 5 << 0 << QByteArray() << QByteArray(1000, 'a');
}

void tst_FrameReader::acceptedOddities()
{
    QFETCH(QByteArray, bytes);
    QFETCH(qint64, maxSize);
    QFETCH(int, type);
    QFETCH(int, flags);
    QFETCH(QByteArray, annotations);
    QFETCH(QByteArray, data);
    const Result<Message> parsed = FrameReader::parse(bytes, QByteArray(), maxSize);
    QVERIFY2(parsed.ok(), qPrintable(parsed.error().message()));
    const Message &m = parsed.value();
    QCOMPARE(int(m.type), type);
    QCOMPARE(int(m.flags.toInt()), flags);
    QByteArray joined;
    for (auto it = m.annotations.cbegin(); it != m.annotations.cend(); ++it)
        joined += it.key() + it.value();
    QCOMPARE(joined, annotations);
    QCOMPARE(m.data, data);
    const Fed fed = feed(bytes, 1, QByteArray(), maxSize);
    QCOMPARE(fed.messages.size(), 1);
    QCOMPARE(fed.messages[0].data, data);
}

static QByteArray cutSubject()
{
    Message m;
    m.type = MessageType::Result;
    m.seq = 65535;
    m.annotations.insert("CORR", corrValue());
    m.data = SerpentHeader + "'" + QByteArray(300, 'x') + "'";
    return MessageWriter::write(m, "secret", true);
}

void tst_FrameReader::cutAtEveryLength_data()
{
    QTest::addColumn<int>("cut");
    const QByteArray frame = cutSubject();
    for (int n = 0; n < frame.size(); ++n)
        QTest::addRow("cut_at_%d", n) << n;
}

void tst_FrameReader::cutAtEveryLength()
{
    QFETCH(int, cut);
    const QByteArray frame = cutSubject();
    FrameReader reader;
    reader.setHmacKey("secret");
    for (int i = 0; i < cut; ++i) {
        reader.append(frame.sliced(i, 1));
        QVERIFY(!reader.next());
    }
    QVERIFY(!reader.hasFailed());
    QCOMPARE(reader.bufferedBytes(), qsizetype(cut));

    const Result<Message> partial = FrameReader::parse(frame.left(cut), "secret");
    QVERIFY(!partial.ok());
    QCOMPARE(partial.error().code(), Error::Code::ProtocolError);
    QCOMPARE(partial.error().message(), QStringLiteral("truncated message"));
    QCOMPARE(partial.error().offset(), qsizetype(cut));

    reader.append(frame.mid(cut));
    const std::optional<Message> m = reader.next();
    QVERIFY(m.has_value());
    QCOMPARE(m->seq, quint16(65535));
    QCOMPARE(m->data, SerpentHeader + "'" + QByteArray(300, 'x') + "'");
    QCOMPARE(reader.bufferedBytes(), 0);
}

void tst_FrameReader::trailingPartialSecondMessage()
{
    const QByteArray first = validFrame(QByteArray(), 1);
    const QByteArray second = validFrame(QByteArray(), 2);
    const QByteArray bytes = first + second.left(30);
    const Fed fed = feed(bytes, 1);
    QCOMPARE(fed.messages.size(), 1);
    QCOMPARE(fed.messages[0].seq, quint16(1));
    QVERIFY(!fed.error.isError());
    QCOMPARE(fed.buffered, 30);

    const Result<Message> parsed = FrameReader::parse(bytes);
    QVERIFY(!parsed.ok());
    QCOMPARE(parsed.error().code(), Error::Code::ProtocolError);
    QCOMPARE(parsed.error().message(), QStringLiteral("trailing bytes after the message"));
    QCOMPARE(parsed.error().offset(), first.size());
}

void tst_FrameReader::nothingAfterFailure()
{
    FrameReader reader;
    reader.append(header(4, 0, 0, 0, 1, 0, 1));
    QVERIFY(!reader.next());
    QVERIFY(reader.hasFailed());
    reader.append(validFrame());
    QVERIFY(!reader.next());
    QCOMPARE(reader.error().message(), QStringLiteral("header checksum mismatch"));
    QCOMPARE(reader.bufferedBytes(), 0);
    reader.reset();
    QVERIFY(!reader.hasFailed());
    reader.append(validFrame());
    QVERIFY(reader.next().has_value());
}

// A hostile 2 GiB declaration fails as soon as its header is complete, holding nothing.
void tst_FrameReader::limitCheckedRightAfterHeader()
{
    FrameReader reader;
    reader.setMaxMessageSize(4096);
    const QByteArray h = header(5, 0, 0, 0x7FFFFFFF, 1, 0);
    reader.append(h.left(23));
    QVERIFY(!reader.next());
    QVERIFY(!reader.hasFailed());
    reader.append(h.right(1));
    QVERIFY(!reader.next());
    QCOMPARE(reader.error().code(), Error::Code::MessageTooLarge);
    // Within the limit a large declaration is just waited for, holding only what arrived.
    FrameReader patient;
    patient.append(header(5, 0, 0, 200 << 20, 1, 0) + "abc");
    QVERIFY(!patient.next());
    QVERIFY(!patient.hasFailed());
    QCOMPARE(patient.bufferedBytes(), 27);
}

void tst_FrameReader::realDaemon_data()
{
    QTest::addColumn<QByteArray>("hmacKey");
    QTest::addColumn<bool>("compression");
    QTest::newRow("plain") << QByteArray() << false;
    QTest::newRow("hmac") << QByteArray("s3cret") << false;
    QTest::newRow("compression") << QByteArray() << true;
    QTest::newRow("hmac_and_compression") << QByteArray("s3cret") << true;
}

// Real traffic: hand-built CONNECT and INVOKEs to a Python Pyro4 daemon, replies fed to
// the reader one byte at a time.
void tst_FrameReader::realDaemon()
{
    QFETCH(QByteArray, hmacKey);
    QFETCH(bool, compression);
    QStringList args { QStringLiteral("daemon") };
    if (!hmacKey.isEmpty())
        args << QStringLiteral("--hmac") << QString::fromLatin1(hmacKey);
    if (compression)
        args << QStringLiteral("--compression");
    Test::PeerProcess peer;
    QVERIFY2(peer.start(QStringLiteral("protocol_frames.py"), args), qPrintable(peer.failure()));
    const QString uri = peer.readyText(); // PYRO:tester@127.0.0.1:PORT
    const quint16 port = quint16(uri.section(QLatin1Char(':'), -1).toUInt());
    QVERIFY2(port != 0, qPrintable(uri));

    Message connect;
    connect.type = MessageType::Connect;
    connect.flags = MessageFlag::MetaOnConnect;
    connect.seq = 1234;
    connect.data = SerpentHeader + "{'handshake':'hello','object':'tester'}";
    Message add;
    add.type = MessageType::Invoke;
    add.seq = 1235;
    add.data = SerpentHeader + "('tester','add',(1,2),{})";
    Message text = add;
    text.seq = 65535;
    text.annotations.insert("CORR", corrValue());
    text.data = SerpentHeader + "('tester','text',(500,),{})";

    QTcpSocket socket;
    socket.connectToHost(QStringLiteral("127.0.0.1"), port);
    QVERIFY2(socket.waitForConnected(10000), qPrintable(socket.errorString()));
    // All three in one write: the daemon answers in order (doc 2.1).
    socket.write(MessageWriter::write(connect, hmacKey) + MessageWriter::write(add, hmacKey)
                 + MessageWriter::write(text, hmacKey, compression));

    FrameReader reader;
    reader.setHmacKey(hmacKey);
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
    QCOMPARE(reader.bufferedBytes(), 0);

    const Message &ok = replies[0];
    QCOMPARE(ok.type, MessageType::ConnectOk);
    QCOMPARE(ok.seq, quint16(1234));
    QCOMPARE(ok.serializerId, quint16(1));
    QCOMPARE(ok.flags.toInt(), int(MessageFlag::MetaOnConnect));
    QCOMPARE(ok.annotations.value("CORR").size(), 16);
    QVERIFY(!ok.annotations.contains("HMAC"));
    QVERIFY(ok.data.startsWith(SerpentHeader));
    QVERIFY(ok.data.contains("'handshake':'hello'"));
    QVERIFY(ok.data.contains("'text'"));

    const Message &sum = replies[1];
    QCOMPARE(sum.type, MessageType::Result);
    QCOMPARE(sum.seq, quint16(1235));
    QCOMPARE(sum.flags.toInt(), 0);
    QCOMPARE(sum.annotations.value("CORR").size(), 16);
    QCOMPARE(sum.data, SerpentHeader + "3");

    const Message &long_ = replies[2];
    QCOMPARE(long_.seq, quint16(65535));
    QCOMPARE(long_.flags.toInt(), 0);
    QCOMPARE(long_.annotations.value("CORR"), corrValue()); // the daemon echoes the request's CORR
    QCOMPARE(long_.data, SerpentHeader + "'" + QByteArray(500, 'x') + "'");

    // What was on the wire: the daemon compresses by its own setting only (doc 1.5).
    const QList<quint16> wire = Test::wireFlagsOf(raw);
    QCOMPARE(wire.size(), 3);
    QCOMPARE(bool(wire[2] & 0x02), compression);
    QCOMPARE(bool(wire[1] & 0x02), false); // 27 bytes stay plain

    // Pyro4's symmetry rule, on the same real bytes.
    const Fed noKey = feed(raw, 1);
    const Fed wrongKey = feed(raw, 1, "wrong");
    if (hmacKey.isEmpty()) {
        QCOMPARE(noKey.messages.size(), 3);
        QCOMPARE(wrongKey.error.message(), QStringLiteral("hmac key config not symmetric"));
        QCOMPARE(wrongKey.error.offset(), 0);
    } else {
        QCOMPARE(noKey.error.code(), Error::Code::SecurityError);
        QCOMPARE(noKey.error.message(), QStringLiteral("hmac key config not symmetric"));
        QCOMPARE(wrongKey.error.message(), QStringLiteral("message hmac mismatch"));
    }
}

QTEST_GUILESS_MAIN(tst_FrameReader)
#include "tst_framereader.moc"
