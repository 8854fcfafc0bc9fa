#pragma once

#include "value/value.h"

#include <QDebug>
#include <QMetaType>
#include <QObject>
#include <QString>

namespace Pyro {

/*!
    What went wrong, as a small value: a code grouped by layer, a user sentence and, for
    remote exceptions, the class, args, attributes and traceback exactly as the server sent
    them. Detail (offsets, raw reasons) is kept apart from the sentence.
*/
class Error
{
    Q_GADGET
public:
    enum class Code {
        NoError = 0,

        // Connection layer: the peer could not be reached or went away.
        ConnectionRefused = 100,
        ConnectionClosed,
        HostNotFound,
        Timeout,
        TlsError,
        ConnectionError, // any other socket error

        // Protocol layer: framing, handshake and Pyro's own rules.
        ProtocolError = 200,
        MessageTooLarge,
        HandshakeRejected, // CONNECTFAIL; message() has the daemon's reason
        StreamingDisabled,
        ProtocolMismatch, // a Pyro server of another protocol version (Pyro5: 502); detail() has the first bytes
        NotPyro, // the peer answered, but not in Pyro (HTTP, SSH, TLS, ...); detail() has the first bytes

        // Serialization: a value could not be encoded or decoded.
        SerializeError = 300,
        UnsupportedSerializer, // the peer (or we) do not accept this serializer

        // Security: HMAC mismatch, pickle refused, private attribute.
        SecurityError = 400,

        // The remote code raised; remoteClass() etc. are set.
        RemoteException = 500,

        // Name server: unknown name, no name server found.
        NamingError = 600,

        // The caller's fault: bad URI, unknown method per metadata, bad argument text.
        UsageError = 700,
        InvalidUri,
        UnknownMember,
        Cancelled,
    };
    Q_ENUM(Code)

    //! The layer a code belongs to; pyroctl maps these to exit codes.
    enum class Category { None, Connection, Protocol, Serialization, Security, Remote, Naming, Usage };
    Q_ENUM(Category)

    Error() = default;
    Error(Code code, const QString &message, const QString &detail = QString())
        : m_code(code), m_message(message), m_detail(detail) { }

    //! A remote exception from an exception dict as Pyro4 sends it ({__class__, args, attributes}).
    //! Code RemoteException, except for Pyro4.errors and Pyro5.errors classes, which keep their layer
    //! (NamingError, ConnectionError, ConnectionClosed, Timeout, ProtocolError, MessageTooLarge,
    //! SecurityError, SerializeError); remoteClass() is always the class exactly as sent.
    static Error fromRemoteException(const Value &exceptionDict);

    bool isError() const { return m_code != Code::NoError; }
    explicit operator bool() const { return isError(); }
    Code code() const { return m_code; }
    Category category() const;
    //! One sentence for a user.
    QString message() const { return m_message; }
    //! Extra technical detail (reason text, offsets), possibly empty.
    QString detail() const { return m_detail; }
    //! Byte or character offset of a decode error in its input, -1 when not applicable.
    qsizetype offset() const { return m_offset; }
    void setOffset(qsizetype offset) { m_offset = offset; }
    void setDetail(const QString &detail) { m_detail = detail; }

    // Remote exceptions (and Pyro4 errors the server sent as exceptions)
    QString remoteClass() const { return m_remoteClass; } // e.g. "builtins.ValueError"
    //! remoteClass() as Python's traceback module prints it: builtins without their module
    //! ("ValueError"), every other class qualified ("Pyro4.errors.SerializeError").
    QString pythonClassName() const;
    Value remoteArgs() const { return m_remoteArgs; } // tuple or list
    Dict remoteAttributes() const { return m_remoteAttributes; } // without _pyroTraceback
    QString remoteTraceback() const { return m_remoteTraceback; } // joined text
    //! The exception dict to send back to a Pyro4 peer (daemon side).
    Value toExceptionDict() const;

    //! "CLASS: message" for remote errors, otherwise the message.
    QString toString() const;

    friend bool operator==(const Error &a, const Error &b)
    {
        return a.m_code == b.m_code && a.m_message == b.m_message && a.m_remoteClass == b.m_remoteClass;
    }

private:
    Code m_code = Code::NoError;
    QString m_message;
    QString m_detail;
    qsizetype m_offset = -1;
    QString m_remoteClass;
    Value m_remoteArgs;
    Dict m_remoteAttributes;
    QString m_remoteTraceback;
};

QDebug operator<<(QDebug dbg, const Error &error);

} // namespace Pyro

Q_DECLARE_METATYPE(Pyro::Error)
