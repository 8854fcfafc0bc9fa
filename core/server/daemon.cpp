#include "server/daemon.h"

#include "server/connectionmanager.h"
#include "server/daemonobject.h"
#include "server/handlerobject.h"
#include "server/qobjectexposure.h"
#include "support/logging.h"

#include <QHostInfo>
#include <QSslSocket>
#include <QTimer>
#include <QUuid>

namespace Pyro {

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
    registerObject(DaemonObject::create(this), daemonObjectId());
    m_connections = new ConnectionManager(this);
    connect(m_connections, &ConnectionManager::clientConnected, this, [this](const QString &peer) {
        emit clientConnected(peer);
        emit connectionCountChanged(connectionCount());
    });
    connect(m_connections, &ConnectionManager::clientDisconnected, this, [this](const QString &peer, quint64 id) {
        m_streams.release(id, settingsSnapshot().streamLinger);
        emit clientDisconnected(peer);
        emit connectionCountChanged(connectionCount());
    });
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
    m_connections->stopThreads();
    m_oneway.stop();
    m_pool.waitForDone();
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

QString Daemon::boundLocation() const
{
    QReadLocker locker(&m_settingsLock);
    return m_boundLocation;
}

void Daemon::setSettings(const DaemonSettings &settings)
{
    QWriteLocker locker(&m_settingsLock);
    m_settings = settings;
    m_pool.setMaxThreadCount(qMax(2, settings.workerThreads));
    m_connections->setTls(settings.tls, settings.sslConfiguration);
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
    const DaemonSettings settings = settingsSnapshot();
    if (settings.tls && !QSslSocket::supportsSsl()) {
        m_error = Error(Error::Code::TlsError, tr("TLS is not available in this Qt build"));
        return false;
    }
    if (const Error e = m_connections->listenTcp(address, port, settings.tls, settings.sslConfiguration)) {
        m_error = e;
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
    if (const Error e = m_connections->listenUnix(path)) {
        m_error = e;
        return false;
    }
    if (!m_connections->isListeningTcp()) {
        const QString where = location();
        QWriteLocker locker(&m_settingsLock);
        m_boundLocation = where;
    }
    return true;
}

bool Daemon::isListening() const
{
    return m_connections->isListening();
}

QString Daemon::socketPath() const
{
    return m_connections->socketPath();
}

int Daemon::connectionCount() const
{
    return m_connections->count();
}

QString Daemon::host() const
{
    const DaemonSettings s = settingsSnapshot();
    if (!s.natHost.isEmpty())
        return s.natHost;
    if (!m_connections->isListeningTcp())
        return QString();
    const QHostAddress a = m_connections->tcpAddress();
    if (a == QHostAddress::AnyIPv4 || a == QHostAddress::Any)
        return QStringLiteral("0.0.0.0");
    return a.toString();
}

quint16 Daemon::port() const
{
    const DaemonSettings s = settingsSnapshot();
    if (s.natPort)
        return s.natPort;
    return m_connections->tcpPort();
}

QString Daemon::location() const
{
    if (m_connections->isListeningTcp())
        return PyroUri::pyro(QStringLiteral("x"), host(), port()).location();
    if (!socketPath().isEmpty())
        return QStringLiteral("./u:") + socketPath();
    return QString();
}

PyroUri Daemon::uriFor(const QString &id) const
{
    if (m_connections->isListeningTcp())
        return PyroUri::pyro(id, host(), port());
    if (!socketPath().isEmpty())
        return PyroUri::unixSocket(id, socketPath());
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
    m_connections->close();
}

int Daemon::streamCount() const
{
    return m_streams.count();
}

void Daemon::housekeeping()
{
    m_oneway.checkStalled();
    const DaemonSettings s = settingsSnapshot();
    m_streams.housekeeping(m_connections->connectionIds(), s.streamLifetime, s.streamLinger);
}

} // namespace Pyro
