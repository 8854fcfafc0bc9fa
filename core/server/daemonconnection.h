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
    One client connection of a Daemon (internal). Each connection lives in a thread of its own
    (Pyro4's thread-pool server model: a worker per connection), owns the socket, cuts the
    byte stream into messages and runs them one at a time on that thread, so replies go out in
    request order and a slow call holds up only its own connection. Reading, decoding, the
    call, encoding and writing happen without a thread hand-off: that is what makes a sync
    call cost little more than a raw round trip. Oneway requests are handed to the daemon's
    pool and not waited for.

    Pyro4 (48) and Pyro5 (502) clients share the port: the first six bytes of a connection
    say which protocol it speaks, and the FrameReader is then fixed to it. The first message's
    bytes go to RequestProcessor::checkFirstMessage() before the
    FrameReader sees them, because Pyro answers each framing fault of the first message with
    a specific CONNECTFAIL reason; after the handshake a framing fault simply drops the
    connection. What the requests mean is the RequestProcessor's business.
*/
class DaemonConnection : public QObject
{
    Q_OBJECT
public:
    DaemonConnection(Daemon *daemon, QIODevice *socket, quint64 id, const QString &peer, bool refuse);
    ~DaemonConnection() override;

    //! Starts reading; called in the connection's own thread once it was moved there.
    void start();

    quint64 id() const { return m_id; }
    QString peer() const { return m_peer; }
    //! Ends the connection now (daemon shutdown). Connection thread only.
    void abort();
    //! Deletes the connection once no request is running on it (any thread may ask).
    void dispose();

signals:
    void finished();

private:
    enum class State { AwaitConnect, Ready, Closing, Closed };
    void onReadyRead();
    bool precheckFirstMessage();
    void pump();
    bool deliver(const QByteArray &bytes, bool close, bool handshakeDone);
    void flushSocket();
    void closeAfterWrite();
    void finish();
    void touch();

    Daemon *m_daemon;
    QIODevice *m_socket;
    quint64 m_id;
    QString m_peer;
    bool m_refuse; // over the connection limit: answer the CONNECT with CONNECTFAIL
    ProtocolVersion m_protocol = ProtocolVersion::Pyro4; // decided by the first message's bytes
    State m_state = State::AwaitConnect;
    QByteArray m_preBuffer; // bytes of the first message until it passed the checks
    bool m_prechecked = false;
    FrameReader m_reader;
    QQueue<Message> m_queue;
    bool m_busy = false; // a request runs (its handler may spin a nested event loop)
    bool m_disposeRequested = false;
    bool m_finished = false;
    QTimer *m_idleTimer = nullptr;
};

} // namespace Pyro
