#pragma once

#include "protocol/framereader.h"
#include "serializers/serializer.h"
#include "support/result.h"

#include <QByteArray>
#include <QList>
#include <QSslConfiguration>
#include <QString>

#include <functional>

namespace Pyro {

/*!
    How a Daemon behaves; the defaults are Pyro4 4.82's (doc 9) unless noted. Set them before
    listen(); changing them later affects new connections only.
*/
struct DaemonSettings
{
    //! HMAC key shared with the clients (empty: no HMAC). Every message then carries one.
    QByteArray hmacKey;
    //! Serializers accepted from clients; pickle is refused unless added here.
    QList<SerializerId> acceptedSerializers { SerializerId::Serpent, SerializerId::Json, SerializerId::Marshal };
    //! Compress replies (>= 200 bytes, when it pays), as COMPRESSION=True.
    bool compression = false;
    //! Largest message accepted or sent (annotations + payload). Pyro4's 0 means unlimited;
    //! a C++ daemon always keeps a bound, 256 MiB by default.
    qint64 maxMessageSize = FrameReader::DefaultMaxMessageSize;
    //! Simultaneous connections; more are refused with a CONNECTFAIL saying so. 0 = no limit.
    int maxConnections = 1000;
    //! Worker threads for oneway calls (each connection has a thread of its own for the
    //! others), so this is how many slow oneway calls can run at once.
    int workerThreads = 128;
    //! Stream generator results to clients (ITER_STREAMING).
    bool itemStreaming = true;
    //! Maximum age of a stream in seconds, counted from its creation; 0 = unlimited.
    double streamLifetime = 0.0;
    //! How long a stream survives its connection, resumable from another one; 0 = dropped.
    double streamLinger = 30.0;
    //! Address advertised in URIs instead of the bound one (NATHOST/NATPORT); empty/0 = none.
    QString natHost;
    quint16 natPort = 0;
    //! Idle connections are closed after this many seconds (COMMTIMEOUT); 0 = never.
    double idleTimeout = 0.0;

    //! TLS on the TCP listener: certificate, key and, to require client certificates, a CA
    //! list with peerVerifyMode VerifyPeer (SSL_REQUIRECLIENTCERT).
    bool tls = false;
    QSslConfiguration sslConfiguration;

    /*!
        Checks the client's handshake data (Daemon.validateHandshake in Pyro4). Returns the
        value sent back in CONNECTOK, or an Error whose message becomes the CONNECTFAIL reason.
        Default: answers "hello".
    */
    std::function<Result<Value>(const Value &handshake)> handshakeValidator;
};

} // namespace Pyro
