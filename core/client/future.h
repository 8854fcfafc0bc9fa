#pragma once

#include "client/pendingoperation.h"
#include "support/result.h"

#include <QFutureWatcher>
#include <QPointer>

#include <functional>
#include <memory>

class QThreadPool;
class QTimer;

namespace Pyro {

/*!
    Pyro4's Pyro4.futures.Future: runs any callable asynchronously and delivers its value
    through the same then / iferror / wait / ready / value / future() API as PendingCall,
    because both are a PendingOperation. Code that repeats operations or collects them
    (batches, "repeat N", the invocation history) can thus treat a remote call and a local
    callable alike.

    The callable returns a Result<Value> (or a Value, converted). A PyroException it throws
    becomes its Error; any other std::exception becomes Error::Code::UsageError with what().
    Pyro4's delay() and cancel() exist too: delay() postpones the start, cancel() succeeds
    (returns true) only before the callable started; a cancelled future finishes with
    Error::Code::Cancelled.

    Where it runs: Mode::ThreadPool (the default) runs the callable with QtConcurrent on
    threadPool() (QThreadPool::globalInstance() unless set), so it must not touch objects of
    other threads without locking (and must not use a Proxy: use Proxy::invoke() there).
    Mode::EventLoop runs it in this object's thread from the event loop, for callables that
    use QObjects of that thread. Either way then/iferror handlers and the signals run in this
    object's thread.

    Ownership: like PendingCall; a child of \a parent, deleteLater()'d after finished() unless
    setAutoDelete(false). Deleting it before the callable ends discards the outcome (a callable
    already running on the pool runs to its end). Thread: the thread that created it.

    \code
    Future *f = Future::run([] { return Value(expensiveSum()); }, this);
    f->then([](const Value &v) { qDebug() << v.repr(); })->iferror([](const Error &e) { qWarning() << e; });
    \endcode
*/
class Future : public PendingOperation
{
    Q_OBJECT
public:
    using Callable = std::function<Result<Value>()>;
    enum class Mode { ThreadPool, EventLoop };
    Q_ENUM(Mode)

    //! A future for \a callable that starts when start() is called (Pyro4 Future(callable)).
    explicit Future(Callable callable, QObject *parent = nullptr);
    //! Creates and starts a future (Pyro4 Future(callable)()).
    static Future *run(Callable callable, QObject *parent = nullptr, Mode mode = Mode::ThreadPool);
    template<typename F>
        requires std::is_convertible_v<std::invoke_result_t<F>, Value>
    static Future *run(F callable, QObject *parent = nullptr, Mode mode = Mode::ThreadPool)
    {
        return run(Callable([callable = std::move(callable)]() -> Result<Value> { return Value(callable()); }), parent, mode);
    }
    ~Future() override;

    void setMode(Mode mode) { m_mode = mode; }
    Mode mode() const { return m_mode; }
    //! The pool for Mode::ThreadPool (nullptr: QThreadPool::globalInstance()). Not owned.
    void setThreadPool(QThreadPool *pool) { m_pool = pool; }
    QThreadPool *threadPool() const { return m_pool; }

    //! Pyro4 Future.delay: postpone the start by \a seconds. False once the callable started.
    bool delay(double seconds);
    //! Starts the callable (Pyro4 Future.__call__). False if started already or cancelled.
    bool start();
    bool isStarted() const { return m_started; }
    //! True once the callable has begun to run (a cancel() no longer stops it).
    bool isRunning() const { return m_running; }
    //! Pyro4 Future.cancel: true (and finished with Cancelled) when the callable had not begun.
    //! Afterwards the callable runs to its end but its outcome is discarded (as PendingCall).
    bool tryCancel();
    void cancel() override { tryCancel(); }

    //! PendingOperation::then(), returning this Future for chaining.
    template<typename F>
    Future *then(F fn)
    {
        PendingOperation::then(std::move(fn));
        return this;
    }
    //! PendingOperation::iferror(), returning this Future for chaining.
    Future *iferror(std::function<void(const Error &)> fn)
    {
        PendingOperation::iferror(std::move(fn));
        return this;
    }

private:
    void begin();
    void deliver(const Result<Value> &outcome);
    static Result<Value> invokeGuarded(const Callable &callable);

    Callable m_callable;
    Mode m_mode = Mode::ThreadPool;
    QThreadPool *m_pool = nullptr;
    double m_delay = 0;
    bool m_started = false;
    bool m_running = false;
    QTimer *m_delayTimer = nullptr;
    QFutureWatcher<std::shared_ptr<Result<Value>>> *m_watcher = nullptr;
};

} // namespace Pyro
