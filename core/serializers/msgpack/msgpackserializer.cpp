#include "serializers/msgpack/msgpackserializer.h"

#include "serializers/marshal/utf8codec.h"
#include "value/bytereader.h"
#include "serializers/writeritemencoder.h"
#include "value/encodewriter.h"
#include "value/shortstringcache.h"
#include "value/textcodec.h"

#include <QDate>
#include <QtEndian>

#include <cstring>
#include <limits>

namespace Pyro {

namespace {

Error msgpackError(const QString &what, qsizetype offset = -1)
{
    return ByteReader::makeError("msgpack", what, offset);
}

// Julian day number of date.fromordinal(1) minus one: ordinal n is Julian day n + this.
constexpr qint64 OrdinalToJulianDay = 1721425;
constexpr qint64 MaxDateOrdinal = 3652059; // date(9999, 12, 31).toordinal()

// Turns an array used as a map key into something hashable, as Python's unpacker does.
Value keyFromArrays(const Value &v)
{
    if (!v.isList() && !v.isTuple())
        return v;
    ValueList items;
    items.reserve(v.items().size());
    for (const Value &item : v.items())
        items.append(keyFromArrays(item));
    return Value::tuple(items);
}

class MsgpackReader : ByteReader
{
public:
    MsgpackReader(QByteArrayView data, const DecodeLimits &limits, ItemSink *sink = nullptr)
        : ByteReader(data, "msgpack"), m_limits(limits), m_sink(sink)
    {
    }

    Result<Value> run()
    {
        Value v;
        if (!readObject(v, 0))
            return error();
        if (pos() != size())
            return msgpackError(QStringLiteral("%1 unexpected bytes after the object").arg(remaining()), pos());
        return v;
    }

private:
    // A length of 1, 2 or 4 bytes; the items need at least bytesPerItem bytes each.
    bool readLength(int width, qsizetype bytesPerItem, const char *what, qsizetype &count)
    {
        const qsizetype at = pos();
        qint64 n = 0;
        if (width == 1) {
            quint8 v = 0;
            if (!readBE(v, what))
                return false;
            n = v;
        } else if (width == 2) {
            quint16 v = 0;
            if (!readBE(v, what))
                return false;
            n = v;
        } else {
            quint32 v = 0;
            if (!readBE(v, what))
                return false;
            n = v;
        }
        return checkCount(n, at, bytesPerItem, what, count);
    }

    bool readObject(Value &out, int depth);
    bool readStr(qsizetype n, Value &out);
    bool readArray(qsizetype n, Value &out, int depth, qsizetype start);
    bool readMap(qsizetype n, Value &out, int depth, qsizetype start);
    bool readExt(qsizetype n, Value &out, qsizetype start);

