#include "serializers/serializer.h"

#include "serializers/json/jsonserializer.h"
#include "serializers/marshal/marshalserializer.h"
#include "serializers/msgpack/msgpackserializer.h"
#include "serializers/pickle/pickleserializer.h"
#include "serializers/serpent/serpentserializer.h"

namespace Pyro {

namespace {

// Gathers the items and encodes the whole list at the end: correct for every format.
class GatheringItemEncoder final : public ItemEncoder
{
public:
    explicit GatheringItemEncoder(const Serializer *serializer) : m_serializer(serializer) { }
    void begin(Value::Type kind, qsizetype count) override
    {
        m_kind = kind;
        m_begun = true;
        if (count > 0)
            m_items.reserve(count); // the decoder has checked the input pays for them
    }
    void add(Value &&item) override { m_items.append(std::move(item)); }
    void cancel() override
    {
        m_begun = false;
        m_items.clear();
    }
    bool begun() const override { return m_begun; }
    Result<QByteArray> finish() override
    {
        return m_serializer->encode(m_kind == Value::Type::Tuple ? Value::tuple(m_items) : Value::list(m_items));
    }

private:
    const Serializer *m_serializer;
    ValueList m_items;
    Value::Type m_kind = Value::Type::List;
    bool m_begun = false;
};

} // namespace

Result<Value> Serializer::decodeItems(QByteArrayView data, ItemSink &sink, const DecodeLimits &limits) const
{
    Result<Value> r = decode(data, limits);
    if (!r || !r.value().isSequence())
        return r;
    const Value whole = r.value();
    sink.begin(whole.type(), whole.items().size());
    for (const Value &item : whole.items())
        sink.add(Value(item));
    return whole.isTuple() ? Value::tuple({}) : Value::list({});
}

std::unique_ptr<ItemEncoder> Serializer::itemEncoder() const
{
    return std::make_unique<GatheringItemEncoder>(this);
}

Result<QByteArray> Serializer::transcode(const Serializer &from, const Serializer &to, QByteArrayView data,
                                         bool *decodeFailed, const DecodeLimits &limits)
{
    const std::unique_ptr<ItemEncoder> encoder = to.itemEncoder();
    const Result<Value> decoded = from.decodeItems(data, *encoder, limits);
    if (decodeFailed)
        *decodeFailed = !decoded;
    if (!decoded)
        return decoded.error();
    return encoder->begun() ? encoder->finish() : to.encode(decoded.value());
}

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
