#pragma once

#include "protocol/message.h"
#include "support/result.h"

#include <QByteArray>
#include <QList>

#include <optional>

namespace Pyro {

/*!
    Incremental parser of Pyro messages (protocol 48 or 502) from a byte stream that arrives
    in pieces of any size. By default only Pyro4 (48) frames are read; setProtocol() fixes
    another version, detectProtocol() takes each frame's version from its first six bytes
    (Message::protocol says which it was). Feed bytes with append(); take complete messages with next(). The first framing
    error (bad magic, version, checksum, size over the limit, HMAC mismatch, bad zlib data)
    puts the reader in the failed state: error() says what and where, and no further
    messages come out (the connection must be dropped, as Pyro4 does).

    Memory is bounded: the payload buffer grows only as bytes arrive, and a declared size
    above maxMessageSize() fails as soon as the header is read.

    Errors use Python's own sentences as Error::message(), so a daemon can send them back as
    a CONNECTFAIL reason; Error::detail() says more, and Error::offset() is the position in
    the whole stream (bytes appended since construction or reset()):
    \list
    \li ProtocolError "invalid data or unsupported protocol version": bad magic (offset of
        the message start; found as soon as a wrong byte of "PYRO" arrives) or a version
        other than the fixed one, or than 48 and 502 when detecting (message start + 4).
        With the version fixed at 502 Pyro5's own sentences: "invalid data" (bad magic),
        "invalid protocol version: 48" (version).
    \li 502 only: ProtocolError "invalid magic number" (message start + 38), MessageTooLarge
        "message too large (N, max=M)" (message start + 12; data_size and annotations_size
        are u32, so without a limit up to 8 GiB may be declared, but the buffer grows only as
        bytes arrive), SecurityError naming Pyro5 when an HMAC key is set (message start +
        4: Pyro5 has no HMAC; an "HMAC" annotation in a 502 frame is an ordinary one).
    \li ProtocolError "header checksum mismatch": message start + 22.
    \li ProtocolError "invalid message size (outside range 0..2Gb)": negative data_size,
        message start + 12.
    \li MessageTooLarge "max message size exceeded (N where max=M)": data_size +
        annotations_size over the limit, message start + 12. maxMessageSize() <= 0 means no
        limit beyond the format's own.
    \li ProtocolError "annotation chunk overruns the annotations block" / "annotation key is
        not ASCII": the offset of that chunk (chunk headers are 6 bytes in 48, 8 in 502).
    \li SecurityError "message hmac mismatch" (offset of the HMAC chunk) or "hmac key config
        not symmetric" (HMAC chunk without a key: its offset; key without HMAC chunk: the
        message start). Checked over the payload as sent, before decompression, like Pyro4.
    \li ProtocolError "zlib: ..." or MessageTooLarge "decompressed payload exceeds the max
        message size" (inflated size + annotations_size over the limit): the payload start.
    \endlist

    Flags come out in the logical set (MessageFlag), 502's renumbered bits translated, and
    502's correlation id in Message::correlationId (48: a copy of the CORR annotation).
    Messages come out with the HMAC chunk removed from Message::annotations and, when the
    payload was compressed, with plain data and the Compressed flag cleared (as Pyro4's
    decompress_if_needed()). Unknown message types and flag bits pass through: the daemon
    or client decides what to do with them.
    \code
    reader.append(socket->readAll());
    while (auto msg = reader.next())
        handle(*msg);
    if (reader.hasFailed())
        drop(reader.error());
    \endcode
*/
class FrameReader
{
public:
    //! The default limit on data_size + annotations_size: 256 MiB.
    static constexpr qint64 DefaultMaxMessageSize = qint64(256) * 1024 * 1024;

    void setMaxMessageSize(qint64 bytes) { m_maxMessageSize = bytes; }
    qint64 maxMessageSize() const { return m_maxMessageSize; }
    //! With a key every message must carry a valid HMAC annotation; without one, none may.
    //! A Pyro5 frame with a key set is an error (Pyro5 has no HMAC).
    void setHmacKey(const QByteArray &key) { m_hmacKey = key; }
    //! Reads only frames of version \a v (the default: Pyro4).
    void setProtocol(ProtocolVersion v) { m_protocol = v; }
    //! Reads frames of either version, each by its own version field.
    void detectProtocol() { m_protocol.reset(); }
    //! The fixed version, or nullopt when detecting.
    std::optional<ProtocolVersion> protocol() const { return m_protocol; }

    void append(QByteArrayView bytes);
    //! The next complete message, or nullopt when more bytes are needed or after a failure.
    std::optional<Message> next();

    bool hasFailed() const { return m_error.isError(); }
    Error error() const { return m_error; }
    //! Bytes received but not yet consumed.
    qsizetype bufferedBytes() const { return m_buffer.size() - m_pos; }
    //! Forget any buffered bytes and a failure (for a fresh connection).
    void reset();

    //! Parses exactly one whole message from \a bytes (tests and tools). Fewer bytes fail with
    //! ProtocolError "truncated message" at offset bytes.size(), more bytes with "trailing
    //! bytes after the message" at the offset where the extra bytes start. \a protocol as
    //! setProtocol(), nullopt to detect.
    static Result<Message> parse(QByteArrayView bytes, const QByteArray &hmacKey = QByteArray(),
                                 qint64 maxMessageSize = DefaultMaxMessageSize,
                                 std::optional<ProtocolVersion> protocol = ProtocolVersion::Pyro4);

private:
    void fail(Error::Code code, const QString &message, qsizetype offset);

    QByteArray m_buffer;
    qsizetype m_pos = 0;
    qint64 m_maxMessageSize = DefaultMaxMessageSize;
    QByteArray m_hmacKey;
    std::optional<ProtocolVersion> m_protocol = ProtocolVersion::Pyro4;
    Error m_error;
    qint64 m_streamOffset = 0; // bytes consumed before m_buffer[0], for error positions
};

} // namespace Pyro
