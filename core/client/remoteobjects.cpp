#include "client/remoteobjects.h"

#include "client/proxy.h"
#include "serializers/serializer.h"
#include "value/pyroobjects.h"

namespace Pyro {

namespace {

Error notRemote(const Value &value)
{
    return Error(Error::Code::SerializeError,
                 QStringLiteral("not a Pyro4 URI or proxy: %1").arg(value.repr().left(120)));
}

void collect(const Value &v, QList<PyroUri> &out, int depth)
{
    if (depth > 1000)
        return;
    if (RemoteObjects::isRemoteObject(v) && !v.isStr()) {
        if (const Result<PyroUri> u = RemoteObjects::uri(v))
            out.append(u.value());
        return;
    }
    if (v.isDict()) {
        for (const auto &[k, x] : v.toDict().items())
            collect(x, out, depth + 1);
    } else if (v.hasItems()) {
        for (const Value &x : v.items())
            collect(x, out, depth + 1);
    }
}

} // namespace

bool RemoteObjects::isRemoteObject(const Value &value)
{
    if (PyroObjects::isUri(value) || PyroObjects::isProxy(value))
        return true;
    return value.isStr() && PyroUri::parse(value.toStr()).ok();
}

Result<PyroUri> RemoteObjects::uri(const Value &value)
{
    if (PyroObjects::isProxy(value)) {
        const Result<PyroUri> u = PyroUri::parse(PyroObjects::proxyUri(value));
        if (!u)
            return u.error();
        return u;
    }
    if (PyroObjects::isUri(value) || value.isStr())
        return PyroUri::fromValue(value);
    return notRemote(value);
}

Result<Proxy *> RemoteObjects::proxy(const Value &value, const ProxySettings &settings, QObject *parent)
{
    const Result<PyroUri> u = uri(value);
    if (!u)
        return u.error();
    ProxySettings s = settings;
    if (PyroObjects::isProxy(value) && s.hmacKey.isEmpty()) {
        const Value key = value.toDict().value(QStringLiteral("state")).items().value(5);
        if (key.isStr() && key.toStr().startsWith(QLatin1String("b64:")))
            s.hmacKey = QByteArray::fromBase64(key.toStr().mid(4).toLatin1());
    }
    return new Proxy(u.value(), s, parent);
}

Value RemoteObjects::toValue(const Proxy &proxy)
{
    const ProxySettings s = proxy.settings();
    const auto names = [](const QStringList &list) {
        ValueList out;
        for (const QString &n : list)
            out.append(n);
        return Value::tuple(out);
    };
    const Serializer *ser = Serializer::byId(s.serializer);
    const Value key = s.hmacKey.isEmpty() ? Value() : Value(QStringLiteral("b64:") + QString::fromLatin1(s.hmacKey.toBase64()));
    const PyroUri target = proxy.connectedUri().isValid() ? proxy.connectedUri() : proxy.uri();
    return Dict { { QStringLiteral("__class__"), PyroObjects::proxyClassName() },
                  { QStringLiteral("state"),
                    Value::tuple({ target.toString(), names(proxy.onewayMethods()), names(proxy.methods()),
                                   names(proxy.attributes()), s.timeout, key, s.handshake, s.maxRetries,
                                   ser ? Value(ser->name()) : Value() }) } };
}

Value RemoteObjects::toValue(const PyroUri &uri)
{
    return uri.toValue();
}

QList<PyroUri> RemoteObjects::findAll(const Value &value)
{
    QList<PyroUri> out;
    collect(value, out, 0);
    return out;
}

} // namespace Pyro
