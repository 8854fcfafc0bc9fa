#pragma once

#include "client/pendingcall.h"
#include "client/pendingstream.h"
#include "client/proxysettings.h"
#include "protocol/pyrouri.h"
#include "protocol/framereader.h"
#include "protocol/message.h"
#include "support/error.h"
#include "value/value.h"

#include <QByteArray>
#include <QFuture>
#include <QMap>
#include <QObject>
#include <QSet>

#include <vector>
#include <QStringList>
#include <QUuid>

#include <deque>
#include <functional>
#include <memory>
#include <optional>

class QIODevice;
class QTimer;

namespace Pyro {

class Connection;
class PendingResolve;

/*!
    A client for one remote Pyro4 or Pyro5 object (Pyro's Proxy), with one connection that is
    opened lazily on the first call (or by bind()) and re-opened on the next call after it failed.

    Protocol (docs/pyro5-protocol.md): with ProxySettings::Protocol::Auto the first handshake
    is sent in the protocol remembered for the endpoint (ProtocolMemory), else Pyro4's 48. A
    reply in the other protocol (a Pyro5 server's 502 CONNECTFAIL, a Pyro4 server's 48
    "unsupported protocol version") makes the proxy reconnect once in that one and remember it,
    process-wide. With a fixed protocol such a reply is a ProtocolMismatch error naming both.
    protocol() is what the last handshake spoke. Pyro5 has neither pickle nor HMAC: asking for
    either against a Pyro5 endpoint fails with an error that names Pyro5.

    The handshake sends CONNECT (48: with META_ON_CONNECT) and the object id; the metadata
    (methods, oneway methods, attributes; sets in 502) is kept, and names that are not in it
    fail locally with Error::Code::UnknownMember before anything is sent, as in Pyro (unless
    ProxySettings::metadata is off). Methods listed as oneway are sent oneway.

    PYRONAME: and PYROMETA: URIs are resolved through the process default UriResolver
    (client/uriresolver.h; naming/ installs one: Pyro::Naming::install()) for each new
    connection, unless bind() fixed the resolved PYRO: URI. Unix socket URIs (./u:path) use
    QLocalSocket; ProxySettings::ssl uses QSslSocket.

    Every call returns a PendingCall (see there for the ownership rule). Calls are pipelined
    on the connection and matched to replies in order, with the seq checked. Every call ends
    exactly once: with its result, its remote exception, or the error that killed the
    connection (all calls in flight on a connection that dies fail with that error).

    Thread: a Proxy lives in the thread that created it (or was moved to); use its methods
    there. Other threads use invoke() (a call), invokeOperation() (any operation: oneway,
    attributes, batches, bind, reconnect) or invokeStream(), which queue the work into the
    proxy's thread and return a QFuture, so requests and replies never get out of step.
    release(), setSettings(), setCorrelationId() and setAnnotations() from another thread are
    queued into the proxy's thread. The operations that return a PendingCall or PendingStream
    (call(), callOneway(), callStream(), getAttribute(), setAttribute(), callByProtocol(),
    bind(), reconnect(), Batch::send()) refuse another thread: the returned operation lives
    in the calling thread and finishes with Error::Code::UsageError naming the method, and a
    warning is logged; nothing is sent. Copies: clone() makes an
    independent proxy with its own connection (Pyro4's copy.copy(proxy)).

    Streams and connections: a stream whose connection drops while no item request is in
    flight (a paused pull-mode stream) stays open; its next request goes out on a new
    connection with the same stream id, and a Pyro daemon that kept the stream
    (ITER_STREAM_LINGER) goes on where it stopped. A stream with a request in flight when the
    connection drops finishes with that error (the daemon may have advanced the generator for
    the lost reply). release() and deleting the proxy finish every open stream (with
    Error::Code::Cancelled).

    \code
    auto uri = PyroUri::parse(u"PYRO:tester@127.0.0.1:4567");
    auto *proxy = new Proxy(uri.value(), ProxySettings(), this);
    PendingCall *c = proxy->call(QStringLiteral("add"), {1, 2});
    connect(c, &PendingCall::finished, this, [c] { qDebug() << c->result().repr(); }); // 3
    \endcode
*/
class Proxy : public QObject
{
    Q_OBJECT
    Q_PROPERTY(State state READ state NOTIFY stateChanged)
    Q_PROPERTY(Pyro::Error error READ error NOTIFY errorChanged)
public:
    enum class State {
        Unconnected, //!< no connection (initial, after release() or after an error)
        Resolving, //!< looking up a PYRONAME/PYROMETA URI
        Connecting, //!< TCP/TLS/unix socket being opened
        Handshaking, //!< CONNECT sent, waiting for CONNECTOK
        Connected, //!< ready; calls go straight out
    };
    Q_ENUM(State)

