#pragma once

#include "support/result.h"
#include "value/value.h"

#include <QMetaType>
#include <QString>
#include <QVariant>

#include <functional>

namespace Pyro {

/*!
    Custom class (de)serialization hooks, Pyro4's SerializerBase.register_class_to_dict /
    register_dict_to_class and their unregister twins, for one process (a global registry,
    like Pyro4's class-level dicts). Thread-safe: every function may be called from any thread.

    Python class instances travel in serpent, json, marshal and msgpack as dicts with a
    \c "__class__" key (e.g. \c {'__class__': 'mymodule.Point', 'x': 1, 'y': 2}). A Python
    server turns such a dict back into an instance only when it registered a dict_to_class
    converter for the name; a registered class_to_dict converter produces the dict it sends.

    Sending (class to dict): register a converter per C++ type (any type QVariant can hold),
    then turn objects into Values with toValue() and pass them as call arguments. The dict
    always carries \c "__class__" (the registered name) even when the converter leaves it out,
    because the Python side needs it to find its dict_to_class converter.

    Receiving (dict to class): register a converter per class name; Proxy applies
    recreateClasses() to every result, stream item and batch result, so a registered name
    arrives converted (into any Value: a tuple, a plain dict, a scalar...). Converters get the
    raw dict (nested class dicts inside it are not converted first, as in Pyro4). Without a
    converter a class instance stays a dict with its \c "__class__" visible, and the values
    inside it are still converted. Remote exceptions are not passed through the converters:
    they become Error values.

    Pyro4's own classes (names starting with "Pyro4.": URI, Proxy, exceptions, the
    _ExceptionWrapper of batches) keep their built-in handling: registering such a name in
    either direction is refused (returns false). So are empty names.

    \code
    struct Point { int x; int y; };
    ClassRegistry::registerClassToDict<Point>(QStringLiteral("mymodule.Point"), [](const Point &p) {
        return Dict { { QStringLiteral("x"), p.x }, { QStringLiteral("y"), p.y } };
    });
    proxy->call(QStringLiteral("move"), { ClassRegistry::toValue(Point { 1, 2 }).value() });

    ClassRegistry::registerDictToClass(QStringLiteral("mymodule.Point"), [](const QString &, const Dict &d) {
        return Value::tuple({ d.value(QStringLiteral("x")), d.value(QStringLiteral("y")) });
    });
    // results holding mymodule.Point instances now arrive as (x, y) tuples
    \endcode
*/
class ClassRegistry
{
public:
    //! Produces the dict for one object (the QVariant holds the registered type).
    using ToDict = std::function<Dict(const QVariant &object)>;
    //! Produces the value for one received class dict (\a data still holds "__class__").
    using FromDict = std::function<Value(const QString &className, const Dict &data)>;

    ClassRegistry() = delete;

    //! Registers \a convert for objects of \a type, sent as class \a className. Replaces an
    //! earlier registration of the type. False when the name is empty or a Pyro4 class.
    static bool registerClassToDict(QMetaType type, const QString &className, ToDict convert);
    template<typename T>
    static bool registerClassToDict(const QString &className, std::function<Dict(const T &)> convert)
    {
        return registerClassToDict(QMetaType::fromType<T>(), className,
                                   [convert = std::move(convert)](const QVariant &v) { return convert(v.value<T>()); });
    }
    //! Pyro4 unregister_class_to_dict. Returns whether something was registered.
    static bool unregisterClassToDict(QMetaType type);
    template<typename T>
    static bool unregisterClassToDict()
    {
        return unregisterClassToDict(QMetaType::fromType<T>());
    }
    //! The class name registered for \a type (empty when none).
    static QString classNameFor(QMetaType type);

    //! The class dict of \a object; Error::Code::SerializeError when its type has no converter.
    static Result<Value> toValue(const QVariant &object);
    template<typename T>
    static Result<Value> toValue(const T &object)
    {
        return toValue(QVariant::fromValue(object));
    }

    //! Pyro4 register_dict_to_class. Replaces an earlier converter for the name.
    static bool registerDictToClass(const QString &className, FromDict convert);
    //! Pyro4 unregister_dict_to_class. Returns whether something was registered.
    static bool unregisterDictToClass(const QString &className);
    static bool hasDictToClass(const QString &className);

    //! Pyro4 recreate_classes: \a value with every class dict of a registered name replaced by
    //! its converter's result, at any depth (tuples, lists, sets, dict values). Returns \a value
    //! itself (shared, not copied) when nothing is registered or nothing matched. Nesting is
    //! bounded by the decoders' depth limits, so this recursion is too.
    static Value recreateClasses(const Value &value);
};

} // namespace Pyro
