#pragma once

#include "browser/nameservermodel.h"
#include "client/proxysettings.h"

#include <QObject>
#include <QPointer>
#include <QQueue>

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
    //! Checks every entry of the model (again).
    void checkAll();
    void check(const QString &name);
    bool isIdle() const { return m_queue.isEmpty() && m_running == 0; }

signals:
    void idle();

private:
    void startNext();
    QPointer<NameServerModel> m_model;
    ProxySettings m_settings;
    double m_timeout = 3.0;
    QQueue<QString> m_queue;
    int m_running = 0;
    static constexpr int MaxParallel = 8;
};

} // namespace Pyro::Ui
