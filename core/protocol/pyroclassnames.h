#pragma once

#include "protocol/protocolversion.h"
#include "value/value.h"

#include <QString>

namespace Pyro {

/*!
    The Python class names that travel in values, per protocol: Pyro4 and Pyro5 name the same
    objects differently (docs/pyro5-protocol.md, "Objects on the wire"). Client and daemon
    write the names of the protocol they speak on a connection and read either.
    core/value (PyroObjects) and core/support (Error) sit below this layer and recognise both
    spellings themselves.
    \code
    const PyroClassNames &names = PyroClassNames::of(message.protocol);
    Dict d { { "__class__", names.uri }, { "state", state } };
    \endcode
*/
struct PyroClassNames
{
    QString uri; //!< Pyro4.core.URI / Pyro5.core.URI
    QString proxy; //!< Pyro4.core.Proxy / Pyro5.client.Proxy
    int proxyStateItems = 0; //!< items in a proxy's "state": 9 (Pyro4 4.82) / 6 (Pyro5)
    QString errorsModule; //!< "Pyro4.errors" / "Pyro5.errors"
    QString exceptionWrapper; //!< batch error wrapper: Pyro4.futures._ExceptionWrapper / Pyro5.core._ExceptionWrapper
    QString daemon; //!< Pyro4.core.Daemon / Pyro5.server.Daemon
    QString nameServer; //!< Pyro4.naming.NameServer / Pyro5.nameserver.NameServer

    //! "Pyro5.errors.NamingError" for \a name "NamingError".
    QString error(const QString &name) const { return errorsModule + QLatin1Char('.') + name; }
    //! The metadata tag a name server registers itself with: "class:" + nameServer.
    QString nameServerTag() const { return QStringLiteral("class:") + nameServer; }

    static const PyroClassNames &of(ProtocolVersion v);
    //! The protocol whose class names \a className uses ("Pyro5.core.URI" -> Pyro5), if any.
    static std::optional<ProtocolVersion> protocolOf(const QString &className);

    /*!
        \a value with every URI and proxy of the other protocol (at any depth) in the class
        names and proxy state of \a protocol: a callback proxy made as a Pyro4.core.Proxy
        reaches a Pyro5 daemon as a Pyro5.client.Proxy, the only form Python Pyro5's
        serializers accept (and the other way round for Pyro4). Proxy state: Pyro4 (uri,
        oneway, methods, attrs, timeout, hmac, handshake, max_retries[, serializer]) <-> Pyro5
        (uri, oneway, methods, attrs, handshake, serializer). A value without such objects is
        returned as it is (shared, not copied). Nesting is bounded by the decoders that made it.
    */
    static Value toProtocol(const Value &value, ProtocolVersion protocol);
};

} // namespace Pyro
