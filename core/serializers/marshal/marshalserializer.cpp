#include "serializers/marshal/marshalserializer.h"

#include "serializers/marshal/utf8codec.h"
#include "value/bytereader.h"
#include "serializers/writeritemencoder.h"
#include "value/encodewriter.h"
#include "value/shortstringcache.h"

#include <QtEndian>

#include <cstring>
#include <limits>

namespace Pyro {

namespace {

constexpr uchar FlagRef = 0x80;

Error marshalError(const QString &what, qsizetype offset = -1)
{
    return ByteReader::makeError("marshal", what, offset);
}

/*
    Reads one marshal object. Recursion depth is bounded by DecodeLimits::maxDepth; every
    count is checked against the bytes left before anything is allocated for it (each item
    needs at least one byte). References share Values, so a chain of references could make
    a tiny input stand for an exponentially large value (and make every later walk over it,
    such as encode() or operator==, take forever); "weight" is the size of a value as if
    every reference were copied out, and it is bounded by MaxWeightFactor * input size.
*/
class MarshalReader : ByteReader
{
public:
    MarshalReader(QByteArrayView data, const DecodeLimits &limits, ItemSink *sink = nullptr)
        : ByteReader(data, "marshal"),
          m_limits(limits),
          m_sink(sink),
          m_maxWeight(qMax<qint64>(MinMaxWeight, MaxWeightFactor * qint64(data.size())))
    {
    }

    Result<Value> run()
    {
        Value v;
        qint64 weight = 0;
        if (!readObject(v, weight, 0))
            return error();
        if (pos() != size())
            return marshalError(QStringLiteral("%1 unexpected bytes after the object").arg(remaining()), pos());
        return v;
    }

private:
    static constexpr qint64 MinMaxWeight = qint64(1) << 20;
    static constexpr qint64 MaxWeightFactor = 32;

    struct Slot
    {
        Value value;
        qint64 weight = 0;
        bool filled = false;
    };

    bool readU8(uchar &out, const char *what) { return readLE(out, what); }
    bool readI32(qint32 &out, const char *what) { return readLE(out, what); }

    bool readDouble(double &out, const char *what)
    {
        const uchar *p = nullptr;
        if (!take(8, p, what))
            return false;
        const quint64 bits = qFromLittleEndian<quint64>(p);
        std::memcpy(&out, &bits, sizeof out);
        return true;
    }

    // A uint32/int32 length field; each of the items needs at least bytesPerItem bytes.
    bool readCount(qsizetype &count, qsizetype bytesPerItem, const char *what)
    {
        const qsizetype at = pos();
        qint32 n = 0;
        if (!readI32(n, what))
            return false;
        return checkCount(n, at, bytesPerItem, what, count);
    }

    bool addWeight(qint64 &total, qint64 add, qsizetype at)
    {
        total += add;
        if (total > m_maxWeight)
            return fail(QStringLiteral("shared references expand the value beyond %1 items").arg(m_maxWeight), at);
        return true;
    }

    void addRef(bool flag, const Value &v, qint64 weight)
    {
        if (flag)
            m_refs.append(Slot { v, weight, true });
    }

    bool readObject(Value &out, qint64 &weight, int depth);
    bool readLong(Value &out, qsizetype start);
    bool readTextFloat(double &out);
    bool readContainer(uchar type, bool flag, Value &out, qint64 &weight, int depth, qsizetype start);
    bool readTopLevelItems(uchar type, qsizetype count, qsizetype slot, Value &out, qint64 &weight, qsizetype start);

