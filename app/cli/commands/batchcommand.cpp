#include "commands.h"

#include "../argscanner.h"
#include "../callspec.h"
#include "../clicontext.h"

#include "client/batch.h"
#include "client/pendingcall.h"
#include "client/proxy.h"

namespace Pyro::Cli {

// batch URI CALL ...: CALL is 'method(arg, ..., name=arg)'; one <batch> request, one result per line.
int runBatch(CliContext &ctx, const QStringList &args)
{
    ArgScanner scanner({}, {});
    if (!scanner.scan(args))
        return ctx.usage(scanner.errorWhat(), scanner.errorWhy());
    const QStringList pos = scanner.positional();
    if (pos.size() < 2)
        return ctx.usage(QStringLiteral("batch"), QStringLiteral("expected URI CALL ..."));
    QList<CallSpec> calls;
    for (qsizetype i = 1; i < pos.size(); ++i) {
        const Result<CallSpec> spec = CallSpec::parse(pos.at(i));
        if (!spec)
            return ctx.literalError(QStringLiteral("call %1").arg(i), pos.at(i), spec.error());
        calls.append(spec.value());
    }
    int code = ExitOk;
    Proxy *proxy = ctx.openProxy(pos.at(0), &code);
    if (!proxy)
        return code;
    Batch batch(proxy);
    for (const CallSpec &c : calls)
        batch.call(c.method, c.args, c.kwargs);
    PendingCall *reply = batch.send();
    CliContext::wait(reply);
    const Error error = reply->error();
    const Value results = reply->result();
    delete reply;
    // The calls before a failing one ran: show their results, then the exception.
    for (const Value &r : results.items()) {
        code = ctx.printValue(r);
        if (code != ExitOk)
            return code;
    }
    if (error)
        return ctx.failCall(pos.at(0), error);
    return ExitOk;
}

} // namespace Pyro::Cli
