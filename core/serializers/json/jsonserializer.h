#pragma once

#include "serializers/serializer.h"

namespace Pyro {

/*!
    The json serializer (id 2), byte-compatible with Pyro4's JsonSerializer: Python's
    json.dumps(ensure_ascii=False) with separators ", " and ": ", raw UTF-8, NaN/Infinity
    tokens, tuples and sets as arrays, and non-str dict keys stringified as Python does
    (1 -> "1", 1.5 -> "1.5", True -> "true", None -> "null"). Tuple keys, bytes, complex and
    frozenset are a SerializeError, as in Python.

    The decoder is its own tokenizer (QJsonDocument loses big ints and rejects NaN): ints
    of any size are exact, floats are correctly rounded, escapes include surrogate pairs
    (lone surrogates are kept, as Python keeps them), and errors carry the byte offset.

    Calls travel as {"object": id, "method": name, "params": [...], "kwargs": {...} or null}.
    JSON cannot tell a tuple from a list, so decodeCall() leaves CallEnvelope::argsAsList false.
    Stateless and thread-safe.
*/
class JsonSerializer final : public Serializer
{
public:
    SerializerId id() const override { return SerializerId::Json; }
    QString name() const override { return QStringLiteral("json"); }
    Result<QByteArray> encode(const Value &value) const override;
    Result<Value> decode(QByteArrayView data, const DecodeLimits &limits = {}) const override;
    Result<Value> decodeItems(QByteArrayView data, ItemSink &sink, const DecodeLimits &limits = {}) const override;
    std::unique_ptr<ItemEncoder> itemEncoder() const override;
    Result<QByteArray> encodeCall(const CallEnvelope &call) const override;
    Result<CallEnvelope> decodeCall(QByteArrayView data, const DecodeLimits &limits = {}) const override;

    //! Nesting Python's encoder survives before its RecursionError (the recursion limit).
    static constexpr int MaxEncodeDepth = 1000;
};

} // namespace Pyro
