#include "globaloptions.h"

#include "protocol/protocolversion.h"
#include "protocol/pyrouri.h"
#include "serializers/serializer.h"

namespace Pyro::Cli {

ProxySettings GlobalOptions::proxySettings() const
{
    ProxySettings s = ProxySettings::fromEnvironment();
    const Serializer *ser = serializerSet ? Serializer::byName(serializer) : nullptr;
    if (ser)
        s.serializer = ser->id();
    // The user named pickle explicitly (option or PYRO_SERIALIZER); that is the opt-in
    // ProxySettings asks for.
    s.allowPickle = s.serializer == SerializerId::Pickle;
    if (noMetadata)
        s.metadata = false;
    if (timeoutSet)
        s.timeout = timeout;
    if (retriesSet)
        s.maxRetries = retries;
    if (!hmacKey.isEmpty())
        s.hmacKey = hmacKey;
    if (ssl)
        s.ssl = true;
    if (!sslCaCerts.isEmpty())
        s.sslCaCerts = sslCaCerts;
    if (!sslCert.isEmpty())
        s.sslClientCert = sslCert;
    if (!sslKey.isEmpty())
        s.sslClientKey = sslKey;
    s.protocol = protocol;
    return s;
}

ProxySettings GlobalOptions::nameServerSettings() const
{
    ProxySettings s = proxySettings();
    if (const Serializer *ser = Serializer::byName(nsSerializer))
        s.serializer = ser->id();
    s.allowPickle = s.serializer == SerializerId::Pickle;
    s.metadata = true; // the name server's methods are known; its metadata costs nothing
    return s;
}

bool GlobalOptions::parse(const QStringList &args, GlobalOptions *out, QString *what, QString *why)
{
    static const QStringList withValue = {
        QStringLiteral("--ns"),          QStringLiteral("--serializer"),  QStringLiteral("--timeout"),
        QStringLiteral("--retries"),     QStringLiteral("--hmac"),        QStringLiteral("--ssl-cacerts"),
        QStringLiteral("--ssl-cert"),    QStringLiteral("--ssl-key"),     QStringLiteral("--format"),
        QStringLiteral("--protocol"),
        QStringLiteral("--ns-serializer"),
    };
    qsizetype i = 0;
    for (; i < args.size(); ++i) {
        QString arg = args.at(i);
        if (arg == QLatin1String("--")) {
            ++i;
            break;
        }
        if (!arg.startsWith(u'-') || arg == QLatin1String("-"))
            break;
        QString value;
        bool hasInlineValue = false;
        const qsizetype eq = arg.indexOf(u'=');
        if (arg.startsWith(QLatin1String("--")) && eq > 0) {
            value = arg.mid(eq + 1);
            arg = arg.left(eq);
            hasInlineValue = true;
        }
        if (arg == QLatin1String("-h") || arg == QLatin1String("--help")) {
            out->help = true;
            continue;
        }
        if (arg == QLatin1String("-v") || arg == QLatin1String("--version")) {
            out->version = true;
            continue;
        }
        if (arg == QLatin1String("--no-metadata")) {
            if (hasInlineValue) {
                *what = arg;
                *why = QStringLiteral("takes no value");
                return false;
            }
            out->noMetadata = true;
            continue;
        }
        if (arg == QLatin1String("--ssl") || arg == QLatin1String("--verbose")) {
            if (hasInlineValue) {
                *what = arg;
                *why = QStringLiteral("takes no value");
                return false;
            }
            (arg == QLatin1String("--ssl") ? out->ssl : out->verbose) = true;
            continue;
        }
        if (!withValue.contains(arg)) {
            *what = arg;
            *why = QStringLiteral("unknown option");
            return false;
        }
        if (!hasInlineValue) {
            if (i + 1 >= args.size()) {
                *what = arg;
                *why = QStringLiteral("missing value");
                return false;
            }
            value = args.at(++i);
        }
        *what = arg;
        if (arg == QLatin1String("--ns")) {
            // Reuse the URI parser's location rules: host:port, [ipv6]:port, ./u:path.
            const Result<PyroUri> u = PyroUri::parse(QStringLiteral("PYRONAME:x@") + value);
            if (!u || value.isEmpty()) {
                *why = QStringLiteral("not a HOST[:PORT] location: ")
                        + (u ? QStringLiteral("empty") : u.error().message());
                return false;
            }
            out->nsLocation = value;
            out->nsHost = u.value().isUnixSocket() ? QStringLiteral("./u:") + u.value().socketPath() : u.value().host();
            out->nsPort = u.value().port();
        } else if (arg == QLatin1String("--serializer") || arg == QLatin1String("--ns-serializer")) {
            if (!Serializer::names().contains(value)) {
                *why = QStringLiteral("unknown serializer '%1' (use %2)")
                               .arg(value, Serializer::names().join(QLatin1String(", ")));
                return false;
            }
            if (arg == QLatin1String("--serializer")) {
                out->serializer = value;
                out->serializerSet = true;
            } else {
                out->nsSerializer = value;
            }
        } else if (arg == QLatin1String("--timeout")) {
            bool ok = false;
            out->timeout = value.toDouble(&ok);
            if (!ok || out->timeout < 0 || !qIsFinite(out->timeout)) {
                *why = QStringLiteral("'%1' is not a number of seconds").arg(value);
                return false;
            }
            out->timeoutSet = true;
        } else if (arg == QLatin1String("--retries")) {
            bool ok = false;
            out->retries = value.toInt(&ok);
            if (!ok || out->retries < 0) {
                *why = QStringLiteral("'%1' is not a count").arg(value);
                return false;
            }
            out->retriesSet = true;
        } else if (arg == QLatin1String("--hmac")) {
            out->hmacKey = value.toUtf8();
        } else if (arg == QLatin1String("--ssl-cacerts")) {
            out->sslCaCerts = value;
        } else if (arg == QLatin1String("--ssl-cert")) {
            out->sslCert = value;
        } else if (arg == QLatin1String("--ssl-key")) {
            out->sslKey = value;
        } else if (arg == QLatin1String("--protocol")) {
            if (value == QLatin1String("auto"))
                out->protocol = ProxySettings::Protocol::Auto;
            else if (value == QLatin1String("4"))
                out->protocol = ProxySettings::Protocol::Pyro4;
            else if (value == QLatin1String("5"))
                out->protocol = ProxySettings::Protocol::Pyro5;
            else {
                *why = QStringLiteral("unknown protocol '%1' (use auto, 4 or 5)").arg(value);
                return false;
            }
        } else if (arg == QLatin1String("--format")) {
            if (value != QLatin1String("repr") && value != QLatin1String("json")) {
                *why = QStringLiteral("unknown format '%1' (use repr or json)").arg(value);
                return false;
            }
            out->json = value == QLatin1String("json");
        }
    }
    // Pyro5 has neither pickle nor HMAC (docs/pyro5-protocol.md): a usage error when asked for.
    if (out->protocol == ProxySettings::Protocol::Pyro5) {
        const Serializer *ser = Serializer::byName(out->serializer);
        if (ser && !ProtocolInfo::serializerWireId(ser->id(), ProtocolVersion::Pyro5)) {
            *what = QStringLiteral("--serializer");
            *why = ProtocolInfo::serializerUnavailable(ser->id(), ProtocolVersion::Pyro5).message();
            return false;
        }
        if (!out->hmacKey.isEmpty()) {
            *what = QStringLiteral("--hmac");
            *why = ProtocolInfo::hmacUnavailable(ProtocolVersion::Pyro5).message();
            return false;
        }
    }
    if (i < args.size()) {
        out->command = args.at(i);
        out->commandArgs = args.mid(i + 1);
    }
    return true;
}

} // namespace Pyro::Cli
