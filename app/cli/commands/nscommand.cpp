#include "commands.h"

#include "../argscanner.h"
#include "../clicontext.h"
#include "../namehints.h"

#include "servecommands.h"

#include "client/pendingcall.h"
#include "naming/nameserverclient.h"

namespace Pyro::Cli {

namespace {

const QString nameServerWhat = QStringLiteral("name server");

ValueList strings(const QStringList &list)
{
    ValueList out;
    for (const QString &s : list)
        out.append(s);
    return out;
}

QStringList splitTags(const QStringList &options)
{
    QStringList tags;
    for (const QString &o : options) {
        for (const QString &t : o.split(u',', Qt::SkipEmptyParts))
            tags.append(t.trimmed());
    }
    return tags;
}

/*
    Locates the name server, runs one remote call on it and returns the result, or reports
    the failure and sets *code.
*/
class NsSession
{
public:
    explicit NsSession(CliContext &ctx) : m_ctx(ctx) { }

    bool open(int *code)
    {
        const Result<PyroUri> uri = m_ctx.locateNameServer();
        if (!uri) {
            *code = m_ctx.fail(nameServerWhat, uri.error());
            return false;
        }
        m_client = new NameServerClient(uri.value(), m_ctx.options().nameServerSettings(), &m_ctx);
        return true;
    }
    NameServerClient *client() const { return m_client; }

