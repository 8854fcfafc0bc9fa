#include "links/deeplink.h"

#include <QUrl>

namespace Pyro::Ui {

namespace {

constexpr QLatin1String Scheme("pyroexplorer:");

QString decode(QStringView text)
{
    return QUrl::fromPercentEncoding(text.toUtf8());
}

} // namespace

DeepLink DeepLink::nameServer(const QString &host, int port)
{
    DeepLink link;
    link.m_kind = Kind::NameServer;
    link.m_host = host;
    link.m_port = port;
    return link;
}

DeepLink DeepLink::object(const PyroUri &uri, const QString &method)
{
    DeepLink link;
    link.m_kind = Kind::Object;
    link.m_uri = uri;
    link.m_method = method;
    return link;
}

bool DeepLink::hasScheme(QStringView text)
{
    return text.trimmed().startsWith(Scheme, Qt::CaseInsensitive);
}

QString DeepLink::location() const
{
    if (m_kind != Kind::NameServer)
        return QString();
    const QString host = m_host.contains(u':') ? u'[' + m_host + u']' : m_host;
    return host + u':' + QString::number(m_port);
}

QString DeepLink::toString() const
{
    switch (m_kind) {
    case Kind::Invalid:
        return QString();
    case Kind::NameServer:
        return QStringLiteral("pyroexplorer://ns/") + location();
    case Kind::Object: {
        // Everything but unreserved characters encoded: URIs carry ':', '@' and '/' (unix
        // sockets), which would otherwise be read as parts of our own link.
        QString text = QStringLiteral("pyroexplorer://object/") + QString::fromLatin1(QUrl::toPercentEncoding(m_uri.toString()));
        if (!m_method.isEmpty())
            text += QStringLiteral("?method=") + QString::fromLatin1(QUrl::toPercentEncoding(m_method));
        return text;
    }
    }
    return QString();
}

Result<DeepLink> DeepLink::parse(QStringView input)
{
    const QStringView text = input.trimmed();
    const auto fail = [text](const QString &why) {
        return Error(Error::Code::UsageError, tr("Not a usable pyroexplorer link: %1 (%2)").arg(why, text.toString()));
    };
    if (!hasScheme(text))
        return fail(tr("it must start with pyroexplorer://"));
    QStringView rest = text.mid(Scheme.size());
    if (!rest.startsWith(u"//"))
        return fail(tr("expected pyroexplorer://ns/… or pyroexplorer://object/…"));
    rest = rest.mid(2);
    const qsizetype slash = rest.indexOf(u'/');
    const QStringView kind = slash < 0 ? rest : rest.left(slash);
    QStringView body = slash < 0 ? QStringView() : rest.mid(slash + 1);
    QStringView query;
    if (const qsizetype q = body.indexOf(u'?'); q >= 0) {
        query = body.mid(q + 1);
        body = body.left(q);
    }
    if (body.endsWith(u'/'))
        body.chop(1);
    const QString decoded = decode(body).trimmed();

    if (kind.compare(u"ns", Qt::CaseInsensitive) == 0) {
        if (!query.isEmpty())
            return fail(tr("a name-server link takes no parameters"));
        if (decoded.isEmpty())
            return fail(tr("the name server address is missing"));
        QString host = decoded;
        int port = 9090;
        qsizetype portStart = -1;
        if (host.startsWith(u'[')) {
            const qsizetype close = host.indexOf(u']');
            if (close < 0)
                return fail(tr("unterminated '[' in the name server address"));
            if (close + 1 < host.size()) {
                if (host.at(close + 1) != u':')
                    return fail(tr("expected ':PORT' after ']'"));
                portStart = close + 2;
            }
            host = decoded.mid(1, close - 1);
        } else if (const qsizetype colon = host.lastIndexOf(u':'); colon >= 0) {
            if (host.indexOf(u':') != colon)
                return fail(tr("an IPv6 address must be in brackets, e.g. [::1]:9090"));
            portStart = colon + 1;
            host = decoded.left(colon);
        }
        if (portStart >= 0) {
            bool ok = false;
            port = decoded.mid(portStart).toInt(&ok);
            if (!ok || port < 1 || port > 65535)
                return fail(tr("'%1' is not a port number").arg(decoded.mid(portStart)));
        }
        if (host.isEmpty() || host.contains(u'/') || host.contains(u' '))
            return fail(tr("'%1' is not a host name").arg(host));
        return nameServer(host, port);
    }

    if (kind.compare(u"object", Qt::CaseInsensitive) == 0) {
        if (decoded.isEmpty())
            return fail(tr("the object URI is missing"));
        const Result<PyroUri> uri = PyroUri::parse(decoded);
        if (!uri)
            return fail(uri.error().message());
        QString method;
        if (!query.isEmpty()) {
            for (QStringView item : query.split(u'&', Qt::SkipEmptyParts)) {
                const qsizetype eq = item.indexOf(u'=');
                const QString key = decode(eq < 0 ? item : item.left(eq));
                const QString value = eq < 0 ? QString() : decode(item.mid(eq + 1)).trimmed();
                if (key != QLatin1String("method"))
                    return fail(tr("unknown parameter '%1' (only 'method' is known)").arg(key));
                if (value.isEmpty())
                    return fail(tr("the method name is empty"));
                method = value;
            }
        }
        return object(uri.value(), method);
    }

    if (kind.isEmpty())
        return fail(tr("expected pyroexplorer://ns/… or pyroexplorer://object/…"));
    return fail(tr("unknown kind '%1' (expected 'ns' or 'object')").arg(kind.toString()));
}

} // namespace Pyro::Ui
