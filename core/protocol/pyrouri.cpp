#include "protocol/pyrouri.h"

#include "protocol/pyroclassnames.h"

#include <limits>
#include <optional>

namespace Pyro {

namespace {

constexpr int NsPort = 9090; // Pyro4 config.NS_PORT, the default for PYRONAME/PYROMETA

Error uriError(const QString &message, QStringView text)
{
    return Error(Error::Code::InvalidUri, message, text.toString());
}

// Python's str.isspace(), which is what \S in a str regex excludes: QChar's separators plus
// the ASCII file/group/record/unit separators 0x1c..0x1f that Python also counts.
bool isPySpace(QChar c)
{
    const char16_t u = c.unicode();
    return c.isSpace() || (u >= 0x1c && u <= 0x1f);
}

bool isAsciiLetter(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z');
}

/*
    Python's int(str) for a port: surrounding whitespace, an optional sign, decimal digits
    (any Unicode Nd digit, as Python accepts), single underscores between digits. The
    value must fit an int here; Python would accept any size, but no such port can exist.
*/
std::optional<int> pyIntPort(QStringView s)
{
    qsizetype b = 0, e = s.size();
    while (b < e && isPySpace(s[b]))
        ++b;
    while (e > b && isPySpace(s[e - 1]))
        --e;
    if (b == e)
        return std::nullopt;
    bool negative = false;
    if (s[b] == u'+' || s[b] == u'-') {
        negative = s[b] == u'-';
        ++b;
    }
    if (b == e)
        return std::nullopt;
    qint64 value = 0;
    bool lastWasDigit = false;
    for (qsizetype i = b; i < e; ++i) {
        const QChar c = s[i];
        if (c == u'_') {
            if (!lastWasDigit)
                return std::nullopt;
            lastWasDigit = false;
            continue;
        }
        const int d = c.digitValue();
        if (d < 0 || c.category() != QChar::Number_DecimalDigit)
            return std::nullopt;
        value = value * 10 + d;
        if (value > std::numeric_limits<int>::max())
            return std::nullopt;
        lastWasDigit = true;
    }
    if (!lastWasDigit)
        return std::nullopt;
    return int(negative ? -value : value);
}

struct Location
{
    QString host;
    int port = 0;
    QString socketPath;
};

// Pyro4 URI._parseLocation(); defaultPort < 0 stands for Python's None (plain PYRO: URIs).
Result<Location> parseLocation(QStringView location, int defaultPort, QStringView text)
{
    Location loc;
    if (location.startsWith(u"./u:")) {
        loc.socketPath = location.mid(4).toString();
        if (loc.socketPath.isEmpty() || loc.socketPath.contains(u':'))
            return uriError(QStringLiteral("invalid uri (location)"), text);
        return loc;
    }
    std::optional<QStringView> portText; // nullopt: Python's None
    if (location.startsWith(u'[')) {
        if (location.startsWith(u"[["))
            return uriError(QStringLiteral("invalid ipv6 address: enclosed in too many brackets"), text);
        // re.match(r"\[([0-9a-fA-F:%]+)](:(\d+))?", location): anchored at the start only.
        qsizetype i = 1;
        while (i < location.size()) {
            const QChar c = location[i];
            if (!(c.isDigit() && c.unicode() < 128) && !(c >= u'a' && c <= u'f') && !(c >= u'A' && c <= u'F')
                && c != u':' && c != u'%')
                break;
            ++i;
        }
        if (i == 1 || i >= location.size() || location[i] != u']')
            return uriError(QStringLiteral("invalid ipv6 address: the part between brackets must be a numeric "
                                           "ipv6 address"),
                            text);
        loc.host = location.mid(1, i - 1).toString();
        ++i;
        if (i < location.size() && location[i] == u':') {
            qsizetype j = i + 1;
            while (j < location.size() && location[j].category() == QChar::Number_DecimalDigit)
                ++j;
            if (j > i + 1)
                portText = location.mid(i + 1, j - i - 1);
        }
    } else {
        const qsizetype colon = location.indexOf(u':');
        if (colon < 0) {
            loc.host = location.toString();
        } else {
            loc.host = location.left(colon).toString();
            portText = location.mid(colon + 1);
        }
    }
    if (!portText || portText->isEmpty()) { // Python: "if not self.port: self.port = defaultPort"
        if (defaultPort < 0)
            return uriError(QStringLiteral("invalid port in uri, port=None"), text);
        loc.port = defaultPort;
        return loc;
    }
    const std::optional<int> port = pyIntPort(*portText);
    if (!port)
        return uriError(QStringLiteral("invalid port in uri, port=") + portText->toString(), text);
    loc.port = *port;
    return loc;
}

QString protocolName(PyroUri::Protocol p)
{
    switch (p) {
    case PyroUri::Protocol::Pyro: return QStringLiteral("PYRO");
    case PyroUri::Protocol::PyroName: return QStringLiteral("PYRONAME");
    case PyroUri::Protocol::PyroMeta: return QStringLiteral("PYROMETA");
    }
    return QString();
}

QStringList uniqueTags(const QStringList &tags)
{
    QStringList out;
    for (const QString &t : tags) {
        if (!out.contains(t))
            out.append(t);
    }
    return out;
}

} // namespace

/*
    Pyro4 matches r"(?P<protocol>[Pp][Yy][Rr][Oo][a-zA-Z]*):(?P<object>\S+?)(@(?P<location>.+))?$"
    with re.match. This is that regex by hand, with Python's semantics kept: '$' also matches
    before one final '\n', '.' excludes '\n', \S is Unicode-aware, the object is the
    shortest run that lets the rest match (so it ends at the first usable '@').
*/
Result<PyroUri> PyroUri::parse(QStringView text)
{
    const qsizetype len = text.size();
    auto atEnd = [&](qsizetype pos) { return pos == len || (pos == len - 1 && text[pos] == u'\n'); };

    static const QLatin1String pyro("PYRO");
    qsizetype i = 0;
    if (len < 4 || text.left(4).compare(pyro, Qt::CaseInsensitive) != 0)
        return uriError(QStringLiteral("invalid uri"), text);
    i = 4;
    while (i < len && isAsciiLetter(text[i]))
        ++i;
    if (i >= len || text[i] != u':')
        return uriError(QStringLiteral("invalid uri"), text);
    const QString protocol = text.left(i).toString().toUpper();
    const qsizetype objectStart = i + 1;

    qsizetype objectEnd = -1;
    std::optional<QStringView> location;
    for (qsizetype j = objectStart + 1; j <= len; ++j) {
        if (isPySpace(text[j - 1]))
            break; // the object cannot grow past whitespace
        if (j < len && text[j] == u'@') {
            // (@.+)$ : greedy .+ stops at the first '\n'; $ must hold there.
            qsizetype k = j + 1;
            while (k < len && text[k] != u'\n')
                ++k;
            if (k > j + 1 && atEnd(k)) {
                objectEnd = j;
                location = text.mid(j + 1, k - j - 1);
                break;
            }
        }
        if (atEnd(j)) {
            objectEnd = j;
            break;
        }
    }
    if (objectEnd < 0)
        return uriError(QStringLiteral("invalid uri"), text);

    PyroUri uri;
    uri.m_object = text.mid(objectStart, objectEnd - objectStart).toString();
    int defaultPort = NsPort;
    if (protocol == QLatin1String("PYRONAME")) {
        uri.m_protocol = Protocol::PyroName;
    } else if (protocol == QLatin1String("PYRO")) {
        uri.m_protocol = Protocol::Pyro;
        if (!location)
            return uriError(QStringLiteral("invalid uri"), text);
        defaultPort = -1;
    } else if (protocol == QLatin1String("PYROMETA")) {
        uri.m_protocol = Protocol::PyroMeta;
        QStringList tags;
        for (const QString &t : uri.m_object.split(u','))
            tags.append(t.trimmed());
        uri.m_tags = uniqueTags(tags);
        uri.m_object = uri.m_tags.join(u',');
    } else {
        return uriError(QStringLiteral("invalid uri (protocol)"), text);
    }
    if (location) {
        const Result<Location> loc = parseLocation(*location, defaultPort, text);
        if (!loc)
            return loc.error();
        uri.m_host = loc.value().host;
        uri.m_port = loc.value().port;
        uri.m_socketPath = loc.value().socketPath;
    }
    uri.m_valid = true;
    return uri;
}

PyroUri PyroUri::pyro(const QString &objectId, const QString &host, int port)
{
    PyroUri uri;
    uri.m_valid = true;
    uri.m_protocol = Protocol::Pyro;
    uri.m_object = objectId;
    uri.m_host = host;
    uri.m_port = port;
    return uri;
}

PyroUri PyroUri::unixSocket(const QString &objectId, const QString &path)
{
    PyroUri uri;
    uri.m_valid = true;
    uri.m_protocol = Protocol::Pyro;
    uri.m_object = objectId;
    uri.m_socketPath = path;
    return uri;
}

QString PyroUri::location() const
{
    if (!m_host.isEmpty()) {
        if (m_host.contains(u':'))
            return u'[' + m_host + QStringLiteral("]:") + QString::number(m_port);
        return m_host + u':' + QString::number(m_port);
    }
    if (!m_socketPath.isEmpty())
        return QStringLiteral("./u:") + m_socketPath;
    return QString();
}

QString PyroUri::toString() const
{
    if (!m_valid)
        return QString();
    QString out = protocolName(m_protocol) + u':' + m_object;
    const QString loc = location();
    if (!loc.isEmpty())
        out += u'@' + loc;
    return out;
}

Value PyroUri::toValue(ProtocolVersion v) const
{
    Value object = m_object;
    if (m_protocol == Protocol::PyroMeta) {
        ValueList tags;
        for (const QString &t : m_tags)
            tags.append(t);
        object = Value::set(tags);
    }
    const bool hasLocation = isUnixSocket() || !m_host.isEmpty() || m_port != 0;
    Value host = !isUnixSocket() && hasLocation ? Value(m_host) : Value();
    Value port = !isUnixSocket() && hasLocation ? Value(m_port) : Value();
    Value sockname = isUnixSocket() ? Value(m_socketPath) : Value();
    return Dict {
        { QStringLiteral("__class__"), PyroClassNames::of(v).uri },
        { QStringLiteral("state"),
          Value::tuple({ protocolName(m_protocol), object, sockname, host, port }) },
    };
}

Result<PyroUri> PyroUri::fromValue(const Value &value)
{
    if (value.isStr())
        return parse(value.toStr());
    const QString detail = value.repr();
    auto bad = [&](const QString &why) {
        return Error(Error::Code::InvalidUri, QStringLiteral("invalid URI object: ") + why, detail);
    };
    if (!value.isDict()
        || (value.className() != QLatin1String("Pyro4.core.URI") && value.className() != QLatin1String("Pyro5.core.URI")))
        return bad(QStringLiteral("expected a str or a Pyro4.core.URI or Pyro5.core.URI dict, got ") + value.typeName());
    const Value state = value.toDict().value(QStringLiteral("state"));
    if (!state.isSequence() || state.items().size() != 5)
        return bad(QStringLiteral("state must be a 5-tuple"));
    const ValueList &s = state.items();
    if (!s[0].isStr())
        return bad(QStringLiteral("protocol must be a str"));
    PyroUri uri;
    const QString protocol = s[0].toStr().toUpper();
    if (protocol == QLatin1String("PYRO"))
        uri.m_protocol = Protocol::Pyro;
    else if (protocol == QLatin1String("PYRONAME"))
        uri.m_protocol = Protocol::PyroName;
    else if (protocol == QLatin1String("PYROMETA"))
        uri.m_protocol = Protocol::PyroMeta;
    else
        return bad(QStringLiteral("unknown protocol ") + s[0].toStr());

    if (uri.m_protocol == Protocol::PyroMeta && s[1].hasItems()) {
        QStringList tags;
        for (const Value &t : s[1].items()) {
            if (!t.isStr())
                return bad(QStringLiteral("metadata tags must be str"));
            tags.append(t.toStr());
        }
        uri.m_tags = uniqueTags(tags);
        uri.m_object = uri.m_tags.join(u',');
    } else if (s[1].isStr()) {
        uri.m_object = s[1].toStr();
        if (uri.m_protocol == Protocol::PyroMeta) {
            for (const QString &t : uri.m_object.split(u','))
                uri.m_tags.append(t.trimmed());
            uri.m_tags = uniqueTags(uri.m_tags);
        }
    } else {
        return bad(QStringLiteral("object must be a str"));
    }
    if (uri.m_object.isEmpty() && uri.m_protocol != Protocol::PyroMeta)
        return bad(QStringLiteral("empty object"));

    if (!s[2].isNone() && !s[2].isStr())
        return bad(QStringLiteral("sockname must be a str or None"));
    if (!s[3].isNone() && !s[3].isStr())
        return bad(QStringLiteral("host must be a str or None"));
    if (!s[4].isNone() && !s[4].isInt())
        return bad(QStringLiteral("port must be an int or None"));
    uri.m_socketPath = s[2].toStr();
    if (!uri.isUnixSocket()) {
        uri.m_host = s[3].toStr();
        bool ok = true;
        const qint64 port = s[4].isNone() ? 0 : s[4].toInt64(&ok);
        if (!ok || port < std::numeric_limits<int>::min() || port > std::numeric_limits<int>::max())
            return bad(QStringLiteral("port out of range"));
        uri.m_port = int(port);
    }
    if (uri.m_protocol == Protocol::Pyro && !uri.isUnixSocket() && s[4].isNone())
        return bad(QStringLiteral("a PYRO URI needs a port"));
    uri.m_valid = true;
    return uri;
}

} // namespace Pyro
