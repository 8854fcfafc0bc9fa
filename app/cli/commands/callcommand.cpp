#include "commands.h"

#include "../argscanner.h"
#include "../clicontext.h"

#include "client/pendingcall.h"
#include "client/pendingstream.h"
#include "client/proxy.h"

#include <QEventLoop>

namespace Pyro::Cli {

namespace {

int callOrOneway(CliContext &ctx, const QStringList &args, bool oneway)
{
    const QString command = oneway ? QStringLiteral("oneway") : QStringLiteral("call");
    ArgScanner scanner({}, {});
    if (!scanner.scan(args))
        return ctx.usage(scanner.errorWhat(), scanner.errorWhy());
    const QStringList pos = scanner.positional();
    if (pos.size() < 2)
        return ctx.usage(command, QStringLiteral("expected URI METHOD [ARG ...]"));
    ValueList callArgs;
    Dict kwargs;
    int code = ExitOk;
    if (!ctx.parseArguments(pos.mid(2), &callArgs, &kwargs, &code))
        return code;
    Proxy *proxy = ctx.openProxy(pos.at(0), &code);
    if (!proxy)
        return code;
    const QString method = pos.at(1);
    PendingCall *call = oneway ? proxy->callOneway(method, callArgs, kwargs) : proxy->call(method, callArgs, kwargs);
    CliContext::wait(call);
    const Error error = call->error();
    if (error) {
        delete call;
        return ctx.failCall(pos.at(0), error);
    }
    if (oneway) {
        delete call;
        return ExitOk;
    }
    if (!call->isStream()) {
        const Value result = call->result();
        delete call;
        return ctx.printValue(result);
    }
    // The method returned an iterator: print its items as they arrive, as 'stream' does.
    PendingStream *stream = call->takeStream();
    delete call;
    stream->setAutoDelete(false);
    QObject::connect(stream, &PendingStream::itemReceived, &ctx, [&ctx, &code](const Value &item) {
        if (code == ExitOk)
            code = ctx.printValue(item);
    });
    if (!stream->isFinished()) {
        QEventLoop loop;
        QObject::connect(stream, &PendingCall::finished, &loop, &QEventLoop::quit);
        loop.exec();
    }
    const Error streamError = stream->error();
    delete stream;
    if (streamError)
        return ctx.failCall(pos.at(0), streamError);
    return code;
}

} // namespace

// call URI METHOD [ARG ...] [NAME=ARG ...]: prints the result (or a returned iterator's items).
int runCall(CliContext &ctx, const QStringList &args)
{
    return callOrOneway(ctx, args, false);
}

// oneway URI METHOD [ARG ...]: sends the call with FLAGS_ONEWAY; prints nothing.
int runOneway(CliContext &ctx, const QStringList &args)
{
    return callOrOneway(ctx, args, true);
}

} // namespace Pyro::Cli
