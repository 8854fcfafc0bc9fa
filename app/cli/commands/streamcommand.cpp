#include "commands.h"

#include "../argscanner.h"
#include "../clicontext.h"

#include "client/pendingstream.h"
#include "client/proxy.h"

#include <QEventLoop>

namespace Pyro::Cli {

// stream URI METHOD [ARG ...] [--max N] [--prefetch N]: one item per line, written as each
// arrives. Items are requested one at a time (the remote generator advances exactly as far as
// the items printed, --max N advances it N times); --prefetch N keeps N requests in flight.
int runStream(CliContext &ctx, const QStringList &args)
{
    ArgScanner scanner({}, { QStringLiteral("--max"), QStringLiteral("--prefetch") });
    if (!scanner.scan(args))
        return ctx.usage(scanner.errorWhat(), scanner.errorWhy());
    const QStringList pos = scanner.positional();
    if (pos.size() < 2)
        return ctx.usage(QStringLiteral("stream"), QStringLiteral("expected URI METHOD [ARG ...]"));
    qint64 max = -1;
    if (scanner.isSet(QStringLiteral("--max"))) {
        bool ok = false;
        max = scanner.value(QStringLiteral("--max")).toLongLong(&ok);
        if (!ok || max < 0)
            return ctx.usage(QStringLiteral("--max"),
                             QStringLiteral("'%1' is not a count").arg(scanner.value(QStringLiteral("--max"))));
    }
    int prefetch = 0;
    if (scanner.isSet(QStringLiteral("--prefetch"))) {
        bool ok = false;
        prefetch = scanner.value(QStringLiteral("--prefetch")).toInt(&ok);
        if (!ok || prefetch < 1)
            return ctx.usage(QStringLiteral("--prefetch"),
                             QStringLiteral("'%1' is not a count of at least 1").arg(scanner.value(QStringLiteral("--prefetch"))));
    }
    ValueList callArgs;
    Dict kwargs;
    int code = ExitOk;
    if (!ctx.parseArguments(pos.mid(2), &callArgs, &kwargs, &code))
        return code;
    Proxy *proxy = ctx.openProxy(pos.at(0), &code);
    if (!proxy)
        return code;

    PendingStream *stream = proxy->callStream(pos.at(1), callArgs, kwargs);
    stream->setAutoDelete(false);
    if (prefetch > 0)
        stream->setPrefetch(prefetch);
    qint64 printed = 0;
    if (max == 0)
        stream->close();
    QObject::connect(stream, &PendingStream::itemReceived, &ctx, [&](const Value &item) {
        if (code != ExitOk || (max >= 0 && printed >= max))
            return;
        code = ctx.printValue(item);
        ++printed;
        if (code != ExitOk || (max >= 0 && printed >= max))
            stream->close(); // abandons the generator on the server (close_stream)
    });
    if (!stream->isFinished()) {
        QEventLoop loop;
        QObject::connect(stream, &PendingCall::finished, &loop, &QEventLoop::quit);
        loop.exec();
    }
    const Error error = stream->error();
    const Value result = stream->result();
    const bool wasStream = !stream->streamId().isEmpty();
    delete stream;
    if (error)
        return ctx.failCall(pos.at(0), error);
    // A method that returned something other than an iterator: print that value.
    if (!wasStream && printed == 0 && code == ExitOk && max != 0)
        return ctx.printValue(result);
    return code;
}

} // namespace Pyro::Cli
