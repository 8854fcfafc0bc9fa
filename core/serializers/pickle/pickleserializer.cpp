#include "serializers/pickle/pickleserializer.h"

namespace Pyro {

Result<QByteArray> PickleSerializer::encode(const Value &) const
{
    return Error(Error::Code::SerializeError, QStringLiteral("pickle: not implemented"));
}

Result<Value> PickleSerializer::decode(QByteArrayView, const DecodeLimits &) const
{
    return Error(Error::Code::SerializeError, QStringLiteral("pickle: not implemented"));
}

} // namespace Pyro
