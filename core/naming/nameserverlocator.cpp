#include "naming/nameserverlocator.h"

#include "client/protocolmemory.h"

#include "client/pendingcall.h"
#include "client/proxy.h"
#include "naming/nameserverclient.h"
#include "naming/resolve.h"
#include "support/logging.h"

#include <QHostAddress>
#include <QPointer>
#include <QTimer>
#include <QUdpSocket>

namespace Pyro {

LocateOptions LocateOptions::fromEnvironment(const QProcessEnvironment &env)
{
    LocateOptions o;
    auto intVar = [&env](const char *name, int fallback) {
        bool ok = false;
        const int v = env.value(QLatin1String(name)).trimmed().toInt(&ok);
        return ok ? v : fallback;
    };
    const QString host = env.value(QStringLiteral("PYRO_NS_HOST")).trimmed();
    if (!host.isEmpty())
        o.nsHost = host;
    o.nsPort = intVar("PYRO_NS_PORT", o.nsPort);
    o.bcPort = intVar("PYRO_NS_BCPORT", o.bcPort);
    o.preferIpVersion = intVar("PYRO_PREFER_IP_VERSION", o.preferIpVersion);
    if (env.contains(QStringLiteral("PYRO_BROADCAST_ADDRS"))) {
        // Pyro4 parseAddressesString: comma separated, stripped.
        o.broadcastAddresses.clear();
        const QStringList parts = env.value(QStringLiteral("PYRO_BROADCAST_ADDRS")).split(u',');
        for (const QString &p : parts)
            o.broadcastAddresses.append(p.trimmed());
    }
    return o;
}

namespace {

/*
    One locate run: a small state machine driven by proxy binds, UDP datagrams and timers.
    A child of the PendingResolve it completes, so deleting that operation stops it.
*/
class LocateJob : public QObject
{
public:
    LocateJob(const LocateOptions &options, const ProxySettings &settings, PendingResolve *op)
        : QObject(op), m_options(options), m_settings(settings), m_op(op)
    {
        if (!m_options.host.isEmpty()) {
            m_direct.append(NameServerClient::nameServerUri(m_options.host,
                                                            m_options.port ? m_options.port : m_options.nsPort));
            m_broadcast = false;
            m_final = false;
        } else {
            const QString nsHost = m_options.nsHost;
            const int port = m_options.port ? m_options.port : m_options.nsPort;
            if (nsHost == QLatin1String("localhost") || nsHost == QLatin1String("::1")
                || nsHost.startsWith(QLatin1String("127."))) {
                m_direct.append(NameServerClient::nameServerUri(nsHost, port));
                if (!nsHost.contains(u':') && nsHost != QLatin1String("127.0.1.1"))
                    m_direct.append(NameServerClient::nameServerUri(QStringLiteral("127.0.1.1"), port));
            }
            m_broadcast = m_options.preferIpVersion != 6 && m_options.broadcastRounds > 0;
            m_final = true;
        }
        QMetaObject::invokeMethod(this, [this] { next(); }, Qt::QueuedConnection);
    }

private:
    void next()
    {
        if (!m_direct.isEmpty()) {
            tryDirect(m_direct.takeFirst());
            return;
        }
        if (m_broadcast) {
            m_broadcast = false;
            startBroadcast();
            return;
        }
        if (m_final) {
            m_final = false;
            tryDirect(NameServerClient::nameServerUri(m_options.nsHost, m_options.nsPort));
            return;
        }
        Error e(Error::Code::NamingError, QStringLiteral("Failed to locate the nameserver"),
                m_lastError.isError() ? m_lastError.message() : QString());
        m_op->finishWithError(e);
    }

    void tryDirect(const PyroUri &uri)
    {
        qCDebug(lcPyroNaming) << "locating the NS:" << uri.toString();
        auto *proxy = new Proxy(uri, m_settings, this);
        PendingCall *bind = proxy->bind();
        connect(bind, &PendingCall::finished, this, [this, bind, proxy, uri] {
            const Error error = bind->error();
            const std::optional<ProtocolVersion> protocol = proxy->protocol();
            proxy->deleteLater();
            if (!error) {
                qCDebug(lcPyroNaming) << "located NS" << uri.toString() << "speaking" << ProtocolInfo::describe(*protocol);
                m_op->finishWithUri(uri, protocol);
                return;
            }
            // A name server was reached but speaks another protocol than the one asked for,
            // or is a Pyro5 one refusing pickle or an HMAC key: say so rather than "failed to
            // locate" (docs/pyro5-protocol.md).
            const bool pyro5Refusal = ProtocolMemory::recall(uri.location()) == ProtocolVersion::Pyro5
                    && (error.code() == Error::Code::UnsupportedSerializer || error.code() == Error::Code::SecurityError);
            if (error.code() == Error::Code::ProtocolMismatch || pyro5Refusal) {
                m_op->finishWithError(error);
                return;
            }
            m_lastError = error;
            next();
        });
    }

