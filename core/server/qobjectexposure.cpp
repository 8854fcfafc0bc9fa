#include "server/qobjectexposure.h"

#include "server/callcontext.h"
#include "server/pythonerror.h"
#include "server/variantconverter.h"

#include <QMetaProperty>
#include <QSemaphore>
#include <QThread>

#include <exception>
#include <memory>

namespace Pyro {

QObjectExposure::QObjectExposure(QObject *object) : m_object(object)
{
    const QMetaObject *mo = object->metaObject();
    // Q_CLASSINFO("pyro.oneway", "a,b") style name lists.
    auto namesIn = [mo](const char *key) {
        QStringList names;
        const int ci = mo->indexOfClassInfo(key);
        if (ci >= 0) {
            const QString list = QString::fromUtf8(mo->classInfo(ci).value());
            for (const QString &name : list.split(u',', Qt::SkipEmptyParts))
                names.append(name.trimmed());
        }
        return names;
    };
    const QStringList oneway = namesIn("pyro.oneway");
    const QStringList callbacks = namesIn("pyro.callback");
    for (int i = QObject::staticMetaObject.methodCount(); i < mo->methodCount(); ++i) {
        const QMetaMethod m = mo->method(i);
        if (m.methodType() != QMetaMethod::Method || m.access() != QMetaMethod::Public)
            continue;
        const QString name = QString::fromLatin1(m.name());
        if (name.startsWith(u'_'))
            continue;
        if (!m_methods.contains(name)) {
            m_metadata.methods.append(name);
            if (oneway.contains(name))
                m_metadata.oneway.append(name);
            if (callbacks.contains(name))
                m_callbacks.insert(name);
        }
        m_methods.insert(name, m);
    }
    for (int i = QObject::staticMetaObject.propertyCount(); i < mo->propertyCount(); ++i) {
        const QMetaProperty p = mo->property(i);
        const QString name = QString::fromLatin1(p.name());
        if (!p.isReadable() || name.startsWith(u'_') || m_methods.contains(name))
            continue;
        m_metadata.attrs.append(name);
    }
}

bool QObjectExposure::runInObjectThread(const std::function<void()> &f)
{
    QObject *obj = m_object.data();
    if (!obj)
        return false;
    if (obj->thread() == QThread::currentThread()) {
        f();
        return true;
    }
    struct State
    {
        QSemaphore done;
        std::atomic_bool ran = false;
    };
    auto state = std::make_shared<State>();
    // The guard releases the semaphore when the posted call is destroyed, whether it ran or
    // was discarded because the object died first, so the worker never waits forever.
    std::shared_ptr<void> guard(nullptr, [state](void *) { state->done.release(); });
    const bool posted = QMetaObject::invokeMethod(obj, [f, state, guard] {
        f();
        state->ran = true;
    }, Qt::QueuedConnection);
    guard.reset();
    if (!posted)
        return false;
    const CallContext &ctx = CallContext::current();
    while (!state->done.tryAcquire(1, 100)) {
        if (ctx.isStopping())
            return false;
    }
    return state->ran;
}

static Error goneError()
{
    return PythonError::pyro(QStringLiteral("DaemonError"), QStringLiteral("object is no longer available"));
}

CallResult QObjectExposure::call(const QString &method, const ValueList &args, const Dict &kwargs)
{
    const QList<QMetaMethod> candidates = m_methods.values(method);
    if (candidates.isEmpty())
        return PythonError::attributeError(QStringLiteral("attempt to access unexposed attribute '%1'").arg(method));
    const qsizetype given = args.size() + kwargs.size();
    QMetaMethod chosen;
    int minCount = INT_MAX, maxCount = -1;
    for (const QMetaMethod &m : candidates) {
        minCount = qMin(minCount, m.parameterCount());
        maxCount = qMax(maxCount, m.parameterCount());
        if (m.parameterCount() == given)
            chosen = m;
    }
    if (!chosen.isValid()) {
        const QString expected = minCount == maxCount ? QString::number(minCount)
                                                      : QStringLiteral("%1 to %2").arg(minCount).arg(maxCount);
        return PythonError::typeError(QStringLiteral("%1() takes %2 arguments but %3 were given").arg(method, expected).arg(given));
    }
    if (chosen.parameterCount() > 10)
        return PythonError::typeError(QStringLiteral("%1() has more than 10 parameters").arg(method));

    // Positional first, then keywords by declared parameter name.
    const QList<QByteArray> names = chosen.parameterNames();
    QList<std::optional<Value>> bound(chosen.parameterCount());
    for (qsizetype i = 0; i < args.size(); ++i)
        bound[i] = args.at(i);
    for (const auto &[k, v] : kwargs.items()) {
        const QString key = k.toStr();
        const qsizetype index = names.indexOf(key.toUtf8());
        if (!k.isStr() || index < 0)
            return PythonError::typeError(QStringLiteral("%1() got an unexpected keyword argument '%2'").arg(method, k.isStr() ? key : k.repr()));
        if (bound[index])
            return PythonError::typeError(QStringLiteral("%1() got multiple values for argument '%2'").arg(method, key));
        bound[index] = v;
    }
    QList<QVariant> converted;
    for (int i = 0; i < chosen.parameterCount(); ++i) {
        const QString pname = i < names.size() && !names.at(i).isEmpty() ? QString::fromUtf8(names.at(i)) : QStringLiteral("arg%1").arg(i);
        if (!bound[i])
            return PythonError::typeError(QStringLiteral("%1() missing required argument: '%2'").arg(method, pname));
        auto c = VariantConverter::toParameter(*bound[i], chosen.parameterMetaType(i), method, pname);
        if (!c)
            return c.error();
        converted.append(c.value());
    }

    auto outcome = std::make_shared<CallResult>();
    const bool ran = runInObjectThread([this, chosen, converted, outcome, method]() mutable {
        QObject *obj = m_object.data();
        if (!obj) {
            *outcome = goneError();
            return;
        }
        QList<QByteArray> typeNames;
        QGenericArgument a[10];
        for (int i = 0; i < converted.size(); ++i) {
            typeNames.append(chosen.parameterTypeName(i));
            const bool isVariant = chosen.parameterMetaType(i).id() == QMetaType::QVariant;
            a[i] = QGenericArgument(typeNames.last().constData(), isVariant ? static_cast<const void *>(&converted[i]) : converted[i].constData());
        }
        const QMetaType rt = chosen.returnMetaType();
        const bool hasReturn = rt.isValid() && rt.id() != QMetaType::Void;
        QVariant ret = hasReturn ? QVariant(rt, nullptr) : QVariant();
        const QByteArray rtName = chosen.typeName();
        QGenericReturnArgument r = hasReturn ? QGenericReturnArgument(rtName.constData(), ret.data()) : QGenericReturnArgument();
        try {
            const bool ok = chosen.invoke(obj, Qt::DirectConnection, r, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9]);
            if (!ok)
                *outcome = PythonError::make(QStringLiteral("builtins.RuntimeError"), { QStringLiteral("the method could not be invoked") }, method);
            else if (rt.id() == QMetaType::QVariant)
                *outcome = CallResult(VariantConverter::fromVariant(*static_cast<const QVariant *>(ret.constData())));
            else
                *outcome = CallResult(hasReturn ? VariantConverter::fromVariant(ret) : Value());
        } catch (const Error &e) {
            *outcome = PythonError::withTracebackLocation(PythonError::forPython(e), method);
        } catch (const std::exception &e) {
            *outcome = PythonError::make(QStringLiteral("builtins.RuntimeError"), { QString::fromLocal8Bit(e.what()) }, method);
        } catch (...) {
            *outcome = PythonError::make(QStringLiteral("builtins.RuntimeError"), { QStringLiteral("unknown C++ exception") }, method);
        }
    });
    if (!ran)
        return goneError();
    return *outcome;
}

