#pragma once

#include "serializers/serializer.h"

namespace Pyro {

/*!
    The pickle serializer (id 4; the registry also returns it for dill, id 5, and
    cloudpickle, id 7, whose payloads are ordinary pickles for plain data).

    \b Security: pickle lets the sender make the receiver call any importable Python
    callable, which is why Pyro4 leaves it off by default. This class never imports or runs
    anything: decoding is a pickle VM that resolves GLOBAL/STACK_GLOBAL only through a fixed
    allow-list of pure value builders (builtins.complex/set/frozenset/bytearray/bytes,
    _codecs.encode, copyreg._reconstructor/__newobj__, builtins.* and Pyro4.errors.*
    exceptions, Pyro4.core.URI, Pyro4.core.Proxy, Pyro4.futures._ExceptionWrapper) and
    refuses every other global with Error::Code::SecurityError naming it. Whether pickle may
    be used at all is policy, and it lives with the proxy and daemon configuration (off
    unless the user enables it), not here.

    Values are the same as with the other serializers: exceptions decode to the exception
    dict ({'__class__', '__exception__', 'args', 'attributes'}, BUILD state in attributes,
    e.g. _pyroTraceback), URI and Proxy objects to their class dicts (a Proxy's state in
    the __getstate_for_dict__ form: URI string, name tuples, "b64:" hmac key). Encoding
    writes protocol 5 opcodes and turns those dicts back into real Python objects.

    Decoding accepts protocols 0 to 5. Out-of-band buffers, persistent ids and the
    extension registry are refused; lists that contain themselves cannot be represented
    and are an error. Stateless and thread-safe.
*/
class PickleSerializer final : public Serializer
{
public:
    SerializerId id() const override { return SerializerId::Pickle; }
    QString name() const override { return QStringLiteral("pickle"); }
    Result<QByteArray> encode(const Value &value) const override;
    Result<Value> decode(QByteArrayView data, const DecodeLimits &limits = {}) const override;
};

} // namespace Pyro