    DecodeLimits m_limits;
    ItemSink *m_sink; // the top-level array's items go there (decodeItems)
    ShortStringCache m_strings;
};

bool MsgpackReader::readObject(Value &out, int depth)
{
    const qsizetype start = pos();
    quint8 code = 0;
    if (!readBE(code, "object"))
        return false;
    if (code <= 0x7f) {
        out = Value(qint64(code));
        return true;
    }
    if (code >= 0xe0) {
        out = Value(qint64(qint8(code)));
        return true;
    }
    if (code >= 0xa0 && code <= 0xbf)
        return readStr(code & 0x1f, out);
    if (code >= 0x90 && code <= 0x9f)
        return readArray(code & 0x0f, out, depth, start);
    if (code >= 0x80 && code <= 0x8f)
        return readMap(code & 0x0f, out, depth, start);
    qsizetype n = 0;
    switch (code) {
    case 0xc0:
        out = Value();
        return true;
    case 0xc2:
        out = Value(false);
        return true;
    case 0xc3:
        out = Value(true);
        return true;
    case 0xc4:
    case 0xc5:
    case 0xc6: {
        const uchar *p = nullptr;
        if (!readLength(1 << (code - 0xc4), 1, "bin", n) || !take(n, p, "bin"))
            return false;
        out = Value::bytes(QByteArray(reinterpret_cast<const char *>(p), n));
        return true;
    }
    case 0xc7:
    case 0xc8:
    case 0xc9:
        if (!readLength(1 << (code - 0xc7), 1, "ext", n))
            return false;
        return readExt(n, out, start);
    case 0xca: {
        quint32 bits = 0;
        if (!readBE(bits, "float32"))
            return false;
        float f = 0;
        std::memcpy(&f, &bits, sizeof f);
        out = Value(double(f));
        return true;
    }
    case 0xcb: {
        quint64 bits = 0;
        if (!readBE(bits, "float64"))
            return false;
        double d = 0;
        std::memcpy(&d, &bits, sizeof d);
        out = Value(d);
        return true;
    }
    case 0xcc: {
        quint8 v = 0;
        if (!readBE(v, "uint8"))
            return false;
        out = Value(qint64(v));
        return true;
    }
    case 0xcd: {
        quint16 v = 0;
        if (!readBE(v, "uint16"))
            return false;
        out = Value(qint64(v));
        return true;
    }
    case 0xce: {
        quint32 v = 0;
        if (!readBE(v, "uint32"))
            return false;
        out = Value(qint64(v));
        return true;
    }
    case 0xcf: {
        quint64 v = 0;
        if (!readBE(v, "uint64"))
            return false;
        out = Value(v);
        return true;
    }
    case 0xd0: {
        qint8 v = 0;
        if (!readBE(v, "int8"))
            return false;
        out = Value(qint64(v));
        return true;
    }
    case 0xd1: {
        qint16 v = 0;
        if (!readBE(v, "int16"))
            return false;
        out = Value(qint64(v));
        return true;
    }
    case 0xd2: {
        qint32 v = 0;
        if (!readBE(v, "int32"))
            return false;
        out = Value(qint64(v));
        return true;
    }
    case 0xd3: {
        qint64 v = 0;
        if (!readBE(v, "int64"))
            return false;
        out = Value(v);
        return true;
    }
    case 0xd4:
    case 0xd5:
    case 0xd6:
    case 0xd7:
    case 0xd8:
        return readExt(qsizetype(1) << (code - 0xd4), out, start);
    case 0xd9:
    case 0xda:
    case 0xdb:
        if (!readLength(1 << (code - 0xd9), 1, "str", n))
            return false;
        return readStr(n, out);
    case 0xdc:
    case 0xdd:
        if (!readLength(code == 0xdc ? 2 : 4, 1, "array", n))
            return false;
        return readArray(n, out, depth, start);
    case 0xde:
    case 0xdf:
        if (!readLength(code == 0xde ? 2 : 4, 2, "map", n))
            return false;
        return readMap(n, out, depth, start);
    default: // 0xc1 is reserved ("never used")
        return fail(QStringLiteral("unknown type code 0x%1").arg(code, 2, 16, QLatin1Char('0')), start);
    }
}

bool MsgpackReader::readStr(qsizetype n, Value &out)
{
    const uchar *p = nullptr;
    if (!take(n, p, "str"))
        return false;
    const char *text = reinterpret_cast<const char *>(p);
    // Dict keys and short words repeat: share one QString for each recent short ASCII text.
    if (n > 0 && n <= ShortStringCache::MaxLength) {
        size_t slot;
        if (const QString *cached = m_strings.find(text, n, slot)) {
            out = Value(*cached);
            return true;
        }
        bool ascii = true;
        for (qsizetype i = 0; i < n; ++i)
            ascii = ascii && p[i] < 0x80;
        if (ascii) {
            const QString s = QString::fromLatin1(text, n);
            m_strings.store(slot, text, n, s);
            out = Value(s);
            return true;
        }
    }
    QString s;
    if (const char *bad = TextCodec::appendUtf8(s, text, text + n))
        return fail(QStringLiteral("invalid UTF-8 in str"), bad - reinterpret_cast<const char *>(begin()));
    out = Value(s);
    return true;
}

bool MsgpackReader::readArray(qsizetype n, Value &out, int depth, qsizetype start)
{
    if (depth >= m_limits.maxDepth)
        return fail(QStringLiteral("nesting deeper than %1 levels").arg(m_limits.maxDepth), start);
    qsizetype count = 0;
    if (!checkCount(n, start, 1, "array", count))
        return false;
    if (depth == 0 && m_sink) {
        m_sink->begin(Value::Type::List, count);
        for (qsizetype i = 0; i < count; ++i) {
            Value item;
            if (!readObject(item, depth + 1))
                return false;
            m_sink->add(std::move(item));
        }
        out = Value::list({});
        return true;
    }
    ValueList items;
    items.reserve(count);
    for (qsizetype i = 0; i < count; ++i) {
        Value item;
        if (!readObject(item, depth + 1))
            return false;
        items.append(std::move(item));
    }
    out = Value::list(items);
    return true;
}

bool MsgpackReader::readMap(qsizetype n, Value &out, int depth, qsizetype start)
{
    if (depth >= m_limits.maxDepth)
        return fail(QStringLiteral("nesting deeper than %1 levels").arg(m_limits.maxDepth), start);
    qsizetype count = 0;
    if (!checkCount(n, start, 2, "map", count))
        return false;
    Dict dict;
    dict.reserve(count); // paid for: checkCount saw two bytes per item left
    for (qsizetype i = 0; i < count; ++i) {
        const qsizetype keyAt = pos();
        Value key, value;
        if (!readObject(key, depth + 1))
            return false;
        if (key.isList())
            key = keyFromArrays(key);
        if (!key.isHashable())
            return fail(QStringLiteral("unhashable type '%1' as map key").arg(key.typeName()), keyAt);
        if (!readObject(value, depth + 1))
            return false;
        dict.insert(key, value);
    }
    out = Value(std::move(dict));
    return true;
}

bool MsgpackReader::readExt(qsizetype n, Value &out, qsizetype start)
{
    qint8 type = 0;
    const uchar *p = nullptr;
    if (!readBE(type, "ext type") || !take(n, p, "ext data"))
        return false;
    auto leDouble = [](const uchar *at) {
        const quint64 bits = qFromLittleEndian<quint64>(at);
        double d = 0;
        std::memcpy(&d, &bits, sizeof d);
        return d;
    };
    switch (type) {
    case MsgpackSerializer::ExtComplex:
        if (n != 16)
            return fail(QStringLiteral("complex ext needs 16 bytes, not %1").arg(n), start);
        out = Value(Complex(leDouble(p), leDouble(p + 8)));
        return true;
    case MsgpackSerializer::ExtBigInt: {
        // Python: int(data); whitespace around the digits is allowed there too.
        const QString text = QString::fromLatin1(reinterpret_cast<const char *>(p), n).trimmed();
        const std::optional<BigInt> big = BigInt::fromString(text, 10, m_limits.maxIntDigits);
        if (!big)
            return fail(QStringLiteral("invalid int ext data"), start);
        out = Value(*big);
        return true;
    }
    case MsgpackSerializer::ExtDateTime:
        if (n != 8)
            return fail(QStringLiteral("datetime ext needs 8 bytes, not %1").arg(n), start);
        out = Value(leDouble(p));
        return true;
    case MsgpackSerializer::ExtDate: {
        qint64 ordinal = 0;
        if (n == 8)
            ordinal = qFromLittleEndian<qint64>(p);
        else if (n == 4)
            ordinal = qFromLittleEndian<qint32>(p);
        else
            return fail(QStringLiteral("date ext needs 8 (or 4) bytes, not %1").arg(n), start);
        if (ordinal < 1 || ordinal > MaxDateOrdinal)
            return fail(QStringLiteral("date ordinal %1 out of range").arg(ordinal), start);
        out = Value(QDate::fromJulianDay(ordinal + OrdinalToJulianDay).toString(Qt::ISODate));
        return true;
    }
    default:
        return fail(QStringLiteral("invalid ext code %1").arg(type), start);
    }
}

class MsgpackWriter : public EncodeWriter
{
public:
    MsgpackWriter() : EncodeWriter("msgpack", 4096) { }
    Result<QByteArray> run(const Value &v) { return finish(write(v, 0)); }

