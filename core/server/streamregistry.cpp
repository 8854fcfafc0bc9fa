#include "server/streamregistry.h"

#include "server/pythonerror.h"

#include <QUuid>

namespace Pyro {

QString StreamRegistry::add(std::shared_ptr<ItemGenerator> generator, quint64 owner)
{
    const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    Stream s;
    s.generator = std::move(generator);
    s.busy = std::make_shared<QMutex>();
    s.owner = owner;
    s.age.start();
    QMutexLocker locker(&m_lock);
    m_streams.insert(id, s);
    return id;
}

CallResult StreamRegistry::next(const QString &streamId, quint64 connectionId, double lifetime)
{
    std::shared_ptr<ItemGenerator> generator;
    std::shared_ptr<QMutex> busy;
    {
        Stream expired; // destroyed outside the lock
        QMutexLocker locker(&m_lock);
        auto it = m_streams.find(streamId);
        if (it != m_streams.end() && lifetime > 0 && it->age.elapsed() > qint64(lifetime * 1000)) {
            expired = *it;
            m_streams.erase(it);
            it = m_streams.end();
        }
        if (it == m_streams.end())
            return PythonError::pyro(QStringLiteral("PyroError"), QStringLiteral("item stream terminated"));
        if (it->owner == 0) // a lingering stream: this connection adopts it
            it->owner = connectionId;
        generator = it->generator;
        busy = it->busy;
    }
    ItemGenerator::Step step = std::optional<Value>();
    {
        QMutexLocker busyLocker(busy.get());
        try {
            step = generator->next();
        } catch (const Error &e) {
            step = PythonError::forPython(e);
        } catch (const std::exception &e) {
            step = PythonError::builtin(QStringLiteral("RuntimeError"), QString::fromLocal8Bit(e.what()));
        } catch (...) {
            step = PythonError::builtin(QStringLiteral("RuntimeError"), QStringLiteral("unknown C++ exception"));
        }
    }
    if (step.ok() && step.value().has_value())
        return *step.value();
    close(streamId);
    if (!step.ok())
        return PythonError::forPython(step.error());
    return PythonError::builtinWithArgs(QStringLiteral("StopIteration"), {});
}

void StreamRegistry::close(const QString &streamId)
{
    Stream removed; // destroyed outside the lock
    QMutexLocker locker(&m_lock);
    removed = m_streams.take(streamId);
}

void StreamRegistry::release(quint64 connectionId, double linger)
{
    QList<Stream> dropped; // destroyed outside the lock
    QMutexLocker locker(&m_lock);
    for (auto it = m_streams.begin(); it != m_streams.end();) {
        if (it->owner != connectionId) {
            ++it;
            continue;
        }
        if (linger > 0) {
            it->owner = 0;
            it->lingering.start();
            ++it;
        } else {
            dropped.append(*it);
            it = m_streams.erase(it);
        }
    }
}

void StreamRegistry::housekeeping(const QSet<quint64> &liveConnections, double lifetime, double linger)
{
    QList<Stream> dropped;
    QMutexLocker locker(&m_lock);
    for (auto it = m_streams.begin(); it != m_streams.end();) {
        if (it->owner != 0 && !liveConnections.contains(it->owner)) {
            // Created by a call whose connection was gone by the time it finished.
            it->owner = 0;
            it->lingering.start();
        }
        const bool expired = (lifetime > 0 && it->age.elapsed() > qint64(lifetime * 1000))
                || (it->owner == 0 && it->lingering.isValid() && it->lingering.elapsed() > qint64(linger * 1000));
        if (expired) {
            dropped.append(*it);
            it = m_streams.erase(it);
        } else {
            ++it;
        }
    }
}

int StreamRegistry::count() const
{
    QMutexLocker locker(&m_lock);
    return int(m_streams.size());
}

void StreamRegistry::clear()
{
    QHash<QString, Stream> dropped;
    QMutexLocker locker(&m_lock);
    dropped.swap(m_streams);
}

} // namespace Pyro
