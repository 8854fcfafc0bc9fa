#pragma once

#include "protocol/protocolversion.h"
#include "support/result.h"
#include "value/value.h"

#include <QJsonObject>
#include <QString>

namespace Pyro::Ui {

/*!
    One call as the workbench builds, runs, stores and replays it: the target URI (PYRO:,
    PYRONAME: or PYROMETA: text), the method, positional and keyword arguments, and how to send
    it. A plain value. The InvokePanel produces it, the HistoryModel keeps it, and "copy as"
    turns it into a pyroctl command line or a Python Pyro4 or Pyro5 snippet (and back, for pyroctl).
*/
struct Invocation
{
    QString uri;
    QString method;
    ValueList args;
    Dict kwargs;
    bool oneway = false;
    //! Seconds to wait for the reply; 0 uses the session's profile.
    double timeout = 0.0;
    //! Serializer name to send with ("serpent", "json", ...); empty uses the profile.
    QString serializer;
    //! The protocol the target was seen to speak (the proxy's handshake); nullopt: not known,
    //! the Python snippet is written for Pyro4. An observation, not part of the call: not
    //! compared by ==.
    std::optional<ProtocolVersion> protocol;

    bool isValid() const { return !uri.isEmpty() && !method.isEmpty(); }

    //! Arguments as Python source: "1, 'a', key=(2, 3)".
    QString argumentText() const;
    //! One argument as the argument line and pyroctl read it back: its repr, a proxy as
    //! Pyro4.core.Proxy('PYRO:...') (Pyro5.client.Proxy for a Pyro5 one).
    static QString argumentRepr(const Value &value);
    //! "pyroctl [--serializer S] [--timeout T] call|oneway URI METHOD ARG... NAME=ARG..." with
    //! every word shell-quoted (POSIX sh), arguments as Python literals.
    QString toPyroctl() const;
    //! A runnable Python 3 snippet doing the same call: Pyro5 (Pyro5.api) when protocol says
    //! so, else Pyro4.
    QString toPython() const;
    /*!
        A runnable Python 3 snippet sending \a calls as one batch to the object of the first
        call, with its serializer and timeout: \c Pyro5.api.BatchProxy when \a protocol is
        Pyro5, else \c Pyro4.batch; it prints each result. Empty for no calls.
    */
    static QString batchToPython(const QList<Invocation> &calls, std::optional<ProtocolVersion> protocol);
    /*!
        Reads a pyroctl command line back (the form toPyroctl() writes, and what users paste:
        POSIX shell quoting, a leading "pyroctl" optional, the global options --serializer and
        --timeout, commands call, oneway and stream). Errors are UsageError with offset() into
        \a commandLine where known.
    */
    static Result<Invocation> fromPyroctl(const QString &commandLine);

    //! Lossless JSON form for the history file (arguments as Python literals).
    QJsonObject toJson() const;
    static Result<Invocation> fromJson(const QJsonObject &object);

    friend bool operator==(const Invocation &a, const Invocation &b)
    {
        return a.uri == b.uri && a.method == b.method && a.args == b.args && a.kwargs == b.kwargs
                && a.oneway == b.oneway && a.timeout == b.timeout && a.serializer == b.serializer;
    }

    //! POSIX sh quoting of one word (bare when safe, otherwise in single quotes).
    static QString shellQuote(const QString &word);
    //! Splits a POSIX sh command line into words (quotes, backslashes); error with offset on
    //! an unterminated quote.
    static Result<QStringList> shellSplit(const QString &commandLine);
};

} // namespace Pyro::Ui
