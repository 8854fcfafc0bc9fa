#pragma once

#include "bigint.h"

#include <QByteArray>
#include <QExplicitlySharedDataPointer>
#include <QList>
#include <QMetaType>
#include <QString>

#include <complex>
#include <initializer_list>
#include <memory>
#include <utility>
#include <variant>

namespace Pyro {

class Value;
class Dict;
using ValueList = QList<Value>;
using Complex = std::complex<double>;

/*!
    An insertion-ordered dict with Python key semantics (pyEquals/pyHash).
    Inserting a key that compares equal to an existing one replaces the value and keeps the
    original key and position, as Python does.
*/
class Dict
{
public:
    using Item = std::pair<Value, Value>;
    Dict();
    Dict(std::initializer_list<Item> items);
    Dict(const Dict &);
    Dict(Dict &&) noexcept;
    Dict &operator=(const Dict &);
    Dict &operator=(Dict &&) noexcept;
    ~Dict();

    qsizetype size() const;
    bool isEmpty() const { return size() == 0; }
    void insert(const Value &key, const Value &value);
    //! Room for \a n items (decoders pass the count the input has paid for).
    void reserve(qsizetype n);
    bool contains(const Value &key) const;
    //! The value for \a key, or None (or \a fallback) when it is absent.
    Value value(const Value &key) const;
    Value value(const Value &key, const Value &fallback) const;
    bool remove(const Value &key);
    const QList<Item> &items() const;
    QList<Value> keys() const;
    QList<Value> values() const;

    //! Strict equality: same keys and values (Value::operator==), order ignored.
    friend bool operator==(const Dict &a, const Dict &b);
    friend bool operator!=(const Dict &a, const Dict &b) { return !(a == b); }

private:
    qsizetype indexOf(const Value &key) const;
    struct Data;
    static const QExplicitlySharedDataPointer<Data> &sharedEmpty();
    QExplicitlySharedDataPointer<Data> d;
};

/*!
    One Python value as it travels in Pyro4: None, bool, int (any size), float, complex, str,
    bytes, bytearray, tuple, list, dict, set and frozenset.

    Everything else Pyro4 sends is one of these: class instances, exceptions, URIs and
    proxies travel as dicts with a \c "__class__" key (see className() and the helpers in
    pyroobjects.h), exactly as serpent, json, marshal and msgpack carry them. The pickle
    serializer produces and consumes the same dicts.

    Values are immutable and cheap to copy: strings, byte arrays and containers are
    implicitly shared. Build containers first, then wrap them:
    \code
    Dict d;
    d.insert(QStringLiteral("a"), Value::tuple({1, 2.5, QStringLiteral("x")}));
    Value v(d);
    \endcode

    Two equalities:
    \list
    \li operator== is strict and structural: the types must match (1 != 1.0, tuple != list),
        floats compare by value with nan == nan and -0.0 != 0.0. Tests and round trips use it.
    \li pyEquals() and pyHash() follow Python: 1 == 1.0 == True, so they collide as dict keys
        and set members, as in Python. Dict and set membership use these.
    \endlist
*/
class Value
{
public:
    enum class Type : quint8 {
        None,
        Bool,
        Int, // qint64 or BigInt; see isBigInt()
        Float,
        Complex,
        Str,
        Bytes,
        ByteArray,
        Tuple,
        List,
        Dict,
        Set,
        FrozenSet,
    };

    Value() = default; // None
    Value(std::nullptr_t) { }
    Value(const Value &other);
    Value(Value &&other) noexcept;
    Value &operator=(const Value &other);
    Value &operator=(Value &&other) noexcept;
    ~Value();
    Value(bool b);
    Value(int i);
    Value(qint64 i);
    Value(long i) : Value(qint64(i)) { }
    Value(quint64 i);
    Value(const BigInt &i); // normalised to qint64 when it fits
    Value(double d);
    Value(Complex c);
    Value(const QString &s);
    Value(QStringView s) : Value(s.toString()) { }
    Value(const char16_t *s) : Value(QString::fromUtf16(s)) { }
    Value(const Pyro::Dict &d);
    Value(Pyro::Dict &&d);
    // A const char* would silently become bool: say whether it is str or bytes.
    Value(const char *) = delete;

