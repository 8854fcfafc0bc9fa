#pragma once

#include "daemon/callbackhost.h"
#include "invoke/invocation.h"

namespace Pyro::Ui {

/*!
    "Copy as Python code" for a call from the history: a complete, runnable Python 3 script
    (Pyro4, or Pyro5 when the target was seen to speak it). Proxies and URIs among the
    arguments are written as the Python that makes them (\c Pyro4.core.Proxy('PYRO:...')).
    When an argument is a proxy of one of the callback workbench's objects (CallbackHost),
    the script also hosts that callback itself: a class with the object's methods and their
    canned replies (return a literal, raise builtins.<Exception>(message), after a delay,
    oneway), marked as Pyro callbacks, registered in a daemon of its own on 127.0.0.1 and
    served on a background thread while the call runs, then shut down. Pure apart from reading
    the host's objects.
*/
class PythonScript
{
public:
    //! \a host: the callback objects to recognise (nullptr: none; proxies stay plain proxies).
    static QString write(const Invocation &invocation, const CallbackHost *host = nullptr);
    //! Arguments as shown to people: "1, Pyro4.core.Proxy('PYRO:listener@127.0.0.1:4321')".
    static QString argumentsText(const Invocation &invocation);
};

} // namespace Pyro::Ui
