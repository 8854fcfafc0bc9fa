#pragma once

#include "protocol/protocolversion.h"

#include "support/result.h"
#include "value/value.h"

#include <QString>
#include <QStringList>

namespace Pyro {

/*!
    A Pyro4 URI: \c PYRO:objectid@host:port, \c PYRO:objectid@[ipv6]:port,
    \c PYRO:objectid@./u:/path/to/socket, \c PYRONAME:name[@host[:port]] and
    \c PYROMETA:tag1,tag2[@host[:port]], parsed and printed as Pyro4 4.82 does
    (protocol case-insensitive, object up to the first '@', PYRONAME/PYROMETA port 9090).
*/
class PyroUri
{
public:
    enum class Protocol { Pyro, PyroName, PyroMeta };

    PyroUri() = default; // invalid
    static Result<PyroUri> parse(QStringView text);
    static PyroUri pyro(const QString &objectId, const QString &host, int port);
    static PyroUri unixSocket(const QString &objectId, const QString &path);

    bool isValid() const { return m_valid; }
    Protocol protocol() const { return m_protocol; }
    //! The object id (PYRO) or the name (PYRONAME); for PYROMETA the tags joined with ','.
    QString object() const { return m_object; }
    //! PYROMETA's tags.
    QStringList metadataTags() const { return m_tags; }
    //! Host without brackets (IPv6 as "::1"); empty for unix sockets and for a PYRONAME without location.
    QString host() const { return m_host; }
    int port() const { return m_port; }
    QString socketPath() const { return m_socketPath; }
    bool isUnixSocket() const { return !m_socketPath.isEmpty(); }
    //! "host:port" ("[::1]:9090" for IPv6, "./u:/path" for sockets)
    QString location() const;

    //! Canonical text, e.g. "PYRO:obj@[::1]:9999".
    QString toString() const;
    //! The URI class dict: {'__class__': 'Pyro4.core.URI', 'state': (protocol, object, sockname, host, port)},
    //! with class Pyro5.core.URI (the same state) for \a v Pyro5.
    Value toValue(ProtocolVersion v = ProtocolVersion::Pyro4) const;
    //! Accepts the URI class dict of either protocol or a URI string.
    static Result<PyroUri> fromValue(const Value &value);

    friend bool operator==(const PyroUri &a, const PyroUri &b) { return a.toString() == b.toString(); }

private:
    bool m_valid = false;
    Protocol m_protocol = Protocol::Pyro;
    QString m_object;
    QStringList m_tags;
    QString m_host;
    int m_port = 0;
    QString m_socketPath;
};

} // namespace Pyro