CallResult QObjectExposure::getAttribute(const QString &name)
{
    if (!m_metadata.attrs.contains(name))
        return PythonError::attributeError(QStringLiteral("attempt to access unexposed or unknown remote attribute '%1'").arg(name));
    auto outcome = std::make_shared<CallResult>();
    const bool ran = runInObjectThread([this, name, outcome] {
        QObject *obj = m_object.data();
        if (!obj) {
            *outcome = goneError();
            return;
        }
        *outcome = CallResult(VariantConverter::fromVariant(obj->property(name.toUtf8().constData())));
    });
    return ran ? *outcome : CallResult(goneError());
}

CallResult QObjectExposure::setAttribute(const QString &name, const Value &value)
{
    QObject *obj = m_object.data();
    if (!obj)
        return goneError();
    const QMetaObject *mo = obj->metaObject();
    const int index = mo->indexOfProperty(name.toUtf8().constData());
    if (!m_metadata.attrs.contains(name) || index < 0 || !mo->property(index).isWritable())
        return PythonError::attributeError(QStringLiteral("attempt to access unexposed or unknown remote attribute '%1'").arg(name));
    const QMetaProperty prop = mo->property(index);
    auto converted = VariantConverter::toParameter(value, prop.metaType(), name, QStringLiteral("value"));
    if (!converted)
        return converted.error();
    auto outcome = std::make_shared<CallResult>();
    const QVariant v = converted.value();
    const bool ran = runInObjectThread([this, prop, v, outcome, name] {
        QObject *obj = m_object.data();
        if (!obj) {
            *outcome = goneError();
            return;
        }
        if (!prop.write(obj, v))
            *outcome = PythonError::valueError(QStringLiteral("cannot set attribute '%1'").arg(name));
    });
    return ran ? *outcome : CallResult(goneError());
}

} // namespace Pyro
