#include "protocol/connectfail.h"

#include "serializers/serializer.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QtEndian>

namespace Pyro {

QByteArray encodeMarshalString(const QString &text)
{
    bool ascii = true;
    for (QChar c : text) {
        if (c.unicode() > 0x7F) {
            ascii = false;
            break;
        }
    }
    const QByteArray bytes = ascii ? text.toLatin1() : text.toUtf8();
    QByteArray out;
    if (ascii && bytes.size() < 256) {
        out += 'z';
        out += char(bytes.size());
    } else {
        out += ascii ? 'a' : 'u';
        char len[4];
        qToLittleEndian<quint32>(quint32(bytes.size()), len);
        out.append(len, 4);
    }
    return out + bytes;
}

std::optional<QString> decodeMarshalString(QByteArrayView data)
{
    if (data.isEmpty())
        return std::nullopt;
    const char code = char(data[0] & 0x7F); // FLAG_REF (0x80) only matters for back-references
    qsizetype headerSize = 0;
    qint64 length = 0;
    bool utf8 = false;
    switch (code) {
    case 'z': // short ASCII, u8 length
    case 'Z':
        if (data.size() < 2)
            return std::nullopt;
        headerSize = 2;
        length = quint8(data[1]);
        break;
    case 'u': // UTF-8, u32 LE length
    case 't':
        utf8 = true;
        Q_FALLTHROUGH();
    case 'a': // ASCII, u32 LE length
    case 'A':
        if (data.size() < 5)
            return std::nullopt;
        headerSize = 5;
        length = qFromLittleEndian<quint32>(data.data() + 1);
        break;
    default:
        return std::nullopt;
    }
    if (data.size() - headerSize != length)
        return std::nullopt;
    const QByteArrayView text = data.sliced(headerSize);
    // marshal writes UTF-8 with "surrogatepass"; lone surrogates become U+FFFD here, fine for a message
    return utf8 ? QString::fromUtf8(text) : QString::fromLatin1(text);
}

namespace {

// A whole quoted string without escapes, e.g. serpent 'unknown object' or json "unknown object".
std::optional<QString> plainQuoted(QByteArrayView text, bool allowSingleQuotes)
{
    text = text.trimmed();
    if (text.size() < 2)
        return std::nullopt;
    const char q = text.front();
    if (!(q == '"' || (allowSingleQuotes && q == '\'')) || text.back() != q)
        return std::nullopt;
    const QByteArrayView inner = text.sliced(1, text.size() - 2);
    if (inner.contains('\\') || inner.contains(q))
        return std::nullopt;
    return QString::fromUtf8(inner);
}

} // namespace

QString connectFailReason(const Message &msg)
{
    const QByteArrayView data(msg.data);
    // Serializer ids are numbered per protocol: marshal is 3 in 48 and 2 in 502.
    const std::optional<SerializerId> id = ProtocolInfo::serializerFromWire(msg.serializerId, msg.protocol);
    if (id == SerializerId::Marshal) {
        if (auto s = decodeMarshalString(data))
            return *s;
    }
    if (const Serializer *serializer = id ? Serializer::byId(*id) : nullptr) {
        const Result<Value> v = serializer->decode(data);
        if (v && v.value().isStr())
            return v.value().toStr();
    }
    if (id == SerializerId::Serpent) {
        // Skip serpent's "# serpent utf-8 python3.2" header line.
        QByteArrayView body = data;
        if (body.startsWith("#")) {
            const qsizetype nl = body.indexOf('\n');
            body = nl < 0 ? QByteArrayView() : body.sliced(nl + 1);
        }
        if (auto s = plainQuoted(body, true))
            return *s;
    } else if (id == SerializerId::Json) {
        if (auto s = plainQuoted(data, false))
            return *s;
    }
    return QString::fromUtf8(data);
}

QString refusedSerializerName(const QString &reason)
{
    static const QRegularExpression re(QStringLiteral("^message used serializer that is not accepted: (\\d{1,5})$"));
    const QRegularExpressionMatch m = re.match(reason.trimmed());
    if (!m.hasMatch())
        return QString();
    const int id = m.captured(1).toInt();
    // Pyro4's names for its ids; dill and cloudpickle share the pickle decoder but not the name.
    static const char *const names[] = { nullptr, "serpent", "json", "marshal", "pickle", "dill", "msgpack", "cloudpickle" };
    if (id > 0 && id < int(std::size(names)))
        return QString::fromLatin1(names[id]);
    return QCoreApplication::translate("Pyro::ConnectFail", "number %1").arg(id);
}

Error connectFailError(const QString &reason, const QString &peer)
{
    const auto rejected = [&](Error::Code code) {
        return Error(code, QCoreApplication::translate("Pyro::ConnectFail", "connection to %1 rejected: %2").arg(peer, reason), reason);
    };
    if (reason.contains(QLatin1String("hmac")))
        return rejected(Error::Code::SecurityError);
    const QString name = refusedSerializerName(reason);
    if (name.isEmpty())
        return rejected(Error::Code::HandshakeRejected);
    QStringList others = Serializer::names();
    others.removeAll(name);
    return Error(Error::Code::UnsupportedSerializer,
                 QCoreApplication::translate("Pyro::ConnectFail",
                                             "The server at %1 refuses the %2 serializer and does not say which ones it "
                                             "accepts; try another one (%3)")
                         .arg(peer, name, others.join(QStringLiteral(", "))),
                 reason);
}

} // namespace Pyro
