#pragma once

#include "support/error.h"
#include "value/value.h"

#include <QDateTime>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <deque>

namespace Pyro {
class PendingCall;
}

namespace Pyro::Ui {

class Session;

/*!
    One watched member of a remote object: an attribute read, or a method called without
    arguments, every interval() ms through the session's shared proxy for the object
    (asynchronous: the UI thread never waits).

    At most one request is in flight: a tick that comes while the previous reply is still
    awaited is skipped and counted (skippedCount()), so a slow peer is polled as fast as it
    answers and requests never pile up. A reply that differs from the current value (Python
    equality of the values, types included) is a change (lastChanged()). Numbers — the value
    itself, or the numeric fields of a dict — are kept as samples for a chart (the newest
    MaxSamples).

    States: Polling; Paused by the user; Unreachable when the object cannot be reached (the
    connection failed or was refused, the name server does not know the name, the daemon
    does not know the object): then it only probes every reconnectInterval() (at least its
    own interval) and goes back to Polling when a probe answers; Failing when the object
    answers with an error (e.g. the method needs arguments): polling goes on and the error is
    shown. Lives in the GUI thread.
*/
class Watch : public QObject
{
    Q_OBJECT
    Q_PROPERTY(State state READ state NOTIFY stateChanged)
    Q_PROPERTY(Pyro::Error error READ error NOTIFY changed)
public:
    enum class Kind { Attribute, Method };
    Q_ENUM(Kind)
    enum class State { Polling, Paused, Unreachable, Failing };
    Q_ENUM(State)

    static constexpr int MinIntervalMs = 100;
    static constexpr int MaxIntervalMs = 60000;
    static constexpr int DefaultReconnectMs = 2000;
    static constexpr int MaxSamples = 5000;

    struct Sample
    {
        qint64 msecsSinceEpoch;
        QString series;
        double value;
    };

    //! Polls \a member of \a uri (a PYRO:, PYRONAME: or PYROMETA: URI, as text) once started.
    Watch(Session *session, const QString &uri, const QString &member, Kind kind, QObject *parent = nullptr);
    ~Watch() override;

    QString uri() const { return m_uri; }
    QString member() const { return m_member; }
    Kind kind() const { return m_kind; }
    //! "object.member" or "object.member()" (the object's name or id, not the whole URI).
    QString label() const;

    int interval() const { return m_intervalMs; }
    //! Clamped to MinIntervalMs..MaxIntervalMs; takes effect at once.
    void setInterval(int ms);
    int reconnectInterval() const { return m_reconnectMs; }
    void setReconnectInterval(int ms);

    State state() const { return m_state; }
    bool isPaused() const { return m_state == State::Paused; }
    //! A sentence for the state ("polling", "unreachable: …, retrying every 2 s", …).
    QString stateText() const;
    Error error() const { return m_error; }

    bool hasValue() const { return m_hasValue; }
    Value value() const { return m_value; }
    //! The value's repr, cut to MaxTextLength characters (made once per change, not per paint).
    QString valueText() const { return m_valueText; }
    static constexpr int MaxTextLength = 2000;
    QDateTime lastChanged() const { return m_lastChanged; }
    QDateTime lastReply() const { return m_lastReply; }

    //! Requests sent, replies (and errors) received, ticks skipped while a request was out,
    //! value changes seen (the first value counts as one).
    qint64 pollCount() const { return m_polls; }
    qint64 replyCount() const { return m_replies; }
    qint64 skippedCount() const { return m_skipped; }
    qint64 changeCount() const { return m_changes; }
    bool isInFlight() const { return !m_call.isNull(); }

    const std::deque<Sample> &samples() const { return m_samples; }

public slots:
    //! Starts polling (the first request goes out now) unless paused.
    void start();
    //! Pauses (no more requests) or resumes.
    void setPaused(bool paused);
    //! One request now (unless one is in flight).
    void poll();

signals:
    //! Anything shown changed: value, state, error, counters.
    void changed();
    void stateChanged(Pyro::Ui::Watch::State state);
    //! A reply differed from the previous value.
    void valueChanged(const Pyro::Value &value);
    void sampleAdded(const Pyro::Ui::Watch::Sample &sample);
    //! interval or paused changed (worth saving).
    void settingsChanged();

private:
    void onReply(PendingCall *call);
    void setState(State state);
    void updateTimer();
    static bool isUnreachable(const Error &error);

    Session *m_session;
    QString m_uri;
    QString m_member;
    Kind m_kind;
    int m_intervalMs = 1000;
    int m_reconnectMs = DefaultReconnectMs;
    State m_state = State::Polling;
    bool m_started = false;
    QTimer m_timer;
    QPointer<PendingCall> m_call;
    Error m_error;
    Value m_value;
    QString m_valueText;
    bool m_hasValue = false;
    QDateTime m_lastChanged;
    QDateTime m_lastReply;
    qint64 m_polls = 0;
    qint64 m_replies = 0;
    qint64 m_skipped = 0;
    qint64 m_changes = 0;
    std::deque<Sample> m_samples;
};

} // namespace Pyro::Ui

Q_DECLARE_METATYPE(Pyro::Ui::Watch::Sample)
