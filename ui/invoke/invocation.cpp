#include "invoke/invocation.h"

#include "value/displayrepr.h"
#include "value/literalparser.h"
#include "value/pyroobjects.h"
#include "value/pythontext.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace Pyro::Ui {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Invocation)
};

Error usage(const QString &message, qsizetype offset = -1)
{
    Error e(Error::Code::UsageError, message);
    e.setOffset(offset);
    return e;
}

QString timeoutText(double t)
{
    return QString::number(t, 'g', 15);
}

// The opening of a Python snippet: imports, serializer, the proxy and its timeout.
QString pythonPrelude(bool pyro5, const QString &serializer, const QString &uri, double timeout)
{
    QString code;
    if (pyro5)
        code += QStringLiteral("import Pyro5.api\nfrom math import inf, nan  # in case the arguments hold them\n\n");
    else
        code += QStringLiteral("import Pyro4\nfrom math import inf, nan  # in case the arguments hold them\n\n");
    if (!serializer.isEmpty())
        code += QStringLiteral("%1 = %2\n")
                        .arg(pyro5 ? QStringLiteral("Pyro5.api.config.SERIALIZER") : QStringLiteral("Pyro4.config.SERIALIZER"),
                             Value(serializer).repr());
    code += QStringLiteral("proxy = %1(%2)\n").arg(pyro5 ? QStringLiteral("Pyro5.api.Proxy") : QStringLiteral("Pyro4.Proxy"), Value(uri).repr());
    if (timeout > 0)
        code += QStringLiteral("proxy._pyroTimeout = %1\n").arg(timeoutText(timeout));
    return code;
}

// "object.method" when the method can be written as a name, else getattr(object, 'method').
QString pythonCallee(const QString &object, const QString &method)
{
    return PythonText::isSourceName(method) ? object + u'.' + method : QStringLiteral("getattr(%1, %2)").arg(object, Value(method).repr());
}

} // namespace

QString Invocation::argumentRepr(const Value &value)
{
    // A proxy (a workbench callback, a proxy from an earlier result) reads as the constructor
    // Python would print, Pyro4.core.Proxy('PYRO:...'), which the literal parser reads back.
    if (PyroObjects::isProxy(value))
        return DisplayRepr::write(value, DisplayRepr::ObjectStyle::Constructor);
    return value.repr();
}

QString Invocation::argumentText() const
{
    QStringList parts;
    for (const Value &a : args)
        parts << argumentRepr(a);
    for (const auto &[k, v] : kwargs.items())
        parts << k.toStr() + u'=' + argumentRepr(v);
    return parts.join(QStringLiteral(", "));
}

QString Invocation::shellQuote(const QString &word)
{
    static const QString safe = QStringLiteral("@%+=:,./-_");
    bool plain = !word.isEmpty();
    for (QChar c : word) {
        if (!(c.isLetterOrNumber() && c.unicode() < 128) && !safe.contains(c)) {
            plain = false;
            break;
        }
    }
    if (plain)
        return word;
    QString quoted = word;
    quoted.replace(QLatin1String("'"), QLatin1String("'\\''"));
    return u'\'' + quoted + u'\'';
}

Result<QStringList> Invocation::shellSplit(const QString &commandLine)
{
    QStringList words;
    QString current;
    bool inWord = false;
    qsizetype i = 0;
    const qsizetype n = commandLine.size();
    while (i < n) {
        const QChar c = commandLine.at(i);
        if (c == u'\'') {
            const qsizetype end = commandLine.indexOf(u'\'', i + 1);
            if (end < 0)
                return usage(Tr::tr("unterminated single quote at %1").arg(i), i);
            current += commandLine.mid(i + 1, end - i - 1);
            inWord = true;
            i = end + 1;
        } else if (c == u'"') {
            const qsizetype start = i;
            ++i;
            bool closed = false;
            while (i < n) {
                const QChar d = commandLine.at(i);
                if (d == u'"') {
                    closed = true;
                    ++i;
                    break;
                }
                if (d == u'\\' && i + 1 < n) {
                    const QChar e = commandLine.at(i + 1);
                    if (e == u'"' || e == u'\\' || e == u'$' || e == u'`') {
                        current += e;
                        i += 2;
                        continue;
                    }
                    if (e == u'\n') {
                        i += 2;
                        continue;
                    }
                }
                current += d;
                ++i;
            }
            if (!closed)
                return usage(Tr::tr("unterminated double quote at %1").arg(start), start);
            inWord = true;
        } else if (c == u'\\') {
            if (i + 1 < n) {
                if (commandLine.at(i + 1) != u'\n') {
                    current += commandLine.at(i + 1);
                    inWord = true;
                }
            }
            i += 2;
        } else if (c.isSpace()) {
            if (inWord)
                words << current;
            current.clear();
            inWord = false;
            ++i;
        } else {
            current += c;
            inWord = true;
            ++i;
        }
    }
    if (inWord)
        words << current;
    return words;
}

