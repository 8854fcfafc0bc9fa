#pragma once

#include "value/value.h"

#include <QString>

namespace Pyro {

/*!
    Inert objects: Python objects of classes we do not know, as the pickle decoder rebuilds
    them without importing or running anything (see docs/inert-objects.md). They are class
    dicts, recognised by their \c "__inert__" marker key, in one of three forms:

    \list
    \li An object: \c {"__class__": "mod.Class", "__inert__": "object", "args": (...),
        "state": <BUILD state or None>} plus \c "items" (a list, what APPEND(S) added to a
        list subclass) and \c "dictitems" (a dict, what SETITEM(S) added to a dict subclass)
        when there were any. \c args are the constructor (or \c __new__ /
        \c __reduce__) arguments, \c state what \c __setstate__ would have received.
        Printed as \c mod.Class(args..., name=value...) by DisplayRepr.
    \li An enum member, sent as \c getattr(mod.Enum, 'NAME'):
        \c {"__class__": "mod.Enum", "__inert__": "member", "name": "NAME"}; printed as
        \c mod.Enum.NAME.
    \li A class used as a value: \c {"__class__": "mod.Class", "__inert__": "class"};
        printed as \c <class 'mod.Class'>.
    \endlist

    numpy arrays are not inert objects but array dicts (isArray()):
    \c {"__class__": "numpy.ndarray", "shape": (d0, ...), "dtype": "uint8", "byteorder":
    "<" | ">" | "|", "data": bytes in C order}.

    Pure functions, thread-safe.
*/
class InertObjects
{
public:
    static Value object(const QString &className, const Value &args, const Value &state,
                        const ValueList &listItems = {}, const Dict &dictItems = Dict());
    static Value member(const QString &className, const QString &name);
    static Value classReference(const QString &className);
    static Value array(const ValueList &shape, const QString &dtype, QChar byteOrder, const QByteArray &data);

    //! Any of the three inert forms.
    static bool isInert(const Value &v);
    //! The form: "object", "member", "class", or empty for anything else.
    static QString form(const Value &v);
    //! An array dict as described above (shape a tuple of ints, dtype a str, data bytes).
    static bool isArray(const Value &v);

    static QString markerKey() { return QStringLiteral("__inert__"); }
    static QString arrayClassName() { return QStringLiteral("numpy.ndarray"); }
};

} // namespace Pyro
