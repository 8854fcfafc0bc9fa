#include "history/pythonscript.h"

#include "protocol/pyrouri.h"
#include "value/displayrepr.h"
#include "value/literalparser.h"
#include "value/pyroobjects.h"
#include "value/pythontext.h"
#include "value/reprwriter.h"

namespace Pyro::Ui {

namespace {

QString displayText(const Value &v)
{
    return DisplayRepr::write(v, DisplayRepr::ObjectStyle::Constructor);
}

// Every proxy inside a value, as (the text DisplayRepr writes for it, its URI).
void collectProxies(const Value &v, QList<std::pair<QString, QString>> *out, int depth = 0)
{
    if (depth > 100)
        return;
    if (PyroObjects::isProxy(v)) {
        const QString uri = PyroObjects::proxyUri(v);
        out->append({ v.className() + u'(' + ReprWriter::str(uri) + u')', uri });
        return;
    }
    if (v.isDict()) {
        for (const auto &[k, x] : v.toDict().items())
            collectProxies(x, out, depth + 1);
    } else if (v.hasItems()) {
        for (const Value &x : v.items())
            collectProxies(x, out, depth + 1);
    }
}

QString identifierFor(const QString &name)
{
    QString id;
    for (QChar c : name)
        id += (c.isLetterOrNumber() && c.unicode() < 128) || c == u'_' ? c : u'_';
    if (id.isEmpty() || id.at(0).isDigit())
        id.prepend(u'_');
    return id;
}

// "listener" -> "ListenerCallback"
QString classFor(const QString &variable)
{
    QString cls = variable;
    cls.remove(u'_');
    cls = cls.isEmpty() ? QStringLiteral("Callback") : cls.left(1).toUpper() + cls.mid(1);
    if (!cls.endsWith(QLatin1String("Callback")))
        cls += QStringLiteral("Callback");
    return cls;
}

QString timeText(double seconds)
{
    return QString::number(seconds, 'g', 15);
}

} // namespace

QString PythonScript::argumentsText(const Invocation &inv)
{
    QStringList parts;
    for (const Value &a : inv.args)
        parts << displayText(a);
    for (const auto &[k, v] : inv.kwargs.items())
        parts << k.toStr() + u'=' + displayText(v);
    return parts.join(QStringLiteral(", "));
}

QString PythonScript::write(const Invocation &inv, const CallbackHost *host)
{
    const bool pyro5 = inv.protocol == ProtocolVersion::Pyro5;
    const QString api = pyro5 ? QStringLiteral("Pyro5.api") : QStringLiteral("Pyro4");

    // Which proxies among the arguments are the workbench's own callback objects?
    QList<std::pair<QString, QString>> proxies;
    for (const Value &a : inv.args)
        collectProxies(a, &proxies);
    for (const auto &[k, v] : inv.kwargs.items())
        collectProxies(v, &proxies);
    struct Callback
    {
        QString name, variable, proxyText;
    };
    QList<Callback> callbacks;
    if (host) {
        for (const auto &[text, uriText] : std::as_const(proxies)) {
            const Result<PyroUri> uri = PyroUri::parse(uriText);
            if (!uri)
                continue;
            for (const QString &name : host->objectNames()) {
                const Result<PyroUri> own = PyroUri::parse(host->uriOf(name));
                if (own && own.value() == uri.value()) {
                    const bool seen = std::any_of(callbacks.cbegin(), callbacks.cend(), [&](const Callback &c) { return c.name == name; });
                    if (!seen)
                        callbacks.append({ name, identifierFor(name), text });
                }
            }
        }
    }

    QString arguments = argumentsText(inv);
    for (const Callback &c : std::as_const(callbacks))
        arguments.replace(c.proxyText, c.variable);
    // Other proxies and URIs: the constructors of the library the script imports.
    if (pyro5) {
        arguments.replace(QStringLiteral("Pyro4.core.Proxy("), QStringLiteral("Pyro5.api.Proxy("));
        arguments.replace(QStringLiteral("Pyro4.core.URI("), QStringLiteral("Pyro5.api.URI("));
    } else {
        arguments.replace(QStringLiteral("Pyro5.client.Proxy("), QStringLiteral("Pyro4.core.Proxy("));
        arguments.replace(QStringLiteral("Pyro5.core.URI("), QStringLiteral("Pyro4.core.URI("));
    }

    QString code;
    if (!callbacks.isEmpty()) {
        code += QStringLiteral("#!/usr/bin/env python3\n");
        QStringList names;
        for (const Callback &c : std::as_const(callbacks))
            names << c.name;
        code += QStringLiteral("# Calls %1 of %2, passing the callback object(s) %3, which this script hosts\n"
                               "# in a daemon of its own (with the replies the explorer's callback workbench gave).\n")
                        .arg(inv.method, inv.uri, names.join(QStringLiteral(", ")));
        code += QStringLiteral("import threading\nimport time\n\n");
    }
    code += QStringLiteral("import %1\nfrom math import inf, nan  # in case the arguments hold them\n\n").arg(api);
    if (!inv.serializer.isEmpty()) {
        code += QStringLiteral("%1.config.SERIALIZER = %2\n").arg(api, Value(inv.serializer).repr());
        if (!pyro5 && !callbacks.isEmpty())
            code += QStringLiteral("Pyro4.config.SERIALIZERS_ACCEPTED.add(%1)  # the callbacks arrive in it\n").arg(Value(inv.serializer).repr());
    }

    for (const Callback &c : std::as_const(callbacks)) {
        const QString cls = classFor(c.variable);
        code += QStringLiteral("\n\n@%1.expose\nclass %2(object):\n").arg(api, cls);
        const QHash<QString, CallbackHost::MethodReply> methods = host->methods(c.name);
        QStringList methodNames = methods.keys();
        methodNames.sort();
        int written = 0;
        for (const QString &m : std::as_const(methodNames)) {
            if (!PythonText::isSourceName(m))
                continue;
            const CallbackHost::MethodReply r = methods.value(m);
            if (written++)
                code += u'\n';
            code += QStringLiteral("    @%1.callback\n").arg(api);
            if (r.oneway)
                code += QStringLiteral("    @%1.oneway\n").arg(api);
            code += QStringLiteral("    def %1(self, *args, **kwargs):\n").arg(m);
            code += QStringLiteral("        print(%1, args, kwargs, flush=True)\n").arg(Value(QStringLiteral("callback %1.%2").arg(c.name, m)).repr());
            if (r.delayMs > 0)
                code += QStringLiteral("        time.sleep(%1)\n").arg(timeText(r.delayMs / 1000.0));
            if (r.kind == CallbackHost::MethodReply::Raise) {
                const QString exc = PythonText::isSourceName(r.exceptionClass) ? r.exceptionClass : QStringLiteral("ValueError");
                code += QStringLiteral("        raise %1(%2)\n").arg(exc, Value(r.literal).repr());
            } else {
                const Result<Value> v = LiteralParser::parse(r.literal);
                if (v)
                    code += QStringLiteral("        return %1\n").arg(displayText(v.value()));
                else
                    code += QStringLiteral("        raise ValueError(%1)\n").arg(Value(QStringLiteral("canned reply is not a literal: ") + r.literal).repr());
            }
        }
        if (!written)
            code += QStringLiteral("    pass  # the workbench object has no methods yet\n");
    }
    if (!callbacks.isEmpty()) {
        code += QStringLiteral("\n\ndaemon = %1.Daemon(host='127.0.0.1')\n").arg(api);
        for (const Callback &c : std::as_const(callbacks)) {
            const QString cls = classFor(c.variable);
            code += QStringLiteral("%1 = %2.Proxy(daemon.register(%3(), %4))\n").arg(c.variable, api, cls, Value(c.name).repr());
        }
        code += QStringLiteral("threading.Thread(target=daemon.requestLoop, daemon=True).start()\n\n");
    }

    code += QStringLiteral("proxy = %1.Proxy(%2)\n").arg(api, Value(inv.uri).repr());
    if (inv.timeout > 0)
        code += QStringLiteral("proxy._pyroTimeout = %1\n").arg(timeText(inv.timeout));
    if (inv.oneway)
        code += QStringLiteral("proxy._pyroOneway.add(%1)\n").arg(Value(inv.method).repr());
    const QString callee = PythonText::isSourceName(inv.method) ? QStringLiteral("proxy.") + inv.method
                                                    : QStringLiteral("getattr(proxy, %1)").arg(Value(inv.method).repr());
    const QString call = QStringLiteral("%1(%2)").arg(callee, arguments);
    if (inv.oneway)
        code += call + u'\n';
    else
        code += QStringLiteral("result = %1\nprint(repr(result))\n").arg(call);
    if (!callbacks.isEmpty())
        code += QStringLiteral("\ntime.sleep(0.5)  # callbacks that arrive just after the reply are still answered\n"
                               "daemon.shutdown()\n");
    return code;
}

} // namespace Pyro::Ui
