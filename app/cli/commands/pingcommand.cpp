#include "commands.h"

#include "../argscanner.h"
#include "../clicontext.h"

#include "client/pendingcall.h"
#include "client/proxy.h"
#include "protocol/protocolversion.h"

namespace Pyro::Cli {

// ping URI: resolve, connect and handshake (Pyro's _pyroBind); silent on success, but with
// --verbose the detected protocol goes to stderr.
int runPing(CliContext &ctx, const QStringList &args)
{
    ArgScanner scanner({}, {});
    if (!scanner.scan(args))
        return ctx.usage(scanner.errorWhat(), scanner.errorWhy());
    const QStringList pos = scanner.positional();
    if (pos.size() != 1)
        return ctx.usage(QStringLiteral("ping"), QStringLiteral("expected exactly one URI"));
    int code = ExitOk;
    Proxy *proxy = ctx.openProxy(pos.at(0), &code);
    if (!proxy)
        return code;
    PendingCall *bind = proxy->bind();
    CliContext::wait(bind);
    const Error error = bind->error();
    delete bind;
    if (error)
        return ctx.fail(pos.at(0), error);
    if (ctx.options().verbose && proxy->protocol())
        CliContext::writeErr(QStringLiteral("pyroctl: %1: %2\n").arg(proxy->connectedUri().toString(), ProtocolInfo::describe(*proxy->protocol())));
    return ExitOk;
}

} // namespace Pyro::Cli
