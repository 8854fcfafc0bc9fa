#pragma once

#include "browser/nameservermodel.h"
#include "client/proxysettings.h"

#include <QObject>
#include <QPointer>
#include <QQueue>
#include <QSet>

namespace Pyro::Ui {

/*!
    Pings the registrations of a NameServerModel in the background: a Pyro handshake with
    each entry's URI (short timeout, a few at a time) tells apart "reachable", "refused"
    (nothing listens), "no route / timeout" and "reached, but rejected" (the daemon answered
    but refused the handshake: HMAC, serializer, unknown object). Results go into the model.
    Lives in the GUI thread; all work is asynchronous.
*/
class ReachabilityChecker : public QObject
{
    Q_OBJECT
public:
    explicit ReachabilityChecker(NameServerModel *model, QObject *parent = nullptr);
    void setSettings(const ProxySettings &settings) { m_settings = settings; }
    //! Seconds per check (default 3).
    void setTimeout(double seconds) { m_timeout = seconds; }
    //! Checks every entry of the model (again), in the background, at most MaxParallel at a time.
    void checkAll();
    //! Starts a new round without queueing anything: only what prioritize() asks for is checked.
    void reset();
    void check(const QString &name);
    /*!
        Checks \a names (the ones the user can see) before the rest of the queue, unless this
        round checked them already. Call it as the view scrolls: a list of 10,000 names shows
        its visible entries' state within a moment and the rest fills in behind.
    */
    void prioritize(const QStringList &names);
    bool isIdle() const { return m_queue.isEmpty() && m_urgent.isEmpty() && m_running == 0; }
    //! Entries waiting to be checked.
    qsizetype pending() const { return m_queue.size() + m_urgent.size(); }

signals:
    void idle();

private:
    void startNext();
    QPointer<NameServerModel> m_model;
    ProxySettings m_settings;
    double m_timeout = 3.0;
    QQueue<QString> m_queue;
    QQueue<QString> m_urgent;
    QSet<QString> m_started; //!< names checked (or being checked) in this round
    int m_running = 0;
public:
    static constexpr int MaxParallel = 8;
};

} // namespace Pyro::Ui
