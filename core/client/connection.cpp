#include "client/connection.h"

#include "protocol/firstreplycheck.h"
#include "support/logging.h"

#include <QFile>
#include <QFileInfo>
#include <QLocalSocket>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSocketNotifier>
#include <QSslSocket>
#include <QTcpSocket>

#include <cerrno>
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

namespace Pyro {

namespace {

// One recv() per read notification reads up to this much; a full read is followed by
// another (more is likely waiting), a short one ends the turn.
constexpr qsizetype RecvChunk = 64 * 1024;
constexpr int MaxRecvsPerTurn = 16;

} // namespace

Connection::Connection(QObject *parent) : QObject(parent) { }

Connection::~Connection()
{
    abort();
}

void Connection::connectTo(const PyroUri &uri, const ProxySettings &settings)
{
    abort();
    m_failed = false;
    m_replyChecked = false;
    m_serverProtocol.reset();
    m_open = false;
    m_peer = uri.location();
    if (uri.isUnixSocket()) {
        auto *socket = new QLocalSocket(this);
        m_device = socket;
        connect(socket, &QLocalSocket::connected, this, [this] {
            m_open = true;
            emit connected();
        });
        connect(socket, &QLocalSocket::readyRead, this, &Connection::onDeviceReadyRead);
        connect(socket, &QLocalSocket::disconnected, this, [this] {
            onDeviceClosed(Error(Error::Code::ConnectionClosed, tr("connection to %1 closed by the peer").arg(m_peer)));
        });
        connect(socket, &QLocalSocket::errorOccurred, this, [this, socket](QLocalSocket::LocalSocketError e) {
            Error::Code code = Error::Code::ConnectionError;
            switch (e) {
            case QLocalSocket::ServerNotFoundError:
            case QLocalSocket::ConnectionRefusedError:
                code = Error::Code::ConnectionRefused;
                break;
            case QLocalSocket::PeerClosedError:
                code = Error::Code::ConnectionClosed;
                break;
            case QLocalSocket::SocketTimeoutError:
                code = Error::Code::Timeout;
                break;
            default:
                break;
            }
            onDeviceClosed(Error(code, tr("connection to %1 failed: %2").arg(m_peer, socket->errorString())));
        });
        socket->connectToServer(uri.socketPath());
        return;
    }

    QTcpSocket *socket = nullptr;
    if (settings.ssl) {
        auto *ssl = new QSslSocket(this);
        socket = ssl;
        setupTls(ssl, settings);
        connect(ssl, &QSslSocket::encrypted, this, [this] {
            m_open = true;
            emit connected();
        });
        connect(ssl, &QSslSocket::sslErrors, this, [this](const QList<QSslError> &errors) {
            QStringList texts;
            for (const QSslError &e : errors)
                texts << e.errorString();
            // Never ignored: the certificate must verify, as in Python's default context.
            fail(Error(Error::Code::TlsError, tr("TLS verification of %1 failed: %2").arg(m_peer, texts.join(QStringLiteral("; ")))));
        });
    } else {
        auto *tcp = new QTcpSocket(this);
        socket = tcp;
        connect(tcp, &QTcpSocket::connected, this, [this, tcp] {
            takeOver(tcp);
            m_open = true;
            emit connected();
        });
    }
    m_device = socket;
    socket->setSocketOption(QAbstractSocket::KeepAliveOption, 1); // Pyro4 sets SO_KEEPALIVE
    connect(socket, &QTcpSocket::readyRead, this, &Connection::onDeviceReadyRead);
    connect(socket, &QTcpSocket::disconnected, this, [this] {
        onDeviceClosed(Error(Error::Code::ConnectionClosed, tr("connection to %1 closed by the peer").arg(m_peer)));
    });
    connect(socket, &QTcpSocket::errorOccurred, this, [this, socket](QAbstractSocket::SocketError e) {
        Error::Code code = Error::Code::ConnectionError;
        switch (e) {
        case QAbstractSocket::ConnectionRefusedError:
            code = Error::Code::ConnectionRefused;
            break;
        case QAbstractSocket::RemoteHostClosedError:
            code = Error::Code::ConnectionClosed;
            break;
        case QAbstractSocket::HostNotFoundError:
            code = Error::Code::HostNotFound;
            break;
        case QAbstractSocket::SocketTimeoutError:
            code = Error::Code::Timeout;
            break;
        case QAbstractSocket::SslHandshakeFailedError:
        case QAbstractSocket::SslInternalError:
        case QAbstractSocket::SslInvalidUserDataError:
            code = Error::Code::TlsError;
            break;
        default:
            break;
        }
        onDeviceClosed(Error(code, tr("connection to %1 failed: %2").arg(m_peer, socket->errorString())));
    });
    if (m_tlsSetupError.isError()) {
        const Error e = m_tlsSetupError;
        m_tlsSetupError = Error();
        QMetaObject::invokeMethod(this, [this, e] { fail(e); }, Qt::QueuedConnection);
        return;
    }
    if (auto *ssl = qobject_cast<QSslSocket *>(socket))
        ssl->connectToHostEncrypted(uri.host(), quint16(uri.port()), uri.host());
    else
        socket->connectToHost(uri.host(), quint16(uri.port()));
}

static QByteArray readFile(const QString &path, Error *error)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = Error(Error::Code::TlsError, Connection::tr("cannot read %1: %2").arg(path, f.errorString()));
        return QByteArray();
    }
    return f.readAll();
}

