#pragma once

#include "support/error.h"
#include "support/result.h"
#include "value/value.h"

#include <QException>
#include <QFuture>
#include <QList>
#include <QObject>
#include <QPromise>

#include <atomic>
#include <functional>
#include <memory>
#include <type_traits>

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
    loop of its thread. then()/iferror() are Pyro4's FutureResult.then/iferror: continuations
    form a chain that passes values (see then()); future() is the QFuture view for
    QFuture::then() chains; waitForFinished()/wait()/blockingValue() are blocking helpers for
    pyroctl, scripts and tests only.

    \code
    call->then([](const Value &v) { return Value(v.toInt64() * 2); })   // 21 -> 42
        ->then([](const Value &v) { qDebug() << v.repr(); })          // prints 42, passes it on
        ->iferror([](const Error &e) { qWarning() << e; });            // the call's or a step's error
    \endcode

    Ownership: deleteLater()'d after finished() unless setAutoDelete(false) was called; the
    subclasses say who the parent is.

    Thread: the thread the object lives in. From another thread, isFinished()/ready() are
    safe, and result()/value()/error()/hasError() give what finished() was emitted with once
    it was (before that they warn and answer None / a UsageError instead of racing; a then()
    step added after finished() changes the value again in the object's thread, so do not add
    one while other threads read it). then(), iferror()
    and future() from another thread are refused loudly: a warning naming the method, nothing
    registered, and the operation finishes (once, in its own thread) with a UsageError naming
    it if it had not finished yet. Use Proxy::invoke()/invokeOperation()/invokeStream() for
    QFutures made in the right thread.
*/
class PendingOperation : public QObject
{
    Q_OBJECT
public:
    ~PendingOperation() override;

    bool isFinished() const { return inOwnThread() ? m_finished : m_published.load(std::memory_order_acquire); }
    //! Pyro4 FutureResult.ready
    bool ready() const { return isFinished(); }
    //! The value (None until finished or on error): the operation's own result, or the value
    //! the last then() continuation returned.
    Value result() const { return inOwnThread() || readableElsewhere("result") ? m_result : Value(); }
    //! result(), without blocking (see blockingValue() for Pyro4's blocking FutureResult.value).
    Value value() const { return result(); }
    /*!
        Pyro4's FutureResult.value: waits (running a local event loop, as waitForFinished())
        until the operation and its then() chain are done, then returns the value, or throws
        PyroException with the error (the remote exception, or a continuation's error), as
        Pyro4 raises it. \a timeoutMs (-1: no limit) ends the wait with a PyroException of
        Error::Code::Timeout; the operation itself goes on. For pyroctl, scripts and tests only:
        never in GUI code.
    */
    Value blockingValue(int timeoutMs = -1);
    //! NoError on success; Cancelled after cancel().
    Error error() const { return inOwnThread() || readableElsewhere("error") ? m_error : foreignReadError("error"); }
    bool hasError() const { return error().isError(); }

    //! Stops waiting: finishes now with Error::Code::Cancelled; a later outcome is discarded.
    virtual void cancel();
    //! Blocking helper for pyroctl and tests: runs a local event loop until finished or
    //! \a timeoutMs (-1 = no limit). Returns isFinished(). Never call it in GUI code.
    bool waitForFinished(int timeoutMs = -1);
    //! Pyro4 FutureResult.wait(timeout): seconds, None (< 0) meaning forever. False when the
    //! time ran out before the operation finished.
    bool wait(double timeoutSeconds = -1) { return waitForFinished(timeoutSeconds < 0 ? -1 : int(timeoutSeconds * 1000)); }

    //! A then() step: gets the previous value, returns the next value or an error.
    using Continuation = std::function<Result<Value>(const Value &)>;
    /*!
        Pyro4 FutureResult.then: \a fn gets the current value when the operation succeeded;
        what it returns becomes the value the next then() gets (and result(), value(),
        blockingValue() and future() give). \a fn may return a Value (or anything a Value is
        made from), a Result<Value> (an error stops the chain), or nothing (the value passes
        on unchanged). A PyroException it throws is its error; another std::exception is
        Error::Code::UsageError. A step's error ends the chain: the operation then fails with
        it (errorOccurred(), iferror handlers, a failed future()). Registered before the end,
        the steps run before finished(); registered after it, from the event loop. Returns
        this for chaining.
    */
    template<typename F>
    PendingOperation *then(F fn)
    {
        return addThen(makeContinuation(std::move(fn)));
    }
    //! Pyro4 FutureResult.iferror: \a fn(error) runs when the operation or one of its then()
    //! steps fails (at once, from the event loop, if that happened already).
    PendingOperation *iferror(std::function<void(const Error &)> fn);

    template<typename F>
    static Continuation makeContinuation(F fn)
    {
        using R = std::invoke_result_t<F &, const Value &>;
        if constexpr (std::is_void_v<R>) {
            return [fn = std::move(fn)](const Value &v) mutable -> Result<Value> {
                fn(v);
                return v;
            };
        } else if constexpr (std::is_same_v<std::decay_t<R>, Result<Value>>) {
            return Continuation(std::move(fn));
        } else {
            static_assert(std::is_convertible_v<R, Value>, "a then() step returns a Value, a Result<Value> or nothing");
            return [fn = std::move(fn)](const Value &v) mutable -> Result<Value> { return Value(fn(v)); };
        }
    }
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
    //! How an auto-deleted operation goes once finished() has been emitted and nobody waits
    //! for it: deleteLater() here; a PendingCall finished by a reply lets its Proxy delete it
    //! at the next reply instead (no posted event, and so no event-loop wake-up, per call).
    virtual void disposeWhenFinished() { deleteLater(); }

    //! True in the object's thread; otherwise false (a then()/iferror()/future() refused).
    bool inOwnThread() const;
    //! Called from a foreign thread by \a what: warns, fails the operation with a UsageError
    //! naming PendingOperation::what() (queued into its thread; nothing if finished), true.
    bool refuseForeignThread(const char *what) const;

    bool m_finished = false;
    //! Set (release) in the object's thread just before finished() is emitted, after the
    //! result, error and then() steps are final: what other threads may read.
    std::atomic<bool> m_published = false;
    bool m_autoDelete = true;
    int m_waiting = 0; // nested waitForFinished() loops; auto-delete waits for them
    bool m_deletePending = false;
    Value m_result;
    Error m_error;

private:
    //! From another thread: true once published; otherwise warns and returns false.
    bool readableElsewhere(const char *what) const;
    static Error foreignReadError(const char *what);
    PendingOperation *addThen(Continuation fn);
    static Result<Value> runStep(const Continuation &fn, const Value &value);
    void failStep(const Error &error); // a step after finished() failed
    void finishTail();

    // Made on the first future() call only: most calls are never awaited through a QFuture,
    // and a promise costs allocations and locks on every call.
    mutable std::shared_ptr<QPromise<Value>> m_promise;
    QList<Continuation> m_then;
    QList<std::function<void(const Error &)>> m_iferror;
};

} // namespace Pyro
