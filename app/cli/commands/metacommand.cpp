#include "commands.h"

#include "../argscanner.h"
#include "../clicontext.h"

#include "client/pendingcall.h"
#include "client/proxy.h"

namespace Pyro::Cli {

// meta URI: the handshake metadata as {'methods': [...], 'oneway': [...], 'attrs': [...]}, sorted.
int runMeta(CliContext &ctx, const QStringList &args)
{
    ArgScanner scanner({}, {});
    if (!scanner.scan(args))
        return ctx.usage(scanner.errorWhat(), scanner.errorWhy());
    const QStringList pos = scanner.positional();
    if (pos.size() != 1)
        return ctx.usage(QStringLiteral("meta"), QStringLiteral("expected exactly one URI"));
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
    auto sorted = [](QStringList l) {
        l.sort();
        ValueList items;
        for (const QString &s : l)
            items.append(s);
        return Value::list(items);
    };
    // Built here rather than taken from the proxy so that the key order is fixed.
    const Dict meta {
        { QStringLiteral("methods"), sorted(proxy->methods()) },
        { QStringLiteral("oneway"), sorted(proxy->onewayMethods()) },
        { QStringLiteral("attrs"), sorted(proxy->attributes()) },
    };
    return ctx.printValue(meta);
}

} // namespace Pyro::Cli
