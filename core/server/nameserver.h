#pragma once

#include "protocol/protocolversion.h"
#include "protocol/pyrouri.h"
#include "support/error.h"
#include "support/result.h"

#include <QHostAddress>
#include <QMap>
#include <QMutex>
#include <QObject>
#include <QPointer>
#include <QStringList>

#include <memory>

namespace Pyro {

class BroadcastResponder;
class Daemon;
class HandlerObject;

/*!
    An embedded name server for Pyro4 and Pyro5 clients alike: the \c Pyro.NameServer object
    with Pyro4 4.82's whole remote API (ping, count, lookup, register, set_metadata, remove,
    list with prefix / regex / metadata_all / metadata_any filters and return_metadata; doc
    7.2) and, for Pyro5 callers on the same port, Pyro5's (list without the metadata
    filters, yplookup(meta_all, meta_any, return_metadata), metadata as sets, URIs as
    Pyro5.core.URI; docs/pyro5-protocol.md), served by a Daemon, plus the optional UDP
    broadcast responder and optional persistence. Its own entry carries the class tag of the
    caller's protocol (class:Pyro4.naming.NameServer or class:Pyro5.nameserver.NameServer).

    \code
    Daemon daemon;
    daemon.listen(QStringLiteral("127.0.0.1"), 9090);
    NameServer ns;
    ns.attach(&daemon);                                   // registers Pyro.NameServer
    ns.setStorageFile(QStringLiteral("names.json"));      // optional, loads it now
    ns.startBroadcast(QHostAddress::LocalHost, 9091);     // optional
    \endcode

    Regular expressions follow Python's re.match: anchored at the start only (the pattern is
    wrapped in \c \A(?:...) for QRegularExpression, whose syntax is close to Python's).
    Metadata entries must be strings (they are stored and persisted as text).

    Persistence: the file is JSON ({"version": 1, "names": [{"name", "uri", "metadata"}]}),
    rewritten atomically (QSaveFile) after every change and loaded by setStorageFile(). The
    name server's own entry is not stored: it is re-created with its current URI.

    Threads: the remote methods run on the daemon's workers; the registry is locked.
    The object lives in the thread that created it (the broadcast responder too).
*/
class NameServer : public QObject
{
    Q_OBJECT
public:
    static QString objectId() { return QStringLiteral("Pyro.NameServer"); }

    explicit NameServer(QObject *parent = nullptr);
    ~NameServer() override;

    //! Registers the name server object on \a daemon (which should listen already, so that
    //! its own registration carries the right URI). False when the id is taken.
    bool attach(Daemon *daemon);
    PyroUri uri() const;

    //! Loads \a path if it exists and saves every change to it from now on.
    Error setStorageFile(const QString &path);
    QString storageFile() const;

    //! Starts the UDP responder answering GET_NSURI with uri(); port 0 picks a free port.
    Error startBroadcast(const QHostAddress &address, quint16 port = 9091);
    quint16 broadcastPort() const;

    // Local API, also used by the remote methods (thread-safe).
    Error registerName(const QString &name, const QString &uri, const QStringList &metadata = {}, bool safe = false);
    Result<QString> lookupName(const QString &name, QStringList *metadata = nullptr) const;
    int removeName(const QString &name);
    int count() const;
    QStringList names() const;

private:
    struct Entry
    {
        QString uri;
        QStringList metadata;
    };
    std::shared_ptr<HandlerObject> makeObject();
    static QStringList metadataFor(const QString &name, const QStringList &metadata, ProtocolVersion caller);
    Error saveLocked() const;
    Error loadFile(const QString &path);

    mutable QMutex m_lock;
    QMap<QString, Entry> m_entries;
    QString m_storageFile;
    QPointer<Daemon> m_daemon; // the daemon may die first (it stops every call into us)
    BroadcastResponder *m_broadcast = nullptr;
};

} // namespace Pyro