    static Value str(QAnyStringView utf8OrUtf16);
    static Value bytes(const QByteArray &b);
    static Value byteArray(const QByteArray &b);
    static Value tuple(const ValueList &items);
    static Value list(const ValueList &items);
    //! A set; duplicates (by pyEquals) are dropped, first occurrence wins.
    static Value set(const ValueList &items);
    static Value frozenSet(const ValueList &items);

    Type type() const { return m_type; }
    bool isNone() const { return m_type == Type::None; }
    bool isBool() const { return m_type == Type::Bool; }
    bool isInt() const { return m_type == Type::Int; }
    bool isBigInt() const; // an int outside the qint64 range
    bool isFloat() const { return m_type == Type::Float; }
    bool isNumber() const { return m_type == Type::Int || m_type == Type::Float || m_type == Type::Bool; }
    bool isComplex() const { return m_type == Type::Complex; }
    bool isStr() const { return m_type == Type::Str; }
    bool isBytes() const { return m_type == Type::Bytes; }
    bool isByteArray() const { return m_type == Type::ByteArray; }
    bool isBytesLike() const { return m_type == Type::Bytes || m_type == Type::ByteArray; }
    bool isTuple() const { return m_type == Type::Tuple; }
    bool isList() const { return m_type == Type::List; }
    bool isSequence() const { return m_type == Type::Tuple || m_type == Type::List; }
    bool isDict() const { return m_type == Type::Dict; }
    bool isSet() const { return m_type == Type::Set; }
    bool isFrozenSet() const { return m_type == Type::FrozenSet; }
    bool isAnySet() const { return m_type == Type::Set || m_type == Type::FrozenSet; }
    //! Tuple, list, set or frozenset: items() is valid.
    bool hasItems() const;

    bool toBool() const; // the bool itself; false for other types
    //! The int (or bool) as qint64; \a ok is false for big ints, floats and other types.
    qint64 toInt64(bool *ok = nullptr) const;
    BigInt toBigInt() const; // any int or bool
    double toDouble() const; // int, bool or float; 0.0 otherwise
    Complex toComplex() const;
    const QString &toStr() const; // empty for non-str
    const QByteArray &toBytes() const; // bytes or bytearray; empty otherwise
    const ValueList &items() const; // tuple/list/set/frozenset; empty otherwise
    const Pyro::Dict &toDict() const; // empty for non-dict

    //! Python's type name: "NoneType", "bool", "int", "float", "str", "bytes", "dict", ...
    QString typeName() const;
    //! For a dict that carries a str "__class__" key, its value (e.g. "Pyro4.core.URI").
    QString className() const;

    //! Python repr(), exactly; see ReprWriter for options.
    QString repr() const;

    friend bool operator==(const Value &a, const Value &b);
    friend bool operator!=(const Value &a, const Value &b) { return !(a == b); }

    static bool pyEquals(const Value &a, const Value &b);
    static size_t pyHash(const Value &v, size_t seed = 0);
    //! Whether Python could use this value as a dict key or set member.
    bool isHashable() const;

private:
    void copyFrom(const Value &other);
    void moveFrom(Value &&other) noexcept;
    void destroy() noexcept;

    // 32 bytes in all: the largest member (QString, QByteArray, QList: 24 bytes) and the type.
    // A dict is held directly (one pointer); a big int behind one shared allocation. m_type
    // (with m_isBig for Int) says which member is alive.
    union Storage {
        Storage() : i(0) { }
        ~Storage() { }
        bool b;
        qint64 i;
        double d;
        Complex c;
        QString s;
        QByteArray bytes;
        ValueList list;
        Pyro::Dict dict;
        std::shared_ptr<const BigInt> big;
    } m_u;
    Type m_type = Type::None;
    bool m_isBig = false;
};

size_t qHash(const Value &v, size_t seed = 0);

} // namespace Pyro

// Every member of Value::Storage can be moved in memory as bytes (Qt's own containers and
// libstdc++'s shared_ptr hold no pointers to themselves): QList<Value> may realloc in place.
Q_DECLARE_TYPEINFO(Pyro::Value, Q_RELOCATABLE_TYPE);
Q_DECLARE_METATYPE(Pyro::Value)
