#pragma once

#include "protocol/protocolversion.h"
#include "support/result.h"

#include <QByteArray>
#include <QFlags>
#include <QMap>

namespace Pyro {

//! Pyro4's (protocol 48) header size; ProtocolInfo::headerSize() gives either version's.
constexpr int MessageHeaderSize = 24;
//! Pyro5's (protocol 502) header size.
constexpr int Pyro5MessageHeaderSize = 40;
//! 48: data_size is a signed 32-bit field on the wire.
constexpr qint64 MaxMessageDataSize = 0x7FFFFFFF;
//! 48: annotations_size (all chunks, 6-byte chunk headers included) is a u16 on the wire.
constexpr int MaxAnnotationsSize = 0xFFFF;
//! 502: data_size and annotations_size (8-byte chunk headers included) are u32 on the wire.
constexpr qint64 Pyro5MaxFieldSize = 0xFFFFFFFF;
//! 502: the fixed value of the last header field.
constexpr quint16 Pyro5Magic = 0x4DC5;
//! 502: the correlation id in the header is this long.
constexpr int CorrelationIdSize = 16;
//! Pyro4 compresses only payloads of at least this many bytes (and only when it pays).
constexpr int CompressionThreshold = 200;
//! Pyro5 compresses every payload longer than this (even when it does not pay), at level 4.
constexpr int Pyro5CompressionThreshold = 100;
constexpr int Pyro5CompressionLevel = 4;

enum class MessageType : quint16 {
    Connect = 1,
    ConnectOk = 2,
    ConnectFail = 3,
    Invoke = 4,
    Result = 5,
    Ping = 6,
};

/*!
    The logical message flags, one set for both protocols: the values are Pyro4's wire bits.
    Pyro5 renumbered three of them (docs/pyro5-protocol.md, "Flags"); MessageWriter and
    FrameReader translate, so the rest of the code never sees 502's numbering:
    ItemStreamResult is 0x10 and KeepSerialized 0x20 on a 502 wire, and 502's CORR_ID bit
    (0x40) is Message::correlationId being set. MetaOnConnect does not exist in 502 (its
    CONNECTOK always carries the metadata) and is not written there. Bits no protocol
    defines (0x80 and up) pass through unchanged in both directions.
*/
enum class MessageFlag : quint16 {
    Exception = 0x0001,
    Compressed = 0x0002,
    Oneway = 0x0004,
    Batch = 0x0008,
    MetaOnConnect = 0x0010,
    ItemStreamResult = 0x0020,
    KeepSerialized = 0x0040,
};
Q_DECLARE_FLAGS(MessageFlags, MessageFlag)
Q_DECLARE_OPERATORS_FOR_FLAGS(MessageFlags)

//! The translation of MessageFlags to and from each protocol's wire bits (see MessageFlag).
namespace WireFlags {
//! The wire bits of \a flags in \a v; \a hasCorrelationId sets 502's CORR_ID bit.
quint16 toWire(MessageFlags flags, ProtocolVersion v, bool hasCorrelationId = false);
//! The logical flags of wire bits \a bits in \a v (502's CORR_ID bit dropped).
MessageFlags fromWire(quint16 bits, ProtocolVersion v);
} // namespace WireFlags

/*!
    One wire message of either protocol. \c data is always the plain (uncompressed) payload:
    compression is applied by MessageWriter and undone by FrameReader, which also add and
    check the HMAC annotation (48 only). \c annotations holds every other 4-byte-key chunk
    (CORR, STRM, BLBI, user keys). \c serializerId is the id as on the wire of \c protocol
    (ProtocolInfo::serializerFromWire() names it).

    \c correlationId is the request's correlation id. In 502 it is the header field (16
    bytes) and its CORR_ID flag: empty means the flag is off. In 48 it is the CORR
    annotation: FrameReader copies that annotation here and leaves it in \c annotations too;
    MessageWriter writes a non-empty \c correlationId as the CORR annotation (over one in
    \c annotations).
*/
struct Message
{
    ProtocolVersion protocol = ProtocolVersion::Pyro4;
    MessageType type = MessageType::Invoke;
    MessageFlags flags;
    quint16 seq = 0;
    quint16 serializerId = 1;
    QByteArray correlationId;
    QMap<QByteArray, QByteArray> annotations;
    QByteArray data;
    //! Bytes of the whole frame as it came off the wire (header, annotations, payload as
    //! sent, compressed or not); set by FrameReader, 0 for a message built in memory.
    qint64 wireSize = 0;

    bool hasFlag(MessageFlag f) const { return flags.testFlag(f); }
};

/*!
    Builds the bytes of a message in its Message::protocol.

    48: header with checksum, annotations (plus HMAC-SHA1 over the payload as sent and the
    other annotation values in key order, when \a hmacKey is set) and the payload,
    zlib-compressed when \a compress is set and it pays (>= 200 bytes and smaller), exactly as
    Pyro4 does.

    502: the 40-byte header (correlation id and its flag, magic 0x4DC5), annotations with u32
    lengths, the payload zlib-compressed at level 4 when \a compress is set and it is longer
    than 100 bytes, exactly as Pyro5's SendingMessage does. There is no HMAC in 502: a key is
    an error (SecurityError naming Pyro5). The type and serializer id must fit a byte and a
    correlation id must be 16 bytes (ProtocolError otherwise).

    Chunk order: the annotations in ascending key order (QMap order), then HMAC last, as
    Python writes a dict built in key order. With \a hmacKey set, an "HMAC" entry in
    Message::annotations is ignored and replaced by the computed digest; without a key it is
    written like any other annotation (only useful to build hostile test frames).
    The Compressed flag of the input is ignored: the writer sets it exactly when it compresses.
*/
class MessageWriter
{
public:
    /*!
        The frame bytes, or an Error (Error::Code::ProtocolError) when the message cannot be
        framed: an annotation key that is not exactly 4 ASCII bytes, a value over 65535 bytes,
        an annotation block over 65535 bytes, a payload over 2^31-1 bytes; or
        Error::Code::MessageTooLarge when \a maxMessageSize > 0 and data_size +
        annotations_size exceeds it (Python refuses to build such a message too).
    */
    static Result<QByteArray> tryWrite(const Message &message, const QByteArray &hmacKey = QByteArray(),
                                       bool compress = false, qint64 maxMessageSize = 0);
    //! tryWrite() for messages known to be valid: never asserts; returns an empty QByteArray
    //! (and logs a warning in pyro.core.protocol) when the message cannot be framed.
    static QByteArray write(const Message &message, const QByteArray &hmacKey = QByteArray(), bool compress = false);
    //! Pyro4's header checksum over the header fields.
    static quint16 checksum(quint16 type, quint16 version, quint32 dataSize, quint16 annotationsSize,
                            quint16 serializerId, quint16 flags, quint16 seq);
    //! HMAC-SHA1 of \a payload followed by the values of \a annotations (keys ascending, HMAC excluded).
    static QByteArray hmac(const QByteArray &key, const QByteArray &payload, const QMap<QByteArray, QByteArray> &annotations);
};

} // namespace Pyro
