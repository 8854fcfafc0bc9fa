#include "browser/nameservermodel.h"

#include <QBrush>
#include <QHostAddress>
#include <QPainter>
#include <QPalette>
#include <QPixmap>

#include <algorithm>

namespace Pyro::Ui {

NameServerModel::NameServerModel(QObject *parent) : QAbstractTableModel(parent) { }

void NameServerModel::rebuildIndex()
{
    m_rowByName.clear();
    m_rowByName.reserve(m_entries.size());
    for (int i = 0; i < m_entries.size(); ++i)
        m_rowByName.insert(m_entries[i].name, i);
}

void NameServerModel::setEntries(const QList<NameServerEntry> &newEntriesIn)
{
    QList<NameServerEntry> incoming = newEntriesIn;
    std::sort(incoming.begin(), incoming.end(),
              [](const NameServerEntry &a, const NameServerEntry &b) { return a.name < b.name; });

    // Merge two sorted lists: remove vanished names, update changed ones, insert new ones.
    // Removals first (from the back so rows stay valid), then inserts in order.
    QHash<QString, const NameServerEntry *> byName;
    for (const NameServerEntry &e : incoming)
        byName.insert(e.name, &e);
    for (int row = int(m_entries.size()) - 1; row >= 0; --row) {
        if (!byName.contains(m_entries[row].name)) {
            int first = row;
            while (first > 0 && !byName.contains(m_entries[first - 1].name))
                --first;
            beginRemoveRows(QModelIndex(), first, row);
            for (int r = row; r >= first; --r)
                m_reachability.remove(m_entries[r].name);
            m_entries.remove(first, row - first + 1);
            endRemoveRows();
            row = first;
        }
    }
    // Every remaining row is in the incoming list and both are sorted, so a name that is not
    // at the current row is new: insert each run of new names with one signal (a first
    // listing of 10,000 names is one rowsInserted, not 10,000).
    int row = 0;
    qsizetype i = 0;
    while (i < incoming.size()) {
        const NameServerEntry &e = incoming[i];
        if (row < m_entries.size() && m_entries[row].name == e.name) {
            if (!(m_entries[row] == e)) {
                m_entries[row] = e;
                emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
            }
            ++row;
            ++i;
            continue;
        }
        qsizetype end = i;
        while (end < incoming.size() && !(row < m_entries.size() && m_entries[row].name == incoming[end].name))
            ++end;
        const int count = int(end - i);
        beginInsertRows(QModelIndex(), row, row + count - 1);
        m_entries.insert(row, count, NameServerEntry());
        std::copy(incoming.cbegin() + i, incoming.cbegin() + end, m_entries.begin() + row);
        endInsertRows();
        row += count;
        i = end;
    }
    rebuildIndex();
}

void NameServerModel::setReachability(const QString &name, Reachability r, const QString &detail)
{
    const int row = rowOf(name);
    if (row < 0)
        return;
    m_reachability.insert(name, { r, detail });
    const QModelIndex i = index(row, ReachabilityColumn);
    emit dataChanged(i, i);
}

void NameServerModel::setNameServerHost(const QString &host)
{
    m_nameServerHost = host;
    if (!m_entries.isEmpty())
        emit dataChanged(index(0, 0), index(int(m_entries.size()) - 1, ColumnCount - 1));
}

static bool isLoopbackHost(const QString &host)
{
    if (host == QLatin1String("localhost"))
        return true;
    const QHostAddress a(host);
    return !a.isNull() && a.isLoopback();
}

QString NameServerModel::addressWarning(const NameServerEntry &entry) const
{
    const QString host = entry.uri.host();
    if (host == QLatin1String("0.0.0.0") || host == QLatin1String("::"))
        return tr("registered with the wildcard address %1: clients cannot connect to it; "
                  "the daemon should use its real host name or NATHOST").arg(host);
    if (isLoopbackHost(host) && !m_nameServerHost.isEmpty() && !isLoopbackHost(m_nameServerHost))
        return tr("registered with the loopback address %1 of another machine: only that machine can "
                  "reach it").arg(host);
    return QString();
}

QString NameServerModel::reachabilityText(Reachability r)
{
    switch (r) {
    case Reachability::Unknown: return QString();
    case Reachability::Checking: return tr("checking…");
    case Reachability::Reachable: return tr("reachable");
    case Reachability::Refused: return tr("refused");
    case Reachability::Unreachable: return tr("no route / timeout");
    case Reachability::Rejected: return tr("reached, but rejected");
    }
    return QString();
}

int NameServerModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int NameServerModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

// A small dot before each name says whether its object answers, so that the tree can be
// a name column alone (the table view has the reachability in words).
static QPixmap reachabilityDot(NameServerModel::Reachability r, bool badAddress)
{
    QColor fill;
    if (badAddress || r == NameServerModel::Reachability::Refused || r == NameServerModel::Reachability::Unreachable)
        fill = QColor(0xc0, 0x39, 0x2b);
    else if (r == NameServerModel::Reachability::Reachable)
        fill = QColor(0x27, 0xae, 0x60);
    else if (r == NameServerModel::Reachability::Rejected)
        fill = QColor(0xd3, 0x54, 0x00);
    // Unknown and checking: a hollow grey ring, so names do not shift when the state arrives.
    QPixmap pixmap(10, 10);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(fill.isValid() ? fill.darker(120) : QColor(0x95, 0xa5, 0xa6), 1));
    painter.setBrush(fill.isValid() ? QBrush(fill) : QBrush(Qt::NoBrush));
    painter.drawEllipse(QRectF(1.5, 1.5, 7, 7));
    return pixmap;
}

