#include "client/pendingcall.h"

#include "client/pendingstream.h"
#include "client/proxy.h"

#include <QEventLoop>
#include <QTimer>

namespace Pyro {

PendingCall::PendingCall(QObject *parent)
    : QObject(parent), m_promise(std::make_shared<QPromise<Value>>())
{
    m_future = m_promise->future();
    m_promise->start();
}

PendingCall::~PendingCall()
{
    if (!m_finished) {
        m_promise->setException(PyroException(Error(Error::Code::Cancelled, tr("the call was deleted before it finished"))));
        m_promise->finish();
    }
    // A stream nobody took would otherwise live on in the daemon until its linger time.
    if (!m_streamId.isEmpty() && !m_streamTaken && !qobject_cast<PendingStream *>(this) && m_proxy && !m_proxy->m_destroying)
        m_proxy->closeStream(m_streamId);
}

PendingStream *PendingCall::takeStream()
{
    if (m_streamId.isEmpty() || m_streamTaken || qobject_cast<PendingStream *>(this) || !m_proxy)
        return nullptr;
    m_streamTaken = true;
    PendingStream *stream = m_proxy->newStream();
    stream->m_streamId = m_streamId;
    m_proxy->fetchStreamItems(stream);
    return stream;
}

void PendingCall::cancel()
{
    if (m_finished)
        return;
    finishWithError(Error(Error::Code::Cancelled, tr("the call was cancelled")));
}

bool PendingCall::waitForFinished(int timeoutMs)
{
    if (m_finished)
        return true;
    QEventLoop loop;
    connect(this, &PendingCall::finished, &loop, &QEventLoop::quit);
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

PendingCall *PendingCall::then(std::function<void(const Value &)> fn)
{
    if (!m_finished) {
        m_then.append(std::move(fn));
    } else if (!m_error.isError()) {
        QMetaObject::invokeMethod(this, [this, fn = std::move(fn)] { fn(m_result); }, Qt::QueuedConnection);
    }
    return this;
}

PendingCall *PendingCall::iferror(std::function<void(const Error &)> fn)
{
    if (!m_finished) {
        m_iferror.append(std::move(fn));
    } else if (m_error.isError()) {
        QMetaObject::invokeMethod(this, [this, fn = std::move(fn)] { fn(m_error); }, Qt::QueuedConnection);
    }
    return this;
}

void PendingCall::finishWithResult(const Value &result)
{
    if (m_finished)
        return;
    m_finished = true;
    m_result = result;
    m_promise->addResult(result);
    m_promise->finish();
    const auto thens = std::exchange(m_then, {});
    m_iferror.clear();
    QPointer<PendingCall> self(this);
    for (const auto &fn : thens) {
        fn(m_result);
        if (!self)
            return;
    }
    emit finished();
    if (self && m_autoDelete) {
        if (m_waiting > 0)
            m_deletePending = true;
        else
            deleteLater();
    }
}

void PendingCall::finishWithError(const Error &error)
{
    if (m_finished)
        return;
    m_finished = true;
    m_error = error;
    m_promise->setException(PyroException(error));
    m_promise->finish();
    const auto handlers = std::exchange(m_iferror, {});
    m_then.clear();
    QPointer<PendingCall> self(this);
    emit errorOccurred(error);
    if (!self)
        return;
    for (const auto &fn : handlers) {
        fn(m_error);
        if (!self)
            return;
    }
    emit finished();
    if (self && m_autoDelete) {
        if (m_waiting > 0)
            m_deletePending = true;
        else
            deleteLater();
    }
}

} // namespace Pyro
