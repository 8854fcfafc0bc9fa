#pragma once

#include "client/proxysettings.h"

#include <QString>
#include <QStringList>

namespace Pyro::Cli {

/*!
    The options that come before pyroctl's COMMAND. Parsed by hand (parse()) so that
    everything after COMMAND, negative numbers included, reaches the command untouched.
*/
struct GlobalOptions
{
    QString nsLocation; //!< --ns HOST[:PORT] as given ("" = locate as Pyro4 does)
    QString nsHost; //!< parsed from nsLocation ("./u:path" for a unix socket)
    int nsPort = 9090;
    QString serializer = QStringLiteral("serpent"); //!< --serializer, else PYRO_SERIALIZER, else serpent
    bool serializerSet = false;
    QString nsSerializer = QStringLiteral("serpent"); //!< --ns-serializer: how the name server is asked
    bool noMetadata = false; //!< --no-metadata (Pyro4 METADATA off)
    double timeout = 0.0;
    bool timeoutSet = false;
    int retries = 0;
    bool retriesSet = false;
    QByteArray hmacKey;
    bool ssl = false;
    QString sslCaCerts;
    QString sslCert;
    QString sslKey;
    bool json = false; //!< --format json
    //! --protocol auto|4|5: which Pyro protocol to speak (auto: detected per endpoint).
    ProxySettings::Protocol protocol = ProxySettings::Protocol::Auto;
    bool verbose = false; //!< --verbose: say more on stderr (e.g. ping's detected protocol)

    bool help = false;
    bool version = false;
    QString command; //!< empty when none was given
    QStringList commandArgs;

    //! Proxy settings: Pyro4's PYRO_* environment variables first (PYRO_SERIALIZER,
    //! PYRO_COMMTIMEOUT, PYRO_MAX_RETRIES, PYRO_HMAC_KEY, PYRO_METADATA, ...), then these options.
    ProxySettings proxySettings() const;
    //! proxySettings() for talking to the name server: always in --ns-serializer (serpent,
    //! which every Pyro4 name server accepts), whatever --serializer the objects are called with.
    ProxySettings nameServerSettings() const;

    //! Fills \a out from \a args (without the program name). On a usage error returns false
    //! and sets \a what and \a why for "pyroctl: <what>: <why>".
    static bool parse(const QStringList &args, GlobalOptions *out, QString *what, QString *why);
};

} // namespace Pyro::Cli
