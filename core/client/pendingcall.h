#pragma once

#include "support/error.h"
#include "value/value.h"

#include <QByteArray>
#include <QException>
#include <QFuture>
#include <QMap>
#include <QObject>
#include <QPointer>
#include <QPromise>

#include <functional>
#include <memory>

namespace Pyro {

class PendingStream;
class Proxy;

/*!
    The exception a PendingCall::future() finishes with when the call failed; it carries the Error.
    \code
    proxy->call(u"add"_s, {1, 2})->future()
        .then(this, [](const Value &v) { show(v); })
        .onFailed(this, [](const PyroException &e) { report(e.error()); });
    \endcode
*/
class PyroException : public QException
{
public:
    explicit PyroException(const Error &error) : m_error(error) { }
    Error error() const { return m_error; }
    void raise() const override { throw *this; }
    PyroException *clone() const override { return new PyroException(*this); }
    const char *what() const noexcept override { return "Pyro::PyroException"; }

private:
    Error m_error;
};

/*!
    One asynchronous remote operation (call, oneway call, attribute get/set, batch, bind),
    returned by Proxy. It emits errorOccurred() (on failure) and then finished() exactly once,
    always from the event loop (never from inside the Proxy method that created it), so
    connecting right after the call is safe.

    Ownership: the object is a child of its Proxy and lives in the Proxy's thread. After
    finished() it deletes itself with deleteLater(), unless setAutoDelete(false) was called;
    then the caller deletes it. Deleting the Proxy deletes its pending calls (they fail with
    Error::Code::Cancelled first).

    Thread: use it in the Proxy's thread. From other threads use Proxy::invoke(), which
    returns a QFuture.

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
class PendingCall : public QObject
{
    Q_OBJECT
public:
    ~PendingCall() override;

    bool isFinished() const { return m_finished; }
    //! Pyro4 FutureResult.ready
    bool ready() const { return m_finished; }
    //! The return value (None until finished or on error). For a batch: the list of results
    //! of the calls that ran, in order; see Batch.
    Value result() const { return m_result; }
    //! NoError on success. RemoteException (with remoteClass() etc.) when the remote code
    //! raised; Cancelled after cancel(); otherwise a connection, protocol, serialization,
    //! security or usage error.
    Error error() const { return m_error; }
    bool hasError() const { return m_error.isError(); }

    //! Annotations of the reply (CORR, user keys such as XTRA); empty for oneway calls.
    QMap<QByteArray, QByteArray> responseAnnotations() const { return m_responseAnnotations; }
    //! The 16 raw bytes of the CORR annotation of the reply, if any.
    QByteArray correlationId() const { return m_responseAnnotations.value(QByteArrayLiteral("CORR")); }

    //! True when the remote call returned an iterator that the daemon streams.
    bool isStream() const { return !m_streamId.isEmpty(); }
    //! The stream's item fetcher, once; a child of the Proxy with the same ownership rule as
    //! this object. nullptr when !isStream() or when it was taken already.
    PendingStream *takeStream();

    //! Stops waiting: the call finishes now with Error::Code::Cancelled and a later reply
    //! is discarded. (The remote call is not interrupted; Pyro4 has no way to do that.)
    virtual void cancel();
    //! Blocking helper for pyroctl and tests: runs a local event loop until finished or
    //! \a timeoutMs (-1 = no limit). Returns isFinished(). Never call it in GUI code.
    bool waitForFinished(int timeoutMs = -1);
    //! Pyro4 FutureResult.wait(timeout): seconds, None (< 0) meaning forever.
    bool wait(double timeoutSeconds = -1) { return waitForFinished(timeoutSeconds < 0 ? -1 : int(timeoutSeconds * 1000)); }

    //! Pyro4 FutureResult.then: \a fn(result) runs when the call succeeds (at once, from the
    //! event loop, if it already has). Returns this for chaining.
    PendingCall *then(std::function<void(const Value &)> fn);
    //! Pyro4 FutureResult.iferror: \a fn(error) runs when the call fails.
    PendingCall *iferror(std::function<void(const Error &)> fn);
    //! A future of the result; failures arrive as PyroException. Valid after this object is gone.
    QFuture<Value> future() const { return m_future; }

    void setAutoDelete(bool autoDelete) { m_autoDelete = autoDelete; }
    bool autoDelete() const { return m_autoDelete; }

Q_SIGNALS:
    //! Emitted before finished() when the call fails.
    void errorOccurred(const Pyro::Error &error);
    //! Emitted exactly once.
    void finished();

protected:
    explicit PendingCall(QObject *parent = nullptr);
    // Proxy's side
    void finishWithResult(const Value &result);
    void finishWithError(const Error &error);

private:
    friend class Batch;
    friend class Proxy;
    friend class PendingStream;

    QPointer<Proxy> m_proxy;
    bool m_finished = false;
    bool m_autoDelete = true;
    int m_waiting = 0; // nested waitForFinished() loops; auto-delete waits for them
    bool m_deletePending = false;
    Value m_result;
    Error m_error;
    QMap<QByteArray, QByteArray> m_responseAnnotations;
    QByteArray m_streamId; // set when the reply was a stream marker
    bool m_streamTaken = false;
    std::shared_ptr<QPromise<Value>> m_promise;
    QFuture<Value> m_future;
    QList<std::function<void(const Value &)>> m_then;
    QList<std::function<void(const Error &)>> m_iferror;
};

} // namespace Pyro
