#include "server/broadcastresponder.h"

#include "protocol/pyrouri.h"
#include "support/logging.h"

#include <QNetworkDatagram>
#include <QUdpSocket>

namespace Pyro {

BroadcastResponder::BroadcastResponder(QObject *parent) : QObject(parent) { }

bool BroadcastResponder::start(const QHostAddress &address, quint16 port)
{
    stop();
    m_socket = new QUdpSocket(this);
    if (!m_socket->bind(address, port, QUdpSocket::ShareAddress | QUdpSocket::ReuseAddressHint)) {
        m_errorString = m_socket->errorString();
        delete m_socket;
        m_socket = nullptr;
        return false;
    }
    connect(m_socket, &QUdpSocket::readyRead, this, &BroadcastResponder::onReadyRead);
    qCInfo(lcPyroNaming) << "broadcast responder on" << m_socket->localAddress().toString() << m_socket->localPort();
    return true;
}

void BroadcastResponder::stop()
{
    delete m_socket;
    m_socket = nullptr;
}

quint16 BroadcastResponder::port() const
{
    return m_socket ? m_socket->localPort() : 0;
}

QHostAddress BroadcastResponder::address() const
{
    return m_socket ? m_socket->localAddress() : QHostAddress();
}

void BroadcastResponder::onReadyRead()
{
    while (m_socket && m_socket->hasPendingDatagrams()) {
        const QNetworkDatagram datagram = m_socket->receiveDatagram(512);
        if (datagram.data() != "GET_NSURI")
            continue;
        QString uri = m_uri;
        auto parsed = PyroUri::parse(uri);
        if (parsed && parsed.value().host() == QLatin1String("0.0.0.0")) {
            QHostAddress local = datagram.destinationAddress();
            if (local.isNull() || local == QHostAddress::Broadcast || local == QHostAddress::AnyIPv4)
                local = m_socket->localAddress() == QHostAddress::AnyIPv4 ? QHostAddress(QHostAddress::LocalHost) : m_socket->localAddress();
            uri = PyroUri::pyro(parsed.value().object(), local.toString(), parsed.value().port()).toString();
        }
        m_socket->writeDatagram(uri.toLatin1(), datagram.senderAddress(), quint16(datagram.senderPort()));
        emit answered(datagram.senderAddress(), quint16(datagram.senderPort()));
    }
}

} // namespace Pyro
