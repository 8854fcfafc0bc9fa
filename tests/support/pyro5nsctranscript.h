#pragma once

#include <QString>
#include <QStringList>

namespace Pyro::Test {

/*!
    What Python Pyro5 5.16's own `nsc` tool prints, line for line, for the scenario of
    tests/peers/pyro5_ns_client.py's `nsc` (ping, register, setmeta, lookup, listmatching,
    two yplookups, remove, a lookup of the removed name), recorded against Python Pyro5's name
    server. Our name server, embedded or `pyroctl ns serve`, must make it print the same.
*/
inline QStringList pyro5NscTranscript()
{
    return {
        QStringLiteral("nsc Name server ping ok."),
        QStringLiteral("nsc_exit 0"),
        QStringLiteral("nsc Registered nsc.one"),
        QStringLiteral("nsc_exit 0"),
        QStringLiteral("nsc Metadata updated"),
        QStringLiteral("nsc_exit 0"),
        QStringLiteral("nsc PYRO:one@127.0.0.1:4444"),
        QStringLiteral("nsc metadata: {'tagged'}"),
        QStringLiteral("nsc_exit 0"),
        QStringLiteral("nsc --------START LIST - regex 'nsc\\..*'"),
        QStringLiteral("nsc nsc.one --> PYRO:one@127.0.0.1:4444"),
        QStringLiteral("nsc --------END LIST - regex 'nsc\\..*'"),
        QStringLiteral("nsc_exit 0"),
        QStringLiteral("nsc --------START LIST  - searched by metadata"),
        QStringLiteral("nsc nsc.one --> PYRO:one@127.0.0.1:4444"),
        QStringLiteral("nsc --------END LIST  - searched by metadata"),
        QStringLiteral("nsc_exit 0"),
        QStringLiteral("nsc --------START LIST  - searched by metadata"),
        QStringLiteral("nsc nsc.one --> PYRO:one@127.0.0.1:4444"),
        QStringLiteral("nsc --------END LIST  - searched by metadata"),
        QStringLiteral("nsc_exit 0"),
        QStringLiteral("nsc Removed nsc.one"),
        QStringLiteral("nsc_exit 0"),
        QStringLiteral("nsc Error: NamingError - unknown name: nsc.one"),
        QStringLiteral("nsc Pyro5.errors.NamingError: unknown name: nsc.one"),
        QStringLiteral("nsc_exit 1"),
    };
}

} // namespace Pyro::Test
