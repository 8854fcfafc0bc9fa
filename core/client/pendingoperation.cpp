#include "client/pendingoperation.h"

#include <QEventLoop>
#include <QPointer>
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

QFuture<Value> PendingOperation::future() const
{
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

PendingOperation *PendingOperation::then(std::function<void(const Value &)> fn)
{
    if (!m_finished) {
        m_then.append(std::move(fn));
    } else if (!m_error.isError()) {
        QMetaObject::invokeMethod(this, [this, fn = std::move(fn)] { fn(m_result); }, Qt::QueuedConnection);
    }
    return this;
}

PendingOperation *PendingOperation::iferror(std::function<void(const Error &)> fn)
{
    if (!m_finished) {
        m_iferror.append(std::move(fn));
    } else if (m_error.isError()) {
        QMetaObject::invokeMethod(this, [this, fn = std::move(fn)] { fn(m_error); }, Qt::QueuedConnection);
    }
    return this;
}

void PendingOperation::finishWithResult(const Value &result)
{
    if (m_finished)
        return;
    m_finished = true;
    m_result = result;
    if (m_promise) {
        m_promise->addResult(result);
        m_promise->finish();
    }
    m_iferror.clear();
    if (!m_then.isEmpty()) {
        const auto thens = std::exchange(m_then, {});
        QPointer<PendingOperation> self(this);
        for (const auto &fn : thens) {
            fn(m_result);
            if (!self)
                return;
        }
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
    QPointer<PendingOperation> self(this);
    emit finished();
    if (self && m_autoDelete) {
        if (m_waiting > 0)
            m_deletePending = true;
        else
            deleteLater();
    }
}

} // namespace Pyro
