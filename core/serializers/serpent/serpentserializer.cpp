#include "serializers/serpent/serpentserializer.h"

namespace Pyro {

Result<QByteArray> SerpentSerializer::encode(const Value &) const
{
    return Error(Error::Code::SerializeError, QStringLiteral("serpent: not implemented"));
}

Result<Value> SerpentSerializer::decode(QByteArrayView, const DecodeLimits &) const
{
    return Error(Error::Code::SerializeError, QStringLiteral("serpent: not implemented"));
}

} // namespace Pyro
