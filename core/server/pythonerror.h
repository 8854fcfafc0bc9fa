#pragma once

#include "support/error.h"

#include <QString>

namespace Pyro {

/*!
    Builds the errors a C++ daemon raises to Pyro4 clients. Python clients rebuild only
    \c builtins.* and \c Pyro4.errors.* exception classes (doc 3.3), so daemon code and
    handlers use these helpers instead of inventing class names:
    \code
    return PythonError::builtin(QStringLiteral("ValueError"), QStringLiteral("negative size"));
    \endcode
    The result is an Error with code RemoteException whose toExceptionDict() is what goes
    on the wire (class, args, and a short _pyroTraceback text naming the C++ daemon).
*/
class PythonError
{
public:
    //! \c builtins.<name>, e.g. "ValueError", "TypeError", "KeyError", "ZeroDivisionError".
    static Error builtin(const QString &name, const QString &message);
    //! \c builtins.<name> with explicit args (a tuple), e.g. StopIteration with no args.
    static Error builtinWithArgs(const QString &name, const ValueList &args);
    //! \c Pyro4.errors.<name>, e.g. "DaemonError", "NamingError", "SerializeError".
    static Error pyro(const QString &name, const QString &message);
    //! Any class name (used by both helpers); \a where names the method for the traceback.
    static Error make(const QString &qualifiedClass, const ValueList &args, const QString &where = QString());

    /*!
        Turns any Error into one a Python client can rebuild: remote exceptions keep their
        class; local errors are mapped by category (serialization -> SerializeError, naming
        -> NamingError, security -> SecurityError, others -> PyroError).
    */
    static Error forPython(const Error &error);

    //! Adds "in <where>" to the traceback text of \a error (no-op for non-remote errors).
    static Error withTracebackLocation(const Error &error, const QString &where);

    static Error typeError(const QString &message) { return builtin(QStringLiteral("TypeError"), message); }
    static Error valueError(const QString &message) { return builtin(QStringLiteral("ValueError"), message); }
    static Error attributeError(const QString &message) { return builtin(QStringLiteral("AttributeError"), message); }
};

} // namespace Pyro
