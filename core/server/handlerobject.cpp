#include "server/handlerobject.h"

#include "server/pythonerror.h"

#include <exception>

namespace Pyro {

HandlerObject &HandlerObject::addMethod(const QString &name, Handler handler, MethodFlags flags)
{
    QWriteLocker locker(&m_lock);
    m_attributes.remove(name);
    m_methods.insert(name, Method { std::move(handler), flags });
    m_order.removeAll(name);
    m_order.append(name);
    return *this;
}

HandlerObject &HandlerObject::addOnewayMethod(const QString &name, Handler handler)
{
    return addMethod(name, std::move(handler), Oneway);
}

HandlerObject &HandlerObject::addCallbackMethod(const QString &name, Handler handler, bool oneway)
{
    return addMethod(name, std::move(handler), oneway ? MethodFlags(Callback | Oneway) : MethodFlags(Callback));
}

bool HandlerObject::isCallback(const QString &method) const
{
    QReadLocker locker(&m_lock);
    auto it = m_methods.constFind(method);
    return it != m_methods.constEnd() && it->flags.testFlag(Callback);
}

HandlerObject &HandlerObject::addAttribute(const QString &name, Getter getter, Setter setter)
{
    QWriteLocker locker(&m_lock);
    m_methods.remove(name);
    m_attributes.insert(name, Attribute { std::move(getter), std::move(setter) });
    m_order.removeAll(name);
    m_order.append(name);
    return *this;
}

void HandlerObject::removeMember(const QString &name)
{
    QWriteLocker locker(&m_lock);
    m_methods.remove(name);
    m_attributes.remove(name);
    m_order.removeAll(name);
}

ObjectMetadata HandlerObject::metadata() const
{
    QReadLocker locker(&m_lock);
    ObjectMetadata meta;
    for (const QString &name : m_order) {
        if (auto it = m_methods.constFind(name); it != m_methods.constEnd()) {
            meta.methods.append(name);
            if (it->flags.testFlag(Oneway))
                meta.oneway.append(name);
        } else if (m_attributes.contains(name)) {
            meta.attrs.append(name);
        }
    }
    return meta;
}

template<typename F>
static CallResult guarded(const QString &where, F &&f)
{
    try {
        CallResult r = f();
        if (r.isError())
            return PythonError::withTracebackLocation(PythonError::forPython(r.error()), where);
        return r;
    } catch (const Error &e) {
        return PythonError::withTracebackLocation(PythonError::forPython(e), where);
    } catch (const std::exception &e) {
        return PythonError::make(QStringLiteral("builtins.RuntimeError"), { QString::fromLocal8Bit(e.what()) }, where);
    } catch (...) {
        return PythonError::make(QStringLiteral("builtins.RuntimeError"), { QStringLiteral("unknown C++ exception") }, where);
    }
}

bool HandlerObject::hasMethod(const QString &name) const
{
    QReadLocker locker(&m_lock);
    return m_methods.contains(name);
}

CallResult HandlerObject::call(const QString &method, const ValueList &args, const Dict &kwargs)
{
    Handler handler;
    {
        QReadLocker locker(&m_lock);
        auto it = m_methods.constFind(method);
        if (it == m_methods.constEnd())
            return PythonError::attributeError(QStringLiteral("attempt to access unexposed attribute '%1'").arg(method));
        handler = it->handler;
    }
    if (!handler)
        return Value();
    return guarded(method, [&] { return handler(args, kwargs); });
}

CallResult HandlerObject::getAttribute(const QString &name)
{
    Getter getter;
    {
        QReadLocker locker(&m_lock);
        auto it = m_attributes.constFind(name);
        if (it == m_attributes.constEnd() || !it->getter)
            return PythonError::attributeError(QStringLiteral("attempt to access unexposed or unknown remote attribute '%1'").arg(name));
        getter = it->getter;
    }
    return guarded(name, [&] { return CallResult(getter()); });
}

CallResult HandlerObject::setAttribute(const QString &name, const Value &value)
{
    Setter setter;
    {
        QReadLocker locker(&m_lock);
        auto it = m_attributes.constFind(name);
        if (it == m_attributes.constEnd() || !it->setter)
            return PythonError::attributeError(QStringLiteral("attempt to access unexposed or unknown remote attribute '%1'").arg(name));
        setter = it->setter;
    }
    return guarded(name, [&] {
        const Error e = setter(value);
        return e.isError() ? CallResult(e) : CallResult(Value());
    });
}

} // namespace Pyro
