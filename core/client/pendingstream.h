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

    Fetching: the items are requested with get_next_stream_item on the proxy's connection.
    Each such request advances the remote generator by one item. In auto-fetch mode (the
    default) one request is in flight at a time, as in Pyro4: the remote generator advances
    only as the items arrive (a generator that moves a stage or takes a reading is never run
    ahead of the consumer). Pipelining is an explicit choice: setPrefetch(n) (or
    ProxySettings::streamWindow) keeps n requests in flight. In pull mode
    (setAutoFetch(false)) nothing is requested until requestItems(n) / fetchNext(), which send
    exactly one request per item asked for, so a paused consumer does not advance the remote
    generator at all. Pyro4 daemons (thread-pool and multiplex) serve one connection strictly
    in order, so the replies come back in item order; replies after the end of the stream
    ("item stream terminated") are discarded.

    Thread: setAutoFetch(), setPrefetch(), requestItems(), fetchNext(), close() and cancel()
    may be called from any thread; from another one they are queued into the stream's thread
    (the proxy's), so a consumer thread can pace a stream that the proxy's thread runs. The
    getters (streamId(), itemCount(), autoFetch(), prefetch(), inFlight(), pendingRequests(),
    isFinished()) are safe from any thread (a queued setter shows once it ran there);
    result()/error() as PendingOperation says, and then()/iferror() are refused there. The
    items are still delivered by itemReceived() in the proxy's thread (or through
    Proxy::invokeStream()).

    Switching to pull mode right after Proxy::callStream() requests nothing (the first
    request waits for the call's reply). A stream from PendingCall::takeStream() has already
    requested its first window; those in-flight items (inFlight()) still arrive.

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
    QByteArray streamId() const { return PendingCall::streamId(); }
    //! Items received so far.
    qint64 itemCount() const { return m_itemCount; }

    //! Pull mode when false: items are requested only by requestItems(). Switching back to
    //! true resumes the pipelined window (and keeps outstanding requested items).
    void setAutoFetch(bool autoFetch);
    bool autoFetch() const { return m_autoFetch; }
    //! Asks the daemon for \a count more items, one get_next_stream_item each. Only in pull
    //! mode; requests asked for before the stream id is known are sent once it is.
    void requestItems(int count);
    //! requestItems(1).
    void fetchNext() { requestItems(1); }
    /*!
        Auto-fetch mode keeps \a count get_next_stream_item requests in flight (the remote
        generator may run up to \a count items ahead of the consumer); 0 (the default) uses
        ProxySettings::streamWindow, which is 1 unless set. Takes effect at the next request.
    */
    void setPrefetch(int count);
    int prefetch() const { return m_prefetch; }
    //! get_next_stream_item requests sent and not yet answered.
    int inFlight() const { return m_inFlight; }
    //! Items asked for with requestItems() and not yet sent.
    qint64 pendingRequests() const { return m_requested; }

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

    //! Proxy::fetchStreamItems asks this before each get_next_stream_item: true (and one
    //! requested item used up in pull mode) when one more may be sent.
    bool takeFetchSlot(int window);

    // Written in the stream's thread only; atomic so that the getters can be read anywhere.
    std::atomic<qint64> m_itemCount = 0;
    std::atomic<qint64> m_requested = 0; // pull mode: items asked for, not yet sent
    std::atomic<int> m_inFlight = 0;
    std::atomic<int> m_prefetch = 0; // 0: ProxySettings::streamWindow
    std::atomic<bool> m_autoFetch = true;
    bool m_ended = false; // StopIteration or error seen; later replies are discarded
};

} // namespace Pyro
