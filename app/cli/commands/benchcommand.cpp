#include "commands.h"

#include "../clicontext.h"

namespace Pyro::Cli {

int runBench(CliContext &ctx, const QStringList &args)
{
    Q_UNUSED(args);
    return ctx.usage(QStringLiteral("bench"), QStringLiteral("not implemented yet"));
}

} // namespace Pyro::Cli