void Connection::setupTls(QSslSocket *socket, const ProxySettings &settings)
{
    QSslConfiguration conf = QSslConfiguration::defaultConfiguration();
    conf.setPeerVerifyMode(QSslSocket::VerifyPeer);
    if (!settings.sslCaCerts.isEmpty()) {
        QList<QSslCertificate> certs;
        if (QFileInfo(settings.sslCaCerts).isDir())
            certs = QSslCertificate::fromPath(settings.sslCaCerts + QStringLiteral("/*"), QSsl::Pem,
                                              QSslCertificate::PatternSyntax::Wildcard);
        else
            certs = QSslCertificate::fromPath(settings.sslCaCerts, QSsl::Pem);
        if (certs.isEmpty()) {
            m_tlsSetupError = Error(Error::Code::TlsError, tr("no CA certificates in %1").arg(settings.sslCaCerts));
            return;
        }
        conf.setCaCertificates(certs);
    }
    if (!settings.sslClientCert.isEmpty()) {
        Error error;
        const QByteArray certPem = readFile(settings.sslClientCert, &error);
        const QList<QSslCertificate> certs = QSslCertificate::fromData(certPem, QSsl::Pem);
        if (error.isError() || certs.isEmpty()) {
            m_tlsSetupError = error.isError() ? error : Error(Error::Code::TlsError, tr("no certificate in %1").arg(settings.sslClientCert));
            return;
        }
        conf.setLocalCertificate(certs.first());
        // Python accepts the key inside the certificate file when no key file is given.
        const QString keyPath = settings.sslClientKey.isEmpty() ? settings.sslClientCert : settings.sslClientKey;
        const QByteArray keyPem = readFile(keyPath, &error);
        if (error.isError()) {
            m_tlsSetupError = error;
            return;
        }
        QSslKey key;
        for (QSsl::KeyAlgorithm alg : { QSsl::Rsa, QSsl::Ec, QSsl::Dsa, QSsl::Dh }) {
            key = QSslKey(keyPem, alg, QSsl::Pem, QSsl::PrivateKey, settings.sslClientKeyPassword);
            if (!key.isNull())
                break;
        }
        if (key.isNull()) {
            m_tlsSetupError = Error(Error::Code::TlsError, tr("cannot load the private key %1 (wrong password?)").arg(keyPath));
            return;
        }
        conf.setPrivateKey(key);
    }
    socket->setSslConfiguration(conf);
}

