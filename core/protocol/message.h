#pragma once

#include "support/result.h"

#include <QByteArray>
#include <QFlags>
#include <QMap>

namespace Pyro {

//! Pyro4 protocol version 48 (Pyro4 4.82).
constexpr quint16 ProtocolVersion = 48;
constexpr int MessageHeaderSize = 24;
//! data_size is a signed 32-bit field on the wire.
constexpr qint64 MaxMessageDataSize = 0x7FFFFFFF;
//! annotations_size (all chunks, 6-byte chunk headers included) is a u16 on the wire.
constexpr int MaxAnnotationsSize = 0xFFFF;
//! Pyro4 compresses only payloads of at least this many bytes (and only when it pays).
constexpr int CompressionThreshold = 200;

enum class MessageType : quint16 {
    Connect = 1,
    ConnectOk = 2,
    ConnectFail = 3,
    Invoke = 4,
    Result = 5,
    Ping = 6,
};

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

/*!
    One Pyro4 wire message. \c data is always the plain (uncompressed) payload: compression
    is applied by MessageWriter and undone by FrameReader, which also add and check the HMAC
    annotation. \c annotations holds every other 4-byte-key chunk (CORR, STRM, BLBI, user keys).
*/
struct Message
{
    MessageType type = MessageType::Invoke;
    MessageFlags flags;
    quint16 seq = 0;
    quint16 serializerId = 1;
    QMap<QByteArray, QByteArray> annotations;
    QByteArray data;

    bool hasFlag(MessageFlag f) const { return flags.testFlag(f); }
};

/*!
    Builds the bytes of a message: header with checksum, annotations (plus HMAC-SHA1 over the
    payload as sent and the other annotation values in key order, when \a hmacKey is set) and
    the payload, zlib-compressed when \a compress is set and it pays (>= 200 bytes and smaller),
    exactly as Pyro4 does.
*/
/*!
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
