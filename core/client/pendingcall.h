#pragma once

#include "client/pendingoperation.h"

#include <QByteArray>
#include <QMap>
#include <QPointer>

class QTimer;

namespace Pyro {

class PendingStream;
class Proxy;

/*!
    One asynchronous remote operation (call, oneway call, attribute get/set, batch, bind),
    returned by Proxy. It emits errorOccurred() (on failure) and then finished() exactly once,
    always from the event loop (never from inside the Proxy method that created it), so
    connecting right after the call is safe.

    Ownership: the object belongs to its Proxy (without being its QObject child, see
    Proxy::newCall()) and lives in the Proxy's thread. After
    finished() it is deleted once control has gone back to the event loop, as with
    deleteLater() (a call finished by its reply goes at the start of the proxy's next reply,
    or within a fraction of a second when none comes), unless setAutoDelete(false) was
    called; then the caller deletes it. Deleting the Proxy deletes its pending calls (they fail with
    Error::Code::Cancelled first).

    Thread: use it in the Proxy's thread. From other threads use Proxy::invoke(),
    Proxy::invokeOperation() or Proxy::invokeStream(), which return a QFuture; cancel() and
    setTimeout() from another thread are queued into the operation's thread.

    The value/error/then/iferror/wait/future machinery is PendingOperation's, shared with
    Future (local callables), so code can handle remote and local operations alike.

    Streams: when the remote method returns an iterator or generator, the daemon streams it
    (Pyro4 item streaming). The call then finishes with isStream() true and a None result;
    takeStream() returns a PendingStream that delivers the items. A stream that nobody takes
    is closed on the server when this object is deleted.

    \code
    PendingCall *c = proxy->call(QStringLiteral("add"), {1, 2});
    connect(c, &PendingCall::finished, this, [c] {
        if (c->error())
            qWarning() << c->error();
        else
            qDebug() << c->result().repr();
    });
    \endcode
*/
class PendingCall : public PendingOperation
{
    Q_OBJECT
public:
    ~PendingCall() override;

    // result(): for a batch, the list of results of the calls that ran, in order; see Batch.
    // error(): RemoteException (with remoteClass() etc.) when the remote code raised;
    // Cancelled after cancel(); otherwise a connection, protocol, serialization, security or
    // usage error.

    //! Annotations of the reply (CORR, user keys such as XTRA); empty for oneway calls.
    QMap<QByteArray, QByteArray> responseAnnotations() const { return m_responseAnnotations; }
    //! The reply's correlation id, if any: 16 raw bytes (Pyro4: the CORR annotation; Pyro5: the header field).
    QByteArray correlationId() const { return m_responseCorrelationId; }
    //! Bytes of the request frame as written (header, annotations, payload), -1 before it
    //! was sent; and of the reply frame as read, -1 without one (oneway, failed, batch
    //! parts report the whole batch's frames).
    qint64 requestWireSize() const { return m_requestWireSize; }
    qint64 replyWireSize() const { return m_replyWireSize; }

    //! True when the remote call returned an iterator that the daemon streams.
    bool isStream() const { return !streamId().isEmpty(); }
    //! The stream's item fetcher, once; a child of the Proxy with the same ownership rule as
    //! this object. nullptr when !isStream() or when it was taken already.
    PendingStream *takeStream();

    //! Stops waiting: the call finishes now with Error::Code::Cancelled and a later reply
    //! is discarded. (The remote call is not interrupted; Pyro4 has no way to do that.)
    void cancel() override;

    /*!
        A timeout for this call alone, in seconds from now (0: none), like Pyro4's
        _pyroTimeout: if no reply has come by then, the call fails with Error::Code::Timeout
        ("receiving: timeout", Pyro4's TimeoutError) and the proxy drops the connection, so
        that later calls are not stuck behind the one that did not answer and its late reply
        cannot be taken for another's. Calls pipelined behind it on that connection fail with
        the same error (or are re-sent, see ProxySettings::maxRetries); the timed-out call is
        never re-sent. Before the connection is made, it is the connect timeout.
    */
    void setTimeout(double seconds);

    //! PendingOperation::then(), returning this PendingCall for chaining.
    template<typename F>
    PendingCall *then(F fn)
    {
        PendingOperation::then(std::move(fn));
        return this;
    }
    //! PendingOperation::iferror(), returning this PendingCall for chaining.
    PendingCall *iferror(std::function<void(const Error &)> fn)
    {
        PendingOperation::iferror(std::move(fn));
        return this;
    }

protected:
    explicit PendingCall(QObject *parent = nullptr);
    //! The daemon's stream id; from another thread empty until it is known (published once).
    QByteArray streamId() const;
    //! Sets the stream id, once, in this object's thread.
    void setStreamId(const QByteArray &id);
    void disposeWhenFinished() override;

private:
    friend class Batch;
    friend class Proxy;
    friend class PendingStream;

    QPointer<Proxy> m_proxy;
    quint64 m_serial = 0; // unique per Proxy, tells a live call from a reused address
    QMap<QByteArray, QByteArray> m_responseAnnotations;
    QByteArray m_responseCorrelationId;
    qint64 m_requestWireSize = -1;
    qint64 m_replyWireSize = -1;
    QByteArray m_streamId; // set when the reply was a stream marker (setStreamId)
    std::atomic<bool> m_streamIdKnown = false; // m_streamId published to other threads
    bool m_streamTaken = false;
    QTimer *m_timeoutTimer = nullptr;
};

} // namespace Pyro
