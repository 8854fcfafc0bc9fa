#pragma once

#include "protocol/protocolversion.h"
#include "support/error.h"

#include <QByteArrayView>
#include <QCoreApplication>
#include <QString>

namespace Pyro {

/*!
    Tells from the first bytes a server sends on a new client connection whether it speaks a
    Pyro protocol this library knows, and which, so that pointing the client at the wrong kind
    of server gives a plain sentence instead of "invalid data or unsupported protocol version":
    \list
    \li "PYRO" and version 48 or 502: Pyro (Verdict::protocol says which). The proxy compares
        it with the version it sent: a Pyro5 server answers a Pyro4 CONNECT with a 502
        CONNECTFAIL, a Pyro4 server a Pyro5 CONNECT with a 48 one, and either tells the
        client to use the other protocol (docs/pyro5-protocol.md, "Handshake and detection").
    \li "PYRO" and any other version: another Pyro protocol version (ProtocolMismatch).
    \li anything else: not a Pyro server (NotPyro), quoting the first line it sent, e.g. an
        HTTP server's "HTTP/1.0 400 Bad request version", or naming TLS when the bytes are a
        TLS record (a TLS-only server seen without TLS).
    \endlist
    Only the client uses this: a daemon refuses a wrong first message with Pyro4's own
    CONNECTFAIL reasons (DaemonConnection), which a Python client expects word for word.
    \code
    const FirstReplyCheck::Verdict v = FirstReplyCheck::examine(socket->peek(FirstReplyCheck::HeadSize), peer, atEnd);
    if (v.kind == FirstReplyCheck::Foreign)
        fail(v.error);
    \endcode
*/
class FirstReplyCheck
{
    Q_DECLARE_TR_FUNCTIONS(FirstReplyCheck)
public:
    //! Bytes worth looking at: enough for a first line of text to quote.
    static constexpr qsizetype HeadSize = 128;
    //! The longest excerpt of a foreign answer quoted in the message.
    static constexpr qsizetype MaxExcerpt = 60;

    enum Kind {
        NeedMore, //!< too few bytes to tell (a prefix of "PYRO", or text without its line end yet)
        Pyro, //!< magic and version 48 or 502; protocol says which
        Foreign, //!< not a Pyro protocol this library speaks; error() says what it is
    };

    struct Verdict
    {
        Kind kind = NeedMore;
        ProtocolVersion protocol = ProtocolVersion::Pyro4; //!< when kind is Pyro
        Error error; //!< ProtocolMismatch or NotPyro when kind is Foreign
    };

    /*!
        Looks at \a head, the first bytes received (at most HeadSize are used). \a peer
        ("127.0.0.1:9090") goes into the message. With \a atEnd (the peer closed, no more
        bytes will come) a foreign answer is judged on what there is; otherwise a text answer
        is awaited up to its line end or MaxExcerpt bytes so that the quote is whole. A prefix
        of "PYRO" stays NeedMore even at the end: the caller's own "connection closed" fits.
    */
    static Verdict examine(QByteArrayView head, const QString &peer, bool atEnd);
};

} // namespace Pyro
