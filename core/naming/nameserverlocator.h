#pragma once

#include "client/proxysettings.h"
#include "protocol/pyrouri.h"

#include <QObject>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace Pyro {

class PendingResolve;

/*!
    Where and how Pyro4's locateNS() looks for a name server. The defaults are Pyro4 4.82's
    configuration; fromEnvironment() applies PYRO_NS_HOST, PYRO_NS_PORT, PYRO_NS_BCPORT,
    PYRO_BROADCAST_ADDRS and PYRO_PREFER_IP_VERSION as Pyro4 does.
*/
struct LocateOptions
{
    //! An explicit name server host ("./u:path" for a unix socket); empty means search.
    QString host;
    //! With host: the TCP port (0 = nsPort). Without host: Pyro4 uses it as the broadcast
    //! port and for the localhost attempt (0 = the configured ones).
    int port = 0;

    QString nsHost = QStringLiteral("localhost"); //!< NS_HOST
    int nsPort = 9090; //!< NS_PORT
    int bcPort = 9091; //!< NS_BCPORT
    //! BROADCAST_ADDRS: "<broadcast>" is 255.255.255.255; numeric IPv4/IPv6 addresses or "localhost".
    QStringList broadcastAddresses = { QStringLiteral("<broadcast>"), QStringLiteral("0.0.0.0") };
    int preferIpVersion = 4; //!< 6 disables broadcast discovery
    int broadcastTimeoutMs = 700; //!< per round, as Pyro4's socket timeout
    int broadcastRounds = 3;

    static LocateOptions fromEnvironment(const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment());
};

/*!
    Finds a Pyro4 or Pyro5 name server the way Pyro4.locateNS() does:
    \list 1
    \li with an explicit host: connect to PYRO:Pyro.NameServer@host:port and handshake;
    \li otherwise, when NS_HOST is localhost, ::1 or 127.x: try a direct connection there
        (and to 127.0.1.1, Debian's host name address);
    \li unless IPv6 is preferred: send the 9 bytes GET_NSURI over UDP to every broadcast
        address on the broadcast port, up to 3 rounds of 0.7 s; the first reply wins
        (replies that are not a URI are ignored);
    \li finally a direct connection to NS_HOST:NS_PORT.
    \endlist
    Failure is Error::Code::NamingError "Failed to locate the nameserver" with the last
    connection error as detail; but a name server that was reached and speaks another protocol
    than ProxySettings::protocol asks for (ProtocolMismatch), or a Pyro5 one refusing pickle or
    an HMAC key, ends the search with that error.

    Pyro4 and Pyro5 name servers are found alike (the broadcast is the same); the located one
    is shaken hands with, and PendingResolve::protocol() says which protocol it speaks.

    The result is a PendingResolve (see naming/resolve.h for ownership) whose uri() is the
    name server's PYRO: URI. Everything is asynchronous in \a parent's thread.
    \code
    PendingResolve *op = NameServerLocator::locate(LocateOptions::fromEnvironment(), ProxySettings(), this);
    connect(op, &PendingResolve::finished, this, [op] { qDebug() << op->uri().toString(); op->deleteLater(); });
    \endcode
*/
class NameServerLocator
{
public:
    static PendingResolve *locate(const LocateOptions &options, const ProxySettings &settings, QObject *parent);
};

} // namespace Pyro
