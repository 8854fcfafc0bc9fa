#include "serializers/serializer.h"

#include "serializers/json/jsonserializer.h"
#include "serializers/marshal/marshalserializer.h"
#include "serializers/msgpack/msgpackserializer.h"
#include "serializers/pickle/pickleserializer.h"
#include "serializers/serpent/serpentserializer.h"

namespace Pyro {

Result<QByteArray> Serializer::encodeCall(const CallEnvelope &call) const
{
    const Value args = call.argsAsList ? Value::list(call.args) : Value::tuple(call.args);
    const Value kwargs = call.kwargsIsNone ? Value() : Value(call.kwargs);
    return encode(Value::tuple({ call.objectId, call.method, args, kwargs }));
}

Result<CallEnvelope> Serializer::envelopeFromValue(const Value &v)
{
    if (!v.isSequence() || v.items().size() != 4)
        return Error(Error::Code::SerializeError, QStringLiteral("invalid call envelope: expected (object, method, vargs, kwargs)"));
    const ValueList &parts = v.items();
    CallEnvelope call;
    if (!parts[0].isStr() || !parts[1].isStr())
        return Error(Error::Code::SerializeError, QStringLiteral("invalid call envelope: object id and method must be strings"));
    call.objectId = parts[0].toStr();
    call.method = parts[1].toStr();
    if (!parts[2].hasItems())
        return Error(Error::Code::SerializeError, QStringLiteral("invalid call envelope: vargs must be a sequence"));
    call.args = parts[2].items();
    call.argsAsList = parts[2].isList();
    if (parts[3].isNone())
        call.kwargsIsNone = true;
    else if (parts[3].isDict())
        call.kwargs = parts[3].toDict();
    else
        return Error(Error::Code::SerializeError, QStringLiteral("invalid call envelope: kwargs must be a dict or None"));
    return call;
}

Result<CallEnvelope> Serializer::decodeCall(QByteArrayView data, const DecodeLimits &limits) const
{
    const Result<Value> v = decode(data, limits);
    if (!v)
        return v.error();
    return envelopeFromValue(v.value());
}

const Serializer *Serializer::byId(SerializerId id)
{
    static const SerpentSerializer serpent;
    static const JsonSerializer json;
    static const MarshalSerializer marshal;
    static const MsgpackSerializer msgpack;
    static const PickleSerializer pickle;
    switch (id) {
    case SerializerId::Serpent: return &serpent;
    case SerializerId::Json: return &json;
    case SerializerId::Marshal: return &marshal;
    case SerializerId::Msgpack: return &msgpack;
    case SerializerId::Pickle:
    case SerializerId::Dill:
    case SerializerId::CloudPickle:
        return &pickle;
    }
    return nullptr;
}

const Serializer *Serializer::byId(int id)
{
    if (id < 1 || id > 7)
        return nullptr;
    return byId(SerializerId(id));
}

const Serializer *Serializer::byName(QStringView name)
{
    for (int id = 1; id <= 7; ++id) {
        const Serializer *s = byId(id);
        if (s && s->name() == name)
            return s;
    }
    return nullptr;
}

QStringList Serializer::names()
{
    return { QStringLiteral("serpent"), QStringLiteral("json"), QStringLiteral("marshal"),
             QStringLiteral("msgpack"), QStringLiteral("pickle") };
}

} // namespace Pyro
