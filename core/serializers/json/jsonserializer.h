#pragma once

#include "serializers/serializer.h"

namespace Pyro {

//! The json serializer (id 2). PLACEHOLDER: to be implemented.
class JsonSerializer final : public Serializer
{
public:
    SerializerId id() const override { return SerializerId::Json; }
    QString name() const override { return QStringLiteral("json"); }
    Result<QByteArray> encode(const Value &value) const override;
    Result<Value> decode(QByteArrayView data, const DecodeLimits &limits = {}) const override;
};

} // namespace Pyro
