#include "serializers/json/jsonserializer.h"

namespace Pyro {

Result<QByteArray> JsonSerializer::encode(const Value &) const
{
    return Error(Error::Code::SerializeError, QStringLiteral("json: not implemented"));
}

Result<Value> JsonSerializer::decode(QByteArrayView, const DecodeLimits &) const
{
    return Error(Error::Code::SerializeError, QStringLiteral("json: not implemented"));
}

} // namespace Pyro
