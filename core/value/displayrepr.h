#pragma once

#include "value/value.h"

#include <QString>

namespace Pyro {

/*!
    Python's repr() for what a user reads (pyroctl's repr output), with the objects that
    travel as class dicts shown as what they stand for instead of as dicts:

    \list
    \li inert objects (InertObjects): \c mod.Class(1, 2, x=3) (args, then the state's
        attributes, then a dict subclass's items as a list of pairs or a list subclass's
        items as a list); enum members \c mod.Enum.NAME; classes \c <class 'mod.Class'>;
    \li numpy arrays: \c array(shape=(48, 64), dtype=uint8);
    \li URIs: \c Pyro4.core.URI('PYRO:obj@host:port'); proxies:
        \c <Pyro4.core.Proxy at PYRO:obj@host:port>.
    \endlist

    Everything else is exactly ReprWriter's output; nested values are handled at any depth.
    Pure, thread-safe.
*/
class DisplayRepr
{
public:
    //! How URIs and proxies are written: pyroctl's \c <Pyro4.core.Proxy at PYRO:...>, or as the
    //! Python expression that makes them, \c Pyro4.core.Proxy('PYRO:...'), with the class name
    //! the value carries (\c Pyro5.client.Proxy, \c Pyro5.core.URI for Pyro5 objects): what the
    //! explorer shows in results, history, the sequence diagram and copied code.
    enum class ObjectStyle { Pyroctl, Constructor };

    static QString write(const Value &value, ObjectStyle style = ObjectStyle::Pyroctl);
    //! The URI text of a Pyro4.core.URI class dict's state ("PYRO:obj@host:port"), empty if invalid.
    static QString uriText(const Value &uriDict);
};

} // namespace Pyro
