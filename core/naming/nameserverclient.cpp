#include "naming/nameserverclient.h"

#include "client/pendingcall.h"
#include "client/proxy.h"

#include <algorithm>

namespace Pyro {

namespace {

Value tagSet(const QStringList &tags)
{
    ValueList items;
    items.reserve(tags.size());
    for (const QString &t : tags)
        items.append(t);
    return Value::set(items);
}

Error badReply(const QString &what, const Value &result)
{
    return Error(Error::Code::ProtocolError, QStringLiteral("unexpected name server reply: ") + what,
                 result.repr());
}

Result<QStringList> tagsFromValue(const Value &v)
{
    QStringList tags;
    if (v.isNone())
        return tags;
    if (!v.hasItems())
        return badReply(QStringLiteral("metadata is not a list"), v);
    for (const Value &t : v.items()) {
        if (!t.isStr())
            return badReply(QStringLiteral("metadata tag is not a str"), v);
        tags.append(t.toStr());
    }
    tags.sort();
    return tags;
}

} // namespace

NameServerClient::NameServerClient(const PyroUri &nameServerUri, const ProxySettings &settings, QObject *parent)
    : QObject(parent), m_proxy(new Proxy(nameServerUri, settings, this))
{
}

NameServerClient::~NameServerClient() = default;

PyroUri NameServerClient::nameServerUri(const QString &host, int port)
{
    static const QString nsName = QStringLiteral("Pyro.NameServer");
    if (host.startsWith(QLatin1String("./u:")))
        return PyroUri::unixSocket(nsName, host.mid(4));
    return PyroUri::pyro(nsName, host, port);
}

PyroUri NameServerClient::uri() const
{
    return m_proxy->uri();
}

PendingCall *NameServerClient::callNs(const QString &method, const ValueList &args, const Dict &kwargs)
{
    return m_proxy->call(method, args, kwargs);
}

PendingCall *NameServerClient::ping()
{
    return callNs(QStringLiteral("ping"), {});
}

PendingCall *NameServerClient::count()
{
    return callNs(QStringLiteral("count"), {});
}

PendingCall *NameServerClient::lookup(const QString &name, bool returnMetadata)
{
    // marshal cannot carry the (URI, tags) reply (trap 23), so the flag is only sent when set.
    if (returnMetadata)
        return callNs(QStringLiteral("lookup"), { name, true });
    return callNs(QStringLiteral("lookup"), { name });
}

PendingCall *NameServerClient::list(const NameServerFilter &filter, bool returnMetadata)
{
    // Pyro4 only applies truthy filters and rejects two non-None ones, so empty ones stay unsent.
    Dict kwargs;
    if (!filter.prefix.isEmpty())
        kwargs.insert(QStringLiteral("prefix"), filter.prefix);
    if (!filter.regex.isEmpty())
        kwargs.insert(QStringLiteral("regex"), filter.regex);
    if (returnMetadata)
        kwargs.insert(QStringLiteral("return_metadata"), true);
    const bool byTags = !filter.metadataAll.isEmpty() || !filter.metadataAny.isEmpty();
    if (!byTags)
        return callNs(QStringLiteral("list"), {}, kwargs);
    // Tags are searched by list() in Pyro4 and by yplookup() in Pyro5 (docs/pyro5-protocol.md):
    // the proxy picks the form once its handshake has told the protocol.
    CallEnvelope pyro4;
    pyro4.method = QStringLiteral("list");
    pyro4.kwargs = kwargs;
    if (!filter.metadataAll.isEmpty())
        pyro4.kwargs.insert(QStringLiteral("metadata_all"), tagSet(filter.metadataAll));
    if (!filter.metadataAny.isEmpty())
        pyro4.kwargs.insert(QStringLiteral("metadata_any"), tagSet(filter.metadataAny));
    CallEnvelope pyro5;
    pyro5.method = QStringLiteral("yplookup");
    if (!filter.metadataAll.isEmpty())
        pyro5.kwargs.insert(QStringLiteral("meta_all"), tagSet(filter.metadataAll));
    if (!filter.metadataAny.isEmpty())
        pyro5.kwargs.insert(QStringLiteral("meta_any"), tagSet(filter.metadataAny));
    pyro5.kwargs.insert(QStringLiteral("return_metadata"), returnMetadata);
    // Pyro4 refuses a prefix or regex together with tags; Pyro5's yplookup has no such
    // parameters: send them along so that the name server refuses them (TypeError) too.
    if (!filter.prefix.isEmpty())
        pyro5.kwargs.insert(QStringLiteral("prefix"), filter.prefix);
    if (!filter.regex.isEmpty())
        pyro5.kwargs.insert(QStringLiteral("regex"), filter.regex);
    return m_proxy->callByProtocol(pyro4, pyro5);
}

PendingCall *NameServerClient::yplookup(const QStringList &metaAll, const QStringList &metaAny, bool returnMetadata)
{
    return list(NameServerFilter { {}, {}, metaAll, metaAny }, returnMetadata);
}

PendingCall *NameServerClient::registerName(const QString &name, const PyroUri &uri, const QStringList &metadata,
                                            bool safe)
{
    // The URI travels as a string: every serializer (marshal included) carries that, and the
    // name server parses it with the URI class either way.
    return callNs(QStringLiteral("register"),
                  { name, uri.toString(), safe, metadata.isEmpty() ? Value() : tagSet(metadata) });
}

PendingCall *NameServerClient::remove(const QString &name)
{
    return callNs(QStringLiteral("remove"), {}, Dict { { QStringLiteral("name"), name } });
}

PendingCall *NameServerClient::removePrefix(const QString &prefix)
{
    return callNs(QStringLiteral("remove"), {}, Dict { { QStringLiteral("prefix"), prefix } });
}

PendingCall *NameServerClient::removeRegex(const QString &regex)
{
    return callNs(QStringLiteral("remove"), {}, Dict { { QStringLiteral("regex"), regex } });
}

PendingCall *NameServerClient::setMetadata(const QString &name, const QStringList &metadata)
{
    return callNs(QStringLiteral("set_metadata"), { name, tagSet(metadata) });
}

QFuture<NameServerEntry> NameServerClient::lookupEntry(const QString &name)
{
    return lookup(name, true)->future().then([name](const Value &v) {
        Result<NameServerEntry> r = entryFromLookupResult(name, v);
        if (!r)
            throw PyroException(r.error());
        return r.value();
    });
}

QFuture<QList<NameServerEntry>> NameServerClient::listEntries(const NameServerFilter &filter)
{
    return list(filter, true)->future().then([](const Value &v) {
        Result<QList<NameServerEntry>> r = entriesFromListResult(v);
        if (!r)
            throw PyroException(r.error());
        return r.value();
    });
}

Result<PyroUri> NameServerClient::uriFromResult(const Value &result)
{
    Result<PyroUri> r = PyroUri::fromValue(result);
    if (!r)
        return badReply(QStringLiteral("not a URI: ") + r.error().message(), result);
    return r;
}

Result<NameServerEntry> NameServerClient::entryFromLookupResult(const QString &name, const Value &result)
{
    if (!result.isSequence() || result.items().size() != 2)
        return badReply(QStringLiteral("lookup with metadata did not return a pair"), result);
    const Result<PyroUri> uri = uriFromResult(result.items().at(0));
    if (!uri)
        return uri.error();
    const Result<QStringList> tags = tagsFromValue(result.items().at(1));
    if (!tags)
        return tags.error();
    return NameServerEntry { name, uri.value(), tags.value() };
}

Result<QList<NameServerEntry>> NameServerClient::entriesFromListResult(const Value &result)
{
    if (!result.isDict())
        return badReply(QStringLiteral("list did not return a dict"), result);
    QList<NameServerEntry> entries;
    for (const auto &[key, value] : result.toDict().items()) {
        if (!key.isStr())
            return badReply(QStringLiteral("a registered name is not a str"), result);
        NameServerEntry e;
        e.name = key.toStr();
        Value uriValue = value;
        if (value.isSequence()) { // return_metadata: (uri, tags)
            if (value.items().size() != 2)
                return badReply(QStringLiteral("list entry is not a (uri, metadata) pair"), result);
            uriValue = value.items().at(0);
            const Result<QStringList> tags = tagsFromValue(value.items().at(1));
            if (!tags)
                return tags.error();
            e.metadata = tags.value();
        }
        const Result<PyroUri> uri = uriFromResult(uriValue);
        if (!uri)
            return uri.error();
        e.uri = uri.value();
        entries.append(e);
    }
    std::sort(entries.begin(), entries.end(),
              [](const NameServerEntry &a, const NameServerEntry &b) { return a.name < b.name; });
    return entries;
}

} // namespace Pyro
