#include "server/onewayexecutor.h"

#include <QThread>
#include <QThreadPool>

namespace Pyro {

// An idle drainer gives its pool thread back after this long without work.
static constexpr unsigned long DrainerIdleMs = 2000;

OnewayExecutor::OnewayExecutor(QThreadPool *pool) : m_pool(pool)
{
    m_clock.start();
}

OnewayExecutor::~OnewayExecutor()
{
    stop();
}

void OnewayExecutor::run(std::function<void()> task)
{
    QMutexLocker locker(&m_lock);
    if (m_stopping)
        return;
    m_pending.push_back(std::move(task));
    dispatchLocked(1);
}

void OnewayExecutor::runAll(std::vector<std::function<void()>> tasks)
{
    if (tasks.empty())
        return;
    QMutexLocker locker(&m_lock);
    if (m_stopping)
        return;
    for (auto &task : tasks)
        m_pending.push_back(std::move(task));
    dispatchLocked(tasks.size());
}

void OnewayExecutor::dispatchLocked(size_t added)
{
    if (m_idle > 0) {
        // One idle drainer per new task at most; each empties the queue until it is dry.
        for (size_t i = 0; i < added && i < size_t(m_idle); ++i)
            m_wake.wakeOne();
        return;
    }
    const bool belowEager = m_active < QThread::idealThreadCount();
    const bool stalled = m_clock.elapsed() - m_lastProgress > StallMs;
    if (m_active == 0 || belowEager || (stalled && m_active < m_pool->maxThreadCount()))
        startDrainerLocked();
}

void OnewayExecutor::checkStalled()
{
    QMutexLocker locker(&m_lock);
    if (!m_stopping && !m_pending.empty() && m_idle == 0 && m_active < m_pool->maxThreadCount()
        && m_clock.elapsed() - m_lastProgress > StallMs)
        startDrainerLocked();
}

void OnewayExecutor::stop()
{
    std::deque<std::function<void()>> dropped; // destroyed outside the lock
    QMutexLocker locker(&m_lock);
    m_stopping = true;
    dropped.swap(m_pending);
    m_wake.wakeAll();
}

void OnewayExecutor::startDrainerLocked()
{
    ++m_active;
    // Counts as progress: the new drainer is about to take work, so the next calls of this
    // burst do not see a stall that is only the drainer's start-up.
    m_lastProgress = m_clock.elapsed();
    m_pool->start([this] { drain(); });
}

void OnewayExecutor::drain()
{
    QMutexLocker locker(&m_lock);
    for (;;) {
        while (m_pending.empty() && !m_stopping) {
            ++m_idle;
            const bool woken = m_wake.wait(&m_lock, DrainerIdleMs);
            --m_idle;
            if (!woken && m_pending.empty()) {
                --m_active;
                return;
            }
        }
        if (m_stopping) {
            --m_active;
            return;
        }
        std::function<void()> task = std::move(m_pending.front());
        m_pending.pop_front();
        m_lastProgress = m_clock.elapsed();
        locker.unlock();
        task();
        task = nullptr; // captured values die outside the lock
        locker.relock();
        m_lastProgress = m_clock.elapsed();
    }
}

} // namespace Pyro
