#include "client/pendingcall.h"

#include "client/pendingstream.h"
#include "client/proxy.h"

#include <QThread>
#include <QTimer>

#include <limits>

namespace Pyro {

PendingCall::PendingCall(QObject *parent) : PendingOperation(parent) { }

PendingCall::~PendingCall()
{
    if (m_proxy)
        m_proxy->m_ops.remove(this);
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
    stream->setStreamId(m_streamId);
    m_proxy->fetchStreamItems(stream);
    return stream;
}

QByteArray PendingCall::streamId() const
{
    if (QThread::currentThread() == thread())
        return m_streamId;
    // Written once before m_streamIdKnown (release), never changed after.
    return m_streamIdKnown.load(std::memory_order_acquire) ? m_streamId : QByteArray();
}

void PendingCall::setStreamId(const QByteArray &id)
{
    if (m_streamIdKnown.load(std::memory_order_relaxed) && m_streamId == id)
        return;
    m_streamId = id;
    m_streamIdKnown.store(!id.isEmpty(), std::memory_order_release);
}

void PendingCall::disposeWhenFinished()
{
    if (!m_proxy || !m_proxy->deleteAfterDispatch(this))
        deleteLater();
}

void PendingCall::cancel()
{
    if (QThread::currentThread() != thread()) {
        QMetaObject::invokeMethod(this, [this] { cancel(); }, Qt::QueuedConnection);
        return;
    }
    if (m_finished)
        return;
    finishWithError(Error(Error::Code::Cancelled, tr("the call was cancelled")));
}

void PendingCall::setTimeout(double seconds)
{
    if (QThread::currentThread() != thread()) {
        QMetaObject::invokeMethod(this, [this, seconds] { setTimeout(seconds); }, Qt::QueuedConnection);
        return;
    }
    if (m_finished)
        return;
    if (!m_timeoutTimer) {
        m_timeoutTimer = new QTimer(this);
        m_timeoutTimer->setSingleShot(true);
        connect(m_timeoutTimer, &QTimer::timeout, this, [this] {
            if (m_finished)
                return;
            if (m_proxy)
                m_proxy->timeOutCall(this);
            // Not waiting for the connection or a reply (a proxy that is gone): it ends here.
            if (!m_finished)
                finishWithError(Error(Error::Code::Timeout, tr("receiving: timeout")));
        });
        connect(this, &PendingOperation::finished, m_timeoutTimer, &QTimer::stop);
    }
    if (seconds <= 0) {
        m_timeoutTimer->stop();
        return;
    }
    m_timeoutTimer->start(int(std::min<double>(seconds * 1000.0, std::numeric_limits<int>::max())));
}

} // namespace Pyro
