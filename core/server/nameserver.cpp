#include "server/nameserver.h"

#include "protocol/pyroclassnames.h"
#include "server/broadcastresponder.h"
#include "server/callarguments.h"
#include "server/callcontext.h"
#include "server/daemon.h"
#include "server/handlerobject.h"
#include "server/pythonerror.h"
#include "support/logging.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSaveFile>

namespace Pyro {

static Error namingError(const QString &message)
{
    return PythonError::pyro(QStringLiteral("NamingError"), message);
}

NameServer::NameServer(QObject *parent) : QObject(parent) { }

NameServer::~NameServer()
{
    if (m_daemon)
        m_daemon->unregisterObject(objectId());
}

bool NameServer::attach(Daemon *daemon)
{
    if (daemon->registerObject(makeObject(), objectId()) != objectId())
        return false;
    m_daemon = daemon;
    QMutexLocker locker(&m_lock);
    m_entries.insert(objectId(), Entry { daemon->uriFor(objectId()).toString(), { PyroClassNames::of(ProtocolVersion::Pyro4).nameServerTag() } });
    if (m_broadcast)
        m_broadcast->setUri(m_entries.value(objectId()).uri);
    return true;
}

PyroUri NameServer::uri() const
{
    return m_daemon ? m_daemon->uriFor(objectId()) : PyroUri();
}

Error NameServer::setStorageFile(const QString &path)
{
    if (QFile::exists(path)) {
        const Error e = loadFile(path);
        if (e)
            return e;
    }
    QMutexLocker locker(&m_lock);
    m_storageFile = path;
    return saveLocked();
}

QString NameServer::storageFile() const
{
    QMutexLocker locker(&m_lock);
    return m_storageFile;
}

Error NameServer::loadFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error(Error::Code::UsageError, tr("Cannot read name server storage %1").arg(path), file.errorString());
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (doc.isNull() || !doc.isObject())
        return Error(Error::Code::UsageError, tr("Name server storage %1 is not valid JSON").arg(path), parseError.errorString());
    const QJsonArray names = doc.object().value(QStringLiteral("names")).toArray();
    QMutexLocker locker(&m_lock);
    for (const QJsonValue &v : names) {
        const QJsonObject o = v.toObject();
        const QString name = o.value(QStringLiteral("name")).toString();
        const QString uri = o.value(QStringLiteral("uri")).toString();
        if (name.isEmpty() || name == objectId() || !PyroUri::parse(uri))
            continue;
        QStringList meta;
        for (const QJsonValue &m : o.value(QStringLiteral("metadata")).toArray())
            meta.append(m.toString());
        m_entries.insert(name, Entry { uri, meta });
    }
    return Error();
}

Error NameServer::saveLocked() const
{
    if (m_storageFile.isEmpty())
        return Error();
    QJsonArray names;
    for (auto it = m_entries.constBegin(); it != m_entries.constEnd(); ++it) {
        if (it.key() == objectId())
            continue;
        names.append(QJsonObject { { QStringLiteral("name"), it.key() },
                                   { QStringLiteral("uri"), it->uri },
                                   { QStringLiteral("metadata"), QJsonArray::fromStringList(it->metadata) } });
    }
    QSaveFile file(m_storageFile);
    if (!file.open(QIODevice::WriteOnly))
        return Error(Error::Code::UsageError, tr("Cannot write name server storage %1").arg(m_storageFile), file.errorString());
    file.write(QJsonDocument(QJsonObject { { QStringLiteral("version"), 1 }, { QStringLiteral("names"), names } }).toJson());
    if (!file.commit())
        return Error(Error::Code::UsageError, tr("Cannot write name server storage %1").arg(m_storageFile), file.errorString());
    return Error();
}

Error NameServer::startBroadcast(const QHostAddress &address, quint16 port)
{
    if (!m_broadcast)
        m_broadcast = new BroadcastResponder(this);
    if (!m_broadcast->start(address, port))
        return Error(Error::Code::ConnectionError, tr("Cannot start the broadcast responder on %1:%2").arg(address.toString()).arg(port),
                     m_broadcast->errorString());
    m_broadcast->setUri(uri().toString());
    return Error();
}

