#pragma once

#include <QStringList>

namespace Pyro::Cli {

class CliContext;

// One function per pyroctl command; each gets the words after the command name and
// returns the exit status (exitcode.h). Implemented one file per command.
int runPing(CliContext &ctx, const QStringList &args); // pingcommand.cpp
int runMeta(CliContext &ctx, const QStringList &args); // metacommand.cpp
int runCall(CliContext &ctx, const QStringList &args); // callcommand.cpp
int runOneway(CliContext &ctx, const QStringList &args); // callcommand.cpp
int runGet(CliContext &ctx, const QStringList &args); // attributecommand.cpp
int runSet(CliContext &ctx, const QStringList &args); // attributecommand.cpp
int runStream(CliContext &ctx, const QStringList &args); // streamcommand.cpp
int runBatch(CliContext &ctx, const QStringList &args); // batchcommand.cpp
int runNs(CliContext &ctx, const QStringList &args); // nscommand.cpp
int runConvert(CliContext &ctx, const QStringList &args); // convertcommand.cpp
int runBench(CliContext &ctx, const QStringList &args); // benchcommand.cpp

} // namespace Pyro::Cli
