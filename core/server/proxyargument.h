#pragma once

#include "client/proxysettings.h"
#include "protocol/pyrouri.h"
#include "support/result.h"
#include "value/value.h"

namespace Pyro {

class Proxy;

/*!
    A Pyro4 Proxy passed as an argument, as it arrives at a daemon:
    {'__class__': 'Pyro4.core.Proxy', 'state': (uri, oneway, methods, attrs, timeout, hmac,
    handshake, max_retries, serializer)} (doc 4.7), or a Pyro5 one: {'__class__':
    'Pyro5.client.Proxy', 'state': (uri, oneway, methods, attrs, handshake, serializer)}; the
    callback then speaks the protocol the proxy's class names. A plain URI string or a URI
    class dict of either protocol is accepted too. The serializer named in the state is honoured, None meaning serpent, as a
    Python daemon does; an HMAC key "b64:..." is used for the callback connection.
    \code
    auto target = ProxyArgument::parse(args.value(0));
    if (!target)
        return target.error();
    Proxy proxy(target.value().uri, target.value().settings);   // in the calling thread
    PendingCall *c = proxy.call(QStringLiteral("notify"), {1});
    c->waitForFinished();
    \endcode
*/
struct ProxyArgument
{
    PyroUri uri;
    ProxySettings settings;

    //! A Pyro4.core.Proxy or Pyro5.client.Proxy class dict.
    static bool isProxy(const Value &value);
    //! A TypeError (for Python clients) when \a value is neither a Proxy dict nor a URI.
    static Result<ProxyArgument> parse(const Value &value);
};

} // namespace Pyro
