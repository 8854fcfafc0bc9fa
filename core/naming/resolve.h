#pragma once

#include "client/pendingresolve.h"
#include "client/proxysettings.h"
#include "protocol/pyrouri.h"

#include <QObject>

namespace Pyro {

/*!
    Resolves a PYRONAME: or PYROMETA: URI to a PYRO: URI through the name server (Pyro4's
    resolve(): locate the name server from the URI's location, or locateNS() when it has
    none, then lookup(name) or list(metadata_all=tags) with a random choice). A PYRO: URI
    finishes at once with itself. Failures: Error::Code::NamingError (unknown name, no name
    server, no match) or a connection error. \a settings carries HMAC, serializer, TLS and
    timeout for the name server connection. Runs asynchronously in \a parent's thread.
*/
PendingResolve *resolveUri(const PyroUri &uri, const ProxySettings &settings, QObject *parent);

namespace Naming {

/*!
    Makes resolveUri() the process default UriResolver (client/uriresolver.h), so that every
    Proxy resolves PYRONAME: and PYROMETA: URIs through the name server. Called by the mains
    and libraries that link Pyro::Naming (pyroctl, the explorer's Session, tests); idempotent
    and thread-safe. An explicit call because a static library drops unreferenced objects.
*/
void install();

} // namespace Naming

} // namespace Pyro
