#include "client/pendingstream.h"

#include "client/proxy.h"

namespace Pyro {

PendingStream::PendingStream(QObject *parent) : PendingCall(parent) { }

PendingStream::~PendingStream()
{
    if (!m_finished && !m_ended && !m_streamId.isEmpty() && m_proxy && !m_proxy->m_destroying)
        m_proxy->closeStream(m_streamId);
}

void PendingStream::close()
{
    if (m_finished)
        return;
    m_ended = true;
    if (!m_streamId.isEmpty() && m_proxy)
        m_proxy->closeStream(m_streamId);
    finishWithResult(Value());
}

void PendingStream::cancel()
{
    if (m_finished)
        return;
    m_ended = true;
    if (!m_streamId.isEmpty() && m_proxy)
        m_proxy->closeStream(m_streamId);
    finishWithError(Error(Error::Code::Cancelled, tr("the stream was cancelled")));
}

} // namespace Pyro
