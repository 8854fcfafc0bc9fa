#pragma once

#include "peerprocess.h"

#include <QProcessEnvironment>
#include <QStringList>

namespace Pyro::Test {

/*!
    Runs the client script \a script from tests/peers with \a arguments and returns its
    result lines (between READY and DONE), or sets \a failure.
*/
inline QStringList runPeerScript(const QString &script, const QStringList &arguments, QString *failure,
                                 const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment(),
                                 int timeoutMs = 120000)
{
    PeerProcess peer;
    if (!peer.start(script, arguments, 30000, env)) {
        *failure = peer.failure();
        return {};
    }
    QStringList lines;
    for (;;) {
        const QString line = peer.readLine(timeoutMs);
        if (line.isEmpty()) {
            *failure = QStringLiteral("peer stopped before DONE; got: ") + lines.join(QStringLiteral(" | "));
            return lines;
        }
        if (line == QLatin1String("DONE"))
            return lines;
        lines.append(line);
    }
}

/*!
    Runs tests/peers/server_client.py (a real Python Pyro4 client) for one scenario and
    returns its result lines (between READY and DONE), or sets \a failure.
*/
inline QStringList runServerClient(const QString &scenario, const QString &uriPattern, const QString &serializer,
                                   const QStringList &extra, QString *failure,
                                   const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment(),
                                   int timeoutMs = 120000)
{
    return runPeerScript(QStringLiteral("server_client.py"), QStringList { scenario, uriPattern, serializer } + extra, failure, env,
                         timeoutMs);
}

/*!
    Runs tests/peers/pyro5_server_client.py (a real Python Pyro5 5.16 client, the vendored
    one) for one scenario, like runServerClient().
*/
inline QStringList runPyro5Client(const QString &scenario, const QString &uriPattern, const QString &serializer,
                                  const QStringList &extra, QString *failure, int timeoutMs = 120000)
{
    return runPeerScript(QStringLiteral("pyro5_server_client.py"), QStringList { scenario, uriPattern, serializer } + extra, failure,
                         PeerProcess::pyro5Environment(), timeoutMs);
}

} // namespace Pyro::Test
