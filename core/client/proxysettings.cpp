#include "client/proxysettings.h"

namespace Pyro {

static bool parseBool(const QString &text, bool fallback)
{
    const QString t = text.trimmed().toLower();
    if (t == QLatin1String("1") || t == QLatin1String("yes") || t == QLatin1String("true") || t == QLatin1String("on"))
        return true;
    if (t == QLatin1String("0") || t == QLatin1String("no") || t == QLatin1String("false") || t == QLatin1String("off"))
        return false;
    return fallback;
}

ProxySettings ProxySettings::fromEnvironment(const QProcessEnvironment &env)
{
    ProxySettings s;
    auto get = [&env](const char *name) { return env.value(QLatin1String(name)); };
    if (const QString v = get("PYRO_SERIALIZER"); !v.isEmpty()) {
        if (const Serializer *ser = Serializer::byName(v.trimmed()))
            s.serializer = ser->id();
    }
    bool ok = false;
    if (const double t = get("PYRO_COMMTIMEOUT").toDouble(&ok); ok && t >= 0)
        s.timeout = t;
    if (const int r = get("PYRO_MAX_RETRIES").toInt(&ok); ok && r >= 0)
        s.maxRetries = r;
    if (const qint64 m = get("PYRO_MAX_MESSAGE_SIZE").toLongLong(&ok); ok && m > 0)
        s.maxMessageSize = m;
    if (env.contains(QStringLiteral("PYRO_HMAC_KEY")))
        s.hmacKey = get("PYRO_HMAC_KEY").toUtf8();
    s.compression = parseBool(get("PYRO_COMPRESSION"), s.compression);
    s.metadata = parseBool(get("PYRO_METADATA"), s.metadata);
    s.ssl = parseBool(get("PYRO_SSL"), s.ssl);
    s.sslCaCerts = get("PYRO_SSL_CACERTS");
    s.sslClientCert = get("PYRO_SSL_CLIENTCERT");
    s.sslClientKey = get("PYRO_SSL_CLIENTKEY");
    s.sslClientKeyPassword = get("PYRO_SSL_CLIENTKEYPASSWD").toUtf8();
    return s;
}

} // namespace Pyro
