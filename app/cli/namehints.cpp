#include "namehints.h"

#include "clicontext.h"

#include "client/pendingcall.h"
#include "naming/nameserverlocator.h"

#include <QProcessEnvironment>
#include <QSet>

#include <algorithm>
#include <vector>

namespace Pyro::Cli {

namespace {

const QString nameServerName = QStringLiteral("Pyro.NameServer");

// "PYRONAME", "PYRO", "PYROMETA" or "" for the text before the first colon (typos included).
QString schemeOf(const QString &text)
{
    const qsizetype colon = text.indexOf(u':');
    if (colon < 0)
        return QString();
    const QString given = text.left(colon).toUpper();
    for (const char *s : { "PYRO", "PYRONAME", "PYROMETA" })
        if (given == QLatin1String(s))
            return given;
    const QStringList best = NameHints::closest(given, { QStringLiteral("PYRONAME"), QStringLiteral("PYROMETA"), QStringLiteral("PYRO") }, 1);
    return best.value(0);
}

QString joined(const QStringList &items)
{
    return items.join(QLatin1String(", "));
}

} // namespace

NameHints::NameHints(CliContext &ctx) : m_ctx(ctx) { }

void NameHints::setNameServer(const QString &host, int port)
{
    m_nsHost = host;
    m_nsPort = port;
}

const QList<NameServerEntry> *NameHints::registrations()
{
    if (m_asked)
        return m_entries ? &*m_entries : nullptr;
    m_asked = true;
    LocateOptions o = LocateOptions::fromEnvironment();
    if (!m_nsHost.isEmpty()) {
        o.host = m_nsHost;
        o.port = m_nsPort;
    } else if (!m_ctx.options().nsLocation.isEmpty()) {
        o.host = m_ctx.options().nsHost;
        o.port = m_ctx.options().nsPort;
    } else if (m_onlyIfCheap && o.host.isEmpty()) {
        return nullptr;
    }
    const ProxySettings settings = m_ctx.options().nameServerSettings();
    const Result<PyroUri> ns = CliContext::wait(NameServerLocator::locate(o, settings, &m_ctx));
    if (!ns)
        return nullptr;
    NameServerClient client(ns.value(), settings);
    PendingCall *call = client.list({}, true);
    CliContext::wait(call);
    const Result<QList<NameServerEntry>> entries = call->error() ? Result<QList<NameServerEntry>>(call->error())
                                                                 : NameServerClient::entriesFromListResult(call->result());
    delete call;
    if (!entries)
        return nullptr;
    m_entries = QList<NameServerEntry>();
    for (const NameServerEntry &e : entries.value())
        if (e.name != nameServerName)
            m_entries->append(e);
    return &*m_entries;
}

const NameServerEntry *NameHints::registered(const QString &name)
{
    const QList<NameServerEntry> *all = registrations();
    if (!all || name.isEmpty())
        return nullptr;
    for (const NameServerEntry &e : *all)
        if (e.name == name)
            return &e;
    return nullptr;
}

int NameHints::distance(QStringView a, QStringView b)
{
    const qsizetype n = a.size(), m = b.size();
    if (n > 200 || m > 200)
        return int(std::max(n, m)); // not a typo of each other; keeps the table small
    std::vector<int> prev2(size_t(m + 1)), prev(size_t(m + 1)), cur(size_t(m + 1));
    for (qsizetype j = 0; j <= m; ++j)
        prev[size_t(j)] = int(j);
    for (qsizetype i = 1; i <= n; ++i) {
        cur[0] = int(i);
        for (qsizetype j = 1; j <= m; ++j) {
            const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
            int d = std::min({ prev[size_t(j)] + 1, cur[size_t(j - 1)] + 1, prev[size_t(j - 1)] + cost });
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                d = std::min(d, prev2[size_t(j - 2)] + 1);
            cur[size_t(j)] = d;
        }
        std::swap(prev2, prev);
        std::swap(prev, cur);
    }
    return prev[size_t(m)];
}

QStringList NameHints::closest(const QString &word, const QStringList &candidates, int max)
{
    if (word.isEmpty())
        return {};
    const int limit = word.size() <= 4 ? 1 : word.size() <= 8 ? 2 : 3;
    const QString lower = word.toLower();
    std::vector<std::pair<int, QString>> scored;
    for (const QString &c : candidates) {
        if (c == word)
            continue;
        int score = distance(lower, c.toLower());
        if (score > limit) {
            // "lab" for "example.lab", "example" for "example.lab"
            if (c.endsWith(u'.' + word) || c.startsWith(word + u'.'))
                score = limit + 1;
            else
                continue;
        }
        scored.emplace_back(score, c);
    }
    std::sort(scored.begin(), scored.end());
    QStringList out;
    for (const auto &s : scored) {
        if (out.size() >= max)
            break;
        out.append(s.second);
    }
    return out;
}

QStringList NameHints::nearNames(const QString &name, int max)
{
    const QList<NameServerEntry> *all = registrations();
    if (!all)
        return {};
    QStringList names;
    for (const NameServerEntry &e : *all)
        names.append(e.name);
    return closest(name, names, max);
}

QStringList NameHints::namesOf(const PyroUri &uri)
{
    QStringList out;
    if (const QList<NameServerEntry> *all = registrations())
        for (const NameServerEntry &e : *all)
            if (e.uri == uri)
                out.append(e.name);
    return out;
}

QList<NameServerEntry> NameHints::withObjectId(const QString &objectId)
{
    QList<NameServerEntry> out;
    if (const QList<NameServerEntry> *all = registrations())
        for (const NameServerEntry &e : *all)
            if (e.uri.protocol() == PyroUri::Protocol::Pyro && e.uri.object() == objectId)
                out.append(e);
    return out;
}

QString NameHints::forUnknownName(const QString &name)
{
    const QStringList near = nearNames(name);
    if (near.isEmpty())
        return QString();
    return QStringLiteral("(registered names close to '%1': %2)\n").arg(name, joined(near));
}

QString NameHints::forUnknownTags(const QStringList &tags)
{
    const QList<NameServerEntry> *all = registrations();
    if (!all)
        return QString();
    QStringList known;
    for (const NameServerEntry &e : *all)
        for (const QString &t : e.metadata)
            if (!known.contains(t))
                known.append(t);
    if (known.isEmpty())
        return QStringLiteral("(no registration at the name server has metadata tags)\n");
    known.sort();
    // Each unknown tag replaced by its closest known one: offered when some registration has them all.
    QStringList fixed;
    for (const QString &t : tags) {
        if (known.contains(t)) {
            fixed.append(t);
            continue;
        }
        const QStringList c = closest(t, known, 1);
        if (c.isEmpty())
            break;
        fixed.append(c.first());
    }
    if (fixed.size() == tags.size() && fixed != tags) {
        for (const NameServerEntry &e : *all) {
            if (std::all_of(fixed.cbegin(), fixed.cend(), [&e](const QString &t) { return e.metadata.contains(t); }))
                return QStringLiteral("(PYROMETA:%1 would find '%2')\n").arg(fixed.join(u','), e.name);
        }
    }
    const QStringList shown = known.mid(0, 10);
    return QStringLiteral("(tags registered at the name server: %1%2)\n").arg(joined(shown), known.size() > 10 ? QStringLiteral(", ...") : QString());
}

QString NameHints::forBadUri(const QString &text)
{
    const QString scheme = schemeOf(text);
    const qsizetype colon = text.indexOf(u':');
    const QString rest = colon >= 0 ? text.mid(colon + 1) : text;
    const qsizetype at = rest.indexOf(u'@');
    const QString object = at >= 0 ? rest.left(at) : rest;
    const bool exactScheme = colon >= 0 && text.left(colon).toUpper() == scheme;
    QString needs;
    // (A bare name that is no valid name gets only what is registered close to it.)
    if (colon >= 0 && !exactScheme)
        needs = QStringLiteral("a URI starts with PYRO:, PYRONAME: or PYROMETA:");
    else if (scheme == QLatin1String("PYRO"))
        needs = QStringLiteral("a PYRO: URI needs @host:port");
    else if (scheme == QLatin1String("PYROMETA") && object.trimmed().isEmpty())
        needs = QStringLiteral("PYROMETA: needs at least one tag");

    QStringList works;
    if (scheme == QLatin1String("PYROMETA")) {
        QStringList tags;
        for (const QString &t : object.split(u',', Qt::SkipEmptyParts))
            if (!t.trimmed().isEmpty())
                tags.append(t.trimmed());
        if (!tags.isEmpty()) {
            if (const QList<NameServerEntry> *all = registrations())
                for (const NameServerEntry &e : *all)
                    if (std::all_of(tags.cbegin(), tags.cend(), [&e](const QString &t) { return e.metadata.contains(t); })) {
                        works.append(QStringLiteral("PYROMETA:") + tags.join(u','));
                        break;
                    }
        }
        if (works.isEmpty()) {
            const QString tagHint = forUnknownTags(tags);
            if (!tagHint.isEmpty())
                works.append(tagHint.mid(1, tagHint.size() - 3)); // without "(" and ")\n"
        }
    } else if (!object.isEmpty()) {
        if (registered(object))
            works.append(QStringLiteral("PYRONAME:") + object);
        for (const NameServerEntry &e : withObjectId(object)) {
            const QString uri = e.uri.toString();
            if (!works.contains(uri))
                works.append(uri);
            if (works.size() >= 4)
                break;
        }
        if (works.isEmpty()) {
            QStringList near;
            for (const QString &n : nearNames(object, 3))
                near.append(QStringLiteral("PYRONAME:") + n);
            if (!near.isEmpty())
                works.append(QStringLiteral("close registered names: ") + joined(near));
        } else {
            works.first().prepend(QStringLiteral("registered at the name server: "));
        }
    }
    if (works.isEmpty() && needs.isEmpty())
        return QString();
    QStringList parts;
    if (!needs.isEmpty())
        parts.append(needs);
    if (!works.isEmpty())
        parts.append(joined(works));
    return u'(' + parts.join(QLatin1String("; ")) + QStringLiteral(")\n");
}

QString NameHints::forUnreachable(const PyroUri &uri)
{
    if (uri.protocol() != PyroUri::Protocol::Pyro)
        return QString();
    // The same object id registered at another address, one line per address with its names.
    QList<PyroUri> addresses;
    QList<QStringList> names;
    for (const NameServerEntry &e : withObjectId(uri.object())) {
        if (e.uri == uri)
            continue;
        const qsizetype i = addresses.indexOf(e.uri);
        if (i >= 0) {
            names[i].append(QStringLiteral("PYRONAME:") + e.name);
        } else if (addresses.size() < 3) {
            addresses.append(e.uri);
            names.append({ QStringLiteral("PYRONAME:") + e.name });
        }
    }
    QStringList works;
    for (qsizetype i = 0; i < addresses.size(); ++i)
        works.append(QStringLiteral("%1 (%2)").arg(addresses.at(i).toString(), joined(names.at(i))));
    if (const NameServerEntry *e = registered(uri.object()); e && !(e->uri == uri) && !addresses.contains(e->uri))
        works.append(QStringLiteral("%1 (PYRONAME:%2)").arg(e->uri.toString(), e->name));
    if (works.isEmpty())
        return QString();
    return QStringLiteral("(the name server has it elsewhere: %1)\n").arg(joined(works));
}

QString NameHints::forNameCommand(const QString &subcommand, const QString &given, const QStringList &rest)
{
    QString tail;
    for (const QString &r : rest)
        tail += u' ' + r;
    const QString scheme = schemeOf(given);
    if (!scheme.isEmpty()) {
        const QString head = QStringLiteral("(ns %1 takes a NAME, not a URI").arg(subcommand);
        const Result<PyroUri> uri = PyroUri::parse(given);
        QString name;
        if (uri && uri.value().protocol() == PyroUri::Protocol::Pyro) {
            const QStringList names = namesOf(uri.value());
            if (!names.isEmpty())
                return QStringLiteral("%1; registered under that URI: ns %2 %3%4)\n").arg(head, subcommand, names.first(), tail);
            return head + QStringLiteral(")\n");
        }
        if (scheme != QLatin1String("PYROMETA")) {
            const qsizetype colon = given.indexOf(u':');
            name = given.mid(colon + 1).section(u'@', 0, 0);
        }
        if (!name.isEmpty() && registered(name))
            return QStringLiteral("%1: ns %2 %3%4)\n").arg(head, subcommand, name, tail);
        const QStringList near = name.isEmpty() ? QStringList() : nearNames(name, 3);
        if (!near.isEmpty())
            return QStringLiteral("%1; registered names close to '%2': %3)\n").arg(head, name, joined(near));
        return head + QStringLiteral(")\n");
    }
    return forUnknownName(given);
}

} // namespace Pyro::Cli
