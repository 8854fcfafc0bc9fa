#include "daemon/callsequencemodel.h"

#include "history/historymodel.h"
#include "history/pythonscript.h"

#include <QColor>

#include <algorithm>

namespace Pyro::Ui {

// Labels longer than this are cut in the diagram (the tooltip has the full text).
static constexpr qsizetype MaxLabel = 120;

static QString cut(const QString &text)
{
    return text.size() > MaxLabel ? text.left(MaxLabel) + QStringLiteral("…") : text;
}

CallSequenceModel::CallSequenceModel(QObject *parent) : QAbstractListModel(parent) { }

void CallSequenceModel::setHistoryModel(HistoryModel *history)
{
    if (m_history)
        disconnect(m_history, nullptr, this, nullptr);
    m_history = history;
    if (history)
        connect(history, &QAbstractItemModel::rowsInserted, this, &CallSequenceModel::onHistoryRows);
}

void CallSequenceModel::setCallbackHost(CallbackHost *host)
{
    if (m_host)
        disconnect(m_host, nullptr, this, nullptr);
    m_host = host;
    if (host) {
        connect(host, &CallbackHost::callLogged, this, &CallSequenceModel::addCallback);
        connect(host, &CallbackHost::callbackErrorLogged, this, &CallSequenceModel::onCallbackError);
    }
}

void CallSequenceModel::onCallbackError(const CallbackHost::LogEntry &entry)
{
    const QString key = entry.object + u'.' + entry.method;
    for (qsizetype row = m_events.size() - 1; row >= 0; --row) {
        Event &e = m_events[row];
        if (e.kind != Kind::CallbackReply || e.callback != key || !e.error || e.callbackError)
            continue;
        e.callbackError = true;
        e.detail = entry.traceback;
        const QModelIndex changed = index(int(row));
        emit dataChanged(changed, changed);
        return;
    }
}

void CallSequenceModel::setMaxEvents(int max)
{
    m_max = qMax(2, max);
    trim();
}

void CallSequenceModel::onHistoryRows(const QModelIndex &parent, int first, int last)
{
    if (parent.isValid() || !m_history)
        return;
    for (int row = first; row <= last; ++row) {
        const HistoryEntry e = m_history->entry(row);
        // The history stamps an entry when its call finished; it was sent that long before.
        const QDateTime sent = e.milliseconds >= 0 ? e.time.addMSecs(-qint64(e.milliseconds)) : e.time;
        const QString call = QStringLiteral("%1(%2)").arg(e.invocation.method, PythonScript::argumentsText(e.invocation));
        addOutgoingCall(e.invocation.uri, call, sent, e.time, e.ok, e.result, e.invocation.oneway);
    }
}

void CallSequenceModel::addOutgoingCall(const QString &target, const QString &call, const QDateTime &sent,
                                        const QDateTime &finished, bool ok, const QString &result, bool oneway)
{
    Event out;
    out.kind = Kind::CallOut;
    out.time = sent;
    out.label = cut(call);
    out.detail = target + QStringLiteral("\n") + call;
    out.oneway = oneway;
    insert(out);
    if (oneway)
        return;
    Event reply;
    reply.kind = Kind::Reply;
    reply.time = finished;
    reply.label = cut(result);
    reply.detail = result;
    reply.error = !ok;
    insert(reply);
}

void CallSequenceModel::addCallback(const CallbackHost::LogEntry &entry)
{
    const QString call = QStringLiteral("%1.%2(%3)").arg(entry.object, entry.method, entry.arguments);
    Event in;
    in.kind = Kind::CallbackIn;
    in.time = entry.time;
    in.label = cut(call);
    in.detail = tr("from %1\n%2").arg(entry.caller, call);
    in.oneway = entry.oneway;
    in.callback = entry.object + u'.' + entry.method;
    insert(in);
    if (entry.oneway)
        return;
    Event reply;
    reply.kind = Kind::CallbackReply;
    reply.time = entry.replied.isValid() ? entry.replied : entry.time;
    reply.label = cut(entry.reply);
    reply.detail = entry.traceback.isEmpty() ? entry.reply : entry.traceback;
    reply.error = entry.raised;
    reply.callback = in.callback;
    reply.callbackError = entry.callbackError;
    insert(reply);
}

void CallSequenceModel::insert(const Event &event)
{
    // Sorted by (time, kind); a new event goes after its equals, so arrival order breaks ties.
    auto before = [](const Event &a, const Event &b) { return a.time < b.time || (a.time == b.time && a.kind < b.kind); };
    const auto it = std::upper_bound(m_events.cbegin(), m_events.cend(), event, before);
    const int row = int(it - m_events.cbegin());
    beginInsertRows(QModelIndex(), row, row);
    m_events.insert(row, event);
    endInsertRows();
    trim();
}

void CallSequenceModel::trim()
{
    if (m_events.size() <= m_max)
        return;
    const int drop = int(m_events.size()) - m_max;
    beginRemoveRows(QModelIndex(), 0, drop - 1);
    m_events.remove(0, drop);
    endRemoveRows();
}

void CallSequenceModel::clear()
{
    beginResetModel();
    m_events.clear();
    endResetModel();
}

CallSequenceModel::Lane CallSequenceModel::fromLane(Kind kind)
{
    switch (kind) {
    case Kind::CallOut: return ExplorerLane;
    case Kind::CallbackIn: return RemoteLane;
    case Kind::CallbackReply: return CallbackLane;
    case Kind::Reply: return RemoteLane;
    }
    return ExplorerLane;
}

CallSequenceModel::Lane CallSequenceModel::toLane(Kind kind)
{
    switch (kind) {
    case Kind::CallOut: return RemoteLane;
    case Kind::CallbackIn: return CallbackLane;
    case Kind::CallbackReply: return RemoteLane;
    case Kind::Reply: return ExplorerLane;
    }
    return RemoteLane;
}

QString CallSequenceModel::laneName(Lane lane)
{
    switch (lane) {
    case ExplorerLane: return tr("Explorer");
    case RemoteLane: return tr("Remote object");
    case CallbackLane: return tr("Callback object");
    case LaneCount: break;
    }
    return QString();
}

int CallSequenceModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_events.size());
}

