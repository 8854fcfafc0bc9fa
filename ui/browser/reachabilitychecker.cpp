#include "browser/reachabilitychecker.h"

#include "client/proxy.h"

namespace Pyro::Ui {

ReachabilityChecker::ReachabilityChecker(NameServerModel *model, QObject *parent)
    : QObject(parent), m_model(model)
{
}

void ReachabilityChecker::checkAll()
{
    if (!m_model)
        return;
    m_queue.clear();
    m_urgent.clear();
    m_started.clear();
    for (const NameServerEntry &e : m_model->entries())
        m_queue.enqueue(e.name);
    startNext();
}

void ReachabilityChecker::reset()
{
    m_queue.clear();
    m_urgent.clear();
    m_started.clear();
}

void ReachabilityChecker::check(const QString &name)
{
    m_started.remove(name);
    m_urgent.enqueue(name);
    startNext();
}

void ReachabilityChecker::prioritize(const QStringList &names)
{
    for (const QString &name : names) {
        if (!m_started.contains(name) && !m_urgent.contains(name))
            m_urgent.enqueue(name);
    }
    startNext();
}

static NameServerModel::Reachability classify(const Error &error)
{
    using R = NameServerModel::Reachability;
    switch (error.category()) {
    case Error::Category::None: return R::Reachable;
    case Error::Category::Connection:
        return error.code() == Error::Code::ConnectionRefused ? R::Refused : R::Unreachable;
    default:
        // The daemon answered: handshake refused, HMAC, serializer, protocol...
        return R::Rejected;
    }
}

void ReachabilityChecker::startNext()
{
    while (m_running < MaxParallel && (!m_queue.isEmpty() || !m_urgent.isEmpty()) && m_model) {
        const QString name = m_urgent.isEmpty() ? m_queue.dequeue() : m_urgent.dequeue();
        const int row = m_model->rowOf(name);
        if (row < 0 || m_started.contains(name))
            continue;
        m_started.insert(name);
        const PyroUri uri = m_model->entryAt(row).uri;
        if (!m_model->addressWarning(m_model->entryAt(row)).isEmpty()
            && uri.host() == QLatin1String("0.0.0.0")) {
            m_model->setReachability(name, NameServerModel::Reachability::Unreachable,
                                     tr("0.0.0.0 is not an address one can connect to"));
            continue;
        }
        m_model->setReachability(name, NameServerModel::Reachability::Checking);
        ProxySettings s = m_settings;
        s.timeout = m_timeout;
        s.maxRetries = 0;
        auto *proxy = new Proxy(uri, s, this);
        ++m_running;
        PendingCall *bind = proxy->bind();
        connect(bind, &PendingCall::finished, this, [this, bind, proxy, name] {
            const Error e = bind->error();
            if (m_model)
                m_model->setReachability(name, classify(e), e.isError() ? e.toString() : tr("handshake OK"));
            proxy->deleteLater();
            --m_running;
            startNext();
            if (isIdle())
                emit idle();
        });
    }
}

} // namespace Pyro::Ui
