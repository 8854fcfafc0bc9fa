#include "serializers/msgpack/msgpackserializer.h"

namespace Pyro {

Result<QByteArray> MsgpackSerializer::encode(const Value &) const
{
    return Error(Error::Code::SerializeError, QStringLiteral("msgpack: not implemented"));
}

Result<Value> MsgpackSerializer::decode(QByteArrayView, const DecodeLimits &) const
{
    return Error(Error::Code::SerializeError, QStringLiteral("msgpack: not implemented"));
}

} // namespace Pyro
