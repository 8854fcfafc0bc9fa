#pragma once

#include <QByteArray>
#include <QList>
#include <QTcpServer>

namespace Pyro::Test {

/*!
    A scripted misbehaving peer on 127.0.0.1, port 0: for each accepted connection it waits
    for \a bytesBeforeReply bytes (or any, when 0) and then writes \a reply, and then either
    hangs up or keeps the connection open (to test timeouts). Lives in the test's thread.
*/
class HostileServer : public QTcpServer
{
    Q_OBJECT
public:
    enum class After { Close, StayOpen };
    explicit HostileServer(const QByteArray &reply, After after = After::Close, QObject *parent = nullptr);
    bool start();
    quint16 port() const { return serverPort(); }
    QByteArray received() const { return m_received; }
    int connections() const { return m_connections; }

private:
    QByteArray m_reply;
    After m_after;
    QByteArray m_received;
    int m_connections = 0;
};

} // namespace Pyro::Test
