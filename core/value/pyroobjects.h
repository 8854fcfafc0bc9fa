#pragma once

#include "value/value.h"

#include <QString>

namespace Pyro {

/*!
    Recognises the Pyro objects that travel inside values as class dicts (see
    docs/pyro4-protocol.md 4.7): exceptions, URIs and proxies. Only the shape is checked;
    PyroUri (protocol/pyrouri.h) parses a URI and Error::fromRemoteException() reads an
    exception. Pure functions, thread-safe.
    \code
    if (PyroObjects::isProxy(result))
        showLink(PyroObjects::proxyUri(result));
    \endcode
*/
class PyroObjects
{
public:
    //! A dict with a str "__class__" key: how every non-builtin object travels.
    static bool isClassDict(const Value &v);
    //! An exception dict: "__class__" and "__exception__": True (Pyro4 util.class_to_dict).
    static bool isException(const Value &v);
    //! {"__class__": "Pyro4.core.URI" or "Pyro5.core.URI", "state": 5-item tuple or list}.
    static bool isUri(const Value &v);
    //! {"__class__": "Pyro4.core.Proxy", "state": 8- or 9-item tuple or list} or
    //! {"__class__": "Pyro5.client.Proxy", "state": 6-item tuple or list} (docs/pyro5-protocol.md).
    static bool isProxy(const Value &v);
    //! The URI text in a proxy's state ("PYRO:obj@host:port"), empty for anything else.
    static QString proxyUri(const Value &v);
    //! The class dict a Python client sends for a fresh proxy of \a uri (its __getstate__):
    //! no methods known, no timeout, the default handshake; Pyro5's 6-item form when \a pyro5.
    static Value proxyValue(const QString &uri, bool pyro5 = false);

    //! Pyro4's names (protocol/pyroclassnames.h has both protocols' names).
    static QString uriClassName() { return QStringLiteral("Pyro4.core.URI"); }
    static QString proxyClassName() { return QStringLiteral("Pyro4.core.Proxy"); }
    static QString pyro5UriClassName() { return QStringLiteral("Pyro5.core.URI"); }
    static QString pyro5ProxyClassName() { return QStringLiteral("Pyro5.client.Proxy"); }
};

} // namespace Pyro
