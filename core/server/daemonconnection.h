#pragma once

#include "protocol/framereader.h"
#include "protocol/message.h"

#include <QByteArray>
#include <QObject>
#include <QQueue>

class QIODevice;
class QTimer;

namespace Pyro {

class Daemon;

/*!
    One client connection of a Daemon (internal). Lives in the daemon's thread, owns the
    socket, cuts the byte stream into messages and hands them to the daemon's workers one at
    a time, so replies go out in request order. Oneway requests are handed over without
    waiting for their execution.

    The handshake is checked here before the FrameReader sees the bytes, because Pyro4
    answers each framing fault of the first message with a specific CONNECTFAIL reason
    (doc 2.3); after the handshake a framing fault simply drops the connection.
*/
class DaemonConnection : public QObject
{
    Q_OBJECT
public:
    DaemonConnection(Daemon *daemon, QIODevice *socket, quint64 id, const QString &peer, bool refuse);
    ~DaemonConnection() override;

    quint64 id() const { return m_id; }
    QString peer() const { return m_peer; }
    //! Ends the connection now (daemon shutdown).
    void abort();

signals:
    void finished();

private:
    enum class State { AwaitConnect, Ready, Closing, Closed };
    void onReadyRead();
    bool precheckFirstMessage();
    void pump();
    void deliver(const QByteArray &bytes, bool close, bool handshakeDone);
    void closeAfterWrite();
    void finish();
    void touch();

    Daemon *m_daemon;
    QIODevice *m_socket;
    quint64 m_id;
    QString m_peer;
    bool m_refuse; // over the connection limit: answer the CONNECT with CONNECTFAIL
    State m_state = State::AwaitConnect;
    QByteArray m_preBuffer; // bytes of the first message until it passed the checks
    bool m_prechecked = false;
    FrameReader m_reader;
    QQueue<Message> m_queue;
    bool m_busy = false;
    bool m_finished = false;
    QTimer *m_idleTimer = nullptr;
};

} // namespace Pyro
