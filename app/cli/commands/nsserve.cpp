#include "commands/servecommands.h"

#include "server/daemon.h"
#include "server/nameserver.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QHostAddress>

namespace Pyro::Cli {

int runNsServe(const QStringList &args)
{
    const QString what = QStringLiteral("ns serve");
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Runs a name server for Pyro4 and Pyro5 clients (one port) until interrupted."));
    parser.addHelpOption();
    parser.addOptions({
            { QStringLiteral("host"), QStringLiteral("Address to listen on (default 127.0.0.1)."), QStringLiteral("H"), QStringLiteral("127.0.0.1") },
            { QStringLiteral("port"), QStringLiteral("TCP port (default 9090; 0 = any free port)."), QStringLiteral("P"), QStringLiteral("9090") },
            { QStringLiteral("bcport"), QStringLiteral("UDP broadcast port (default 9091; 0 = any free port)."), QStringLiteral("P"), QStringLiteral("9091") },
            { QStringLiteral("no-broadcast"), QStringLiteral("Do not answer broadcast discovery.") },
            { QStringLiteral("storage"), QStringLiteral("Keep the registrations in this JSON file."), QStringLiteral("FILE") },
            { QStringLiteral("hmac-key"), QStringLiteral("HMAC key shared with clients."), QStringLiteral("KEY") },
    });
    if (!parser.parse(QStringList { QStringLiteral("pyroctl ns serve") } + args))
        return serveUsageError(what, parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) {
        writeServeLine(parser.helpText());
        return 0;
    }
    if (!parser.positionalArguments().isEmpty())
        return serveUsageError(what, QStringLiteral("unexpected argument '%1'").arg(parser.positionalArguments().constFirst()));
    bool ok = false;
    const uint port = parser.value(QStringLiteral("port")).toUInt(&ok);
    if (!ok || port > 65535)
        return serveUsageError(what, QStringLiteral("invalid port '%1'").arg(parser.value(QStringLiteral("port"))));
    const uint bcport = parser.value(QStringLiteral("bcport")).toUInt(&ok);
    if (!ok || bcport > 65535)
        return serveUsageError(what, QStringLiteral("invalid broadcast port '%1'").arg(parser.value(QStringLiteral("bcport"))));

    DaemonSettings settings;
    settings.hmacKey = parser.value(QStringLiteral("hmac-key")).toUtf8();
    Daemon daemon(settings);
    const QString host = parser.value(QStringLiteral("host"));
    if (!daemon.listen(host, quint16(port)))
        return serveUsageError(what, daemon.error().message() + QStringLiteral(" (") + daemon.error().detail() + u')');
    NameServer ns;
    ns.attach(&daemon);
    if (parser.isSet(QStringLiteral("storage"))) {
        const Error e = ns.setStorageFile(parser.value(QStringLiteral("storage")));
        if (e)
            return serveUsageError(what, e.message() + QStringLiteral(": ") + e.detail());
    }
    if (!parser.isSet(QStringLiteral("no-broadcast"))) {
        // Pyro4 skips the responder on loopback; we bind it to 127.0.0.1 then, which is what
        // single-machine use and tests need (BROADCAST_ADDRS=127.0.0.1 finds it).
        const QHostAddress bound(daemon.host());
        const QHostAddress bcAddress = bound.isLoopback() ? bound : QHostAddress(QHostAddress::AnyIPv4);
        const Error e = ns.startBroadcast(bcAddress, quint16(bcport));
        if (e)
            serveUsageError(what, e.message() + QStringLiteral(": ") + e.detail() + QStringLiteral(" (continuing without broadcast)"));
        else
            writeServeLine(QStringLiteral("NS broadcast responder on %1:%2").arg(bcAddress.toString()).arg(ns.broadcastPort()));
    }
    quitOnTerminationSignals();
    writeServeLine(QStringLiteral("NS ready at ") + ns.uri().toString());
    const int rc = QCoreApplication::exec();
    // Before the objects declared after the daemon die: no call may still run in them.
    daemon.shutdown();
    return rc;
}

} // namespace Pyro::Cli
