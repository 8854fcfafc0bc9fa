#include "server/callcontext.h"

#include "protocol/protocolversion.h"
#include "serializers/serializer.h"

namespace Pyro {

static thread_local const CallContext *t_current = nullptr;

const CallContext &CallContext::current()
{
    static const CallContext empty;
    return t_current ? *t_current : empty;
}

Result<Value> CallContext::deserializeBlob() const
{
    if (!keepSerialized)
        return Error(Error::Code::SerializeError, QStringLiteral("the current call carries no kept-serialized payload"));
    const auto id = ProtocolInfo::serializerFromWire(serializerId, protocol);
    const Serializer *serializer = id ? Serializer::byId(*id) : nullptr;
    if (!serializer)
        return Error(Error::Code::SerializeError, QStringLiteral("kept-serialized payload: unknown serializer id %1").arg(serializerId));
    const Result<Value> decoded = serializer->decode(serializedPayload);
    if (!decoded)
        return Error(Error::Code::SerializeError, QStringLiteral("kept-serialized payload: %1").arg(decoded.error().message()));
    // The payload is a call envelope: (object, method, vargs, kwargs), or json's dict with
    // "params"; the blob's data is what the sender put where vargs go, whatever its type.
    const Value &v = decoded.value();
    if (v.isDict() && v.toDict().contains(QStringLiteral("params")))
        return v.toDict().value(QStringLiteral("params"));
    if (v.isSequence() && v.items().size() == 4)
        return v.items().at(2);
    return Error(Error::Code::SerializeError, QStringLiteral("kept-serialized payload is not a call envelope"));
}

CallContext::Scope::Scope(const CallContext &context) : m_previous(t_current)
{
    t_current = &context;
}

CallContext::Scope::~Scope()
{
    t_current = m_previous;
}

} // namespace Pyro
