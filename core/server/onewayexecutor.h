#pragma once

#include <QElapsedTimer>
#include <QMutex>
#include <QWaitCondition>

#include <deque>
#include <functional>
#include <vector>

class QThreadPool;

namespace Pyro {

/*!
    Runs the Daemon's oneway calls (internal): concurrently, off the connection that received
    them, like Pyro4's ONEWAY_THREADED, but without a thread wake-up per call.

    Tasks go into one queue that a few "drainers" (tasks on the daemon's pool) empty in a
    loop, so a burst of 50,000 small oneway calls costs a handful of wake-ups instead of one
    per call. A slow call must still not hold the calls behind it: up to
    QThread::idealThreadCount() drainers start as soon as work waits with none idle, and more
    (up to the pool's size) when no drainer has finished anything for StallMs — checked on
    every new call and by checkStalled(), which the daemon calls on its housekeeping tick.
*/
class OnewayExecutor
{
public:
    explicit OnewayExecutor(QThreadPool *pool);
    ~OnewayExecutor();

    void run(std::function<void()> task);
    //! Queues several tasks with one lock and at most one wake-up per idle drainer.
    void runAll(std::vector<std::function<void()>> tasks);
    //! Starts another drainer when the queue has not moved for StallMs.
    void checkStalled();
    //! Drops calls that have not started and lets the drainers end (daemon shutdown).
    void stop();

    static constexpr qint64 StallMs = 20;

private:
    void startDrainerLocked();
    void dispatchLocked(size_t added);
    void drain();

    QThreadPool *m_pool;
    QMutex m_lock;
    QWaitCondition m_wake;
    std::deque<std::function<void()>> m_pending;
    int m_active = 0; // drainers started and not yet ended (idle ones included)
    int m_idle = 0;   // drainers waiting for work
    bool m_stopping = false;
    QElapsedTimer m_clock;
    qint64 m_lastProgress = 0; // m_clock time a task was last dispatched or finished
};

} // namespace Pyro