QVariant CallSequenceModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_events.size())
        return QVariant();
    const Event &e = m_events.at(index.row());
    switch (role) {
    case Qt::DisplayRole: {
        QString kind;
        switch (e.kind) {
        case Kind::CallOut: kind = e.oneway ? tr("oneway call out") : tr("call out"); break;
        case Kind::CallbackIn: kind = e.oneway ? tr("oneway callback in") : tr("callback in"); break;
        case Kind::CallbackReply:
            kind = e.callbackError ? tr("callback error") : e.error ? tr("callback raised") : tr("callback reply");
            break;
        case Kind::Reply: kind = e.error ? tr("error") : tr("reply"); break;
        }
        return QStringLiteral("%1  %2 → %3  %4: %5")
                .arg(e.time.toString(QStringLiteral("HH:mm:ss.zzz")), laneName(fromLane(e.kind)), laneName(toLane(e.kind)), kind,
                     e.label);
    }
    case Qt::ToolTipRole: return e.detail;
    case Qt::ForegroundRole: return e.error ? QVariant(QColor(Qt::red)) : QVariant();
    case KindRole: return QVariant::fromValue(e.kind);
    case FromLaneRole: return int(fromLane(e.kind));
    case ToLaneRole: return int(toLane(e.kind));
    case LabelRole: return e.label;
    case TimeRole: return e.time;
    case ErrorRole: return e.error;
    case OnewayRole: return e.oneway;
    }
    return QVariant();
}

QHash<int, QByteArray> CallSequenceModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(KindRole, "kind");
    names.insert(FromLaneRole, "fromLane");
    names.insert(ToLaneRole, "toLane");
    names.insert(LabelRole, "label");
    names.insert(TimeRole, "time");
    names.insert(ErrorRole, "error");
    names.insert(OnewayRole, "oneway");
    return names;
}

} // namespace Pyro::Ui
