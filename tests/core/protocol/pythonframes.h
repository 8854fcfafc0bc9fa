#pragma once

#include "peerprocess.h"
#include "protocol/message.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>

namespace Pyro::Test {

//! One message built by Python's Pyro4.message.Message (tests/peers/protocol_frames.py frames).
struct PythonFrame
{
    QByteArray name;
    Message message; // as given to Pyro4: plain payload, flags without Compressed
    QByteArray hmacKey;
    bool compress = false;
    QByteArray frame; // Message.to_bytes()
};

/*!
    Runs the peer and reads all its frames; false with \a failure set when that is impossible.
    Pyro4: tests/peers/protocol_frames.py (Pyro4.message.Message). Pyro5:
    tests/peers/pyro5_frames.py (Pyro5.protocol.SendingMessage, the vendored 5.16), whose
    flags are 502 wire bits, translated here into the logical set, with its correlation id.
*/
inline bool loadPythonFrames(QList<PythonFrame> &frames, QString &failure, ProtocolVersion protocol = ProtocolVersion::Pyro4)
{
    const bool pyro5 = protocol == ProtocolVersion::Pyro5;
    if (pyro5 && !PeerProcess::pyro5Failure().isEmpty()) {
        failure = PeerProcess::pyro5Failure();
        return false;
    }
    PeerProcess peer;
    if (!peer.start(pyro5 ? QStringLiteral("pyro5_frames.py") : QStringLiteral("protocol_frames.py"), { QStringLiteral("frames") },
                    30000, pyro5 ? PeerProcess::pyro5Environment() : QProcessEnvironment::systemEnvironment())) {
        failure = peer.failure();
        return false;
    }
    for (;;) {
        const QString line = peer.readLine();
        if (line == QLatin1String("END"))
            break;
        if (line.isEmpty()) {
            failure = QStringLiteral("the frames peer stopped before END");
            return false;
        }
        QJsonParseError error;
        const QJsonObject o = QJsonDocument::fromJson(line.toUtf8(), &error).object();
        if (error.error != QJsonParseError::NoError) {
            failure = QStringLiteral("bad line from the frames peer: ") + error.errorString();
            return false;
        }
        PythonFrame f;
        f.name = o.value(QLatin1String("name")).toString().toUtf8();
        f.message.protocol = protocol;
        f.message.type = MessageType(o.value(QLatin1String("type")).toInt());
        f.message.flags = WireFlags::fromWire(quint16(o.value(QLatin1String("flags")).toInt()), protocol);
        const QJsonValue corr = o.value(QLatin1String("corr"));
        if (corr.isString())
            f.message.correlationId = QByteArray::fromHex(corr.toString().toLatin1());
        f.message.seq = quint16(o.value(QLatin1String("seq")).toInt());
        f.message.serializerId = quint16(o.value(QLatin1String("ser")).toInt());
        for (const QJsonValue &kv : o.value(QLatin1String("ann")).toArray()) {
            const QJsonArray pair = kv.toArray();
            f.message.annotations.insert(pair.at(0).toString().toLatin1(),
                                         QByteArray::fromHex(pair.at(1).toString().toLatin1()));
        }
        f.message.data = QByteArray::fromHex(o.value(QLatin1String("payload")).toString().toLatin1());
        const QJsonValue key = o.value(QLatin1String("key"));
        if (!key.isNull())
            f.hmacKey = QByteArray::fromHex(key.toString().toLatin1());
        f.compress = o.value(QLatin1String("compress")).toBool();
        f.frame = QByteArray::fromHex(o.value(QLatin1String("frame")).toString().toLatin1());
        frames.append(f);
    }
    if (frames.isEmpty()) {
        failure = QStringLiteral("the frames peer printed no frames");
        return false;
    }
    return true;
}

//! The wire flags of each frame in \a raw (walks the headers; for checking what was on the wire).
inline QList<quint16> wireFlagsOf(const QByteArray &raw)
{
    QList<quint16> flags;
    qsizetype pos = 0;
    while (raw.size() - pos >= MessageHeaderSize) {
        const auto *p = reinterpret_cast<const uchar *>(raw.constData() + pos);
        flags.append(quint16(p[8] << 8 | p[9]));
        const qint64 dataSize = qint64(p[12]) << 24 | p[13] << 16 | p[14] << 8 | p[15];
        const int annSize = p[18] << 8 | p[19];
        pos += MessageHeaderSize + annSize + dataSize;
    }
    return flags;
}

} // namespace Pyro::Test

