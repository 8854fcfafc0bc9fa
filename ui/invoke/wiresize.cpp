#include "invoke/wiresize.h"

#include "protocol/message.h"
#include "serializers/serializer.h"

namespace Pyro::Ui {

qint64 WireSize::request(const Serializer *serializer, const Invocation &call)
{
    if (!serializer)
        return -1;
    const CallEnvelope env { QString(), call.method, call.args, call.kwargs };
    const Result<QByteArray> body = serializer->encodeCall(env);
    return body ? MessageHeaderSize + body.value().size() : -1;
}

qint64 WireSize::reply(const Serializer *serializer, const Value &result)
{
    if (!serializer)
        return -1;
    const Result<QByteArray> body = serializer->encode(result);
    return body ? MessageHeaderSize + body.value().size() : -1;
}

} // namespace Pyro::Ui
