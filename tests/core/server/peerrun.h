#pragma once

#include "peerprocess.h"

#include <QProcessEnvironment>
#include <QStringList>

namespace Pyro::Test {

/*!
    Runs tests/peers/server_client.py (a real Python Pyro4 client) for one scenario and
    returns its result lines (between READY and DONE), or sets \a failure.
*/
inline QStringList runServerClient(const QString &scenario, const QString &uriPattern, const QString &serializer,
                                   const QStringList &extra, QString *failure,
                                   const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment(),
                                   int timeoutMs = 120000)
{
    PeerProcess peer;
    if (!peer.start(QStringLiteral("server_client.py"), QStringList { scenario, uriPattern, serializer } + extra, 30000, env)) {
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

} // namespace Pyro::Test
