#include "client/pendingcall.h"

#include "client/pendingstream.h"
#include "client/proxy.h"

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

} // namespace Pyro
