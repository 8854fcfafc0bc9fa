#include "server/proxyargument.h"

#include "protocol/pyroclassnames.h"
#include "server/pythonerror.h"

namespace Pyro {

bool ProxyArgument::isProxy(const Value &value)
{
    return value.className() == PyroClassNames::of(ProtocolVersion::Pyro4).proxy
            || value.className() == PyroClassNames::of(ProtocolVersion::Pyro5).proxy;
}

Result<ProxyArgument> ProxyArgument::parse(const Value &value)
{
    ProxyArgument out;
    out.settings = ProxySettings();
    if (isProxy(value)) {
        const ProtocolVersion protocol = *PyroClassNames::protocolOf(value.className());
        const PyroClassNames &names = PyroClassNames::of(protocol);
        const ValueList state = value.toDict().value(QStringLiteral("state")).items();
        // Pyro4: (uri, oneway, methods, attrs, timeout, hmac, handshake, max_retries[, serializer]);
        // Pyro5: (uri, oneway, methods, attrs, handshake, serializer).
        const qsizetype least = protocol == ProtocolVersion::Pyro5 ? names.proxyStateItems : 8;
        if (state.size() < least)
            return PythonError::typeError(QStringLiteral("a %1 state needs %2 items, got %3").arg(names.proxy).arg(least).arg(state.size()));
        auto uri = PyroUri::parse(state.at(0).toStr());
        if (!uri)
            return PythonError::pyro(QStringLiteral("PyroError"), QStringLiteral("invalid uri in proxy: ") + uri.error().message());
        out.uri = uri.value();
        // The proxy's class says what its daemon speaks.
        out.settings.protocol = protocol == ProtocolVersion::Pyro5 ? ProxySettings::Protocol::Pyro5 : ProxySettings::Protocol::Pyro4;
        Value handshake, serializer;
        if (protocol == ProtocolVersion::Pyro5) {
            handshake = state.at(4);
            serializer = state.at(5);
        } else {
            const Value hmac = state.at(5);
            if (hmac.isStr() && hmac.toStr().startsWith(QLatin1String("b64:")))
                out.settings.hmacKey = QByteArray::fromBase64(hmac.toStr().mid(4).toLatin1());
            else if (hmac.isBytesLike())
                out.settings.hmacKey = hmac.toBytes();
            else if (hmac.isStr())
                out.settings.hmacKey = hmac.toStr().toUtf8();
            handshake = state.at(6);
            serializer = state.size() >= 9 ? state.at(8) : Value();
        }
        if (!handshake.isNone())
            out.settings.handshake = handshake;
        if (serializer.isStr()) {
            const Serializer *s = Serializer::byName(serializer.toStr());
            if (!s)
                return PythonError::valueError(QStringLiteral("unknown serializer in proxy: ") + serializer.toStr());
            out.settings.serializer = s->id();
        }
        return out;
    }
    auto uri = PyroUri::fromValue(value);
    if (!uri)
        return PythonError::typeError(QStringLiteral("expected a Pyro proxy or URI, not %1").arg(value.typeName()));
    out.uri = uri.value();
    if (value.className() == PyroClassNames::of(ProtocolVersion::Pyro5).uri)
        out.settings.protocol = ProxySettings::Protocol::Pyro5;
    return out;
}

} // namespace Pyro
