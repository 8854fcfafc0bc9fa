#pragma once

#include "serializers/serializer.h"

namespace Pyro {

//! The marshal serializer (id 3). PLACEHOLDER: to be implemented.
class MarshalSerializer final : public Serializer
{
public:
    SerializerId id() const override { return SerializerId::Marshal; }
    QString name() const override { return QStringLiteral("marshal"); }
    Result<QByteArray> encode(const Value &value) const override;
    Result<Value> decode(QByteArrayView data, const DecodeLimits &limits = {}) const override;
};

} // namespace Pyro
