#pragma once

#include "client/pendingresolve.h"
#include "client/proxysettings.h"
#include "protocol/pyrouri.h"

#include <QObject>

namespace Pyro {

/*!
    The client's view of naming: turns a PYRONAME: or PYROMETA: URI into a PYRO: URI. A Proxy
    asks the process default resolver (resolveWithDefault()) for each new connection, so the
    client library does not depend on the name server code; naming/ implements this interface
    and installs it (Pyro::Naming::install(), naming/resolve.h).

    resolve() returns a PendingResolve, a child of \a parent that finishes exactly once (see
    there for ownership). It may be called from any thread and runs in \a parent's thread.
    Each call looks the name up afresh (nothing is cached), so whoever keeps the original
    PYRONAME:/PYROMETA: URI can resolve it again at any time, e.g. on every reconnect, and
    follow a registration that moved. A resolver may wrap another one (call counting, a
    fixed answer in tests): setDefault() takes any implementation.
*/
class UriResolver
{
public:
    UriResolver() = default;
    virtual ~UriResolver();
    Q_DISABLE_COPY_MOVE(UriResolver)

    virtual PendingResolve *resolve(const PyroUri &uri, const ProxySettings &settings, QObject *parent) const = 0;

    //! Sets the process default resolver (not owned; it must outlive every Proxy). nullptr
    //! removes it. Thread-safe.
    static void setDefault(const UriResolver *resolver);
    static const UriResolver *defaultResolver();

    /*!
        Resolves \a uri with the default resolver: an invalid URI fails with InvalidUri, a
        PYRO: URI finishes with itself, and PYRONAME:/PYROMETA: without an installed resolver
        fail with NamingError (no name server support linked).
    */
    static PendingResolve *resolveWithDefault(const PyroUri &uri, const ProxySettings &settings, QObject *parent);
};

} // namespace Pyro