    // Streaming (WriterItemEncoder): items of a top-level array (a tuple is an array too), the header put in front at the end.
    static constexpr qsizetype MaxArrayHeader = 5;
    void beginItems(bool) { m_out.advance(MaxArrayHeader); }
    bool writeItem(const Value &item, qsizetype) { return write(item, 1); }
    Result<QByteArray> finishItems(bool, qsizetype count)
    {
        const qsizetype bytes = m_out.size() - MaxArrayHeader;
        OutputBuffer head(16);
        if (count <= 15)
            head.put(char(0x90 | count));
        else if (count <= 0xffff)
            putBE(head, 0xdc, quint16(count));
        else if (count <= qsizetype(0xffffffff))
            putBE(head, 0xdd, quint32(count));
        else
            return msgpackError(QStringLiteral("object of %1 items or bytes is too large for msgpack").arg(count));
        QByteArray out = m_out.take();
        const qsizetype h = head.size();
        std::memcpy(out.data() + MaxArrayHeader - h, head.cursor() - h, size_t(h));
        out.remove(0, MaxArrayHeader - h); // drops the front without moving the bytes (Qt 6)
        Q_ASSERT(out.size() == h + bytes);
        return out;
    }
    const Error &error() const { return m_error; }

private:

    template<typename T>
    static void putBE(OutputBuffer &out, quint8 code, T v)
    {
        out.ensure(1 + qsizetype(sizeof(T)));
        out.putUnchecked(char(code));
        qToBigEndian(v, out.cursor());
        out.advance(sizeof(T));
    }
    template<typename T>
    void putBE(quint8 code, T v)
    {
        putBE(m_out, code, v);
    }

