#pragma once

#include <QHostAddress>
#include <QObject>
#include <QString>

class QUdpSocket;

namespace Pyro {

/*!
    Answers Pyro4's name server discovery (doc 7.3): a UDP datagram holding exactly
    \c GET_NSURI gets the name server URI back (latin-1, no terminator) to the sender's
    address and port; anything else gets no reply.

    When the URI's host is 0.0.0.0 the reply carries the address the request arrived on
    instead, so the requester gets a usable URI.

    Unlike Pyro4, which does not start the responder for loopback addresses, it may be bound
    to 127.0.0.1 (Python clients then find it with BROADCAST_ADDRS=127.0.0.1): tests and
    single-machine setups use that. Lives in the thread that created it.
*/
class BroadcastResponder : public QObject
{
    Q_OBJECT
public:
    explicit BroadcastResponder(QObject *parent = nullptr);

    //! Port 0 picks a free port. Returns false and sets errorString() on failure.
    bool start(const QHostAddress &address, quint16 port);
    void stop();
    quint16 port() const;
    QHostAddress address() const;
    QString errorString() const { return m_errorString; }
    void setUri(const QString &uri) { m_uri = uri; }
    QString uri() const { return m_uri; }

signals:
    //! A discovery request was answered.
    void answered(const QHostAddress &requester, quint16 port);

private:
    void onReadyRead();

    QUdpSocket *m_socket = nullptr;
    QString m_uri;
    QString m_errorString;
};

} // namespace Pyro
