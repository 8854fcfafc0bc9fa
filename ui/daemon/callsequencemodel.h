#pragma once

#include "daemon/callbackhost.h"

#include <QAbstractListModel>
#include <QDateTime>
#include <QPointer>

namespace Pyro::Ui {

class HistoryModel;

/*!
    The calls out and callbacks in of the callback workbench, as a sequence: one row per
    message between three lanes (Explorer, Remote object, Callback object), in time order.
    A call the explorer made (from the HistoryModel: every finished call of an invocation
    form) gives a CallOut row at the time it was sent and a Reply row when it finished; a call
    that reached a callback object (from the CallbackHost's log) gives a CallbackIn row when
    it arrived and a CallbackReply row when its canned reply was ready (marked, with the
    traceback as its tooltip, once the daemon reported it as a callback error). Oneway messages
    have no reply row.

    Rows are kept sorted by time (a history entry arrives only when its call finished, after
    the callbacks it caused, so its CallOut row is inserted before them); equal times keep the
    order CallOut, CallbackIn, CallbackReply, Reply. Bounded: at most maxEvents() rows, the
    oldest dropped. Lives in the GUI thread.
*/
class CallSequenceModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum class Kind { CallOut, CallbackIn, CallbackReply, Reply };
    Q_ENUM(Kind)
    enum Lane { ExplorerLane, RemoteLane, CallbackLane, LaneCount };
    Q_ENUM(Lane)
    enum Role {
        KindRole = Qt::UserRole + 1, //!< Kind
        FromLaneRole, //!< Lane the arrow starts at
        ToLaneRole, //!< Lane the arrow points to
        LabelRole, //!< the arrow's label
        TimeRole, //!< QDateTime
        ErrorRole, //!< bool: an exception travels on this arrow
        OnewayRole, //!< bool
    };
    struct Event
    {
        Kind kind = Kind::CallOut;
        QDateTime time;
        QString label;
        QString detail; //!< tooltip: full text (traceback for callback errors)
        bool error = false;
        bool oneway = false;
        //! Callback rows: "object.method", to find the row again when the daemon reports its error.
        QString callback;
        //! A CallbackReply the daemon reported as a callback error (detail has the traceback).
        bool callbackError = false;
    };
    static constexpr int DefaultMaxEvents = 500;

    explicit CallSequenceModel(QObject *parent = nullptr);

    //! Follows the calls recorded in \a history from now on (nullptr: none).
    void setHistoryModel(HistoryModel *history);
    //! Follows the callbacks logged by \a host from now on (nullptr: none).
    void setCallbackHost(CallbackHost *host);

    int maxEvents() const { return m_max; }
    void setMaxEvents(int max);

    //! An outgoing call sent at \a sent that finished at \a finished (two rows unless oneway).
    void addOutgoingCall(const QString &target, const QString &call, const QDateTime &sent, const QDateTime &finished,
                         bool ok, const QString &result, bool oneway);
    //! A callback as the CallbackHost logged it (two rows unless oneway).
    void addCallback(const CallbackHost::LogEntry &entry);
    void clear();

    Event event(int row) const { return m_events.value(row); }
    QList<Event> events() const { return m_events; }
    static Lane fromLane(Kind kind);
    static Lane toLane(Kind kind);
    static QString laneName(Lane lane);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    void onHistoryRows(const QModelIndex &parent, int first, int last);
    void onCallbackError(const CallbackHost::LogEntry &entry);
    void insert(const Event &event);
    void trim();

    QList<Event> m_events;
    int m_max = DefaultMaxEvents;
    QPointer<HistoryModel> m_history;
    QPointer<CallbackHost> m_host;
};

} // namespace Pyro::Ui
