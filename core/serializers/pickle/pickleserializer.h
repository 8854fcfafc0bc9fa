#pragma once

#include "serializers/serializer.h"

namespace Pyro {

//! The pickle serializer (id 4). PLACEHOLDER: to be implemented.
class PickleSerializer final : public Serializer
{
public:
    SerializerId id() const override { return SerializerId::Pickle; }
    QString name() const override { return QStringLiteral("pickle"); }
    Result<QByteArray> encode(const Value &value) const override;
    Result<Value> decode(QByteArrayView data, const DecodeLimits &limits = {}) const override;
};

} // namespace Pyro
