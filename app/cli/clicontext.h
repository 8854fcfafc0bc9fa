#pragma once

#include "exitcode.h"
#include "globaloptions.h"

#include "protocol/pyrouri.h"
#include "support/error.h"
#include "support/result.h"
#include "value/value.h"

#include <QObject>
#include <QString>

namespace Pyro {
class PendingCall;
class PendingResolve;
class Proxy;
}

namespace Pyro::Cli {

/*!
    What every pyroctl command shares: the global options, stdout/stderr writing in the
    chosen format, the error-to-exit-code rule, target resolution and the blocking waits
    (a local event loop; pyroctl is the one place where core operations are waited for).

    Errors are written as "pyroctl: <what>: <why>"; usage errors add a help hint; remote
    exceptions as "CLASS: message" followed by the remote traceback.
*/
class CliContext : public QObject
{
public:
    explicit CliContext(const GlobalOptions &options);

    const GlobalOptions &options() const { return m_options; }

    // Output
    //! One value as one line (repr) or one JSON document (json). Fails (exit 3) when the
    //! json encoder cannot carry the value.
    int printValue(const Value &value);
    void printLine(const QString &line);
    static void writeOut(const QByteArray &bytes);
    static void writeErr(const QString &text);

    // Errors
    static int exitCodeFor(const Error &error);
    //! Reports \a error about \a what and returns its exit code.
    int fail(const QString &what, const Error &error, int forcedCode = -1);
    /*!
        fail() for the reply of a call on the target object: an exception its code raised is
        exit 1 whatever its class, so a method raising Pyro4.errors.NamingError is not taken
        for a name server failure.
    */
    int failCall(const QString &what, const Error &error);
    //! "pyroctl: <what>: <why>" plus the help hint; returns ExitUsage.
    int usage(const QString &what, const QString &why);
    //! A literal that did not parse: the message, then the text with a caret under the offset.
    int literalError(const QString &what, const QString &text, const Error &error);

    //! Parses one ARG/VALUE word with LiteralParser; prints the usage error itself.
    bool parseLiteral(const QString &what, const QString &text, Value *out, int *exitCode);
    /*!
        Splits ARG words into positional arguments and NAME=ARG keyword arguments (NAME an
        identifier) and parses each. Prints the usage error itself.
    */
    bool parseArguments(const QStringList &words, ValueList *args, Dict *kwargs, int *exitCode);

    // Targets
    /*!
        URI text of any form, or a bare name meaning PYRONAME:name at --ns. A PYRONAME: or
        PYROMETA: without location gets the --ns location when one was given.
    */
    Result<PyroUri> targetUri(const QString &text) const;
    //! Resolves \a text (targetUri + name server) and returns a Proxy on the PYRO: URI,
    //! a child of this context; nullptr after reporting the failure in \a exitCode.
    Proxy *openProxy(const QString &text, int *exitCode);
    //! The name server's PYRO: URI: --ns (checked by a handshake) or Pyro4's locateNS search.
    Result<PyroUri> locateNameServer();

    // Waiting
    //! Runs the event loop until \a call finished (autoDelete is switched off; delete it yourself).
    static void wait(PendingCall *call);
    static Result<PyroUri> wait(PendingResolve *resolve);

private:
    GlobalOptions m_options;
    QString m_targetText; //!< the URI or name openProxy() was given last
    PyroUri m_target; //!< what it resolved to
    bool m_targetIsPyro = false; //!< given as a PYRO: URI (not resolved by name)
};

} // namespace Pyro::Cli
