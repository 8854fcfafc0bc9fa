#pragma once

#include <QStringList>

namespace Pyro::Cli {

/*!
    pyroctl ns serve [--host H] [--port P] [--bcport P] [--no-broadcast] [--storage FILE]
                     [--hmac-key KEY]
    Runs an embedded name server until SIGINT/SIGTERM. Prints "NS ready at <uri>" (flushed)
    once listening. \a args are the words after "ns serve". Returns the exit code.
*/
int runNsServe(const QStringList &args);

/*!
    pyroctl serve-demo [--host H] [--port P] [--ns HOST:PORT | --with-ns] [--ns-port P]
                       [--bcport P] [--hmac-key KEY]
    Hosts the demo objects (core/server/demo), registers them in a name server when asked,
    prints "READY <ns uri or daemon location>" and one "demo.xxx PYRO:..." line per object,
    and runs until SIGINT/SIGTERM. \a args are the words after "serve-demo".
*/
int runServeDemo(const QStringList &args);

//! Makes SIGINT and SIGTERM quit the application's event loop cleanly.
void quitOnTerminationSignals();

//! Writes one line to stdout and flushes it (tests wait for these lines).
void writeServeLine(const QString &line);

//! Prints "pyroctl: <what>: <why>" to stderr and returns 2 (usage error).
int serveUsageError(const QString &what, const QString &why);

} // namespace Pyro::Cli
