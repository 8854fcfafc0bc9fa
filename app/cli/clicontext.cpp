#include "clicontext.h"

#include "namehints.h"

#include "client/pendingcall.h"
#include "client/proxy.h"
#include "naming/nameserverlocator.h"
#include "naming/resolve.h"
#include "serializers/serializer.h"
#include "value/displayrepr.h"
#include "value/literalparser.h"
#include "value/pythontext.h"

#include <QCoreApplication>
#include <QEventLoop>

#include <algorithm>
#include <cstdio>

namespace Pyro::Cli {

CliContext::CliContext(const GlobalOptions &options) : m_options(options) { }

void CliContext::writeOut(const QByteArray &bytes)
{
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
    std::fflush(stdout);
}

void CliContext::writeErr(const QString &text)
{
    const QByteArray b = text.toUtf8();
    std::fwrite(b.constData(), 1, size_t(b.size()), stderr);
    std::fflush(stderr);
}

void CliContext::printLine(const QString &line)
{
    writeOut(line.toUtf8() + '\n');
}

// JSON has no bytes: they are written as serpent writes them for Pyro4,
// {"data": BASE64, "encoding": "base64"} (a numpy array's data, for one).
static Value jsonReady(const Value &v, int depth = 0)
{
    if (depth > 1000)
        return v;
    if (v.isBytesLike())
        return Dict { { QStringLiteral("data"), QString::fromLatin1(v.toBytes().toBase64()) },
                      { QStringLiteral("encoding"), QStringLiteral("base64") } };
    if (v.isDict()) {
        Dict out;
        bool changed = false;
        for (const auto &[k, x] : v.toDict().items()) {
            const Value y = jsonReady(x, depth + 1);
            changed = changed || !(y == x);
            out.insert(k, y);
        }
        return changed ? Value(out) : v;
    }
    if (v.isSequence()) {
        ValueList out;
        bool changed = false;
        for (const Value &x : v.items()) {
            out.append(jsonReady(x, depth + 1));
            changed = changed || !(out.last() == x);
        }
        return !changed ? v : v.isTuple() ? Value::tuple(out) : Value::list(out);
    }
    return v;
}

int CliContext::printValue(const Value &value)
{
    if (!m_options.json) {
        printLine(DisplayRepr::write(value));
        return ExitOk;
    }
    const Result<QByteArray> json = Serializer::byName(u"json")->encode(jsonReady(value));
    if (!json)
        return fail(QStringLiteral("json output"), json.error());
    writeOut(json.value() + '\n');
    return ExitOk;
}

int CliContext::exitCodeFor(const Error &error)
{
    switch (error.category()) {
    case Error::Category::None: return ExitOk;
    case Error::Category::Remote: return ExitRemote;
    case Error::Category::Naming: return ExitNaming;
    case Error::Category::Usage:
        return error.code() == Error::Code::Cancelled ? ExitCommunication : ExitUsage;
    case Error::Category::Connection:
    case Error::Category::Protocol:
    case Error::Category::Serialization:
    case Error::Category::Security: return ExitCommunication;
    }
    return ExitCommunication;
}

int CliContext::failCall(const QString &what, const Error &error)
{
    // Whatever the server raised (its own exceptions and the Pyro4.errors it sends, such as
    // SerializeError for a result it cannot serialize) is the remote side's: exit 1.
    if (!error.remoteClass().isEmpty())
        return fail(what, error, ExitRemote);
    // A name the object does not expose: Pyro4's proxy raises AttributeError for it.
    if (error.code() == Error::Code::UnknownMember) {
        writeErr(QStringLiteral("AttributeError: %1\n").arg(error.message()));
        return ExitRemote;
    }
    return fail(what, error);
}

int CliContext::fail(const QString &what, const Error &error, int forcedCode)
{
    const int code = forcedCode >= 0 ? forcedCode : exitCodeFor(error);
    if (error.code() == Error::Code::RemoteException || forcedCode == ExitRemote) {
        // The exception line as Python's traceback module writes it (builtins without their
        // module: "KeyError: 'k'", others qualified: "Pyro4.errors.SerializeError: ..."),
        // then the remote traceback.
        QString text = error.pythonClassName() + QStringLiteral(": ") + error.message() + u'\n';
        QString tb = error.remoteTraceback();
        if (!tb.isEmpty()) {
            if (!tb.endsWith(u'\n'))
                tb += u'\n';
            text += tb;
        }
        writeErr(text);
        return code;
    }
    QString why = error.message();
    if (!error.detail().isEmpty() && error.code() != Error::Code::InvalidUri
        && error.category() != Error::Category::Serialization)
        why += QStringLiteral(" (") + error.detail() + u')';
    writeErr(QStringLiteral("pyroctl: %1: %2\n").arg(what, why));
    if (code == ExitUsage)
        writeErr(QStringLiteral("Try 'pyroctl --help' for more information.\n"));
    if (code == ExitCommunication && m_targetIsPyro && what == m_targetText && error.category() == Error::Category::Connection) {
        // A PYRO: URI that is stale: the name server may have the object at its new address.
        // Asked only when it is cheap to find (--ns, PYRO_NS_HOST).
        NameHints hints(*this);
        hints.setOnlyIfCheap(true);
        writeErr(hints.forUnreachable(m_target));
    }
    return code;
}

int CliContext::usage(const QString &what, const QString &why)
{
    writeErr(QStringLiteral("pyroctl: %1: %2\nTry 'pyroctl --help' for more information.\n").arg(what, why));
    return ExitUsage;
}

int CliContext::literalError(const QString &what, const QString &text, const Error &error)
{
    QString out = QStringLiteral("pyroctl: %1: %2\n").arg(what, error.message());
    // Show the word and point at the character, unless it spans lines.
    if (!text.contains(u'\n') && error.offset() >= 0 && error.offset() <= text.size()) {
        out += QStringLiteral("  ") + text + u'\n';
        out += QString(2 + error.offset(), u' ') + QStringLiteral("^\n");
    }
    out += QStringLiteral("Try 'pyroctl --help' for more information.\n");
    writeErr(out);
    return ExitUsage;
}

bool CliContext::parseLiteral(const QString &what, const QString &text, Value *out, int *exitCode)
{
    LiteralParser::Options o;
    o.errorCode = Error::Code::UsageError;
    const Result<Value> r = LiteralParser::parse(text, o);
    if (!r) {
        *exitCode = literalError(what, text, r.error());
        return false;
    }
    *out = r.value();
    return true;
}

bool CliContext::parseArguments(const QStringList &words, ValueList *args, Dict *kwargs, int *exitCode)
{
    int position = 0;
    for (const QString &w : words) {
        const qsizetype eq = w.indexOf(u'=');
        if (eq > 0 && PythonText::isIdentifier(QStringView(w).left(eq))) {
            const QString name = w.left(eq);
            Value v;
            if (!parseLiteral(QStringLiteral("argument %1").arg(name), w.mid(eq + 1), &v, exitCode))
                return false;
            kwargs->insert(name, v);
            continue;
        }
        ++position;
        Value v;
        if (!parseLiteral(QStringLiteral("argument %1").arg(position), w, &v, exitCode))
            return false;
        args->append(v);
    }
    return true;
}

Result<PyroUri> CliContext::targetUri(const QString &text) const
{
    // Anything that starts like a URI ("pyro...:") must be one; everything else is a name.
    const qsizetype colon = text.indexOf(u':');
    const bool looksLikeUri = colon >= 4 && text.left(4).compare(QLatin1String("pyro"), Qt::CaseInsensitive) == 0
            && std::all_of(text.cbegin(), text.cbegin() + colon, [](QChar c) { return c.isLetter(); });
    QString uriText = looksLikeUri ? text : QStringLiteral("PYRONAME:") + text;
    Result<PyroUri> r = PyroUri::parse(uriText);
    if (!r)
        return r;
    const PyroUri &uri = r.value();
    if (uri.protocol() != PyroUri::Protocol::Pyro && uri.location().isEmpty() && !m_options.nsLocation.isEmpty()) {
        const QString prefix = uri.protocol() == PyroUri::Protocol::PyroName ? QStringLiteral("PYRONAME:")
                                                                             : QStringLiteral("PYROMETA:");
        return PyroUri::parse(prefix + uri.object() + u'@' + m_options.nsLocation);
    }
    return r;
}

Proxy *CliContext::openProxy(const QString &text, int *exitCode)
{
    m_targetText = text;
    m_targetIsPyro = false;
    const Result<PyroUri> target = targetUri(text);
    if (!target) {
        // What would have worked instead, as the name server knows it.
        NameHints hints(*this);
        const QString hint = hints.forBadUri(text);
        *exitCode = usage(text, hint.isEmpty() ? target.error().message() : target.error().message() + u'\n' + hint.chopped(1));
        return nullptr;
    }
    // The name server is asked in a serializer it accepts, whatever the object is called with.
    const Result<PyroUri> resolved = wait(resolveUri(target.value(), m_options.nameServerSettings(), this));
    if (!resolved) {
        *exitCode = fail(text, resolved.error());
        const PyroUri &uri = target.value();
        // The name server was found but has no such name (or tags): what it does have.
        const Error &e = resolved.error();
        if (e.code() == Error::Code::NamingError && !e.message().startsWith(QLatin1String("Failed to locate"))) {
            NameHints hints(*this);
            if (!uri.isUnixSocket() && !uri.host().isEmpty())
                hints.setNameServer(uri.host(), uri.port());
            writeErr(uri.protocol() == PyroUri::Protocol::PyroMeta ? hints.forUnknownTags(uri.metadataTags())
                                                                   : hints.forUnknownName(uri.object()));
        }
        return nullptr;
    }
    m_targetIsPyro = target.value().protocol() == PyroUri::Protocol::Pyro;
    m_target = resolved.value();
    return new Proxy(resolved.value(), m_options.proxySettings(), this);
}

Result<PyroUri> CliContext::locateNameServer()
{
    LocateOptions o = LocateOptions::fromEnvironment();
    if (!m_options.nsLocation.isEmpty()) {
        o.host = m_options.nsHost;
        o.port = m_options.nsPort;
    }
    return wait(NameServerLocator::locate(o, m_options.nameServerSettings(), this));
}

void CliContext::wait(PendingCall *call)
{
    call->setAutoDelete(false);
    if (!call->isFinished())
        call->waitForFinished(-1);
}

Result<PyroUri> CliContext::wait(PendingResolve *resolve)
{
    if (!resolve->isFinished()) {
        QEventLoop loop;
        QObject::connect(resolve, &PendingResolve::finished, &loop, &QEventLoop::quit);
        loop.exec();
    }
    const Error e = resolve->error();
    const PyroUri uri = resolve->uri();
    resolve->deleteLater();
    if (e)
        return e;
    return uri;
}

} // namespace Pyro::Cli
