#pragma once

#include "server/exposedobject.h"

#include <QFlags>
#include <QHash>
#include <QReadWriteLock>
#include <QString>

#include <functional>

namespace Pyro {

/*!
    A Pyro object made of named C++ handlers: the dynamic counterpart of a QObject with
    Q_INVOKABLE methods. Handlers take the positional and keyword arguments as sent and
    return a CallResult: a Value, an Error (a PythonError reaches Python clients as the
    matching built-in exception) or an ItemGenerator (a remote iterator). A thrown Pyro::Error
    is treated like a returned one; any other C++ exception becomes \c builtins.RuntimeError.

    Threads: handlers run on the daemon's worker pool, concurrently when several clients
    call at once, so they must be thread-safe. Members may be added or removed at any time
    (clients see the change at their next handshake).

    Ownership: share it with std::shared_ptr; the daemon keeps a reference while registered.
    \code
    auto greeter = std::make_shared<HandlerObject>();
    greeter->addMethod(QStringLiteral("hello"), [](const ValueList &args, const Dict &) -> CallResult {
        return Value(QStringLiteral("hello ") + args.value(0).toStr());
    });
    greeter->addAttribute(QStringLiteral("version"), [] { return Value(3); });
    daemon.registerObject(greeter, QStringLiteral("example.greeter"));
    \endcode

    A method added with the Callback flag (addCallbackMethod()) behaves like a method marked
    \c @Pyro4.callback in Python: see ExposedObject::isCallback() and Daemon::callbackFailed.
*/
class HandlerObject : public ExposedObject
{
public:
    using Handler = std::function<CallResult(const ValueList &args, const Dict &kwargs)>;
    using Getter = std::function<Value()>;
    //! Returns an Error to refuse the value (e.g. PythonError::typeError(...)).
    using Setter = std::function<Error(const Value &value)>;

    enum MethodFlag {
        NoFlags = 0x0,
        //! Listed as oneway in the metadata: Python clients do not wait for it.
        Oneway = 0x1,
        //! A callback (\c @Pyro4.callback): what it raises is logged here too (not published).
        Callback = 0x2,
    };
    Q_DECLARE_FLAGS(MethodFlags, MethodFlag)

    HandlerObject() = default;

    //! A method (two-way unless \a flags has Oneway); replaces an existing member of that name.
    HandlerObject &addMethod(const QString &name, Handler handler, MethodFlags flags = NoFlags);
    //! addMethod() with the Oneway flag.
    HandlerObject &addOnewayMethod(const QString &name, Handler handler);
    //! addMethod() with the Callback flag (and Oneway when \a oneway).
    HandlerObject &addCallbackMethod(const QString &name, Handler handler, bool oneway = false);
    //! An attribute; without a setter it is read-only.
    HandlerObject &addAttribute(const QString &name, Getter getter, Setter setter = {});
    void removeMember(const QString &name);

    ObjectMetadata metadata() const override;

    bool hasMethod(const QString &name) const override;
    CallResult call(const QString &method, const ValueList &args, const Dict &kwargs) override;
    CallResult getAttribute(const QString &name) override;
    CallResult setAttribute(const QString &name, const Value &value) override;
    bool isCallback(const QString &method) const override;

private:
    struct Method
    {
        Handler handler;
        MethodFlags flags;
    };
    struct Attribute
    {
        Getter getter;
        Setter setter;
    };
    mutable QReadWriteLock m_lock;
    QHash<QString, Method> m_methods;
    QHash<QString, Attribute> m_attributes;
    QStringList m_order; // declaration order, for readable metadata
};

Q_DECLARE_OPERATORS_FOR_FLAGS(HandlerObject::MethodFlags)

} // namespace Pyro
