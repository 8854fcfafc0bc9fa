#include "server/requestprocessor.h"

#include "protocol/pyroclassnames.h"
#include "server/callcontext.h"
#include "server/daemon.h"
#include "server/pythonerror.h"
#include "support/logging.h"

#include <QUuid>
#include <QtEndian>

namespace Pyro {

// Marshal (version 4) encoding of a str: what Pyro uses for CONNECTFAIL reasons sent before
// the client's serializer was accepted (docs/pyro4-protocol.md 2.3). Type 'u' = UTF-8 str
// with a uint32 length.
static QByteArray marshalString(const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    QByteArray out;
    out.append('u');
    const quint32 n = quint32(utf8.size());
    for (int i = 0; i < 4; ++i)
        out.append(char((n >> (8 * i)) & 0xff));
    out.append(utf8);
    return out;
}

static QByteArray newCorrelationId()
{
    return QUuid::createUuid().toRfc4122();
}

static quint16 marshalId(ProtocolVersion v)
{
    return ProtocolInfo::serializerWireId(SerializerId::Marshal, v).value_or(quint16(SerializerId::Marshal));
}

Value RequestProcessor::exceptionValue(const Error &error, ProtocolVersion protocol)
{
    const Value dict = PythonError::forPython(error).toExceptionDict();
    const QString cls = dict.toDict().value(QStringLiteral("__class__")).toStr();
    const QString foreign = PyroClassNames::of(ProtocolInfo::other(protocol)).errorsModule + u'.';
    if (!cls.startsWith(foreign))
        return dict;
    // A Pyro error of the other protocol (our own helpers name Pyro4's, a callback peer may
    // have sent Pyro5's): the client only rebuilds its own protocol's classes.
    Dict renamed = dict.toDict();
    renamed.insert(QStringLiteral("__class__"), Value(PyroClassNames::of(protocol).error(cls.mid(foreign.size()))));
    return Value(renamed);
}

static Value exceptionWrapper(const Error &error, ProtocolVersion protocol)
{
    return Value(Dict { { QStringLiteral("__class__"), PyroClassNames::of(protocol).exceptionWrapper },
                        { QStringLiteral("exception"), RequestProcessor::exceptionValue(error, protocol) } });
}

Error RequestProcessor::checkAccess(const ExposedObject &target, const QString &name, Member kind)
{
    if (name.startsWith(u'_'))
        return PythonError::attributeError(QStringLiteral("attempt to access private attribute '%1'").arg(name));
    if (kind == Member::Method && !target.hasMethod(name))
        return PythonError::attributeError(QStringLiteral("attempt to access unexposed attribute '%1'").arg(name));
    return Error();
}

RequestProcessor::FirstMessage RequestProcessor::checkFirstMessage(const QByteArray &b, bool overLimit, QByteArray *reply,
                                                                   ProtocolVersion *protocol) const
{
    auto refuse = [this, reply](const QString &reason, quint16 seq) {
        *reply = connectFail(reason, seq, 0, ProtocolVersion::Pyro4);
        qCInfo(lcPyroDaemon) << "refusing connection:" << reason;
        return FirstMessage::Refuse;
    };
    const QByteArray magic("PYRO");
    if (!magic.startsWith(b.left(4)))
        return refuse(QStringLiteral("invalid data or unsupported protocol version"), 0);
    if (b.size() < ProtocolInfo::SniffSize)
        return FirstMessage::NeedMore;
    auto u16 = [&b](int offset) { return qFromBigEndian<quint16>(b.constData() + offset); };
    if (u16(4) == quint16(ProtocolVersion::Pyro5)) {
        *protocol = ProtocolVersion::Pyro5;
        return checkFirstPyro5Message(b, overLimit, reply);
    }
    *protocol = ProtocolVersion::Pyro4;
    if (b.size() < MessageHeaderSize)
        return FirstMessage::NeedMore;
    const quint16 version = u16(4), type = u16(6), flags = u16(8), seq = u16(10);
    const qint32 dataSize = qFromBigEndian<qint32>(b.constData() + 12);
    const quint16 serializerId = u16(16), annSize = u16(18), checksum = u16(22);
    if (version != quint16(ProtocolVersion::Pyro4))
        return refuse(QStringLiteral("invalid data or unsupported protocol version"), 0);
    if (MessageWriter::checksum(type, version, quint32(dataSize), annSize, serializerId, flags, seq) != checksum)
        return refuse(QStringLiteral("header checksum mismatch"), 0);
    const DaemonSettings settings = m_daemon->settingsSnapshot();
    if (overLimit)
        return refuse(QStringLiteral("no free workers, increase server threadpool size (the daemon allows %1 connections)")
                              .arg(settings.maxConnections),
                      seq);
    if (type != quint16(MessageType::Connect))
        return refuse(QStringLiteral("invalid msg type %1 received").arg(type), 0);
    const auto id = ProtocolInfo::serializerFromWire(serializerId, ProtocolVersion::Pyro4);
    if (!id || !settings.acceptedSerializers.contains(*id) || !Serializer::byId(*id))
        return refuse(QStringLiteral("message used serializer that is not accepted: %1").arg(serializerId), 0);
    if (dataSize < 0 || qint64(dataSize) + annSize > settings.maxMessageSize)
        return refuse(QStringLiteral("message too large: %1 bytes, the daemon accepts at most %2")
                              .arg(qint64(dataSize) + annSize)
                              .arg(settings.maxMessageSize),
                      0);
    if (b.size() < MessageHeaderSize + annSize)
        return FirstMessage::NeedMore;
    bool hasHmac = false;
    for (int pos = MessageHeaderSize; pos + 6 <= MessageHeaderSize + annSize;) {
        const QByteArray key = b.mid(pos, 4);
        const quint16 len = u16(pos + 4);
        if (key == "HMAC")
            hasHmac = true;
        pos += 6 + len;
    }
    if (hasHmac != !settings.hmacKey.isEmpty())
        return refuse(QStringLiteral("hmac key config not symmetric"), 0);
    return FirstMessage::Accept;
}

RequestProcessor::FirstMessage RequestProcessor::checkFirstPyro5Message(const QByteArray &b, bool overLimit, QByteArray *reply) const
{
    // Pyro5's daemon answers a bad first message with a 502 CONNECTFAIL in marshal carrying
    // the text of its error (docs/pyro5-protocol.md, "Handshake"); so do we.
    auto refuse = [this, reply](const QString &reason, quint16 seq) {
        *reply = connectFail(reason, seq, 0, ProtocolVersion::Pyro5);
        qCInfo(lcPyroDaemon) << "refusing Pyro5 connection:" << reason;
        return FirstMessage::Refuse;
    };
    const int headerSize = ProtocolInfo::headerSize(ProtocolVersion::Pyro5);
    if (b.size() < headerSize)
        return FirstMessage::NeedMore;
    if (qFromBigEndian<quint16>(b.constData() + 38) != Pyro5Magic)
        return refuse(QStringLiteral("invalid magic number"), 0);
    const quint8 type = quint8(b.at(6)), serializerId = quint8(b.at(7));
    const quint16 seq = qFromBigEndian<quint16>(b.constData() + 10);
    const quint32 dataSize = qFromBigEndian<quint32>(b.constData() + 12);
    const quint32 annSize = qFromBigEndian<quint32>(b.constData() + 16);
    const DaemonSettings settings = m_daemon->settingsSnapshot();
    if (overLimit)
        return refuse(QStringLiteral("no free workers, increase server threadpool size (the daemon allows %1 connections)")
                              .arg(settings.maxConnections),
                      seq);
    if (type != quint8(MessageType::Connect))
        return refuse(QStringLiteral("invalid msg type %1 received (expected: 1)").arg(type), 0);
    if (!settings.hmacKey.isEmpty())
        return refuse(QStringLiteral("this daemon requires an HMAC key, which Pyro5 (protocol 502) does not have; use TLS"), seq);
    const auto id = ProtocolInfo::serializerFromWire(serializerId, ProtocolVersion::Pyro5);
    if (!id || !settings.acceptedSerializers.contains(*id) || !Serializer::byId(*id))
        return refuse(QStringLiteral("message used serializer that is not accepted: %1").arg(serializerId), seq);
    if (qint64(dataSize) + qint64(annSize) > settings.maxMessageSize)
        return refuse(QStringLiteral("message too large (%1, max=%2)").arg(qint64(dataSize) + qint64(annSize)).arg(settings.maxMessageSize),
                      seq);
    return FirstMessage::Accept;
}

const Serializer *RequestProcessor::serializerOf(const Message &request, bool *accepted) const
{
    const auto id = ProtocolInfo::serializerFromWire(request.serializerId, request.protocol);
    const Serializer *serializer = id ? Serializer::byId(*id) : nullptr;
    if (accepted)
        *accepted = serializer && m_daemon->settingsSnapshot().acceptedSerializers.contains(*id);
    return serializer;
}

Message RequestProcessor::replyTo(const Message &request, MessageType type, MessageFlags flags, const QByteArray &corr)
{
    Message reply;
    reply.protocol = request.protocol;
    reply.type = type;
    reply.flags = flags;
    reply.seq = request.seq;
    reply.serializerId = request.serializerId;
    if (request.protocol == ProtocolVersion::Pyro5)
        reply.correlationId = corr.size() == CorrelationIdSize ? corr : newCorrelationId();
    else if (!corr.isEmpty())
        reply.annotations.insert("CORR", corr);
    return reply;
}

QByteArray RequestProcessor::write(const Message &message) const
{
    const DaemonSettings s = m_daemon->settingsSnapshot();
    const bool pyro4 = message.protocol == ProtocolVersion::Pyro4;
    const bool compress = s.compression && message.type != MessageType::ConnectFail && message.type != MessageType::Ping;
    return MessageWriter::write(message, pyro4 ? s.hmacKey : QByteArray(), compress);
}

QByteArray RequestProcessor::connectFail(const QString &reason, quint16 seq, quint16 serializerId, ProtocolVersion protocol) const
{
    Message m;
    m.protocol = protocol;
    m.type = MessageType::ConnectFail;
    m.seq = seq;
    m.serializerId = marshalId(protocol);
    m.data = marshalString(reason);
    if (protocol == ProtocolVersion::Pyro5)
        m.correlationId = newCorrelationId(); // Pyro5 stamps every message it sends
    const auto id = serializerId ? ProtocolInfo::serializerFromWire(serializerId, protocol) : std::nullopt;
    if (id && *id != SerializerId::Marshal) {
        const Serializer *s = Serializer::byId(*id);
        auto encoded = s ? s->encode(Value(reason)) : Result<QByteArray>(Error(Error::Code::SerializeError, QString()));
        if (encoded) {
            m.serializerId = serializerId;
            m.data = encoded.value();
        }
    }
    const QByteArray key = protocol == ProtocolVersion::Pyro4 ? m_daemon->settingsSnapshot().hmacKey : QByteArray();
    return MessageWriter::write(m, key);
}

QByteArray RequestProcessor::pong(const Message &ping) const
{
    QByteArray corr = ping.correlationId;
    if (ping.protocol == ProtocolVersion::Pyro4)
        corr = ping.annotations.value("CORR", newCorrelationId());
    Message pong = replyTo(ping, MessageType::Ping, {}, corr);
    pong.data = "pong";
    const QByteArray key = ping.protocol == ProtocolVersion::Pyro4 ? m_daemon->settingsSnapshot().hmacKey : QByteArray();
    return MessageWriter::write(pong, key);
}

RequestProcessor::Outcome RequestProcessor::handshake(const Message &request, const RequestInfo &info) const
{
    Q_UNUSED(info);
    const DaemonSettings s = m_daemon->settingsSnapshot();
    const bool pyro5 = request.protocol == ProtocolVersion::Pyro5;
    auto fail = [&](const QString &reason) {
        qCInfo(lcPyroDaemon) << "handshake refused:" << reason;
        return Outcome { connectFail(reason, request.seq, request.serializerId, request.protocol), true, false, {} };
    };
    const Serializer *serializer = serializerOf(request);
    if (!serializer)
        return fail(QStringLiteral("message used serializer that is not accepted: %1").arg(request.serializerId));
    const auto decoded = serializer->decode(request.data);
    if (!decoded)
        return fail(decoded.error().message());
    const Dict &d = decoded.value().toDict();
    if (!decoded.value().isDict() || !d.contains(QStringLiteral("handshake")))
        return fail(QStringLiteral("'handshake'"));
    // Pyro5 always names the object and always gets its metadata (as sets); Pyro4 asks for
    // them with META_ON_CONNECT and gets lists.
    const bool wantMeta = pyro5 || request.hasFlag(MessageFlag::MetaOnConnect);
    std::shared_ptr<ExposedObject> target;
    if (wantMeta) {
        if (!d.contains(QStringLiteral("object")))
            return fail(QStringLiteral("'object'"));
        const Value id = d.value(QStringLiteral("object"));
        target = id.isStr() ? m_daemon->object(id.toStr()) : nullptr;
        if (!target)
            return fail(QStringLiteral("unknown object"));
    }
    Value response(QStringLiteral("hello"));
    if (s.handshakeValidator) {
        const Result<Value> r = s.handshakeValidator(d.value(QStringLiteral("handshake")));
        if (!r)
            return fail(r.error().message());
        response = r.value();
    }
    Value payload = response;
    if (wantMeta)
        payload = Value(Dict { { QStringLiteral("handshake"), response }, { QStringLiteral("meta"), target->metadata().toValue(!pyro5) } });
    QByteArray corr = request.correlationId;
    if (!pyro5)
        corr = request.annotations.value("CORR");
    if (corr.size() != CorrelationIdSize)
        corr = newCorrelationId();
    auto encoded = serializer->encode(payload);
    if (!encoded)
        return fail(encoded.error().message());
    Message reply = replyTo(request, MessageType::ConnectOk, {}, corr);
    if (wantMeta && !pyro5)
        reply.flags |= MessageFlag::MetaOnConnect;
    reply.data = encoded.value();
    QByteArray bytes = write(reply);
    if (bytes.size() - ProtocolInfo::headerSize(request.protocol) > s.maxMessageSize)
        return fail(QStringLiteral("handshake reply too large for the daemon's message size limit"));
    return Outcome { bytes, false, true, {} };
}

QByteArray RequestProcessor::exceptionReply(const Message &request, const Error &error, const QByteArray &corr, bool *closeAfter) const
{
    const Serializer *serializer = serializerOf(request);
    if (!serializer) {
        if (closeAfter)
            *closeAfter = true;
        return QByteArray();
    }
    // Pyro4 replies carried no CORR with exceptions here so far; Pyro5 stamps every reply.
    Message reply = replyTo(request, MessageType::Result, MessageFlag::Exception,
                            request.protocol == ProtocolVersion::Pyro5 ? corr : QByteArray());
    // An exception's args may hold URIs or proxies too: in the caller's protocol, as results.
    auto encoded = serializer->encode(PyroClassNames::toProtocol(exceptionValue(error, request.protocol), request.protocol));
    if (!encoded) {
        // The exception's own args could not be encoded: send the text instead.
        encoded = serializer->encode(exceptionValue(PythonError::builtin(QStringLiteral("RuntimeError"), error.toString()), request.protocol));
        if (!encoded) {
            if (closeAfter)
                *closeAfter = true;
            return QByteArray();
        }
    }
    reply.data = encoded.value();
    return write(reply);
}

QByteArray RequestProcessor::encodeReply(const Message &request, const Value &payload, MessageFlags flags, const QByteArray &corr,
                                         bool *close) const
{
    const DaemonSettings s = m_daemon->settingsSnapshot();
    const Serializer *serializer = serializerOf(request);
    // Results, stream items and batch results in the class names of the caller's protocol:
    // a hosted object returning a Pyro4.core.Proxy or URI reaches a Pyro5 caller as
    // Pyro5.client.Proxy / Pyro5.core.URI (the only forms Python Pyro5 accepts), and the other
    // way round. The same conversion the client applies to a request's arguments (Proxy);
    // a value without such objects is walked once without copying.
    auto encoded = serializer->encode(PyroClassNames::toProtocol(payload, request.protocol));
    if (!encoded) {
        // Pyro answers a result it cannot serialize with a SerializeError and closes (doc 3.4).
        *close = true;
        return exceptionReply(request, PythonError::pyro(QStringLiteral("SerializeError"), encoded.error().message()), corr);
    }
    if (encoded.value().size() + 22 > s.maxMessageSize) {
        *close = true;
        return exceptionReply(request,
                              PythonError::pyro(QStringLiteral("MessageTooLargeError"),
                                                QStringLiteral("result of %1 bytes exceeds the daemon's message size limit of %2 bytes")
                                                        .arg(encoded.value().size())
                                                        .arg(s.maxMessageSize)),
                              corr);
    }
    Message reply = replyTo(request, MessageType::Result, flags, corr);
    reply.data = encoded.value();
    return write(reply);
}

void RequestProcessor::reportCallbackError(const QString &objectId, const QString &method, const Error &error, const QString &peer,
                                           bool oneway) const
{
    // What Pyro4's worker logs for a re-raised callback error: the exception and its traceback
    // (threadpoolserver: "error during handleRequest: ..."), here with the object and caller.
    const Error e = PythonError::forPython(error);
    qCWarning(lcPyroDaemon).noquote() << QStringLiteral("callback %1.%2 called by %3 raised %4%5\n%6")
                                                 .arg(objectId, method, peer, e.toString(),
                                                      oneway ? QString() : QStringLiteral("; closing the connection"),
                                                      e.remoteTraceback().trimmed());
    // Called on a connection thread or the oneway pool: hand the signal to the daemon's thread.
    // A daemon being destroyed drops the posted call with its other events.
    Daemon *daemon = m_daemon;
    QMetaObject::invokeMethod(daemon, [daemon, objectId, method, e] { emit daemon->callbackFailed(objectId, method, e); },
                              Qt::QueuedConnection);
}

RequestProcessor::Outcome RequestProcessor::invoke(const Message &request, const RequestInfo &info) const
{
    const DaemonSettings s = m_daemon->settingsSnapshot();
    const bool oneway = request.hasFlag(MessageFlag::Oneway);
    const ProtocolVersion protocol = request.protocol;
    CallContext ctx;
    Outcome out;
    auto raise = [&](const Error &error, bool close = false) {
        if (!oneway)
            out.bytes = exceptionReply(request, error, ctx.correlationId, &close);
        out.close = close;
        return out;
    };

    ctx.annotations = request.annotations;
    ctx.client = info.peer;
    ctx.seq = request.seq;
    ctx.serializerId = request.serializerId;
    ctx.protocol = protocol;
    ctx.stopping = m_daemon->stoppingFlag();
    ctx.connectionId = info.connectionId;
    if (protocol == ProtocolVersion::Pyro5) {
        // Echoed when the client sent one, a new uuid4 otherwise (Pyro5's handleRequest).
        ctx.correlationId = request.correlationId.size() == CorrelationIdSize ? request.correlationId : newCorrelationId();
    } else {
        if (request.annotations.contains("CORR") && request.annotations.value("CORR").size() != 16)
            return raise(PythonError::valueError(QStringLiteral("bytes is not a 16-char string")));
        ctx.correlationId = request.annotations.contains("CORR") ? request.annotations.value("CORR") : newCorrelationId();
    }
    CallContext::Scope scope(ctx);

    bool accepted = false;
    const Serializer *serializer = serializerOf(request, &accepted);
    if (!serializer)
        return Outcome { QByteArray(), true, false, {} };
    if (!accepted)
        return raise(PythonError::pyro(QStringLiteral("SerializeError"),
                                       QStringLiteral("message used serializer that is not accepted: %1").arg(request.serializerId)),
                     true);
    CallEnvelope call;
    if (request.hasFlag(MessageFlag::KeepSerialized)) {
        // A SerializedBlob: the payload stays as sent; object and method come from BLBI,
        // the marshalled tuple (info, objectId, method) (Daemon.__deserializeBlobArgs).
        auto bad = [&](const QString &what) {
            return raise(PythonError::pyro(QStringLiteral("SerializeError"), QStringLiteral("kept-serialized request: %1").arg(what)));
        };
        if (!request.annotations.contains("BLBI"))
            return bad(QStringLiteral("no BLBI annotation"));
        const auto blbi = Serializer::byId(SerializerId::Marshal)->decode(request.annotations.value("BLBI"));
        if (!blbi)
            return bad(QStringLiteral("BLBI annotation: %1").arg(blbi.error().message()));
        const ValueList &parts = blbi.value().items();
        if (!blbi.value().isSequence() || parts.size() != 3 || !parts.at(1).isStr() || !parts.at(2).isStr())
            return bad(QStringLiteral("BLBI annotation is not (info, objectId, method)"));
        call.objectId = parts.at(1).toStr();
        call.method = parts.at(2).toStr();
        call.args = { parts.at(0) };
        ctx.keepSerialized = true;
        ctx.serializedPayload = request.data;
        ctx.blobInfo = parts.at(0);
    } else {
        const auto decoded = serializer->decodeCall(request.data);
        if (!decoded)
            return raise(PythonError::pyro(QStringLiteral("SerializeError"), decoded.error().message()), true);
        call = decoded.value();
    }
    const auto target = m_daemon->object(call.objectId);
    if (!target)
        return raise(PythonError::pyro(QStringLiteral("DaemonError"), QStringLiteral("unknown object")));

    const bool batch = request.hasFlag(MessageFlag::Batch);
    if (batch != (call.method == QLatin1String("<batch>"))) {
        if (batch)
            return raise(PythonError::typeError(QStringLiteral("a batch request needs the method name <batch>")));
        return raise(PythonError::attributeError(QStringLiteral("attempt to access unexposed attribute '<batch>'")));
    }

    if (batch) {
        QList<std::tuple<QString, ValueList, Dict>> calls;
        for (const Value &entry : call.args) {
            const ValueList &parts = entry.items();
            if (!entry.isSequence() || parts.size() != 3 || !parts.at(0).isStr() || !parts.at(1).isSequence()
                || !(parts.at(2).isDict() || parts.at(2).isNone()))
                return raise(PythonError::typeError(QStringLiteral("batch entries must be (method, args, kwargs)")));
            const QString name = parts.at(0).toStr();
            if (const Error denied = checkAccess(*target, name, Member::Method))
                return raise(denied);
            calls.append({ name, parts.at(1).items(), parts.at(2).toDict() });
        }
        auto runBatch = [target, calls, protocol]() {
            ValueList results;
            results.reserve(calls.size());
            for (const auto &[name, args, kwargs] : calls) {
                const CallResult r = target->call(name, args, kwargs);
                if (r.isError()) {
                    results.append(exceptionWrapper(r.error(), protocol));
                    break;
                }
                if (r.isGenerator()) {
                    results.append(exceptionWrapper(PythonError::pyro(QStringLiteral("ProtocolError"),
                                                                      QStringLiteral("generator results cannot be streamed in a batch")),
                                                    protocol));
                    break;
                }
                results.append(r.value());
            }
            return results;
        };
        if (oneway) {
            out.oneway = [runBatch, ctx] {
                CallContext::Scope scope(ctx);
                runBatch();
            };
            return out;
        }
        out.bytes = encodeReply(request, Value::list(runBatch()), MessageFlag::Batch, ctx.correlationId, &out.close);
        return out;
    }

    CallResult result;
    if (call.method == QLatin1String("__getattr__") || call.method == QLatin1String("__setattr__")) {
        const bool set = call.method == QLatin1String("__setattr__");
        if (call.args.size() != (set ? 2 : 1) || !call.args.at(0).isStr())
            return raise(PythonError::typeError(QStringLiteral("%1 expects %2").arg(call.method, set ? QStringLiteral("(name, value)") : QStringLiteral("(name,)"))));
        const QString name = call.args.at(0).toStr();
        if (const Error denied = checkAccess(*target, name, Member::Attribute))
            return raise(denied);
        result = set ? target->setAttribute(name, call.args.at(1)) : target->getAttribute(name);
    } else {
        if (call.kwargsIsNone)
            return raise(PythonError::typeError(QStringLiteral("%1() argument after ** must be a mapping, not NoneType").arg(call.method)));
        if (const Error denied = checkAccess(*target, call.method, Member::Method))
            return raise(denied);
        const bool callback = target->isCallback(call.method);
        if (oneway) {
            // Oneway calls run off the connection, so it moves on at once (ONEWAY_THREADED).
            // A oneway callback's error has no caller to go to; Pyro4 leaves it to its
            // thread's excepthook, we report it like the two-way ones but keep the connection.
            out.oneway = [this, target, call, ctx, callback] {
                CallContext::Scope scope(ctx);
                const CallResult r = target->call(call.method, call.args, call.kwargs);
                if (callback && r.isError())
                    reportCallbackError(call.objectId, call.method, r.error(), ctx.client, true);
            };
            return out;
        }
        result = target->call(call.method, call.args, call.kwargs);
        if (callback && result.isError()) {
            // Pyro sends the exception, then re-raises it in the worker, which logs it and
            // ends the connection (Daemon.handleRequest, isCallback).
            reportCallbackError(call.objectId, call.method, result.error(), info.peer, false);
            return raise(result.error(), true);
        }
    }
    if (oneway)
        return out;
    if (result.isError())
        return raise(result.error());
    if (result.isGenerator()) {
        Message marker = replyTo(request, MessageType::Result, MessageFlags(MessageFlag::Exception) | MessageFlag::ItemStreamResult,
                                 protocol == ProtocolVersion::Pyro5 ? ctx.correlationId : QByteArray());
        if (s.itemStreaming)
            marker.annotations.insert("STRM", m_daemon->streams().add(result.generator(), info.connectionId).toLatin1());
        const Value dict(Dict {
                { QStringLiteral("__class__"), PyroClassNames::of(protocol).error(QStringLiteral("ProtocolError")) },
                { QStringLiteral("__exception__"), true },
                { QStringLiteral("args"), Value::tuple({ QStringLiteral("result of call is an iterator") }) },
                { QStringLiteral("attributes"), Value(Dict { { QStringLiteral("_pyroTraceback"), Value() } }) },
        });
        auto encoded = serializer->encode(dict);
        marker.data = encoded ? encoded.value() : QByteArray();
        out.bytes = write(marker);
        return out;
    }
    out.bytes = encodeReply(request, result.value(), {}, ctx.correlationId, &out.close);
    return out;
}

} // namespace Pyro
