#include "server/proxyargument.h"

#include "server/pythonerror.h"

namespace Pyro {

Result<ProxyArgument> ProxyArgument::parse(const Value &value)
{
    ProxyArgument out;
    out.settings = ProxySettings();
    if (isProxy(value)) {
        const ValueList state = value.toDict().value(QStringLiteral("state")).items();
        if (state.size() < 8)
            return PythonError::typeError(QStringLiteral("a Pyro4.core.Proxy state needs 8 or 9 items, got %1").arg(state.size()));
        auto uri = PyroUri::parse(state.at(0).toStr());
        if (!uri)
            return PythonError::pyro(QStringLiteral("PyroError"), QStringLiteral("invalid uri in proxy: ") + uri.error().message());
        out.uri = uri.value();
        const Value hmac = state.at(5);
        if (hmac.isStr() && hmac.toStr().startsWith(QLatin1String("b64:")))
            out.settings.hmacKey = QByteArray::fromBase64(hmac.toStr().mid(4).toLatin1());
        else if (hmac.isBytesLike())
            out.settings.hmacKey = hmac.toBytes();
        else if (hmac.isStr())
            out.settings.hmacKey = hmac.toStr().toUtf8();
        if (!state.at(6).isNone())
            out.settings.handshake = state.at(6);
        if (state.size() >= 9 && state.at(8).isStr()) {
            const Serializer *s = Serializer::byName(state.at(8).toStr());
            if (!s)
                return PythonError::valueError(QStringLiteral("unknown serializer in proxy: ") + state.at(8).toStr());
            out.settings.serializer = s->id();
        }
        return out;
    }
    auto uri = PyroUri::fromValue(value);
    if (!uri)
        return PythonError::typeError(QStringLiteral("expected a Pyro proxy or URI, not %1").arg(value.typeName()));
    out.uri = uri.value();
    return out;
}

} // namespace Pyro
