#include "client/pendingoperation.h"

#include "support/logging.h"

#include <QEventLoop>
#include <QPointer>
#include <QThread>
#include <QTimer>

namespace Pyro {

PendingOperation::PendingOperation(QObject *parent) : QObject(parent) { }

PendingOperation::~PendingOperation()
{
    if (m_promise && !m_finished) {
        m_promise->setException(PyroException(Error(Error::Code::Cancelled, tr("the operation was deleted before it finished"))));
        m_promise->finish();
    }
}

bool PendingOperation::inOwnThread() const
{
    return QThread::currentThread() == thread();
}

static QString foreignThreadText(const char *what)
{
    return PendingOperation::tr("PendingOperation::%1() was used from a thread other than the operation's; use it in the operation's "
                                "thread (Proxy::invoke(), invokeOperation() and invokeStream() give QFutures to other threads)")
            .arg(QLatin1String(what));
}

bool PendingOperation::refuseForeignThread(const char *what) const
{
    if (inOwnThread())
        return false;
    const QString text = foreignThreadText(what);
    qCWarning(lcPyroClient).noquote() << text;
    // Finished in its own thread, once: a finished operation ignores it; one already deleted
    // drops the queued call with it (it had finished before).
    auto *self = const_cast<PendingOperation *>(this);
    QMetaObject::invokeMethod(self, [self, text] { self->finishWithError(Error(Error::Code::UsageError, text)); }, Qt::QueuedConnection);
    return true;
}

bool PendingOperation::readableElsewhere(const char *what) const
{
    if (m_published.load(std::memory_order_acquire))
        return true;
    qCWarning(lcPyroClient).noquote() << foreignThreadText(what) << "before it finished";
    return false;
}

Error PendingOperation::foreignReadError(const char *what)
{
    return Error(Error::Code::UsageError, foreignThreadText(what) + tr(" before it finished"));
}

QFuture<Value> PendingOperation::future() const
{
    if (refuseForeignThread("future")) {
        QPromise<Value> failed;
        failed.start();
        failed.setException(PyroException(Error(Error::Code::UsageError, foreignThreadText("future"))));
        failed.finish();
        return failed.future();
    }
    if (!m_promise) {
        m_promise = std::make_shared<QPromise<Value>>();
        m_promise->start();
        if (m_finished) {
            if (m_error.isError())
                m_promise->setException(PyroException(m_error));
            else
                m_promise->addResult(m_result);
            m_promise->finish();
        }
    }
    return m_promise->future();
}

void PendingOperation::cancel()
{
    if (m_finished)
        return;
    finishWithError(Error(Error::Code::Cancelled, tr("the call was cancelled")));
}

bool PendingOperation::waitForFinished(int timeoutMs)
{
    if (m_finished)
        return true;
    QEventLoop loop;
    connect(this, &PendingOperation::finished, &loop, &QEventLoop::quit);
    QTimer timer;
    if (timeoutMs >= 0) {
        timer.setSingleShot(true);
        connect(&timer, &QTimer::timeout, &loop, &QEventLoop::quit);
        timer.start(timeoutMs);
    }
    ++m_waiting;
    loop.exec(QEventLoop::ExcludeUserInputEvents);
    --m_waiting;
    // The deferred delete is posted at the caller's level, so the caller can still read us.
    if (m_waiting == 0 && m_deletePending) {
        m_deletePending = false;
        deleteLater();
    }
    return m_finished;
}

Value PendingOperation::blockingValue(int timeoutMs)
{
    if (!waitForFinished(timeoutMs))
        throw PyroException(Error(Error::Code::Timeout, tr("no result within %1 ms").arg(timeoutMs)));
    if (m_error.isError())
        throw PyroException(m_error);
    return m_result;
}

Result<Value> PendingOperation::runStep(const Continuation &fn, const Value &value)
{
    try {
        return fn(value);
    } catch (const PyroException &e) {
        return e.error();
    } catch (const std::exception &e) {
        return Error(Error::Code::UsageError, tr("a then() step threw: %1").arg(QString::fromLocal8Bit(e.what())));
    }
}

PendingOperation *PendingOperation::addThen(Continuation fn)
{
    if (refuseForeignThread("then"))
        return this;
    if (!m_finished) {
        m_then.append(std::move(fn));
    } else if (!m_error.isError()) {
        // Pyro4 runs a step added after the value arrived at once; we run it from the event
        // loop (never inside then()), still in order and still passing the value on.
        QMetaObject::invokeMethod(this, [this, fn = std::move(fn)] {
            if (m_error.isError())
                return; // an earlier late step failed
            const Result<Value> r = runStep(fn, m_result);
            if (r)
                m_result = r.value();
            else
                failStep(r.error());
        }, Qt::QueuedConnection);
    }
    return this;
}

void PendingOperation::failStep(const Error &error)
{
    m_error = error;
    const auto handlers = std::exchange(m_iferror, {});
    QPointer<PendingOperation> self(this);
    emit errorOccurred(error);
    for (const auto &fn : handlers) {
        if (!self)
            return;
        fn(error);
    }
}

PendingOperation *PendingOperation::iferror(std::function<void(const Error &)> fn)
{
    if (refuseForeignThread("iferror"))
        return this;
    if (m_finished && m_error.isError())
        QMetaObject::invokeMethod(this, [this, fn = std::move(fn)] { fn(m_error); }, Qt::QueuedConnection);
    else // before the end, or after a success: a then() step added later may still fail
        m_iferror.append(std::move(fn));
    return this;
}

void PendingOperation::finishWithResult(const Value &result)
{
    if (m_finished)
        return;
    m_finished = true;
    m_result = result;
    // The then() chain: each step gets the previous value; an error ends it.
    Error stepError;
    if (!m_then.isEmpty()) {
        const auto thens = std::exchange(m_then, {});
        QPointer<PendingOperation> self(this);
        for (const auto &fn : thens) {
            const Result<Value> r = runStep(fn, m_result);
            if (!self)
                return;
            if (!r) {
                stepError = r.error();
                break;
            }
            m_result = r.value();
        }
    }
    if (stepError.isError()) {
        m_error = stepError;
        if (m_promise) {
            m_promise->setException(PyroException(stepError));
            m_promise->finish();
        }
        QPointer<PendingOperation> self(this);
        failStep(stepError);
        if (!self)
            return;
        finishTail();
        return;
    }
    if (m_promise) {
        m_promise->addResult(m_result);
        m_promise->finish();
    }
    finishTail();
}

void PendingOperation::finishWithError(const Error &error)
{
    if (m_finished)
        return;
    m_finished = true;
    m_error = error;
    if (m_promise) {
        m_promise->setException(PyroException(error));
        m_promise->finish();
    }
    const auto handlers = std::exchange(m_iferror, {});
    m_then.clear();
    QPointer<PendingOperation> self(this);
    emit errorOccurred(error);
    if (!self)
        return;
    for (const auto &fn : handlers) {
        fn(m_error);
        if (!self)
            return;
    }
    finishTail();
}

void PendingOperation::finishTail()
{
    m_published.store(true, std::memory_order_release);
    QPointer<PendingOperation> self(this);
    emit finished();
    if (self && m_autoDelete) {
        if (m_waiting > 0)
            m_deletePending = true;
        else
            disposeWhenFinished();
    }
}

} // namespace Pyro
