#include "value/valueconvert.h"

#include "value/reprwriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>
#include <QVariantHash>
#include <QVariantList>
#include <QVariantMap>

#include <cmath>

namespace Pyro {

QVariant toVariant(const Value &value)
{
    switch (value.type()) {
    case Value::Type::None:
        return QVariant();
    case Value::Type::Bool:
        return value.toBool();
    case Value::Type::Int:
        if (value.isBigInt())
            return value.toBigInt().toString();
        return qlonglong(value.toInt64());
    case Value::Type::Float:
        return value.toDouble();
    case Value::Type::Complex:
        return ReprWriter::complexRepr(value.toComplex());
    case Value::Type::Str:
        return value.toStr();
    case Value::Type::Bytes:
    case Value::Type::ByteArray:
        return value.toBytes();
    case Value::Type::Tuple:
    case Value::Type::List:
    case Value::Type::Set:
    case Value::Type::FrozenSet: {
        QVariantList list;
        list.reserve(value.items().size());
        for (const Value &item : value.items())
            list.append(toVariant(item));
        return list;
    }
    case Value::Type::Dict: {
        const Dict &d = value.toDict();
        bool allStr = true;
        for (const auto &[k, v] : d.items())
            allStr = allStr && k.isStr();
        if (allStr) {
            QVariantMap map;
            for (const auto &[k, v] : d.items())
                map.insert(k.toStr(), toVariant(v));
            return map;
        }
        QVariantList pairs;
        pairs.reserve(d.size());
        for (const auto &[k, v] : d.items())
            pairs.append(QVariant(QVariantList { toVariant(k), toVariant(v) }));
        return pairs;
    }
    }
    return QVariant();
}

QJsonValue toJson(const Value &value)
{
    switch (value.type()) {
    case Value::Type::None:
        return QJsonValue(QJsonValue::Null);
    case Value::Type::Bool:
        return value.toBool();
    case Value::Type::Int:
        if (value.isBigInt())
            return value.toBigInt().toString();
        return value.toInt64();
    case Value::Type::Float: {
        const double d = value.toDouble();
        if (!std::isfinite(d))
            return ReprWriter::floatRepr(d);
        return d;
    }
    case Value::Type::Complex:
        return ReprWriter::complexRepr(value.toComplex());
    case Value::Type::Str:
        return value.toStr();
    case Value::Type::Bytes:
    case Value::Type::ByteArray:
        return QString::fromLatin1(value.toBytes().toBase64());
    case Value::Type::Tuple:
    case Value::Type::List:
    case Value::Type::Set:
    case Value::Type::FrozenSet: {
        QJsonArray array;
        for (const Value &item : value.items())
            array.append(toJson(item));
        return array;
    }
    case Value::Type::Dict: {
        QJsonObject object;
        for (const auto &[k, v] : value.toDict().items())
            object.insert(k.isStr() ? k.toStr() : k.repr(), toJson(v));
        return object;
    }
    }
    return QJsonValue(QJsonValue::Null);
}

Value fromJson(const QJsonValue &json)
{
    switch (json.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return Value();
    case QJsonValue::Bool:
        return Value(json.toBool());
    case QJsonValue::Double: {
        // QJsonValue keeps integers exactly; tell them apart from doubles by round-tripping.
        const double d = json.toDouble();
        const qint64 i = json.toInteger();
        if (double(i) == d && std::trunc(d) == d && !(d == 0.0 && std::signbit(d)))
            return Value(i);
        return Value(d);
    }
    case QJsonValue::String:
        return Value(json.toString());
    case QJsonValue::Array: {
        ValueList items;
        const QJsonArray array = json.toArray();
        items.reserve(array.size());
        for (const QJsonValue &item : array)
            items.append(fromJson(item));
        return Value::list(items);
    }
    case QJsonValue::Object: {
        Dict d;
        const QJsonObject object = json.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            d.insert(it.key(), fromJson(it.value()));
        return Value(d);
    }
    }
    return Value();
}

Value fromVariant(const QVariant &variant)
{
    if (!variant.isValid() || variant.isNull())
        return Value();
    switch (variant.metaType().id()) {
    case QMetaType::Nullptr:
        return Value();
    case QMetaType::Bool:
        return Value(variant.toBool());
    case QMetaType::Int:
    case QMetaType::Short:
    case QMetaType::Long:
    case QMetaType::LongLong:
    case QMetaType::SChar:
    case QMetaType::Char:
    case QMetaType::UInt:
    case QMetaType::UShort:
    case QMetaType::UChar:
        return Value(qint64(variant.toLongLong()));
    case QMetaType::ULong:
    case QMetaType::ULongLong:
        return Value(quint64(variant.toULongLong()));
    case QMetaType::Double:
    case QMetaType::Float:
        return Value(variant.toDouble());
    case QMetaType::QString:
    case QMetaType::QChar:
        return Value(variant.toString());
    case QMetaType::QByteArray:
        return Value::bytes(variant.toByteArray());
    case QMetaType::QStringList:
    case QMetaType::QVariantList: {
        ValueList items;
        const QVariantList list = variant.toList();
        items.reserve(list.size());
        for (const QVariant &item : list)
            items.append(fromVariant(item));
        return Value::list(items);
    }
    case QMetaType::QVariantMap: {
        Dict d;
        const QVariantMap map = variant.toMap();
        for (auto it = map.begin(); it != map.end(); ++it)
            d.insert(it.key(), fromVariant(it.value()));
        return Value(d);
    }
    case QMetaType::QVariantHash: {
        Dict d;
        const QVariantHash hash = variant.toHash();
        for (auto it = hash.begin(); it != hash.end(); ++it)
            d.insert(it.key(), fromVariant(it.value()));
        return Value(d);
    }
    case QMetaType::QJsonValue:
        return fromJson(variant.toJsonValue());
    case QMetaType::QJsonArray:
        return fromJson(variant.toJsonArray());
    case QMetaType::QJsonObject:
        return fromJson(variant.toJsonObject());
    case QMetaType::QJsonDocument: {
        const QJsonDocument doc = variant.toJsonDocument();
        return doc.isArray() ? fromJson(doc.array()) : doc.isObject() ? fromJson(doc.object()) : Value();
    }
    default:
        break;
    }
    if (variant.metaType() == QMetaType::fromType<Value>())
        return variant.value<Value>();
    if (variant.canConvert<QString>())
        return Value(variant.toString());
    return Value();
}

} // namespace Pyro