QString Invocation::toPyroctl() const
{
    QStringList words { QStringLiteral("pyroctl") };
    if (!serializer.isEmpty())
        words << QStringLiteral("--serializer") << shellQuote(serializer);
    if (timeout > 0)
        words << QStringLiteral("--timeout") << timeoutText(timeout);
    words << (oneway ? QStringLiteral("oneway") : QStringLiteral("call")) << shellQuote(uri) << shellQuote(method);
    for (const Value &a : args)
        words << shellQuote(argumentRepr(a));
    for (const auto &[k, v] : kwargs.items())
        words << shellQuote(k.toStr() + u'=' + argumentRepr(v));
    return words.join(u' ');
}

QString Invocation::toPython() const
{
    QString code = pythonPrelude(protocol == ProtocolVersion::Pyro5, serializer, uri, timeout);
    if (oneway)
        code += QStringLiteral("proxy._pyroOneway.add(%1)\n").arg(Value(method).repr());
    const QString call = QStringLiteral("%1(%2)").arg(pythonCallee(QStringLiteral("proxy"), method), argumentText());
    if (oneway)
        code += call + u'\n';
    else
        code += QStringLiteral("result = %1\nprint(repr(result))\n").arg(call);
    return code;
}

QString Invocation::batchToPython(const QList<Invocation> &calls, std::optional<ProtocolVersion> protocol)
{
    if (calls.isEmpty())
        return QString();
    const Invocation &first = calls.first();
    const bool pyro5 = protocol == ProtocolVersion::Pyro5;
    QString code = pythonPrelude(pyro5, first.serializer, first.uri, first.timeout);
    code += pyro5 ? QStringLiteral("batch = Pyro5.api.BatchProxy(proxy)\n") : QStringLiteral("batch = Pyro4.batch(proxy)\n");
    for (const Invocation &inv : calls)
        code += QStringLiteral("%1(%2)\n").arg(pythonCallee(QStringLiteral("batch"), inv.method), inv.argumentText());
    code += QStringLiteral("for result in batch():\n    print(repr(result))\n");
    return code;
}

