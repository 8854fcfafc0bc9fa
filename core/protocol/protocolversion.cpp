#include "protocol/protocolversion.h"

#include <QtEndian>

namespace Pyro {

namespace {

// Wire ids per protocol (docs/pyro5-protocol.md, "Serializer ids"): {library id, wire id}.
struct IdPair
{
    SerializerId id;
    quint16 wire;
};

constexpr IdPair Pyro4Ids[] = {
    { SerializerId::Serpent, 1 }, { SerializerId::Json, 2 },   { SerializerId::Marshal, 3 },     { SerializerId::Pickle, 4 },
    { SerializerId::Dill, 5 },    { SerializerId::Msgpack, 6 }, { SerializerId::CloudPickle, 7 },
};
constexpr IdPair Pyro5Ids[] = {
    { SerializerId::Serpent, 1 },
    { SerializerId::Marshal, 2 },
    { SerializerId::Json, 3 },
    { SerializerId::Msgpack, 4 },
};

template<typename F>
void forEachId(ProtocolVersion v, F f)
{
    if (v == ProtocolVersion::Pyro5) {
        for (const IdPair &p : Pyro5Ids)
            f(p);
    } else {
        for (const IdPair &p : Pyro4Ids)
            f(p);
    }
}

QString serializerName(SerializerId id)
{
    switch (id) {
    case SerializerId::Serpent: return QStringLiteral("serpent");
    case SerializerId::Json: return QStringLiteral("json");
    case SerializerId::Marshal: return QStringLiteral("marshal");
    case SerializerId::Pickle: return QStringLiteral("pickle");
    case SerializerId::Dill: return QStringLiteral("dill");
    case SerializerId::Msgpack: return QStringLiteral("msgpack");
    case SerializerId::CloudPickle: return QStringLiteral("cloudpickle");
    }
    return QStringLiteral("serializer %1").arg(int(id));
}

} // namespace

std::optional<ProtocolVersion> ProtocolInfo::fromWire(quint16 version)
{
    switch (version) {
    case quint16(ProtocolVersion::Pyro4): return ProtocolVersion::Pyro4;
    case quint16(ProtocolVersion::Pyro5): return ProtocolVersion::Pyro5;
    default: return std::nullopt;
    }
}

QString ProtocolInfo::name(ProtocolVersion v)
{
    return v == ProtocolVersion::Pyro5 ? QStringLiteral("Pyro5") : QStringLiteral("Pyro4");
}

QString ProtocolInfo::describe(ProtocolVersion v)
{
    return QStringLiteral("%1 (protocol %2)").arg(name(v)).arg(quint16(v));
}

ProtocolVersion ProtocolInfo::other(ProtocolVersion v)
{
    return v == ProtocolVersion::Pyro5 ? ProtocolVersion::Pyro4 : ProtocolVersion::Pyro5;
}

std::optional<ProtocolVersion> ProtocolInfo::sniff(QByteArrayView head, quint16 *version)
{
    if (version)
        *version = 0;
    if (head.size() < SniffSize || head.first(4) != QByteArrayView("PYRO"))
        return std::nullopt;
    const quint16 v = qFromBigEndian<quint16>(head.data() + 4);
    if (version)
        *version = v;
    return fromWire(v);
}

std::optional<quint16> ProtocolInfo::serializerWireId(SerializerId id, ProtocolVersion v)
{
    std::optional<quint16> out;
    forEachId(v, [&](const IdPair &p) {
        if (p.id == id)
            out = p.wire;
    });
    return out;
}

std::optional<SerializerId> ProtocolInfo::serializerFromWire(quint16 wireId, ProtocolVersion v)
{
    std::optional<SerializerId> out;
    forEachId(v, [&](const IdPair &p) {
        if (p.wire == wireId)
            out = p.id;
    });
    return out;
}

QList<SerializerId> ProtocolInfo::serializers(ProtocolVersion v)
{
    QList<SerializerId> out;
    forEachId(v, [&](const IdPair &p) { out.append(p.id); });
    return out;
}

Error ProtocolInfo::serializerUnavailable(SerializerId id, ProtocolVersion v)
{
    QStringList names;
    for (SerializerId s : serializers(v))
        names.append(serializerName(s));
    return Error(Error::Code::UnsupportedSerializer,
                 QStringLiteral("%1 has no %2 serializer (it offers %3)").arg(describe(v), serializerName(id), names.join(QStringLiteral(", "))));
}

Error ProtocolInfo::hmacUnavailable(ProtocolVersion v)
{
    return Error(Error::Code::SecurityError,
                 QStringLiteral("%1 has no HMAC message authentication: remove the HMAC key, and use TLS with client "
                                "certificates to authenticate")
                         .arg(describe(v)));
}

} // namespace Pyro
