#include "client/uriresolver.h"

#include <atomic>

namespace Pyro {

namespace {
std::atomic<const UriResolver *> s_defaultResolver { nullptr };
} // namespace

UriResolver::~UriResolver() = default;

void UriResolver::setDefault(const UriResolver *resolver)
{
    s_defaultResolver.store(resolver);
}

const UriResolver *UriResolver::defaultResolver()
{
    return s_defaultResolver.load();
}

PendingResolve *UriResolver::resolveWithDefault(const PyroUri &uri, const ProxySettings &settings, QObject *parent)
{
    if (uri.isValid() && uri.protocol() != PyroUri::Protocol::Pyro) {
        if (const UriResolver *resolver = defaultResolver())
            return resolver->resolve(uri, settings, parent);
    }
    auto *op = new PendingResolve(parent);
    if (!uri.isValid())
        op->finishWithError(Error(Error::Code::InvalidUri, QStringLiteral("invalid uri")));
    else if (uri.protocol() == PyroUri::Protocol::Pyro)
        op->finishWithUri(uri);
    else
        op->finishWithError(Error(Error::Code::NamingError,
                                  QStringLiteral("cannot resolve %1: no name server support installed "
                                                 "(link Pyro::Naming and call Pyro::Naming::install())")
                                          .arg(uri.toString())));
    return op;
}

} // namespace Pyro
