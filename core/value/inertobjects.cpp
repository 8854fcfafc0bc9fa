#include "value/inertobjects.h"

namespace Pyro {

Value InertObjects::object(const QString &className, const Value &args, const Value &state, const ValueList &listItems,
                           const Dict &dictItems)
{
    Dict d;
    d.insert(QStringLiteral("__class__"), className);
    d.insert(markerKey(), QStringLiteral("object"));
    d.insert(QStringLiteral("args"), args.isTuple() ? args : Value::tuple(args.items()));
    d.insert(QStringLiteral("state"), state);
    if (!listItems.isEmpty())
        d.insert(QStringLiteral("items"), Value::list(listItems));
    if (!dictItems.isEmpty())
        d.insert(QStringLiteral("dictitems"), Value(dictItems));
    return d;
}

Value InertObjects::member(const QString &className, const QString &name)
{
    return Dict { { QStringLiteral("__class__"), className }, { markerKey(), QStringLiteral("member") },
                  { QStringLiteral("name"), name } };
}

Value InertObjects::classReference(const QString &className)
{
    return Dict { { QStringLiteral("__class__"), className }, { markerKey(), QStringLiteral("class") } };
}

Value InertObjects::array(const ValueList &shape, const QString &dtype, QChar byteOrder, const QByteArray &data)
{
    return Dict { { QStringLiteral("__class__"), arrayClassName() }, { QStringLiteral("shape"), Value::tuple(shape) },
                  { QStringLiteral("dtype"), dtype }, { QStringLiteral("byteorder"), QString(byteOrder) },
                  { QStringLiteral("data"), Value::bytes(data) } };
}

QString InertObjects::form(const Value &v)
{
    if (!v.isDict() || v.className().isEmpty())
        return QString();
    const Value marker = v.toDict().value(markerKey());
    if (!marker.isStr())
        return QString();
    const QString &f = marker.toStr();
    if (f == QLatin1String("object") || f == QLatin1String("member") || f == QLatin1String("class"))
        return f;
    return QString();
}

bool InertObjects::isInert(const Value &v)
{
    return !form(v).isEmpty();
}

bool InertObjects::isArray(const Value &v)
{
    if (v.className() != arrayClassName())
        return false;
    const Dict &d = v.toDict();
    const Value shape = d.value(QStringLiteral("shape"));
    if (!shape.isSequence() || !d.value(QStringLiteral("dtype")).isStr() || !d.value(QStringLiteral("data")).isBytesLike())
        return false;
    for (const Value &dim : shape.items())
        if (!dim.isInt())
            return false;
    return true;
}

} // namespace Pyro
