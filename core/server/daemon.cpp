#include "server/daemon.h"

#include "server/callarguments.h"
#include "server/callcontext.h"
#include "server/daemonconnection.h"
#include "server/daemontcpserver.h"
#include "server/handlerobject.h"
#include "server/pythonerror.h"
#include "server/qobjectexposure.h"
#include "support/logging.h"

#include <QFile>
#include <QHostInfo>
#include <QLocalServer>
#include <QLocalSocket>
#include <QSslSocket>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>
#include <QUuid>

namespace Pyro {

// Marshal (version 4) encoding of a str: what Pyro4 uses for CONNECTFAIL reasons sent before
// the client's serializer was accepted (doc 2.3). Type 'u' = UTF-8 str with a uint32 length.
static QByteArray marshalString(const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    QByteArray out;
    out.append('u');
    const quint32 n = quint32(utf8.size());
    for (int i = 0; i < 4; ++i)
        out.append(char((n >> (8 * i)) & 0xff));
    out.append(utf8);
    return out;
}

// Connection threads kept running for reuse after their connection ended.
static constexpr qsizetype MaxIdleConnectionThreads = 8;

static QByteArray newCorrelationId()
{
    return QUuid::createUuid().toRfc4122();
}

Daemon::Daemon(QObject *parent) : QObject(parent)
{
    init();
}

Daemon::Daemon(const DaemonSettings &settings, QObject *parent) : QObject(parent), m_settings(settings)
{
    init();
}

void Daemon::init()
{
    m_pool.setMaxThreadCount(qMax(2, m_settings.workerThreads));
    m_pool.setExpiryTimeout(30000);
    registerObject(makeDaemonObject(), daemonObjectId());
    m_housekeeping = new QTimer(this);
    m_housekeeping->setInterval(1000);
    connect(m_housekeeping, &QTimer::timeout, this, &Daemon::housekeeping);
    m_housekeeping->start();
}

Daemon::~Daemon()
{
    shutdown();
}

void Daemon::shutdown()
{
    m_stopping = true; // running calls see isStopping() and return; QObject hops give up
    close();
    // close() asked every connection to abort and delete itself in its own thread; a thread
    // that quits runs its pending deletions before it ends, so after wait() nothing is left.
    for (QThread *thread : std::as_const(m_threads)) {
        thread->quit();
        thread->wait();
    }
    // A thread may have quit before it ran a connection's queued dispose(): delete what is
    // left here, now that no thread runs them.
    QSet<DaemonConnection *> left;
    {
        QMutexLocker locker(&m_liveLock);
        left.swap(m_liveConnections);
    }
    qDeleteAll(left);
    qDeleteAll(m_threads);
    m_threads.clear();
    m_idleThreads.clear();
    m_oneway.stop();
    m_pool.waitForDone();
    QMutexLocker locker(&m_streamsLock);
    m_streams.clear();
}

DaemonSettings Daemon::settings() const
{
    return settingsSnapshot();
}

DaemonSettings Daemon::settingsSnapshot() const
{
    QReadLocker locker(&m_settingsLock);
    return m_settings;
}

void Daemon::setSettings(const DaemonSettings &settings)
{
    QWriteLocker locker(&m_settingsLock);
    m_settings = settings;
    m_pool.setMaxThreadCount(qMax(2, settings.workerThreads));
    if (m_tcpServer)
        m_tcpServer->setTls(settings.tls, settings.sslConfiguration);
}

bool Daemon::listen(const QString &host, quint16 port)
{
    QHostAddress address;
    if (host.isEmpty() || host == QLatin1String("0.0.0.0"))
        address = QHostAddress::AnyIPv4;
    else if (host == QLatin1String("localhost"))
        address = QHostAddress::LocalHost;
    else if (!address.setAddress(host)) {
        const QHostInfo info = QHostInfo::fromName(host);
        if (info.addresses().isEmpty()) {
            m_error = Error(Error::Code::HostNotFound, tr("Cannot resolve host %1").arg(host), info.errorString());
            return false;
        }
        address = info.addresses().constFirst();
    }
    return listen(address, port);
}

bool Daemon::listen(const QHostAddress &address, quint16 port)
{
    if (m_tcpServer && m_tcpServer->isListening()) {
        m_error = Error(Error::Code::UsageError, tr("The daemon already listens on TCP"));
        return false;
    }
    const DaemonSettings settings = settingsSnapshot();
    if (settings.tls && !QSslSocket::supportsSsl()) {
        m_error = Error(Error::Code::TlsError, tr("TLS is not available in this Qt build"));
        return false;
    }
    if (!m_tcpServer) {
        m_tcpServer = new DaemonTcpServer(this);
        connect(m_tcpServer, &QTcpServer::pendingConnectionAvailable, this, &Daemon::onNewTcpConnection);
    }
    m_tcpServer->setTls(settings.tls, settings.sslConfiguration);
    if (!m_tcpServer->listen(address, port)) {
        m_error = Error(Error::Code::ConnectionError,
                        tr("Cannot listen on %1:%2").arg(address.toString()).arg(port), m_tcpServer->errorString());
        return false;
    }
    {
        const QString where = location();
        QWriteLocker locker(&m_settingsLock);
        m_boundLocation = where;
    }
    qCInfo(lcPyroDaemon) << "daemon listening on" << location();
    return true;
}

bool Daemon::listenUnix(const QString &path)
{
    if (!m_localServer) {
        m_localServer = new QLocalServer(this);
        m_localServer->setSocketOptions(QLocalServer::UserAccessOption);
        connect(m_localServer, &QLocalServer::newConnection, this, &Daemon::onNewLocalConnection);
    }
    QLocalServer::removeServer(path);
    if (!m_localServer->listen(path)) {
        m_error = Error(Error::Code::ConnectionError, tr("Cannot listen on unix socket %1").arg(path), m_localServer->errorString());
        return false;
    }
    m_socketPath = m_localServer->fullServerName();
    if (!m_tcpServer || !m_tcpServer->isListening()) {
        QWriteLocker locker(&m_settingsLock);
        m_boundLocation = location();
    }
    return true;
}

bool Daemon::isListening() const
{
    return (m_tcpServer && m_tcpServer->isListening()) || (m_localServer && m_localServer->isListening());
}

QString Daemon::host() const
{
    const DaemonSettings s = settingsSnapshot();
    if (!s.natHost.isEmpty())
        return s.natHost;
    if (!m_tcpServer || !m_tcpServer->isListening())
        return QString();
    const QHostAddress a = m_tcpServer->serverAddress();
    if (a == QHostAddress::AnyIPv4 || a == QHostAddress::Any)
        return QStringLiteral("0.0.0.0");
    return a.toString();
}

quint16 Daemon::port() const
{
    const DaemonSettings s = settingsSnapshot();
    if (s.natPort)
        return s.natPort;
    return m_tcpServer && m_tcpServer->isListening() ? m_tcpServer->serverPort() : 0;
}

QString Daemon::location() const
{
    if (m_tcpServer && m_tcpServer->isListening())
        return PyroUri::pyro(QStringLiteral("x"), host(), port()).location();
    if (!m_socketPath.isEmpty())
        return QStringLiteral("./u:") + m_socketPath;
    return QString();
}

PyroUri Daemon::uriFor(const QString &id) const
{
    if (m_tcpServer && m_tcpServer->isListening())
        return PyroUri::pyro(id, host(), port());
    if (!m_socketPath.isEmpty())
        return PyroUri::unixSocket(id, m_socketPath);
    return PyroUri();
}

QString Daemon::generateObjectId()
{
    return QStringLiteral("obj_") + QUuid::createUuid().toString(QUuid::Id128);
}

QString Daemon::registerObject(QObject *object, const QString &id)
{
    if (!object)
        return QString();
    return registerObject(std::make_shared<QObjectExposure>(object), id);
}

QString Daemon::registerObject(std::shared_ptr<ExposedObject> object, const QString &id)
{
    if (!object)
        return QString();
    const QString key = id.isEmpty() ? generateObjectId() : id;
    QWriteLocker locker(&m_objectsLock);
    if (m_objects.contains(key)) {
        qCWarning(lcPyroDaemon) << "object id already registered:" << key;
        return QString();
    }
    m_objects.insert(key, std::move(object));
    m_objectOrder.append(key);
    return key;
}

bool Daemon::unregisterObject(const QString &id)
{
    if (id == daemonObjectId())
        return false;
    QWriteLocker locker(&m_objectsLock);
    m_objectOrder.removeAll(id);
    return m_objects.remove(id) > 0;
}

QStringList Daemon::registeredIds() const
{
    QReadLocker locker(&m_objectsLock);
    return m_objectOrder;
}

bool Daemon::isRegistered(const QString &id) const
{
    QReadLocker locker(&m_objectsLock);
    return m_objects.contains(id);
}

std::shared_ptr<ExposedObject> Daemon::object(const QString &id) const
{
    QReadLocker locker(&m_objectsLock);
    return m_objects.value(id);
}

void Daemon::close()
{
    if (m_tcpServer)
        m_tcpServer->close();
    if (m_localServer)
        m_localServer->close();
    const QList<DaemonConnection *> connections = m_connections;
    for (DaemonConnection *c : connections) {
        QMetaObject::invokeMethod(c, &DaemonConnection::abort, Qt::QueuedConnection);
        connectionFinished(c); // gone from the daemon's view now; its thread tidies up
    }
}

int Daemon::streamCount() const
{
    QMutexLocker locker(&m_streamsLock);
    return int(m_streams.size());
}

void Daemon::onNewTcpConnection()
{
    while (QTcpSocket *socket = m_tcpServer->nextPendingConnection()) {
        const QString peer = PyroUri::pyro(QStringLiteral("x"), socket->peerAddress().toString(), socket->peerPort()).location();
        addConnection(socket, peer);
    }
}

void Daemon::onNewLocalConnection()
{
    while (QLocalSocket *socket = m_localServer->nextPendingConnection())
        addConnection(socket, QStringLiteral("./u:") + m_socketPath);
}

void Daemon::addConnection(QIODevice *socket, const QString &peer)
{
    const int limit = settingsSnapshot().maxConnections;
    const bool refuse = m_stopping || (limit > 0 && m_connections.size() >= limit);
    socket->setParent(nullptr);
    auto *connection = new DaemonConnection(this, socket, m_nextConnectionId++, peer, refuse);
    {
        QMutexLocker locker(&m_liveLock);
        m_liveConnections.insert(connection);
    }
    // A thread per connection, reused once its connection has ended: requests run where the
    // socket is read, without a hand-off (see DaemonConnection).
    QThread *thread = m_idleThreads.isEmpty() ? nullptr : m_idleThreads.takeLast();
    if (!thread) {
        thread = new QThread;
        thread->setObjectName(QStringLiteral("pyro-connection"));
        m_threads.append(thread);
        thread->start();
    }
    connection->moveToThread(thread);
    m_connectionThreads.insert(connection, thread);
    m_connections.append(connection);
    // By id, not pointer: close() may have forgotten (and freed) the connection already.
    connect(connection, &DaemonConnection::finished, this, [this, id = connection->id()] {
        for (DaemonConnection *c : std::as_const(m_connections)) {
            if (c->id() == id) {
                connectionFinished(c);
                return;
            }
        }
    }, Qt::QueuedConnection);
    QMetaObject::invokeMethod(connection, &DaemonConnection::start, Qt::QueuedConnection);
    qCDebug(lcPyroDaemon) << "client connected" << peer << (refuse ? "(over the limit)" : "");
    emit clientConnected(peer);
    emit connectionCountChanged(connectionCount());
}

void Daemon::connectionDestroyed(DaemonConnection *connection)
{
    QMutexLocker locker(&m_liveLock);
    m_liveConnections.remove(connection);
}

void Daemon::connectionFinished(DaemonConnection *connection)
{
    if (!m_connections.removeOne(connection))
        return;
    releaseStreams(connection->id());
    const QString peer = connection->peer();
    connection->dispose();
    if (QThread *thread = m_connectionThreads.take(connection)) {
        // Keep a few threads for the next connections; let the others go.
        if (m_idleThreads.size() < MaxIdleConnectionThreads || m_stopping) {
            m_idleThreads.append(thread);
        } else {
            connect(thread, &QThread::finished, this, [this, thread] {
                m_threads.removeOne(thread);
                thread->deleteLater();
            });
            thread->quit();
        }
    }
    qCDebug(lcPyroDaemon) << "client disconnected" << peer;
    emit clientDisconnected(peer);
    emit connectionCountChanged(connectionCount());
}

// ---- streams ---------------------------------------------------------------------------

QString Daemon::registerStream(std::shared_ptr<ItemGenerator> generator, quint64 owner)
{
    const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    Stream s;
    s.generator = std::move(generator);
    s.busy = std::make_shared<QMutex>();
    s.owner = owner;
    s.age.start();
    QMutexLocker locker(&m_streamsLock);
    m_streams.insert(id, s);
    return id;
}

CallResult Daemon::nextStreamItem(const QString &streamId, quint64 connectionId)
{
    const double lifetime = settingsSnapshot().streamLifetime;
    std::shared_ptr<ItemGenerator> generator;
    std::shared_ptr<QMutex> busy;
    {
        QMutexLocker locker(&m_streamsLock);
        auto it = m_streams.find(streamId);
        if (it != m_streams.end() && lifetime > 0 && it->age.elapsed() > qint64(lifetime * 1000)) {
            m_streams.erase(it);
            it = m_streams.end();
        }
        if (it == m_streams.end())
            return PythonError::pyro(QStringLiteral("PyroError"), QStringLiteral("item stream terminated"));
        if (it->owner == 0) // a lingering stream: this connection adopts it
            it->owner = connectionId;
        generator = it->generator;
        busy = it->busy;
    }
    ItemGenerator::Step step = std::optional<Value>();
    {
        QMutexLocker busyLocker(busy.get());
        try {
            step = generator->next();
        } catch (const Error &e) {
            step = PythonError::forPython(e);
        } catch (const std::exception &e) {
            step = PythonError::builtin(QStringLiteral("RuntimeError"), QString::fromLocal8Bit(e.what()));
        } catch (...) {
            step = PythonError::builtin(QStringLiteral("RuntimeError"), QStringLiteral("unknown C++ exception"));
        }
    }
    if (step.ok() && step.value().has_value())
        return *step.value();
    {
        QMutexLocker locker(&m_streamsLock);
        m_streams.remove(streamId);
    }
    if (!step.ok())
        return PythonError::forPython(step.error());
    return PythonError::builtinWithArgs(QStringLiteral("StopIteration"), {});
}

void Daemon::closeStream(const QString &streamId)
{
    Stream removed;
    QMutexLocker locker(&m_streamsLock);
    removed = m_streams.take(streamId);
}

void Daemon::releaseStreams(quint64 connectionId)
{
    const double linger = settingsSnapshot().streamLinger;
    QList<Stream> dropped; // destroyed outside the lock
    QMutexLocker locker(&m_streamsLock);
    for (auto it = m_streams.begin(); it != m_streams.end();) {
        if (it->owner != connectionId) {
            ++it;
            continue;
        }
        if (linger > 0) {
            it->owner = 0;
            it->lingering.start();
            ++it;
        } else {
            dropped.append(*it);
            it = m_streams.erase(it);
        }
    }
}

void Daemon::housekeeping()
{
    m_oneway.checkStalled();
    const DaemonSettings s = settingsSnapshot();
    QSet<quint64> live;
    for (DaemonConnection *c : std::as_const(m_connections))
        live.insert(c->id());
    QList<Stream> dropped;
    QMutexLocker locker(&m_streamsLock);
    for (auto it = m_streams.begin(); it != m_streams.end();) {
        if (it->owner != 0 && !live.contains(it->owner)) {
            // Created by a call whose connection was gone by the time it finished.
            it->owner = 0;
            it->lingering.start();
        }
        const bool expired = (s.streamLifetime > 0 && it->age.elapsed() > qint64(s.streamLifetime * 1000))
                || (it->owner == 0 && it->lingering.isValid() && it->lingering.elapsed() > qint64(s.streamLinger * 1000));
        if (expired) {
            dropped.append(*it);
            it = m_streams.erase(it);
        } else {
            ++it;
        }
    }
}

// ---- the Pyro.Daemon object -------------------------------------------------------------

std::shared_ptr<HandlerObject> Daemon::makeDaemonObject()
{
    auto obj = std::make_shared<HandlerObject>();
    obj->addMethod(QStringLiteral("ping"), [](const ValueList &, const Dict &) -> CallResult { return Value(); });
    obj->addMethod(QStringLiteral("registered"), [this](const ValueList &, const Dict &) -> CallResult {
        ValueList ids;
        for (const QString &id : registeredIds())
            ids.append(Value(id));
        return Value::list(ids);
    });
    obj->addMethod(QStringLiteral("info"), [this](const ValueList &, const Dict &) -> CallResult {
        const DaemonSettings s = settingsSnapshot();
        const QString nat = s.natHost.isEmpty() ? QStringLiteral("None") : QStringLiteral("%1:%2").arg(s.natHost).arg(s.natPort);
        QString bound;
        {
            QReadLocker locker(&m_settingsLock);
            bound = m_boundLocation;
        }
        return Value(QStringLiteral("%1 bound on %2, NAT %3, %4 objects registered. Servertype: Pyro Explorer C++ daemon (Qt, %5 workers)")
                             .arg(daemonObjectId(), bound, nat)
                             .arg(registeredIds().size())
                             .arg(m_pool.maxThreadCount()));
    });
    obj->addMethod(QStringLiteral("get_metadata"), [this](const ValueList &args, const Dict &kwargs) -> CallResult {
        auto bound = CallArguments::bind(QStringLiteral("get_metadata"),
                                         { QStringLiteral("objectId"), { QStringLiteral("as_lists"), Value(false) } }, args, kwargs);
        if (!bound)
            return bound.error();
        const Value id = bound.value().value(QStringLiteral("objectId"));
        const auto target = id.isStr() ? object(id.toStr()) : nullptr;
        if (!target)
            return PythonError::pyro(QStringLiteral("DaemonError"), QStringLiteral("unknown object"));
        const Value asLists = bound.value().value(QStringLiteral("as_lists"));
        return target->metadata().toValue(asLists.isBool() ? asLists.toBool() : asLists.toDouble() != 0.0);
    });
    obj->addMethod(QStringLiteral("get_next_stream_item"), [this](const ValueList &args, const Dict &kwargs) -> CallResult {
        auto bound = CallArguments::bind(QStringLiteral("get_next_stream_item"), { QStringLiteral("streamId") }, args, kwargs);
        if (!bound)
            return bound.error();
        return nextStreamItem(bound.value().value(QStringLiteral("streamId")).toStr(), CallContext::current().connectionId);
    });
    obj->addMethod(QStringLiteral("close_stream"), [this](const ValueList &args, const Dict &kwargs) -> CallResult {
        auto bound = CallArguments::bind(QStringLiteral("close_stream"), { QStringLiteral("streamId") }, args, kwargs);
        if (!bound)
            return bound.error();
        closeStream(bound.value().value(QStringLiteral("streamId")).toStr());
        return Value();
    });
    return obj;
}

// ---- request processing (worker threads) ------------------------------------------------

QByteArray Daemon::connectFail(const QString &reason, quint16 seq, quint16 serializerId) const
{
    Message m;
    m.type = MessageType::ConnectFail;
    m.seq = seq;
    m.serializerId = serializerId;
    if (serializerId == quint16(SerializerId::Marshal)) {
        m.data = marshalString(reason);
    } else {
        const Serializer *s = Serializer::byId(serializerId);
        auto encoded = s ? s->encode(Value(reason)) : Result<QByteArray>(Error(Error::Code::SerializeError, QString()));
        if (encoded) {
            m.data = encoded.value();
        } else {
            m.serializerId = quint16(SerializerId::Marshal);
            m.data = marshalString(reason);
        }
    }
    return MessageWriter::write(m, settingsSnapshot().hmacKey);
}

Daemon::Outcome Daemon::processHandshake(const Message &request, const RequestInfo &info)
{
    Q_UNUSED(info);
    const DaemonSettings s = settingsSnapshot();
    auto fail = [&](const QString &reason) {
        qCInfo(lcPyroDaemon) << "handshake refused:" << reason;
        return Outcome { connectFail(reason, request.seq, request.serializerId), true, false, {} };
    };
    const Serializer *serializer = Serializer::byId(request.serializerId);
    if (!serializer)
        return fail(QStringLiteral("message used serializer that is not accepted: %1").arg(request.serializerId));
    const auto decoded = serializer->decode(request.data);
    if (!decoded)
        return fail(decoded.error().message());
    const Dict &d = decoded.value().toDict();
    if (!decoded.value().isDict() || !d.contains(QStringLiteral("handshake")))
        return fail(QStringLiteral("'handshake'"));
    const bool wantMeta = request.hasFlag(MessageFlag::MetaOnConnect);
    std::shared_ptr<ExposedObject> target;
    if (wantMeta) {
        if (!d.contains(QStringLiteral("object")))
            return fail(QStringLiteral("'object'"));
        const Value id = d.value(QStringLiteral("object"));
        target = id.isStr() ? object(id.toStr()) : nullptr;
        if (!target)
            return fail(QStringLiteral("unknown object"));
    }
    Value response(QStringLiteral("hello"));
    if (s.handshakeValidator) {
        const Result<Value> r = s.handshakeValidator(d.value(QStringLiteral("handshake")));
        if (!r)
            return fail(r.error().message());
        response = r.value();
    }
    Value payload = response;
    if (wantMeta)
        payload = Value(Dict { { QStringLiteral("handshake"), response }, { QStringLiteral("meta"), target->metadata().toValue(true) } });
    const QByteArray corr = request.annotations.value("CORR").size() == 16 ? request.annotations.value("CORR") : newCorrelationId();
    auto encoded = serializer->encode(payload);
    if (!encoded)
        return fail(encoded.error().message());
    Message reply;
    reply.type = MessageType::ConnectOk;
    reply.seq = request.seq;
    reply.serializerId = request.serializerId;
    if (wantMeta)
        reply.flags |= MessageFlag::MetaOnConnect;
    reply.annotations.insert("CORR", corr);
    reply.data = encoded.value();
    QByteArray bytes = MessageWriter::write(reply, s.hmacKey, s.compression);
    if (bytes.size() - MessageHeaderSize > s.maxMessageSize)
        return fail(QStringLiteral("handshake reply too large for the daemon's message size limit"));
    return Outcome { bytes, false, true, {} };
}

QByteArray Daemon::exceptionReply(const Message &request, const Error &error, bool *closeAfter) const
{
    const DaemonSettings s = settingsSnapshot();
    const Serializer *serializer = Serializer::byId(request.serializerId);
    if (!serializer) {
        if (closeAfter)
            *closeAfter = true;
        return QByteArray();
    }
    Message reply;
    reply.type = MessageType::Result;
    reply.flags = MessageFlag::Exception;
    reply.seq = request.seq;
    reply.serializerId = request.serializerId;
    auto encoded = serializer->encode(PythonError::forPython(error).toExceptionDict());
    if (!encoded) {
        // The exception's own args could not be encoded: send the text instead.
        encoded = serializer->encode(PythonError::builtin(QStringLiteral("RuntimeError"), error.toString()).toExceptionDict());
        if (!encoded) {
            if (closeAfter)
                *closeAfter = true;
            return QByteArray();
        }
    }
    reply.data = encoded.value();
    return MessageWriter::write(reply, s.hmacKey, s.compression);
}

QByteArray Daemon::encodeReply(const Message &request, const Value &payload, MessageFlags flags, const QByteArray &corr,
                               bool *close) const
{
    const DaemonSettings s = settingsSnapshot();
    const Serializer *serializer = Serializer::byId(request.serializerId);
    auto encoded = serializer->encode(payload);
    if (!encoded) {
        // Pyro4 answers a result it cannot serialize with a SerializeError and closes (doc 3.4).
        *close = true;
        return exceptionReply(request, PythonError::pyro(QStringLiteral("SerializeError"), encoded.error().message()));
    }
    if (encoded.value().size() + 22 > s.maxMessageSize) {
        *close = true;
        return exceptionReply(request, PythonError::pyro(QStringLiteral("MessageTooLargeError"),
                                                         QStringLiteral("result of %1 bytes exceeds the daemon's message size limit of %2 bytes")
                                                                 .arg(encoded.value().size())
                                                                 .arg(s.maxMessageSize)));
    }
    Message reply;
    reply.type = MessageType::Result;
    reply.flags = flags;
    reply.seq = request.seq;
    reply.serializerId = request.serializerId;
    reply.annotations.insert("CORR", corr);
    reply.data = encoded.value();
    return MessageWriter::write(reply, s.hmacKey, s.compression);
}

CallResult Daemon::dispatch(const std::shared_ptr<ExposedObject> &object, const QString &method, const ValueList &args,
                            const Dict &kwargs) const
{
    if (method.startsWith(u'_'))
        return PythonError::attributeError(QStringLiteral("attempt to access private attribute '%1'").arg(method));
    if (!object->hasMethod(method))
        return PythonError::attributeError(QStringLiteral("attempt to access unexposed attribute '%1'").arg(method));
    return object->call(method, args, kwargs);
}

static Value exceptionWrapper(const Error &error)
{
    return Value(Dict { { QStringLiteral("__class__"), QStringLiteral("Pyro4.futures._ExceptionWrapper") },
                        { QStringLiteral("exception"), PythonError::forPython(error).toExceptionDict() } });
}

void Daemon::reportCallbackError(const QString &objectId, const QString &method, const Error &error, const QString &peer,
                                 bool oneway)
{
    // What Pyro4's worker logs for a re-raised callback error: the exception and its traceback
    // (threadpoolserver: "error during handleRequest: ..."), here with the object and caller.
    const Error e = PythonError::forPython(error);
    qCWarning(lcPyroDaemon).noquote() << QStringLiteral("callback %1.%2 called by %3 raised %4%5\n%6")
                                                 .arg(objectId, method, peer, e.toString(),
                                                      oneway ? QString() : QStringLiteral("; closing the connection"),
                                                      e.remoteTraceback().trimmed());
    // Called on a connection thread or the oneway pool: hand the signal to the daemon's thread.
    // A daemon being destroyed drops the posted call with its other events.
    QMetaObject::invokeMethod(this, [this, objectId, method, e] { emit callbackFailed(objectId, method, e); },
                              Qt::QueuedConnection);
}

Daemon::Outcome Daemon::processInvoke(const Message &request, const RequestInfo &info)
{
    const DaemonSettings s = settingsSnapshot();
    const bool oneway = request.hasFlag(MessageFlag::Oneway);
    Outcome out;
    auto raise = [&](const Error &error, bool close = false) {
        if (!oneway)
            out.bytes = exceptionReply(request, error, &close);
        out.close = close;
        return out;
    };

    CallContext ctx;
    ctx.annotations = request.annotations;
    ctx.client = info.peer;
    ctx.seq = request.seq;
    ctx.serializerId = request.serializerId;
    ctx.stopping = &m_stopping;
    ctx.connectionId = info.connectionId;
    if (request.annotations.contains("CORR") && request.annotations.value("CORR").size() != 16)
        return raise(PythonError::valueError(QStringLiteral("bytes is not a 16-char string")));
    ctx.correlationId = request.annotations.contains("CORR") ? request.annotations.value("CORR") : newCorrelationId();
    CallContext::Scope scope(ctx);

    const Serializer *serializer = Serializer::byId(request.serializerId);
    if (!serializer)
        return Outcome { QByteArray(), true, false, {} };
    if (!s.acceptedSerializers.contains(SerializerId(request.serializerId)))
        return raise(PythonError::pyro(QStringLiteral("SerializeError"),
                                       QStringLiteral("message used serializer that is not accepted: %1").arg(request.serializerId)),
                     true);
    const auto decoded = serializer->decodeCall(request.data);
    if (!decoded)
        return raise(PythonError::pyro(QStringLiteral("SerializeError"), decoded.error().message()), true);
    const CallEnvelope call = decoded.value();
    const auto target = object(call.objectId);
    if (!target)
        return raise(PythonError::pyro(QStringLiteral("DaemonError"), QStringLiteral("unknown object")));

    const bool batch = request.hasFlag(MessageFlag::Batch);
    if (batch != (call.method == QLatin1String("<batch>"))) {
        if (batch)
            return raise(PythonError::typeError(QStringLiteral("a batch request needs the method name <batch>")));
        return raise(PythonError::attributeError(QStringLiteral("attempt to access unexposed attribute '<batch>'")));
    }

    if (batch) {
        QList<std::tuple<QString, ValueList, Dict>> calls;
        for (const Value &entry : call.args) {
            const ValueList &parts = entry.items();
            if (!entry.isSequence() || parts.size() != 3 || !parts.at(0).isStr() || !parts.at(1).isSequence()
                || !(parts.at(2).isDict() || parts.at(2).isNone()))
                return raise(PythonError::typeError(QStringLiteral("batch entries must be (method, args, kwargs)")));
            const QString name = parts.at(0).toStr();
            if (name.startsWith(u'_'))
                return raise(PythonError::attributeError(QStringLiteral("attempt to access private attribute '%1'").arg(name)));
            if (!target->hasMethod(name))
                return raise(PythonError::attributeError(QStringLiteral("attempt to access unexposed attribute '%1'").arg(name)));
            calls.append({ name, parts.at(1).items(), parts.at(2).toDict() });
        }
        auto runBatch = [this, target, calls]() {
            ValueList results;
            results.reserve(calls.size());
            for (const auto &[name, args, kwargs] : calls) {
                const CallResult r = target->call(name, args, kwargs);
                if (r.isError()) {
                    results.append(exceptionWrapper(r.error()));
                    break;
                }
                if (r.isGenerator()) {
                    results.append(exceptionWrapper(PythonError::pyro(QStringLiteral("ProtocolError"),
                                                                      QStringLiteral("generator results cannot be streamed in a batch"))));
                    break;
                }
                results.append(r.value());
            }
            return results;
        };
        if (oneway) {
            out.oneway = [runBatch, ctx] {
                CallContext::Scope scope(ctx);
                runBatch();
            };
            return out;
        }
        out.bytes = encodeReply(request, Value::list(runBatch()), MessageFlag::Batch, ctx.correlationId, &out.close);
        return out;
    }

    CallResult result;
    if (call.method == QLatin1String("__getattr__") || call.method == QLatin1String("__setattr__")) {
        const bool set = call.method == QLatin1String("__setattr__");
        if (call.args.size() != (set ? 2 : 1) || !call.args.at(0).isStr())
            return raise(PythonError::typeError(QStringLiteral("%1 expects %2").arg(call.method, set ? QStringLiteral("(name, value)") : QStringLiteral("(name,)"))));
        const QString name = call.args.at(0).toStr();
        if (name.startsWith(u'_'))
            return raise(PythonError::attributeError(QStringLiteral("attempt to access private attribute '%1'").arg(name)));
        result = set ? target->setAttribute(name, call.args.at(1)) : target->getAttribute(name);
    } else {
        if (call.kwargsIsNone)
            return raise(PythonError::typeError(QStringLiteral("%1() argument after ** must be a mapping, not NoneType").arg(call.method)));
        if (call.method.startsWith(u'_'))
            return raise(PythonError::attributeError(QStringLiteral("attempt to access private attribute '%1'").arg(call.method)));
        if (!target->hasMethod(call.method))
            return raise(PythonError::attributeError(QStringLiteral("attempt to access unexposed attribute '%1'").arg(call.method)));
        const bool callback = target->isCallback(call.method);
        if (oneway) {
            // Oneway calls run off the connection, so it moves on at once (ONEWAY_THREADED).
            // A oneway callback's error has no caller to go to; Pyro4 leaves it to its
            // thread's excepthook, we report it like the two-way ones but keep the connection.
            out.oneway = [this, target, call, ctx, callback] {
                CallContext::Scope scope(ctx);
                const CallResult r = target->call(call.method, call.args, call.kwargs);
                if (callback && r.isError())
                    reportCallbackError(call.objectId, call.method, r.error(), ctx.client, true);
            };
            return out;
        }
        result = target->call(call.method, call.args, call.kwargs);
        if (callback && result.isError()) {
            // Pyro4 sends the exception, then re-raises it in the worker, which logs it and
            // ends the connection (Daemon.handleRequest, isCallback).
            reportCallbackError(call.objectId, call.method, result.error(), info.peer, false);
            return raise(result.error(), true);
        }
    }
    if (oneway)
        return out;
    if (result.isError())
        return raise(result.error());
    if (result.isGenerator()) {
        Message marker;
        marker.type = MessageType::Result;
        marker.flags = MessageFlags(MessageFlag::Exception) | MessageFlag::ItemStreamResult;
        marker.seq = request.seq;
        marker.serializerId = request.serializerId;
        if (s.itemStreaming)
            marker.annotations.insert("STRM", registerStream(result.generator(), info.connectionId).toLatin1());
        const Value dict(Dict {
                { QStringLiteral("__class__"), QStringLiteral("Pyro4.errors.ProtocolError") },
                { QStringLiteral("__exception__"), true },
                { QStringLiteral("args"), Value::tuple({ QStringLiteral("result of call is an iterator") }) },
                { QStringLiteral("attributes"), Value(Dict { { QStringLiteral("_pyroTraceback"), Value() } }) },
        });
        auto encoded = serializer->encode(dict);
        marker.data = encoded ? encoded.value() : QByteArray();
        out.bytes = MessageWriter::write(marker, s.hmacKey, s.compression);
        return out;
    }
    out.bytes = encodeReply(request, result.value(), {}, ctx.correlationId, &out.close);
    return out;
}

} // namespace Pyro