quint16 NameServer::broadcastPort() const
{
    return m_broadcast ? m_broadcast->port() : 0;
}

Error NameServer::registerName(const QString &name, const QString &uri, const QStringList &metadata, bool safe)
{
    QMutexLocker locker(&m_lock);
    if (safe && m_entries.contains(name))
        return namingError(QStringLiteral("name already registered: ") + name);
    QStringList unique;
    for (const QString &m : metadata) {
        if (!unique.contains(m))
            unique.append(m);
    }
    m_entries.insert(name, Entry { uri, unique });
    const Error e = saveLocked();
    if (e)
        qCWarning(lcPyroNaming) << e;
    return Error();
}

Result<QString> NameServer::lookupName(const QString &name, QStringList *metadata) const
{
    QMutexLocker locker(&m_lock);
    auto it = m_entries.constFind(name);
    if (it == m_entries.constEnd())
        return namingError(QStringLiteral("unknown name: ") + name);
    if (metadata)
        *metadata = it->metadata;
    return it->uri;
}

int NameServer::removeName(const QString &name)
{
    if (name == objectId())
        return 0;
    QMutexLocker locker(&m_lock);
    const int n = int(m_entries.remove(name));
    if (n)
        saveLocked();
    return n;
}

int NameServer::count() const
{
    QMutexLocker locker(&m_lock);
    return int(m_entries.size());
}

QStringList NameServer::names() const
{
    QMutexLocker locker(&m_lock);
    return m_entries.keys();
}

// ---- remote API ------------------------------------------------------------------------

static Value strList(const QStringList &items)
{
    ValueList out;
    for (const QString &s : items)
        out.append(Value(s));
    return Value::list(out);
}

static ProtocolVersion callerProtocol()
{
    return CallContext::current().protocol;
}

//! Metadata as the caller's protocol returns it: a set for Pyro5, a list for Pyro4.
static Value metadataValue(const QStringList &items)
{
    if (callerProtocol() == ProtocolVersion::Pyro5) {
        ValueList out;
        for (const QString &s : items)
            out.append(Value(s));
        return Value::set(out);
    }
    return strList(items);
}

//! Pyro4 accepts any iterable except str for metadata; we need its items as strings.
static Result<QStringList> metadataArgument(const Value &v, const QString &what)
{
    if (v.isNone())
        return QStringList();
    if (v.isStr())
        return PythonError::typeError(QStringLiteral("%1 should not be a str, but another iterable (set, list, etc)").arg(what));
    ValueList items;
    if (v.hasItems())
        items = v.items();
    else if (v.isDict())
        items = v.toDict().keys();
    else
        return PythonError::typeError(QStringLiteral("'%1' object is not iterable").arg(v.typeName()));
    QStringList out;
    for (const Value &item : items) {
        if (!item.isStr())
            return PythonError::typeError(QStringLiteral("%1 items must be str, not %2").arg(what, item.typeName()));
        out.append(item.toStr());
    }
    return out;
}

static bool truthy(const Value &v)
{
    switch (v.type()) {
    case Value::Type::None: return false;
    case Value::Type::Bool: return v.toBool();
    case Value::Type::Int: return v.toBigInt() != BigInt(0);
    case Value::Type::Float: return v.toDouble() != 0.0;
    case Value::Type::Str: return !v.toStr().isEmpty();
    case Value::Type::Bytes:
    case Value::Type::ByteArray: return !v.toBytes().isEmpty();
    case Value::Type::Dict: return !v.toDict().isEmpty();
    default: return v.hasItems() ? !v.items().isEmpty() : true;
    }
}

