#include "client/proxy.h"

#include "client/connection.h"
#include "client/protocolmemory.h"
#include "client/uriresolver.h"
#include "protocol/connectfail.h"
#include "protocol/pyroclassnames.h"
#include "support/logging.h"
#include "value/classregistry.h"

#include <QScopeGuard>
#include <QThread>
#include <QTimer>

#include <algorithm>

namespace Pyro {

// Oneway calls buffered in the socket before they are handed to the kernel without waiting
// for the event loop.
static constexpr qint64 OnewayFlushBytes = 64 * 1024;

namespace {

const QString DaemonObjectId = QStringLiteral("Pyro.Daemon");

QSet<QString> nameSet(const Value &v)
{
    QSet<QString> out;
    for (const Value &item : v.items()) {
        if (item.isStr())
            out.insert(item.toStr());
    }
    return out;
}

QStringList sortedList(const QSet<QString> &set)
{
    QStringList list(set.begin(), set.end());
    list.sort();
    return list;
}

// dill (5) and cloudpickle (7) are pickle with extra reducers for code objects; plain data is
// plain pickle, so they share the pickle codec and its opt-in.
bool isPickleFamily(SerializerId id)
{
    return id == SerializerId::Pickle || id == SerializerId::Dill || id == SerializerId::CloudPickle;
}

QString serializerName(SerializerId id)
{
    switch (id) {
    case SerializerId::Dill: return QStringLiteral("dill");
    case SerializerId::CloudPickle: return QStringLiteral("cloudpickle");
    case SerializerId::Pickle: return QStringLiteral("pickle");
    default: return QString::number(int(id));
    }
}

Value listValue(const QSet<QString> &set)
{
    ValueList items;
    for (const QString &s : sortedList(set))
        items.append(s);
    return Value::list(items);
}

} // namespace

Proxy::Proxy(const PyroUri &uri, const ProxySettings &settings, QObject *parent)
    : QObject(parent), m_uri(uri), m_settings(settings), m_timer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, &Proxy::onTimeout);
}

Proxy::~Proxy()
{
    m_destroying = true;
    const Error gone(Error::Code::Cancelled, tr("the proxy was deleted"));
    failAll(gone);
    finishIdleStreams(gone);
    if (m_connection)
        m_connection->abort();
    m_finishedCalls.clear(); // they are in m_ops
    // What a QObject parent would do: the calls go with their proxy.
    qDeleteAll(std::exchange(m_ops, {}));
}

void Proxy::setSettings(const ProxySettings &settings)
{
    if (QThread::currentThread() != thread()) {
        QMetaObject::invokeMethod(this, [this, settings] { m_settings = settings; }, Qt::QueuedConnection);
        return;
    }
    m_settings = settings;
}

void Proxy::setCorrelationId(const QUuid &id)
{
    if (QThread::currentThread() != thread()) {
        QMetaObject::invokeMethod(this, [this, id] { m_correlationId = id; }, Qt::QueuedConnection);
        return;
    }
    m_correlationId = id;
}

void Proxy::setAnnotations(const QMap<QByteArray, QByteArray> &annotations)
{
    if (QThread::currentThread() != thread()) {
        QMetaObject::invokeMethod(this, [this, annotations] { m_annotations = annotations; }, Qt::QueuedConnection);
        return;
    }
    m_annotations = annotations;
}

QStringList Proxy::methods() const { return sortedList(m_methods); }
QStringList Proxy::onewayMethods() const { return sortedList(m_oneway); }
QStringList Proxy::attributes() const { return sortedList(m_attrs); }

Value Proxy::metadata() const
{
    return Dict {
        { QStringLiteral("methods"), listValue(m_methods) },
        { QStringLiteral("oneway"), listValue(m_oneway) },
        { QStringLiteral("attrs"), listValue(m_attrs) },
    };
}

// ---- operations ---------------------------------------------------------------------------

PendingCall *Proxy::newCall()
{
    // Not a QObject child: removing one of thousands of children is O(n), which made bursts of
    // oneway calls quadratic. m_ops keeps the ownership instead (see ~Proxy).
    auto *op = new PendingCall;
    op->m_proxy = this;
    op->m_serial = ++m_nextSerial;
    m_ops.insert(op);
    return op;
}

PendingStream *Proxy::newStream()
{
    auto *op = new PendingStream;
    op->m_proxy = this;
    op->m_serial = ++m_nextSerial;
    m_ops.insert(op);
    return op;
}

PendingCall *Proxy::refuseForeignThread(const char *method, bool stream)
{
    if (QThread::currentThread() == thread())
        return nullptr;
    // Owned by the caller and living in its thread; finishes from that thread's event loop
    // (or its waitForFinished()).
    PendingCall *op = stream ? static_cast<PendingCall *>(new PendingStream(nullptr)) : new PendingCall(nullptr);
    const QString name = QString::fromLatin1(method);
    qCWarning(lcPyroClient).noquote() << name + QStringLiteral("() used from a thread that is not the proxy's; refused");
    return failLater(op, Error(Error::Code::UsageError,
                               tr("%1() used from a thread that is not the proxy's; use Proxy::invoke(), "
                                  "invokeOperation() or invokeStream() from other threads")
                                       .arg(name)));
}

PendingCall *Proxy::failLater(PendingCall *op, const Error &error)
{
    QMetaObject::invokeMethod(op, [op, error] { op->finishWithError(error); }, Qt::QueuedConnection);
    return op;
}

Error Proxy::checkSerializer() const
{
    const Serializer *s = Serializer::byId(m_settings.serializer);
    if (!s)
        return Error(Error::Code::UnsupportedSerializer, tr("unknown serializer id %1").arg(int(m_settings.serializer)));
    // A protocol known before connecting (fixed, or the one this proxy is connected with).
    std::optional<ProtocolVersion> known = m_protocol;
    if (m_settings.protocol == ProxySettings::Protocol::Pyro4)
        known = ProtocolVersion::Pyro4;
    else if (m_settings.protocol == ProxySettings::Protocol::Pyro5)
        known = ProtocolVersion::Pyro5;
    if (known) {
        if (const Error e = protocolRefusal(*known); e.isError())
            return e;
    }
    if (isPickleFamily(m_settings.serializer) && !m_settings.allowPickle)
        return Error(Error::Code::SecurityError,
                     tr("the %1 serializer is not allowed (it can run arbitrary code); enable allowPickle to use it")
                             .arg(serializerName(m_settings.serializer)));
    return Error();
}

Error Proxy::protocolRefusal(ProtocolVersion v) const
{
    if (v != ProtocolVersion::Pyro5)
        return Error();
    if (!m_settings.hmacKey.isEmpty())
        return ProtocolInfo::hmacUnavailable(v);
    if (!ProtocolInfo::serializerWireId(m_settings.serializer, v))
        return ProtocolInfo::serializerUnavailable(m_settings.serializer, v);
    return Error();
}

