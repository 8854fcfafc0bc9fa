#include "server/daemontcpserver.h"

#include "support/logging.h"

#include <QSslSocket>

namespace Pyro {

void DaemonTcpServer::incomingConnection(qintptr descriptor)
{
    if (!m_tls) {
        QTcpServer::incomingConnection(descriptor);
        return;
    }
    auto *socket = new QSslSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        qCWarning(lcPyroDaemon) << "cannot adopt accepted socket:" << socket->errorString();
        delete socket;
        return;
    }
    socket->setSslConfiguration(m_configuration);
    connect(socket, &QSslSocket::sslErrors, socket, [socket](const QList<QSslError> &errors) {
        qCInfo(lcPyroDaemon) << "TLS handshake with" << socket->peerAddress().toString() << "failed:" << errors;
    });
    socket->startServerEncryption();
    addPendingConnection(socket);
}

} // namespace Pyro
