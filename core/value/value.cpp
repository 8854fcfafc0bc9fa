#include "value.h"

#include <QHash>
#include <QHashFunctions>

#include <cmath>
#include <cstring>
#include <new>
#include <vector>

namespace Pyro {

namespace {
const QString &emptyString()
{
    static const QString s;
    return s;
}
const QByteArray &emptyBytes()
{
    static const QByteArray b;
    return b;
}
const ValueList &emptyList()
{
    static const ValueList l;
    return l;
}
const Dict &emptyDict()
{
    static const Dict d;
    return d;
}
} // namespace

Value::Value(const Value &other) : m_type(other.m_type), m_isBig(other.m_isBig)
{
    copyFrom(other);
}

Value::Value(Value &&other) noexcept : m_type(other.m_type), m_isBig(other.m_isBig)
{
    moveFrom(std::move(other));
}

Value &Value::operator=(const Value &other)
{
    if (this != &other) {
        Value copy(other);
        *this = std::move(copy);
    }
    return *this;
}

Value &Value::operator=(Value &&other) noexcept
{
    if (this != &other) {
        destroy();
        m_type = other.m_type;
        m_isBig = other.m_isBig;
        moveFrom(std::move(other));
    }
    return *this;
}

Value::~Value()
{
    destroy();
}

// Constructs the member that m_type/m_isBig (already copied from other) name.
void Value::copyFrom(const Value &other)
{
    switch (m_type) {
    case Type::None: break;
    case Type::Bool: m_u.b = other.m_u.b; break;
    case Type::Int:
        if (m_isBig)
            new (&m_u.big) std::shared_ptr<const BigInt>(other.m_u.big);
        else
            m_u.i = other.m_u.i;
        break;
    case Type::Float: m_u.d = other.m_u.d; break;
    case Type::Complex: new (&m_u.c) Complex(other.m_u.c); break;
    case Type::Str: new (&m_u.s) QString(other.m_u.s); break;
    case Type::Bytes:
    case Type::ByteArray: new (&m_u.bytes) QByteArray(other.m_u.bytes); break;
    case Type::Tuple:
    case Type::List:
    case Type::Set:
    case Type::FrozenSet: new (&m_u.list) ValueList(other.m_u.list); break;
    case Type::Dict: new (&m_u.dict) Pyro::Dict(other.m_u.dict); break;
    }
}

void Value::moveFrom(Value &&other) noexcept
{
    switch (m_type) {
    case Type::None: break;
    case Type::Bool: m_u.b = other.m_u.b; break;
    case Type::Int:
        if (m_isBig)
            new (&m_u.big) std::shared_ptr<const BigInt>(std::move(other.m_u.big));
        else
            m_u.i = other.m_u.i;
        break;
    case Type::Float: m_u.d = other.m_u.d; break;
    case Type::Complex: new (&m_u.c) Complex(other.m_u.c); break;
    case Type::Str: new (&m_u.s) QString(std::move(other.m_u.s)); break;
    case Type::Bytes:
    case Type::ByteArray: new (&m_u.bytes) QByteArray(std::move(other.m_u.bytes)); break;
    case Type::Tuple:
    case Type::List:
    case Type::Set:
    case Type::FrozenSet: new (&m_u.list) ValueList(std::move(other.m_u.list)); break;
    case Type::Dict: new (&m_u.dict) Pyro::Dict(std::move(other.m_u.dict)); break;
    }
}

void Value::destroy() noexcept
{
    switch (m_type) {
    case Type::Int:
        if (m_isBig)
            m_u.big.~shared_ptr();
        break;
    case Type::Str: m_u.s.~QString(); break;
    case Type::Bytes:
    case Type::ByteArray: m_u.bytes.~QByteArray(); break;
    case Type::Tuple:
    case Type::List:
    case Type::Set:
    case Type::FrozenSet: m_u.list.~ValueList(); break;
    case Type::Dict: m_u.dict.~Dict(); break;
    default: break;
    }
}

Value::Value(bool b) : m_type(Type::Bool) { m_u.b = b; }
Value::Value(int i) : m_type(Type::Int) { m_u.i = i; }
Value::Value(qint64 i) : m_type(Type::Int) { m_u.i = i; }

Value::Value(quint64 i) : m_type(Type::Int)
{
    if (i <= quint64(std::numeric_limits<qint64>::max())) {
        m_u.i = qint64(i);
    } else {
        new (&m_u.big) std::shared_ptr<const BigInt>(std::make_shared<const BigInt>(BigInt::fromUInt64(i)));
        m_isBig = true;
    }
}

Value::Value(const BigInt &i) : m_type(Type::Int)
{
    if (i.fitsInt64()) {
        m_u.i = i.toInt64();
    } else {
        new (&m_u.big) std::shared_ptr<const BigInt>(std::make_shared<const BigInt>(i));
        m_isBig = true;
    }
}

Value::Value(double d) : m_type(Type::Float) { m_u.d = d; }
Value::Value(Complex c) : m_type(Type::Complex) { new (&m_u.c) Complex(c); }
Value::Value(const QString &s) : m_type(Type::Str) { new (&m_u.s) QString(s); }

Value::Value(const Pyro::Dict &dict) : m_type(Type::Dict) { new (&m_u.dict) Pyro::Dict(dict); }
Value::Value(Pyro::Dict &&dict) : m_type(Type::Dict) { new (&m_u.dict) Pyro::Dict(std::move(dict)); }

Value Value::str(QAnyStringView s)
{
    return Value(s.toString());
}

Value Value::bytes(const QByteArray &b)
{
    Value v;
    v.m_type = Type::Bytes;
    new (&v.m_u.bytes) QByteArray(b);
    return v;
}

Value Value::byteArray(const QByteArray &b)
{
    Value v;
    v.m_type = Type::ByteArray;
    new (&v.m_u.bytes) QByteArray(b);
    return v;
}

Value Value::tuple(const ValueList &items)
{
    Value v;
    v.m_type = Type::Tuple;
    new (&v.m_u.list) ValueList(items);
    return v;
}

Value Value::list(const ValueList &items)
{
    Value v;
    v.m_type = Type::List;
    new (&v.m_u.list) ValueList(items);
    return v;
}

static ValueList uniqueItems(const ValueList &items)
{
    if (items.size() < 2)
        return items;
    ValueList out;
    out.reserve(items.size());
    QMultiHash<size_t, qsizetype> seen;
    seen.reserve(items.size());
    for (const Value &item : items) {
        const size_t h = Value::pyHash(item);
        bool dup = false;
        for (auto it = seen.constFind(h); it != seen.cend() && it.key() == h; ++it) {
            if (Value::pyEquals(out[it.value()], item)) {
                dup = true;
                break;
            }
        }
        if (!dup) {
            seen.insert(h, out.size());
            out.append(item);
        }
    }
    return out;
}

Value Value::set(const ValueList &items)
{
    Value v;
    v.m_type = Type::Set;
    new (&v.m_u.list) ValueList(uniqueItems(items));
    return v;
}

Value Value::frozenSet(const ValueList &items)
{
    Value v;
    v.m_type = Type::FrozenSet;
    new (&v.m_u.list) ValueList(uniqueItems(items));
    return v;
}

bool Value::isBigInt() const
{
    return m_type == Type::Int && m_isBig;
}

bool Value::hasItems() const
{
    return m_type == Type::Tuple || m_type == Type::List || m_type == Type::Set || m_type == Type::FrozenSet;
}

bool Value::toBool() const
{
    return m_type == Type::Bool && m_u.b;
}

qint64 Value::toInt64(bool *ok) const
{
    if (ok)
        *ok = true;
    if (m_type == Type::Bool)
        return m_u.b ? 1 : 0;
    if (m_type == Type::Int && !m_isBig)
        return m_u.i;
    if (ok)
        *ok = false;
    return 0;
}

BigInt Value::toBigInt() const
{
    if (isBigInt())
        return *m_u.big;
    return BigInt(toInt64());
}

double Value::toDouble() const
{
    switch (m_type) {
    case Type::Float:
        return m_u.d;
    case Type::Bool:
        return m_u.b ? 1.0 : 0.0;
    case Type::Int:
        return isBigInt() ? toBigInt().toDouble() : double(m_u.i);
    default:
        return 0.0;
    }
}

Complex Value::toComplex() const
{
    if (m_type == Type::Complex)
        return m_u.c;
    return Complex(toDouble(), 0.0);
}

const QString &Value::toStr() const
{
    return m_type == Type::Str ? m_u.s : emptyString();
}

const QByteArray &Value::toBytes() const
{
    return isBytesLike() ? m_u.bytes : emptyBytes();
}

const ValueList &Value::items() const
{
    return hasItems() ? m_u.list : emptyList();
}

const Dict &Value::toDict() const
{
    return m_type == Type::Dict ? m_u.dict : emptyDict();
}

QString Value::typeName() const
{
    switch (m_type) {
    case Type::None: return QStringLiteral("NoneType");
    case Type::Bool: return QStringLiteral("bool");
    case Type::Int: return QStringLiteral("int");
    case Type::Float: return QStringLiteral("float");
    case Type::Complex: return QStringLiteral("complex");
    case Type::Str: return QStringLiteral("str");
    case Type::Bytes: return QStringLiteral("bytes");
    case Type::ByteArray: return QStringLiteral("bytearray");
    case Type::Tuple: return QStringLiteral("tuple");
    case Type::List: return QStringLiteral("list");
    case Type::Dict: return QStringLiteral("dict");
    case Type::Set: return QStringLiteral("set");
    case Type::FrozenSet: return QStringLiteral("frozenset");
    }
    return QString();
}

QString Value::className() const
{
    if (m_type != Type::Dict)
        return QString();
    const Value c = toDict().value(QStringLiteral("__class__"));
    return c.isStr() ? c.toStr() : QString();
}

static bool sameFloat(double a, double b)
{
    if (std::isnan(a) || std::isnan(b))
        return std::isnan(a) && std::isnan(b);
    return a == b && std::signbit(a) == std::signbit(b);
}

bool operator==(const Value &a, const Value &b)
{
    if (a.m_type != b.m_type)
        return false;
    switch (a.m_type) {
    case Value::Type::None:
        return true;
    case Value::Type::Bool:
        return a.toBool() == b.toBool();
    case Value::Type::Int:
        if (a.isBigInt() != b.isBigInt())
            return false;
        return a.isBigInt() ? a.toBigInt() == b.toBigInt() : a.toInt64() == b.toInt64();
    case Value::Type::Float:
        return sameFloat(a.toDouble(), b.toDouble());
    case Value::Type::Complex:
        return sameFloat(a.toComplex().real(), b.toComplex().real())
                && sameFloat(a.toComplex().imag(), b.toComplex().imag());
    case Value::Type::Str:
        return a.toStr() == b.toStr();
    case Value::Type::Bytes:
    case Value::Type::ByteArray:
        return a.toBytes() == b.toBytes();
    case Value::Type::Tuple:
    case Value::Type::List:
        return a.items() == b.items();
    case Value::Type::Dict:
        return a.toDict() == b.toDict();
    case Value::Type::Set:
    case Value::Type::FrozenSet: {
        if (a.items().size() != b.items().size())
            return false;
        // Order-insensitive: every member of a has a strictly equal member in b.
        const Dict bIndex = [&] {
            Dict d;
            for (const Value &v : b.items())
                d.insert(v, v);
            return d;
        }();
        for (const Value &v : a.items()) {
            if (!bIndex.contains(v) || !(bIndex.value(v) == v))
                return false;
        }
        return true;
    }
    }
    return false;
}

// Numeric tower for pyEquals: bool, int and float compare by mathematical value.
static bool numericEquals(const Value &a, const Value &b)
{
    if (a.isFloat() || b.isFloat()) {
        const Value &f = a.isFloat() ? a : b;
        const Value &o = a.isFloat() ? b : a;
        const double fd = f.toDouble();
        if (o.isFloat())
            return fd == o.toDouble();
        if (!std::isfinite(fd) || std::trunc(fd) != fd)
            return false;
        return BigInt::fromDouble(fd) == o.toBigInt();
    }
    if (a.isBigInt() || b.isBigInt())
        return a.toBigInt() == b.toBigInt();
    return a.toInt64() == b.toInt64();
}

bool Value::pyEquals(const Value &a, const Value &b)
{
    if (a.m_type == Type::Str && b.m_type == Type::Str)
        return a.m_u.s == b.m_u.s;
    if (a.isNumber() && b.isNumber())
        return numericEquals(a, b);
    if (a.isComplex() || b.isComplex()) {
        if (!(a.isComplex() || a.isNumber()) || !(b.isComplex() || b.isNumber()))
            return false;
        return a.toComplex() == b.toComplex();
    }
    const bool aBytes = a.isBytesLike(), bBytes = b.isBytesLike();
    if (aBytes || bBytes)
        return aBytes && bBytes && a.toBytes() == b.toBytes();
    const bool aSet = a.isAnySet(), bSet = b.isAnySet();
    if (aSet || bSet) {
        if (!aSet || !bSet || a.items().size() != b.items().size())
            return false;
        const Value bs = Value::set(b.items());
        for (const Value &v : a.items()) {
            bool found = false;
            for (const Value &w : bs.items())
                if (pyEquals(v, w)) {
                    found = true;
                    break;
                }
            if (!found)
                return false;
        }
        return true;
    }
    if (a.m_type != b.m_type)
        return false;
    switch (a.m_type) {
    case Type::None:
        return true;
    case Type::Str:
        return a.toStr() == b.toStr();
    case Type::Tuple:
    case Type::List: {
        const ValueList &x = a.items(), &y = b.items();
        if (x.size() != y.size())
            return false;
        for (qsizetype i = 0; i < x.size(); ++i)
            if (!pyEquals(x[i], y[i]))
                return false;
        return true;
    }
    case Type::Dict: {
        const Dict &x = a.toDict(), &y = b.toDict();
        if (x.size() != y.size())
            return false;
        for (const auto &[k, v] : x.items()) {
            if (!y.contains(k) || !pyEquals(v, y.value(k)))
                return false;
        }
        return true;
    }
    default:
        return false;
    }
}

size_t Value::pyHash(const Value &v, size_t seed)
{
    switch (v.m_type) {
    case Type::None:
        return ::qHash(0x4e6f6e65u, seed);
    case Type::Bool:
    case Type::Int:
    case Type::Float: {
        // Equal numbers must hash equal: integral values hash as their double when that is
        // exact, everything else by its own representation.
        if (v.isFloat()) {
            double d = v.toDouble();
            if (d == 0.0)
                d = 0.0; // -0.0
            if (std::isnan(d))
                return ::qHash(0x6e616eu, seed);
            return ::qHash(d, seed);
        }
        if (v.isBigInt()) {
            bool exact = false;
            const double d = v.toBigInt().toDouble(&exact);
            return exact ? ::qHash(d, seed) : v.toBigInt().hash(seed);
        }
        const qint64 i = v.toInt64();
        const double d = double(i);
        if (d >= -9223372036854775808.0 && d < 9223372036854775808.0 && qint64(d) == i)
            return ::qHash(d == 0.0 ? 0.0 : d, seed);
        return ::qHash(i, seed);
    }
    case Type::Complex: {
        const Complex c = v.toComplex();
        if (c.imag() == 0.0)
            return pyHash(Value(c.real()), seed);
        return ::qHash(c.imag(), pyHash(Value(c.real()), seed));
    }
    case Type::Str:
        return ::qHash(v.toStr(), seed);
    case Type::Bytes:
    case Type::ByteArray:
        return ::qHash(v.toBytes(), seed);
    case Type::Tuple:
    case Type::List: {
        size_t h = seed ^ 0x7475706cu;
        for (const Value &item : v.items())
            h = pyHash(item, h * 31 + 7);
        return h;
    }
    case Type::Set:
    case Type::FrozenSet: {
        size_t h = 0x7365740u;
        for (const Value &item : v.items())
            h ^= pyHash(item, 0); // order-independent
        return ::qHash(h, seed);
    }
    case Type::Dict: {
        size_t h = 0x64696374u;
        for (const auto &[k, val] : v.toDict().items())
            h ^= pyHash(k, 0) * 3 + pyHash(val, 1);
        return ::qHash(h, seed);
    }
    }
    return seed;
}

bool Value::isHashable() const
{
    switch (m_type) {
    case Type::List:
    case Type::Dict:
    case Type::Set:
    case Type::ByteArray:
        return false;
    case Type::Tuple:
    case Type::FrozenSet:
        for (const Value &item : items())
            if (!item.isHashable())
                return false;
        return true;
    default:
        return true;
    }
}

size_t qHash(const Value &v, size_t seed)
{
    return Value::pyHash(v, seed);
}

// ---------------------------------------------------------------------------------------
// Dict

struct Dict::Data : QSharedData
{
    QList<Item> items;
    // Open-addressed table of item positions (-1 = empty slot), built once the dict is big
    // enough that a linear search would hurt; its size is a power of two, at least twice
    // the item count. Small dicts (most records, every call envelope) never allocate one.
    std::vector<qint32> table;
    static constexpr qsizetype IndexThreshold = 16;

