#include "hostileserver.h"

#include <QTcpSocket>

namespace Pyro::Test {

HostileServer::HostileServer(const QByteArray &reply, After after, QObject *parent)
    : QTcpServer(parent), m_reply(reply), m_after(after)
{
    connect(this, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket *socket = nextPendingConnection()) {
            ++m_connections;
            socket->setParent(this);
            connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
                m_received += socket->readAll();
                if (socket->property("replied").toBool())
                    return;
                socket->setProperty("replied", true);
                socket->write(m_reply);
                socket->flush();
                if (m_after == After::Close)
                    socket->disconnectFromHost();
            });
        }
    });
}

bool HostileServer::start()
{
    return listen(QHostAddress::LocalHost, 0);
}

} // namespace Pyro::Test