Result<quint16> Proxy::wireSerializerId(SerializerId id) const
{
    if (const std::optional<quint16> wire = ProtocolInfo::serializerWireId(id, m_wireProtocol))
        return *wire;
    return ProtocolInfo::serializerUnavailable(id, m_wireProtocol);
}

QByteArray Proxy::hmacKeyForWire() const
{
    return m_wireProtocol == ProtocolVersion::Pyro4 ? m_settings.hmacKey : QByteArray();
}

Message Proxy::newMessage(MessageType type) const
{
    Message msg;
    msg.protocol = m_wireProtocol;
    msg.type = type;
    msg.annotations = m_annotations;
    if (!m_correlationId.isNull())
        msg.correlationId = m_correlationId.toRfc4122();
    return msg;
}

Error Proxy::checkMember(const QString &name, bool attribute) const
{
    if (!m_settings.metadata || !m_hasMetadata)
        return Error();
    if (attribute ? m_attrs.contains(name) : (m_methods.contains(name) || m_attrs.contains(name)))
        return Error();
    // Pyro4's AttributeError text (core.py Proxy.__getattr__ / __setattr__)
    return Error(Error::Code::UnknownMember,
                 attribute ? tr("remote object '%1' has no exposed attribute '%2'").arg(m_connectedUri.toString(), name)
                           : tr("remote object '%1' has no exposed attribute or method '%2'").arg(m_connectedUri.toString(), name));
}

PendingCall *Proxy::call(const QString &method, const ValueList &args, const Dict &kwargs)
{
    if (PendingCall *refused = refuseForeignThread("Proxy::call"))
        return refused;
    CallEnvelope env;
    env.method = method;
    env.args = args;
    env.kwargs = kwargs;
    return submit(Kind::Call, newCall(), env, { method });
}

PendingCall *Proxy::callSerialized(const QString &method, const Value &info, const ValueList &data)
{
    if (PendingCall *refused = refuseForeignThread("Proxy::callSerialized"))
        return refused;
    CallEnvelope env;
    env.method = method;
    env.args = data;
    return submit(Kind::Call, newCall(), env, { method }, std::nullopt, Request::Kept { info, std::nullopt });
}

PendingCall *Proxy::forwardSerialized(const QString &method, const Value &info, const QByteArray &payload, SerializerId serializer)
{
    if (PendingCall *refused = refuseForeignThread("Proxy::forwardSerialized"))
        return refused;
    CallEnvelope env;
    env.method = method;
    return submit(Kind::Call, newCall(), env, { method }, std::nullopt, Request::Kept { info, payload }, serializer);
}

PendingCall *Proxy::callByProtocol(const CallEnvelope &pyro4, const CallEnvelope &pyro5)
{
    if (PendingCall *refused = refuseForeignThread("Proxy::callByProtocol"))
        return refused;
    return submit(Kind::Call, newCall(), pyro4, {}, pyro5);
}

PendingCall *Proxy::callOneway(const QString &method, const ValueList &args, const Dict &kwargs)
{
    if (PendingCall *refused = refuseForeignThread("Proxy::callOneway"))
        return refused;
    CallEnvelope env;
    env.method = method;
    env.args = args;
    env.kwargs = kwargs;
    return submit(Kind::Oneway, newCall(), env, { method });
}

PendingStream *Proxy::callStream(const QString &method, const ValueList &args, const Dict &kwargs)
{
    if (PendingCall *refused = refuseForeignThread("Proxy::callStream", true))
        return static_cast<PendingStream *>(refused);
    CallEnvelope env;
    env.method = method;
    env.args = args;
    env.kwargs = kwargs;
    PendingStream *stream = newStream();
    submit(Kind::StreamStart, stream, env, { method });
    return stream;
}

PendingCall *Proxy::getAttribute(const QString &name)
{
    if (PendingCall *refused = refuseForeignThread("Proxy::getAttribute"))
        return refused;
    CallEnvelope env;
    env.method = QStringLiteral("__getattr__");
    env.args = { name };
    return submit(Kind::GetAttr, newCall(), env, {});
}

PendingCall *Proxy::setAttribute(const QString &name, const Value &value)
{
    if (PendingCall *refused = refuseForeignThread("Proxy::setAttribute"))
        return refused;
    CallEnvelope env;
    env.method = QStringLiteral("__setattr__");
    env.args = { name, value };
    return submit(Kind::SetAttr, newCall(), env, {});
}

namespace {

// A promise that ends exactly once: with finishWith*(), or Cancelled when the last owner goes
// without (the queued work was dropped because the proxy was deleted first).
struct OncePromiseState
{
    QPromise<Value> promise;
    int results = 0;
    bool done = false;
    OncePromiseState() { promise.start(); }
    ~OncePromiseState()
    {
        if (!done)
            finishWithError(Error(Error::Code::Cancelled, Proxy::tr("the proxy was deleted")));
    }
    void addResult(const Value &v) { promise.addResult(v, results++); }
    void finishWithResult(const Value &v)
    {
        if (std::exchange(done, true))
            return;
        promise.addResult(v, results++);
        promise.finish();
    }
    void finish()
    {
        if (std::exchange(done, true))
            return;
        promise.finish();
    }
    void finishWithError(const Error &e)
    {
        if (std::exchange(done, true))
            return;
        promise.setException(PyroException(e));
        promise.finish();
    }
};

} // namespace

QFuture<Value> Proxy::invoke(const QString &method, const ValueList &args, const Dict &kwargs)
{
    return invokeOperation([method, args, kwargs](Proxy *p) { return p->call(method, args, kwargs); });
}

QFuture<Value> Proxy::invokeOperation(std::function<PendingCall *(Proxy *)> make)
{
    auto state = std::make_shared<OncePromiseState>();
    QFuture<Value> future = state->promise.future();
    QMetaObject::invokeMethod(
            this,
            [this, state, make = std::move(make)] {
                PendingCall *op = make ? make(this) : nullptr;
                if (!op) {
                    state->finishWithError(Error(Error::Code::UsageError, tr("invokeOperation(): no operation was started")));
                    return;
                }
                connect(op, &PendingCall::finished, op, [op, state] {
                    if (op->hasError())
                        state->finishWithError(op->error());
                    else
                        state->finishWithResult(op->result());
                });
            },
            Qt::QueuedConnection);
    return future;
}

QFuture<Value> Proxy::invokeStream(const QString &method, const ValueList &args, const Dict &kwargs)
{
    auto state = std::make_shared<OncePromiseState>();
    QFuture<Value> future = state->promise.future();
    QMetaObject::invokeMethod(
            this,
            [this, state, method, args, kwargs] {
                PendingStream *stream = callStream(method, args, kwargs);
                connect(stream, &PendingStream::itemReceived, stream, [state](const Value &item) { state->addResult(item); });
                connect(stream, &PendingCall::finished, stream, [stream, state] {
                    if (stream->hasError())
                        state->finishWithError(stream->error());
                    else if (!stream->result().isNone())
                        state->finishWithResult(stream->result()); // not an iterator: its value
                    else
                        state->finish();
                });
            },
            Qt::QueuedConnection);
    return future;
}

