#include "value/classregistry.h"

#include <QCoreApplication>
#include <QHash>
#include <QReadWriteLock>

#include <atomic>

namespace Pyro {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Pyro::ClassRegistry)
};

struct ToDictEntry
{
    QString className;
    ClassRegistry::ToDict convert;
};

struct Registry
{
    QReadWriteLock lock;
    QHash<int, ToDictEntry> toDict; // by QMetaType id
    QHash<QString, ClassRegistry::FromDict> fromDict;
    // Read without the lock so that results skip the tree walk when nothing is registered.
    std::atomic<int> fromDictCount { 0 };
};

Registry &registry()
{
    static Registry r;
    return r;
}

const QString ClassKey = QStringLiteral("__class__");

bool acceptableName(const QString &className)
{
    // Pyro4's own classes keep their built-in handling (URI, Proxy, errors, batch wrappers).
    return !className.isEmpty() && !className.startsWith(QLatin1String("Pyro4."));
}

// Returns true and sets \a out when something inside \a value was converted.
bool recreate(const Value &value, const QHash<QString, ClassRegistry::FromDict> &converters, Value &out)
{
    switch (value.type()) {
    case Value::Type::Dict: {
        const QString name = value.className();
        if (!name.isEmpty()) {
            const auto it = converters.constFind(name);
            if (it != converters.constEnd()) {
                out = (*it)(name, value.toDict());
                return true;
            }
        }
        bool changed = false;
        Dict result;
        for (const Dict::Item &item : value.toDict().items()) {
            Value converted;
            if (recreate(item.second, converters, converted)) {
                changed = true;
                result.insert(item.first, converted);
            } else {
                result.insert(item.first, item.second);
            }
        }
        if (changed)
            out = Value(result);
        return changed;
    }
    case Value::Type::Tuple:
    case Value::Type::List:
    case Value::Type::Set:
    case Value::Type::FrozenSet: {
        bool changed = false;
        ValueList items;
        items.reserve(value.items().size());
        for (const Value &item : value.items()) {
            Value converted;
            if (recreate(item, converters, converted)) {
                changed = true;
                items.append(converted);
            } else {
                items.append(item);
            }
        }
        if (!changed)
            return false;
        switch (value.type()) {
        case Value::Type::Tuple: out = Value::tuple(items); break;
        case Value::Type::List: out = Value::list(items); break;
        case Value::Type::Set: out = Value::set(items); break;
        default: out = Value::frozenSet(items); break;
        }
        return true;
    }
    default:
        return false;
    }
}

} // namespace

bool ClassRegistry::registerClassToDict(QMetaType type, const QString &className, ToDict convert)
{
    if (!type.isValid() || !convert || !acceptableName(className))
        return false;
    Registry &r = registry();
    QWriteLocker locker(&r.lock);
    r.toDict.insert(type.id(), ToDictEntry { className, std::move(convert) });
    return true;
}

bool ClassRegistry::unregisterClassToDict(QMetaType type)
{
    Registry &r = registry();
    QWriteLocker locker(&r.lock);
    return r.toDict.remove(type.id()) > 0;
}

QString ClassRegistry::classNameFor(QMetaType type)
{
    Registry &r = registry();
    QReadLocker locker(&r.lock);
    return r.toDict.value(type.id()).className;
}

Result<Value> ClassRegistry::toValue(const QVariant &object)
{
    ToDictEntry entry;
    {
        Registry &r = registry();
        QReadLocker locker(&r.lock);
        entry = r.toDict.value(object.metaType().id());
    }
    // The converter runs unlocked: it may itself call toValue() for nested objects.
    if (!entry.convert)
        return Error(Error::Code::SerializeError,
                     Tr::tr("don't know how to serialize type %1: register a class_to_dict converter for it")
                             .arg(QString::fromLatin1(object.metaType().name())));
    Dict d = entry.convert(object);
    if (!d.contains(ClassKey))
        d.insert(ClassKey, entry.className);
    return Value(d);
}

bool ClassRegistry::registerDictToClass(const QString &className, FromDict convert)
{
    if (!convert || !acceptableName(className))
        return false;
    Registry &r = registry();
    QWriteLocker locker(&r.lock);
    r.fromDict.insert(className, std::move(convert));
    r.fromDictCount.store(int(r.fromDict.size()));
    return true;
}

bool ClassRegistry::unregisterDictToClass(const QString &className)
{
    Registry &r = registry();
    QWriteLocker locker(&r.lock);
    const bool removed = r.fromDict.remove(className) > 0;
    r.fromDictCount.store(int(r.fromDict.size()));
    return removed;
}

bool ClassRegistry::hasDictToClass(const QString &className)
{
    Registry &r = registry();
    QReadLocker locker(&r.lock);
    return r.fromDict.contains(className);
}

Value ClassRegistry::recreateClasses(const Value &value)
{
    Registry &r = registry();
    if (r.fromDictCount.load() == 0)
        return value;
    QHash<QString, FromDict> converters;
    {
        // A copy (implicitly shared, so cheap) lets converters run unlocked and re-enter.
        QReadLocker locker(&r.lock);
        converters = r.fromDict;
    }
    Value out;
    return recreate(value, converters, out) ? out : value;
}

} // namespace Pyro