qint64 Connection::write(const QByteArray &bytes, WriteMode mode)
{
    if (m_failed)
        return -1;
    if (m_fd >= 0) {
        if (mode == WriteMode::Now && m_outbox.isEmpty())
            return sendRaw(bytes.constData(), bytes.size()) ? bytes.size() : -1;
        m_outbox.append(bytes);
        if (mode == WriteMode::Now)
            flush();
        else if (!m_writeNotifier->isEnabled())
            m_writeNotifier->setEnabled(true); // once per burst: sent when the loop turns
        return bytes.size();
    }
    if (!m_device)
        return -1;
    const qint64 written = m_device->write(bytes);
    if (mode == WriteMode::Now)
        flush();
    return written;
}

void Connection::flush()
{
    if (m_failed)
        return;
    if (m_fd >= 0) {
        if (!m_outbox.isEmpty()) {
            const QByteArray out = std::exchange(m_outbox, {});
            sendRaw(out.constData(), out.size());
        }
        return;
    }
    if (!m_device)
        return;
    if (auto *socket = qobject_cast<QAbstractSocket *>(m_device.data()))
        socket->flush();
    else if (auto *local = qobject_cast<QLocalSocket *>(m_device.data()))
        local->flush();
}

qint64 Connection::bytesToWrite() const
{
    if (m_fd >= 0)
        return m_outbox.size();
    return m_device ? m_device->bytesToWrite() : 0;
}

QByteArray Connection::readAll()
{
    if (m_fd >= 0 || !m_inbox.isEmpty())
        return std::exchange(m_inbox, {});
    return m_device ? m_device->readAll() : QByteArray();
}

void Connection::abort()
{
    m_open = false;
    closeRaw();
    m_inbox.clear();
    if (!m_device)
        return;
    QIODevice *device = m_device;
    m_device = nullptr;
    device->disconnect(this);
    if (auto *tcp = qobject_cast<QAbstractSocket *>(device))
        tcp->abort();
    else if (auto *local = qobject_cast<QLocalSocket *>(device))
        local->abort();
    device->deleteLater();
}

void Connection::takeOver(QTcpSocket *socket)
{
    // A second descriptor for the same connection: closing Qt's leaves ours open.
    const int fd = ::fcntl(int(socket->socketDescriptor()), F_DUPFD_CLOEXEC, 0);
    if (fd < 0) {
        qCDebug(lcPyroClient) << "cannot duplicate the socket descriptor; staying with QTcpSocket:" << qt_error_string(errno);
        return;
    }
    const int flags = ::fcntl(fd, F_GETFL);
    if (flags < 0 || ::fcntl(fd, F_SETFL, flags | O_NONBLOCK) < 0) {
        ::close(fd);
        return;
    }
    m_device = nullptr;
    socket->disconnect(this);
    socket->abort(); // closes Qt's descriptor and its notifiers
    socket->deleteLater();
    m_fd = fd;
    m_readNotifier = new QSocketNotifier(qintptr(fd), QSocketNotifier::Read, this);
    connect(m_readNotifier, &QSocketNotifier::activated, this, &Connection::onRawReadable);
    m_writeNotifier = new QSocketNotifier(qintptr(fd), QSocketNotifier::Write, this);
    m_writeNotifier->setEnabled(false);
    connect(m_writeNotifier, &QSocketNotifier::activated, this, &Connection::onRawWritable);
}

void Connection::closeRaw()
{
    if (m_fd < 0)
        return;
    // Notifiers go before their descriptor is closed.
    delete m_readNotifier;
    m_readNotifier = nullptr;
    delete m_writeNotifier;
    m_writeNotifier = nullptr;
    ::close(m_fd);
    m_fd = -1;
    m_outbox.clear();
}

bool Connection::sendRaw(const char *data, qsizetype size)
{
    qsizetype sent = 0;
    while (sent < size) {
        const ssize_t n = ::send(m_fd, data + sent, size_t(size - sent), MSG_NOSIGNAL);
        if (n >= 0) {
            sent += n;
            continue;
        }
        if (errno == EINTR)
            continue;
        if (errno == EAGAIN || errno == EWOULDBLOCK)
            break;
        failRaw(errno, true);
        return false;
    }
    if (sent < size) {
        // The kernel's buffer is full: the rest goes when the socket is writable again.
        m_outbox.prepend(QByteArrayView(data + sent, size - sent));
        m_writeNotifier->setEnabled(true);
    } else if (m_outbox.isEmpty() && m_writeNotifier->isEnabled()) {
        m_writeNotifier->setEnabled(false);
    }
    return true;
}

