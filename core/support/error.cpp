#include "support/error.h"

namespace Pyro {

Error::Category Error::category() const
{
    const int c = int(m_code);
    if (c == 0)
        return Category::None;
    switch (c / 100) {
    case 1: return Category::Connection;
    case 2: return Category::Protocol;
    case 3: return Category::Serialization;
    case 4: return Category::Security;
    case 5: return Category::Remote;
    case 6: return Category::Naming;
    default: return Category::Usage;
    }
}

static QString joinTraceback(const Value &tb)
{
    if (tb.isStr())
        return tb.toStr();
    QString out;
    for (const Value &line : tb.items())
        out += line.toStr();
    return out;
}

Error Error::fromRemoteException(const Value &exceptionDict)
{
    const Dict &d = exceptionDict.toDict();
    Error e;
    e.m_code = Code::RemoteException;
    e.m_remoteClass = d.value(QStringLiteral("__class__")).toStr();
    e.m_remoteArgs = d.value(QStringLiteral("args"), Value::tuple({}));
    // An exception of a class the pickle decoder did not know arrives as an inert object
    // (value/inertobjects.h): its args are the exception's args, its state its attributes.
    const bool inert = d.value(QStringLiteral("__inert__")) == Value(QStringLiteral("object"));
    const Dict attrs = d.value(inert ? QStringLiteral("state") : QStringLiteral("attributes")).toDict();
    for (const auto &[k, v] : attrs.items()) {
        if (k.isStr() && k.toStr() == QLatin1String("_pyroTraceback"))
            e.m_remoteTraceback = joinTraceback(v);
        else
            e.m_remoteAttributes.insert(k, v);
    }
    // Python's str(exc): the single arg itself, or the repr of the args tuple.
    const ValueList &args = e.m_remoteArgs.items();
    if (args.isEmpty())
        e.m_message = QString();
    else if (args.size() == 1 && e.m_remoteClass == QLatin1String("builtins.KeyError"))
        e.m_message = args.first().repr(); // KeyError.__str__ is repr() of its key: KeyError: 'nosuch'
    else if (args.size() == 1)
        e.m_message = args.first().isStr() ? args.first().toStr() : args.first().repr();
    else
        e.m_message = Value::tuple(args).repr();
    // Pyro4's and Pyro5's own errors (Pyro4.errors.* / Pyro5.errors.*, the same names) keep
    // their layer so that callers can tell them apart. remoteClass() still says exactly what
    // the server sent.
    static const struct { const char *name; Code code; } pyroErrors[] = {
        { "NamingError", Code::NamingError },
        { "CommunicationError", Code::ConnectionError },
        { "ConnectionClosedError", Code::ConnectionClosed },
        { "TimeoutError", Code::Timeout },
        { "ProtocolError", Code::ProtocolError },
        { "MessageTooLargeError", Code::MessageTooLarge },
        { "SecurityError", Code::SecurityError },
        { "SerializeError", Code::SerializeError },
    };
    const QString cls = e.m_remoteClass;
    if (cls.startsWith(QLatin1String("Pyro4.errors.")) || cls.startsWith(QLatin1String("Pyro5.errors."))) {
        const QStringView name = QStringView(cls).mid(13);
        for (const auto &entry : pyroErrors) {
            if (name == QLatin1String(entry.name))
                e.m_code = entry.code;
        }
    }
    if (!exceptionDict.isDict() || cls.isEmpty()) {
        // Not an exception dict (a hostile or broken daemon): keep what was sent, readable.
        e.m_message = QStringLiteral("invalid exception reply: ") + exceptionDict.repr().left(200);
    }
    return e;
}

Value Error::toExceptionDict() const
{
    Dict attrs = m_remoteAttributes;
    ValueList tb;
    if (!m_remoteTraceback.isEmpty())
        tb.append(m_remoteTraceback);
    attrs.insert(QStringLiteral("_pyroTraceback"), Value::list(tb));
    Value args = m_remoteArgs;
    if (!args.hasItems())
        args = Value::tuple(m_message.isEmpty() ? ValueList() : ValueList { m_message });
    QString cls = m_remoteClass;
    if (cls.isEmpty())
        cls = QStringLiteral("Pyro4.errors.PyroError");
    return Dict {
        { QStringLiteral("__class__"), cls },
        { QStringLiteral("__exception__"), true },
        { QStringLiteral("args"), args },
        { QStringLiteral("attributes"), Value(attrs) },
    };
}

QString Error::pythonClassName() const
{
    // traceback.format_exception_only leaves out the module for "builtins" and "__main__"
    // ("exceptions" is Python 2's builtins module, still named so by Pyro4 peers on Python 2).
    for (const QLatin1String module : { QLatin1String("builtins."), QLatin1String("__main__."),
                                            QLatin1String("exceptions.") }) {
        if (m_remoteClass.startsWith(module))
            return m_remoteClass.mid(module.size());
    }
    return m_remoteClass;
}

QString Error::toString() const
{
    if (!m_remoteClass.isEmpty())
        return m_remoteClass + QStringLiteral(": ") + m_message;
    return m_message;
}

QDebug operator<<(QDebug dbg, const Error &error)
{
    QDebugStateSaver saver(dbg);
    dbg.nospace() << "Pyro::Error(" << error.code() << ", " << error.toString();
    if (!error.detail().isEmpty())
        dbg << ", " << error.detail();
    if (error.offset() >= 0)
        dbg << ", at " << error.offset();
    dbg << ')';
    return dbg;
}

} // namespace Pyro
