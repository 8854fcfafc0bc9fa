#pragma once

#include "client/proxysettings.h"
#include "protocol/pyrouri.h"
#include "support/result.h"
#include "value/value.h"

#include <QList>

class QObject;

namespace Pyro {

class Proxy;

/*!
    URIs and proxies received in results (Pyro4's autoproxy: a factory returns proxies, a
    controller its sub-devices, a stage its axes) as PyroUri and Proxy objects. The values
    themselves stay class dicts ({'__class__': 'Pyro4.core.URI', 'state': ...} and
    {'__class__': 'Pyro4.core.Proxy', 'state': ...}), as every serializer carries them; these
    helpers read them, make a Proxy you can call, and turn a Proxy or PyroUri back into the
    value to pass as an argument. Pure functions except proxy(), which creates a Proxy in the
    calling thread.
    \code
    PendingCall *c = factory->call(QStringLiteral("sub"), {QStringLiteral("x")});
    ... // finished
    Proxy *sub = RemoteObjects::proxy(c->result(), factory->settings(), this).value();
    sub->call(QStringLiteral("double"), {21});
    factory->call(QStringLiteral("describe"), {RemoteObjects::toValue(*sub)});
    \endcode
*/
class RemoteObjects
{
public:
    //! A URI dict, a Proxy dict (a proxy for...) or a URI string.
    static bool isRemoteObject(const Value &value);
    //! The URI of a URI dict, a Proxy dict or a URI string; SerializeError for anything else.
    static Result<PyroUri> uri(const Value &value);
    /*!
        A Proxy (child of \a parent) for a received proxy, URI dict or URI string, with
        \a settings (the serializer, timeout and keys of the caller, as Pyro4's own proxy
        takes the local config when it is unpickled); an HMAC key carried in a proxy's state
        ("b64:...") is used when \a settings has none.
    */
    static Result<Proxy *> proxy(const Value &value, const ProxySettings &settings, QObject *parent = nullptr);
    //! The Pyro4.core.Proxy dict for \a proxy (Pyro4's __getstate_for_dict__), to pass it as an
    //! argument: the Python side receives a Pyro4.core.Proxy it can call.
    static Value toValue(const Proxy &proxy);
    //! The Pyro4.core.URI dict for \a uri (PyroUri::toValue()).
    static Value toValue(const PyroUri &uri);
    //! Every URI and proxy inside \a value (depth first, in order), as URIs.
    static QList<PyroUri> findAll(const Value &value);
};

} // namespace Pyro
