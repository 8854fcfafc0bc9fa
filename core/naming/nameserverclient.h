#pragma once

#include "client/proxysettings.h"
#include "protocol/pyrouri.h"
#include "support/result.h"
#include "value/value.h"

#include <QFuture>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

namespace Pyro {

class PendingCall;
class Proxy;

//! One registration of a Pyro4 name server: name, URI and metadata tags (sorted).
struct NameServerEntry
{
    QString name;
    PyroUri uri;
    QStringList metadata;
    friend bool operator==(const NameServerEntry &a, const NameServerEntry &b)
    {
        return a.name == b.name && a.uri == b.uri && a.metadata == b.metadata;
    }
};

/*!
    Which entries NameServer.list() returns. Pyro4 applies at most one filter: a second
    non-empty one makes the name server raise ValueError('you can only filter on one thing
    at a time'), and empty filters are ignored (not sent).
*/
struct NameServerFilter
{
    QString prefix; //!< name.startswith(prefix)
    QString regex; //!< Python re.match (anchored at the start only)
    QStringList metadataAll; //!< entries having all of these tags
    QStringList metadataAny; //!< entries having any of these tags
};

/*!
    A client for a Pyro4 or Pyro5 name server (the object \c Pyro.NameServer), over one Proxy,
    which detects the protocol (proxy()->protocol() after the first call). The two APIs are
    the same but for the metadata search (list() hides the difference, see there).

    Each method sends one remote call and returns that call's PendingCall (ownership as
    documented there: a child of proxy(), deleted after finished() unless setAutoDelete(false)).
    result() is the raw value the name server returned; the static \c …FromResult() helpers turn
    it into typed values, and the \c …Entries() functions return futures of typed results.
    Remote errors keep the name server's class: an unknown name is a RemoteException of class
    \c Pyro4.errors.NamingError (Pyro5.errors.NamingError) with Error::Code::NamingError.

    Thread: lives in the thread that created it, like its Proxy.

    \code
    auto *ns = new NameServerClient(PyroUri::parse(u"PYRO:Pyro.NameServer@127.0.0.1:9090").value(), {}, this);
    PendingCall *c = ns->lookup(QStringLiteral("example.tester"));
    connect(c, &PendingCall::finished, this, [c] {
        auto uri = NameServerClient::uriFromResult(c->result()); // PYRO:obj_...@host:port
    });
    \endcode
    To find the name server first, use NameServerLocator::locate().
*/
class NameServerClient : public QObject
{
    Q_OBJECT
public:
    //! \a nameServerUri is the PYRO: URI of the name server object.
    explicit NameServerClient(const PyroUri &nameServerUri, const ProxySettings &settings = ProxySettings(),
                              QObject *parent = nullptr);
    ~NameServerClient() override;

    //! The PYRO: URI of Pyro.NameServer at \a host and \a port (a "./u:path" host is a unix socket).
    static PyroUri nameServerUri(const QString &host, int port = 9090);

    Proxy *proxy() const { return m_proxy; }
    PyroUri uri() const;

    PendingCall *ping();
    //! int: the number of registrations, Pyro.NameServer included.
    PendingCall *count();
    //! A URI class dict, or with \a returnMetadata a (URI, [tags]) pair. Fails with
    //! NamingError 'unknown name: NAME'.
    PendingCall *lookup(const QString &name, bool returnMetadata = false);
    //! A dict name -> uri string, or with \a returnMetadata name -> (uri string, [tags]).
    //! Tag filters go to list(metadata_all/any=...) on a Pyro4 name server and to
    //! yplookup(meta_all/any=...) on a Pyro5 one, whichever the proxy's handshake finds.
    PendingCall *list(const NameServerFilter &filter = NameServerFilter(), bool returnMetadata = false);
    //! Pyro5's yellow-pages lookup (on a Pyro4 name server: list() with the tag filter):
    //! the entries having all of \a metaAll or any of \a metaAny (one of them, not both).
    PendingCall *yplookup(const QStringList &metaAll, const QStringList &metaAny = {}, bool returnMetadata = false);
    //! None. With \a safe an existing name fails with NamingError 'name already registered: NAME'.
    PendingCall *registerName(const QString &name, const PyroUri &uri, const QStringList &metadata = {},
                              bool safe = false);
    //! int: how many were removed (0 or 1). Pyro.NameServer is never removed.
    PendingCall *remove(const QString &name);
    PendingCall *removePrefix(const QString &prefix);
    PendingCall *removeRegex(const QString &regex);
    //! None; an empty list clears the tags. Unknown name: NamingError.
    PendingCall *setMetadata(const QString &name, const QStringList &metadata);

    //! lookup() with metadata, as a typed future (failures as PyroException).
    QFuture<NameServerEntry> lookupEntry(const QString &name);
    //! list() with metadata, sorted by name.
    QFuture<QList<NameServerEntry>> listEntries(const NameServerFilter &filter = NameServerFilter());

    //! A URI class dict or URI string (what lookup returns) as a PyroUri.
    static Result<PyroUri> uriFromResult(const Value &result);
    //! lookup(name, return_metadata=True)'s (uri, tags) pair.
    static Result<NameServerEntry> entryFromLookupResult(const QString &name, const Value &result);
    //! list()'s dict, with or without metadata, sorted by name.
    static Result<QList<NameServerEntry>> entriesFromListResult(const Value &result);

private:
    PendingCall *callNs(const QString &method, const ValueList &args, const Dict &kwargs = Dict());

    Proxy *m_proxy = nullptr;
};

} // namespace Pyro