void Connection::onRawWritable()
{
    if (m_outbox.isEmpty()) {
        m_writeNotifier->setEnabled(false);
        return;
    }
    flush();
}

void Connection::onRawReadable()
{
    if (m_fd < 0 || m_failed)
        return;
    for (int i = 0; i < MaxRecvsPerTurn; ++i) {
        const qsizetype old = m_inbox.size();
        m_inbox.resize(old + RecvChunk);
        ssize_t n;
        do {
            n = ::recv(m_fd, m_inbox.data() + old, size_t(RecvChunk), 0);
        } while (n < 0 && errno == EINTR);
        const int error = errno;
        m_inbox.resize(old + std::max<ssize_t>(n, 0));
        if (n > 0 && n == RecvChunk)
            continue; // a full read: more is likely waiting
        if (n == 0) {
            onDeviceClosed(Error(Error::Code::ConnectionClosed, tr("connection to %1 closed by the peer").arg(m_peer)));
            return;
        }
        if (n < 0 && error != EAGAIN && error != EWOULDBLOCK) {
            failRaw(error, false);
            return;
        }
        break;
    }
    if (!m_inbox.isEmpty() && checkFirstReply(false))
        emit readyRead();
}

void Connection::failRaw(int errorNumber, bool sending)
{
    Error error;
    if (errorNumber == ECONNRESET || errorNumber == EPIPE)
        error = Error(Error::Code::ConnectionClosed, tr("connection to %1 closed by the peer").arg(m_peer));
    else
        error = Error(Error::Code::ConnectionError, tr("connection to %1 failed: %2").arg(m_peer, qt_error_string(errorNumber)));
    if (sending) {
        // Sending fails inside write() or flush(), where the caller does not expect the
        // connection to die under it: say so from the event loop (bytes that came before
        // are still read first).
        QMetaObject::invokeMethod(this, [this, error] { onDeviceClosed(error); }, Qt::QueuedConnection);
        return;
    }
    onDeviceClosed(error);
}

void Connection::onDeviceReadyRead()
{
    if (checkFirstReply(false))
        emit readyRead();
}

void Connection::onDeviceClosed(const Error &error)
{
    // A server that is not Pyro often answers and hangs up at once (HTTP's 400): say what it
    // answered rather than that it closed.
    checkFirstReply(true);
    fail(error);
}

bool Connection::checkFirstReply(bool atEnd)
{
    if (m_replyChecked)
        return true;
    if (m_failed)
        return false;
    if (!m_device && m_inbox.isEmpty())
        return false;
    const QByteArray head = m_device ? m_device->peek(FirstReplyCheck::HeadSize)
                                     : m_inbox.first(std::min<qsizetype>(m_inbox.size(), FirstReplyCheck::HeadSize));
    const FirstReplyCheck::Verdict verdict = FirstReplyCheck::examine(head, m_peer, atEnd);
    switch (verdict.kind) {
    case FirstReplyCheck::NeedMore:
        return false;
    case FirstReplyCheck::Pyro:
        m_replyChecked = true;
        m_serverProtocol = verdict.protocol;
        return true;
    case FirstReplyCheck::Foreign:
        break;
    }
    // not Pyro: a frame reader would only turn it into a vaguer error
    if (m_device)
        m_device->readAll();
    m_inbox.clear();
    fail(verdict.error);
    return false;
}

void Connection::fail(const Error &error)
{
    if (m_failed)
        return;
    m_failed = true;
    m_open = false;
    // A dead descriptor stays readable (EOF): no more notifications for it.
    if (m_readNotifier)
        m_readNotifier->setEnabled(false);
    if (m_writeNotifier)
        m_writeNotifier->setEnabled(false);
    qCDebug(lcPyroClient) << "connection failed:" << error;
    emit failed(error);
}

} // namespace Pyro