    // A broadcast reply carries no protocol version: one handshake tells it.
    void identify(const PyroUri &uri)
    {
        auto *proxy = new Proxy(uri, m_settings, this);
        PendingCall *bind = proxy->bind();
        connect(bind, &PendingCall::finished, this, [this, bind, proxy, uri] {
            const std::optional<ProtocolVersion> protocol = bind->error() ? std::nullopt : proxy->protocol();
            proxy->deleteLater();
            qCDebug(lcPyroNaming) << "located NS by broadcast:" << uri.toString()
                                  << (protocol ? ProtocolInfo::describe(*protocol) : QStringLiteral("(protocol unknown)"));
            m_op->finishWithUri(uri, protocol);
        });
    }

    void startBroadcast()
    {
        m_socket = new QUdpSocket(this);
        if (!m_socket->bind(QHostAddress(QHostAddress::AnyIPv4), 0)) {
            qCDebug(lcPyroNaming) << "broadcast socket:" << m_socket->errorString();
            next();
            return;
        }
        connect(m_socket, &QUdpSocket::readyRead, this, &LocateJob::readDatagrams);
        m_timer = new QTimer(this);
        m_timer->setSingleShot(true);
        connect(m_timer, &QTimer::timeout, this, &LocateJob::broadcastRound);
        m_roundsLeft = m_options.broadcastRounds;
        broadcastRound();
    }

    void broadcastRound()
    {
        if (m_roundsLeft-- <= 0) {
            qCDebug(lcPyroNaming) << "broadcast locate failed, try direct connection on NS_HOST";
            m_socket->close();
            next();
            return;
        }
        const int port = m_options.port ? m_options.port : m_options.bcPort;
        static const QByteArray request = QByteArrayLiteral("GET_NSURI");
        for (const QString &a : m_options.broadcastAddresses) {
            QHostAddress addr;
            if (a == QLatin1String("<broadcast>"))
                addr = QHostAddress(QHostAddress::Broadcast);
            else if (a == QLatin1String("localhost"))
                addr = QHostAddress(QHostAddress::LocalHost);
            else if (a.isEmpty())
                addr = QHostAddress(QHostAddress::AnyIPv4);
            else if (!addr.setAddress(a) || addr.protocol() != QAbstractSocket::IPv4Protocol) {
                qCDebug(lcPyroNaming) << "skipping broadcast address" << a;
                continue;
            }
            // Send errors (no broadcast route, for instance) are ignored as Pyro4 ignores
            // EADDRNOTAVAIL; the round then just waits for nothing.
            m_socket->writeDatagram(request, addr, quint16(port));
        }
        m_timer->start(m_options.broadcastTimeoutMs);
    }

    void readDatagrams()
    {
        while (m_socket && m_socket->hasPendingDatagrams()) {
            QByteArray data(100, Qt::Uninitialized); // Pyro4 reads at most 100 bytes
            const qint64 n = m_socket->readDatagram(data.data(), data.size());
            if (n < 0)
                continue;
            data.truncate(n);
            const Result<PyroUri> uri = PyroUri::parse(QString::fromLatin1(data));
            if (!uri || uri.value().protocol() != PyroUri::Protocol::Pyro) {
                qCDebug(lcPyroNaming) << "ignoring broadcast reply" << data;
                continue;
            }
            m_timer->stop();
            m_socket->close();
            identify(uri.value());
            return;
        }
    }

    LocateOptions m_options;
    ProxySettings m_settings;
    PendingResolve *m_op;
    QList<PyroUri> m_direct;
    bool m_broadcast = false;
    bool m_final = false;
    Error m_lastError;
    QUdpSocket *m_socket = nullptr;
    QTimer *m_timer = nullptr;
    int m_roundsLeft = 0;
};

} // namespace

PendingResolve *NameServerLocator::locate(const LocateOptions &options, const ProxySettings &settings,
                                          QObject *parent)
{
    auto *op = new PendingResolve(parent);
    new LocateJob(options, settings, op);
    return op;
}

} // namespace Pyro
