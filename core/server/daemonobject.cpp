#include "server/daemonobject.h"

#include "server/callarguments.h"
#include "server/callcontext.h"
#include "server/daemon.h"
#include "server/handlerobject.h"
#include "server/pythonerror.h"

namespace Pyro {

std::shared_ptr<HandlerObject> DaemonObject::create(Daemon *daemon)
{
    auto obj = std::make_shared<HandlerObject>();
    obj->addMethod(QStringLiteral("ping"), [](const ValueList &, const Dict &) -> CallResult { return Value(); });
    obj->addMethod(QStringLiteral("registered"), [daemon](const ValueList &, const Dict &) -> CallResult {
        ValueList ids;
        for (const QString &id : daemon->registeredIds())
            ids.append(Value(id));
        return Value::list(ids);
    });
    obj->addMethod(QStringLiteral("info"), [daemon](const ValueList &, const Dict &) -> CallResult {
        const DaemonSettings s = daemon->settingsSnapshot();
        const QString nat = s.natHost.isEmpty() ? QStringLiteral("None") : QStringLiteral("%1:%2").arg(s.natHost).arg(s.natPort);
        return Value(QStringLiteral("%1 bound on %2, NAT %3, %4 objects registered. Servertype: Pyro Explorer C++ daemon (Qt, %5 workers)")
                             .arg(Daemon::daemonObjectId(), daemon->boundLocation(), nat)
                             .arg(daemon->registeredIds().size())
                             .arg(daemon->workerThreadCount()));
    });
    obj->addMethod(QStringLiteral("get_metadata"), [daemon](const ValueList &args, const Dict &kwargs) -> CallResult {
        // Pyro5's get_metadata(objectId) has no as_lists (docs/pyro5-protocol.md).
        const bool pyro5 = CallContext::current().protocol == ProtocolVersion::Pyro5;
        auto bound = pyro5 ? CallArguments::bind(QStringLiteral("get_metadata"), { QStringLiteral("objectId") }, args, kwargs)
                           : CallArguments::bind(QStringLiteral("get_metadata"),
                                                 { QStringLiteral("objectId"), { QStringLiteral("as_lists"), Value(false) } }, args, kwargs);
        if (!bound)
            return bound.error();
        const Value id = bound.value().value(QStringLiteral("objectId"));
        const auto target = id.isStr() ? daemon->object(id.toStr()) : nullptr;
        if (!target)
            return PythonError::pyro(QStringLiteral("DaemonError"), QStringLiteral("unknown object"));
        const Value asLists = pyro5 ? Value(false) : bound.value().value(QStringLiteral("as_lists"));
        return target->metadata().toValue(asLists.isBool() ? asLists.toBool() : asLists.toDouble() != 0.0);
    });
    obj->addMethod(QStringLiteral("get_next_stream_item"), [daemon](const ValueList &args, const Dict &kwargs) -> CallResult {
        auto bound = CallArguments::bind(QStringLiteral("get_next_stream_item"), { QStringLiteral("streamId") }, args, kwargs);
        if (!bound)
            return bound.error();
        return daemon->streams().next(bound.value().value(QStringLiteral("streamId")).toStr(), CallContext::current().connectionId,
                                      daemon->settingsSnapshot().streamLifetime);
    });
    obj->addMethod(QStringLiteral("close_stream"), [daemon](const ValueList &args, const Dict &kwargs) -> CallResult {
        auto bound = CallArguments::bind(QStringLiteral("close_stream"), { QStringLiteral("streamId") }, args, kwargs);
        if (!bound)
            return bound.error();
        daemon->streams().close(bound.value().value(QStringLiteral("streamId")).toStr());
        return Value();
    });
    return obj;
}

} // namespace Pyro
