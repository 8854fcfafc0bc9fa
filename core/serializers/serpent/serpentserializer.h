#pragma once

#include "serializers/serializer.h"

namespace Pyro {

//! The serpent serializer (id 1). PLACEHOLDER: to be implemented.
class SerpentSerializer final : public Serializer
{
public:
    SerializerId id() const override { return SerializerId::Serpent; }
    QString name() const override { return QStringLiteral("serpent"); }
    Result<QByteArray> encode(const Value &value) const override;
    Result<Value> decode(QByteArrayView data, const DecodeLimits &limits = {}) const override;
};

} // namespace Pyro
