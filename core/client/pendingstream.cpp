#include "client/pendingstream.h"

#include "client/proxy.h"

#include <QThread>

namespace Pyro {

PendingStream::PendingStream(QObject *parent) : PendingCall(parent) { }

PendingStream::~PendingStream()
{
    if (!m_finished && !m_ended && !m_streamId.isEmpty() && m_proxy && !m_proxy->m_destroying)
        m_proxy->closeStream(m_streamId);
}

// From another thread the stream's controls are queued into its own (the proxy's) thread,
// where its requests are made; nothing is touched from the calling thread.

void PendingStream::setAutoFetch(bool autoFetch)
{
    if (QThread::currentThread() != thread()) {
        QMetaObject::invokeMethod(this, [this, autoFetch] { setAutoFetch(autoFetch); }, Qt::QueuedConnection);
        return;
    }
    if (m_autoFetch == autoFetch)
        return;
    m_autoFetch = autoFetch;
    if (autoFetch && !m_finished && !m_ended && !m_streamId.isEmpty() && m_proxy)
        m_proxy->fetchStreamItems(this);
}

void PendingStream::setPrefetch(int count)
{
    if (QThread::currentThread() != thread()) {
        QMetaObject::invokeMethod(this, [this, count] { setPrefetch(count); }, Qt::QueuedConnection);
        return;
    }
    m_prefetch = count < 0 ? 0 : count;
}

void PendingStream::requestItems(int count)
{
    if (QThread::currentThread() != thread()) {
        QMetaObject::invokeMethod(this, [this, count] { requestItems(count); }, Qt::QueuedConnection);
        return;
    }
    if (count <= 0 || m_autoFetch || m_finished || m_ended)
        return;
    m_requested += count;
    // Before the call's reply there is no stream id yet; Proxy fetches on the stream marker.
    if (!m_streamId.isEmpty() && m_proxy)
        m_proxy->fetchStreamItems(this);
}

bool PendingStream::takeFetchSlot(int window)
{
    if (m_ended || m_finished)
        return false;
    if (m_autoFetch)
        return m_inFlight < window;
    if (m_requested <= 0)
        return false;
    --m_requested;
    return true;
}

void PendingStream::close()
{
    if (QThread::currentThread() != thread()) {
        QMetaObject::invokeMethod(this, [this] { close(); }, Qt::QueuedConnection);
        return;
    }
    if (m_finished)
        return;
    m_ended = true;
    if (!m_streamId.isEmpty() && m_proxy)
        m_proxy->closeStream(m_streamId);
    finishWithResult(Value());
}

void PendingStream::cancel()
{
    if (QThread::currentThread() != thread()) {
        QMetaObject::invokeMethod(this, [this] { cancel(); }, Qt::QueuedConnection);
        return;
    }
    if (m_finished)
        return;
    m_ended = true;
    if (!m_streamId.isEmpty() && m_proxy)
        m_proxy->closeStream(m_streamId);
    finishWithError(Error(Error::Code::Cancelled, tr("the stream was cancelled")));
}

} // namespace Pyro
