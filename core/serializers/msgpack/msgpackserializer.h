#pragma once

#include "serializers/serializer.h"

namespace Pyro {

//! The msgpack serializer (id 6). PLACEHOLDER: to be implemented.
class MsgpackSerializer final : public Serializer
{
public:
    SerializerId id() const override { return SerializerId::Msgpack; }
    QString name() const override { return QStringLiteral("msgpack"); }
    Result<QByteArray> encode(const Value &value) const override;
    Result<Value> decode(QByteArrayView data, const DecodeLimits &limits = {}) const override;
};

} // namespace Pyro
