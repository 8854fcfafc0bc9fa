#pragma once

#include "serializers/serializer.h"

#include <QByteArrayView>
#include <QList>
#include <QString>

#include <optional>

namespace Pyro {

/*!
    The Pyro wire protocols this library speaks: Pyro4's 48 (Pyro4 4.82) and Pyro5's 502
    (Pyro5 5.2 and later). The enum value is the version field of every frame header. What
    differs between the two is described in docs/pyro5-protocol.md.
*/
enum class ProtocolVersion : quint16 {
    Pyro4 = 48,
    Pyro5 = 502,
};

/*!
    Facts about a protocol version that more than one layer needs: header sizes, names for
    messages, the protocol of a frame from its first bytes, and the serializer ids, which
    are numbered per protocol (id 4 is pickle in Pyro4 and msgpack in Pyro5). Message::
    serializerId is always the id as on the wire; Serializer and SerializerId are the
    library's own names, independent of the protocol. Pure functions, thread-safe.
    \code
    const auto wire = ProtocolInfo::serializerWireId(SerializerId::Msgpack, ProtocolVersion::Pyro5); // 4
    if (!wire)
        return ProtocolInfo::serializerUnavailable(SerializerId::Pickle, ProtocolVersion::Pyro5);
    \endcode
*/
class ProtocolInfo
{
public:
    //! Bytes of the fixed header: 24 for 48, 40 for 502.
    static constexpr int headerSize(ProtocolVersion v) { return v == ProtocolVersion::Pyro5 ? 40 : 24; }
    //! The largest header of any known version.
    static constexpr int MaxHeaderSize = 40;
    //! Bytes that tell a frame's version: "PYRO" and the version field.
    static constexpr int SniffSize = 6;

    //! The version for a header's version field, nullopt for one this library does not speak.
    static std::optional<ProtocolVersion> fromWire(quint16 version);
    //! "Pyro4" or "Pyro5".
    static QString name(ProtocolVersion v);
    //! "Pyro4 (protocol 48)" or "Pyro5 (protocol 502)", for messages.
    static QString describe(ProtocolVersion v);
    //! The other known version (detection falls back to it).
    static ProtocolVersion other(ProtocolVersion v);

    /*!
        The version of the frame starting at \a head: nullopt while fewer than SniffSize bytes
        are there or when they are not "PYRO" and a known version. \a version gets the
        version field whenever the magic is right and six bytes are there (also an unknown
        one), else 0.
    */
    static std::optional<ProtocolVersion> sniff(QByteArrayView head, quint16 *version = nullptr);

    //! The id \a id has on the wire of \a v; nullopt when \a v has no such serializer
    //! (pickle, dill and cloudpickle in Pyro5).
    static std::optional<quint16> serializerWireId(SerializerId id, ProtocolVersion v);
    //! The serializer a wire id names in \a v; nullopt for an id \a v does not define.
    static std::optional<SerializerId> serializerFromWire(quint16 wireId, ProtocolVersion v);
    //! The serializers \a v knows, in wire-id order.
    static QList<SerializerId> serializers(ProtocolVersion v);
    //! The UnsupportedSerializer error for asking \a v for a serializer it does not have,
    //! naming the protocol ("Pyro5 (protocol 502) has no pickle serializer ...").
    static Error serializerUnavailable(SerializerId id, ProtocolVersion v);
    //! The SecurityError for an HMAC key with Pyro5, which has no HMAC.
    static Error hmacUnavailable(ProtocolVersion v);
};

} // namespace Pyro
