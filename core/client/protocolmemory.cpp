#include "client/protocolmemory.h"

#include <QHash>
#include <QMutex>

namespace Pyro {

namespace {

struct Store
{
    QMutex mutex;
    QHash<QString, ProtocolVersion> seen;
};

Store &store()
{
    static Store s;
    return s;
}

} // namespace

std::optional<ProtocolVersion> ProtocolMemory::recall(const QString &location)
{
    Store &s = store();
    QMutexLocker lock(&s.mutex);
    const auto it = s.seen.constFind(location);
    if (it == s.seen.cend())
        return std::nullopt;
    return *it;
}

void ProtocolMemory::remember(const QString &location, ProtocolVersion v)
{
    Store &s = store();
    QMutexLocker lock(&s.mutex);
    s.seen.insert(location, v);
}

void ProtocolMemory::forget(const QString &location)
{
    Store &s = store();
    QMutexLocker lock(&s.mutex);
    s.seen.remove(location);
}

void ProtocolMemory::clear()
{
    Store &s = store();
    QMutexLocker lock(&s.mutex);
    s.seen.clear();
}

} // namespace Pyro
