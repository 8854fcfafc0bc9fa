#include "serializers/marshal/marshalserializer.h"

namespace Pyro {

Result<QByteArray> MarshalSerializer::encode(const Value &) const
{
    return Error(Error::Code::SerializeError, QStringLiteral("marshal: not implemented"));
}

Result<Value> MarshalSerializer::decode(QByteArrayView, const DecodeLimits &) const
{
    return Error(Error::Code::SerializeError, QStringLiteral("marshal: not implemented"));
}

} // namespace Pyro