    bool run(PendingCall *call, Value *result, int *code)
    {
        CliContext::wait(call);
        const Error error = call->error();
        *result = call->result();
        delete call;
        if (error) {
            *code = m_ctx.fail(nameServerWhat, error);
            m_error = error;
            return false;
        }
        return true;
    }
    //! The name server refused a name it does not have ("unknown name: NAME").
    bool unknownName() const { return m_error.code() == Error::Code::NamingError; }

private:
    CliContext &m_ctx;
    NameServerClient *m_client = nullptr;
    Error m_error;
};

int nsLocate(CliContext &ctx, const QStringList &pos)
{
    if (!pos.isEmpty())
        return ctx.usage(QStringLiteral("ns locate"), QStringLiteral("takes no arguments"));
    const Result<PyroUri> uri = ctx.locateNameServer();
    if (!uri)
        return ctx.fail(nameServerWhat, uri.error());
    if (ctx.options().json)
        return ctx.printValue(uri.value().toString());
    ctx.printLine(uri.value().toString());
    return ExitOk;
}

int nsList(CliContext &ctx, const QStringList &args)
{
    ArgScanner scanner({ QStringLiteral("--meta") },
                       { QStringLiteral("--regex"), QStringLiteral("--all"), QStringLiteral("--any") });
    if (!scanner.scan(args))
        return ctx.usage(scanner.errorWhat(), scanner.errorWhy());
    const QStringList pos = scanner.positional();
    if (pos.size() > 1)
        return ctx.usage(QStringLiteral("ns list"), QStringLiteral("expected at most one PREFIX"));
    NameServerFilter filter;
    filter.prefix = pos.value(0);
    filter.regex = scanner.value(QStringLiteral("--regex"));
    filter.metadataAll = splitTags(scanner.values(QStringLiteral("--all")));
    filter.metadataAny = splitTags(scanner.values(QStringLiteral("--any")));
    const int filters = int(!filter.prefix.isEmpty()) + int(!filter.regex.isEmpty())
            + int(!filter.metadataAll.isEmpty()) + int(!filter.metadataAny.isEmpty());
    if (filters > 1)
        return ctx.usage(QStringLiteral("ns list"),
                         QStringLiteral("give at most one of PREFIX, --regex, --all and --any"));
    const bool meta = scanner.isSet(QStringLiteral("--meta"));

    int code = ExitOk;
    NsSession ns(ctx);
    if (!ns.open(&code))
        return code;
    Value result;
    if (!ns.run(ns.client()->list(filter, true), &result, &code))
        return code;
    const Result<QList<NameServerEntry>> entries = NameServerClient::entriesFromListResult(result);
    if (!entries)
        return ctx.fail(nameServerWhat, entries.error());
    if (ctx.options().json) {
        Dict d;
        for (const NameServerEntry &e : entries.value()) {
            if (meta)
                d.insert(e.name, Value::list({ e.uri.toString(), Value::list(strings(e.metadata)) }));
            else
                d.insert(e.name, e.uri.toString());
        }
        return ctx.printValue(d);
    }
    for (const NameServerEntry &e : entries.value()) {
        QString line = e.name + u'\t' + e.uri.toString();
        if (meta)
            line += u'\t' + e.metadata.join(u',');
        ctx.printLine(line);
    }
    return ExitOk;
}

int nsLookup(CliContext &ctx, const QStringList &args)
{
    ArgScanner scanner({ QStringLiteral("--meta") }, {});
    if (!scanner.scan(args))
        return ctx.usage(scanner.errorWhat(), scanner.errorWhy());
    const QStringList pos = scanner.positional();
    if (pos.size() != 1)
        return ctx.usage(QStringLiteral("ns lookup"), QStringLiteral("expected exactly one NAME"));
    const bool meta = scanner.isSet(QStringLiteral("--meta"));
    int code = ExitOk;
    NsSession ns(ctx);
    if (!ns.open(&code))
        return code;
    Value result;
    if (!ns.run(ns.client()->lookup(pos.at(0), meta), &result, &code)) {
        if (ns.unknownName())
            CliContext::writeErr(NameHints(ctx).forNameCommand(QStringLiteral("lookup"), pos.at(0), meta ? QStringList { QStringLiteral("--meta") } : QStringList()));
        return code;
    }
    NameServerEntry entry;
    if (meta) {
        const Result<NameServerEntry> r = NameServerClient::entryFromLookupResult(pos.at(0), result);
        if (!r)
            return ctx.fail(nameServerWhat, r.error());
        entry = r.value();
    } else {
        const Result<PyroUri> r = NameServerClient::uriFromResult(result);
        if (!r)
            return ctx.fail(nameServerWhat, r.error());
        entry.uri = r.value();
    }
    if (ctx.options().json) {
        if (meta)
            return ctx.printValue(Value::list({ entry.uri.toString(), Value::list(strings(entry.metadata)) }));
        return ctx.printValue(entry.uri.toString());
    }
    ctx.printLine(meta ? entry.uri.toString() + u'\t' + entry.metadata.join(u',') : entry.uri.toString());
    return ExitOk;
}

int nsCount(CliContext &ctx, const QStringList &args)
{
    if (!args.isEmpty())
        return ctx.usage(QStringLiteral("ns count"), QStringLiteral("takes no arguments"));
    int code = ExitOk;
    NsSession ns(ctx);
    if (!ns.open(&code))
        return code;
    Value result;
    if (!ns.run(ns.client()->count(), &result, &code))
        return code;
    return ctx.printValue(result);
}

int nsRegister(CliContext &ctx, const QStringList &args)
{
    ArgScanner scanner({ QStringLiteral("--safe") }, { QStringLiteral("--tag") });
    if (!scanner.scan(args))
        return ctx.usage(scanner.errorWhat(), scanner.errorWhy());
    const QStringList pos = scanner.positional();
    if (pos.size() != 2)
        return ctx.usage(QStringLiteral("ns register"), QStringLiteral("expected NAME URI"));
    const Result<PyroUri> uri = PyroUri::parse(pos.at(1));
    if (!uri) {
        NameHints hints(ctx);
        QString hint;
        if (PyroUri::parse(pos.at(0)))
            hint = QStringLiteral("(NAME comes first: ns register %1 %2)").arg(pos.at(1), pos.at(0));
        else if (const NameServerEntry *e = hints.registered(pos.at(1)))
            hint = QStringLiteral("(a URI is needed; '%1' is registered as %2: ns register %3 %2)").arg(pos.at(1), e->uri.toString(), pos.at(0));
        else
            hint = hints.forBadUri(pos.at(1)).chopped(1);
        return ctx.usage(pos.at(1), hint.isEmpty() ? uri.error().message() : uri.error().message() + u'\n' + hint);
    }
    int code = ExitOk;
    NsSession ns(ctx);
    if (!ns.open(&code))
        return code;
    Value result;
    if (!ns.run(ns.client()->registerName(pos.at(0), uri.value(), scanner.values(QStringLiteral("--tag")),
                                          scanner.isSet(QStringLiteral("--safe"))),
                &result, &code))
        return code;
    return ExitOk;
}

int nsRemove(CliContext &ctx, const QStringList &args)
{
    ArgScanner scanner({}, { QStringLiteral("--prefix"), QStringLiteral("--regex") });
    if (!scanner.scan(args))
        return ctx.usage(scanner.errorWhat(), scanner.errorWhy());
    const QStringList pos = scanner.positional();
    const int given = int(pos.size()) + int(scanner.isSet(QStringLiteral("--prefix")))
            + int(scanner.isSet(QStringLiteral("--regex")));
    if (given != 1 || pos.size() > 1)
        return ctx.usage(QStringLiteral("ns remove"), QStringLiteral("expected one of NAME, --prefix P, --regex R"));
    int code = ExitOk;
    NsSession ns(ctx);
    if (!ns.open(&code))
        return code;
    PendingCall *call = !pos.isEmpty() ? ns.client()->remove(pos.at(0))
            : scanner.isSet(QStringLiteral("--prefix"))
            ? ns.client()->removePrefix(scanner.value(QStringLiteral("--prefix")))
            : ns.client()->removeRegex(scanner.value(QStringLiteral("--regex")));
    Value result;
    if (!ns.run(call, &result, &code))
        return code;
    code = ctx.printValue(result);
    // Not an error (Pyro's remove() answers 0), but 'ns remove PYRONAME:x' or a typo
    // removed nothing: say which name would have been removed.
    if (!pos.isEmpty() && result.isInt() && result.toInt64() == 0)
        CliContext::writeErr(NameHints(ctx).forNameCommand(QStringLiteral("remove"), pos.at(0)));
    return code;
}

int nsSetMeta(CliContext &ctx, const QStringList &args)
{
    ArgScanner scanner({}, {});
    if (!scanner.scan(args))
        return ctx.usage(scanner.errorWhat(), scanner.errorWhy());
    const QStringList pos = scanner.positional();
    if (pos.isEmpty())
        return ctx.usage(QStringLiteral("ns set-meta"), QStringLiteral("expected NAME [TAG ...]"));
    int code = ExitOk;
    NsSession ns(ctx);
    if (!ns.open(&code))
        return code;
    Value result;
    if (!ns.run(ns.client()->setMetadata(pos.at(0), pos.mid(1)), &result, &code)) {
        if (ns.unknownName())
            CliContext::writeErr(NameHints(ctx).forNameCommand(QStringLiteral("set-meta"), pos.at(0), pos.mid(1)));
        return code;
    }
    return ExitOk;
}

} // namespace

// ns SUBCOMMAND ...: the name server commands.
int runNs(CliContext &ctx, const QStringList &args)
{
    if (args.isEmpty())
        return ctx.usage(QStringLiteral("ns"),
                         QStringLiteral("expected locate, list, lookup, count, register, remove, set-meta or serve"));
    const QString sub = args.at(0);
    const QStringList rest = args.mid(1);
    if (sub == QLatin1String("locate"))
        return nsLocate(ctx, rest);
    if (sub == QLatin1String("list"))
        return nsList(ctx, rest);
    if (sub == QLatin1String("lookup"))
        return nsLookup(ctx, rest);
    if (sub == QLatin1String("count"))
        return nsCount(ctx, rest);
    if (sub == QLatin1String("register"))
        return nsRegister(ctx, rest);
    if (sub == QLatin1String("remove"))
        return nsRemove(ctx, rest);
    if (sub == QLatin1String("set-meta"))
        return nsSetMeta(ctx, rest);
    if (sub == QLatin1String("serve")) {
        return runNsServe(rest);
    }
    const QStringList near = NameHints::closest(sub, { QStringLiteral("locate"), QStringLiteral("list"), QStringLiteral("lookup"),
                                                       QStringLiteral("count"), QStringLiteral("register"), QStringLiteral("remove"),
                                                       QStringLiteral("set-meta"), QStringLiteral("serve") },
                                                1);
    return ctx.usage(QStringLiteral("ns ") + sub, near.isEmpty() ? QStringLiteral("unknown name server command")
                                                                 : QStringLiteral("unknown name server command (did you mean 'ns %1'?)").arg(near.first()));
}

} // namespace Pyro::Cli
