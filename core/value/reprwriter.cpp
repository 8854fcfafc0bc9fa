#include "value/reprwriter.h"

#include "value/floatformat.h"

namespace Pyro {

QString ReprWriter::write(const Value &value)
{
    switch (value.type()) {
    case Value::Type::None: return QStringLiteral("None");
    case Value::Type::Bool: return value.toBool() ? QStringLiteral("True") : QStringLiteral("False");
    case Value::Type::Int: return value.toBigInt().toString();
    case Value::Type::Float: return QString::fromLatin1(pythonFloatRepr(value.toDouble()));
    case Value::Type::Str: return QLatin1Char('\'') + value.toStr() + QLatin1Char('\'');
    default: break;
    }
    QStringList parts;
    for (const Value &v : value.items())
        parts << write(v);
    if (value.isTuple())
        return QLatin1Char('(') + parts.join(QStringLiteral(", ")) + (parts.size() == 1 ? QStringLiteral(",)") : QStringLiteral(")"));
    if (value.isList())
        return QLatin1Char('[') + parts.join(QStringLiteral(", ")) + QLatin1Char(']');
    if (value.isDict()) {
        for (const auto &[k, v] : value.toDict().items())
            parts << write(k) + QStringLiteral(": ") + write(v);
        return QLatin1Char('{') + parts.join(QStringLiteral(", ")) + QLatin1Char('}');
    }
    return QLatin1Char('{') + parts.join(QStringLiteral(", ")) + QLatin1Char('}');
}

QString Value::repr() const
{
    return ReprWriter::write(*this);
}

} // namespace Pyro
