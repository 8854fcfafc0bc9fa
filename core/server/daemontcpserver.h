#pragma once

#include <QSslConfiguration>
#include <QTcpServer>

namespace Pyro {

/*!
    The Daemon's TCP listener. Qt 6.4 has no QSslServer, so with TLS enabled each accepted
    descriptor is wrapped in a QSslSocket that starts server-side encryption at once; the
    connection is handed out as soon as the socket exists, and data flows after the TLS
    handshake. Without TLS it behaves like QTcpServer.
*/
class DaemonTcpServer : public QTcpServer
{
    Q_OBJECT
public:
    explicit DaemonTcpServer(QObject *parent = nullptr) : QTcpServer(parent) { }
    void setTls(bool enabled, const QSslConfiguration &configuration)
    {
        m_tls = enabled;
        m_configuration = configuration;
    }

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    bool m_tls = false;
    QSslConfiguration m_configuration;
};

} // namespace Pyro
