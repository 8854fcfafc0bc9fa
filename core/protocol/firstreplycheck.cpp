#include "protocol/firstreplycheck.h"

#include "protocol/message.h"

#include <QtEndian>

namespace Pyro {

namespace {

QString hexHead(QByteArrayView head, qsizetype count)
{
    return QString::fromLatin1(head.first(qMin(head.size(), count)).toByteArray().toHex(' '));
}

bool isTextByte(uchar c)
{
    return c == '\t' || c == '\r' || c == '\n' || (c >= 0x20 && c != 0x7F);
}

// A TLS record header: alert (21) or handshake (22), then major version 3.
bool isTlsRecord(QByteArrayView head)
{
    return head.size() >= 3 && (uchar(head[0]) == 0x15 || uchar(head[0]) == 0x16) && uchar(head[1]) == 0x03
            && uchar(head[2]) <= 0x04;
}

} // namespace

FirstReplyCheck::Verdict FirstReplyCheck::examine(QByteArrayView head, const QString &peer, bool atEnd)
{
    head = head.first(qMin(head.size(), HeadSize));
    Verdict v;
    if (head.isEmpty())
        return v;
    const QByteArrayView magic("PYRO");
    const qsizetype magicHave = qMin<qsizetype>(head.size(), magic.size());
    if (head.first(magicHave) == magic.first(magicHave)) {
        if (head.size() < 6)
            return v; // a prefix of a Pyro header: wait, or let the caller report the close
        const quint16 version = qFromBigEndian<quint16>(head.data() + 4);
        if (const std::optional<ProtocolVersion> known = ProtocolInfo::fromWire(version)) {
            v.kind = Pyro;
            v.protocol = *known;
            return v;
        }
        v.kind = Foreign;
        v.error = Error(Error::Code::ProtocolMismatch,
                        tr("The server at %1 speaks Pyro protocol %2; Pyro Explorer speaks Pyro4 (protocol 48) and Pyro5 (protocol 502)")
                                .arg(peer)
                                .arg(version),
                        tr("protocol version %1 in the reply header (%2)").arg(version).arg(hexHead(head, 8)));
        return v;
    }

    const QString detail = tr("first bytes of the reply: %1").arg(hexHead(head, 16));
    if (isTlsRecord(head)) {
        v.kind = Foreign;
        v.error = Error(Error::Code::NotPyro,
                        tr("The server at %1 answered with TLS; connect to it with TLS switched on").arg(peer), detail);
        return v;
    }
    qsizetype lineEnd = 0;
    bool text = true;
    while (lineEnd < head.size() && head[lineEnd] != '\r' && head[lineEnd] != '\n') {
        text = text && isTextByte(uchar(head[lineEnd]));
        ++lineEnd;
    }
    if (!text || lineEnd == 0) {
        // Binary data (or an empty first line): a short hex excerpt says more than mojibake.
        if (!atEnd && head.size() < 3)
            return v;
        v.kind = Foreign;
        v.error = Error(Error::Code::NotPyro,
                        tr("The server at %1 does not speak Pyro (it answered the bytes %2)").arg(peer, hexHead(head, 8)),
                        detail);
        return v;
    }
    const bool wholeLine = lineEnd < head.size();
    if (!atEnd && !wholeLine && lineEnd < MaxExcerpt)
        return v; // text without its line end yet: wait so the quote is not cut short
    QString excerpt = QString::fromUtf8(head.first(qMin(lineEnd, MaxExcerpt))).trimmed();
    if (lineEnd > MaxExcerpt)
        excerpt += QStringLiteral("...");
    v.kind = Foreign;
    v.error = Error(Error::Code::NotPyro, tr("The server at %1 does not speak Pyro (it answered '%2')").arg(peer, excerpt),
                    detail);
    return v;
}

} // namespace Pyro
