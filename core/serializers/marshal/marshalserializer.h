#pragma once

#include "serializers/serializer.h"

namespace Pyro {

/*!
    The marshal serializer (id 3): CPython's marshal format version 4, as Pyro4's
    MarshalSerializer writes and reads it on Python 3.11.

    Decoding accepts everything CPython writes for Pyro's types, including FLAG_REF (0x80)
    with its reference table and \c r back-references, the interned/short/ASCII string
    variants and the legacy \c I, \c f and \c x codes. Unlike CPython it never builds
    recursive structures: a reference to a container that is still being read is an error,
    and the expanded size of shared (referenced) values is bounded so that a small input
    cannot unfold into an exponentially large value. StopIteration, Ellipsis and code objects
    are errors, as are bytes after the object (CPython ignores them; Pyro never sends any).
    Every error carries the byte offset (Error::offset()).

    Encoding writes no FLAG_REF (Python accepts that) and picks the codes CPython picks for
    non-interned objects: \c i for ints in the int32 range, else \c l; \c g, \c y; str as
    \c z (ASCII, shorter than 256), \c a (longer ASCII) or \c u (UTF-8, "surrogatepass");
    bytes and bytearray as \c s; tuples as \c ) below 256 items, else \c (; \c [, \c {..0,
    \c < and \c >. Class dicts (URIs, exceptions) are plain dicts, as Pyro4 sends them.
*/
class MarshalSerializer final : public Serializer
{
public:
    SerializerId id() const override { return SerializerId::Marshal; }
    QString name() const override { return QStringLiteral("marshal"); }
    Result<QByteArray> encode(const Value &value) const override;
    Result<Value> decode(QByteArrayView data, const DecodeLimits &limits = {}) const override;
    Result<Value> decodeItems(QByteArrayView data, ItemSink &sink, const DecodeLimits &limits = {}) const override;
    std::unique_ptr<ItemEncoder> itemEncoder() const override;

    /*!
        Pyro4's marshal call envelope: the tuple (objectId, method, vargs as a list, kwargs).
        kwargs is always a dict: a Python daemon rejects None for normal calls, and for
        \c __getattr__, \c __setattr__ and \c <batch> it accepts {} (the Python client itself
        cannot send those under marshal).
    */
    Result<QByteArray> encodeCall(const CallEnvelope &call) const override;

    //! CPython's marshal nesting limit when writing (MAX_MARSHAL_STACK_DEPTH).
    static constexpr int MaxEncodeDepth = 2000;
};

} // namespace Pyro
