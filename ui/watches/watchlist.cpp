#include "watches/watchlist.h"

#include "session/session.h"

#include <QBrush>
#include <QFontDatabase>
#include <QLocale>
#include <QPalette>
#include <QSettings>

#include <utility>

namespace Pyro::Ui {

namespace {
constexpr int MaxValueText = 200;
}

WatchList::WatchList(Session *session, QObject *parent) : QAbstractTableModel(parent), m_session(session)
{
    load(session->nameServer());
    connect(session, &Session::nameServerChanged, this, &WatchList::load);
}

WatchList::~WatchList()
{
    // No model signals from a destructor: views and their owners may be half gone.
    qDeleteAll(std::exchange(m_watches, {}));
}

QString WatchList::settingsGroup(const QString &hostPort)
{
    return QStringLiteral("watches/%1").arg(hostPort.isEmpty() ? QStringLiteral("direct") : hostPort);
}

void WatchList::setReconnectInterval(int ms)
{
    m_reconnectMs = ms;
    for (Watch *w : std::as_const(m_watches))
        w->setReconnectInterval(ms);
}

Watch *WatchList::create(const QString &uri, const QString &member, Watch::Kind kind, int intervalMs, bool paused)
{
    auto *w = new Watch(m_session, uri, member, kind, this);
    w->setInterval(intervalMs);
    w->setReconnectInterval(m_reconnectMs);
    w->setPaused(paused);
    connect(w, &Watch::changed, this, [this, w] {
        const int row = rowOf(w);
        if (row >= 0)
            emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
    });
    connect(w, &Watch::settingsChanged, this, [this] {
        if (!m_loading)
            save();
    });
    return w;
}

Watch *WatchList::add(const QString &uri, const QString &member, Watch::Kind kind, int intervalMs)
{
    for (Watch *w : std::as_const(m_watches))
        if (w->uri() == uri && w->member() == member && w->kind() == kind)
            return w;
    Watch *w = create(uri, member, kind, intervalMs, false);
    beginInsertRows(QModelIndex(), int(m_watches.size()), int(m_watches.size()));
    m_watches.append(w);
    endInsertRows();
    save();
    w->start();
    return w;
}

void WatchList::remove(int row)
{
    if (row < 0 || row >= m_watches.size())
        return;
    beginRemoveRows(QModelIndex(), row, row);
    Watch *w = m_watches.takeAt(row);
    endRemoveRows();
    delete w;
    save();
}

void WatchList::clearWatches()
{
    if (m_watches.isEmpty())
        return;
    beginResetModel();
    qDeleteAll(m_watches);
    m_watches.clear();
    endResetModel();
}

void WatchList::load(const QString &hostPort)
{
    clearWatches();
    m_nameServer = hostPort;
    m_loading = true;
    QSettings s;
    s.beginGroup(settingsGroup(hostPort));
    const int n = s.beginReadArray(QStringLiteral("watch"));
    QList<Watch *> loaded;
    for (int i = 0; i < n; ++i) {
        s.setArrayIndex(i);
        const QString uri = s.value(QStringLiteral("uri")).toString();
        const QString member = s.value(QStringLiteral("member")).toString();
        if (uri.isEmpty() || member.isEmpty())
            continue;
        const auto kind = s.value(QStringLiteral("kind")).toString() == QLatin1String("method") ? Watch::Kind::Method : Watch::Kind::Attribute;
        loaded << create(uri, member, kind, s.value(QStringLiteral("intervalMs"), 1000).toInt(),
                         s.value(QStringLiteral("paused"), false).toBool());
    }
    s.endArray();
    s.endGroup();
    m_loading = false;
    if (!loaded.isEmpty()) {
        beginInsertRows(QModelIndex(), 0, int(loaded.size()) - 1);
        m_watches = loaded;
        endInsertRows();
    }
    for (Watch *w : std::as_const(m_watches))
        w->start();
}

void WatchList::save() const
{
    QSettings s;
    s.beginGroup(settingsGroup(m_nameServer));
    s.remove(QString());
    s.beginWriteArray(QStringLiteral("watch"), int(m_watches.size()));
    for (int i = 0; i < m_watches.size(); ++i) {
        const Watch *w = m_watches.at(i);
        s.setArrayIndex(i);
        s.setValue(QStringLiteral("uri"), w->uri());
        s.setValue(QStringLiteral("member"), w->member());
        s.setValue(QStringLiteral("kind"), w->kind() == Watch::Kind::Method ? QStringLiteral("method") : QStringLiteral("attribute"));
        s.setValue(QStringLiteral("intervalMs"), w->interval());
        s.setValue(QStringLiteral("paused"), w->isPaused());
    }
    s.endArray();
    s.endGroup();
}

int WatchList::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_watches.size());
}

int WatchList::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant WatchList::data(const QModelIndex &index, int role) const
{
    const Watch *w = index.isValid() ? m_watches.value(index.row()) : nullptr;
    if (!w)
        return QVariant();
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case WhatColumn: return w->label();
        case ValueColumn: {
            if (!w->hasValue())
                return QString();
            QString text = w->valueText();
            if (text.size() > MaxValueText)
                text = text.left(MaxValueText) + QStringLiteral("…");
            return text;
        }
        case ChangedColumn:
            return w->lastChanged().isValid() ? w->lastChanged().toString(QStringLiteral("HH:mm:ss")) : QString();
        case IntervalColumn:
            return tr("%1 s").arg(QLocale().toString(w->interval() / 1000.0, 'g', 3));
        case StateColumn: return w->stateText();
        }
    } else if (role == Qt::ToolTipRole) {
        switch (index.column()) {
        case WhatColumn: return w->uri();
        case ValueColumn: return w->hasValue() ? w->valueText() : QVariant();
        case ChangedColumn:
            return w->lastChanged().isValid()
                    ? tr("Changed %1; last reply %2").arg(w->lastChanged().toString(Qt::ISODateWithMs),
                                                          w->lastReply().toString(QStringLiteral("HH:mm:ss.zzz")))
                    : QVariant();
        case StateColumn: return w->stateText();
        }
    } else if (role == Qt::ForegroundRole && index.column() == StateColumn) {
        if (w->state() == Watch::State::Unreachable || w->state() == Watch::State::Failing)
            return QBrush(QColor(0xc0392b));
        if (w->state() == Watch::State::Paused)
            return QBrush(QPalette().color(QPalette::PlaceholderText));
    } else if (role == Qt::FontRole && index.column() == ValueColumn) {
        return QFontDatabase::systemFont(QFontDatabase::FixedFont);
    }
    return QVariant();
}

QVariant WatchList::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QVariant();
    switch (section) {
    case WhatColumn: return tr("Watch");
    case ValueColumn: return tr("Value");
    case ChangedColumn: return tr("Changed");
    case IntervalColumn: return tr("Every");
    case StateColumn: return tr("State");
    }
    return QVariant();
}

} // namespace Pyro::Ui