    // A header for a str/bin/array/map/ext of n items: fixed form (if any), 8-, 16- or 32-bit.
    bool putHeader(qsizetype n, int fixMax, quint8 fixBase, int code8, quint8 code16, quint8 code32)
    {
        if (n <= fixMax) {
            m_out.put(char(fixBase | n));
        } else if (code8 >= 0 && n <= 0xff) {
            m_out.put(char(code8));
            m_out.put(char(n));
        } else if (n <= 0xffff) {
            putBE(code16, quint16(n));
        } else if (n <= qsizetype(0xffffffff)) {
            putBE(code32, quint32(n));
        } else {
            return fail(QStringLiteral("object of %1 items or bytes is too large for msgpack").arg(n));
        }
        return true;
    }

    void putInt(qint64 i)
    {
        if (i >= 0) {
            if (i <= 0x7f)
                m_out.put(char(i));
            else if (i <= 0xff)
                putBE(0xcc, quint8(i));
            else if (i <= 0xffff)
                putBE(0xcd, quint16(i));
            else if (i <= 0xffffffffLL)
                putBE(0xce, quint32(i));
            else
                putBE(0xcf, quint64(i));
        } else {
            if (i >= -32)
                m_out.put(char(i));
            else if (i >= std::numeric_limits<qint8>::min())
                putBE(0xd0, qint8(i));
            else if (i >= std::numeric_limits<qint16>::min())
                putBE(0xd1, qint16(i));
            else if (i >= std::numeric_limits<qint32>::min())
                putBE(0xd2, qint32(i));
            else
                putBE(0xd3, i);
        }
    }

    void putLeDouble(double d)
    {
        quint64 bits = 0;
        std::memcpy(&bits, &d, sizeof bits);
        uchar b[8];
        qToLittleEndian(bits, b);
        m_out.append(reinterpret_cast<const char *>(b), 8);
    }

    bool putExt(qint8 type, const QByteArray &data)
    {
        const qsizetype n = data.size();
        switch (n) {
        case 1: m_out.put(char(0xd4)); break;
        case 2: m_out.put(char(0xd5)); break;
        case 4: m_out.put(char(0xd6)); break;
        case 8: m_out.put(char(0xd7)); break;
        case 16: m_out.put(char(0xd8)); break;
        default:
            if (!putHeader(n, -1, 0, 0xc7, 0xc8, 0xc9))
                return false;
        }
        m_out.put(char(type));
        m_out.append(data);
        return true;
    }

