#include "dispatcher.h"

#include "clicontext.h"
#include "namehints.h"
#include "commands/commands.h"

#include "commands/servecommands.h"

#include <QCommandLineParser>
#include <QCoreApplication>

namespace Pyro::Cli {

namespace {

const char commandsText[] = R"(
Commands:
  ping URI                               connect and handshake
  meta URI                               {'methods': [...], 'oneway': [...], 'attrs': [...]}
  call URI METHOD [ARG ...] [NAME=ARG ...]
                                         call a method and print its result
  oneway URI METHOD [ARG ...] [NAME=ARG ...]
                                         call a method without waiting for it
  get URI ATTR                           read a remote attribute
  set URI ATTR VALUE                     write a remote attribute
  stream URI METHOD [ARG ...] [--max N] [--prefetch N]
                                         one item per line, written as each arrives
  batch URI CALL ...                     CALL is 'method(arg, ..., name=arg)'; one result per line
  ns locate                              the name server's URI
  ns list [PREFIX] [--regex R] [--all TAG,...] [--any TAG,...] [--meta]
                                         'name<TAB>uri' lines sorted by name (--meta adds the tags)
  ns lookup NAME [--meta]                the URI registered under NAME
  ns count                               the number of registrations
  ns register NAME URI [--tag T ...] [--safe]
  ns remove NAME | --prefix P | --regex R
  ns set-meta NAME [TAG ...]
  ns serve ...                           run a name server (see 'pyroctl ns serve --help')
  serve-demo ...                         run a daemon with demo objects
  convert --from FMT --to FMT            re-encode one value from stdin (serpent, json, marshal,
                                         msgpack, pickle, repr)
  bench URI METHOD [ARG ...] [--calls N] [--connections C] [--mode sync|oneway|batch|stream]

URI is any Pyro4 or Pyro5 URI (PYRO:obj@host:port, PYRONAME:name[@ns], PYROMETA:tag,...), or a bare
name meaning PYRONAME:name at the --ns name server; without --ns the name server is located
as Pyro4 does (PYRO_NS_HOST, PYRO_NS_PORT, broadcast). ARG and VALUE are Python literals:
42, -5, 1.5, 'text', b'\x00', [1, 2], {'a': (1, None)}.

With no command, pyroctl lists the name server; 'pyroctl URI' shows the metadata and
'pyroctl URI METHOD [ARG ...]' calls the method (URI may be a bare name: 'pyroctl lab.scope
status' calls status on PYRONAME:lab.scope).

Settings come from Pyro4's environment variables first (PYRO_SERIALIZER, PYRO_COMMTIMEOUT,
PYRO_MAX_RETRIES, PYRO_HMAC_KEY, PYRO_METADATA, PYRO_COMPRESSION, PYRO_SSL, ...), then from
the options. The name server is always asked in --ns-serializer (default serpent), whatever
--serializer is. --no-metadata skips the metadata (Pyro4 METADATA=False): any name is sent.
Streams pull one item at a time (the remote generator runs only as far as the items
printed); 'stream --prefetch N' keeps N requests in flight.

Exit status: 0 success, 1 the remote side raised, 2 usage error, 3 communication failure,
4 naming error (unknown name, no name server found).
)";

QCommandLineParser *makeParser()
{
    static QCommandLineParser parser;
    static bool made = false;
    if (made)
        return &parser;
    made = true;
    parser.setApplicationDescription(QStringLiteral("Command-line client for Pyro4 and Pyro5 remote objects"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOptions({
            { QStringLiteral("ns"), QStringLiteral("Name server location (default: locate it as Pyro4 does)."),
              QStringLiteral("HOST[:PORT]") },
            { QStringLiteral("serializer"),
              QStringLiteral("Wire format: serpent (default), json, marshal, msgpack or pickle."),
              QStringLiteral("NAME") },
            { QStringLiteral("timeout"), QStringLiteral("Connect and reply timeout (default: none)."),
              QStringLiteral("SECONDS") },
            { QStringLiteral("retries"), QStringLiteral("Re-send a call after a timeout or closed connection."),
              QStringLiteral("N") },
            { QStringLiteral("hmac"), QStringLiteral("HMAC key of the daemon and name server."),
              QStringLiteral("KEY") },
            { QStringLiteral("ns-serializer"),
              QStringLiteral("Wire format for the name server: serpent (default), json, marshal, msgpack or pickle."),
              QStringLiteral("NAME") },
            { QStringLiteral("no-metadata"), QStringLiteral("Do not ask for metadata (Pyro4 METADATA=False).") },
            { QStringLiteral("ssl"), QStringLiteral("Use TLS.") },
            { QStringLiteral("ssl-cacerts"), QStringLiteral("Trusted CA certificates (PEM)."), QStringLiteral("FILE") },
            { QStringLiteral("ssl-cert"), QStringLiteral("Client certificate (PEM)."), QStringLiteral("FILE") },
            { QStringLiteral("ssl-key"), QStringLiteral("Client private key (PEM)."), QStringLiteral("FILE") },
            { QStringLiteral("format"), QStringLiteral("Output: repr (Python's repr, default) or json."),
              QStringLiteral("repr|json") },
            { QStringLiteral("protocol"),
              QStringLiteral("Pyro protocol: auto (default: detected per endpoint), 4 (Pyro4, 48) or 5 (Pyro5, 502)."),
              QStringLiteral("auto|4|5") },
            { QStringLiteral("verbose"), QStringLiteral("Say more on stderr (ping: the detected protocol).") },
    });
    parser.addPositionalArgument(QStringLiteral("command"), QStringLiteral("What to do; see below."),
                                 QStringLiteral("COMMAND ..."));
    return &parser;
}

bool looksLikeUri(const QString &word)
{
    const qsizetype colon = word.indexOf(u':');
    return colon >= 4 && word.left(4).compare(QLatin1String("pyro"), Qt::CaseInsensitive) == 0;
}

// A name server name as people write them: letters, digits, '_', '-', '.', not an option.
bool looksLikeName(const QString &word)
{
    if (word.isEmpty() || word.startsWith(u'-') || word.startsWith(u'.') || word.endsWith(u'.'))
        return false;
    for (QChar c : word)
        if (!(c.isLetterOrNumber() || c == u'_' || c == u'-' || c == u'.'))
            return false;
    return true;
}

QStringList commandNames()
{
    return { QStringLiteral("ping"), QStringLiteral("meta"), QStringLiteral("call"), QStringLiteral("oneway"), QStringLiteral("get"),
             QStringLiteral("set"), QStringLiteral("stream"), QStringLiteral("batch"), QStringLiteral("ns"), QStringLiteral("convert"),
             QStringLiteral("bench"), QStringLiteral("serve-demo") };
}

/*
    A single word that is no command: the command it is close to, and the object it names
    when the name server (cheaply found: --ns, PYRO_NS_HOST) has it registered. Suggestions
    are only made when they would work.
*/
int unknownCommand(CliContext &ctx, const QString &command)
{
    QStringList hints;
    const QStringList near = NameHints::closest(command, commandNames(), 2);
    if (!near.isEmpty())
        hints.append(QStringLiteral("did you mean '%1'?").arg(near.join(QLatin1String("' or '"))));
    if (looksLikeName(command)) {
        NameHints names(ctx);
        names.setOnlyIfCheap(true);
        if (names.registered(command))
            hints.append(QStringLiteral("'%1' is registered at the name server: pyroctl PYRONAME:%1 [METHOD [ARG ...]]").arg(command));
        else if (const QStringList close = names.nearNames(command, 3); !close.isEmpty())
            hints.append(QStringLiteral("registered names close to '%1': %2").arg(command, close.join(QLatin1String(", "))));
    }
    if (hints.isEmpty())
        return ctx.usage(command, QStringLiteral("unknown command"));
    return ctx.usage(command, QStringLiteral("unknown command\n(%1)").arg(hints.join(QLatin1String("; "))));
}

} // namespace

QString helpText()
{
    QString text = makeParser()->helpText();
    // QCommandLineParser names the binary by its path; the command is called pyroctl.
    const qsizetype eol = text.indexOf(u'\n');
    const qsizetype options = text.indexOf(QLatin1String(" [options]"));
    if (text.startsWith(QLatin1String("Usage: ")) && options > 0 && options < eol)
        text.replace(7, options - 7, QStringLiteral("pyroctl"));
    return text + QString::fromUtf8(commandsText);
}

int run(const QStringList &arguments)
{
    GlobalOptions options;
    QString what, why;
    if (!GlobalOptions::parse(arguments, &options, &what, &why)) {
        CliContext::writeErr(QStringLiteral("pyroctl: %1: %2\nTry 'pyroctl --help' for more information.\n")
                                     .arg(what, why));
        return ExitUsage;
    }
    if (options.help) {
        CliContext::writeOut(helpText().toUtf8());
        return ExitOk;
    }
    if (options.version) {
        CliContext::writeOut(QStringLiteral("%1 %2\n")
                                     .arg(QCoreApplication::applicationName(), QCoreApplication::applicationVersion())
                                     .toUtf8());
        return ExitOk;
    }

    CliContext ctx(options);
    const QString &command = options.command;
    const QStringList &args = options.commandArgs;
    if (command.isEmpty())
        return runNs(ctx, { QStringLiteral("list") }); // qdbus: no arguments lists what is there
    if (args.contains(QLatin1String("--help")) && command != QLatin1String("call")
        && command != QLatin1String("serve-demo") && !(command == QLatin1String("ns") && args.value(0) == QLatin1String("serve"))) {
        CliContext::writeOut(helpText().toUtf8());
        return ExitOk;
    }
    if (command == QLatin1String("ping"))
        return runPing(ctx, args);
    if (command == QLatin1String("meta"))
        return runMeta(ctx, args);
    if (command == QLatin1String("call"))
        return runCall(ctx, args);
    if (command == QLatin1String("oneway"))
        return runOneway(ctx, args);
    if (command == QLatin1String("get"))
        return runGet(ctx, args);
    if (command == QLatin1String("set"))
        return runSet(ctx, args);
    if (command == QLatin1String("stream"))
        return runStream(ctx, args);
    if (command == QLatin1String("batch"))
        return runBatch(ctx, args);
    if (command == QLatin1String("ns"))
        return runNs(ctx, args);
    if (command == QLatin1String("convert"))
        return runConvert(ctx, args);
    if (command == QLatin1String("bench"))
        return runBench(ctx, args);
    if (command == QLatin1String("serve-demo")) {
        return runServeDemo(args);
    }
    // The qdbus ladder: "pyroctl URI" describes, "pyroctl URI METHOD ARGS" calls; URI may be
    // a bare name (PYRONAME:name at --ns), as everywhere else. A single undotted word alone is
    // taken for a mistyped command.
    const bool dotted = command.contains(u'.');
    if (looksLikeUri(command) || (looksLikeName(command) && (dotted || !args.isEmpty()))) {
        const int code = args.isEmpty() ? runMeta(ctx, { command }) : runCall(ctx, QStringList { command } + args);
        if ((code == ExitNaming || code == ExitUsage) && !looksLikeUri(command) && !dotted) {
            const QStringList near = NameHints::closest(command, commandNames(), 1);
            if (code == ExitNaming)
                CliContext::writeErr(near.isEmpty() ? QStringLiteral("pyroctl: '%1' is not a command either; see 'pyroctl --help'\n").arg(command)
                                                    : QStringLiteral("pyroctl: '%1' is not a command either (did you mean 'pyroctl %2'?)\n").arg(command, near.first()));
            else if (!near.isEmpty()) // "cal lab.scope status": the arguments failed as a call's
                CliContext::writeErr(QStringLiteral("pyroctl: '%1' was taken for an object name (did you mean 'pyroctl %2'?)\n").arg(command, near.first()));
        }
        return code;
    }
    return unknownCommand(ctx, command);
}

} // namespace Pyro::Cli
