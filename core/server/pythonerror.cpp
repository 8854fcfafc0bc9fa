#include "server/pythonerror.h"

namespace Pyro {

static QString tracebackText(const QString &qualifiedClass, const ValueList &args, const QString &where)
{
    // Python clients print this with Pyro4.util.getPyroTraceback(); it mimics Python's layout
    // so that it reads naturally next to Python tracebacks.
    const QString shortName = qualifiedClass.mid(qualifiedClass.lastIndexOf(u'.') + 1);
    QString message;
    if (args.size() == 1)
        message = args.first().isStr() ? args.first().toStr() : args.first().repr();
    else if (!args.isEmpty())
        message = Value::tuple(args).repr();
    QString tb = QStringLiteral("Traceback (most recent call last):\n  File \"<Pyro Explorer C++ daemon>\", in %1\n")
                         .arg(where.isEmpty() ? QStringLiteral("<call>") : where);
    tb += message.isEmpty() ? shortName + u'\n' : shortName + QStringLiteral(": ") + message + u'\n';
    return tb;
}

Error PythonError::make(const QString &qualifiedClass, const ValueList &args, const QString &where)
{
    Dict attrs;
    attrs.insert(QStringLiteral("_pyroTraceback"), Value::list({ tracebackText(qualifiedClass, args, where) }));
    const Dict d {
        { QStringLiteral("__class__"), qualifiedClass },
        { QStringLiteral("__exception__"), true },
        { QStringLiteral("args"), Value::tuple(args) },
        { QStringLiteral("attributes"), Value(attrs) },
    };
    return Error::fromRemoteException(Value(d));
}

Error PythonError::builtin(const QString &name, const QString &message)
{
    return make(QStringLiteral("builtins.") + name, { message });
}

Error PythonError::builtinWithArgs(const QString &name, const ValueList &args)
{
    return make(QStringLiteral("builtins.") + name, args);
}

Error PythonError::pyro(const QString &name, const QString &message)
{
    return make(QStringLiteral("Pyro4.errors.") + name, { message });
}

Error PythonError::forPython(const Error &error)
{
    if (!error.remoteClass().isEmpty())
        return error;
    QString text = error.message();
    if (!error.detail().isEmpty())
        text += QStringLiteral(" (") + error.detail() + u')';
    switch (error.category()) {
    case Error::Category::Serialization: return pyro(QStringLiteral("SerializeError"), text);
    case Error::Category::Naming: return pyro(QStringLiteral("NamingError"), text);
    case Error::Category::Security: return pyro(QStringLiteral("SecurityError"), text);
    case Error::Category::Connection: return pyro(QStringLiteral("CommunicationError"), text);
    case Error::Category::Protocol:
        if (error.code() == Error::Code::MessageTooLarge)
            return pyro(QStringLiteral("MessageTooLargeError"), text);
        return pyro(QStringLiteral("ProtocolError"), text);
    default: return pyro(QStringLiteral("PyroError"), text);
    }
}

Error PythonError::withTracebackLocation(const Error &error, const QString &where)
{
    if (error.remoteClass().isEmpty())
        return error;
    const Value dict = error.toExceptionDict();
    const Dict &d = dict.toDict();
    const QString tb = error.remoteTraceback();
    const QString marker = QStringLiteral("in <call>\n");
    if (!tb.contains(marker))
        return error;
    QString newTb = tb;
    newTb.replace(marker, QStringLiteral("in ") + where + u'\n');
    Dict attrs = d.value(QStringLiteral("attributes")).toDict();
    attrs.insert(QStringLiteral("_pyroTraceback"), Value::list({ newTb }));
    Dict out = d;
    out.insert(QStringLiteral("attributes"), Value(attrs));
    Error e = Error::fromRemoteException(Value(out));
    return e;
}

} // namespace Pyro
