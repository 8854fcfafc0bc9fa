#include "client/batch.h"

#include "client/proxy.h"

namespace Pyro {

Batch::Batch(Proxy *proxy) : m_proxy(proxy) { }

Batch &Batch::call(const QString &method, const ValueList &args, const Dict &kwargs)
{
    m_calls.append({ method, args, kwargs });
    return *this;
}

PendingCall *Batch::send()
{
    return send(false);
}

PendingCall *Batch::sendOneway()
{
    return send(true);
}

PendingCall *Batch::send(bool oneway)
{
    if (!m_proxy) {
        auto *op = new PendingCall(nullptr);
        QMetaObject::invokeMethod(op, [op] {
            op->finishWithError(Error(Error::Code::UsageError, Proxy::tr("the batch's proxy was deleted")));
        }, Qt::QueuedConnection);
        return op;
    }
    if (PendingCall *refused = m_proxy->refuseForeignThread(oneway ? "Batch::sendOneway" : "Batch::send"))
        return refused;
    CallEnvelope env;
    env.method = QStringLiteral("<batch>");
    env.argsAsList = true;
    QStringList names;
    for (const Entry &e : std::as_const(m_calls)) {
        env.args.append(Value::tuple({ e.method, Value::tuple(e.args), Value(e.kwargs) }));
        names.append(e.method);
    }
    return m_proxy->submit(oneway ? Proxy::Kind::BatchOneway : Proxy::Kind::Batch, m_proxy->newCall(), env, names);
}

} // namespace Pyro
