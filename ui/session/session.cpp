#include "session/session.h"

#include "naming/resolve.h"

#include <QSettings>

namespace Pyro::Ui {

static QString profileGroup(const QString &nameServer)
{
    QString key = nameServer.isEmpty() ? QStringLiteral("default") : nameServer;
    key.replace(QLatin1Char('/'), QLatin1Char('_'));
    return QStringLiteral("profiles/") + key;
}

Session::Session(QObject *parent) : QObject(parent), m_settings(ProxySettings::fromEnvironment())
{
    // Every Proxy the explorer opens resolves PYRONAME:/PYROMETA: through the name server.
    Naming::install();
}

void Session::setNameServer(const QString &hostPort)
{
    m_nameServer = hostPort;
    m_settings = loadProfile(hostPort);
    releaseProxies();
    if (!hostPort.isEmpty()) {
        QSettings s;
        QStringList recent = s.value(QStringLiteral("recentNameServers")).toStringList();
        recent.removeAll(hostPort);
        recent.prepend(hostPort);
        while (recent.size() > 10)
            recent.removeLast();
        s.setValue(QStringLiteral("recentNameServers"), recent);
    }
    emit nameServerChanged(hostPort);
    emit settingsChanged();
}

QStringList Session::recentNameServers() const
{
    return QSettings().value(QStringLiteral("recentNameServers")).toStringList();
}

bool Session::needsNewConnection(const ProxySettings &current, const ProxySettings &next)
{
    return current.protocol != next.protocol || current.hmacKey != next.hmacKey || current.ssl != next.ssl
            || current.sslCaCerts != next.sslCaCerts || current.sslClientCert != next.sslClientCert
            || current.sslClientKey != next.sslClientKey || current.sslClientKeyPassword != next.sslClientKeyPassword
            || current.metadata != next.metadata || current.handshake != next.handshake;
}

void Session::setSettings(const ProxySettings &settings)
{
    const bool reconnect = needsNewConnection(m_settings, settings);
    m_settings = settings;
    saveProfile(m_nameServer, settings);
    // Connection-level changes (a protocol forced to 4 or 5, a key, TLS) take effect at once:
    // the proxies close their connections and the next call opens one with the new profile.
    for (const QPointer<Proxy> &p : std::as_const(m_proxies)) {
        if (!p)
            continue;
        p->setSettings(settings);
        if (reconnect)
            p->release();
    }
    for (const QPointer<Proxy> &p : std::as_const(m_serializerProxies)) {
        if (p) {
            ProxySettings own = settings;
            own.serializer = p->settings().serializer;
            p->setSettings(own);
            if (reconnect)
                p->release();
        }
    }
    emit settingsChanged();
}

PyroUri Session::resolveTarget(const PyroUri &uri) const
{
    if (uri.protocol() == PyroUri::Protocol::Pyro || !uri.host().isEmpty() || uri.isUnixSocket() || m_nameServer.isEmpty())
        return uri;
    const QString scheme = uri.protocol() == PyroUri::Protocol::PyroName ? QStringLiteral("PYRONAME") : QStringLiteral("PYROMETA");
    const Result<PyroUri> withNs = PyroUri::parse(QStringLiteral("%1:%2@%3").arg(scheme, uri.object(), m_nameServer));
    return withNs ? withNs.value() : uri;
}

Proxy *Session::proxyFor(const PyroUri &target)
{
    const PyroUri uri = resolveTarget(target);
    const QString key = uri.toString();
    QPointer<Proxy> &slot = m_proxies[key];
    if (!slot)
        slot = new Proxy(uri, m_settings, this);
    return slot;
}

Proxy *Session::proxyFor(const PyroUri &target, SerializerId serializer)
{
    const PyroUri uri = resolveTarget(target);
    if (serializer == m_settings.serializer)
        return proxyFor(uri);
    const QString key = uri.toString() + u'\n' + QString::number(int(serializer));
    QPointer<Proxy> &slot = m_serializerProxies[key];
    if (!slot) {
        ProxySettings own = m_settings;
        own.serializer = serializer;
        slot = new Proxy(uri, own, this);
    }
    return slot;
}

void Session::releaseProxies()
{
    for (const QPointer<Proxy> &p : std::as_const(m_proxies))
        if (p)
            p->deleteLater();
    m_proxies.clear();
    for (const QPointer<Proxy> &p : std::as_const(m_serializerProxies))
        if (p)
            p->deleteLater();
    m_serializerProxies.clear();
}

ProxySettings Session::loadProfile(const QString &nameServer)
{
    ProxySettings p = ProxySettings::fromEnvironment();
    QSettings s;
    s.beginGroup(profileGroup(nameServer));
    if (s.contains(QStringLiteral("serializer")))
        p.serializer = SerializerId(s.value(QStringLiteral("serializer")).toInt());
    const int protocol = s.value(QStringLiteral("protocol"), int(p.protocol)).toInt();
    if (protocol == int(ProxySettings::Protocol::Pyro4) || protocol == int(ProxySettings::Protocol::Pyro5))
        p.protocol = ProxySettings::Protocol(protocol);
    p.timeout = s.value(QStringLiteral("timeout"), p.timeout).toDouble();
    p.maxRetries = s.value(QStringLiteral("maxRetries"), p.maxRetries).toInt();
    p.hmacKey = s.value(QStringLiteral("hmacKey"), p.hmacKey).toByteArray();
    p.compression = s.value(QStringLiteral("compression"), p.compression).toBool();
    p.metadata = s.value(QStringLiteral("metadata"), p.metadata).toBool();
    p.allowPickle = s.value(QStringLiteral("allowPickle"), p.allowPickle).toBool();
    p.ssl = s.value(QStringLiteral("ssl"), p.ssl).toBool();
    p.sslCaCerts = s.value(QStringLiteral("sslCaCerts"), p.sslCaCerts).toString();
    p.sslClientCert = s.value(QStringLiteral("sslClientCert"), p.sslClientCert).toString();
    p.sslClientKey = s.value(QStringLiteral("sslClientKey"), p.sslClientKey).toString();
    return p;
}

void Session::saveProfile(const QString &nameServer, const ProxySettings &p)
{
    QSettings s;
    s.beginGroup(profileGroup(nameServer));
    s.setValue(QStringLiteral("serializer"), int(p.serializer));
    s.setValue(QStringLiteral("protocol"), int(p.protocol));
    s.setValue(QStringLiteral("timeout"), p.timeout);
    s.setValue(QStringLiteral("maxRetries"), p.maxRetries);
    s.setValue(QStringLiteral("hmacKey"), p.hmacKey);
    s.setValue(QStringLiteral("compression"), p.compression);
    s.setValue(QStringLiteral("metadata"), p.metadata);
    s.setValue(QStringLiteral("allowPickle"), p.allowPickle);
    s.setValue(QStringLiteral("ssl"), p.ssl);
    s.setValue(QStringLiteral("sslCaCerts"), p.sslCaCerts);
    s.setValue(QStringLiteral("sslClientCert"), p.sslClientCert);
    s.setValue(QStringLiteral("sslClientKey"), p.sslClientKey);
}

} // namespace Pyro::Ui
