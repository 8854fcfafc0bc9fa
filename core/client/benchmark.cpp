#include "client/benchmark.h"

#include "client/batch.h"
#include "client/proxy.h"

#include <QElapsedTimer>
#include <QEventLoop>

#include <memory>

namespace Pyro {

namespace {

constexpr int BatchSize = 100;

struct Run
{
    BenchmarkMode mode;
    QString method;
    ValueList args;
    int perConnection = 0;
    int running = 0;
    qint64 operations = 0;
    Error error;
    QEventLoop loop;

    void fail(const Error &e)
    {
        if (!error.isError())
            error = e;
        loop.quit();
    }
    void connectionDone()
    {
        if (--running == 0)
            loop.quit();
    }
};

void next(Run *run, Proxy *proxy, int remaining)
{
    if (run->error.isError())
        return;
    if (remaining <= 0) {
        run->connectionDone();
        return;
    }
    switch (run->mode) {
    case BenchmarkMode::SyncCalls: {
        PendingCall *c = proxy->call(run->method, run->args);
        QObject::connect(c, &PendingCall::finished, proxy, [run, proxy, c, remaining] {
            if (c->hasError())
                return run->fail(c->error());
            ++run->operations;
            next(run, proxy, remaining - 1);
        });
        break;
    }
    case BenchmarkMode::Oneway: {
        for (int i = 0; i < remaining; ++i)
            proxy->callOneway(run->method, run->args);
        run->operations += remaining;
        // A normal call after them: the daemon has read every oneway request when it answers.
        PendingCall *c = proxy->call(run->method, run->args);
        QObject::connect(c, &PendingCall::finished, proxy, [run, c] {
            if (c->hasError())
                return run->fail(c->error());
            run->connectionDone();
        });
        break;
    }
    case BenchmarkMode::Batch: {
        const int n = std::min(BatchSize, remaining);
        Batch batch(proxy);
        for (int i = 0; i < n; ++i)
            batch.call(run->method, run->args);
        PendingCall *c = batch.send();
        QObject::connect(c, &PendingCall::finished, proxy, [run, proxy, c, n, remaining] {
            if (c->hasError())
                return run->fail(c->error());
            run->operations += n;
            next(run, proxy, remaining - n);
        });
        break;
    }
    case BenchmarkMode::StreamItems: {
        PendingStream *s = proxy->callStream(run->method, run->args);
        QObject::connect(s, &PendingStream::itemReceived, proxy, [run] { ++run->operations; });
        QObject::connect(s, &PendingStream::finished, proxy, [run, s] {
            if (s->hasError())
                return run->fail(s->error());
            run->connectionDone();
        });
        break;
    }
    }
}

} // namespace

BenchmarkResult runBenchmark(const PyroUri &uri, const ProxySettings &settings, BenchmarkMode mode, const QString &method,
                             const ValueList &args, int connections, int operationsPerConnection)
{
    BenchmarkResult result;
    QObject owner;
    QList<Proxy *> proxies;
    for (int i = 0; i < std::max(1, connections); ++i) {
        auto *proxy = new Proxy(uri, settings, &owner);
        PendingCall *bind = proxy->bind();
        bind->setAutoDelete(false);
        const bool finished = bind->waitForFinished(settings.timeout > 0 ? int(settings.timeout * 1000) : -1);
        const Error e = finished ? bind->error() : Error(Error::Code::Timeout, QStringLiteral("connecting: timeout"));
        delete bind;
        if (e.isError()) {
            result.error = e;
            return result;
        }
        proxies.append(proxy);
    }
    auto run = std::make_unique<Run>();
    run->mode = mode;
    run->method = method;
    run->args = args;
    run->perConnection = std::max(1, operationsPerConnection);
    run->running = int(proxies.size());
    QElapsedTimer timer;
    timer.start();
    for (Proxy *proxy : std::as_const(proxies))
        next(run.get(), proxy, mode == BenchmarkMode::StreamItems ? 1 : run->perConnection);
    if (run->running > 0 && !run->error.isError())
        run->loop.exec();
    result.elapsedNs = timer.nsecsElapsed();
    result.operations = run->operations;
    result.error = run->error;
    // The proxies go first, so that late signals cannot reach the finished run.
    qDeleteAll(proxies);
    return result;
}

} // namespace Pyro
