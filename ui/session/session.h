#pragma once

#include "client/proxy.h"
#include "client/proxysettings.h"
#include "protocol/pyrouri.h"

#include <QHash>
#include <QObject>
#include <QPointer>

namespace Pyro::Ui {

/*!
    What the explorer's windows share: the current name server, the connection profile
    (ProxySettings) used for it, and one Proxy per object URI so that the inspector, the
    argument forms and the stream console of an object use the same connection.

    Profiles are kept per name server in QSettings (group "profiles/<host:port>"); HMAC keys
    are stored too, since the user typed them for that server (the settings file is the
    user's own). Owned by the main window; lives in the GUI thread.
*/
class Session : public QObject
{
    Q_OBJECT
public:
    explicit Session(QObject *parent = nullptr);

    //! "host:port" of the current name server; empty when none.
    QString nameServer() const { return m_nameServer; }
    //! Switches to another name server and loads its profile; emits nameServerChanged().
    void setNameServer(const QString &hostPort);
    //! Recently used name servers, most recent first (at most 10).
    QStringList recentNameServers() const;

    //! The profile for the current name server.
    ProxySettings settings() const { return m_settings; }
    //! Stores the profile for the current name server and applies it to existing proxies.
    void setSettings(const ProxySettings &settings);
    //! True when \a next differs from \a current in what only a new connection applies
    //! (protocol, HMAC key, TLS, handshake, metadata).
    static bool needsNewConnection(const ProxySettings &current, const ProxySettings &next);

    /*!
        \a uri with the session's name server as its location when it is a PYRONAME: or
        PYROMETA: URI without one, so that every name the explorer is given (start-up
        argument, deep link, Open URI, pasted pyroctl line) resolves through the name server
        the window shows (with --demo, the demo's own); any other URI unchanged.
    */
    PyroUri resolveTarget(const PyroUri &uri) const;
    /*!
        The shared proxy for \a uri (a PYRO:, PYRONAME: or PYROMETA: URI), created on first
        use with the current profile (a name without location resolves through resolveTarget()).
        Owned by the session; do not delete it.
    */
    Proxy *proxyFor(const PyroUri &uri);
    /*!
        A proxy for \a uri that sends with \a serializer whatever the profile says (the
        invocation form's per-call serializer). The shared proxy when the profile already uses
        it; otherwise one proxy (and connection) per (URI, serializer), so that switching the
        serializer for one call never changes what the inspector's calls on the shared proxy
        use. Profile changes apply to it except for the serializer. Owned by the session.
    */
    Proxy *proxyFor(const PyroUri &uri, SerializerId serializer);
    //! Drops every cached proxy (e.g. after the profile changed in ways that need new connections).
    void releaseProxies();

    //! Loads/saves a profile from QSettings for a name server (exposed for tests).
    static ProxySettings loadProfile(const QString &nameServer);
    static void saveProfile(const QString &nameServer, const ProxySettings &settings);

signals:
    void nameServerChanged(const QString &hostPort);
    void settingsChanged();

private:
    QString m_nameServer;
    ProxySettings m_settings;
    QHash<QString, QPointer<Proxy>> m_proxies;
    //! Proxies with a serializer of their own, by "<uri>\n<serializer id>".
    QHash<QString, QPointer<Proxy>> m_serializerProxies;
};

} // namespace Pyro::Ui