    explicit Proxy(const PyroUri &uri, const ProxySettings &settings = ProxySettings(), QObject *parent = nullptr);
    ~Proxy() override;

    //! The URI given to the constructor (or the resolved one after bind()).
    PyroUri uri() const { return m_uri; }
    //! The PYRO: URI of the current or last connection (empty before the first).
    PyroUri connectedUri() const { return m_connectedUri; }
    ProxySettings settings() const { return m_settings; }
    //! Takes effect for the next call (serializer, timeout, retries, compression) or the next
    //! connection (HMAC, TLS, metadata, handshake).
    //! Thread-safe (queued into the proxy's thread when called from another).
    void setSettings(const ProxySettings &settings);

    State state() const { return m_state; }
    //! The protocol of the last successful handshake; nullopt before the first.
    std::optional<ProtocolVersion> protocol() const { return m_protocol; }
    //! The error that closed the last connection (NoError while fine); cleared by a new handshake.
    Error error() const { return m_error; }

    //! Whether the handshake delivered metadata; the lists below are empty until then.
    //! When CONNECTOK lacks it (daemons before Pyro4 4.27), the proxy asks Pyro.Daemon's
    //! get_metadata on the same connection first (protocol doc 2.2); if the daemon has no
    //! get_metadata either, the proxy connects without metadata: hasMetadata() stays false
    //! and any name may be called. Always false with ProxySettings::metadata off.
    bool hasMetadata() const { return m_hasMetadata; }
    QStringList methods() const;
    QStringList onewayMethods() const;
    QStringList attributes() const;
    //! {'methods': [...], 'oneway': [...], 'attrs': [...]} as lists, sorted.
    Value metadata() const;
    //! What the daemon's validateHandshake() returned (normally "hello").
    Value handshakeResponse() const { return m_handshakeResponse; }

    //! Connects now (Pyro4 _pyroBind): resolves the URI if needed and keeps the PYRO: result
    //! for later connections. The operation's result() is metadata().
    PendingCall *bind();
    /*!
        Closes the connection and opens a new one (Pyro4 _pyroReconnect): up to \a tries
        attempts, \a delayMs apart (Pyro4 waits 2 s), as long as they fail at the connection
        or protocol level; then it fails with Error::Code::ConnectionClosed "failed to
        reconnect" (detail: the last attempt's error). Other errors (a name that cannot be
        resolved, a refused HMAC key) end it at once. A PYRONAME:/PYROMETA: proxy resolves the
        name again for every attempt and stays a proxy by name (unlike bind(), which fixes
        the address). Calls in flight on the old connection fail with Cancelled. The
        operation's result() is metadata().
    */
    PendingCall *reconnect(int tries = 1, int delayMs = 2000);
    //! Closes the connection (Pyro4 _pyroRelease); calls in flight fail with Cancelled.
    //! The next call reconnects.
    void release();
    void close() { release(); }

    //! Calls \a method. Sent oneway (finishing once written) when the metadata lists it as oneway.
    PendingCall *call(const QString &method, const ValueList &args = {}, const Dict &kwargs = {});
    /*!
        Python's SerializedBlob (Pyro4 and Pyro5) passed as the only argument: calls \a method
        with \a data serialized once here and kept serialized on the way (flag KEEPSERIALIZED,
        object and method in the BLBI annotation with \a info), so that a gateway daemon can
        pass it on without decoding it (docs/pyro5-protocol.md, "Kept-serialized calls").
        Both protocols: the blob form is the same in 48 and 502.
    */
    PendingCall *callSerialized(const QString &method, const Value &info, const ValueList &data);
    /*!
        Forwards a payload kept serialized by our daemon (CallContext::serializedPayload with
        its serializer) to \a method of this proxy's object, unchanged: what a Pyro4 or Pyro5
        gateway does with the SerializedBlob it received. The payload may have come over the
        other protocol: the call envelope is the same in both.
    */
    PendingCall *forwardSerialized(const QString &method, const Value &info, const QByteArray &payload, SerializerId serializer);
    //! Sends \a method oneway whatever the metadata says; finishes (result None) once the
    //! request has been written; no reply, no remote error ever comes back.
    PendingCall *callOneway(const QString &method, const ValueList &args = {}, const Dict &kwargs = {});
    //! Calls a method that returns an iterator/generator and streams its items. If the
    //! method returns something else, the stream finishes at once and result() holds it.
    PendingStream *callStream(const QString &method, const ValueList &args = {}, const Dict &kwargs = {});
    //! Reads an exposed property (__getattr__).
    PendingCall *getAttribute(const QString &name);
    //! Writes an exposed property (__setattr__); result None.
    PendingCall *setAttribute(const QString &name, const Value &value);