Proxy *Proxy::clone(QObject *parent) const
{
    auto *p = new Proxy(m_uri, m_settings, parent);
    p->m_bound = m_bound;
    p->m_hasMetadata = m_hasMetadata;
    p->m_methods = m_methods;
    p->m_oneway = m_oneway;
    p->m_attrs = m_attrs;
    p->m_correlationId = m_correlationId;
    p->m_annotations = m_annotations;
    return p;
}

PendingCall *Proxy::bind()
{
    if (PendingCall *refused = refuseForeignThread("Proxy::bind"))
        return refused;
    PendingCall *op = newCall();
    if (m_state == State::Connected) {
        const Value meta = metadata();
        QMetaObject::invokeMethod(op, [op, meta] { op->finishWithResult(meta); }, Qt::QueuedConnection);
        return op;
    }
    m_binds.append(op);
    m_bindRequested = true;
    ensureConnection();
    return op;
}

PendingCall *Proxy::reconnect(int tries, int delayMs)
{
    if (PendingCall *refused = refuseForeignThread("Proxy::reconnect"))
        return refused;
    closeForReconnect();
    PendingCall *op = newCall();
    m_reconnects.append({ op, std::max(1, tries), std::max(0, delayMs) });
    // Not bind(): a proxy by name resolves the name again on each attempt (Pyro4 keeps
    // _pyroUri as it was; only _pyroBind replaces it).
    m_binds.append(op);
    ensureConnection();
    return op;
}

void Proxy::closeForReconnect()
{
    if (m_connection || m_resolve) {
        // In-flight replies would arrive on the old socket; they are lost with it.
        const Error error(Error::Code::Cancelled, tr("the connection was closed by reconnect()"));
        auto inFlight = std::exchange(m_inFlight, {});
        for (const RequestPtr &r : inFlight)
            failRequest(r, error);
        ++m_generation;
        if (m_connection) {
            m_connection->abort();
            m_connection->deleteLater();
            m_connection = nullptr;
        }
        if (m_resolve) {
            m_resolve->deleteLater();
            m_resolve = nullptr;
        }
        m_timer->stop();
        m_awaitingMetadata = false;
        setState(State::Unconnected);
    }
}

bool Proxy::retryReconnect(PendingCall *op, const Error &error)
{
    const auto it = std::find_if(m_reconnects.begin(), m_reconnects.end(), [op](const ReconnectAttempts &a) { return a.op == op; });
    if (it == m_reconnects.end())
        return false;
    const Error::Category category = error.category();
    if (category != Error::Category::Connection && category != Error::Category::Protocol) {
        m_reconnects.erase(it);
        return false; // Pyro4 retries CommunicationErrors only
    }
    if (--it->triesLeft <= 0) {
        m_reconnects.erase(it);
        qCDebug(lcPyroClient) << "reconnect: no tries left" << error;
        op->finishWithError(Error(Error::Code::ConnectionClosed, tr("failed to reconnect"), error.toString()));
        return true;
    }
    qCDebug(lcPyroClient) << "reconnect: attempt failed," << it->triesLeft << "left:" << error;
    QTimer::singleShot(it->delayMs, this, [this, guard = QPointer<PendingCall>(op)] {
        if (!guard || guard->isFinished())
            return;
        if (m_state == State::Connected) {
            m_reconnects.removeIf([&guard](const ReconnectAttempts &a) { return a.op == guard; });
            guard->finishWithResult(metadata());
            return;
        }
        m_binds.append(guard);
        ensureConnection();
    });
    return true;
}

void Proxy::release()
{
    if (QThread::currentThread() != thread()) {
        QMetaObject::invokeMethod(this, &Proxy::release, Qt::QueuedConnection);
        return;
    }
    const Error released(Error::Code::Cancelled, tr("the proxy connection was released"));
    failAll(released);
    finishIdleStreams(released);
    ++m_generation;
    if (m_connection) {
        m_connection->abort();
        m_connection->deleteLater();
        m_connection = nullptr;
    }
    if (m_resolve) {
        m_resolve->deleteLater();
        m_resolve = nullptr;
    }
    m_timer->stop();
    setState(State::Unconnected);
}

PendingCall *Proxy::submit(Kind kind, PendingCall *op, const CallEnvelope &envelope, const QStringList &checkNames,
                           const std::optional<CallEnvelope> &pyro5Envelope, const std::optional<Request::Kept> &kept,
                           std::optional<SerializerId> serializer)
{
    if (const Error e = checkSerializer(); e.isError())
        return failLater(op, e);
    auto request = std::make_shared<Request>();
    request->kind = kind;
    request->op = op;
    request->envelope = envelope;
    request->pyro5Envelope = pyro5Envelope;
    request->checkNames = checkNames;
    request->serializer = serializer.value_or(m_settings.serializer);
    request->kept = kept;
    // Pyro4 re-sends only plain method calls (_RemoteMethod.__call__); batches, attribute
    // access and stream items go through _pyroInvoke directly and are never repeated. Stream
    // starts are plain calls in Pyro4, but a generator's set-up is not repeated here unless asked.
    const bool retryable = kind == Kind::Call
            || (m_settings.retryAll && (kind == Kind::GetAttr || kind == Kind::SetAttr || kind == Kind::Batch || kind == Kind::StreamStart));
    request->retriesLeft = retryable ? std::max(0, m_settings.maxRetries) : 0;
    // Pyro4 sends None as kwargs for these; under marshal the Python client crashes on that,
    // but the daemon accepts {} (doc 4.4).
    if (kind == Kind::GetAttr || kind == Kind::SetAttr || kind == Kind::Batch || kind == Kind::BatchOneway)
        request->envelope.kwargsIsNone = m_settings.serializer != SerializerId::Marshal;
    m_queue.push_back(request);
    if (m_state == State::Connected)
        flushQueue();
    else
        ensureConnection();
    return op;
}

// ---- connection ---------------------------------------------------------------------------

void Proxy::ensureConnection()
{
    if (m_state != State::Unconnected)
        return;
    if (m_uri.protocol() == PyroUri::Protocol::Pyro) {
        startConnect(m_uri);
        return;
    }
    setState(State::Resolving);
    const quint64 generation = m_generation;
    m_resolve = UriResolver::resolveWithDefault(m_uri, m_settings, this);
    PendingResolve *resolve = m_resolve;
    connect(resolve, &PendingResolve::finished, this, [this, resolve, generation] {
        resolve->deleteLater();
        if (generation != m_generation || resolve != m_resolve)
            return;
        m_resolve = nullptr;
        if (resolve->error().isError()) {
            const Error e = resolve->error();
            setState(State::Unconnected);
            setError(e);
            failAll(e);
            return;
        }
        if (m_bindRequested) {
            // Pyro4 _pyroBind: later connections use the resolved PYRO: URI.
            m_uri = resolve->uri();
            m_bound = true;
        }
        startConnect(resolve->uri());
    });
}

