#include "commands/servecommands.h"

#include "client/pendingcall.h"
#include "naming/nameserverclient.h"
#include "server/daemon.h"
#include "server/demo/demoobjects.h"
#include "server/nameserver.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QHostAddress>

#include <memory>

namespace Pyro::Cli {

int runServeDemo(const QStringList &args)
{
    const QString what = QStringLiteral("serve-demo");
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Hosts the demo objects for Pyro4 and Pyro5 clients (one port) until interrupted."));
    parser.addHelpOption();
    parser.addOptions({
            { QStringLiteral("host"), QStringLiteral("Address to listen on (default 127.0.0.1)."), QStringLiteral("H"), QStringLiteral("127.0.0.1") },
            { QStringLiteral("port"), QStringLiteral("TCP port of the demo daemon (default 0 = any free port)."), QStringLiteral("P"), QStringLiteral("0") },
            { QStringLiteral("ns"), QStringLiteral("Register the objects in the name server at HOST:PORT."), QStringLiteral("HOST:PORT") },
            { QStringLiteral("with-ns"), QStringLiteral("Start a name server in this process and register there.") },
            { QStringLiteral("ns-port"), QStringLiteral("TCP port of the --with-ns name server (default 9090)."), QStringLiteral("P"), QStringLiteral("9090") },
            { QStringLiteral("bcport"), QStringLiteral("UDP broadcast port of the --with-ns name server (default 9091; 0 = any; 'off' = none)."), QStringLiteral("P"), QStringLiteral("9091") },
            { QStringLiteral("hmac-key"), QStringLiteral("HMAC key shared with clients."), QStringLiteral("KEY") },
    });
    if (!parser.parse(QStringList { QStringLiteral("pyroctl serve-demo") } + args))
        return serveUsageError(what, parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) {
        writeServeLine(parser.helpText());
        return 0;
    }
    if (!parser.positionalArguments().isEmpty())
        return serveUsageError(what, QStringLiteral("unexpected argument '%1'").arg(parser.positionalArguments().constFirst()));
    if (parser.isSet(QStringLiteral("ns")) && parser.isSet(QStringLiteral("with-ns")))
        return serveUsageError(what, QStringLiteral("--ns and --with-ns exclude each other"));
    auto portOption = [&](const QString &name, uint *out) {
        bool ok = false;
        *out = parser.value(name).toUInt(&ok);
        return ok && *out <= 65535;
    };
    uint port = 0, nsPort = 0, bcPort = 0;
    if (!portOption(QStringLiteral("port"), &port))
        return serveUsageError(what, QStringLiteral("invalid port '%1'").arg(parser.value(QStringLiteral("port"))));
    if (!portOption(QStringLiteral("ns-port"), &nsPort))
        return serveUsageError(what, QStringLiteral("invalid name server port '%1'").arg(parser.value(QStringLiteral("ns-port"))));
    const bool broadcast = parser.value(QStringLiteral("bcport")) != QLatin1String("off");
    if (broadcast && !portOption(QStringLiteral("bcport"), &bcPort))
        return serveUsageError(what, QStringLiteral("invalid broadcast port '%1'").arg(parser.value(QStringLiteral("bcport"))));
    PyroUri externalNs;
    if (parser.isSet(QStringLiteral("ns"))) {
        const QString location = parser.value(QStringLiteral("ns"));
        const qsizetype colon = location.lastIndexOf(u':');
        bool ok = false;
        const int p = colon > 0 ? location.mid(colon + 1).toInt(&ok) : 0;
        if (!ok || p <= 0 || p > 65535)
            return serveUsageError(what, QStringLiteral("--ns wants HOST:PORT, got '%1'").arg(location));
        externalNs = NameServerClient::nameServerUri(location.left(colon), p);
    }

    DaemonSettings settings;
    settings.hmacKey = parser.value(QStringLiteral("hmac-key")).toUtf8();
    settings.acceptedSerializers.append(SerializerId::Msgpack);
    const QString host = parser.value(QStringLiteral("host"));
    Daemon daemon(settings);
    if (!daemon.listen(host, quint16(port)))
        return serveUsageError(what, daemon.error().message() + QStringLiteral(" (") + daemon.error().detail() + u')');
    Demo::DemoObjects demo;
    const QStringList names = demo.registerWith(&daemon);
    const QMap<QString, QStringList> tags = Demo::DemoObjects::metadataTags();

    std::unique_ptr<Daemon> nsDaemon;
    std::unique_ptr<NameServer> ns;
    QString ready = daemon.location();
    if (parser.isSet(QStringLiteral("with-ns"))) {
        nsDaemon = std::make_unique<Daemon>(settings);
        if (!nsDaemon->listen(host, quint16(nsPort)))
            return serveUsageError(what, nsDaemon->error().message() + QStringLiteral(" (") + nsDaemon->error().detail() + u')');
        ns = std::make_unique<NameServer>();
        ns->attach(nsDaemon.get());
        if (broadcast) {
            const QHostAddress bound(nsDaemon->host());
            const Error e = ns->startBroadcast(bound.isLoopback() ? bound : QHostAddress(QHostAddress::AnyIPv4), quint16(bcPort));
            if (e)
                serveUsageError(what, e.message() + QStringLiteral(": ") + e.detail() + QStringLiteral(" (continuing without broadcast)"));
        }
        for (const QString &name : names)
            ns->registerName(name, daemon.uriFor(name).toString(), tags.value(name));
        ready = ns->uri().toString();
    } else if (externalNs.isValid()) {
        ProxySettings proxySettings;
        proxySettings.hmacKey = settings.hmacKey;
        proxySettings.timeout = 10.0;
        NameServerClient client(externalNs, proxySettings);
        for (const QString &name : names) {
            PendingCall *call = client.registerName(name, daemon.uriFor(name), tags.value(name));
            call->setAutoDelete(false);
            call->waitForFinished();
            const Error e = call->error();
            delete call;
            if (e) {
                serveUsageError(what, QStringLiteral("cannot register %1 in %2: %3").arg(name, externalNs.toString(), e.toString()));
                return 3;
            }
        }
        ready = externalNs.toString();
    }
    quitOnTerminationSignals();
    writeServeLine(QStringLiteral("READY ") + ready);
    for (const QString &name : names)
        writeServeLine(name + u' ' + daemon.uriFor(name).toString());
    const int rc = QCoreApplication::exec();
    // Before the objects declared after the daemon die: no call may still run in them.
    daemon.shutdown();
    if (nsDaemon)
        nsDaemon->shutdown();
    return rc;
}

} // namespace Pyro::Cli
