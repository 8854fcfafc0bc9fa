#pragma once

#include "protocol/protocolversion.h"

#include <QString>

#include <optional>

namespace Pyro {

/*!
    What each endpoint was last seen to speak, process-wide: a Proxy with
    ProxySettings::Protocol::Auto tries the remembered version first and records the one its
    handshake succeeded with (or the one a protocol-mismatch reply named). The key is the
    endpoint's location ("127.0.0.1:9090", "[::1]:9090", "./u:/path"). Thread-safe.
    \code
    ProtocolMemory::remember(uri.location(), ProtocolVersion::Pyro5);
    const ProtocolVersion first = ProtocolMemory::recall(uri.location()).value_or(ProtocolVersion::Pyro4);
    \endcode
*/
class ProtocolMemory
{
public:
    static std::optional<ProtocolVersion> recall(const QString &location);
    static void remember(const QString &location, ProtocolVersion v);
    static void forget(const QString &location);
    //! Forgets everything (tests).
    static void clear();
};

} // namespace Pyro
