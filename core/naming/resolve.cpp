#include "naming/resolve.h"

#include "client/pendingcall.h"
#include "client/uriresolver.h"
#include "naming/nameserverclient.h"
#include "naming/nameserverlocator.h"
#include "support/logging.h"

#include <QRandomGenerator>

namespace Pyro {

namespace {

// Python's repr of the tag set in Pyro4's "no registrations available" message.
QString tagSetRepr(const QStringList &tags)
{
    ValueList items;
    for (const QString &t : tags)
        items.append(t);
    return Value::set(items).repr();
}

void resolveWithNameServer(const PyroUri &uri, const PyroUri &nsUri, const ProxySettings &settings,
                           PendingResolve *op)
{
    auto *ns = new NameServerClient(nsUri, settings, op);
    PendingCall *call = uri.protocol() == PyroUri::Protocol::PyroName
            ? ns->lookup(uri.object())
            : ns->list(NameServerFilter { {}, {}, uri.metadataTags(), {} });
    QObject::connect(call, &PendingCall::finished, op, [op, ns, call, uri] {
        ns->deleteLater();
        if (call->error()) {
            op->finishWithError(call->error());
            return;
        }
        if (uri.protocol() == PyroUri::Protocol::PyroName) {
            const Result<PyroUri> r = NameServerClient::uriFromResult(call->result());
            if (r)
                op->finishWithUri(r.value());
            else
                op->finishWithError(r.error());
            return;
        }
        // PYROMETA: Pyro4 picks one of the matches at random.
        const Dict candidates = call->result().toDict();
        if (candidates.isEmpty()) {
            op->finishWithError(Error(Error::Code::NamingError,
                                      QStringLiteral("no registrations available with desired metadata properties ")
                                              + tagSetRepr(uri.metadataTags())));
            return;
        }
        const qsizetype pick = qsizetype(QRandomGenerator::global()->bounded(quint32(candidates.size())));
        const Result<PyroUri> r = NameServerClient::uriFromResult(candidates.items().at(pick).second);
        if (r)
            op->finishWithUri(r.value());
        else
            op->finishWithError(r.error());
    });
}

class NameServerResolver final : public UriResolver
{
public:
    PendingResolve *resolve(const PyroUri &uri, const ProxySettings &settings, QObject *parent) const override
    {
        return resolveUri(uri, settings, parent);
    }
};

} // namespace

PendingResolve *resolveUri(const PyroUri &uri, const ProxySettings &settings, QObject *parent)
{
    auto *op = new PendingResolve(parent);
    if (!uri.isValid()) {
        op->finishWithError(Error(Error::Code::InvalidUri, QStringLiteral("invalid uri")));
        return op;
    }
    if (uri.protocol() == PyroUri::Protocol::Pyro) {
        op->finishWithUri(uri);
        return op;
    }
    qCDebug(lcPyroNaming) << "resolving" << uri.toString();
    // Pyro4 _resolve(): _locateNS(uri.host, uri.port), so a location in the URI is an
    // explicit name server and no location means the full search.
    LocateOptions options = LocateOptions::fromEnvironment();
    if (uri.isUnixSocket())
        options.host = QStringLiteral("./u:") + uri.socketPath();
    else
        options.host = uri.host();
    options.port = uri.port();
    PendingResolve *locate = NameServerLocator::locate(options, settings, op);
    QObject::connect(locate, &PendingResolve::finished, op, [op, locate, uri, settings] {
        locate->deleteLater();
        if (locate->error()) {
            op->finishWithError(locate->error());
            return;
        }
        resolveWithNameServer(uri, locate->uri(), settings, op);
    });
    return op;
}

namespace Naming {

void install()
{
    static const NameServerResolver resolver;
    UriResolver::setDefault(&resolver);
}

} // namespace Naming

} // namespace Pyro
