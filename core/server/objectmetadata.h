#pragma once

#include "value/value.h"

#include <QStringList>

namespace Pyro {

/*!
    What a Pyro4 client learns about an object in the handshake or from
    \c Pyro.Daemon.get_metadata (doc 2.2, 2.4): its callable methods (oneway ones included),
    the oneway subset, and the attribute names.
*/
struct ObjectMetadata
{
    QStringList methods;
    QStringList oneway;
    QStringList attrs;

    /*!
        The metadata dict. With \a asLists the three values are lists (what the handshake
        sends); otherwise sets, as \c get_metadata(objectId) returns by default.
    */
    Value toValue(bool asLists) const
    {
        auto pack = [asLists](const QStringList &names) {
            ValueList items;
            for (const QString &n : names)
                items.append(Value(n));
            return asLists ? Value::list(items) : Value::set(items);
        };
        return Value(Dict {
                { QStringLiteral("methods"), pack(methods) },
                { QStringLiteral("oneway"), pack(oneway) },
                { QStringLiteral("attrs"), pack(attrs) },
        });
    }
};

} // namespace Pyro
