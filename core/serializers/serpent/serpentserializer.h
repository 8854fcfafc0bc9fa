#pragma once

#include "serializers/serializer.h"

namespace Pyro {

/*!
    The serpent serializer (id 1): Python literal text, written exactly as serpent 1.41
    does for Pyro4 4.82 and read with a hand-written parser for what Python's
    ast.literal_eval accepts in a Pyro4 payload.

    Encoding follows serpent: the "# serpent utf-8 python3.2" header line, no whitespace
    (except inside the base64 dict that bytes become), floats as Python's repr with
    1e30000/-1e30000 for infinities and {'__class__':'float','value':'nan'} for nan, the empty
    set as "()", frozensets like sets, and nesting limited to 200 levels. Dict keys and set
    members must be bool, int, float, complex, str, bytes or tuple (serpent's rule, so a
    None key is a SerializeError).

    Decoding accepts optional comment/header lines, whitespace between tokens, ints of any
    size (up to DecodeLimits::maxIntDigits), floats, complex ("1+2j"), strings and bytes with
    all escapes and prefixes, adjacent-literal concatenation, tuples, lists, dicts, sets and
    "set()". The float class dict becomes a float again. Errors carry the byte offset.
    Stateless and thread-safe.
*/
class SerpentSerializer final : public Serializer
{
public:
    SerializerId id() const override { return SerializerId::Serpent; }
    QString name() const override { return QStringLiteral("serpent"); }
    Result<QByteArray> encode(const Value &value) const override;
    Result<Value> decode(QByteArrayView data, const DecodeLimits &limits = {}) const override;
    Result<Value> decodeItems(QByteArrayView data, ItemSink &sink, const DecodeLimits &limits = {}) const override;
    std::unique_ptr<ItemEncoder> itemEncoder() const override;

    //! serpent's Serializer.maximum_level with Python's default recursion limit (1000 // 5).
    static constexpr int MaxEncodeLevel = 200;
};

} // namespace Pyro
