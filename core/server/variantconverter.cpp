#include "server/variantconverter.h"

#include "server/pythonerror.h"

#include <QStringList>
#include <QVariantList>
#include <QVariantMap>

#include <limits>

namespace Pyro {

QVariant VariantConverter::toVariant(const Value &value)
{
    switch (value.type()) {
    case Value::Type::None: return QVariant();
    case Value::Type::Bool: return QVariant(value.toBool());
    case Value::Type::Int: {
        bool ok = false;
        const qint64 i = value.toInt64(&ok);
        return ok ? QVariant(i) : QVariant(value.repr()); // big ints keep their digits
    }
    case Value::Type::Float: return QVariant(value.toDouble());
    case Value::Type::Complex: return QVariant(value.repr());
    case Value::Type::Str: return QVariant(value.toStr());
    case Value::Type::Bytes:
    case Value::Type::ByteArray: return QVariant(value.toBytes());
    case Value::Type::Tuple:
    case Value::Type::List:
    case Value::Type::Set:
    case Value::Type::FrozenSet: {
        QVariantList list;
        for (const Value &item : value.items())
            list.append(toVariant(item));
        return list;
    }
    case Value::Type::Dict: {
        QVariantMap map;
        for (const auto &[k, v] : value.toDict().items())
            map.insert(k.isStr() ? k.toStr() : k.repr(), toVariant(v));
        return map;
    }
    }
    return QVariant();
}

Value VariantConverter::fromVariant(const QVariant &variant)
{
    if (!variant.isValid())
        return Value();
    const int id = variant.metaType().id();
    if (id == qMetaTypeId<Pyro::Value>())
        return variant.value<Pyro::Value>();
    switch (id) {
    case QMetaType::Void:
    case QMetaType::Nullptr: return Value();
    case QMetaType::Bool: return Value(variant.toBool());
    case QMetaType::Int:
    case QMetaType::Short:
    case QMetaType::Char:
    case QMetaType::SChar:
    case QMetaType::Long:
    case QMetaType::LongLong: return Value(variant.toLongLong());
    case QMetaType::UInt:
    case QMetaType::UShort:
    case QMetaType::UChar:
    case QMetaType::ULong:
    case QMetaType::ULongLong: return Value(quint64(variant.toULongLong()));
    case QMetaType::Double:
    case QMetaType::Float: return Value(variant.toDouble());
    case QMetaType::QString: return Value(variant.toString());
    case QMetaType::QByteArray: return Value::bytes(variant.toByteArray());
    case QMetaType::QStringList: {
        ValueList items;
        for (const QString &s : variant.toStringList())
            items.append(Value(s));
        return Value::list(items);
    }
    case QMetaType::QVariantList: {
        ValueList items;
        for (const QVariant &v : variant.toList())
            items.append(fromVariant(v));
        return Value::list(items);
    }
    case QMetaType::QVariantMap: {
        Dict d;
        const QVariantMap map = variant.toMap();
        for (auto it = map.constBegin(); it != map.constEnd(); ++it)
            d.insert(Value(it.key()), fromVariant(it.value()));
        return Value(d);
    }
    case QMetaType::QVariantHash: {
        Dict d;
        const QVariantHash map = variant.toHash();
        for (auto it = map.constBegin(); it != map.constEnd(); ++it)
            d.insert(Value(it.key()), fromVariant(it.value()));
        return Value(d);
    }
    default:
        if (variant.canConvert<QString>())
            return Value(variant.toString());
        return Value();
    }
}

bool VariantConverter::isSupported(QMetaType type)
{
    if (type.id() == qMetaTypeId<Pyro::Value>())
        return true;
    switch (type.id()) {
    case QMetaType::Int:
    case QMetaType::LongLong:
    case QMetaType::Double:
    case QMetaType::Bool:
    case QMetaType::QString:
    case QMetaType::QByteArray:
    case QMetaType::QStringList:
    case QMetaType::QVariantList:
    case QMetaType::QVariantMap:
    case QMetaType::QVariant: return true;
    default: return false;
    }
}

QString VariantConverter::pythonName(QMetaType type)
{
    if (type.id() == qMetaTypeId<Pyro::Value>())
        return QStringLiteral("object");
    switch (type.id()) {
    case QMetaType::Int:
    case QMetaType::LongLong: return QStringLiteral("int");
    case QMetaType::Double: return QStringLiteral("float");
    case QMetaType::Bool: return QStringLiteral("bool");
    case QMetaType::QString: return QStringLiteral("str");
    case QMetaType::QByteArray: return QStringLiteral("bytes");
    case QMetaType::QStringList:
    case QMetaType::QVariantList: return QStringLiteral("list");
    case QMetaType::QVariantMap: return QStringLiteral("dict");
    default: return QString::fromLatin1(type.name());
    }
}

// serpent sends bytes as {'data': <base64>, 'encoding': 'base64'} (doc 4.1): accept that too.
static std::optional<QByteArray> bytesOf(const Value &value)
{
    if (value.isBytesLike())
        return value.toBytes();
    if (value.isDict()) {
        const Dict &d = value.toDict();
        const Value data = d.value(QStringLiteral("data"));
        const Value encoding = d.value(QStringLiteral("encoding"));
        if (d.size() == 2 && data.isStr() && encoding.isStr() && encoding.toStr() == QLatin1String("base64")) {
            auto decoded = QByteArray::fromBase64Encoding(data.toStr().toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
            if (decoded)
                return *decoded;
        }
    }
    return std::nullopt;
}

Result<QVariant> VariantConverter::toParameter(const Value &value, QMetaType type, const QString &function,
                                               const QString &parameter)
{
    auto mismatch = [&]() -> Error {
        return PythonError::typeError(QStringLiteral("%1() argument '%2' must be %3, not %4")
                                              .arg(function, parameter, pythonName(type), value.typeName()));
    };
    if (type.id() == qMetaTypeId<Pyro::Value>())
        return QVariant::fromValue(value);
    switch (type.id()) {
    case QMetaType::Int:
    case QMetaType::LongLong: {
        if (!value.isInt() && !value.isBool())
            return mismatch();
        bool ok = false;
        const qint64 i = value.toInt64(&ok);
        const bool fits = ok && (type.id() == QMetaType::LongLong || (i >= std::numeric_limits<int>::min() && i <= std::numeric_limits<int>::max()));
        if (!fits)
            return PythonError::builtin(QStringLiteral("OverflowError"),
                                        QStringLiteral("%1() argument '%2' does not fit in a C++ %3")
                                                .arg(function, parameter, QString::fromLatin1(type.name())));
        return type.id() == QMetaType::Int ? QVariant(int(i)) : QVariant(i);
    }
    case QMetaType::Double:
        if (!value.isNumber())
            return mismatch();
        return QVariant(value.toDouble());
    case QMetaType::Bool:
        if (!value.isBool())
            return mismatch();
        return QVariant(value.toBool());
    case QMetaType::QString:
        if (!value.isStr())
            return mismatch();
        return QVariant(value.toStr());
    case QMetaType::QByteArray:
        if (auto b = bytesOf(value))
            return QVariant(*b);
        return mismatch();
    case QMetaType::QStringList: {
        if (!value.hasItems())
            return mismatch();
        QStringList list;
        for (const Value &item : value.items()) {
            if (!item.isStr())
                return mismatch();
            list.append(item.toStr());
        }
        return QVariant(list);
    }
    case QMetaType::QVariantList:
        if (!value.hasItems())
            return mismatch();
        return toVariant(value);
    case QMetaType::QVariantMap:
        if (!value.isDict())
            return mismatch();
        return toVariant(value);
    case QMetaType::QVariant: return QVariant::fromValue(toVariant(value));
    default:
        return PythonError::typeError(QStringLiteral("%1() parameter '%2' has a C++ type the daemon cannot convert to: %3")
                                              .arg(function, parameter, QString::fromLatin1(type.name())));
    }
}

} // namespace Pyro