QVariant NameServerModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_entries.size())
        return QVariant();
    const NameServerEntry &e = m_entries[index.row()];
    const auto reach = m_reachability.value(e.name, { Reachability::Unknown, QString() });
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn: return e.name;
        case UriColumn: return e.uri.toString();
        case LocationColumn: return e.uri.location();
        case TagsColumn: return e.metadata.join(QStringLiteral(", "));
        case ReachabilityColumn: {
            const QString warning = addressWarning(e);
            const QString text = reachabilityText(reach.first);
            if (!warning.isEmpty())
                return text.isEmpty() ? tr("bad address") : tr("%1 (bad address)").arg(text);
            return text;
        }
        }
        break;
    case Qt::DecorationRole:
        if (index.column() == NameColumn)
            return reachabilityDot(reach.first, !addressWarning(e).isEmpty());
        break;
    case Qt::ToolTipRole: {
        const QString warning = addressWarning(e);
        if (index.column() == ReachabilityColumn || index.column() == LocationColumn) {
            QStringList parts;
            if (!warning.isEmpty())
                parts << warning;
            if (!reach.second.isEmpty())
                parts << reach.second;
            return parts.join(QLatin1Char('\n'));
        }
        if (index.column() == NameColumn) {
            QStringList parts { e.uri.toString() };
            const QString text = reachabilityText(reach.first);
            if (!text.isEmpty())
                parts << (reach.second.isEmpty() ? text : QStringLiteral("%1: %2").arg(text, reach.second));
            if (!warning.isEmpty())
                parts << warning;
            return parts.join(QLatin1Char('\n'));
        }
        return e.uri.toString();
    }
    case Qt::ForegroundRole:
        if (index.column() == ReachabilityColumn) {
            if (!addressWarning(e).isEmpty() || reach.first == Reachability::Refused
                || reach.first == Reachability::Unreachable)
                return QBrush(QColor(0xc0, 0x39, 0x2b));
            if (reach.first == Reachability::Reachable)
                return QBrush(QColor(0x27, 0xae, 0x60));
        }
        break;
    case NameRole: return e.name;
    case UriRole: return e.uri.toString();
    case TagsRole: return e.metadata;
    case ReachabilityRole: return int(reach.first);
    default: break;
    }
    return QVariant();
}

QVariant NameServerModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QVariant();
    switch (section) {
    case NameColumn: return tr("Name");
    case UriColumn: return tr("URI");
    case LocationColumn: return tr("Host:port");
    case TagsColumn: return tr("Tags");
    case ReachabilityColumn: return tr("Reachability");
    }
    return QVariant();
}

} // namespace Pyro::Ui
