#pragma once

#include "support/error.h"
#include "value/value.h"

#include <QException>
#include <QFuture>
#include <QList>
#include <QObject>
#include <QPromise>

#include <functional>
#include <memory>

namespace Pyro {

/*!
    The exception a PendingOperation::future() finishes with when the operation failed; it
    carries the Error.
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
    The one mechanism behind every asynchronous operation that ends in a Value or an Error:
    remote calls (PendingCall, PendingStream, batches) and local callables (Future). Code
    that repeats or collects operations ("repeat N", batches, the UI's history) works on
    this type and does not care which kind it got.

    It emits errorOccurred() (on failure) and then finished() exactly once, from the event
    loop of its thread. then()/iferror() mirror Pyro4's FutureResult; future() is the QFuture
    view for QFuture::then() chains; waitForFinished()/wait() are blocking helpers for pyroctl
    and tests only.

    Ownership: deleteLater()'d after finished() unless setAutoDelete(false) was called; the
    subclasses say who the parent is. Thread: the thread the object lives in.
*/
class PendingOperation : public QObject
{
    Q_OBJECT
public:
    ~PendingOperation() override;

    bool isFinished() const { return m_finished; }
    //! Pyro4 FutureResult.ready
    bool ready() const { return m_finished; }
    //! The value (None until finished or on error).
    Value result() const { return m_result; }
    //! Pyro4 FutureResult.value, without the blocking: result().
    Value value() const { return m_result; }
    //! NoError on success; Cancelled after cancel().
    Error error() const { return m_error; }
    bool hasError() const { return m_error.isError(); }

    //! Stops waiting: finishes now with Error::Code::Cancelled; a later outcome is discarded.
    virtual void cancel();
    //! Blocking helper for pyroctl and tests: runs a local event loop until finished or
    //! \a timeoutMs (-1 = no limit). Returns isFinished(). Never call it in GUI code.
    bool waitForFinished(int timeoutMs = -1);
    //! Pyro4 FutureResult.wait(timeout): seconds, None (< 0) meaning forever.
    bool wait(double timeoutSeconds = -1) { return waitForFinished(timeoutSeconds < 0 ? -1 : int(timeoutSeconds * 1000)); }

    //! Pyro4 FutureResult.then: \a fn(result) runs when the operation succeeds (at once, from
    //! the event loop, if it already has). Returns this for chaining.
    PendingOperation *then(std::function<void(const Value &)> fn);
    //! Pyro4 FutureResult.iferror: \a fn(error) runs when the operation fails.
    PendingOperation *iferror(std::function<void(const Error &)> fn);
    //! A future of the result; failures arrive as PyroException. Valid after this object is gone.
    QFuture<Value> future() const;

    void setAutoDelete(bool autoDelete) { m_autoDelete = autoDelete; }
    bool autoDelete() const { return m_autoDelete; }

Q_SIGNALS:
    //! Emitted before finished() when the operation fails.
    void errorOccurred(const Pyro::Error &error);
    //! Emitted exactly once.
    void finished();

protected:
    explicit PendingOperation(QObject *parent = nullptr);
    void finishWithResult(const Value &result);
    void finishWithError(const Error &error);

    bool m_finished = false;
    bool m_autoDelete = true;
    int m_waiting = 0; // nested waitForFinished() loops; auto-delete waits for them
    bool m_deletePending = false;
    Value m_result;
    Error m_error;

private:
    void finishTail();

    // Made on the first future() call only: most calls are never awaited through a QFuture,
    // and a promise costs allocations and locks on every call.
    mutable std::shared_ptr<QPromise<Value>> m_promise;
    QList<std::function<void(const Value &)>> m_then;
    QList<std::function<void(const Error &)>> m_iferror;
};

} // namespace Pyro
