#pragma once

#include "serializers/serializer.h"

namespace Pyro {

/*!
    The msgpack serializer (id 6), as Python msgpack 1.0.3 packs and unpacks for Pyro4's
    MsgpackSerializer (use_bin_type=True, raw=False).

    Encoding picks the smallest form like Python: non-negative ints use the unsigned forms,
    negative ints the signed ones, ints outside [-2**63, 2**64) become ext 0x31 (ASCII
    decimal); floats are always float64; complex is ext 0x30 (two little-endian doubles);
    str is str, bytes and bytearray are bin; tuples, lists and sets are arrays. A frozenset
    cannot be sent (Pyro4 fails the same way). Dict keys of any type are written, but note
    that a Python peer (strict_map_key=True) rejects maps with keys other than str and bytes.

    Decoding reads any key type (arrays used as keys become tuples), arrays as lists, and the
    Pyro4 ext types: 0x30 complex, 0x31 int, 0x32 datetime as its float POSIX timestamp (the
    value on the wire; Python would turn it into a naive local-time datetime), 0x33 date as an
    ISO "YYYY-MM-DD" str (like serpent and json send dates; 8-byte ordinal as on 64-bit
    Linux, 4-byte as on Windows). Other ext codes are errors, as in Pyro4. Strings must be
    valid UTF-8. Every error carries the byte offset (Error::offset()).

    The call envelope is the array [objectId, method, [vargs], {kwargs} or nil] that
    Serializer::encodeCall() already produces.
*/
class MsgpackSerializer final : public Serializer
{
public:
    SerializerId id() const override { return SerializerId::Msgpack; }
    QString name() const override { return QStringLiteral("msgpack"); }
    Result<QByteArray> encode(const Value &value) const override;
    Result<Value> decode(QByteArrayView data, const DecodeLimits &limits = {}) const override;
    Result<Value> decodeItems(QByteArrayView data, ItemSink &sink, const DecodeLimits &limits = {}) const override;
    std::unique_ptr<ItemEncoder> itemEncoder() const override;

    //! Python msgpack's packer nesting limit (DEFAULT_RECURSE_LIMIT).
    static constexpr int MaxEncodeDepth = 511;

    enum ExtCode : qint8 { ExtComplex = 0x30, ExtBigInt = 0x31, ExtDateTime = 0x32, ExtDate = 0x33 };
};

} // namespace Pyro
