#pragma once

#include <QStringList>

namespace Pyro::Cli {

/*!
    pyroctl's entry point after QCoreApplication exists: parses the global options, then
    runs one command. Like qdbus it builds up: no command lists the name server, a URI alone
    shows its metadata, a URI with a method calls it. Returns the exit status (exitcode.h).
*/
int run(const QStringList &arguments);

//! The --help text.
QString helpText();

} // namespace Pyro::Cli
