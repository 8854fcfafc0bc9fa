#include "client/connection.h"

#include "protocol/firstreplycheck.h"
#include "support/logging.h"

#include <QFile>
#include <QFileInfo>
#include <QLocalSocket>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslSocket>
#include <QTcpSocket>

namespace Pyro {

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
        socket = new QTcpSocket(this);
        connect(socket, &QTcpSocket::connected, this, [this] {
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

qint64 Connection::write(const QByteArray &bytes)
{
    if (!m_device || m_failed)
        return -1;
    return m_device->write(bytes);
}

void Connection::flush()
{
    if (!m_device || m_failed)
        return;
    if (auto *socket = qobject_cast<QAbstractSocket *>(m_device.data()))
        socket->flush();
    else if (auto *local = qobject_cast<QLocalSocket *>(m_device.data()))
        local->flush();
}

qint64 Connection::bytesToWrite() const
{
    return m_device ? m_device->bytesToWrite() : 0;
}

QByteArray Connection::readAll()
{
    return m_device ? m_device->readAll() : QByteArray();
}

void Connection::abort()
{
    m_open = false;
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
    if (!m_device || m_failed)
        return false;
    const FirstReplyCheck::Verdict verdict = FirstReplyCheck::examine(m_device->peek(FirstReplyCheck::HeadSize), m_peer, atEnd);
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
    m_device->readAll(); // not Pyro: a frame reader would only turn it into a vaguer error
    fail(verdict.error);
    return false;
}

void Connection::fail(const Error &error)
{
    if (m_failed)
        return;
    m_failed = true;
    m_open = false;
    qCDebug(lcPyroClient) << "connection failed:" << error;
    emit failed(error);
}

} // namespace Pyro
