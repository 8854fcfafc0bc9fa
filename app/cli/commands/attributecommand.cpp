#include "commands.h"

#include "../argscanner.h"
#include "../clicontext.h"

#include "client/pendingcall.h"
#include "client/proxy.h"

namespace Pyro::Cli {

// get URI ATTR: prints the remote property's value.
int runGet(CliContext &ctx, const QStringList &args)
{
    ArgScanner scanner({}, {});
    if (!scanner.scan(args))
        return ctx.usage(scanner.errorWhat(), scanner.errorWhy());
    const QStringList pos = scanner.positional();
    if (pos.size() != 2)
        return ctx.usage(QStringLiteral("get"), QStringLiteral("expected URI ATTR"));
    int code = ExitOk;
    Proxy *proxy = ctx.openProxy(pos.at(0), &code);
    if (!proxy)
        return code;
    PendingCall *call = proxy->getAttribute(pos.at(1));
    CliContext::wait(call);
    const Error error = call->error();
    const Value result = call->result();
    delete call;
    if (error)
        return ctx.failCall(pos.at(0), error);
    return ctx.printValue(result);
}

// set URI ATTR VALUE: writes the remote property; prints nothing.
int runSet(CliContext &ctx, const QStringList &args)
{
    ArgScanner scanner({}, {});
    if (!scanner.scan(args))
        return ctx.usage(scanner.errorWhat(), scanner.errorWhy());
    const QStringList pos = scanner.positional();
    if (pos.size() != 3)
        return ctx.usage(QStringLiteral("set"), QStringLiteral("expected URI ATTR VALUE"));
    Value value;
    int code = ExitOk;
    if (!ctx.parseLiteral(QStringLiteral("VALUE"), pos.at(2), &value, &code))
        return code;
    Proxy *proxy = ctx.openProxy(pos.at(0), &code);
    if (!proxy)
        return code;
    PendingCall *call = proxy->setAttribute(pos.at(1), value);
    CliContext::wait(call);
    const Error error = call->error();
    delete call;
    if (error)
        return ctx.failCall(pos.at(0), error);
    return ExitOk;
}

} // namespace Pyro::Cli
