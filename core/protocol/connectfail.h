#pragma once

#include "protocol/message.h"
#include "support/error.h"

#include <QString>

#include <optional>

namespace Pyro {

/*!
    The reason text of a CONNECTFAIL message (doc 2.3, interop trap 1). The reason is a
    serialized str in the serializer id the message carries, which is marshal (3 in 48, 2 in
    502: the id is read in Message::protocol's numbering) whenever the daemon refused before
    accepting the client's serializer, whatever the client spoke.

    Marshal strings are decoded here (the str codes u t a A z Z, with or without FLAG_REF),
    so no marshal serializer is needed; other ids go through Serializer::byId(), with a
    fallback for a plain quoted serpent or json string. Never fails: an undecodable payload
    comes back as its bytes, UTF-8 decoded (lossy), so the user still sees something.
    \code
    if (msg.type == MessageType::ConnectFail)
        return Error(Error::Code::HandshakeRejected, connectFailReason(msg));
    \endcode
*/
QString connectFailReason(const Message &msg);

/*!
    The serializer a CONNECTFAIL reason refuses, as Pyro4 4.82 (and our daemon) word it:
    "message used serializer that is not accepted: 1" gives "serpent" (Pyro4's name for the
    id; "number 9" for an id Pyro4 does not know). Empty for any other reason. Pyro4 names only
    the refused id, never the accepted ones.
*/
QString refusedSerializerName(const QString &reason);

/*!
    The Error for a CONNECTFAIL from the daemon at \a peer with the decoded \a reason
    (connectFailReason()): SecurityError when the reason is about the HMAC key,
    UnsupportedSerializer with a sentence that names the refused serializer when the reason is
    refusedSerializerName()'s, otherwise HandshakeRejected. detail() is always the reason exactly
    as the daemon sent it.
    \code
    if (msg.type == MessageType::ConnectFail)
        return connectFailError(connectFailReason(msg), peer);
    \endcode
*/
Error connectFailError(const QString &reason, const QString &peer);

/*!
    \a text as a marshal (version 4) str, the way a daemon must encode a CONNECTFAIL reason
    before it has accepted the client's serializer: short ASCII ('z'), ASCII ('a') or UTF-8
    ('u'), never with FLAG_REF (Python reads that fine).
*/
QByteArray encodeMarshalString(const QString &text);

//! Decodes one marshal (version 4) str object that fills all of \a data; nullopt otherwise.
std::optional<QString> decodeMarshalString(QByteArrayView data);

} // namespace Pyro
