#pragma once

#include "protocol/message.h"
#include "serializers/serializer.h"
#include "server/callresult.h"

#include <QByteArray>
#include <QString>

#include <functional>
#include <memory>

namespace Pyro {

class Daemon;
class ExposedObject;

/*!
    What a Daemon does with one request (internal): the handshake, an invocation (call,
    oneway, batch, attribute, stream start), a ping, or a refusal, each turned into the reply
    bytes. Runs on the connection threads, concurrently; it only reads the daemon's settings
    and objects (both locked) and the stream registry (thread-safe).

    Every name a client reaches goes through checkAccess(), once: methods, batch entries and
    attributes alike. The wire facts of the protocol (framing, first-message checks, class
    names) are kept in this class only, so that a connection knows nothing about them.
*/
class RequestProcessor
{
public:
    struct RequestInfo
    {
        quint64 connectionId = 0;
        QString peer;
    };
    struct Outcome
    {
        QByteArray bytes; // reply to write (may be empty)
        bool close = false; // close the connection after writing
        bool handshakeDone = false;
        //! A oneway call to run off the connection; the connection queues it on the
        //! OnewayExecutor together with the oneway calls next to it.
        std::function<void()> oneway;
    };
    enum class FirstMessage { NeedMore, Accept, Refuse };
    enum class Member { Method, Attribute };

    explicit RequestProcessor(Daemon *daemon) : m_daemon(daemon) { }

    /*!
        Checks the bytes of a connection's first message before the frame reader sees them,
        because Pyro answers each fault of the first message with a specific CONNECTFAIL
        reason (docs/pyro4-protocol.md 2.3). Its first six bytes decide the protocol of the
        whole connection (\a protocol, set on Accept): 502 is Pyro5, anything else is
        checked as Pyro4's 48. On Refuse, \a reply holds the CONNECTFAIL, in the protocol
        the client spoke; \a overLimit refuses the handshake because the daemon has too
        many connections.
    */
    FirstMessage checkFirstMessage(const QByteArray &bytes, bool overLimit, QByteArray *reply, ProtocolVersion *protocol) const;
    Outcome handshake(const Message &request, const RequestInfo &info) const;
    Outcome invoke(const Message &request, const RequestInfo &info) const;
    //! The answer to a PING after the handshake.
    QByteArray pong(const Message &ping) const;
    //! A CONNECTFAIL with \a reason in \a protocol, in the client's serializer (its wire id
    //! \a serializerId) when possible, marshal otherwise (also when \a serializerId is 0).
    QByteArray connectFail(const QString &reason, quint16 seq, quint16 serializerId, ProtocolVersion protocol) const;
    //! The exception dict \a error becomes for a client of \a protocol: Pyro errors named
    //! in that protocol's module (Pyro4.errors / Pyro5.errors).
    static Value exceptionValue(const Error &error, ProtocolVersion protocol);

    //! The one access check: private names and, for methods, names the object does not expose.
    static Error checkAccess(const ExposedObject &target, const QString &name, Member kind);

private:
    FirstMessage checkFirstPyro5Message(const QByteArray &bytes, bool overLimit, QByteArray *reply) const;
    //! The serializer the request's wire id names in its protocol, when this daemon accepts it.
    const Serializer *serializerOf(const Message &request, bool *accepted = nullptr) const;
    //! A reply to \a request: same protocol, seq and serializer id; \a corr as the protocol
    //! carries a correlation id (502: always; 48: the CORR annotation when not empty).
    static Message replyTo(const Message &request, MessageType type, MessageFlags flags, const QByteArray &corr);
    QByteArray write(const Message &message) const;
    QByteArray encodeReply(const Message &request, const Value &payload, MessageFlags flags, const QByteArray &corr,
                           bool *close) const;
    QByteArray exceptionReply(const Message &request, const Error &error, const QByteArray &corr, bool *closeAfter = nullptr) const;
    //! Logs and emits (queued, in the daemon's thread) an error raised by a callback method.
    void reportCallbackError(const QString &objectId, const QString &method, const Error &error, const QString &peer,
                             bool oneway) const;

    Daemon *m_daemon;
};

} // namespace Pyro