Result<Invocation> Invocation::fromPyroctl(const QString &commandLine)
{
    const Result<QStringList> split = shellSplit(commandLine.trimmed());
    if (!split)
        return split.error();
    QStringList words = split.value();
    if (!words.isEmpty() && (words.first() == QLatin1String("pyroctl") || words.first().endsWith(QLatin1String("/pyroctl"))))
        words.removeFirst();
    Invocation inv;
    // Global options come before the command.
    while (!words.isEmpty() && words.first().startsWith(QLatin1String("--"))) {
        QString opt = words.takeFirst();
        QString value;
        const qsizetype eq = opt.indexOf(u'=');
        if (eq > 0) {
            value = opt.mid(eq + 1);
            opt = opt.left(eq);
        } else if (opt == QLatin1String("--serializer") || opt == QLatin1String("--timeout") || opt == QLatin1String("--ns")
                   || opt == QLatin1String("--hmac") || opt == QLatin1String("--retries") || opt == QLatin1String("--format")) {
            if (words.isEmpty())
                return usage(Tr::tr("option %1 needs a value").arg(opt));
            value = words.takeFirst();
        }
        if (opt == QLatin1String("--serializer")) {
            inv.serializer = value;
        } else if (opt == QLatin1String("--timeout")) {
            bool ok = false;
            inv.timeout = value.toDouble(&ok);
            if (!ok || inv.timeout < 0)
                return usage(Tr::tr("--timeout needs a number of seconds, not '%1'").arg(value));
        }
        // Other options (--ns, --hmac, --format, --ssl...) belong to the session, not the call.
    }
    if (words.isEmpty())
        return usage(Tr::tr("no command: expected 'call URI METHOD ARG...'"));
    const QString command = words.takeFirst();
    if (command == QLatin1String("oneway"))
        inv.oneway = true;
    else if (command != QLatin1String("call") && command != QLatin1String("stream"))
        return usage(Tr::tr("unsupported command '%1': expected call, oneway or stream").arg(command));
    if (words.size() < 2)
        return usage(Tr::tr("expected URI METHOD after '%1'").arg(command));
    inv.uri = words.takeFirst();
    if (!inv.uri.contains(u':'))
        inv.uri.prepend(QStringLiteral("PYRONAME:"));
    inv.method = words.takeFirst();
    int position = 0;
    for (const QString &w : std::as_const(words)) {
        const qsizetype eq = w.indexOf(u'=');
        if (eq > 0 && PythonText::isIdentifier(QStringView(w).left(eq))) {
            const Result<Value> v = LiteralParser::parse(QStringView(w).mid(eq + 1));
            if (!v)
                return usage(Tr::tr("argument %1: %2").arg(w.left(eq), v.error().message()));
            inv.kwargs.insert(w.left(eq), v.value());
            continue;
        }
        ++position;
        const Result<Value> v = LiteralParser::parse(w);
        if (!v)
            return usage(Tr::tr("argument %1: %2").arg(position).arg(v.error().message()));
        inv.args.append(v.value());
    }
    return inv;
}

QJsonObject Invocation::toJson() const
{
    QJsonArray a;
    for (const Value &v : args)
        a.append(v.repr());
    QJsonArray kw;
    for (const auto &[k, v] : kwargs.items())
        kw.append(QJsonArray { k.toStr(), v.repr() });
    QJsonObject o {
        { QStringLiteral("uri"), uri },
        { QStringLiteral("method"), method },
        { QStringLiteral("args"), a },
        { QStringLiteral("kwargs"), kw },
    };
    if (oneway)
        o.insert(QStringLiteral("oneway"), true);
    if (timeout > 0)
        o.insert(QStringLiteral("timeout"), timeout);
    if (!serializer.isEmpty())
        o.insert(QStringLiteral("serializer"), serializer);
    if (protocol)
        o.insert(QStringLiteral("protocol"), int(*protocol));
    return o;
}

Result<Invocation> Invocation::fromJson(const QJsonObject &o)
{
    Invocation inv;
    inv.uri = o.value(QStringLiteral("uri")).toString();
    inv.method = o.value(QStringLiteral("method")).toString();
    if (!inv.isValid())
        return usage(Tr::tr("history entry without uri or method"));
    for (const QJsonValue &a : o.value(QStringLiteral("args")).toArray()) {
        const Result<Value> v = LiteralParser::parse(a.toString());
        if (!v)
            return v.error();
        inv.args.append(v.value());
    }
    for (const QJsonValue &kv : o.value(QStringLiteral("kwargs")).toArray()) {
        const QJsonArray pair = kv.toArray();
        const Result<Value> v = LiteralParser::parse(pair.at(1).toString());
        if (pair.size() != 2 || !v)
            return usage(Tr::tr("bad keyword argument in history entry"));
        inv.kwargs.insert(pair.at(0).toString(), v.value());
    }
    inv.oneway = o.value(QStringLiteral("oneway")).toBool();
    inv.timeout = o.value(QStringLiteral("timeout")).toDouble();
    inv.serializer = o.value(QStringLiteral("serializer")).toString();
    // Unknown or missing (older history files): not known, like a call not yet connected.
    const int wire = o.value(QStringLiteral("protocol")).toInt();
    if (wire > 0 && wire <= 0xffff)
        inv.protocol = ProtocolInfo::fromWire(quint16(wire));
    return inv;
}

} // namespace Pyro::Ui
