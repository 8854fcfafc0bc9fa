#include "server/connectionmanager.h"

#include "protocol/pyrouri.h"
#include "server/daemon.h"
#include "server/daemonconnection.h"
#include "server/daemontcpserver.h"
#include "support/logging.h"

#include <QLocalServer>
#include <QLocalSocket>
#include <QTcpSocket>
#include <QThread>

namespace Pyro {

// Connection threads kept running for reuse after their connection ended.
static constexpr qsizetype MaxIdleConnectionThreads = 8;

ConnectionManager::ConnectionManager(Daemon *daemon) : QObject(daemon), m_daemon(daemon) { }

ConnectionManager::~ConnectionManager() = default; // Daemon::shutdown() ended everything

Error ConnectionManager::listenTcp(const QHostAddress &address, quint16 port, bool tls, const QSslConfiguration &ssl)
{
    if (isListeningTcp())
        return Error(Error::Code::UsageError, tr("The daemon already listens on TCP"));
    if (!m_tcpServer) {
        m_tcpServer = new DaemonTcpServer(this);
        connect(m_tcpServer, &QTcpServer::pendingConnectionAvailable, this, &ConnectionManager::onNewTcpConnection);
    }
    m_tcpServer->setTls(tls, ssl);
    if (!m_tcpServer->listen(address, port))
        return Error(Error::Code::ConnectionError, tr("Cannot listen on %1:%2").arg(address.toString()).arg(port),
                     m_tcpServer->errorString());
    return Error();
}

Error ConnectionManager::listenUnix(const QString &path)
{
    if (!m_localServer) {
        m_localServer = new QLocalServer(this);
        m_localServer->setSocketOptions(QLocalServer::UserAccessOption);
        connect(m_localServer, &QLocalServer::newConnection, this, &ConnectionManager::onNewLocalConnection);
    }
    QLocalServer::removeServer(path);
    if (!m_localServer->listen(path))
        return Error(Error::Code::ConnectionError, tr("Cannot listen on unix socket %1").arg(path), m_localServer->errorString());
    m_socketPath = m_localServer->fullServerName();
    return Error();
}

void ConnectionManager::setTls(bool tls, const QSslConfiguration &ssl)
{
    if (m_tcpServer)
        m_tcpServer->setTls(tls, ssl);
}

bool ConnectionManager::isListening() const
{
    return isListeningTcp() || (m_localServer && m_localServer->isListening());
}

bool ConnectionManager::isListeningTcp() const
{
    return m_tcpServer && m_tcpServer->isListening();
}

QHostAddress ConnectionManager::tcpAddress() const
{
    return isListeningTcp() ? m_tcpServer->serverAddress() : QHostAddress();
}

quint16 ConnectionManager::tcpPort() const
{
    return isListeningTcp() ? m_tcpServer->serverPort() : 0;
}

QSet<quint64> ConnectionManager::connectionIds() const
{
    QSet<quint64> ids;
    for (DaemonConnection *c : m_connections)
        ids.insert(c->id());
    return ids;
}

void ConnectionManager::close()
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

void ConnectionManager::stopThreads()
{
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
}

void ConnectionManager::onNewTcpConnection()
{
    while (QTcpSocket *socket = m_tcpServer->nextPendingConnection()) {
        const QString peer = PyroUri::pyro(QStringLiteral("x"), socket->peerAddress().toString(), socket->peerPort()).location();
        addConnection(socket, peer);
    }
}

void ConnectionManager::onNewLocalConnection()
{
    while (QLocalSocket *socket = m_localServer->nextPendingConnection())
        addConnection(socket, QStringLiteral("./u:") + m_socketPath);
}

void ConnectionManager::addConnection(QIODevice *socket, const QString &peer)
{
    const int limit = m_daemon->settingsSnapshot().maxConnections;
    const bool refuse = m_daemon->isStopping() || (limit > 0 && m_connections.size() >= limit);
    socket->setParent(nullptr);
    auto *connection = new DaemonConnection(m_daemon, socket, m_nextConnectionId++, peer, refuse);
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
}

void ConnectionManager::connectionDestroyed(DaemonConnection *connection)
{
    QMutexLocker locker(&m_liveLock);
    m_liveConnections.remove(connection);
}

void ConnectionManager::connectionFinished(DaemonConnection *connection)
{
    if (!m_connections.removeOne(connection))
        return;
    const QString peer = connection->peer();
    const quint64 id = connection->id();
    connection->dispose();
    if (QThread *thread = m_connectionThreads.take(connection)) {
        // Keep a few threads for the next connections; let the others go.
        if (m_idleThreads.size() < MaxIdleConnectionThreads || m_daemon->isStopping()) {
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
    emit clientDisconnected(peer, id);
}

} // namespace Pyro
