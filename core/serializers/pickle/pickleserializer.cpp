#include "serializers/pickle/pickleserializer.h"

#include "serializers/pickle/pickledecoder.h"
#include "serializers/pickle/pickleencoder.h"

namespace Pyro {

Result<QByteArray> PickleSerializer::encode(const Value &value) const
{
    return PickleEncoder().encode(value);
}

Result<Value> PickleSerializer::decode(QByteArrayView data, const DecodeLimits &limits) const
{
    return PickleDecoder(data, limits).decode();
}

} // namespace Pyro
