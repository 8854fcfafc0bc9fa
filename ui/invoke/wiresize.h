#pragma once

#include "invoke/invocation.h"

namespace Pyro {
class Serializer;
}

namespace Pyro::Ui {

/*!
    Message sizes of a call as they go over the wire: the fixed message header
    (Pyro::MessageHeaderSize) plus the serialized body. Computed here by encoding with the
    call's serializer, because the client does not report the sizes it sent and received;
    annotations (HMAC, correlation id) are not counted.
*/
class WireSize
{
public:
    //! Bytes of the request message for \a call, -1 when it cannot be encoded.
    static qint64 request(const Serializer *serializer, const Invocation &call);
    //! Bytes of a reply message carrying \a result, -1 when it cannot be encoded.
    static qint64 reply(const Serializer *serializer, const Value &result);
};

} // namespace Pyro::Ui
