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

namespace {

bool mayHoldObjects(const Value &v)
{
    return v.isDict() || v.isList() || v.isTuple() || v.isSet() || v.isFrozenSet();
}

// The translated value, or nullopt when nothing in \a value needed it. Walks containers
// without copying anything; only two-key dicts ({'__class__', 'state'}: a URI or proxy as
// both Pyros write them) are asked for their class, scalars are skipped in their container.
std::optional<Value> translated(const Value &value, ProtocolVersion to, const PyroClassNames &from, const PyroClassNames &names)
{
    if (value.isDict()) {
        const Dict &d = value.toDict();
        const QString cls = d.size() == 2 ? value.className() : QString();
        if (cls == from.uri) {
            Dict out = d;
            out.insert(QStringLiteral("__class__"), names.uri); // same state in both protocols
            return Value(out);
        }
        if (cls == from.proxy) {
            const ValueList state = d.value(QStringLiteral("state")).items();
            if (state.size() < (to == ProtocolVersion::Pyro5 ? 8 : 6))
                return std::nullopt; // not a proxy state we know: left for the peer to refuse
            ValueList out = state.mid(0, 4);
            if (to == ProtocolVersion::Pyro5)
                out << state.at(6) << state.value(8); // handshake, serializer (None when absent)
            else
                out << 0.0 << Value() << state.at(4) << 0 << state.at(5); // timeout, hmac, handshake, retries, serializer
            Dict proxy = d;
            proxy.insert(QStringLiteral("__class__"), names.proxy);
            proxy.insert(QStringLiteral("state"), Value::tuple(out));
            return Value(proxy);
        }
        std::optional<Dict> out;
        const QList<Dict::Item> &items = d.items();
        for (qsizetype i = 0; i < items.size(); ++i) {
            if (!mayHoldObjects(items[i].second))
                continue;
            if (std::optional<Value> v = translated(items[i].second, to, from, names)) {
                if (!out)
                    out = d;
                out->insert(items[i].first, *v);
            }
        }
        return out ? std::optional<Value>(Value(*out)) : std::nullopt;
    }
    if (value.isList() || value.isTuple() || value.isSet() || value.isFrozenSet()) {
        const ValueList &items = value.items();
        std::optional<ValueList> out;
        for (qsizetype i = 0; i < items.size(); ++i) {
            if (!mayHoldObjects(items[i]))
                continue;
            if (std::optional<Value> v = translated(items[i], to, from, names)) {
                if (!out)
                    out = items;
                (*out)[i] = *v;
            }
        }
        if (!out)
            return std::nullopt;
        if (value.isList())
            return Value::list(*out);
        if (value.isTuple())
            return Value::tuple(*out);
        return value.isSet() ? Value::set(*out) : Value::frozenSet(*out);
    }
    return std::nullopt;
}

} // namespace

Value PyroClassNames::toProtocol(const Value &value, ProtocolVersion protocol)
{
    if (!mayHoldObjects(value))
        return value;
    const PyroClassNames &from = of(protocol == ProtocolVersion::Pyro5 ? ProtocolVersion::Pyro4 : ProtocolVersion::Pyro5);
    return translated(value, protocol, from, of(protocol)).value_or(value);
}

} // namespace Pyro
