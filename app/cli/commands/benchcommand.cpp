#include "commands.h"

#include "../argscanner.h"
#include "../clicontext.h"

#include "client/batch.h"
#include "client/pendingcall.h"
#include "client/pendingstream.h"
#include "client/proxy.h"

#include <QElapsedTimer>
#include <QEventLoop>

#include <sys/resource.h>

namespace Pyro::Cli {

namespace {

double cpuSeconds()
{
    rusage u {};
    getrusage(RUSAGE_SELF, &u);
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

/*
    Drives N calls over C connections the way a Python Pyro4 client loop does: one call in
    flight per connection (Pyro4 proxies never pipeline), so the numbers compare like for like.
*/
class BenchRun
{
public:
    BenchRun(const QList<Proxy *> &proxies, const QString &mode, const QString &method, const ValueList &args,
             const Dict &kwargs, qint64 calls)
        : m_proxies(proxies), m_mode(mode), m_method(method), m_args(args), m_kwargs(kwargs), m_calls(calls)
    {
    }

    //! Runs to completion; returns the first error (NoError on success) and counts finished calls.
    Error run()
    {
        const qint64 per = m_calls / m_proxies.size();
        const qint64 extra = m_calls % m_proxies.size();
        for (qsizetype i = 0; i < m_proxies.size(); ++i) {
            const qint64 n = per + (i < extra ? 1 : 0);
            if (n > 0) {
                ++m_active;
                startConnection(m_proxies.at(i), n);
            }
        }
        if (m_active > 0)
            m_loop.exec();
        return m_error;
    }
    qint64 done() const { return m_done; }

private:
    void connectionDone()
    {
        if (--m_active == 0)
            m_loop.quit();
    }
    void failed(const Error &e)
    {
        if (!m_error)
            m_error = e;
        m_loop.quit();
    }

    void startConnection(Proxy *proxy, qint64 n)
    {
        if (m_mode == QLatin1String("batch")) {
            Batch batch(proxy);
            for (qint64 i = 0; i < n; ++i)
                batch.call(m_method, m_args, m_kwargs);
            PendingCall *c = batch.send();
            QObject::connect(c, &PendingCall::finished, [this, c, n] {
                if (c->error())
                    return failed(c->error());
                m_done += n;
                connectionDone();
            });
            return;
        }
        if (m_mode == QLatin1String("stream")) {
            PendingStream *s = proxy->callStream(m_method, m_args, m_kwargs);
            s->setPrefetch(16); // pipelined, as the figures in bench/README.md were measured
            auto count = std::make_shared<qint64>(0);
            QObject::connect(s, &PendingStream::itemReceived, [this, s, count, n](const Value &) {
                ++m_done;
                if (++*count == n)
                    s->close();
            });
            QObject::connect(s, &PendingCall::finished, [this, s] {
                if (s->error())
                    return failed(s->error());
                connectionDone();
            });
            return;
        }
        next(proxy, n);
    }

    void next(Proxy *proxy, qint64 left)
    {
        // Oneway calls finish once written, as the Python loop's oneway calls return once sent.
        if (left == 0)
            return connectionDone();
        PendingCall *c = m_mode == QLatin1String("oneway") ? proxy->callOneway(m_method, m_args, m_kwargs)
                                                            : proxy->call(m_method, m_args, m_kwargs);
        QObject::connect(c, &PendingCall::finished, [this, c, proxy, left] {
            if (c->error())
                return failed(c->error());
            ++m_done;
            next(proxy, left - 1);
        });
    }

    QList<Proxy *> m_proxies;
    QString m_mode;
    QString m_method;
    ValueList m_args;
    Dict m_kwargs;
    qint64 m_calls;
    qint64 m_done = 0;
    int m_active = 0;
    Error m_error;
    QEventLoop m_loop;
};

} // namespace

// bench URI METHOD [ARG ...] [--calls N] [--connections C] [--mode sync|oneway|batch|stream]
int runBench(CliContext &ctx, const QStringList &args)
{
    ArgScanner scanner({}, { QStringLiteral("--calls"), QStringLiteral("--connections"), QStringLiteral("--mode") });
    if (!scanner.scan(args))
        return ctx.usage(scanner.errorWhat(), scanner.errorWhy());
    const QStringList pos = scanner.positional();
    if (pos.size() < 2)
        return ctx.usage(QStringLiteral("bench"), QStringLiteral("expected URI METHOD [ARG ...]"));
    bool ok = false;
    const qint64 calls = scanner.value(QStringLiteral("--calls"), QStringLiteral("10000")).toLongLong(&ok);
    if (!ok || calls <= 0)
        return ctx.usage(QStringLiteral("--calls"), QStringLiteral("expected a positive count"));
    const int connections = scanner.value(QStringLiteral("--connections"), QStringLiteral("1")).toInt(&ok);
    if (!ok || connections <= 0 || connections > 1000)
        return ctx.usage(QStringLiteral("--connections"), QStringLiteral("expected a count from 1 to 1000"));
    const QString mode = scanner.value(QStringLiteral("--mode"), QStringLiteral("sync"));
    if (!QStringList { QStringLiteral("sync"), QStringLiteral("oneway"), QStringLiteral("batch"), QStringLiteral("stream") }
                 .contains(mode))
        return ctx.usage(QStringLiteral("--mode"), QStringLiteral("expected sync, oneway, batch or stream"));
    ValueList callArgs;
    Dict kwargs;
    int code = ExitOk;
    if (!ctx.parseArguments(pos.mid(2), &callArgs, &kwargs, &code))
        return code;
    Proxy *first = ctx.openProxy(pos.at(0), &code);
    if (!first)
        return code;

    // Connect (and handshake) every connection before the clock starts.
    QList<Proxy *> proxies { first };
    for (int i = 1; i < connections; ++i)
        proxies.append(first->clone(&ctx));
    for (Proxy *p : proxies) {
        PendingCall *bind = p->bind();
        CliContext::wait(bind);
        const Error e = bind->error();
        delete bind;
        if (e)
            return ctx.fail(pos.at(0), e);
    }

    BenchRun run(proxies, mode, pos.at(1), callArgs, kwargs, calls);
    const double cpu0 = cpuSeconds();
    QElapsedTimer timer;
    timer.start();
    const Error error = run.run();
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    const double cpu = cpuSeconds() - cpu0;
    if (error)
        return ctx.fail(pos.at(0), error);
    const qint64 done = qMax<qint64>(run.done(), 1);
    ctx.printLine(QStringLiteral("mode=%1 calls=%2 connections=%3 seconds=%4 calls_per_s=%5 cpu_us_per_call=%6")
                          .arg(mode)
                          .arg(run.done())
                          .arg(connections)
                          .arg(seconds, 0, 'f', 4)
                          .arg(double(run.done()) / qMax(seconds, 1e-9), 0, 'f', 1)
                          .arg(cpu * 1e6 / double(done), 0, 'f', 2));
    return ExitOk;
}

} // namespace Pyro::Cli