    DecodeLimits m_limits;
    ItemSink *m_sink; // the top-level tuple's or list's items go there (decodeItems)
    qint64 m_maxWeight;
    QList<Slot> m_refs;
    QList<Dict::Item> m_items;
    ShortStringCache m_strings;
};

bool MarshalReader::readObject(Value &out, qint64 &weight, int depth)
{
    const qsizetype start = pos();
    uchar code = 0;
    if (!readU8(code, "object"))
        return false;
    const bool flag = code & FlagRef;
    const uchar type = code & ~FlagRef;
    weight = 1;
    switch (type) {
    case '0':
        return fail(QStringLiteral("NULL object where a value was expected"), start);
    // CPython ignores FLAG_REF on the singletons: they never enter the reference table.
    case 'N':
        out = Value();
        return true;
    case 'F':
        out = Value(false);
        return true;
    case 'T':
        out = Value(true);
        return true;
    case 'S':
        return fail(QStringLiteral("StopIteration cannot be represented"), start);
    case '.':
        return fail(QStringLiteral("Ellipsis cannot be represented"), start);
    case 'i': {
        qint32 v = 0;
        if (!readI32(v, "int"))
            return false;
        out = Value(qint64(v));
        break;
    }
    case 'I': {
        const uchar *p = nullptr;
        if (!take(8, p, "int64"))
            return false;
        out = Value(qFromLittleEndian<qint64>(p));
        break;
    }
    case 'l':
        if (!readLong(out, start))
            return false;
        break;
    case 'g': {
        double d = 0;
        if (!readDouble(d, "float"))
            return false;
        out = Value(d);
        break;
    }
    case 'y': {
        double re = 0, im = 0;
        if (!readDouble(re, "complex") || !readDouble(im, "complex"))
            return false;
        out = Value(Complex(re, im));
        break;
    }
    case 'f': {
        double d = 0;
        if (!readTextFloat(d))
            return false;
        out = Value(d);
        break;
    }
    case 'x': {
        double re = 0, im = 0;
        if (!readTextFloat(re) || !readTextFloat(im))
            return false;
        out = Value(Complex(re, im));
        break;
    }
    case 's': {
        qsizetype n = 0;
        const uchar *p = nullptr;
        if (!readCount(n, 1, "bytes") || !take(n, p, "bytes"))
            return false;
        out = Value::bytes(QByteArray(reinterpret_cast<const char *>(p), n));
        weight += n;
        break;
    }
    case 'u':
    case 't': {
        qsizetype n = 0;
        const uchar *p = nullptr;
        if (!readCount(n, 1, "str") || !take(n, p, "str"))
            return false;
        qsizetype bad = 0;
        std::optional<QString> s = Utf8Codec::decode(QByteArrayView(p, n), Utf8Codec::Mode::SurrogatePass, &bad);
        if (!s)
            return fail(QStringLiteral("invalid UTF-8 in str"), (p - begin()) + bad);
        out = Value(*s);
        weight += n;
        break;
    }
    case 'a':
    case 'A':
    case 'z':
    case 'Z': {
        qsizetype n = 0;
        if (type == 'a' || type == 'A') {
            if (!readCount(n, 1, "str"))
                return false;
        } else {
            uchar n8 = 0;
            if (!readU8(n8, "str length"))
                return false;
            n = n8;
        }
        const uchar *p = nullptr;
        if (!take(n, p, "str"))
            return false;
        // CPython builds these from one byte per character without checking for ASCII,
        // i.e. as Latin-1. Short ones (dict keys) repeat: one shared QString each.
        const char *text = reinterpret_cast<const char *>(p);
        size_t slot = 0;
        if (n > 0 && n <= ShortStringCache::MaxLength) {
            if (const QString *cached = m_strings.find(text, n, slot)) {
                out = Value(*cached);
            } else {
                const QString s = QString::fromLatin1(text, n);
                m_strings.store(slot, text, n, s);
                out = Value(s);
            }
        } else {
            out = Value(QString::fromLatin1(text, n));
        }
        weight += n;
        break;
    }
    case '(':
    case ')':
    case '[':
    case '{':
    case '<':
    case '>':
        return readContainer(type, flag, out, weight, depth, start);
    case 'r': {
        qint32 index = 0;
        if (!readI32(index, "reference"))
            return false;
        if (index < 0 || index >= m_refs.size())
            return fail(QStringLiteral("invalid reference %1 (%2 objects so far)").arg(index).arg(m_refs.size()), start);
        const Slot &slot = m_refs.at(index);
        if (!slot.filled)
            return fail(QStringLiteral("reference %1 to a container that is still being read (recursive value)").arg(index),
                        start);
        out = slot.value;
        weight = slot.weight;
        return true; // CPython ignores FLAG_REF on a reference
    }
    case 'c':
        return fail(QStringLiteral("code objects are not supported"), start);
    default:
        return fail(QStringLiteral("unknown type code 0x%1").arg(code, 2, 16, QLatin1Char('0')), start);
    }
    addRef(flag, out, weight);
    return true;
}

// The top-level tuple's or list's items, each handed to m_sink as soon as it is read;
// weights and references are counted as for a kept container.
bool MarshalReader::readTopLevelItems(uchar type, qsizetype count, qsizetype slot, Value &out, qint64 &weight,
                                      qsizetype start)
{
    const bool tuple = type == '(' || type == ')';
    m_sink->begin(tuple ? Value::Type::Tuple : Value::Type::List, count);
    for (qsizetype i = 0; i < count; ++i) {
        Value item;
        qint64 w = 0;
        if (!readObject(item, w, 1))
            return false;
        if (!addWeight(weight, w, start))
            return false;
        m_sink->add(std::move(item));
    }
    out = tuple ? Value::tuple({}) : Value::list({});
    if (slot >= 0) // nothing can refer to it: only the end of the input follows
        m_refs[slot] = Slot { out, weight, true };
    return true;
}

bool MarshalReader::readLong(Value &out, qsizetype start)
{
    const qsizetype at = pos();
    qint32 n = 0;
    if (!readI32(n, "long"))
        return false;
    const bool negative = n < 0;
    const qint64 ndigits = negative ? -qint64(n) : qint64(n);
    qsizetype count = 0;
    if (!checkCount(ndigits, at, 2, "long digit", count))
        return false;
    // The decimal digit limit bounds later decimal conversions (repr, msgpack, serpent).
    const qint64 maxBits = qint64(double(m_limits.maxIntDigits) * 3.3219280948873626) + 16;
    if (qint64(count) * 15 > maxBits)
        return fail(QStringLiteral("int with %1 base-2**15 digits is larger than the limit of %2 decimal digits")
                            .arg(count)
                            .arg(m_limits.maxIntDigits),
                    start);
    const qsizetype digitsAt = pos();
    const uchar *digits = nullptr;
    if (!take(2 * count, digits, "long digit")) // paid for: checkCount saw the bytes
        return false;
    QList<quint32> limbs;
    limbs.reserve(count * 15 / 32 + 1);
    quint64 acc = 0;
    int accBits = 0;
    for (qsizetype i = 0; i < count; ++i) {
        const qsizetype digitAt = digitsAt + 2 * i;
        const quint16 d = qFromLittleEndian<quint16>(digits + 2 * i);
        if (d > 0x7fff)
            return fail(QStringLiteral("digit out of range in long"), digitAt);
        if (i == count - 1 && d == 0)
            return fail(QStringLiteral("unnormalized long data"), digitAt);
        acc |= quint64(d) << accBits;
        accBits += 15;
        if (accBits >= 32) {
            limbs.append(quint32(acc));
            acc >>= 32;
            accBits -= 32;
        }
    }
    if (accBits > 0)
        limbs.append(quint32(acc));
    out = Value(BigInt::fromMagnitude(negative, std::move(limbs)));
    return true;
}

bool MarshalReader::readTextFloat(double &out)
{
    uchar n = 0;
    if (!readU8(n, "float text length"))
        return false;
    const qsizetype at = pos();
    const uchar *p = nullptr;
    if (!take(n, p, "float text"))
        return false;
    const QByteArray text(reinterpret_cast<const char *>(p), n);
    bool ok = false;
    out = text.trimmed() == text ? text.toDouble(&ok) : 0.0;
    if (!ok)
        return fail(QStringLiteral("invalid float text"), at);
    return true;
}

bool MarshalReader::readContainer(uchar type, bool flag, Value &out, qint64 &weight, int depth, qsizetype start)
{
    if (depth >= m_limits.maxDepth)
        return fail(QStringLiteral("nesting deeper than %1 levels").arg(m_limits.maxDepth), start);
    // CPython reserves the slot before reading the children: pre-order numbering.
    qsizetype slot = -1;
    if (flag) {
        slot = m_refs.size();
        m_refs.append(Slot());
    }
    weight = 1;
    if (type == '{') {
        // The items are gathered on m_items (innermost dict last) so that the dict is
        // allocated once at its final size.
        const qsizetype first = m_items.size();
        for (;;) {
            if (remaining() < 1)
                return fail(QStringLiteral("truncated input: dict needs a key or the end marker '0'"), pos());
            if ((begin()[pos()] & ~FlagRef) == '0') {
                uchar end = 0;
                readU8(end, "dict end");
                break;
            }
            const qsizetype keyAt = pos();
            Value key, value;
            qint64 kw = 0, vw = 0;
            if (!readObject(key, kw, depth + 1))
                return false;
            if (!key.isHashable())
                return fail(QStringLiteral("unhashable type '%1' as dict key").arg(key.typeName()), keyAt);
            if (!readObject(value, vw, depth + 1))
                return false;
            if (!addWeight(weight, kw + vw, start))
                return false;
            m_items.append(Dict::Item(std::move(key), std::move(value)));
        }
        Dict dict;
        dict.reserve(m_items.size() - first);
        for (qsizetype i = first; i < m_items.size(); ++i)
            dict.insert(m_items[i].first, m_items[i].second);
        m_items.resize(first);
        out = Value(std::move(dict));
    } else {
        qsizetype count = 0;
        if (type == ')') {
            uchar n = 0;
            if (!readU8(n, "tuple length"))
                return false;
            if (!checkCount(n, pos() - 1, 1, "tuple", count))
                return false;
        } else {
            const char *what = type == '(' ? "tuple" : type == '[' ? "list" : "set";
            if (!readCount(count, 1, what))
                return false;
        }
        const bool isSet = type == '<' || type == '>';
        if (depth == 0 && m_sink && !isSet)
            return readTopLevelItems(type, count, slot, out, weight, start);
        ValueList items;
        items.reserve(count);
        for (qsizetype i = 0; i < count; ++i) {
            const qsizetype itemAt = pos();
            Value item;
            qint64 w = 0;
            if (!readObject(item, w, depth + 1))
                return false;
            if (isSet && !item.isHashable())
                return fail(QStringLiteral("unhashable type '%1' in a set").arg(item.typeName()), itemAt);
            if (!addWeight(weight, w, start))
                return false;
            items.append(std::move(item));
        }
        switch (type) {
        case '(':
        case ')': out = Value::tuple(items); break;
        case '[': out = Value::list(items); break;
        case '<': out = Value::set(items); break;
        default: out = Value::frozenSet(items); break;
        }
    }
    if (slot >= 0)
        m_refs[slot] = Slot { out, weight, true };
    return true;
}

class MarshalWriter : public EncodeWriter
{
public:
    MarshalWriter() : EncodeWriter("marshal", 4096) { }
    Result<QByteArray> run(const Value &v) { return finish(write(v, 0)); }

