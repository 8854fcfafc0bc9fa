#include "client/future.h"

#include <QThreadPool>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

#include <exception>

namespace Pyro {

Future::Future(Callable callable, QObject *parent) : PendingOperation(parent), m_callable(std::move(callable)) { }

Future *Future::run(Callable callable, QObject *parent, Mode mode)
{
    auto *f = new Future(std::move(callable), parent);
    f->setMode(mode);
    f->start();
    return f;
}

Future::~Future()
{
    // The watcher is our child; deleting it first keeps a late finished() away from a
    // half-destroyed object. The pool task itself cannot be stopped and ends on its own.
    delete m_watcher;
    m_watcher = nullptr;
}

bool Future::delay(double seconds)
{
    if (m_running || isFinished())
        return false;
    m_delay = std::max(0.0, seconds);
    if (m_delayTimer) // started already: restart the wait with the new delay
        m_delayTimer->start(int(std::min(m_delay * 1000.0, double(std::numeric_limits<int>::max()))));
    return true;
}

bool Future::start()
{
    if (m_started || isFinished())
        return false;
    m_started = true;
    if (!m_callable) {
        QMetaObject::invokeMethod(this, [this] { finishWithError(Error(Error::Code::UsageError, tr("the future has no callable"))); },
                                  Qt::QueuedConnection);
        return true;
    }
    // Always from the event loop, so that handlers connected right after start() see finished().
    m_delayTimer = new QTimer(this);
    m_delayTimer->setSingleShot(true);
    connect(m_delayTimer, &QTimer::timeout, this, &Future::begin);
    m_delayTimer->start(int(std::min(m_delay * 1000.0, double(std::numeric_limits<int>::max()))));
    return true;
}

bool Future::tryCancel()
{
    if (isFinished())
        return false;
    const bool beforeStart = !m_running;
    if (m_delayTimer)
        m_delayTimer->stop();
    finishWithError(Error(Error::Code::Cancelled, tr("the future was cancelled")));
    return beforeStart;
}

Result<Value> Future::invokeGuarded(const Callable &callable)
{
    try {
        return callable();
    } catch (const PyroException &e) {
        return e.error();
    } catch (const std::exception &e) {
        return Error(Error::Code::UsageError, tr("the callable threw: %1").arg(QString::fromLocal8Bit(e.what())));
    } catch (...) {
        return Error(Error::Code::UsageError, tr("the callable threw an unknown exception"));
    }
}

void Future::begin()
{
    if (isFinished() || m_running)
        return;
    m_running = true;
    if (m_mode == Mode::EventLoop) {
        deliver(invokeGuarded(m_callable));
        return;
    }
    m_watcher = new QFutureWatcher<std::shared_ptr<Result<Value>>>(this);
    connect(m_watcher, &QFutureWatcherBase::finished, this, [this] {
        const std::shared_ptr<Result<Value>> outcome = m_watcher->future().result();
        deliver(*outcome);
    });
    QThreadPool *pool = m_pool ? m_pool : QThreadPool::globalInstance();
    m_watcher->setFuture(QtConcurrent::run(pool, [callable = m_callable] {
        return std::make_shared<Result<Value>>(invokeGuarded(callable));
    }));
}

void Future::deliver(const Result<Value> &outcome)
{
    if (isFinished())
        return; // cancelled meanwhile: the outcome is discarded
    if (outcome)
        finishWithResult(outcome.value());
    else
        finishWithError(outcome.error());
}

} // namespace Pyro
