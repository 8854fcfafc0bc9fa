#pragma once

#include "client/proxysettings.h"
#include "protocol/pyrouri.h"
#include "support/error.h"

#include <QObject>

#include <optional>

namespace Pyro {

/*!
    The operation object of resolveUri(): finished() is emitted exactly once, from the event
    loop, after uri() or error() is set. Ownership: a child of the parent given to
    resolveUri(); the receiver deletes it (deleteLater() in a slot connected to finished()).
    Lives in the thread of that parent.
*/
class PendingResolve : public QObject
{
    Q_OBJECT
public:
    explicit PendingResolve(QObject *parent = nullptr) : QObject(parent) { }

    bool isFinished() const { return m_finished; }
    //! The resolved PYRO: URI (valid when finished without error).
    PyroUri uri() const { return m_uri; }
    //! The protocol the endpoint was found to speak, when the resolution shook hands with it
    //! (NameServerLocator does: Pyro4 or Pyro5 name server); nullopt otherwise.
    std::optional<ProtocolVersion> protocol() const { return m_protocol; }
    Error error() const { return m_error; }

    //! For implementations of resolveUri(): set the outcome; emits finished() queued, once.
    void finishWithUri(const PyroUri &uri, std::optional<ProtocolVersion> protocol = std::nullopt)
    {
        m_protocol = protocol;
        finish(uri, Error());
    }
    void finishWithError(const Error &error) { finish(PyroUri(), error); }

Q_SIGNALS:
    void finished();

private:
    void finish(const PyroUri &uri, const Error &error)
    {
        if (m_finished)
            return;
        m_finished = true;
        m_uri = uri;
        m_error = error;
        QMetaObject::invokeMethod(this, &PendingResolve::finished, Qt::QueuedConnection);
    }

    bool m_finished = false;
    PyroUri m_uri;
    std::optional<ProtocolVersion> m_protocol;
    Error m_error;
};

/*!
    Resolves a PYRONAME: or PYROMETA: URI to a PYRO: URI through the name server (Pyro4's
    resolve(): locate the name server from the URI's location, or locateNS() when it has
    none, then lookup(name) or list(metadata_all=tags) with a random choice). A PYRO: URI
    finishes at once with itself. Failures: Error::Code::NamingError (unknown name, no name
    server, no match) or a connection error. \a settings carries HMAC, serializer, TLS and
    timeout for the name server connection. Runs asynchronously in \a parent's thread.
*/
PendingResolve *resolveUri(const PyroUri &uri, const ProxySettings &settings, QObject *parent);

} // namespace Pyro
