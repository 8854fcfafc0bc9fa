#include "server/demo/demoobjects.h"

#include "client/proxy.h"
#include "server/callarguments.h"
#include "server/callcontext.h"
#include "server/daemon.h"
#include "server/demo/democalculator.h"
#include "server/demo/demothermostat.h"
#include "server/proxyargument.h"
#include "server/pythonerror.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDeadlineTimer>
#include <QMutex>
#include <QRandomGenerator>
#include <QThread>

#include <algorithm>
#include <cmath>

namespace Pyro::Demo {

DemoObjects::DemoObjects(QObject *parent)
    : QObject(parent), m_calculator(new DemoCalculator(this)), m_thermostat(new DemoThermostat(this))
{
}

DemoObjects::~DemoObjects() = default;

QStringList DemoObjects::registerWith(Daemon *daemon)
{
    QStringList names;
    auto add = [&](const QString &id, const QString &registered) {
        if (registered == id)
            names.append(id);
    };
    add(QStringLiteral("demo.echo"), daemon->registerObject(makeEcho(), QStringLiteral("demo.echo")));
    add(QStringLiteral("demo.calculator"), daemon->registerObject(m_calculator, QStringLiteral("demo.calculator")));
    add(QStringLiteral("demo.thermostat"), daemon->registerObject(m_thermostat, QStringLiteral("demo.thermostat")));
    add(QStringLiteral("demo.quotes"), daemon->registerObject(makeQuotes(), QStringLiteral("demo.quotes")));
    add(QStringLiteral("demo.callbacks"), daemon->registerObject(makeCallbacks(), QStringLiteral("demo.callbacks")));
    return names;
}

QMap<QString, QStringList> DemoObjects::metadataTags()
{
    return {
        { QStringLiteral("demo.echo"), { QStringLiteral("demo"), QStringLiteral("echo"), QStringLiteral("kind:handler") } },
        { QStringLiteral("demo.calculator"), { QStringLiteral("demo"), QStringLiteral("math"), QStringLiteral("kind:qobject") } },
        { QStringLiteral("demo.thermostat"), { QStringLiteral("demo"), QStringLiteral("device"), QStringLiteral("kind:qobject") } },
        { QStringLiteral("demo.quotes"), { QStringLiteral("demo"), QStringLiteral("stream"), QStringLiteral("kind:handler") } },
        { QStringLiteral("demo.callbacks"), { QStringLiteral("demo"), QStringLiteral("callback"), QStringLiteral("kind:handler") } },
    };
}

Value DemoObjects::typesOf(const Value &value)
{
    if (value.hasItems()) {
        ValueList members;
        for (const Value &item : value.items())
            members.append(typesOf(item));
        return Value::list({ value.typeName(), Value::list(members) });
    }
    if (value.isDict()) {
        ValueList members;
        for (const auto &[k, v] : value.toDict().items())
            members.append(Value::list({ typesOf(k), typesOf(v) }));
        return Value::list({ value.typeName(), Value::list(members) });
    }
    return Value(value.typeName());
}

// Sleeps in short steps so that a stopping daemon is not held up.
static void interruptibleSleep(double seconds)
{
    QDeadlineTimer deadline(qint64(seconds * 1000));
    while (!deadline.hasExpired() && !CallContext::current().isStopping())
        QThread::msleep(std::clamp<qint64>(deadline.remainingTime(), 1, 20));
}

std::shared_ptr<HandlerObject> DemoObjects::makeEcho()
{
    auto echo = std::make_shared<HandlerObject>();
    echo->addMethod(QStringLiteral("echo"), [](const ValueList &args, const Dict &kwargs) -> CallResult {
        auto bound = CallArguments::bind(QStringLiteral("echo"), { QStringLiteral("x") }, args, kwargs);
        if (!bound)
            return bound.error();
        return bound.value().value(QStringLiteral("x"));
    });
    echo->addMethod(QStringLiteral("types"), [](const ValueList &args, const Dict &kwargs) -> CallResult {
        auto bound = CallArguments::bind(QStringLiteral("types"), { QStringLiteral("x") }, args, kwargs);
        if (!bound)
            return bound.error();
        return typesOf(bound.value().value(QStringLiteral("x")));
    });
    echo->addMethod(QStringLiteral("fail"), [](const ValueList &args, const Dict &kwargs) -> CallResult {
        auto bound = CallArguments::bind(QStringLiteral("fail"), { QStringLiteral("kind"), { QStringLiteral("message"), Value(QStringLiteral("failed on request")) } }, args, kwargs);
        if (!bound)
            return bound.error();
        auto kind = bound.value().toStr(QStringLiteral("kind"));
        if (!kind)
            return kind.error();
        static const QStringList kinds { QStringLiteral("ValueError"), QStringLiteral("TypeError"), QStringLiteral("KeyError"),
                                         QStringLiteral("RuntimeError"), QStringLiteral("ZeroDivisionError"), QStringLiteral("AttributeError"),
                                         QStringLiteral("IndexError"), QStringLiteral("NotImplementedError"), QStringLiteral("OverflowError"),
                                         QStringLiteral("PermissionError"), QStringLiteral("TimeoutError"), QStringLiteral("Exception") };
        if (!kinds.contains(kind.value()))
            return PythonError::valueError(QStringLiteral("unknown exception kind '%1'; use one of %2").arg(kind.value(), kinds.join(QStringLiteral(", "))));
        const Value message = bound.value().value(QStringLiteral("message"));
        return PythonError::builtinWithArgs(kind.value(), { message });
    });
    echo->addMethod(QStringLiteral("sleep"), [](const ValueList &args, const Dict &kwargs) -> CallResult {
        auto bound = CallArguments::bind(QStringLiteral("sleep"), { QStringLiteral("seconds") }, args, kwargs);
        if (!bound)
            return bound.error();
        auto seconds = bound.value().toNumber(QStringLiteral("seconds"));
        if (!seconds)
            return seconds.error();
        if (seconds.value() < 0 || seconds.value() > 3600)
            return PythonError::valueError(QStringLiteral("sleep length must be between 0 and 3600 seconds"));
        interruptibleSleep(seconds.value());
        return bound.value().value(QStringLiteral("seconds"));
    });
    echo->addMethod(QStringLiteral("kw"), [](const ValueList &args, const Dict &kwargs) -> CallResult {
        auto bound = CallArguments::bind(QStringLiteral("kw"), { QStringLiteral("a"), { QStringLiteral("b"), Value(2) } }, args, kwargs,
                                         CallArguments::VarArgs | CallArguments::VarKwargs);
        if (!bound)
            return bound.error();
        return Value(Dict { { QStringLiteral("a"), bound.value().value(QStringLiteral("a")) },
                            { QStringLiteral("b"), bound.value().value(QStringLiteral("b")) },
                            { QStringLiteral("args"), Value::tuple(bound.value().extraArgs()) },
                            { QStringLiteral("kwargs"), Value(bound.value().extraKwargs()) } });
    });
    auto greeting = std::make_shared<std::pair<QMutex, QString>>();
    greeting->second = QStringLiteral("hello");
    echo->addAttribute(
            QStringLiteral("greeting"),
            [greeting] {
                QMutexLocker locker(&greeting->first);
                return Value(greeting->second);
            },
            [greeting](const Value &v) -> Error {
                if (!v.isStr())
                    return PythonError::typeError(QStringLiteral("greeting must be str, not %1").arg(v.typeName()));
                QMutexLocker locker(&greeting->first);
                greeting->second = v.toStr();
                return Error();
            });
    return echo;
}

std::shared_ptr<HandlerObject> DemoObjects::makeQuotes()
{
    auto quotes = std::make_shared<HandlerObject>();
    quotes->addMethod(QStringLiteral("stream"), [](const ValueList &args, const Dict &kwargs) -> CallResult {
        auto bound = CallArguments::bind(QStringLiteral("stream"), { { QStringLiteral("count"), Value(10) }, { QStringLiteral("interval"), Value(0.5) } }, args, kwargs);
        if (!bound)
            return bound.error();
        auto count = bound.value().toInt(QStringLiteral("count"));
        if (!count)
            return count.error();
        auto interval = bound.value().toNumber(QStringLiteral("interval"));
        if (!interval)
            return interval.error();
        if (interval.value() < 0 || interval.value() > 3600)
            return PythonError::valueError(QStringLiteral("interval must be between 0 and 3600 seconds"));
        // The generator's state lives in the lambda; each next() produces one record lazily.
        const QStringList symbols { QStringLiteral("ACME"), QStringLiteral("GLOBEX"), QStringLiteral("INITECH"), QStringLiteral("UMBRELLA") };
        QList<double> prices { 101.5, 42.25, 17.0, 250.75 };
        qint64 produced = 0;
        return ItemGenerator::fromFunction([=, n = count.value(), wait = interval.value()]() mutable -> ItemGenerator::Step {
            if (n >= 0 && produced >= n)
                return std::optional<Value>();
            if (produced > 0)
                interruptibleSleep(wait);
            const int i = int(produced % symbols.size());
            prices[i] = std::max(0.01, prices[i] + (QRandomGenerator::global()->generateDouble() - 0.5));
            ++produced;
            return std::optional<Value>(Value(Dict {
                    { QStringLiteral("symbol"), symbols.at(i) },
                    { QStringLiteral("price"), std::round(prices[i] * 100.0) / 100.0 },
                    { QStringLiteral("time"), double(QDateTime::currentMSecsSinceEpoch()) / 1000.0 },
            }));
        });
    });
    quotes->addMethod(QStringLiteral("ticks"), [](const ValueList &args, const Dict &kwargs) -> CallResult {
        auto bound = CallArguments::bind(QStringLiteral("ticks"), { QStringLiteral("n") }, args, kwargs);
        if (!bound)
            return bound.error();
        auto n = bound.value().toInt(QStringLiteral("n"));
        if (!n)
            return n.error();
        qint64 i = 0;
        return ItemGenerator::fromFunction([i, n = n.value()]() mutable -> ItemGenerator::Step {
            if (i >= n)
                return std::optional<Value>();
            return std::optional<Value>(Value(i++));
        });
    });
    return quotes;
}

// Calls \a method on the proxy from the current (worker) thread and waits for the outcome.
static CallResult callProxy(const ProxyArgument &target, const QString &method, const ValueList &args, bool oneway)
{
    Proxy proxy(target.uri, target.settings);
    if (!CallContext::current().correlationId.isEmpty())
        proxy.setCorrelationId(QUuid::fromRfc4122(CallContext::current().correlationId));
    PendingCall *call = oneway ? proxy.callOneway(method, args) : proxy.call(method, args);
    call->setAutoDelete(false);
    call->waitForFinished(60000);
    CallResult result = !call->isFinished() ? CallResult(PythonError::builtin(QStringLiteral("TimeoutError"), QStringLiteral("callback did not answer within 60 s")))
                        : call->hasError() ? CallResult(call->error())
                                           : CallResult(call->result());
    delete call;
    return result;
}

std::shared_ptr<HandlerObject> DemoObjects::makeCallbacks()
{
    auto callbacks = std::make_shared<HandlerObject>();
    auto callBack = [](bool oneway) {
        return [oneway](const ValueList &args, const Dict &kwargs) -> CallResult {
            const QString name = oneway ? QStringLiteral("call_back_oneway") : QStringLiteral("call_back");
            auto bound = CallArguments::bind(name, { QStringLiteral("proxy"), QStringLiteral("method"), { QStringLiteral("args"), Value::tuple({}) } }, args, kwargs);
            if (!bound)
                return bound.error();
            auto target = ProxyArgument::parse(bound.value().value(QStringLiteral("proxy")));
            if (!target)
                return target.error();
            auto method = bound.value().toStr(QStringLiteral("method"));
            if (!method)
                return method.error();
            const Value callArgs = bound.value().value(QStringLiteral("args"));
            if (!callArgs.isSequence())
                return PythonError::typeError(QStringLiteral("%1() argument 'args' must be a tuple or list, not %2").arg(name, callArgs.typeName()));
            return callProxy(target.value(), method.value(), callArgs.items(), oneway);
        };
    };
    callbacks->addMethod(QStringLiteral("call_back"), callBack(false));
    callbacks->addMethod(QStringLiteral("call_back_oneway"), callBack(true));
    callbacks->addMethod(QStringLiteral("subscribe"), [](const ValueList &args, const Dict &kwargs) -> CallResult {
        auto bound = CallArguments::bind(QStringLiteral("subscribe"), { QStringLiteral("proxy"), { QStringLiteral("count"), Value(5) }, { QStringLiteral("interval"), Value(0.5) } }, args, kwargs);
        if (!bound)
            return bound.error();
        auto target = ProxyArgument::parse(bound.value().value(QStringLiteral("proxy")));
        if (!target)
            return target.error();
        auto count = bound.value().toInt(QStringLiteral("count"));
        if (!count)
            return count.error();
        auto interval = bound.value().toNumber(QStringLiteral("interval"));
        if (!interval)
            return interval.error();
        if (count.value() < 0 || count.value() > 100000 || interval.value() < 0 || interval.value() > 3600)
            return PythonError::valueError(QStringLiteral("count must be 0..100000 and interval 0..3600 seconds"));
        // The notifications outlive this call: they run on a thread of their own with its own
        // proxy (a proxy belongs to the thread that uses it).
        QThread *thread = QThread::create([target = target.value(), n = count.value(), wait = interval.value()] {
            Proxy proxy(target.uri, target.settings);
            for (qint64 i = 0; i < n; ++i) {
                if (i > 0)
                    QThread::msleep(quint64(wait * 1000));
                PendingCall *call = proxy.call(QStringLiteral("notify"), { Value(i) });
                call->setAutoDelete(false);
                call->waitForFinished(60000);
                const bool failed = !call->isFinished() || call->hasError();
                delete call;
                if (failed)
                    break;
            }
        });
        // The worker thread runs no event loop: let the main thread delete the QThread.
        if (QCoreApplication::instance())
            thread->moveToThread(QCoreApplication::instance()->thread());
        QObject::connect(thread, &QThread::finished, thread, &QObject::deleteLater);
        thread->start();
        return Value();
    });
    return callbacks;
}

} // namespace Pyro::Demo
