#pragma once

#include "client/proxysettings.h"
#include "protocol/pyrouri.h"
#include "support/error.h"

#include <QObject>

#include <optional>

namespace Pyro {

/*!
    The operation object of a UriResolver (and of resolveUri() and NameServerLocator::locate()
    in naming/): finished() is emitted exactly once, from the event
    loop, after uri() or error() is set. Ownership: a child of the parent given to
    the resolver; the receiver deletes it (deleteLater() in a slot connected to finished()).
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

    //! For resolver implementations: set the outcome; emits finished() queued, once.
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

} // namespace Pyro
