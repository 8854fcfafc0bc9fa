#pragma once

#include "client/proxysettings.h"
#include "protocol/pyrouri.h"
#include "support/error.h"

#include <QByteArray>
#include <QObject>
#include <QPointer>

#include <optional>

class QIODevice;
class QSslSocket;

namespace Pyro {

/*!
    Internal to the client layer: one byte stream to a daemon, over TCP (QTcpSocket), TLS
    (QSslSocket, Pyro4's SSL settings) or a unix domain socket (QLocalSocket), with the
    socket errors turned into Error values. Owned by its Proxy, same thread.

    failed() is emitted at most once per connectTo(); the connection is then dead (any
    bytes that arrived before are still readable with readAll()).

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

    void connectTo(const PyroUri &uri, const ProxySettings &settings);
    bool isOpen() const { return m_open; }
    qint64 write(const QByteArray &bytes);
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

    QPointer<QIODevice> m_device;
    QString m_peer;
    bool m_open = false;
    bool m_failed = false;
    bool m_replyChecked = false; // the first reply was seen to be Pyro
    std::optional<ProtocolVersion> m_serverProtocol;
    Error m_tlsSetupError;
};

} // namespace Pyro