    // Streaming (WriterItemEncoder): items of a top-level tuple or list, the header put in
    // front at the end.
    static constexpr qsizetype MaxHeader = 5;
    void beginItems(bool) { m_out.advance(MaxHeader); }
    bool writeItem(const Value &item, qsizetype) { return write(item, 1); }
    Result<QByteArray> finishItems(bool tuple, qsizetype count)
    {
        if (count > std::numeric_limits<qint32>::max())
            return marshalError(QStringLiteral("object of %1 items or bytes is too large for marshal").arg(count));
        char head[MaxHeader];
        qsizetype h = 0;
        if (tuple && count < 256) {
            head[h++] = ')';
            head[h++] = char(count);
        } else {
            head[h++] = tuple ? '(' : '[';
            qToLittleEndian(qint32(count), head + h);
            h += 4;
        }
        QByteArray out = m_out.take();
        std::memcpy(out.data() + MaxHeader - h, head, size_t(h));
        out.remove(0, MaxHeader - h); // drops the front without moving the bytes (Qt 6)
        return out;
    }
    const Error &error() const { return m_error; }

private:

    void putI32(qint32 v)
    {
        uchar b[4];
        qToLittleEndian(v, b);
        m_out.append(reinterpret_cast<const char *>(b), 4);
    }

