#pragma once

#include "value/value.h"

#include <QList>
#include <QPointer>
#include <QString>

namespace Pyro {

class PendingCall;
class Proxy;

/*!
    Pyro4's batch: queues calls for one Proxy and sends them as a single <batch> request
    (Pyro4 BatchProxyAdapter). A plain value; it does not own the proxy.

    The reply is one PendingCall whose result() is the list of results in call order. As in
    Pyro4 the first remote exception stops the batch: the calls after it do not run, result()
    holds the results before it, and error() is that exception (RemoteException).
    sendOneway() sends the batch oneway (no results). Batches are asynchronous anyway
    (Pyro4's batch(asynchronous=True) needs nothing extra here).

    \code
    Batch b(proxy);
    b.call(QStringLiteral("add"), {1, 2});
    b.call(QStringLiteral("echo"), {QStringLiteral("x")});
    PendingCall *c = b.send(); // result() == [3, 'x']
    \endcode
*/
class Batch
{
public:
    explicit Batch(Proxy *proxy);

    //! Queues a call; names are checked against the metadata when send() runs.
    Batch &call(const QString &method, const ValueList &args = {}, const Dict &kwargs = {});
    qsizetype size() const { return m_calls.size(); }
    void clear() { m_calls.clear(); }

    //! Sends the queued calls (and keeps them, so a batch can be sent again).
    PendingCall *send();
    PendingCall *sendOneway();

private:
    PendingCall *send(bool oneway);
    struct Entry
    {
        QString method;
        ValueList args;
        Dict kwargs;
    };
    QPointer<Proxy> m_proxy;
    QList<Entry> m_calls;
};

} // namespace Pyro