static Result<QRegularExpression> pythonRegex(const Value &pattern)
{
    if (!pattern.isStr())
        return PythonError::typeError(QStringLiteral("first argument must be string or compiled pattern"));
    // re.match anchors at the start only; \A keeps that true even with alternations.
    QRegularExpression re(QStringLiteral("\\A(?:") + pattern.toStr() + u')');
    if (!re.isValid())
        return namingError(QStringLiteral("invalid regex: ") + re.errorString());
    return re;
}

QStringList NameServer::metadataFor(const QString &name, const QStringList &metadata, ProtocolVersion caller)
{
    // The name server's own entry carries its class tag in the caller's protocol: Pyro4
    // callers find class:Pyro4.naming.NameServer, Pyro5 callers class:Pyro5.nameserver.NameServer.
    if (name != objectId() || caller == ProtocolVersion::Pyro4)
        return metadata;
    QStringList out = metadata;
    out.replaceInStrings(PyroClassNames::of(ProtocolVersion::Pyro4).nameServerTag(), PyroClassNames::of(caller).nameServerTag());
    return out;
}

std::shared_ptr<HandlerObject> NameServer::makeObject()
{
    auto obj = std::make_shared<HandlerObject>();
    obj->addMethod(QStringLiteral("ping"), [](const ValueList &, const Dict &) -> CallResult { return Value(); });
    obj->addMethod(QStringLiteral("count"), [this](const ValueList &args, const Dict &kwargs) -> CallResult {
        auto bound = CallArguments::bind(QStringLiteral("count"), {}, args, kwargs);
        if (!bound)
            return bound.error();
        return Value(count());
    });
    obj->addMethod(QStringLiteral("lookup"), [this](const ValueList &args, const Dict &kwargs) -> CallResult {
        auto bound = CallArguments::bind(QStringLiteral("lookup"), { QStringLiteral("name"), { QStringLiteral("return_metadata"), Value(false) } }, args, kwargs);
        if (!bound)
            return bound.error();
        const Value name = bound.value().value(QStringLiteral("name"));
        const QString key = name.isStr() ? name.toStr() : name.repr();
        QStringList meta;
        const auto uri = lookupName(key, &meta);
        if (!uri)
            return uri.error();
        auto parsed = PyroUri::parse(uri.value());
        const Value uriValue = parsed ? parsed.value().toValue(callerProtocol()) : Value(uri.value());
        if (truthy(bound.value().value(QStringLiteral("return_metadata"))))
            return Value::tuple({ uriValue, metadataValue(metadataFor(key, meta, callerProtocol())) });
        return uriValue;
    });
    obj->addMethod(QStringLiteral("register"), [this](const ValueList &args, const Dict &kwargs) -> CallResult {
        auto bound = CallArguments::bind(QStringLiteral("register"),
                                         { QStringLiteral("name"), QStringLiteral("uri"), { QStringLiteral("safe"), Value(false) }, { QStringLiteral("metadata"), Value() } },
                                         args, kwargs);
        if (!bound)
            return bound.error();
        const Value uri = bound.value().value(QStringLiteral("uri"));
        if (!uri.isStr() && uri.className() != PyroClassNames::of(ProtocolVersion::Pyro4).uri
            && uri.className() != PyroClassNames::of(ProtocolVersion::Pyro5).uri)
            return PythonError::typeError(QStringLiteral("only URIs or strings can be registered"));
        auto parsed = PyroUri::fromValue(uri);
        if (!parsed)
            return PythonError::pyro(QStringLiteral("PyroError"), QStringLiteral("invalid uri"));
        const Value name = bound.value().value(QStringLiteral("name"));
        if (!name.isStr())
            return PythonError::typeError(QStringLiteral("name must be a str"));
        auto meta = metadataArgument(bound.value().value(QStringLiteral("metadata")), QStringLiteral("metadata"));
        if (!meta)
            return meta.error();
        const QString text = uri.isStr() ? uri.toStr() : parsed.value().toString();
        const Error e = registerName(name.toStr(), text, meta.value(), truthy(bound.value().value(QStringLiteral("safe"))));
        if (e)
            return e;
        return Value();
    });
    obj->addMethod(QStringLiteral("set_metadata"), [this](const ValueList &args, const Dict &kwargs) -> CallResult {
        auto bound = CallArguments::bind(QStringLiteral("set_metadata"), { QStringLiteral("name"), QStringLiteral("metadata") }, args, kwargs);
        if (!bound)
            return bound.error();
        const Value name = bound.value().value(QStringLiteral("name"));
        if (!name.isStr())
            return PythonError::typeError(QStringLiteral("name must be a str"));
        auto meta = metadataArgument(bound.value().value(QStringLiteral("metadata")), QStringLiteral("metadata"));
        if (!meta)
            return meta.error();
        QMutexLocker locker(&m_lock);
        auto it = m_entries.find(name.toStr());
        if (it == m_entries.end())
            return namingError(QStringLiteral("unknown name: ") + name.toStr());
        QStringList unique;
        for (const QString &m : meta.value()) {
            if (!unique.contains(m))
                unique.append(m);
        }
        it->metadata = unique;
        saveLocked();
        return Value();
    });
    // Everything that list() and remove() filter on, as (name, uri, metadata) under the lock.
    auto select = [this](const Value &prefix, const Value &regex, const Value &all, const Value &any) -> Result<QStringList> {
        QStringList allTags, anyTags;
        std::optional<QRegularExpression> re;
        if (truthy(prefix)) {
            if (!prefix.isStr())
                return PythonError::typeError(QStringLiteral("startswith first arg must be str, not %1").arg(prefix.typeName()));
        } else if (truthy(regex)) {
            auto r = pythonRegex(regex);
            if (!r)
                return r.error();
            re = r.value();
        } else if (truthy(all)) {
            auto m = metadataArgument(all, QStringLiteral("metadata_all"));
            if (!m)
                return m.error();
            allTags = m.value();
        } else if (truthy(any)) {
            auto m = metadataArgument(any, QStringLiteral("metadata_any"));
            if (!m)
                return m.error();
            anyTags = m.value();
        }
        QStringList out;
        QMutexLocker locker(&m_lock);
        for (auto it = m_entries.constBegin(); it != m_entries.constEnd(); ++it) {
            bool keep = true;
            if (truthy(prefix))
                keep = it.key().startsWith(prefix.toStr());
            else if (re)
                keep = re->match(it.key()).hasMatch();
            else if (truthy(all))
                keep = std::all_of(allTags.begin(), allTags.end(), [&](const QString &t) { return it->metadata.contains(t); });
            else if (truthy(any))
                keep = std::any_of(anyTags.begin(), anyTags.end(), [&](const QString &t) { return it->metadata.contains(t); });
            if (keep)
                out.append(it.key());
        }
        return out;
    };
    obj->addMethod(QStringLiteral("list"), [this, select](const ValueList &args, const Dict &kwargs) -> CallResult {
        // Pyro5 moved the metadata filters to yplookup(): list(prefix, regex, return_metadata).
        const bool pyro5 = callerProtocol() == ProtocolVersion::Pyro5;
        auto bound = pyro5 ? CallArguments::bind(QStringLiteral("list"),
                                                 { { QStringLiteral("prefix"), Value() }, { QStringLiteral("regex"), Value() },
                                                   { QStringLiteral("return_metadata"), Value(false) } },
                                                 args, kwargs)
                           : CallArguments::bind(QStringLiteral("list"),
                                                 { { QStringLiteral("prefix"), Value() }, { QStringLiteral("regex"), Value() },
                                                   { QStringLiteral("metadata_all"), Value() }, { QStringLiteral("metadata_any"), Value() },
                                                   { QStringLiteral("return_metadata"), Value(false) } },
                                                 args, kwargs);
        if (!bound)
            return bound.error();
        const CallArguments &b = bound.value();
        const Value prefix = b.value(QStringLiteral("prefix")), regex = b.value(QStringLiteral("regex"));
        const Value all = b.value(QStringLiteral("metadata_all")), any = b.value(QStringLiteral("metadata_any"));
        if (int(!prefix.isNone()) + int(!regex.isNone()) + int(!all.isNone()) + int(!any.isNone()) > 1)
            return PythonError::valueError(QStringLiteral("you can only filter on one thing at a time"));
        auto names = select(prefix, regex, all, any);
        if (!names)
            return names.error();
        const bool withMeta = truthy(b.value(QStringLiteral("return_metadata")));
        Dict out;
        QMutexLocker locker(&m_lock);
        for (const QString &name : names.value()) {
            auto it = m_entries.constFind(name);
            if (it == m_entries.constEnd())
                continue;
            out.insert(Value(name), withMeta ? Value::tuple({ Value(it->uri), metadataValue(metadataFor(name, it->metadata, callerProtocol())) })
                                             : Value(it->uri));
        }
        return Value(out);
    });
    obj->addMethod(QStringLiteral("yplookup"), [this](const ValueList &args, const Dict &kwargs) -> CallResult {
        // Pyro5's yellow-pages lookup: the entries with all (or any) of the tags.
        auto bound = CallArguments::bind(QStringLiteral("yplookup"),
                                         { { QStringLiteral("meta_all"), Value() }, { QStringLiteral("meta_any"), Value() },
                                           { QStringLiteral("return_metadata"), Value(true) } },
                                         args, kwargs);
        if (!bound)
            return bound.error();
        const Value all = bound.value().value(QStringLiteral("meta_all")), any = bound.value().value(QStringLiteral("meta_any"));
        if (truthy(all) && truthy(any))
            return PythonError::valueError(QStringLiteral("you can't use meta_all or meta_any at the same time"));
        if (!truthy(all) && !truthy(any))
            return Value(Dict());
        auto tags = metadataArgument(truthy(all) ? all : any, truthy(all) ? QStringLiteral("metadata_all") : QStringLiteral("metadata_any"));
        if (!tags)
            return tags.error();
        const bool withMeta = truthy(bound.value().value(QStringLiteral("return_metadata")));
        const ProtocolVersion caller = callerProtocol();
        Dict out;
        QMutexLocker locker(&m_lock);
        for (auto it = m_entries.constBegin(); it != m_entries.constEnd(); ++it) {
            const QStringList meta = metadataFor(it.key(), it->metadata, caller);
            auto has = [&meta](const QString &t) { return meta.contains(t); };
            const bool keep = truthy(all) ? std::all_of(tags.value().begin(), tags.value().end(), has)
                                          : std::any_of(tags.value().begin(), tags.value().end(), has);
            if (keep)
                out.insert(Value(it.key()), withMeta ? Value::tuple({ Value(it->uri), metadataValue(meta) }) : Value(it->uri));
        }
        return Value(out);
    });
    obj->addMethod(QStringLiteral("remove"), [this, select](const ValueList &args, const Dict &kwargs) -> CallResult {
        auto bound = CallArguments::bind(QStringLiteral("remove"),
                                         { { QStringLiteral("name"), Value() }, { QStringLiteral("prefix"), Value() }, { QStringLiteral("regex"), Value() } },
                                         args, kwargs);
        if (!bound)
            return bound.error();
        const Value name = bound.value().value(QStringLiteral("name"));
        if (truthy(name) && name.isStr() && name.toStr() != objectId() && removeName(name.toStr()) == 1)
            return Value(1);
        const Value prefix = bound.value().value(QStringLiteral("prefix"));
        const Value regex = bound.value().value(QStringLiteral("regex"));
        if (!truthy(prefix) && !truthy(regex))
            return Value(0);
        auto names = truthy(prefix) ? select(prefix, Value(), Value(), Value()) : select(Value(), regex, Value(), Value());
        if (!names)
            return names.error();
        int removed = 0;
        QMutexLocker locker(&m_lock);
        for (const QString &n : names.value()) {
            if (n != objectId())
                removed += int(m_entries.remove(n));
        }
        if (removed)
            saveLocked();
        return Value(removed);
    });
    return obj;
}

} // namespace Pyro