    void rebuildIndex()
    {
        table.clear();
        if (items.size() < IndexThreshold)
            return;
        size_t cap = 64;
        while (cap < size_t(items.size()) * 2)
            cap *= 2;
        table.assign(cap, -1);
        for (qsizetype k = 0; k < items.size(); ++k)
            place(Value::pyHash(items[k].first), k);
    }
    void place(size_t h, qsizetype k)
    {
        const size_t mask = table.size() - 1;
        size_t i = h & mask;
        while (table[i] >= 0)
            i = (i + 1) & mask;
        table[i] = qint32(k);
    }
};

// Empty dicts share one Data (every mutator detaches first): kwargs are nearly always empty,
// and a malloc/free pair per call showed up in the daemon's batch profile.
const QExplicitlySharedDataPointer<Dict::Data> &Dict::sharedEmpty()
{
    static const QExplicitlySharedDataPointer<Dict::Data> empty(new Dict::Data);
    return empty;
}

Dict::Dict() : d(sharedEmpty()) { }

Dict::Dict(std::initializer_list<Item> items) : d(new Data)
{
    d->items.reserve(qsizetype(items.size()));
    for (const Item &item : items)
        insert(item.first, item.second);
}

Dict::Dict(const Dict &) = default;
Dict::Dict(Dict &&) noexcept = default;
Dict &Dict::operator=(const Dict &) = default;
Dict &Dict::operator=(Dict &&) noexcept = default;
Dict::~Dict() = default;

qsizetype Dict::size() const
{
    return d->items.size();
}

void Dict::reserve(qsizetype n)
{
    if (n <= d->items.size())
        return;
    d.detach();
    d->items.reserve(n);
}

qsizetype Dict::indexOf(const Value &key) const
{
    const QList<Item> &items = d->items;
    if (d->table.empty()) {
        if (key.isStr()) {
            // A str equals only a str: no numeric tower to walk.
            const QString &s = key.toStr();
            for (qsizetype i = 0; i < items.size(); ++i)
                if (items[i].first.isStr() && items[i].first.toStr() == s)
                    return i;
            return -1;
        }
        for (qsizetype i = 0; i < items.size(); ++i)
            if (Value::pyEquals(items[i].first, key))
                return i;
        return -1;
    }
    const size_t mask = d->table.size() - 1;
    for (size_t i = Value::pyHash(key) & mask; d->table[i] >= 0; i = (i + 1) & mask) {
        const qint32 k = d->table[i];
        if (Value::pyEquals(items[k].first, key))
            return k;
    }
    return -1;
}

void Dict::insert(const Value &key, const Value &value)
{
    const qsizetype i = indexOf(key);
    d.detach();
    if (i >= 0) {
        d->items[i].second = value;
        return;
    }
    d->items.append(Item(key, value));
    const qsizetype n = d->items.size();
    if (n < Data::IndexThreshold)
        return;
    if (d->table.empty() || size_t(n) * 2 > d->table.size())
        d->rebuildIndex();
    else
        d->place(Value::pyHash(key), n - 1);
}

bool Dict::contains(const Value &key) const
{
    return indexOf(key) >= 0;
}

Value Dict::value(const Value &key) const
{
    const qsizetype i = indexOf(key);
    return i >= 0 ? d->items[i].second : Value();
}

Value Dict::value(const Value &key, const Value &fallback) const
{
    const qsizetype i = indexOf(key);
    return i >= 0 ? d->items[i].second : fallback;
}

bool Dict::remove(const Value &key)
{
    const qsizetype i = indexOf(key);
    if (i < 0)
        return false;
    d.detach();
    d->items.removeAt(i);
    d->rebuildIndex();
    return true;
}

const QList<Dict::Item> &Dict::items() const
{
    return d->items;
}

ValueList Dict::keys() const
{
    ValueList out;
    out.reserve(size());
    for (const Item &item : d->items)
        out.append(item.first);
    return out;
}

ValueList Dict::values() const
{
    ValueList out;
    out.reserve(size());
    for (const Item &item : d->items)
        out.append(item.second);
    return out;
}

bool operator==(const Dict &a, const Dict &b)
{
    if (a.d == b.d)
        return true;
    if (a.size() != b.size())
        return false;
    for (const auto &[k, v] : a.items()) {
        const qsizetype i = b.indexOf(k);
        if (i < 0)
            return false;
        const Dict::Item &other = b.d->items[i];
        if (!(other.first == k) || !(other.second == v))
            return false;
    }
    return true;
}

} // namespace Pyro