    /*!
        A call whose method and arguments depend on the protocol, chosen when the request is
        sent (after the handshake has told the protocol): \a pyro4 for a Pyro4 endpoint, \a
        pyro5 for a Pyro5 one. For APIs that differ, e.g. the name server's metadata search
        (list(metadata_all=...) in Pyro4, yplookup(meta_all=...) in Pyro5). The envelopes'
        objectId may stay empty (the proxy's object). The chosen method is checked against
        the metadata like call()'s.
    */
    PendingCall *callByProtocol(const CallEnvelope &pyro4, const CallEnvelope &pyro5);

    //! Thread-safe: call() from any thread. The call is queued into the proxy's thread; the
    //! future finishes with the result or a PyroException.
    QFuture<Value> invoke(const QString &method, const ValueList &args = {}, const Dict &kwargs = {});
    /*!
        Thread-safe: runs \a make in the proxy's thread, where it starts one operation of this
        proxy and returns it (e.g. [](Proxy *p) { return p->setAttribute(u"gain"_s, 4); }).
        The future finishes with the operation's result or a PyroException with its error,
        exactly once (Cancelled if the proxy is deleted first).
    */
    QFuture<Value> invokeOperation(std::function<PendingCall *(Proxy *)> make);
    //! Thread-safe callStream(): each item becomes the future's next result (resultAt(i)),
    //! the future finishes at the end of the stream, or with a PyroException.
    QFuture<Value> invokeStream(const QString &method, const ValueList &args = {}, const Dict &kwargs = {});

    //! An independent proxy for the same object with the same settings and its own connection.
    Proxy *clone(QObject *parent = nullptr) const;

    //! Sent with every request when not null (current_context.correlation_id): the CORR
    //! annotation in Pyro4, the header's correlation id in Pyro5.
    void setCorrelationId(const QUuid &id);
    QUuid correlationId() const { return m_correlationId; }
    //! Extra annotations (4-byte keys) sent on every request (Pyro4 _pyroAnnotations()).
    void setAnnotations(const QMap<QByteArray, QByteArray> &annotations);
    QMap<QByteArray, QByteArray> annotations() const { return m_annotations; }

Q_SIGNALS:
    void stateChanged(Pyro::Proxy::State state);
    void errorChanged(const Pyro::Error &error);
    //! The handshake delivered (new) metadata.
    void metadataChanged();

private:
    friend class Batch;
    friend class PendingCall;
    friend class PendingStream;

    enum class Kind { Call, Oneway, GetAttr, SetAttr, StreamStart, StreamItem, StreamClose, Batch, BatchOneway };
    struct Request
    {
        Kind kind = Kind::Call;
        QPointer<PendingCall> op;
        CallEnvelope envelope; // objectId empty: the proxy's object
        std::optional<CallEnvelope> pyro5Envelope; // callByProtocol(): used instead on a Pyro5 connection
        QStringList checkNames; // names to check against the metadata before sending
        int retriesLeft = 0;
        quint16 seq = 0;
        SerializerId serializer = SerializerId::Serpent;
        bool oneway = false; // decided when sent
        // callSerialized()/forwardSerialized(): the blob's info and, when forwarded, the payload
        // as it came (else envelope.args are serialized once and kept).
        struct Kept
        {
            Value info;
            std::optional<QByteArray> payload;
        };
        std::optional<Kept> kept;
    };
    using RequestPtr = std::shared_ptr<Request>;

