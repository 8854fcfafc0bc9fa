#pragma once

#include "protocol/protocolversion.h"
#include "support/result.h"
#include "value/value.h"

#include <QByteArray>
#include <QMap>
#include <QString>

#include <atomic>

namespace Pyro {

/*!
    Per-call information the Daemon makes available to the code it runs, like Pyro4's
    \c current_context: valid inside a handler or Q_INVOKABLE called by the daemon, on the
    thread that runs it. Outside a call, current() returns an empty context.
    \code
    if (CallContext::current().isStopping())
        return PythonError::builtin(QStringLiteral("RuntimeError"), QStringLiteral("shutting down"));
    \endcode
*/
class CallContext
{
public:
    //! The 16 raw bytes of the request's correlation id (48: its CORR annotation; 502: the
    //! header field), or a generated uuid.
    QByteArray correlationId;
    //! All annotations the request carried (CORR, user keys, ...), HMAC excluded.
    QMap<QByteArray, QByteArray> annotations;
    //! "host:port" of the client, or the socket path.
    QString client;
    quint16 seq = 0;
    //! The serializer id as on the wire of \c protocol.
    quint16 serializerId = 0;
    //! The protocol the caller speaks (Pyro4's 48 or Pyro5's 502): code that builds values
    //! with Pyro class names (URIs, errors) or follows an API that changed between the two
    //! (the name server, get_metadata) asks here.
    ProtocolVersion protocol = ProtocolVersion::Pyro4;
    //! Daemon-internal id of the connection the request came on (0 when none).
    quint64 connectionId = 0;
    //! Set when the daemon shuts down; long-running code should check isStopping() and return.
    const std::atomic_bool *stopping = nullptr;

    bool isStopping() const { return stopping && stopping->load(); }

    /*!
        A request flagged KEEPSERIALIZED (Python's \c SerializedBlob passed as the only
        argument): the daemon took object id and method from its \c BLBI annotation and did
        not decode the payload. The method is called with one argument, the blob's \c info;
        \c serializedPayload is the call payload exactly as serialized by the sender
        (decompressed), in the serializer \c serializerId names, to forward unchanged or to
        decode with deserializeBlob(). See docs/pyro5-protocol.md, "Kept-serialized calls".
    */
    bool keepSerialized = false;
    QByteArray serializedPayload;
    Value blobInfo;
    //! What Python's \c SerializedBlob.deserialized() gives: the sender's blob data (the
    //! vargs of the kept call envelope). An error when there is no kept payload or it does not
    //! decode.
    Result<Value> deserializeBlob() const;

    static const CallContext &current();
    //! Installs \a context for the current thread until the returned scope ends (daemon use).
    class Scope
    {
    public:
        explicit Scope(const CallContext &context);
        ~Scope();
        Scope(const Scope &) = delete;
        Scope &operator=(const Scope &) = delete;

    private:
        const CallContext *m_previous;
    };
};

} // namespace Pyro
