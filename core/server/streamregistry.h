#pragma once

#include "server/callresult.h"
#include "server/itemgenerator.h"

#include <QElapsedTimer>
#include <QHash>
#include <QMutex>
#include <QSet>
#include <QString>

#include <memory>

namespace Pyro {

/*!
    The item streams of a Daemon (internal): generators returned by calls, kept under a uuid
    until the client has pulled them to the end, closed them, or they expired. Thread-safe;
    any connection thread or the oneway pool may use it.

    A stream belongs to the connection that created it; when that connection ends the stream
    lingers (owner 0) for DaemonSettings::streamLinger seconds and the next connection that
    asks for an item adopts it, as Pyro4's ITER_STREAM_LINGER does. Streams older than
    DaemonSettings::streamLifetime are dropped on their next use or by housekeeping().
*/
class StreamRegistry
{
public:
    //! Keeps \a generator under a new uuid owned by the connection \a owner; returns the id.
    QString add(std::shared_ptr<ItemGenerator> generator, quint64 owner);
    /*!
        The next item of \a streamId: a value, the generator's error, StopIteration at the end
        (the stream is then gone), or PyroError "item stream terminated" for an unknown or
        expired stream. Runs the generator outside the registry's lock, one step at a time.
    */
    CallResult next(const QString &streamId, quint64 connectionId, double lifetime);
    void close(const QString &streamId);
    //! The connection \a connectionId ended: its streams linger for \a linger seconds (or go).
    void release(quint64 connectionId, double linger);
    //! Drops expired streams; streams of connections not in \a liveConnections start lingering.
    void housekeeping(const QSet<quint64> &liveConnections, double lifetime, double linger);
    int count() const;
    void clear();

private:
    struct Stream
    {
        std::shared_ptr<ItemGenerator> generator;
        std::shared_ptr<QMutex> busy;
        quint64 owner = 0; // 0 while lingering
        QElapsedTimer age;
        QElapsedTimer lingering;
    };

    mutable QMutex m_lock;
    QHash<QString, Stream> m_streams;
};

} // namespace Pyro