    bool write(const Value &v, int depth);
    bool writeStr(const QString &s);
};

bool MsgpackWriter::write(const Value &v, int depth)
{
    if (depth > MsgpackSerializer::MaxEncodeDepth)
        return fail(QStringLiteral("recursion limit exceeded (more than %1 levels)").arg(MsgpackSerializer::MaxEncodeDepth));
    switch (v.type()) {
    case Value::Type::None:
        m_out.put(char(0xc0));
        return true;
    case Value::Type::Bool:
        m_out.put(char(v.toBool() ? 0xc3 : 0xc2));
        return true;
    case Value::Type::Int: {
        bool ok = false;
        const qint64 i = v.toInt64(&ok);
        if (ok) {
            putInt(i);
            return true;
        }
        const BigInt big = v.toBigInt();
        if (big.fitsUInt64()) {
            putBE(0xcf, big.toUInt64());
            return true;
        }
        return putExt(MsgpackSerializer::ExtBigInt, big.toString().toLatin1());
    }
    case Value::Type::Float: {
        quint64 bits = 0;
        const double d = v.toDouble();
        std::memcpy(&bits, &d, sizeof bits);
        putBE(0xcb, bits);
        return true;
    }
    case Value::Type::Complex: {
        m_out.put(char(0xd8));
        m_out.put(char(MsgpackSerializer::ExtComplex));
        putLeDouble(v.toComplex().real());
        putLeDouble(v.toComplex().imag());
        return true;
    }
    case Value::Type::Str:
        return writeStr(v.toStr());
    case Value::Type::Bytes:
    case Value::Type::ByteArray:
        if (!putHeader(v.toBytes().size(), -1, 0, 0xc4, 0xc5, 0xc6))
            return false;
        m_out.append(v.toBytes());
        return true;
    case Value::Type::FrozenSet:
        // Pyro4's default() has no case for frozenset: class_to_dict() refuses it.
        return fail(QStringLiteral("frozenset cannot be serialized"));
    case Value::Type::Tuple:
    case Value::Type::List:
    case Value::Type::Set: {
        const ValueList &items = v.items();
        if (!putHeader(items.size(), 15, 0x90, -1, 0xdc, 0xdd))
            return false;
        for (const Value &item : items)
            if (!write(item, depth + 1))
                return false;
        return true;
    }
    case Value::Type::Dict: {
        const QList<Dict::Item> &items = v.toDict().items();
        if (!putHeader(items.size(), 15, 0x80, -1, 0xde, 0xdf))
            return false;
        for (const Dict::Item &item : items)
            if (!write(item.first, depth + 1) || !write(item.second, depth + 1))
                return false;
        return true;
    }
    }
    return fail(QStringLiteral("unsupported type %1").arg(v.typeName()));
}

// The UTF-8 bytes go straight into the output, behind room for the largest header; the
// header is then written in its smallest form (as Python's packer does) and the bytes moved
// up to it when it is shorter.
bool MsgpackWriter::writeStr(const QString &s)
{
    const qsizetype n = s.size();
    if (n > (qsizetype(0xffffffff) - 8) / 3) {
        qsizetype bad = 0;
        const std::optional<QByteArray> utf8 = Utf8Codec::encode(s, Utf8Codec::Mode::Strict, &bad);
        if (!utf8)
            return fail(QStringLiteral("str with a lone surrogate at index %1 cannot be encoded as UTF-8").arg(bad));
        return putHeader(utf8->size(), 31, 0xa0, 0xd9, 0xda, 0xdb) && (m_out.append(*utf8), true);
    }
    constexpr qsizetype MaxHeader = 5;
    m_out.ensure(MaxHeader + 3 * n);
    char *const head = m_out.cursor();
    char *const body = head + MaxHeader;
    char *o = body;
    const char16_t *u = reinterpret_cast<const char16_t *>(s.utf16());
    for (qsizetype i = 0; i < n; ++i) {
        const char16_t c = u[i];
        if (c < 0x80) {
            *o++ = char(c);
            continue;
        }
        char32_t cp = c;
        if (QChar::isSurrogate(c)) {
            if (!(QChar::isHighSurrogate(c) && i + 1 < n && QChar::isLowSurrogate(u[i + 1])))
                return fail(QStringLiteral("str with a lone surrogate at index %1 cannot be encoded as UTF-8").arg(i));
            cp = QChar::surrogateToUcs4(c, u[i + 1]);
            ++i;
        }
        if (cp < 0x800) {
            *o++ = char(0xC0 | (cp >> 6));
            *o++ = char(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            *o++ = char(0xE0 | (cp >> 12));
            *o++ = char(0x80 | ((cp >> 6) & 0x3F));
            *o++ = char(0x80 | (cp & 0x3F));
        } else {
            *o++ = char(0xF0 | (cp >> 18));
            *o++ = char(0x80 | ((cp >> 12) & 0x3F));
            *o++ = char(0x80 | ((cp >> 6) & 0x3F));
            *o++ = char(0x80 | (cp & 0x3F));
        }
    }
    const qsizetype bytes = o - body;
    qsizetype h;
    if (bytes <= 31) {
        head[0] = char(0xa0 | bytes);
        h = 1;
    } else if (bytes <= 0xff) {
        head[0] = char(0xd9);
        head[1] = char(bytes);
        h = 2;
    } else if (bytes <= 0xffff) {
        head[0] = char(0xda);
        qToBigEndian(quint16(bytes), head + 1);
        h = 3;
    } else {
        head[0] = char(0xdb);
        qToBigEndian(quint32(bytes), head + 1);
        h = 5;
    }
    if (h != MaxHeader)
        std::memmove(head + h, body, size_t(bytes));
    m_out.advance(h + bytes);
    return true;
}

} // namespace

Result<QByteArray> MsgpackSerializer::encode(const Value &value) const
{
    return MsgpackWriter().run(value);
}

Result<Value> MsgpackSerializer::decode(QByteArrayView data, const DecodeLimits &limits) const
{
    return MsgpackReader(data, limits).run();
}

Result<Value> MsgpackSerializer::decodeItems(QByteArrayView data, ItemSink &sink, const DecodeLimits &limits) const
{
    return MsgpackReader(data, limits, &sink).run();
}

std::unique_ptr<ItemEncoder> MsgpackSerializer::itemEncoder() const
{
    return std::make_unique<WriterItemEncoder<MsgpackWriter>>([] { return std::make_unique<MsgpackWriter>(); });
}

} // namespace Pyro
