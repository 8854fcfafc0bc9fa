#pragma once

#include "server/callresult.h"
#include "server/objectmetadata.h"

namespace Pyro {

/*!
    Something a Daemon can serve: a HandlerObject, or a QObject wrapped by QObjectExposure.
    The daemon calls these from its worker threads, possibly concurrently for different
    connections; implementations make that safe (QObjectExposure hops to the object's thread).
    The daemon has already checked the names against metadata() before calling.
*/
class ExposedObject
{
public:
    virtual ~ExposedObject() = default;
    virtual ObjectMetadata metadata() const = 0;
    //! Whether \a name is an exposed method; the daemon asks on every call, so implementations
    //! answer without building metadata().
    virtual bool hasMethod(const QString &name) const { return metadata().methods.contains(name); }
    virtual CallResult call(const QString &method, const ValueList &args, const Dict &kwargs) = 0;
    virtual CallResult getAttribute(const QString &name) = 0;
    //! Returns None on success.
    virtual CallResult setAttribute(const QString &name, const Value &value) = 0;
    /*!
        True when \a method is a callback in Pyro4's sense (\c @Pyro4.callback): an exception
        it raises is also logged on this side (Daemon::callbackFailed), and a two-way call
        that raised closes the client connection after the reply. Not part of the metadata.
    */
    virtual bool isCallback(const QString &method) const
    {
        Q_UNUSED(method);
        return false;
    }
};

} // namespace Pyro
