#include "server/daemonconnection.h"

#include "server/connectionmanager.h"
#include "server/daemon.h"
#include "support/logging.h"

#include <QAbstractSocket>
#include <QLocalSocket>
#include <QScopeGuard>
#include <QThread>
#include <QTimer>

namespace Pyro {

// Most requests waiting in one connection's queue before we stop reading from its socket;
// the kernel buffers then push back on a client that pipelines without reading replies.
static constexpr qsizetype MaxQueuedRequests = 32;
static constexpr qint64 ReadChunk = 256 * 1024;

DaemonConnection::DaemonConnection(Daemon *daemon, QIODevice *socket, quint64 id, const QString &peer, bool refuse)
    : m_daemon(daemon), m_socket(socket), m_id(id), m_peer(peer), m_refuse(refuse)
{
    socket->setParent(this);
    const DaemonSettings settings = daemon->settingsSnapshot();
    m_reader.setMaxMessageSize(settings.maxMessageSize);
    m_reader.setHmacKey(settings.hmacKey);
    connect(socket, &QIODevice::readyRead, this, &DaemonConnection::onReadyRead);
    if (auto *tcp = qobject_cast<QAbstractSocket *>(socket)) {
        tcp->setReadBufferSize(4 * ReadChunk);
        connect(tcp, &QAbstractSocket::disconnected, this, &DaemonConnection::finish);
        connect(tcp, &QAbstractSocket::errorOccurred, this, [this, tcp](QAbstractSocket::SocketError e) {
            qCDebug(lcPyroDaemon) << "connection" << m_peer << "error" << e << tcp->errorString();
            if (tcp->state() != QAbstractSocket::ConnectedState)
                finish();
        });
    } else if (auto *local = qobject_cast<QLocalSocket *>(socket)) {
        local->setReadBufferSize(4 * ReadChunk);
        connect(local, &QLocalSocket::disconnected, this, &DaemonConnection::finish);
        connect(local, &QLocalSocket::errorOccurred, this, [this, local](QLocalSocket::LocalSocketError) {
            if (local->state() != QLocalSocket::ConnectedState)
                finish();
        });
    }
    if (settings.idleTimeout > 0) {
        m_idleTimer = new QTimer(this);
        m_idleTimer->setSingleShot(true);
        m_idleTimer->setInterval(int(settings.idleTimeout * 1000));
        connect(m_idleTimer, &QTimer::timeout, this, [this] {
            if (!m_busy) {
                qCInfo(lcPyroDaemon) << "closing idle connection" << m_peer;
                abort();
            }
        });
    }
}

DaemonConnection::~DaemonConnection()
{
    m_daemon->connections().connectionDestroyed(this);
}

void DaemonConnection::start()
{
    if (m_idleTimer)
        m_idleTimer->start();
    if (m_socket->bytesAvailable() > 0)
        onReadyRead();
}

void DaemonConnection::dispose()
{
    if (thread() != QThread::currentThread()) {
        QMetaObject::invokeMethod(this, &DaemonConnection::dispose, Qt::QueuedConnection);
        return;
    }
    if (m_busy) {
        // A handler is still on this thread's stack (maybe in a nested event loop): delete
        // once it has returned, from pump().
        m_disposeRequested = true;
        return;
    }
    deleteLater();
}

void DaemonConnection::touch()
{
    if (m_idleTimer)
        m_idleTimer->start();
}

void DaemonConnection::onReadyRead()
{
    if (m_state == State::Closing || m_state == State::Closed) {
        m_socket->readAll();
        return;
    }
    while (m_socket->bytesAvailable() > 0 && m_queue.size() < MaxQueuedRequests && !m_reader.hasFailed()) {
        QByteArray data = m_socket->read(qMin(ReadChunk, m_socket->bytesAvailable()));
        touch();
        if (!m_prechecked) {
            m_preBuffer += data;
            if (!precheckFirstMessage())
                return;
            m_prechecked = true;
            data = std::exchange(m_preBuffer, QByteArray());
        }
        m_reader.append(data);
        while (auto msg = m_reader.next())
            m_queue.enqueue(*msg);
    }
    if (m_busy)
        return; // the request running below us in a nested event loop picks the queue up
    if (m_reader.hasFailed() && m_state == State::AwaitConnect && m_queue.isEmpty()) {
        // The first message failed inside the reader (HMAC, compression): refuse the handshake.
        const Error e = m_reader.error();
        const QString reason = e.message(); // the reader uses Pyro4's own reason texts
        deliver(m_daemon->processor().connectFail(reason, 0, 0, m_protocol), true, false);
        return;
    }
    pump();
}

bool DaemonConnection::precheckFirstMessage()
{
    QByteArray reply;
    switch (m_daemon->processor().checkFirstMessage(m_preBuffer, m_refuse, &reply, &m_protocol)) {
    case RequestProcessor::FirstMessage::NeedMore: return false;
    case RequestProcessor::FirstMessage::Accept:
        // The first bytes decided the protocol of this connection, for good.
        m_reader.setProtocol(m_protocol);
        if (m_protocol != ProtocolVersion::Pyro4)
            m_reader.setHmacKey(QByteArray()); // Pyro5 has no HMAC (the handshake check refused it)
        return true;
    case RequestProcessor::FirstMessage::Refuse: break;
    }
    qCInfo(lcPyroDaemon) << "refused" << m_peer;
    deliver(reply, true, false);
    return false;
}

void DaemonConnection::pump()
{
    if (m_busy)
        return;
    const RequestProcessor &processor = m_daemon->processor();
    const RequestProcessor::RequestInfo info { m_id, m_peer };
    bool wrote = false;
    // Oneway calls of this turn go to the executor together (one lock, one wake-up), but
    // before any other request runs, so they never wait behind a slow call.
    std::vector<std::function<void()>> oneways;
    auto startOneways = [this, &oneways] { m_daemon->onewayExecutor().runAll(std::exchange(oneways, {})); };
    const auto startLeftOneways = qScopeGuard(startOneways); // also on the early returns
    while (!m_queue.isEmpty() && (m_state == State::AwaitConnect || m_state == State::Ready)) {
        const Message msg = m_queue.dequeue();
        if (!msg.hasFlag(MessageFlag::Oneway))
            startOneways();
        if (m_state == State::Ready && msg.type == MessageType::Ping) {
            m_socket->write(processor.pong(msg));
            wrote = true;
            continue;
        }
        if (m_state == State::Ready && msg.type != MessageType::Invoke) {
            qCInfo(lcPyroDaemon) << "dropping" << m_peer << ": unexpected message type" << int(msg.type);
            abort();
            return;
        }
        // The request runs right here, on the connection's thread. Its handler may spin a
        // nested event loop (a callback to a client proxy); m_busy keeps onReadyRead() and
        // dispose() from re-entering meanwhile.
        m_busy = true;
        RequestProcessor::Outcome outcome = m_state == State::AwaitConnect ? processor.handshake(msg, info)
                                                                            : processor.invoke(msg, info);
        m_busy = false;
        if (outcome.oneway)
            oneways.push_back(std::move(outcome.oneway));
        if (m_disposeRequested) {
            deleteLater();
            return;
        }
        wrote = wrote || !outcome.bytes.isEmpty();
        if (!deliver(outcome.bytes, outcome.close, outcome.handshakeDone))
            return;
    }
    startOneways();
    if (wrote && m_state != State::Closed)
        flushSocket(); // one write() now instead of waiting a loop turn for the write notifier
    if (m_queue.isEmpty() && m_reader.hasFailed() && m_state != State::Closed) {
        qCInfo(lcPyroDaemon) << "dropping" << m_peer << ':' << m_reader.error();
        abort();
        return;
    }
    if (m_queue.size() < MaxQueuedRequests && m_socket->bytesAvailable() > 0 && m_state != State::Closed)
        QMetaObject::invokeMethod(this, &DaemonConnection::onReadyRead, Qt::QueuedConnection);
}

void DaemonConnection::flushSocket()
{
    if (auto *tcp = qobject_cast<QAbstractSocket *>(m_socket))
        tcp->flush();
    else if (auto *local = qobject_cast<QLocalSocket *>(m_socket))
        local->flush();
}

bool DaemonConnection::deliver(const QByteArray &bytes, bool close, bool handshakeDone)
{
    if (m_state == State::Closed || m_state == State::Closing)
        return false;
    if (!bytes.isEmpty())
        m_socket->write(bytes);
    touch();
    if (close) {
        closeAfterWrite();
        return false;
    }
    if (handshakeDone && m_state == State::AwaitConnect)
        m_state = State::Ready;
    return true;
}

void DaemonConnection::closeAfterWrite()
{
    m_state = State::Closing;
    m_queue.clear();
    if (auto *tcp = qobject_cast<QAbstractSocket *>(m_socket)) {
        tcp->disconnectFromHost(); // writes what is buffered first
        if (tcp->state() == QAbstractSocket::UnconnectedState)
            finish();
    } else if (auto *local = qobject_cast<QLocalSocket *>(m_socket)) {
        local->disconnectFromServer();
        if (local->state() == QLocalSocket::UnconnectedState)
            finish();
    } else {
        finish();
    }
}

void DaemonConnection::abort()
{
    m_queue.clear();
    if (auto *tcp = qobject_cast<QAbstractSocket *>(m_socket))
        tcp->abort();
    else if (auto *local = qobject_cast<QLocalSocket *>(m_socket))
        local->abort();
    finish();
}

void DaemonConnection::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    m_state = State::Closed;
    emit finished();
}

} // namespace Pyro
