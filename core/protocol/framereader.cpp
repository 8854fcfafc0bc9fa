#include "protocol/framereader.h"

#include "protocol/compression.h"

#include <QtEndian>

namespace Pyro {

namespace {

const QByteArray Magic = QByteArrayLiteral("PYRO");
const QByteArray HmacKey = QByteArrayLiteral("HMAC");
const QByteArray CorrKey = QByteArrayLiteral("CORR");

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

struct Options
{
    std::optional<ProtocolVersion> protocol; // nullopt: detect from each frame
    QByteArray hmacKey;
    qint64 maxMessageSize = 0;
};

const QString Pyro4BadData = QStringLiteral("invalid data or unsupported protocol version");

// The annotation chunks in bytes[from, end): 4-byte key, then a 2-byte (48) or 4-byte (502)
// length, then the value. An HMAC chunk (48 only) goes to *hmac and its offset to *hmacAt.
std::optional<Step> readAnnotations(QByteArrayView bytes, qsizetype from, qsizetype end, int lengthBytes, qint64 base,
                                    QMap<QByteArray, QByteArray> &out, QByteArray *hmac, qsizetype *hmacAt)
{
    const int chunkHeader = 4 + lengthBytes;
    qsizetype i = from;
    while (i < end) {
        if (end - i < chunkHeader)
            return failure(Error::Code::ProtocolError, QStringLiteral("annotation chunk overruns the annotations block"), base + i,
                           QStringLiteral("%1 bytes left, a chunk header needs %2").arg(end - i).arg(chunkHeader));
        const QByteArray key = bytes.sliced(i, 4).toByteArray();
        const qint64 len = lengthBytes == 2 ? qint64(u16At(bytes, i + 4)) : qint64(qFromBigEndian<quint32>(bytes.data() + i + 4));
        if (len > end - i - chunkHeader)
            return failure(Error::Code::ProtocolError, QStringLiteral("annotation chunk overruns the annotations block"), base + i,
                           QStringLiteral("chunk of %1 bytes with %2 bytes left").arg(len).arg(end - i - chunkHeader));
        for (char c : key) {
            if (uchar(c) > 0x7F)
                return failure(Error::Code::ProtocolError, QStringLiteral("annotation key is not ASCII"), base + i,
                               QStringLiteral("key %1").arg(QString::fromLatin1(key.toHex(' '))));
        }
        QByteArray value = bytes.sliced(i + chunkHeader, qsizetype(len)).toByteArray();
        // A repeated key keeps its last value, as in Python's dict.
        if (hmac && key == HmacKey) {
            *hmac = std::move(value);
            *hmacAt = i;
        } else {
            out.insert(key, std::move(value));
        }
        i += chunkHeader + qsizetype(len);
    }
    return std::nullopt;
}

// Undoes compression as decompress_if_needed() does (both protocols): plain data, flag cleared.
std::optional<Step> inflateInto(Message &msg, QByteArray wireData, qint64 maxPlain, qint64 payloadOffset)
{
    if (!msg.hasFlag(MessageFlag::Compressed)) {
        msg.data = std::move(wireData);
        return std::nullopt;
    }
    Result<QByteArray> plain = Compression::decompress(wireData, maxPlain);
    if (!plain) {
        const Error e = plain.error();
        return failure(e.code(), e.message(), payloadOffset, e.detail());
    }
    msg.data = std::move(plain.value());
    msg.flags.setFlag(MessageFlag::Compressed, false);
    return std::nullopt;
}

// One 48 message; the magic and version are checked already.
Step parsePyro4(QByteArrayView bytes, const Options &o, qint64 base)
{
    const qsizetype have = bytes.size();
    if (have < MessageHeaderSize)
        return {};

    const quint16 version = quint16(ProtocolVersion::Pyro4);
    const quint16 type = u16At(bytes, 6);
    const quint16 flags = u16At(bytes, 8);
    const quint16 seq = u16At(bytes, 10);
    const qint32 dataSize = qFromBigEndian<qint32>(bytes.data() + 12);
    const quint16 serializerId = u16At(bytes, 16);
    const quint16 annSize = u16At(bytes, 18);
    const quint16 sum = u16At(bytes, 22);
    const quint16 expected = MessageWriter::checksum(type, version, quint32(dataSize), annSize, serializerId, flags, seq);
    if (sum != expected)
        return failure(Error::Code::ProtocolError, QStringLiteral("header checksum mismatch"), base + 22,
                       QStringLiteral("checksum 0x%1, expected 0x%2").arg(sum, 4, 16, QLatin1Char('0')).arg(expected, 4, 16, QLatin1Char('0')));
    if (dataSize < 0)
        return failure(Error::Code::ProtocolError, QStringLiteral("invalid message size (outside range 0..2Gb)"), base + 12,
                       QStringLiteral("data_size %1").arg(dataSize));
    const qint64 limit = o.maxMessageSize > 0 ? o.maxMessageSize : MaxMessageDataSize + MaxAnnotationsSize;
    const qint64 declared = qint64(dataSize) + annSize;
    if (declared > limit)
        return failure(Error::Code::MessageTooLarge,
                       QStringLiteral("max message size exceeded (%1 where max=%2)").arg(declared).arg(limit), base + 12);

    const qint64 total = MessageHeaderSize + declared;
    if (have < total)
        return {};

    Step s;
    Message &msg = s.message;
    msg.protocol = ProtocolVersion::Pyro4;
    msg.type = MessageType(type);
    msg.flags = WireFlags::fromWire(flags, ProtocolVersion::Pyro4);
    msg.seq = seq;
    msg.serializerId = serializerId;

    QByteArray receivedHmac;
    qsizetype hmacChunkAt = -1;
    const qsizetype annEnd = MessageHeaderSize + annSize;
    if (auto f = readAnnotations(bytes, MessageHeaderSize, annEnd, 2, base, msg.annotations, &receivedHmac, &hmacChunkAt))
        return *f;
    msg.correlationId = msg.annotations.value(CorrKey);
    QByteArray wireData = bytes.sliced(annEnd, dataSize).toByteArray();

    // Pyro4's Message.recv(): verify when both sides have a key, else both must have none.
    if (hmacChunkAt >= 0 && !o.hmacKey.isEmpty()) {
        if (!sameDigest(receivedHmac, MessageWriter::hmac(o.hmacKey, wireData, msg.annotations)))
            return failure(Error::Code::SecurityError, QStringLiteral("message hmac mismatch"), base + hmacChunkAt);
    } else if (hmacChunkAt >= 0) {
        return failure(Error::Code::SecurityError, QStringLiteral("hmac key config not symmetric"), base + hmacChunkAt,
                       QStringLiteral("the message has an HMAC but no key is set"));
    } else if (!o.hmacKey.isEmpty()) {
        return failure(Error::Code::SecurityError, QStringLiteral("hmac key config not symmetric"), base,
                       QStringLiteral("a key is set but the message has no HMAC"));
    }

    if (auto f = inflateInto(msg, std::move(wireData), limit - annSize, base + annEnd))
        return *f;
    s.outcome = Outcome::Done;
    s.consumed = qsizetype(total);
    msg.wireSize = qint64(total);
    return s;
}

// One 502 message (docs/pyro5-protocol.md); the magic and version are checked already.
Step parsePyro5(QByteArrayView bytes, const Options &o, qint64 base)
{
    if (!o.hmacKey.isEmpty()) {
        const Error e = ProtocolInfo::hmacUnavailable(ProtocolVersion::Pyro5);
        return failure(e.code(), e.message(), base + 4, QStringLiteral("an HMAC key is set and a Pyro5 frame arrived"));
    }
    const qsizetype have = bytes.size();
    if (have < Pyro5MessageHeaderSize)
        return {};
    const quint16 magic = u16At(bytes, 38);
    if (magic != Pyro5Magic)
        return failure(Error::Code::ProtocolError, QStringLiteral("invalid magic number"), base + 38,
                       QStringLiteral("0x%1, expected 0x4dc5").arg(magic, 4, 16, QLatin1Char('0')));
    const quint8 type = quint8(bytes[6]);
    const quint8 serializerId = quint8(bytes[7]);
    const quint16 flags = u16At(bytes, 8);
    const quint16 seq = u16At(bytes, 10);
    const quint32 dataSize = qFromBigEndian<quint32>(bytes.data() + 12);
    const quint32 annSize = qFromBigEndian<quint32>(bytes.data() + 16);
    const qint64 limit = o.maxMessageSize > 0 ? o.maxMessageSize : 2 * Pyro5MaxFieldSize;
    const qint64 declared = qint64(dataSize) + qint64(annSize);
    if (declared > limit)
        return failure(Error::Code::MessageTooLarge, QStringLiteral("message too large (%1, max=%2)").arg(declared).arg(limit),
                       base + 12);
    const qint64 total = Pyro5MessageHeaderSize + declared;
    if (have < total)
        return {};

    Step s;
    Message &msg = s.message;
    msg.protocol = ProtocolVersion::Pyro5;
    msg.type = MessageType(type);
    msg.flags = WireFlags::fromWire(flags, ProtocolVersion::Pyro5);
    msg.seq = seq;
    msg.serializerId = serializerId;
    if (flags & 0x40) // FLAGS_CORR_ID: without it the field means nothing (Python ignores it)
        msg.correlationId = bytes.sliced(20, CorrelationIdSize).toByteArray();

    const qsizetype annEnd = Pyro5MessageHeaderSize + qsizetype(annSize);
    if (auto f = readAnnotations(bytes, Pyro5MessageHeaderSize, annEnd, 4, base, msg.annotations, nullptr, nullptr))
        return *f;
    if (auto f = inflateInto(msg, bytes.sliced(annEnd, qsizetype(dataSize)).toByteArray(), limit - annSize, base + annEnd))
        return *f;
    s.outcome = Outcome::Done;
    s.consumed = qsizetype(total);
    msg.wireSize = qint64(total);
    return s;
}

/*
    Looks at the bytes of one message starting at a message boundary; \a base is the stream
    offset of bytes[0], so that errors name positions in the whole stream. Header fields are
    checked as soon as they have arrived, the size limit right after the header, before any
    further byte is awaited.
*/
Step parseOne(QByteArrayView bytes, const Options &o, qint64 base)
{
    const qsizetype have = bytes.size();
    const qsizetype magicHave = qMin<qsizetype>(have, 4);
    const bool onlyPyro5 = o.protocol == ProtocolVersion::Pyro5;
    if (bytes.first(magicHave) != QByteArrayView(Magic).first(magicHave))
        return failure(Error::Code::ProtocolError, onlyPyro5 ? QStringLiteral("invalid data") : Pyro4BadData, base,
                       QStringLiteral("bad magic %1, expected 50 59 52 4f").arg(QString::fromLatin1(bytes.first(magicHave).toByteArray().toHex(' '))));
    if (have < ProtocolInfo::SniffSize)
        return {};
    const quint16 version = u16At(bytes, 4);
    const std::optional<ProtocolVersion> known = ProtocolInfo::fromWire(version);
    if (o.protocol && known != o.protocol) {
        const QString detail = QStringLiteral("protocol version %1, expected %2%3")
                                       .arg(version)
                                       .arg(quint16(*o.protocol))
                                       .arg(known ? QStringLiteral(" (a %1 frame)").arg(ProtocolInfo::describe(*known)) : QString());
        return failure(Error::Code::ProtocolError,
                       onlyPyro5 ? QStringLiteral("invalid protocol version: %1").arg(version) : Pyro4BadData, base + 4, detail);
    }
    if (!known)
        return failure(Error::Code::ProtocolError, Pyro4BadData, base + 4,
                       QStringLiteral("protocol version %1, expected 48 (Pyro4) or 502 (Pyro5)").arg(version));
    return *known == ProtocolVersion::Pyro5 ? parsePyro5(bytes, o, base) : parsePyro4(bytes, o, base);
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
    Step s = parseOne(rest, Options { m_protocol, m_hmacKey, m_maxMessageSize }, m_streamOffset + m_pos);
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

Result<Message> FrameReader::parse(QByteArrayView bytes, const QByteArray &hmacKey, qint64 maxMessageSize,
                                   std::optional<ProtocolVersion> protocol)
{
    Step s = parseOne(bytes, Options { protocol, hmacKey, maxMessageSize }, 0);
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