    PendingCall *newCall();
    //! Non-null (a failed operation owned by the caller) when called outside the proxy's thread.
    PendingCall *refuseForeignThread(const char *method, bool stream = false);
    //! PendingCall::setTimeout() ran out for \a op.
    void timeOutCall(PendingCall *op);
    //! Finishes the streams that have no request queued or in flight (paused ones).
    void finishIdleStreams(const Error &error);
    PendingStream *newStream();
    PendingCall *failLater(PendingCall *op, const Error &error);
    Error checkMember(const QString &name, bool attribute) const;
    Error checkSerializer() const;
    PendingCall *submit(Kind kind, PendingCall *op, const CallEnvelope &envelope, const QStringList &checkNames = {},
                        const std::optional<CallEnvelope> &pyro5Envelope = std::nullopt,
                        const std::optional<Request::Kept> &kept = std::nullopt, std::optional<SerializerId> serializer = std::nullopt);
    void ensureConnection();
    void startConnect(const PyroUri &target);
    void connectNow();
    void handleProtocolMismatch(ProtocolVersion server);
    //! Why \a v cannot serve these settings (HMAC key, pickle in Pyro5); NoError when it can.
    Error protocolRefusal(ProtocolVersion v) const;
    //! \a id's wire id in the current connection's protocol.
    Result<quint16> wireSerializerId(SerializerId id) const;
    QByteArray hmacKeyForWire() const;
    Message newMessage(MessageType type) const;
    void onSocketConnected();
    void onReadyRead();
    void onSocketFailed(const Error &error);
    void handleMessage(const Message &message);
    void handleHandshakeReply(const Message &message);
    Error applyMetadata(const Value &meta);
    void clearMetadata();
    void requestMetadata();
    void handleMetadataReply(const Message &message);
    void finishHandshake();
    void handleReply(const RequestPtr &request, const Message &message);
    void handleStreamItemReply(const RequestPtr &request, const Message &message);
    void sendRequest(const RequestPtr &request);
    void flushQueue();
    void dropConnection(const Error &error);
    void failRequest(const RequestPtr &request, const Error &error);
    void failAll(const Error &error);
    void setState(State state);
    void setError(const Error &error);
    void restartTimer();
    void onTimeout();
    void fetchStreamItems(PendingStream *stream);
    void closeStream(const QByteArray &streamId);
    quint16 nextSeq() { m_seq = quint16(m_seq + 1); return m_seq; }
    Result<Value> decodePayload(const Message &message) const;

    PyroUri m_uri;
    PyroUri m_connectedUri;
    bool m_bound = false;
    ProxySettings m_settings;
    State m_state = State::Unconnected;
    ProtocolVersion m_wireProtocol = ProtocolVersion::Pyro4; // of the current connection attempt
    bool m_switchedProtocol = false; // this attempt already reconnected in the other protocol
    std::optional<ProtocolVersion> m_protocol; // of the last successful handshake
    Error m_error;

    Connection *m_connection = nullptr;
    FrameReader m_reader;
    quint64 m_generation = 0; // bumped whenever a connection is dropped
    bool m_destroying = false;
    QSet<PendingCall *> m_ops; // every operation made here and not yet deleted
    quint64 m_nextSerial = 0;
    std::vector<std::pair<PendingCall *, quint64>> m_sentOneways; // to finish on the next loop turn
    void finishSentOneways();
    // Calls finished while replies were handled, deleted at the start of a later reply
    // dispatch or by m_reapTimer (what deleteLater() does, without a posted event per call).
    struct FinishedCall
    {
        PendingCall *op;
        quint64 serial;
        int loopLevel;
    };
    std::vector<FinishedCall> m_finishedCalls;
    int m_dispatchDepth = 0; // onReadyRead() frames on the stack
    QTimer *m_reapTimer = nullptr;
    //! True when \a op will be deleted by reapFinishedCalls() (inside a reply dispatch only).
    bool deleteAfterDispatch(PendingCall *op);
    void reapFinishedCalls();
    bool m_bindRequested = false;
    PendingResolve *m_resolve = nullptr;
    QTimer *m_timer = nullptr;
    quint16 m_seq = 0;
    quint16 m_connectSeq = 0;
    quint16 m_metadataSeq = 0;
    bool m_awaitingMetadata = false; // CONNECTOK came without metadata; get_metadata sent

    bool m_hasMetadata = false;
    QSet<QString> m_methods;
    QSet<QString> m_oneway;
    QSet<QString> m_attrs;
    Value m_handshakeResponse;

    QUuid m_correlationId;
    QMap<QByteArray, QByteArray> m_annotations;

    std::deque<RequestPtr> m_queue; // waiting for the connection
    std::deque<RequestPtr> m_inFlight; // sent, waiting for replies, in order
    QList<QPointer<PendingCall>> m_binds; // bind()/reconnect() operations waiting for the handshake
    struct ReconnectAttempts
    {
        QPointer<PendingCall> op;
        int triesLeft = 0;
        int delayMs = 0;
    };
    QList<ReconnectAttempts> m_reconnects; // reconnect() operations not finished yet
    //! Closes the connection (and a pending resolution) for reconnect().
    void closeForReconnect();
    //! A reconnect() attempt of \a op failed with \a error: true when another one is planned.
    bool retryReconnect(PendingCall *op, const Error &error);
};

} // namespace Pyro