    void putDouble(double d)
    {
        quint64 bits = 0;
        std::memcpy(&bits, &d, sizeof bits);
        uchar b[8];
        qToLittleEndian(bits, b);
        m_out.append(reinterpret_cast<const char *>(b), 8);
    }

    bool putSize(qsizetype n)
    {
        if (n > std::numeric_limits<qint32>::max())
            return fail(QStringLiteral("object of %1 items or bytes is too large for marshal").arg(n));
        putI32(qint32(n));
        return true;
    }

    bool write(const Value &v, int depth);

    void putLatin1(const QString &s)
    {
        const qsizetype n = s.size();
        m_out.ensure(n);
        char *o = m_out.cursor();
        const char16_t *u = reinterpret_cast<const char16_t *>(s.utf16());
        for (qsizetype i = 0; i < n; ++i)
            o[i] = char(u[i]);
        m_out.advance(n);
    }
};

bool MarshalWriter::write(const Value &v, int depth)
{
    switch (v.type()) {
    case Value::Type::None:
        m_out.put('N');
        return true;
    case Value::Type::Bool:
        m_out.put(v.toBool() ? 'T' : 'F');
        return true;
    case Value::Type::Int: {
        bool ok = false;
        const qint64 i = v.toInt64(&ok);
        if (ok && i >= std::numeric_limits<qint32>::min() && i <= std::numeric_limits<qint32>::max()) {
            m_out.put('i');
            putI32(qint32(i));
            return true;
        }
        const BigInt big = v.toBigInt();
        const QList<quint16> digits = big.toDigits15();
        if (digits.size() > std::numeric_limits<qint32>::max())
            return fail(QStringLiteral("int too large for marshal"));
        m_out.put('l');
        putI32(big.isNegative() ? -qint32(digits.size()) : qint32(digits.size()));
        for (quint16 d : digits) {
            uchar b[2];
            qToLittleEndian(d, b);
            m_out.append(reinterpret_cast<const char *>(b), 2);
        }
        return true;
    }
    case Value::Type::Float:
        m_out.put('g');
        putDouble(v.toDouble());
        return true;
    case Value::Type::Complex:
        m_out.put('y');
        putDouble(v.toComplex().real());
        putDouble(v.toComplex().imag());
        return true;
    case Value::Type::Str: {
        const QString &s = v.toStr();
        bool ascii = true;
        for (QChar c : s)
            if (c.unicode() >= 0x80) {
                ascii = false;
                break;
            }
        if (ascii && s.size() < 256) {
            m_out.put('z');
            m_out.put(char(s.size()));
            putLatin1(s);
        } else if (ascii) {
            m_out.put('a');
            if (!putSize(s.size()))
                return false;
            putLatin1(s);
        } else {
            // surrogatepass never fails
            const QByteArray utf8 = *Utf8Codec::encode(s, Utf8Codec::Mode::SurrogatePass);
            m_out.put('u');
            if (!putSize(utf8.size()))
                return false;
            m_out.append(utf8);
        }
        return true;
    }
    case Value::Type::Bytes:
    case Value::Type::ByteArray:
        m_out.put('s');
        if (!putSize(v.toBytes().size()))
            return false;
        m_out.append(v.toBytes());
        return true;
    case Value::Type::Tuple:
    case Value::Type::List:
    case Value::Type::Set:
    case Value::Type::FrozenSet:
    case Value::Type::Dict:
        break;
    }
    if (depth >= MarshalSerializer::MaxEncodeDepth)
        return fail(QStringLiteral("object too deeply nested to marshal (more than %1 levels)")
                            .arg(MarshalSerializer::MaxEncodeDepth));
    if (v.isDict()) {
        m_out.put('{');
        for (const Dict::Item &item : v.toDict().items()) {
            if (!write(item.first, depth + 1) || !write(item.second, depth + 1))
                return false;
        }
        m_out.put('0');
        return true;
    }
    const ValueList &items = v.items();
    switch (v.type()) {
    case Value::Type::Tuple:
        if (items.size() < 256) {
            m_out.put(')');
            m_out.put(char(items.size()));
        } else {
            m_out.put('(');
            if (!putSize(items.size()))
                return false;
        }
        break;
    case Value::Type::List:
        m_out.put('[');
        if (!putSize(items.size()))
            return false;
        break;
    case Value::Type::Set:
        m_out.put('<');
        if (!putSize(items.size()))
            return false;
        break;
    default:
        m_out.put('>');
        if (!putSize(items.size()))
            return false;
        break;
    }
    for (const Value &item : items)
        if (!write(item, depth + 1))
            return false;
    return true;
}

} // namespace

Result<QByteArray> MarshalSerializer::encode(const Value &value) const
{
    return MarshalWriter().run(value);
}

Result<Value> MarshalSerializer::decode(QByteArrayView data, const DecodeLimits &limits) const
{
    return MarshalReader(data, limits).run();
}

Result<Value> MarshalSerializer::decodeItems(QByteArrayView data, ItemSink &sink, const DecodeLimits &limits) const
{
    return MarshalReader(data, limits, &sink).run();
}

std::unique_ptr<ItemEncoder> MarshalSerializer::itemEncoder() const
{
    return std::make_unique<WriterItemEncoder<MarshalWriter>>([] { return std::make_unique<MarshalWriter>(); });
}

Result<QByteArray> MarshalSerializer::encodeCall(const CallEnvelope &call) const
{
    // Pyro4's MarshalSerializer.dumpsCall: marshal.dumps((obj, method, list(vargs), kwargs)).
    return encode(Value::tuple({ call.objectId, call.method, Value::list(call.args), Value(call.kwargs) }));
}

} // namespace Pyro
