#include "value/pyroobjects.h"

namespace Pyro {

namespace {
// The "state" sequence of a class dict named className, when it has a plausible length.
bool hasState(const Value &v, const QString &className, qsizetype minItems, qsizetype maxItems, Value *state = nullptr)
{
    if (v.className() != className)
        return false;
    const Value s = v.toDict().value(QStringLiteral("state"));
    if (!s.isSequence() || s.items().size() < minItems || s.items().size() > maxItems)
        return false;
    if (state)
        *state = s;
    return true;
}
} // namespace

bool PyroObjects::isClassDict(const Value &v)
{
    return !v.className().isEmpty();
}

bool PyroObjects::isException(const Value &v)
{
    if (!isClassDict(v))
        return false;
    const Value flag = v.toDict().value(QStringLiteral("__exception__"));
    return flag.isBool() && flag.toBool();
}

bool PyroObjects::isUri(const Value &v)
{
    return hasState(v, uriClassName(), 5, 5) || hasState(v, pyro5UriClassName(), 5, 5);
}

bool PyroObjects::isProxy(const Value &v)
{
    return hasState(v, proxyClassName(), 8, 9) || hasState(v, pyro5ProxyClassName(), 6, 6);
}

QString PyroObjects::proxyUri(const Value &v)
{
    Value state;
    if (!hasState(v, proxyClassName(), 8, 9, &state) && !hasState(v, pyro5ProxyClassName(), 6, 6, &state))
        return QString();
    return state.items().first().toStr();
}

Value PyroObjects::proxyValue(const QString &uri, bool pyro5)
{
    const Value none;
    const Value empty = Value::tuple({});
    const Value hello = QStringLiteral("hello");
    // Pyro4: (uri, oneway, methods, attrs, timeout, hmac, handshake, max_retries, serializer);
    // Pyro5: (uri, oneway, methods, attrs, handshake, serializer).
    const Value state = pyro5 ? Value::tuple({ uri, empty, empty, empty, hello, none })
                              : Value::tuple({ uri, empty, empty, empty, 0.0, none, hello, 0, none });
    return Dict { { QStringLiteral("__class__"), pyro5 ? pyro5ProxyClassName() : proxyClassName() }, { QStringLiteral("state"), state } };
}

} // namespace Pyro