void Proxy::startConnect(const PyroUri &target)
{
    m_connectedUri = target;
    m_switchedProtocol = false;
    switch (m_settings.protocol) {
    case ProxySettings::Protocol::Pyro4: m_wireProtocol = ProtocolVersion::Pyro4; break;
    case ProxySettings::Protocol::Pyro5: m_wireProtocol = ProtocolVersion::Pyro5; break;
    case ProxySettings::Protocol::Auto:
        // A guess: what the endpoint spoke last time, else Pyro4. Settings only Pyro4 can
        // serve (an HMAC key, pickle) always start with Pyro4.
        m_wireProtocol = ProtocolMemory::recall(target.location()).value_or(ProtocolVersion::Pyro4);
        if (protocolRefusal(ProtocolVersion::Pyro5).isError())
            m_wireProtocol = ProtocolVersion::Pyro4;
        break;
    }
    connectNow();
}

void Proxy::connectNow()
{
    const PyroUri target = m_connectedUri;
    m_reader.reset();
    m_reader.setProtocol(m_wireProtocol);
    m_reader.setHmacKey(hmacKeyForWire());
    m_reader.setMaxMessageSize(m_settings.maxMessageSize);
    if (m_connection)
        m_connection->deleteLater();
    m_connection = new Connection(this);
    const quint64 generation = m_generation;
    connect(m_connection, &Connection::connected, this, [this, generation] {
        if (generation == m_generation)
            onSocketConnected();
    });
    connect(m_connection, &Connection::readyRead, this, [this, generation] {
        if (generation == m_generation)
            onReadyRead();
    });
    connect(m_connection, &Connection::failed, this, [this, generation](const Error &e) {
        if (generation == m_generation)
            onSocketFailed(e);
    });
    setState(State::Connecting);
    restartTimer();
    qCDebug(lcPyroClient) << "connecting to" << target.toString() << "with" << ProtocolInfo::describe(m_wireProtocol);
    m_connection->connectTo(target, m_settings);
}

void Proxy::onSocketConnected()
{
    const bool pyro5 = m_wireProtocol == ProtocolVersion::Pyro5;
    if (const Error e = protocolRefusal(m_wireProtocol); e.isError()) {
        dropConnection(e);
        return;
    }
    const Result<quint16> wireId = wireSerializerId(m_settings.serializer);
    if (!wireId) {
        dropConnection(wireId.error());
        return;
    }
    const Serializer *serializer = Serializer::byId(m_settings.serializer);
    Dict payload;
    payload.insert(QStringLiteral("handshake"), m_settings.handshake);
    // Pyro5 always names the object (its CONNECTOK always carries the metadata).
    if (m_settings.metadata || pyro5)
        payload.insert(QStringLiteral("object"), m_connectedUri.object());
    const Result<QByteArray> data = serializer->encode(Value(payload));
    if (!data) {
        dropConnection(data.error());
        return;
    }
    Message msg = newMessage(MessageType::Connect);
    if (m_settings.metadata && !pyro5)
        msg.flags |= MessageFlag::MetaOnConnect;
    msg.seq = m_seq; // Pyro sends the current seq, not reset on reconnect
    m_connectSeq = m_seq;
    msg.serializerId = wireId.value();
    msg.data = data.value();
    const Result<QByteArray> bytes = MessageWriter::tryWrite(msg, hmacKeyForWire(), m_settings.compression);
    if (!bytes) {
        dropConnection(bytes.error());
        return;
    }
    setState(State::Handshaking);
    restartTimer();
    m_connection->write(bytes.value());
}

void Proxy::onReadyRead()
{
    if (!m_connection)
        return;
    if (m_dispatchDepth == 0 && !m_finishedCalls.empty()) {
        QPointer<Proxy> self(this);
        reapFinishedCalls();
        if (!self || !m_connection)
            return;
    }
    ++m_dispatchDepth;
    const auto leave = qScopeGuard([this] { --m_dispatchDepth; });
    if (m_state == State::Handshaking) {
        // The first reply's version says what the server speaks (Connection checked it).
        const std::optional<ProtocolVersion> server = m_connection->serverProtocol();
        if (server && *server != m_wireProtocol) {
            handleProtocolMismatch(*server);
            return;
        }
    }
    const quint64 generation = m_generation;
    m_reader.append(m_connection->readAll());
    while (generation == m_generation) {
        std::optional<Message> msg = m_reader.next();
        if (!msg)
            break;
        handleMessage(*msg);
    }
    if (generation == m_generation && m_reader.hasFailed())
        dropConnection(m_reader.error());
}

void Proxy::handleProtocolMismatch(ProtocolVersion server)
{
    const QString peer = m_connectedUri.location();
    const QString detail = tr("a %1 handshake was answered in %2").arg(ProtocolInfo::describe(m_wireProtocol), ProtocolInfo::describe(server));
    if (m_settings.protocol != ProxySettings::Protocol::Auto) {
        dropConnection(Error(Error::Code::ProtocolMismatch,
                             tr("The server at %1 speaks %2, but %3 was asked for")
                                     .arg(peer, ProtocolInfo::describe(server), ProtocolInfo::describe(m_wireProtocol)),
                             detail));
        return;
    }
    if (m_switchedProtocol) {
        dropConnection(Error(Error::Code::ProtocolMismatch,
                             tr("The server at %1 answered both Pyro4 and Pyro5 handshakes in the other protocol").arg(peer),
                             detail));
        return;
    }
    ProtocolMemory::remember(peer, server);
    if (const Error refusal = protocolRefusal(server); refusal.isError()) {
        dropConnection(Error(refusal.code(), tr("The server at %1 speaks %2: %3").arg(peer, ProtocolInfo::name(server), refusal.message()),
                             detail));
        return;
    }
    qCDebug(lcPyroClient) << peer << "speaks" << ProtocolInfo::describe(server) << "- reconnecting in it";
    // The old socket (closed by the server after its CONNECTFAIL) goes; requests stay queued.
    ++m_generation;
    if (m_connection) {
        m_connection->abort();
        m_connection->deleteLater();
        m_connection = nullptr;
    }
    m_timer->stop();
    m_switchedProtocol = true;
    m_wireProtocol = server;
    connectNow();
}

