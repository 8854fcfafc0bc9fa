#include "protocol/pyroclassnames.h"

namespace Pyro {

const PyroClassNames &PyroClassNames::of(ProtocolVersion v)
{
    static const PyroClassNames pyro4 {
        QStringLiteral("Pyro4.core.URI"),
        QStringLiteral("Pyro4.core.Proxy"),
        9,
        QStringLiteral("Pyro4.errors"),
        QStringLiteral("Pyro4.futures._ExceptionWrapper"),
        QStringLiteral("Pyro4.core.Daemon"),
        QStringLiteral("Pyro4.naming.NameServer"),
    };
    static const PyroClassNames pyro5 {
        QStringLiteral("Pyro5.core.URI"),
        QStringLiteral("Pyro5.client.Proxy"),
        6,
        QStringLiteral("Pyro5.errors"),
        QStringLiteral("Pyro5.core._ExceptionWrapper"),
        QStringLiteral("Pyro5.server.Daemon"),
        QStringLiteral("Pyro5.nameserver.NameServer"),
    };
    return v == ProtocolVersion::Pyro5 ? pyro5 : pyro4;
}

std::optional<ProtocolVersion> PyroClassNames::protocolOf(const QString &className)
{
    if (className.startsWith(QLatin1String("Pyro5.")))
        return ProtocolVersion::Pyro5;
    if (className.startsWith(QLatin1String("Pyro4.")))
        return ProtocolVersion::Pyro4;
    return std::nullopt;
}

} // namespace Pyro
