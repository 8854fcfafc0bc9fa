#include "server/callarguments.h"

#include "server/pythonerror.h"

namespace Pyro {

static QString plural(qsizetype n, const char *word)
{
    return QStringLiteral("%1 %2%3").arg(n).arg(QLatin1String(word)).arg(n == 1 ? QString() : QStringLiteral("s"));
}

Result<CallArguments> CallArguments::bind(const QString &function, const QList<Parameter> &parameters,
                                          const ValueList &args, const Dict &kwargs, int options)
{
    CallArguments out;
    out.m_function = function;
    const qsizetype named = parameters.size();
    if (args.size() > named && !(options & VarArgs)) {
        return PythonError::typeError(QStringLiteral("%1() takes %2 but %3 given")
                                              .arg(function, plural(named, "positional argument"))
                                              .arg(args.size())
                                              .arg(args.size() == 1 ? QStringLiteral("was") : QStringLiteral("were")));
    }
    for (qsizetype i = 0; i < args.size(); ++i) {
        if (i < named)
            out.m_values.insert(parameters.at(i).name, args.at(i));
        else
            out.m_extraArgs.append(args.at(i));
    }
    for (const auto &[key, value] : kwargs.items()) {
        if (!key.isStr())
            return PythonError::typeError(QStringLiteral("%1() keywords must be strings").arg(function));
        const QString name = key.toStr();
        qsizetype index = -1;
        for (qsizetype i = 0; i < named; ++i) {
            if (parameters.at(i).name == name) {
                index = i;
                break;
            }
        }
        if (index < 0) {
            if (!(options & VarKwargs))
                return PythonError::typeError(QStringLiteral("%1() got an unexpected keyword argument '%2'").arg(function, name));
            out.m_extraKwargs.insert(key, value);
            continue;
        }
        if (index < args.size())
            return PythonError::typeError(QStringLiteral("%1() got multiple values for argument '%2'").arg(function, name));
        out.m_values.insert(key, value);
    }
    QStringList missing;
    for (const Parameter &p : parameters) {
        if (out.m_values.contains(p.name))
            continue;
        if (p.defaultValue)
            out.m_values.insert(p.name, *p.defaultValue);
        else
            missing.append(u'\'' + p.name + u'\'');
    }
    if (!missing.isEmpty()) {
        QString list = missing.size() == 1 ? missing.first() : missing.mid(0, missing.size() - 1).join(QStringLiteral(", ")) + QStringLiteral(" and ") + missing.last();
        return PythonError::typeError(QStringLiteral("%1() missing %2: %3")
                                              .arg(function, plural(missing.size(), "required positional argument"), list));
    }
    return out;
}

Result<qint64> CallArguments::toInt(const QString &name) const
{
    const Value v = value(name);
    bool ok = false;
    const qint64 i = v.toInt64(&ok);
    if ((v.isInt() || v.isBool()) && ok)
        return i;
    if (v.isInt())
        return PythonError::builtin(QStringLiteral("OverflowError"), QStringLiteral("%1() argument '%2' is too large").arg(m_function, name));
    return PythonError::typeError(QStringLiteral("%1() argument '%2' must be int, not %3").arg(m_function, name, v.typeName()));
}

Result<double> CallArguments::toNumber(const QString &name) const
{
    const Value v = value(name);
    if (v.isNumber())
        return v.toDouble();
    return PythonError::typeError(QStringLiteral("%1() argument '%2' must be a number, not %3").arg(m_function, name, v.typeName()));
}

Result<QString> CallArguments::toStr(const QString &name) const
{
    const Value v = value(name);
    if (v.isStr())
        return v.toStr();
    return PythonError::typeError(QStringLiteral("%1() argument '%2' must be str, not %3").arg(m_function, name, v.typeName()));
}

} // namespace Pyro
