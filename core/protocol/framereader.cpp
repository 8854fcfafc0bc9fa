#include "protocol/framereader.h"

#include "protocol/compression.h"

#include <QtEndian>

namespace Pyro {

namespace {

const QByteArray Magic = QByteArrayLiteral("PYRO");
const QByteArray HmacKey = QByteArrayLiteral("HMAC");

quint16 u16At(QByteArrayView b, qsizetype i)
{
    return qFromBigEndian<quint16>(b.data() + i);
}

enum class Outcome { NeedMore, Done, Failed };

struct Step
{
    Outcome outcome = Outcome::NeedMore;
    Message message;
    qsizetype consumed = 0;
    Error error;
};

Step failure(Error::Code code, const QString &message, qint64 offset, const QString &detail = QString())
{
    Step s;
    s.outcome = Outcome::Failed;
    s.error = Error(code, message, detail);
    s.error.setOffset(qsizetype(offset));
    return s;
}

// Constant-time comparison so that a forged HMAC does not learn from timing.
bool sameDigest(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    uchar diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= uchar(a[i]) ^ uchar(b[i]);
    return diff == 0;
}

/*
    Looks at the bytes of one message starting at a message boundary; \a base is the stream
    offset of bytes[0], so that errors name positions in the whole stream. Header fields are
    checked as soon as they have arrived, the size limit right after the header, before any
    further byte is awaited.
*/
Step parseOne(QByteArrayView bytes, const QByteArray &hmacKey, qint64 maxMessageSize, qint64 base)
{
    const qsizetype have = bytes.size();
    const qsizetype magicHave = qMin<qsizetype>(have, 4);
    if (bytes.first(magicHave) != QByteArrayView(Magic).first(magicHave))
        return failure(Error::Code::ProtocolError, QStringLiteral("invalid data or unsupported protocol version"), base,
                       QStringLiteral("bad magic %1, expected 50 59 52 4f").arg(QString::fromLatin1(bytes.first(magicHave).toByteArray().toHex(' '))));
    if (have >= 6 && u16At(bytes, 4) != ProtocolVersion)
        return failure(Error::Code::ProtocolError, QStringLiteral("invalid data or unsupported protocol version"), base + 4,
                       QStringLiteral("protocol version %1, expected %2").arg(u16At(bytes, 4)).arg(ProtocolVersion));
    if (have < MessageHeaderSize)
        return {};

    const quint16 type = u16At(bytes, 6);
    const quint16 flags = u16At(bytes, 8);
    const quint16 seq = u16At(bytes, 10);
    const qint32 dataSize = qFromBigEndian<qint32>(bytes.data() + 12);
    const quint16 serializerId = u16At(bytes, 16);
    const quint16 annSize = u16At(bytes, 18);
    const quint16 sum = u16At(bytes, 22);
    const quint16 expected = MessageWriter::checksum(type, ProtocolVersion, quint32(dataSize), annSize, serializerId, flags, seq);
    if (sum != expected)
        return failure(Error::Code::ProtocolError, QStringLiteral("header checksum mismatch"), base + 22,
                       QStringLiteral("checksum 0x%1, expected 0x%2").arg(sum, 4, 16, QLatin1Char('0')).arg(expected, 4, 16, QLatin1Char('0')));
    if (dataSize < 0)
        return failure(Error::Code::ProtocolError, QStringLiteral("invalid message size (outside range 0..2Gb)"), base + 12,
                       QStringLiteral("data_size %1").arg(dataSize));
    const qint64 limit = maxMessageSize > 0 ? maxMessageSize : MaxMessageDataSize + MaxAnnotationsSize;
    const qint64 declared = qint64(dataSize) + annSize;
    if (declared > limit)
        return failure(Error::Code::MessageTooLarge,
                       QStringLiteral("max message size exceeded (%1 where max=%2)").arg(declared).arg(limit), base + 12);

    const qint64 total = MessageHeaderSize + declared;
    if (have < total)
        return {};

    Step s;
    Message &msg = s.message;
    msg.type = MessageType(type);
    msg.flags = MessageFlags::fromInt(flags);
    msg.seq = seq;
    msg.serializerId = serializerId;

    QByteArray receivedHmac;
    qsizetype hmacChunkAt = -1;
    qsizetype i = MessageHeaderSize;
    const qsizetype annEnd = MessageHeaderSize + annSize;
    while (i < annEnd) {
        if (annEnd - i < 6)
            return failure(Error::Code::ProtocolError, QStringLiteral("annotation chunk overruns the annotations block"), base + i,
                           QStringLiteral("%1 bytes left, a chunk header needs 6").arg(annEnd - i));
        const QByteArray key = bytes.sliced(i, 4).toByteArray();
        const quint16 len = u16At(bytes, i + 4);
        if (i + 6 + len > annEnd)
            return failure(Error::Code::ProtocolError, QStringLiteral("annotation chunk overruns the annotations block"), base + i,
                           QStringLiteral("chunk of %1 bytes with %2 bytes left").arg(len).arg(annEnd - i - 6));
        for (char c : key) {
            if (uchar(c) > 0x7F)
                return failure(Error::Code::ProtocolError, QStringLiteral("annotation key is not ASCII"), base + i,
                               QStringLiteral("key %1").arg(QString::fromLatin1(key.toHex(' '))));
        }
        const QByteArray value = bytes.sliced(i + 6, len).toByteArray();
        // A repeated key keeps its last value, as in Python's dict.
        if (key == HmacKey) {
            receivedHmac = value;
            hmacChunkAt = i;
        } else {
            msg.annotations.insert(key, value);
        }
        i += 6 + len;
    }
    const QByteArray wireData = bytes.sliced(annEnd, dataSize).toByteArray();

    // Pyro4's Message.recv(): verify when both sides have a key, else both must have none.
    if (hmacChunkAt >= 0 && !hmacKey.isEmpty()) {
        if (!sameDigest(receivedHmac, MessageWriter::hmac(hmacKey, wireData, msg.annotations)))
            return failure(Error::Code::SecurityError, QStringLiteral("message hmac mismatch"), base + hmacChunkAt);
    } else if (hmacChunkAt >= 0) {
        return failure(Error::Code::SecurityError, QStringLiteral("hmac key config not symmetric"), base + hmacChunkAt,
                       QStringLiteral("the message has an HMAC but no key is set"));
    } else if (!hmacKey.isEmpty()) {
        return failure(Error::Code::SecurityError, QStringLiteral("hmac key config not symmetric"), base,
                       QStringLiteral("a key is set but the message has no HMAC"));
    }

    if (msg.hasFlag(MessageFlag::Compressed)) {
        Result<QByteArray> plain = Compression::decompress(wireData, limit - annSize);
        if (!plain) {
            const Error e = plain.error();
            return failure(e.code(), e.message(), base + annEnd, e.detail());
        }
        msg.data = std::move(plain.value());
        // As Message.decompress_if_needed(): data is plain now, so the flag would lie.
        msg.flags.setFlag(MessageFlag::Compressed, false);
    } else {
        msg.data = wireData;
    }
    s.outcome = Outcome::Done;
    s.consumed = qsizetype(total);
    return s;
}

} // namespace

void FrameReader::append(QByteArrayView bytes)
{
    if (hasFailed())
        return; // nothing after a failure is ever parsed, so do not keep it
    m_buffer.append(bytes);
}

std::optional<Message> FrameReader::next()
{
    if (hasFailed() || m_pos >= m_buffer.size())
        return std::nullopt;
    const QByteArrayView rest = QByteArrayView(m_buffer).sliced(m_pos);
    Step s = parseOne(rest, m_hmacKey, m_maxMessageSize, m_streamOffset + m_pos);
    switch (s.outcome) {
    case Outcome::NeedMore:
        return std::nullopt;
    case Outcome::Failed:
        m_error = s.error;
        m_streamOffset += m_buffer.size();
        m_buffer.clear();
        m_pos = 0;
        return std::nullopt;
    case Outcome::Done:
        break;
    }
    m_pos += s.consumed;
    // Drop consumed bytes once they are at least half the buffer: amortised O(1) per byte.
    if (m_pos == m_buffer.size() || m_pos >= m_buffer.size() / 2) {
        m_buffer.remove(0, m_pos);
        m_streamOffset += m_pos;
        m_pos = 0;
    }
    return std::move(s.message);
}

void FrameReader::reset()
{
    m_buffer.clear();
    m_pos = 0;
    m_error = Error();
    m_streamOffset = 0;
}

void FrameReader::fail(Error::Code code, const QString &message, qsizetype offset)
{
    m_error = Error(code, message);
    m_error.setOffset(offset);
}

Result<Message> FrameReader::parse(QByteArrayView bytes, const QByteArray &hmacKey, qint64 maxMessageSize)
{
    Step s = parseOne(bytes, hmacKey, maxMessageSize, 0);
    switch (s.outcome) {
    case Outcome::Failed:
        return s.error;
    case Outcome::NeedMore: {
        Error e(Error::Code::ProtocolError, QStringLiteral("truncated message"),
                QStringLiteral("%1 bytes is not a whole message").arg(bytes.size()));
        e.setOffset(bytes.size());
        return e;
    }
    case Outcome::Done:
        break;
    }
    if (s.consumed != bytes.size()) {
        Error e(Error::Code::ProtocolError, QStringLiteral("trailing bytes after the message"),
                QStringLiteral("%1 bytes after a %2-byte message").arg(bytes.size() - s.consumed).arg(s.consumed));
        e.setOffset(s.consumed);
        return e;
    }
    return std::move(s.message);
}

} // namespace Pyro
