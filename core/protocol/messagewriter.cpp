#include "protocol/message.h"

#include "protocol/compression.h"
#include "support/logging.h"

#include <QMessageAuthenticationCode>
#include <QtEndian>

namespace Pyro {

namespace {

const QByteArray HmacKey = QByteArrayLiteral("HMAC");
const QByteArray CorrKey = QByteArrayLiteral("CORR");

// 502's renumbered bits (docs/pyro5-protocol.md, "Flags").
constexpr quint16 P5ItemStreamResult = 0x10;
constexpr quint16 P5KeepSerialized = 0x20;
constexpr quint16 P5CorrId = 0x40;
constexpr quint16 SharedBits = 0x0F; // exception, compressed, oneway, batch: same in both
constexpr quint16 UndefinedBits = 0xFF80; // no protocol defines them: passed through

void putU16(char *p, quint16 v)
{
    qToBigEndian<quint16>(v, p);
}

Error framingError(const QString &message, const QString &detail = QString())
{
    return Error(Error::Code::ProtocolError, message, detail);
}

bool isAsciiKey(const QByteArray &key)
{
    for (char c : key) {
        if (uchar(c) > 0x7F)
            return false;
    }
    return key.size() == 4;
}

Result<QByteArray> writePyro5(const Message &message, const QByteArray &hmacKey, bool compress, qint64 maxMessageSize)
{
    if (!hmacKey.isEmpty())
        return ProtocolInfo::hmacUnavailable(ProtocolVersion::Pyro5);
    if (quint16(message.type) > 0xFF)
        return framingError(QStringLiteral("message type does not fit Pyro5's one-byte field"),
                            QStringLiteral("type %1").arg(quint16(message.type)));
    if (message.serializerId > 0xFF)
        return framingError(QStringLiteral("serializer id does not fit Pyro5's one-byte field"),
                            QStringLiteral("serializer id %1").arg(message.serializerId));
    if (!message.correlationId.isEmpty() && message.correlationId.size() != CorrelationIdSize)
        return framingError(QStringLiteral("a Pyro5 correlation id is 16 bytes"),
                            QStringLiteral("%1 bytes given").arg(message.correlationId.size()));
    MessageFlags flags = message.flags;
    flags.setFlag(MessageFlag::Compressed, false);
    QByteArray payload = message.data;
    // Pyro5's SendingMessage: over 100 bytes, level 4, whether it pays or not.
    if (compress && payload.size() > Pyro5CompressionThreshold) {
        QByteArray packed = Compression::compress(payload, Pyro5CompressionLevel);
        if (packed.isEmpty())
            return framingError(QStringLiteral("zlib: cannot compress the payload"));
        payload = std::move(packed);
        flags |= MessageFlag::Compressed;
    }
    if (payload.size() > Pyro5MaxFieldSize)
        return framingError(QStringLiteral("message too large"), QStringLiteral("%1 payload bytes").arg(payload.size()));
    qint64 annotationsSize = 0;
    for (auto it = message.annotations.cbegin(); it != message.annotations.cend(); ++it) {
        if (!isAsciiKey(it.key()))
            return framingError(QStringLiteral("annotation identifier must be 4 ascii characters"),
                                QStringLiteral("key %1").arg(QString::fromLatin1(it.key().toHex())));
        annotationsSize += 8 + it.value().size();
    }
    if (annotationsSize > Pyro5MaxFieldSize)
        return framingError(QStringLiteral("annotations too large"), QStringLiteral("%1 bytes in all chunks").arg(annotationsSize));
    const qint64 total = payload.size() + annotationsSize;
    if (maxMessageSize > 0 && total > maxMessageSize)
        return Error(Error::Code::MessageTooLarge, QStringLiteral("message too large (%1, max=%2)").arg(total).arg(maxMessageSize));

    QByteArray out;
    out.resize(Pyro5MessageHeaderSize + annotationsSize + payload.size());
    char *p = out.data();
    memcpy(p, "PYRO", 4);
    putU16(p + 4, quint16(ProtocolVersion::Pyro5));
    p[6] = char(quint8(message.type));
    p[7] = char(quint8(message.serializerId));
    putU16(p + 8, WireFlags::toWire(flags, ProtocolVersion::Pyro5, !message.correlationId.isEmpty()));
    putU16(p + 10, message.seq);
    qToBigEndian<quint32>(quint32(payload.size()), p + 12);
    qToBigEndian<quint32>(quint32(annotationsSize), p + 16);
    if (message.correlationId.isEmpty())
        memset(p + 20, 0, CorrelationIdSize);
    else
        memcpy(p + 20, message.correlationId.constData(), CorrelationIdSize);
    putU16(p + 36, 0);
    putU16(p + 38, Pyro5Magic);
    p += Pyro5MessageHeaderSize;
    for (auto it = message.annotations.cbegin(); it != message.annotations.cend(); ++it) {
        memcpy(p, it.key().constData(), 4);
        qToBigEndian<quint32>(quint32(it.value().size()), p + 4);
        if (!it.value().isEmpty())
            memcpy(p + 8, it.value().constData(), size_t(it.value().size()));
        p += 8 + it.value().size();
    }
    if (!payload.isEmpty())
        memcpy(p, payload.constData(), size_t(payload.size()));
    return out;
}

} // namespace

quint16 WireFlags::toWire(MessageFlags flags, ProtocolVersion v, bool hasCorrelationId)
{
    const auto bits = quint16(flags.toInt());
    if (v != ProtocolVersion::Pyro5)
        return bits;
    quint16 out = bits & (SharedBits | UndefinedBits);
    if (flags.testFlag(MessageFlag::ItemStreamResult))
        out |= P5ItemStreamResult;
    if (flags.testFlag(MessageFlag::KeepSerialized))
        out |= P5KeepSerialized;
    if (hasCorrelationId)
        out |= P5CorrId;
    return out;
}

MessageFlags WireFlags::fromWire(quint16 bits, ProtocolVersion v)
{
    if (v != ProtocolVersion::Pyro5)
        return MessageFlags::fromInt(bits);
    MessageFlags out = MessageFlags::fromInt(bits & (SharedBits | UndefinedBits));
    if (bits & P5ItemStreamResult)
        out |= MessageFlag::ItemStreamResult;
    if (bits & P5KeepSerialized)
        out |= MessageFlag::KeepSerialized;
    return out;
}

quint16 MessageWriter::checksum(quint16 type, quint16 version, quint32 dataSize, quint16 annotationsSize,
                                quint16 serializerId, quint16 flags, quint16 seq)
{
    const quint64 sum = quint64(type) + version + dataSize + annotationsSize + serializerId + flags + seq + 0x34E9;
    return quint16(sum & 0xFFFF);
}

QByteArray MessageWriter::hmac(const QByteArray &key, const QByteArray &payload, const QMap<QByteArray, QByteArray> &annotations)
{
    QMessageAuthenticationCode mac(QCryptographicHash::Sha1, key);
    mac.addData(payload);
    // Python: sorted(self.annotations.items()), so ascending key order, HMAC itself skipped.
    for (auto it = annotations.cbegin(); it != annotations.cend(); ++it) {
        if (it.key() != HmacKey)
            mac.addData(it.value());
    }
    return mac.result();
}

Result<QByteArray> MessageWriter::tryWrite(const Message &message, const QByteArray &hmacKey, bool compress,
                                           qint64 maxMessageSize)
{
    if (message.protocol == ProtocolVersion::Pyro5)
        return writePyro5(message, hmacKey, compress, maxMessageSize);
    MessageFlags flags = message.flags;
    flags.setFlag(MessageFlag::Compressed, false);
    QByteArray payload = message.data;
    // Pyro4's SerializerBase.__compressdata: only from 200 bytes on, and only if it pays.
    if (compress && payload.size() >= CompressionThreshold) {
        QByteArray packed = Compression::compress(payload);
        if (!packed.isEmpty() && packed.size() < payload.size()) {
            payload = std::move(packed);
            flags |= MessageFlag::Compressed;
        }
    }
    if (payload.size() > MaxMessageDataSize)
        return framingError(QStringLiteral("invalid message size (outside range 0..2Gb)"),
                            QStringLiteral("%1 bytes").arg(payload.size()));

    QMap<QByteArray, QByteArray> annotations = message.annotations;
    if (!hmacKey.isEmpty())
        annotations.remove(HmacKey);
    if (!message.correlationId.isEmpty())
        annotations.insert(CorrKey, message.correlationId);
    qint64 annotationsSize = 0;
    for (auto it = annotations.cbegin(); it != annotations.cend(); ++it) {
        if (!isAsciiKey(it.key()))
            return framingError(QStringLiteral("annotation key must be of length 4"),
                                QStringLiteral("key %1").arg(QString::fromLatin1(it.key().toHex())));
        if (it.value().size() > 0xFFFF)
            return framingError(QStringLiteral("annotation value too long"),
                                QStringLiteral("%1: %2 bytes, at most 65535")
                                    .arg(QString::fromLatin1(it.key())).arg(it.value().size()));
        annotationsSize += 6 + it.value().size();
    }
    QByteArray digest;
    if (!hmacKey.isEmpty()) {
        digest = hmac(hmacKey, payload, annotations);
        annotationsSize += 6 + digest.size();
    }
    if (annotationsSize > MaxAnnotationsSize)
        return framingError(QStringLiteral("annotations too large"),
                            QStringLiteral("%1 bytes in all chunks, at most 65535").arg(annotationsSize));
    const qint64 total = payload.size() + annotationsSize;
    if (maxMessageSize > 0 && total > maxMessageSize)
        return Error(Error::Code::MessageTooLarge,
                     QStringLiteral("max message size exceeded (%1 where max=%2)").arg(total).arg(maxMessageSize));

    QByteArray out;
    out.resize(MessageHeaderSize + annotationsSize + payload.size());
    char *p = out.data();
    const auto type = quint16(message.type);
    const auto flagBits = quint16(flags.toInt());
    const auto annSize = quint16(annotationsSize);
    const auto dataSize = quint32(payload.size());
    memcpy(p, "PYRO", 4);
    putU16(p + 4, quint16(ProtocolVersion::Pyro4));
    putU16(p + 6, type);
    putU16(p + 8, flagBits);
    putU16(p + 10, message.seq);
    qToBigEndian<quint32>(dataSize, p + 12);
    putU16(p + 16, message.serializerId);
    putU16(p + 18, annSize);
    putU16(p + 20, 0);
    putU16(p + 22, checksum(type, quint16(ProtocolVersion::Pyro4), dataSize, annSize, message.serializerId, flagBits, message.seq));
    p += MessageHeaderSize;
    auto putChunk = [&p](const QByteArray &key, const QByteArray &value) {
        memcpy(p, key.constData(), 4);
        putU16(p + 4, quint16(value.size()));
        if (!value.isEmpty())
            memcpy(p + 6, value.constData(), size_t(value.size()));
        p += 6 + value.size();
    };
    for (auto it = annotations.cbegin(); it != annotations.cend(); ++it)
        putChunk(it.key(), it.value());
    // Python adds HMAC to the dict last, so its chunk comes last.
    if (!digest.isEmpty())
        putChunk(HmacKey, digest);
    if (!payload.isEmpty())
        memcpy(p, payload.constData(), size_t(payload.size()));
    return out;
}

QByteArray MessageWriter::write(const Message &message, const QByteArray &hmacKey, bool compress)
{
    Result<QByteArray> r = tryWrite(message, hmacKey, compress);
    if (!r) {
        qCWarning(lcPyroProtocol) << "cannot frame message:" << r.error();
        return QByteArray();
    }
    return std::move(r.value());
}

} // namespace Pyro
