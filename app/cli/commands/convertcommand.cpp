#include "commands.h"

#include "../argscanner.h"
#include "../clicontext.h"

#include "serializers/serializer.h"
#include "value/literalparser.h"

#include <QFile>
#include <QStringDecoder>

#include <cstdio>

namespace Pyro::Cli {

namespace {

QStringList formats()
{
    return Serializer::names() + QStringList { QStringLiteral("repr") };
}

// convert failures are about the data, not the command line: one line on stderr, exit 1.
int convertFailed(const QString &what, const Error &error)
{
    QString why = error.message();
    why.replace(u'\n', u' ');
    CliContext::writeErr(QStringLiteral("pyroctl: %1: %2\n").arg(what, why));
    return ExitRemote;
}

} // namespace

// convert --from FMT --to FMT: one serialized value from stdin, re-encoded on stdout.
int runConvert(CliContext &ctx, const QStringList &args)
{
    ArgScanner scanner({}, { QStringLiteral("--from"), QStringLiteral("--to") });
    if (!scanner.scan(args))
        return ctx.usage(scanner.errorWhat(), scanner.errorWhy());
    if (!scanner.positional().isEmpty())
        return ctx.usage(QStringLiteral("convert"),
                         QStringLiteral("unexpected argument '%1' (the value is read from stdin)")
                                 .arg(scanner.positional().first()));
    const QString from = scanner.value(QStringLiteral("--from"));
    const QString to = scanner.value(QStringLiteral("--to"));
    const QString allowed = formats().join(QLatin1String(", "));
    if (from.isEmpty() || to.isEmpty())
        return ctx.usage(QStringLiteral("convert"), QStringLiteral("--from FMT and --to FMT are required"));
    if (!formats().contains(from))
        return ctx.usage(QStringLiteral("--from"), QStringLiteral("unknown format '%1' (use %2)").arg(from, allowed));
    if (!formats().contains(to))
        return ctx.usage(QStringLiteral("--to"), QStringLiteral("unknown format '%1' (use %2)").arg(to, allowed));

    QFile in;
    if (!in.open(stdin, QIODevice::ReadOnly))
        return convertFailed(QStringLiteral("stdin"), Error(Error::Code::UsageError, in.errorString()));
    const QByteArray input = in.readAll();

    if (from != QLatin1String("repr") && to != QLatin1String("repr")) {
        // Serializer to serializer: a large list is re-encoded item by item as it is read.
        bool decodeFailed = false;
        const Result<QByteArray> out =
                Serializer::transcode(*Serializer::byName(from), *Serializer::byName(to), input, &decodeFailed);
        if (!out)
            return convertFailed((decodeFailed ? from : to) + (decodeFailed ? QStringLiteral(" input") : QStringLiteral(" output")),
                                 out.error());
        CliContext::writeOut(out.value());
        return ExitOk;
    }

    Value value;
    if (from == QLatin1String("repr")) {
        QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
        const QString text = utf8.decode(input);
        if (utf8.hasError())
            return convertFailed(QStringLiteral("repr input"),
                                 Error(Error::Code::SerializeError, QStringLiteral("input is not valid UTF-8")));
        const Result<Value> r = LiteralParser::parse(QStringView(text).trimmed());
        if (!r)
            return convertFailed(QStringLiteral("repr input"), r.error());
        value = r.value();
    } else {
        const Result<Value> r = Serializer::byName(from)->decode(input);
        if (!r)
            return convertFailed(from + QStringLiteral(" input"), r.error());
        value = r.value();
    }

    if (to == QLatin1String("repr")) {
        CliContext::writeOut(value.repr().toUtf8() + '\n');
        return ExitOk;
    }
    const Result<QByteArray> out = Serializer::byName(to)->encode(value);
    if (!out)
        return convertFailed(to + QStringLiteral(" output"), out.error());
    CliContext::writeOut(out.value());
    return ExitOk;
}

} // namespace Pyro::Cli
