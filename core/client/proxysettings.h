#pragma once

#include "serializers/serializer.h"
#include "value/value.h"

#include <QByteArray>
#include <QProcessEnvironment>
#include <QString>

namespace Pyro {

/*!
    How a Proxy talks to its object: a plain value, copied into each Proxy (changing it later
    with Proxy::setSettings() affects the next call or, for connection-level items such as TLS,
    the next connection). The defaults are Pyro4 4.82's defaults; fromEnvironment() applies
    the PYRO_* environment variables on top, as Pyro4's configuration does.

    \code
    ProxySettings s = ProxySettings::fromEnvironment();
    s.serializer = SerializerId::Json;
    s.timeout = 5.0;
    auto *proxy = new Proxy(uri, s, this);
    \endcode
*/
struct ProxySettings
{
    //! Which wire protocol a Proxy speaks (docs/pyro5-protocol.md).
    enum class Protocol {
        Auto, //!< detect per endpoint: try the remembered one (else Pyro4), switch once on a mismatch reply
        Pyro4, //!< protocol 48 only; a Pyro5 server is a ProtocolMismatch error
        Pyro5, //!< protocol 502 only; a Pyro4 server is a ProtocolMismatch error
    };
    Protocol protocol = Protocol::Auto;
    //! Wire format of requests (Pyro4 SERIALIZER). Pickle is refused unless allowPickle,
    //! and always against Pyro5, which has no pickle.
    SerializerId serializer = SerializerId::Serpent;
    //! Seconds for connect and for each reply (Pyro4 COMMTIMEOUT); 0 means wait forever.
    //! On expiry the call fails with Error::Code::Timeout and the connection is closed, like Pyro4.
    double timeout = 0.0;
    /*!
        Re-send a call on a fresh connection up to this many times when it failed with
        ConnectionClosed or Timeout before its reply came (Pyro4 MAX_RETRIES; the call may then
        run twice remotely). As in Pyro4 only plain method calls (call(), invoke()) are
        re-sent: batches, attribute reads and writes, stream starts and stream items fail with
        the error instead, unless retryAll is set.
    */
    int maxRetries = 0;
    //! maxRetries also re-sends batches, attribute reads and writes and stream starts (not
    //! Pyro4's behaviour: such an operation may then run twice remotely).
    bool retryAll = false;
    //! HMAC key (Pyro4 _pyroHmacKey); empty means no HMAC. Pyro5 has no HMAC: a key against
    //! a Pyro5 endpoint is an error (SecurityError naming Pyro5).
    QByteArray hmacKey;
    //! zlib-compress requests of at least 200 bytes when it pays (Pyro4 COMPRESSION).
    bool compression = false;
    //! Ask for metadata in the handshake and check names locally (Pyro4 METADATA).
    bool metadata = true;
    //! The "handshake" value sent in CONNECT (Pyro4 _pyroHandshake).
    Value handshake = Value(QStringLiteral("hello"));
    //! Pickle can run arbitrary code in a Python peer; it is refused unless set.
    bool allowPickle = false;
    //! Largest accepted reply (data + annotations); larger replies drop the connection.
    qint64 maxMessageSize = qint64(256) * 1024 * 1024;
    /*!
        How many get_next_stream_item requests a PendingStream keeps in flight (>= 1). 1, the
        default, is Pyro4's behaviour: each item is requested after the previous one arrived,
        so the remote generator advances only as far as the items consumed. More pipelines the
        requests (faster over a slow link) but runs a generator with side effects up to that
        many steps ahead of the consumer. PendingStream::setPrefetch() sets it per stream.
    */
    int streamWindow = 1;

    // TLS (Pyro4 SSL, SSL_CACERTS, SSL_CLIENTCERT, SSL_CLIENTKEY, SSL_CLIENTKEYPASSWD).
    // The server certificate must chain to sslCaCerts (or the system store when empty) and
    // match the URI host (an IP address needs an IP SAN), as Python's default context checks.
    bool ssl = false;
    QString sslCaCerts; //!< PEM file (or directory) of trusted CA certificates
    QString sslClientCert; //!< PEM client certificate for two-way TLS
    QString sslClientKey; //!< PEM private key of sslClientCert
    QByteArray sslClientKeyPassword;

    //! Pyro4 defaults with the PYRO_* variables of \a env applied: PYRO_SERIALIZER,
    //! PYRO_COMMTIMEOUT, PYRO_MAX_RETRIES, PYRO_HMAC_KEY, PYRO_COMPRESSION, PYRO_METADATA,
    //! PYRO_MAX_MESSAGE_SIZE, PYRO_SSL, PYRO_SSL_CACERTS, PYRO_SSL_CLIENTCERT,
    //! PYRO_SSL_CLIENTKEY, PYRO_SSL_CLIENTKEYPASSWD. Unparsable values are ignored.
    static ProxySettings fromEnvironment(const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment());
};

} // namespace Pyro
