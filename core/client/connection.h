#pragma once

#include "client/proxysettings.h"
#include "protocol/pyrouri.h"
#include "support/error.h"

#include <QByteArray>
#include <QObject>
#include <QPointer>

#include <optional>

class QIODevice;
class QSocketNotifier;
class QSslSocket;
class QTcpSocket;

namespace Pyro {

/*!
    Internal to the client layer: one byte stream to a daemon, over TCP (QTcpSocket), TLS
    (QSslSocket, Pyro4's SSL settings) or a unix domain socket (QLocalSocket), with the
    socket errors turned into Error values. Owned by its Proxy, same thread.

    failed() is emitted at most once per connectTo(); the connection is then dead (any
    bytes that arrived before are still readable with readAll()).

    Plain TCP: QTcpSocket only connects (name lookup, address tries, errors); once
    connected, the connection keeps its own duplicate of the descriptor and drops the
    QTcpSocket, so that a round trip costs the kernel no more than one send(), one poll()
    and one recv(): a write with WriteMode::Now goes out with one send() when nothing is
    queued, and each read notification is one recv() into our buffer (no FIONREAD size
    query, no write-notifier switching per write, no posted events). TLS and unix domain
    sockets keep Qt's devices.

    The first bytes the server sends are checked before readyRead() announces them
    (FirstReplyCheck): Pyro4 and Pyro5 replies pass, and serverProtocol() says which the
    server spoke (the Proxy detects the protocol from it); another Pyro protocol version or a
    service that is not Pyro at all (HTTP, TLS-only, ...) fails the connection with
    ProtocolMismatch or NotPyro and a sentence that says so, and those bytes are dropped.
    readyRead() is held back only while too few bytes have come to tell.
*/
class Connection : public QObject
{
    Q_OBJECT
public:
    explicit Connection(QObject *parent = nullptr);
    ~Connection() override;

    //! Buffered: handed to the kernel on the next event-loop turn (or by flush()); Now:
    //! handed to the kernel before write() returns (failed() may then be emitted from it).
    enum class WriteMode { Buffered, Now };

    void connectTo(const PyroUri &uri, const ProxySettings &settings);
    bool isOpen() const { return m_open; }
    qint64 write(const QByteArray &bytes, WriteMode mode = WriteMode::Buffered);
    //! Hands what write() buffered to the kernel now instead of on the next event-loop turn.
    void flush();
    //! Bytes written but not yet handed to the kernel.
    qint64 bytesToWrite() const;
    QByteArray readAll();
    //! Closes at once; no signal follows.
    void abort();
    //! "127.0.0.1:4567" or the socket path, for messages.
    QString peer() const { return m_peer; }
    //! The protocol of the server's first reply, once it has come (nullopt before).
    std::optional<ProtocolVersion> serverProtocol() const { return m_serverProtocol; }

Q_SIGNALS:
    void connected();
    void readyRead();
    void failed(const Pyro::Error &error);

private:
    void onDeviceReadyRead();
    void onDeviceClosed(const Error &error);
    //! False while the first reply cannot be judged yet or after it failed the connection.
    bool checkFirstReply(bool atEnd);
    void fail(const Error &error);
    void setupTls(QSslSocket *socket, const ProxySettings &settings);

    // Plain TCP on our own descriptor (m_fd >= 0 once connected).
    void takeOver(QTcpSocket *socket);
    void onRawReadable();
    void onRawWritable();
    //! Sends what it can of [data, data + size) now and queues the rest; false after a failure.
    bool sendRaw(const char *data, qsizetype size);
    void failRaw(int errorNumber, bool sending);
    void closeRaw();

    QPointer<QIODevice> m_device;
    QString m_peer;
    bool m_open = false;
    bool m_failed = false;
    bool m_replyChecked = false; // the first reply was seen to be Pyro
    std::optional<ProtocolVersion> m_serverProtocol;
    Error m_tlsSetupError;

    int m_fd = -1;
    QSocketNotifier *m_readNotifier = nullptr;
    QSocketNotifier *m_writeNotifier = nullptr;
    QByteArray m_inbox; // received, not yet taken by readAll()
    QByteArray m_outbox; // written, not yet accepted by the kernel
};

} // namespace Pyro