void Proxy::onSocketFailed(const Error &error)
{
    // Replies that arrived just before the peer hung up still count.
    const quint64 generation = m_generation;
    onReadyRead();
    if (generation != m_generation)
        return;
    Error e = error;
    if (m_state == State::Handshaking && e.code() == Error::Code::ConnectionClosed)
        e = Error(Error::Code::ConnectionClosed,
                  tr("connection to %1 closed during the handshake (wrong HMAC key, TLS, or message size limit?)")
                          .arg(m_connectedUri.location()));
    dropConnection(e);
}

void Proxy::onTimeout()
{
    if (m_state == State::Connecting || m_state == State::Handshaking) {
        dropConnection(Error(Error::Code::Timeout, tr("connecting to %1: timeout").arg(m_connectedUri.location())));
    } else if (!m_inFlight.empty()) {
        // Like Pyro4: the connection is closed so that a late reply cannot be taken for the next call's.
        dropConnection(Error(Error::Code::Timeout, tr("receiving: timeout")));
    }
}

void Proxy::restartTimer()
{
    const bool waiting = m_state == State::Connecting || m_state == State::Handshaking
            || (m_state == State::Connected && !m_inFlight.empty());
    if (m_settings.timeout > 0 && waiting)
        m_timer->start(int(std::min<double>(m_settings.timeout * 1000.0, std::numeric_limits<int>::max())));
    else
        m_timer->stop();
}

void Proxy::dropConnection(const Error &error)
{
    qCDebug(lcPyroClient) << "dropping connection to" << m_connectedUri.toString() << error;
    ++m_generation;
    if (m_connection) {
        m_connection->abort();
        m_connection->deleteLater();
        m_connection = nullptr;
    }
    m_timer->stop();
    m_reader.reset();
    m_awaitingMetadata = false;
    setState(State::Unconnected);
    setError(error);

    // Pyro4 MAX_RETRIES: a call that failed with ConnectionClosed or Timeout is re-sent on a new connection.
    const bool retryable = error.code() == Error::Code::ConnectionClosed || error.code() == Error::Code::Timeout;
    std::deque<RequestPtr> all = std::exchange(m_inFlight, {});
    for (RequestPtr &r : m_queue)
        all.push_back(std::move(r));
    m_queue.clear();
    for (const RequestPtr &r : all) {
        if (retryable && r->retriesLeft > 0 && r->op && !r->op->isFinished()) {
            --r->retriesLeft;
            qCDebug(lcPyroClient) << "retrying" << r->envelope.method;
            m_queue.push_back(r);
        } else {
            failRequest(r, error);
        }
    }
    const auto binds = std::exchange(m_binds, {});
    for (const QPointer<PendingCall> &op : binds) {
        if (op && !retryReconnect(op, error))
            op->finishWithError(error);
    }
    if (!m_queue.empty() && !m_destroying)
        QMetaObject::invokeMethod(this, [this] {
            if (!m_queue.empty())
                ensureConnection();
        }, Qt::QueuedConnection);
}

void Proxy::failRequest(const RequestPtr &request, const Error &error)
{
    if (request->op)
        request->op->finishWithError(error);
}

void Proxy::failAll(const Error &error)
{
    std::deque<RequestPtr> all = std::exchange(m_inFlight, {});
    for (RequestPtr &r : m_queue)
        all.push_back(std::move(r));
    m_queue.clear();
    for (const RequestPtr &r : all)
        failRequest(r, error);
    const auto binds = std::exchange(m_binds, {});
    for (const QPointer<PendingCall> &op : binds) {
        if (op)
            op->finishWithError(error);
    }
    // reconnect() operations waiting for their next attempt
    const auto reconnects = std::exchange(m_reconnects, {});
    for (const ReconnectAttempts &a : reconnects) {
        if (a.op)
            a.op->finishWithError(error);
    }
}

void Proxy::finishIdleStreams(const Error &error)
{
    // Copied: a finished() handler may delete operations (which leave m_ops).
    QList<QPointer<PendingCall>> ops;
    ops.reserve(m_ops.size());
    for (PendingCall *op : std::as_const(m_ops))
        ops.append(op);
    for (const QPointer<PendingCall> &op : std::as_const(ops)) {
        auto *stream = qobject_cast<PendingStream *>(op.data());
        if (stream && !stream->isFinished()) {
            stream->m_ended = true;
            stream->finishWithError(error);
        }
    }
}

void Proxy::timeOutCall(PendingCall *op)
{
    const auto matches = [op](const RequestPtr &r) { return r->op == op; };
    if (const auto it = std::find_if(m_inFlight.begin(), m_inFlight.end(), matches); it != m_inFlight.end()) {
        // Pyro4 _pyroTimeout: the connection goes, so the late reply cannot be taken for
        // another call's and the calls after this one do not wait behind it.
        (*it)->retriesLeft = 0;
        dropConnection(Error(Error::Code::Timeout, tr("receiving: timeout")));
        return;
    }
    const auto queued = std::find_if(m_queue.begin(), m_queue.end(), matches);
    const bool binding = std::find(m_binds.begin(), m_binds.end(), QPointer<PendingCall>(op)) != m_binds.end();
    if (queued == m_queue.end() && !binding)
        return;
    if (m_state == State::Connecting || m_state == State::Handshaking) {
        if (queued != m_queue.end())
            (*queued)->retriesLeft = 0;
        dropConnection(Error(Error::Code::Timeout, tr("connecting to %1: timeout").arg(m_connectedUri.location())));
        return;
    }
    // Resolving a name: only this call gives up.
    if (queued != m_queue.end()) {
        const RequestPtr r = *queued;
        m_queue.erase(queued);
        failRequest(r, Error(Error::Code::Timeout, tr("resolving %1: timeout").arg(m_uri.toString())));
    } else {
        m_binds.removeAll(QPointer<PendingCall>(op));
        op->finishWithError(Error(Error::Code::Timeout, tr("resolving %1: timeout").arg(m_uri.toString())));
    }
}

void Proxy::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    emit stateChanged(state);
}

void Proxy::setError(const Error &error)
{
    if (m_error == error && m_error.detail() == error.detail())
        return;
    m_error = error;
    emit errorChanged(error);
}

// ---- messages -----------------------------------------------------------------------------

Result<Value> Proxy::decodePayload(const Message &message) const
{
    // Serializer ids are numbered per protocol (docs/pyro5-protocol.md).
    const std::optional<SerializerId> known = ProtocolInfo::serializerFromWire(message.serializerId, message.protocol);
    const Serializer *serializer = known ? Serializer::byId(*known) : nullptr;
    if (!serializer)
        return Error(Error::Code::UnsupportedSerializer, tr("invalid serializer in response: %1").arg(message.serializerId));
    const SerializerId id = *known;
    if (isPickleFamily(id) && !m_settings.allowPickle)
        return Error(Error::Code::SecurityError,
                     tr("the daemon answered in %1 (serializer id %2), which is not allowed (it can run arbitrary code); enable allowPickle to accept it")
                             .arg(serializerName(id))
                             .arg(int(id)));
    Result<Value> decoded = serializer->decode(message.data);
    if (!decoded && (id == SerializerId::Dill || id == SerializerId::CloudPickle)) {
        // Only the plain-data subset of dill/cloudpickle is readable; say what was not.
        const Error &e = decoded.error();
        return Error(e.code(),
                     tr("cannot decode the %1 reply (serializer id %2) as plain pickle data: %3")
                             .arg(serializerName(id))
                             .arg(int(id))
                             .arg(e.message()),
                     e.detail());
    }
    return decoded;
}

