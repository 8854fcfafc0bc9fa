#include "naming/resolve.h"

namespace Pyro {

// Stub owned by the client layer until the name server client lands; the naming layer
// replaces this file.
PendingResolve *resolveUri(const PyroUri &uri, const ProxySettings &settings, QObject *parent)
{
    Q_UNUSED(settings);
    auto *op = new PendingResolve(parent);
    if (uri.protocol() == PyroUri::Protocol::Pyro)
        op->finishWithUri(uri);
    else
        op->finishWithError(Error(Error::Code::NamingError,
                                  QStringLiteral("cannot resolve %1: name server lookup not implemented").arg(uri.toString())));
    return op;
}

} // namespace Pyro
