#pragma once

#include "support/error.h"

#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QMutex>
#include <QObject>
#include <QSet>
#include <QSslConfiguration>

class QIODevice;
class QLocalServer;
class QThread;

namespace Pyro {

class Daemon;
class DaemonConnection;
class DaemonTcpServer;

/*!
    The listeners and connection threads of a Daemon (internal): accepts TCP (TLS) and Unix
    socket connections, gives each DaemonConnection a thread of its own (reused after the
    connection ended, like the workers of Pyro4's thread-pool server), and ends them on
    close(). Lives in the daemon's thread; what a connection does with its bytes is the
    RequestProcessor's business.
*/
class ConnectionManager : public QObject
{
    Q_OBJECT
public:
    explicit ConnectionManager(Daemon *daemon);
    ~ConnectionManager() override;

    Error listenTcp(const QHostAddress &address, quint16 port, bool tls, const QSslConfiguration &ssl);
    Error listenUnix(const QString &path);
    void setTls(bool tls, const QSslConfiguration &ssl);
    bool isListening() const;
    bool isListeningTcp() const;
    QHostAddress tcpAddress() const;
    quint16 tcpPort() const;
    QString socketPath() const { return m_socketPath; }

    //! Stops listening and ends every connection (their threads tidy up asynchronously).
    void close();
    //! After close(): ends every connection thread and deletes what is left (daemon shutdown).
    void stopThreads();
    int count() const { return int(m_connections.size()); }
    QSet<quint64> connectionIds() const;

    //! Called by a DaemonConnection's destructor, in any thread.
    void connectionDestroyed(DaemonConnection *connection);

signals:
    void clientConnected(const QString &peer);
    //! After the connection left the daemon's view; \a id is its connection id.
    void clientDisconnected(const QString &peer, quint64 id);

private:
    void onNewTcpConnection();
    void onNewLocalConnection();
    void addConnection(QIODevice *socket, const QString &peer);
    void connectionFinished(DaemonConnection *connection);

    Daemon *m_daemon;
    DaemonTcpServer *m_tcpServer = nullptr;
    QLocalServer *m_localServer = nullptr;
    QString m_socketPath;
    QList<DaemonConnection *> m_connections;
    QHash<DaemonConnection *, QThread *> m_connectionThreads;
    QList<QThread *> m_threads; // every connection thread started and not let go
    QList<QThread *> m_idleThreads;
    QMutex m_liveLock;
    QSet<DaemonConnection *> m_liveConnections; // not yet deleted, whether finished or not
    quint64 m_nextConnectionId = 1;
};

} // namespace Pyro