void Proxy::handleMessage(const Message &message)
{
    if (m_state == State::Handshaking && m_awaitingMetadata) {
        handleMetadataReply(message);
        return;
    }
    if (m_state == State::Handshaking) {
        handleHandshakeReply(message);
        return;
    }
    if (m_state != State::Connected) {
        dropConnection(Error(Error::Code::ProtocolError, tr("unexpected message type %1 from %2").arg(int(message.type)).arg(m_connectedUri.location())));
        return;
    }
    if (message.type != MessageType::Result) {
        dropConnection(Error(Error::Code::ProtocolError, tr("invalid message type %1 received, expected a result").arg(int(message.type))));
        return;
    }
    if (m_inFlight.empty()) {
        dropConnection(Error(Error::Code::ProtocolError, tr("unexpected reply (seq %1) with no call waiting").arg(message.seq)));
        return;
    }
    const RequestPtr request = m_inFlight.front();
    if (message.seq != request->seq) {
        dropConnection(Error(Error::Code::ProtocolError,
                             tr("invoke: reply sequence out of sync, got %1 expected %2").arg(message.seq).arg(request->seq)));
        return;
    }
    m_inFlight.pop_front();
    restartTimer();
    const Result<quint16> expectedSerializer = wireSerializerId(request->serializer);
    if (!expectedSerializer || message.serializerId != expectedSerializer.value()) {
        const Error e(Error::Code::SerializeError, tr("invalid serializer in response: %1").arg(message.serializerId));
        failRequest(request, e);
        dropConnection(e); // Pyro4 closes the connection after any CommunicationError
        return;
    }
    if (request->kind == Kind::StreamItem)
        handleStreamItemReply(request, message);
    else
        handleReply(request, message);
}

void Proxy::handleHandshakeReply(const Message &message)
{
    if (message.type == MessageType::ConnectFail) {
        dropConnection(connectFailError(connectFailReason(message), m_connectedUri.location()));
        return;
    }
    if (message.type != MessageType::ConnectOk) {
        dropConnection(Error(Error::Code::ProtocolError, tr("invalid message type %1 received during the handshake").arg(int(message.type))));
        return;
    }
    if (message.seq != m_connectSeq) {
        dropConnection(Error(Error::Code::ProtocolError,
                             tr("handshake reply sequence out of sync, got %1 expected %2").arg(message.seq).arg(m_connectSeq)));
        return;
    }
    const Result<Value> payload = decodePayload(message);
    if (!payload) {
        dropConnection(payload.error());
        return;
    }
    const Value v = payload.value();
    // A 502 CONNECTOK always carries {"handshake": ..., "meta": ...}.
    if (message.hasFlag(MessageFlag::MetaOnConnect) || message.protocol == ProtocolVersion::Pyro5) {
        const Dict d = v.toDict();
        const Value meta = d.value(QStringLiteral("meta"));
        if (!v.isDict() || !meta.isDict()) {
            dropConnection(Error(Error::Code::ProtocolError, tr("invalid handshake response: no metadata"), v.repr()));
            return;
        }
        m_handshakeResponse = d.value(QStringLiteral("handshake"));
        if (!m_settings.metadata) {
            clearMetadata();
        } else if (const Error e = applyMetadata(meta); e.isError()) {
            dropConnection(e);
            return;
        }
    } else {
        m_handshakeResponse = v;
        if (m_settings.metadata) {
            // Doc 2.2: a daemon older than 4.27 ignores META_ON_CONNECT; ask it separately on
            // this connection, as Pyro4's _pyroGetMetadata does.
            requestMetadata();
            return;
        }
        clearMetadata();
    }
    finishHandshake();
}

Error Proxy::applyMetadata(const Value &meta)
{
    const Dict md = meta.toDict();
    QSet<QString> methods = nameSet(md.value(QStringLiteral("methods")));
    QSet<QString> attrs = nameSet(md.value(QStringLiteral("attrs")));
    if (methods.isEmpty() && attrs.isEmpty())
        return Error(Error::Code::ProtocolError,
                     tr("remote object '%1' doesn't expose any methods or attributes").arg(m_connectedUri.object()));
    m_methods = std::move(methods);
    m_oneway = nameSet(md.value(QStringLiteral("oneway")));
    m_attrs = std::move(attrs);
    m_hasMetadata = true;
    return Error();
}

void Proxy::clearMetadata()
{
    m_hasMetadata = false;
    m_methods.clear();
    m_oneway.clear();
    m_attrs.clear();
}

void Proxy::requestMetadata()
{
    CallEnvelope env;
    env.objectId = DaemonObjectId;
    env.method = QStringLiteral("get_metadata");
    env.args = { m_connectedUri.object() };
    const Result<QByteArray> data = Serializer::byId(m_settings.serializer)->encodeCall(env);
    if (!data) {
        dropConnection(data.error());
        return;
    }
    const Result<quint16> wireId = wireSerializerId(m_settings.serializer);
    if (!wireId) {
        dropConnection(wireId.error());
        return;
    }
    Message msg = newMessage(MessageType::Invoke);
    msg.seq = nextSeq();
    msg.serializerId = wireId.value();
    msg.data = data.value();
    const Result<QByteArray> bytes = MessageWriter::tryWrite(msg, hmacKeyForWire(), m_settings.compression);
    if (!bytes) {
        dropConnection(bytes.error());
        return;
    }
    qCDebug(lcPyroClient) << "no metadata in the handshake; asking get_metadata, seq" << msg.seq;
    m_metadataSeq = msg.seq;
    m_awaitingMetadata = true;
    restartTimer();
    m_connection->write(bytes.value());
}

void Proxy::handleMetadataReply(const Message &message)
{
    m_awaitingMetadata = false;
    if (message.type != MessageType::Result || message.seq != m_metadataSeq) {
        dropConnection(Error(Error::Code::ProtocolError,
                             tr("invalid reply to get_metadata (type %1, seq %2, expected %3)")
                                     .arg(int(message.type))
                                     .arg(message.seq)
                                     .arg(m_metadataSeq)));
        return;
    }
    const Result<Value> payload = decodePayload(message);
    if (!payload) {
        dropConnection(payload.error());
        return;
    }
    const Value v = payload.value();
    if (message.hasFlag(MessageFlag::Exception)) {
        const Error remote = Error::fromRemoteException(v);
        // A daemon without get_metadata (Pyro4 < 4.27) answers AttributeError: carry on
        // without metadata, so any name may be called. Other failures (unknown object) are real.
        if (remote.remoteClass().endsWith(QLatin1String("AttributeError"))) {
            qCDebug(lcPyroClient) << "daemon has no get_metadata; continuing without metadata" << remote;
            clearMetadata();
            finishHandshake();
            return;
        }
        dropConnection(remote);
        return;
    }
    if (!v.isDict()) {
        dropConnection(Error(Error::Code::ProtocolError, tr("invalid get_metadata result"), v.repr()));
        return;
    }
    if (const Error e = applyMetadata(v); e.isError()) {
        dropConnection(e);
        return;
    }
    finishHandshake();
}

