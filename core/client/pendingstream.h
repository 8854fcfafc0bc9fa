#pragma once

#include "client/pendingcall.h"

#include <QPointer>

namespace Pyro {

/*!
    A remote iterator or generator (Pyro4 item streaming): emits itemReceived() for each
    item in order, then finished() exactly once: without error at the end of the stream
    (StopIteration), after close(), or with the exception the generator raised midway
    (RemoteException), a connection error, or Error::Code::StreamingDisabled when the daemon
    has ITER_STREAMING off.

    Get one from Proxy::callStream() or PendingCall::takeStream(). Ownership and thread are
    those of PendingCall: a child of the Proxy, deleteLater()'d after finished() unless
    setAutoDelete(false). result() stays None; items are not stored (the stream can be endless).

    Fetching: the items are requested with get_next_stream_item on the proxy's connection,
    with ProxySettings::streamWindow requests pipelined. Pyro4 daemons (thread-pool and
    multiplex) serve one connection strictly in order, so the replies come back in item order;
    replies after the end of the stream ("item stream terminated") are discarded.

    \code
    PendingStream *s = proxy->callStream(QStringLiteral("numbers"), {10});
    connect(s, &PendingStream::itemReceived, this, [](const Value &v) { qDebug() << v.repr(); });
    connect(s, &PendingStream::finished, this, [s] { if (s->error()) qWarning() << s->error(); });
    \endcode
*/
class PendingStream : public PendingCall
{
    Q_OBJECT
public:
    ~PendingStream() override;

    //! The daemon's stream id (a uuid4 text), empty until the call returned the stream marker.
    QByteArray streamId() const { return m_streamId; }
    //! Items received so far.
    qint64 itemCount() const { return m_itemCount; }

    //! Abandons the stream: sends close_stream (oneway, args as a list, as Pyro4 does) and
    //! finishes without error. Items still in flight are discarded. No-op after finished().
    void close();
    //! close(), but finishes with Error::Code::Cancelled.
    void cancel() override;

Q_SIGNALS:
    void itemReceived(const Pyro::Value &item);

private:
    friend class Proxy;
    friend class PendingCall;
    explicit PendingStream(QObject *parent = nullptr);

    qint64 m_itemCount = 0;
    int m_inFlight = 0;
    bool m_ended = false; // StopIteration or error seen; later replies are discarded
};

} // namespace Pyro
