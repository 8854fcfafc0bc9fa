#pragma once

#include "support/result.h"
#include "value/value.h"

#include <QList>
#include <QString>

#include <optional>

namespace Pyro {

/*!
    Binds the positional and keyword arguments of a call to named parameters the way Python
    binds \c def f(a, b=2, *args, **kwargs), with Python's TypeError texts on a mismatch.
    Handlers of a HandlerObject use it to accept both positional and keyword arguments:
    \code
    auto bound = CallArguments::bind(QStringLiteral("kw"), { {QStringLiteral("a")}, {QStringLiteral("b"), Value(2)} },
                                     args, kwargs, CallArguments::VarArgs | CallArguments::VarKwargs);
    if (!bound)
        return bound.error();
    const Value a = bound.value().value(QStringLiteral("a"));
    \endcode
*/
class CallArguments
{
public:
    struct Parameter
    {
        Parameter(const QString &n) : name(n) { }
        Parameter(const QString &n, const Value &d) : name(n), defaultValue(d) { }
        QString name;
        std::optional<Value> defaultValue;
    };
    enum Option { None = 0, VarArgs = 1, VarKwargs = 2 };

    static Result<CallArguments> bind(const QString &function, const QList<Parameter> &parameters,
                                      const ValueList &args, const Dict &kwargs, int options = None);

    //! The bound value of a named parameter (None when unknown).
    Value value(const QString &name) const { return m_values.value(name); }
    //! Positional arguments beyond the named parameters (*args).
    ValueList extraArgs() const { return m_extraArgs; }
    //! Keyword arguments that match no parameter (**kwargs).
    Dict extraKwargs() const { return m_extraKwargs; }

    //! An int parameter (bool accepted, as in Python); TypeError naming the parameter otherwise.
    Result<qint64> toInt(const QString &name) const;
    //! An int or float parameter as a double.
    Result<double> toNumber(const QString &name) const;
    Result<QString> toStr(const QString &name) const;

private:
    QString m_function;
    Dict m_values;
    ValueList m_extraArgs;
    Dict m_extraKwargs;
};

} // namespace Pyro