void Proxy::finishHandshake()
{
    m_protocol = m_wireProtocol;
    ProtocolMemory::remember(m_connectedUri.location(), m_wireProtocol);
    setState(State::Connected);
    setError(Error());
    if (m_hasMetadata)
        emit metadataChanged();
    const Value meta = metadata();
    const auto binds = std::exchange(m_binds, {});
    for (const QPointer<PendingCall> &op : binds) {
        m_reconnects.removeIf([&op](const ReconnectAttempts &a) { return !a.op || a.op == op; });
        if (op)
            op->finishWithResult(meta);
    }
    restartTimer();
    flushQueue();
}

void Proxy::flushQueue()
{
    const quint64 generation = m_generation;
    while (!m_queue.empty() && m_state == State::Connected && generation == m_generation) {
        RequestPtr r = m_queue.front();
        m_queue.pop_front();
        sendRequest(r);
    }
}

void Proxy::sendRequest(const RequestPtr &request)
{
    PendingCall *op = request->op;
    if (request->kind != Kind::StreamClose && (!op || op->isFinished())) {
        // Cancelled before it was sent; an abandoned stream start is simply not made.
        return;
    }
    for (const QString &name : std::as_const(request->checkNames)) {
        const Error e = checkMember(name, false);
        if (e.isError()) {
            failLater(op, e);
            return;
        }
    }
    if (request->kind == Kind::GetAttr || request->kind == Kind::SetAttr) {
        const Error e = checkMember(request->envelope.args.value(0).toStr(), true);
        if (e.isError()) {
            failLater(op, e);
            return;
        }
    }
    const bool pyro5Form = request->pyro5Envelope && m_wireProtocol == ProtocolVersion::Pyro5;
    CallEnvelope env = pyro5Form ? *request->pyro5Envelope : request->envelope;
    if (request->pyro5Envelope) {
        const Error e = checkMember(env.method, false);
        if (e.isError()) {
            failLater(op, e);
            return;
        }
    }
    if (env.objectId.isEmpty())
        env.objectId = m_connectedUri.object();
    // URIs and proxies of the other protocol (a callback proxy made as Pyro4's, a URI from a
    // Pyro4 result passed to a Pyro5 object) travel in the names of the protocol spoken here.
    for (Value &arg : env.args)
        arg = PyroClassNames::toProtocol(arg, m_wireProtocol);
    if (!env.kwargs.isEmpty())
        env.kwargs = PyroClassNames::toProtocol(Value(env.kwargs), m_wireProtocol).toDict();
    MessageFlags flags;
    bool oneway = false;
    switch (request->kind) {
    case Kind::Call:
        oneway = m_settings.metadata && m_hasMetadata && m_oneway.contains(env.method);
        break;
    case Kind::Oneway:
    case Kind::StreamClose:
        oneway = true;
        break;
    case Kind::Batch:
        flags |= MessageFlag::Batch;
        break;
    case Kind::BatchOneway:
        flags |= MessageFlag::Batch;
        oneway = true;
        break;
    default:
        break;
    }
    if (oneway)
        flags |= MessageFlag::Oneway;
    request->oneway = oneway;

    const Result<quint16> wireId = wireSerializerId(request->serializer);
    if (!wireId) {
        if (op)
            failLater(op, wireId.error());
        return;
    }
    const Serializer *serializer = Serializer::byId(request->serializer);
    Message msg = newMessage(MessageType::Invoke);
    if (request->kept) {
        // __serializeBlobArgs, the same in Pyro4 and Pyro5 5.16: the payload travels as it is;
        // the daemon finds object and method in BLBI = marshal.dumps((info, objectId, method))
        // (docs/pyro5-protocol.md, "Kept-serialized calls").
        const Result<QByteArray> blbi = Serializer::byId(SerializerId::Marshal)->encode(Value::tuple({ request->kept->info, env.objectId, env.method }));
        if (!blbi) {
            if (op)
                failLater(op, blbi.error());
            return;
        }
        msg.annotations.insert(QByteArrayLiteral("BLBI"), blbi.value());
        flags |= MessageFlag::KeepSerialized;
    }
    // A forwarded payload goes as it came; everything else is serialized here.
    const Result<QByteArray> data = request->kept && request->kept->payload ? Result<QByteArray>(*request->kept->payload)
                                                                            : serializer->encodeCall(env);
    if (!data) {
        if (op)
            failLater(op, data.error());
        return;
    }
    msg.flags = flags;
    msg.seq = nextSeq();
    msg.serializerId = wireId.value();
    msg.data = data.value();
    request->seq = msg.seq;
    const Result<QByteArray> bytes = MessageWriter::tryWrite(msg, hmacKeyForWire(), m_settings.compression);
    if (!bytes) {
        if (op)
            failLater(op, bytes.error());
        return;
    }
    qCDebug(lcPyroClient) << "invoke" << env.objectId << env.method << "seq" << msg.seq << (oneway ? "oneway" : "");
    if (op)
        op->m_requestWireSize = bytes.value().size();
    if (!oneway) {
        m_inFlight.push_back(request);
        if (m_inFlight.size() == 1)
            restartTimer();
    }
    // A call that waits for its reply goes out now (saves an event-loop turn per round trip);
    // oneway calls are coalesced until the loop turns, but only up to a bound. (Writing may
    // fail the connection at once: m_connection is then gone.)
    m_connection->write(bytes.value(), oneway ? Connection::WriteMode::Buffered : Connection::WriteMode::Now);
    if (oneway && m_connection && m_connection->bytesToWrite() > OnewayFlushBytes)
        m_connection->flush();
    if (oneway && op) {
        // Finished from the event loop (never inside call()), all of a burst with one event.
        if (m_sentOneways.empty())
            QMetaObject::invokeMethod(this, &Proxy::finishSentOneways, Qt::QueuedConnection);
        m_sentOneways.emplace_back(op, op->m_serial);
    }
}

