#pragma once

#include "protocol/pyrouri.h"
#include "server/daemonsettings.h"
#include "server/exposedobject.h"
#include "server/itemgenerator.h"
#include "server/onewayexecutor.h"
#include "server/requestprocessor.h"
#include "server/streamregistry.h"
#include "protocol/message.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>
#include <QMutex>
#include <QObject>
#include <QPointer>
#include <QReadWriteLock>
#include <QSet>
#include <QThreadPool>

#include <atomic>
#include <functional>
#include <memory>

class QTimer;

namespace Pyro {

class ConnectionManager;
class DaemonConnection;
class HandlerObject;

/*!
    A Pyro4 daemon: serves QObjects and HandlerObjects to any Pyro4 client (Python Pyro4
    4.82 included) over TCP, TLS or a Unix socket, speaking the whole protocol 48: handshake
    with metadata, calls, oneway, batch, remote attributes, item streams, the
    \c Pyro.Daemon object, HMAC, compression, correlation ids and pings.

    \code
    Daemon daemon;
    daemon.listen(QHostAddress::LocalHost, 0);          // any free port
    Calculator calc;                                   // a QObject with Q_INVOKABLEs
    daemon.registerObject(&calc, QStringLiteral("example.calc"));
    qDebug() << daemon.uriFor(QStringLiteral("example.calc")).toString();
    \endcode

    Threads: the Daemon and its listeners live in the thread that created it, which must run
    an event loop. Every connection gets a thread of its own (reused after the connection
    ends, like the workers of Pyro4's thread-pool server), where its requests are read,
    decoded, executed and answered without a hand-off, so a slow call on one connection
    never holds up another. Requests on one connection are answered strictly in order
    (Pyro4 clients rely on it); oneway calls run on the daemon's pool
    (DaemonSettings::workerThreads) without holding back the connection. QObjects are
    called in their own thread (see QObjectExposure); handler objects run on the
    connection's thread or, when oneway, on the pool.

    Callbacks: a method marked as a callback (HandlerObject::addCallbackMethod(),
    \c Q_CLASSINFO("pyro.callback", ...) on a QObject; Pyro4's \c @Pyro4.callback) that raises
    still sends the exception to its caller, and is also reported here, on the side that
    hosts it: logged as a warning (pyro.core.daemon) with its traceback and emitted as
    callbackFailed(). A two-way callback that raised then closes the client connection after
    the reply, as Pyro4's daemon does (the client's next call on that proxy fails with
    ConnectionClosedError, the one after reconnects). A oneway callback runs on the pool like
    any oneway call and leaves the connection open.

    Ownership: a registered QObject stays owned by the caller (unregister it before deleting
    it); handler objects are shared. Destroying the daemon ends every connection and waits
    for running calls.
*/
class Daemon : public QObject
{
    Q_OBJECT
    Q_PROPERTY(int connectionCount READ connectionCount NOTIFY connectionCountChanged)
public:
    //! The id of the daemon's own object.
    static QString daemonObjectId() { return QStringLiteral("Pyro.Daemon"); }

    explicit Daemon(QObject *parent = nullptr);
    explicit Daemon(const DaemonSettings &settings, QObject *parent = nullptr);
    ~Daemon() override;

    DaemonSettings settings() const;
    void setSettings(const DaemonSettings &settings);

    /*!
        Listens on TCP (TLS when DaemonSettings::tls). \a host is an address or "localhost";
        port 0 picks a free port. Returns false and sets error() on failure. May be called
        once for TCP and once for a Unix socket.
    */
    bool listen(const QString &host = QStringLiteral("127.0.0.1"), quint16 port = 0);
    bool listen(const QHostAddress &address, quint16 port);
    //! Listens on a Unix domain socket at \a path (removed first if it exists).
    bool listenUnix(const QString &path);
    Error error() const { return m_error; }
    bool isListening() const;

    //! The bound TCP host and port (the NAT ones in URIs when set).
    QString host() const;
    quint16 port() const;
    QString socketPath() const;
    //! "host:port" as advertised (NAT applied), or "./u:path".
    QString location() const;

    /*!
        Registers \a object under \a id, or under "obj_" + 32 hex digits when \a id is empty
        (Pyro4's uuid4().hex). Returns the id, or an empty string when the id is taken or
        reserved. The QObject is not owned.
    */
    QString registerObject(QObject *object, const QString &id = QString());
    QString registerObject(std::shared_ptr<ExposedObject> object, const QString &id = QString());
    bool unregisterObject(const QString &id);
    QStringList registeredIds() const;
    bool isRegistered(const QString &id) const;
    std::shared_ptr<ExposedObject> object(const QString &id) const;
    //! PYRO:id@host:port (NAT applied), or PYRO:id@./u:path for a Unix-only daemon.
    PyroUri uriFor(const QString &id) const;

    //! Stops listening and ends every connection (their threads tidy up asynchronously).
    void close();
    /*!
        Final stop: close(), then waits until no call runs any more (connection threads and
        oneway workers). Afterwards the objects that were registered may be deleted even if
        they die before the daemon. The destructor calls it.
    */
    void shutdown();
    int connectionCount() const;
    //! Open item streams (owned or lingering).
    int streamCount() const;

    //! Pyro4's uuid4().hex style id: "obj_" + 32 hex digits.
    static QString generateObjectId();

signals:
    void connectionCountChanged(int count);
    void clientConnected(const QString &peer);
    void clientDisconnected(const QString &peer);
    /*!
        A callback method (see ExposedObject::isCallback()) of the object \a objectId raised
        \a error (a Python-style exception; remoteTraceback() has the traceback text). Emitted
        in the daemon's thread (queued from the thread that ran the call) after the error was
        logged; the caller gets its exception reply independently of this signal.
    */
    void callbackFailed(const QString &objectId, const QString &method, const Pyro::Error &error);

private:
    // The parts of a daemon, one job each: ConnectionManager (listeners, connection
    // threads), DaemonConnection (one socket), RequestProcessor (requests to replies, the
    // access check), StreamRegistry (item streams), DaemonObject (Pyro.Daemon).
    friend class ConnectionManager;
    friend class DaemonConnection;
    friend class DaemonObject;
    friend class RequestProcessor;

    void init();
    void housekeeping();
    DaemonSettings settingsSnapshot() const;
    QString boundLocation() const;
    int workerThreadCount() const { return m_pool.maxThreadCount(); }
    bool isStopping() const { return m_stopping; }
    const std::atomic_bool *stoppingFlag() const { return &m_stopping; }
    StreamRegistry &streams() { return m_streams; }
    const RequestProcessor &processor() const { return m_processor; }
    OnewayExecutor &onewayExecutor() { return m_oneway; }
    ConnectionManager &connections() const { return *m_connections; }

    mutable QReadWriteLock m_settingsLock;
    DaemonSettings m_settings;
    QString m_boundLocation; // for info(), read by workers
    mutable QReadWriteLock m_objectsLock;
    QHash<QString, std::shared_ptr<ExposedObject>> m_objects;
    QStringList m_objectOrder;
    StreamRegistry m_streams;
    RequestProcessor m_processor { this };

    QThreadPool m_pool;
    OnewayExecutor m_oneway { &m_pool };
    std::atomic_bool m_stopping = false;
    ConnectionManager *m_connections = nullptr;
    QTimer *m_housekeeping = nullptr;
    Error m_error;
};

} // namespace Pyro
