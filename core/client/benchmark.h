#pragma once

#include "client/proxysettings.h"
#include "protocol/pyrouri.h"
#include "support/error.h"
#include "value/value.h"

#include <QString>

namespace Pyro {

/*!
    A micro benchmark of the client against a live object, for `pyroctl bench`. Blocking:
    runBenchmark() runs a local event loop (never call it from GUI code).

    \a connections proxies (one connection each) run in parallel; each performs
    \a operationsPerConnection operations of the given kind:
    \list
    \li SyncCalls: call(method, args), one at a time per connection (like a Python client).
    \li Oneway: callOneway(method, args) back to back, then one normal call so that the
        time includes the daemon having read them all.
    \li Batch: batches of 100 calls (operations counts calls, not batches).
    \li StreamItems: callStream(method, args) once per connection; operations counts items
        (operationsPerConnection is ignored; the generator decides).
    \endlist
    Connecting and the handshake are not timed. A failing operation stops the run and is
    reported in BenchmarkResult::error.

    \code
    auto r = runBenchmark(uri, settings, BenchmarkMode::SyncCalls, QStringLiteral("ping"), {}, 4, 1000);
    printf("%.0f calls/s\n", r.perSecond());
    \endcode
*/
enum class BenchmarkMode { SyncCalls, Oneway, Batch, StreamItems };

struct BenchmarkResult
{
    qint64 operations = 0;
    qint64 elapsedNs = 0;
    Error error;
    double perSecond() const { return elapsedNs > 0 ? double(operations) * 1e9 / double(elapsedNs) : 0.0; }
};

BenchmarkResult runBenchmark(const PyroUri &uri, const ProxySettings &settings, BenchmarkMode mode, const QString &method,
                             const ValueList &args, int connections, int operationsPerConnection);

} // namespace Pyro