bool Proxy::deleteAfterDispatch(PendingCall *op)
{
    if (m_dispatchDepth == 0 || m_destroying)
        return false;
    m_finishedCalls.push_back({ op, op->m_serial, thread()->loopLevel() });
    if (!m_reapTimer) {
        // For the last calls before a pause: nobody waits for their memory.
        m_reapTimer = new QTimer(this);
        m_reapTimer->setInterval(100);
        connect(m_reapTimer, &QTimer::timeout, this, [this] {
            if (m_dispatchDepth == 0)
                reapFinishedCalls();
            if (m_finishedCalls.empty())
                m_reapTimer->stop();
        });
    }
    if (!m_reapTimer->isActive())
        m_reapTimer->start();
    return true;
}

void Proxy::reapFinishedCalls()
{
    // As deleteLater(): a call finished inside an event loop started while replies were being
    // handled goes once that loop is left (never while it runs, nor while a dispatch of ours is
    // still on the stack: m_dispatchDepth is 0 here).
    const int level = thread()->loopLevel();
    const auto finished = std::exchange(m_finishedCalls, {});
    std::vector<FinishedCall> kept;
    QPointer<Proxy> self(this);
    for (const FinishedCall &f : finished) {
        // The caller may have deleted a call meanwhile (its address may even be reused), or
        // taken it over with setAutoDelete(false).
        if (!m_ops.contains(f.op) || f.op->m_serial != f.serial || !f.op->autoDelete())
            continue;
        if (f.loopLevel < level) {
            kept.push_back(f);
            continue;
        }
        delete f.op;
        if (!self)
            return;
    }
    m_finishedCalls.insert(m_finishedCalls.begin(), kept.begin(), kept.end());
}

void Proxy::finishSentOneways()
{
    const auto sent = std::exchange(m_sentOneways, {});
    QPointer<Proxy> self(this);
    for (const auto &[op, serial] : sent) {
        // The caller may have deleted a call meanwhile (its address may even be reused).
        if (m_ops.contains(op) && op->m_serial == serial)
            op->finishWithResult(Value());
        if (!self)
            return;
    }
}

void Proxy::handleReply(const RequestPtr &request, const Message &message)
{
    PendingCall *op = request->op;
    const Result<Value> decoded = decodePayload(message);
    if (!decoded) {
        // Pyro4 closes the connection after a SerializeError (a CommunicationError).
        failRequest(request, decoded.error());
        dropConnection(decoded.error());
        return;
    }
    const Value v = decoded.value();
    if (message.hasFlag(MessageFlag::ItemStreamResult)) {
        const QByteArray streamId = message.annotations.value(QByteArrayLiteral("STRM"));
        if (streamId.isEmpty()) {
            if (op)
                op->finishWithError(Error(Error::Code::StreamingDisabled,
                                          tr("result of call is an iterator, but the server is not configured to allow streaming")));
            return;
        }
        if (!op || op->isFinished()) {
            closeStream(streamId);
            return;
        }
        op->m_responseAnnotations = message.annotations;
        op->m_responseCorrelationId = message.correlationId;
        op->setStreamId(streamId);
        if (op->m_timeoutTimer)
            op->m_timeoutTimer->stop(); // the call's timeout ends with its reply
        if (request->kind == Kind::StreamStart) {
            fetchStreamItems(static_cast<PendingStream *>(op));
        } else {
            op->finishWithResult(Value());
        }
        return;
    }
    if (!op || op->isFinished())
        return;
    op->m_responseAnnotations = message.annotations;
    op->m_responseCorrelationId = message.correlationId;
    op->m_replyWireSize = message.wireSize;
    if (message.hasFlag(MessageFlag::Exception)) {
        // A whole batch can fail this way too (unknown method; under marshal the daemon cannot
        // serialize the _ExceptionWrapper inside the list and raises it at top level).
        if (request->kind == Kind::Batch)
            op->m_result = Value::list({});
        op->finishWithError(Error::fromRemoteException(v));
        return;
    }
    if (request->kind == Kind::Batch) {
        if (!v.isSequence()) {
            op->finishWithError(Error(Error::Code::ProtocolError, tr("invalid batch result: not a list"), v.repr()));
            return;
        }
        ValueList results;
        for (const Value &item : v.items()) {
            if (item.className() == PyroClassNames::of(message.protocol).exceptionWrapper) {
                op->m_result = Value::list(results);
                op->finishWithError(Error::fromRemoteException(item.toDict().value(QStringLiteral("exception"))));
                return;
            }
            results.append(ClassRegistry::recreateClasses(item));
        }
        op->finishWithResult(Value::list(results));
        return;
    }
    op->finishWithResult(ClassRegistry::recreateClasses(v));
}

void Proxy::handleStreamItemReply(const RequestPtr &request, const Message &message)
{
    auto *stream = static_cast<PendingStream *>(request->op.data());
    if (stream)
        --stream->m_inFlight;
    if (!stream || stream->isFinished() || stream->m_ended)
        return; // replies after the end ("item stream terminated") or after close()
    const Result<Value> decoded = decodePayload(message);
    if (!decoded) {
        stream->m_ended = true;
        stream->finishWithError(decoded.error());
        dropConnection(decoded.error());
        return;
    }
    const Value v = decoded.value();
    if (message.hasFlag(MessageFlag::Exception)) {
        stream->m_ended = true;
        if (v.className() == QLatin1String("builtins.StopIteration"))
            stream->finishWithResult(Value());
        else
            stream->finishWithError(Error::fromRemoteException(v));
        return;
    }
    ++stream->m_itemCount;
    QPointer<PendingStream> guard(stream);
    emit stream->itemReceived(ClassRegistry::recreateClasses(v));
    if (guard && !guard->isFinished())
        fetchStreamItems(guard);
}

void Proxy::fetchStreamItems(PendingStream *stream)
{
    const int window = std::max(1, stream->m_prefetch.load() > 0 ? stream->m_prefetch.load() : m_settings.streamWindow);
    while (stream->takeFetchSlot(window)) {
        auto request = std::make_shared<Request>();
        request->kind = Kind::StreamItem;
        request->op = stream;
        request->serializer = m_settings.serializer;
        request->envelope.objectId = DaemonObjectId;
        request->envelope.method = QStringLiteral("get_next_stream_item");
        request->envelope.args = { QString::fromLatin1(stream->m_streamId) };
        request->envelope.argsAsList = true;
        ++stream->m_inFlight;
        m_queue.push_back(request);
    }
    if (m_state == State::Connected)
        flushQueue();
    else
        ensureConnection();
}

void Proxy::closeStream(const QByteArray &streamId)
{
    // Streams belong to their connection; without one the daemon drops it after its linger time.
    if (m_state != State::Connected || !m_connection)
        return;
    auto request = std::make_shared<Request>();
    request->kind = Kind::StreamClose;
    request->serializer = m_settings.serializer;
    request->envelope.objectId = DaemonObjectId;
    request->envelope.method = QStringLiteral("close_stream");
    request->envelope.args = { QString::fromLatin1(streamId) };
    request->envelope.argsAsList = true;
    sendRequest(request);
}

} // namespace Pyro
