// The server side of bench/daemon/run.sh, a process of its own (as a Python daemon would be).
//
//   bench_daemon_server pyro
//       A Daemon on 127.0.0.1 (port 0) serving object "bench", a HandlerObject with the same
//       members as bench_python.py's Bench: ping(), echo(x), oneway fire(x), fired_count(),
//       wait_fired(n, timeout) and the generator numbers(n). Prints "READY <uri>".
//   bench_daemon_server raw REQUEST_BYTES REPLY_BYTES
//       The physical floor: a plain QTcpServer (one thread, event loop) that answers every
//       REQUEST_BYTES received on a connection with REPLY_BYTES. Prints "READY raw <host:port>".

#include "server/daemon.h"
#include "server/handlerobject.h"
#include "server/itemgenerator.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QMutex>
#include <QTcpServer>
#include <QTcpSocket>
#include <QWaitCondition>

#include <cstdio>
#include <memory>

using namespace Pyro;

namespace {

// The oneway benchmark's end mark: it counts executed fire() calls, not just sent ones.
struct FireCounter
{
    QMutex mutex;
    QWaitCondition changed;
    qint64 fired = 0;
};

std::shared_ptr<HandlerObject> makeBenchObject()
{
    auto counter = std::make_shared<FireCounter>();
    auto bench = std::make_shared<HandlerObject>();
    bench->addMethod(QStringLiteral("ping"), [](const ValueList &, const Dict &) -> CallResult { return Value(); });
    bench->addMethod(QStringLiteral("echo"), [](const ValueList &args, const Dict &) -> CallResult { return args.value(0); });
    bench->addOnewayMethod(QStringLiteral("fire"), [counter](const ValueList &, const Dict &) -> CallResult {
        QMutexLocker lock(&counter->mutex);
        ++counter->fired;
        counter->changed.wakeAll();
        return Value();
    });
    bench->addMethod(QStringLiteral("fired_count"), [counter](const ValueList &, const Dict &) -> CallResult {
        QMutexLocker lock(&counter->mutex);
        return Value(counter->fired);
    });
    bench->addMethod(QStringLiteral("wait_fired"), [counter](const ValueList &args, const Dict &) -> CallResult {
        const qint64 target = args.value(0).toInt64();
        QDeadlineTimer deadline(qint64(args.value(1).toDouble() * 1000));
        QMutexLocker lock(&counter->mutex);
        while (counter->fired < target && !deadline.hasExpired())
            counter->changed.wait(&counter->mutex, deadline);
        return Value(counter->fired);
    });
    bench->addMethod(QStringLiteral("numbers"), [](const ValueList &args, const Dict &) -> CallResult {
        const qint64 n = args.value(0).toInt64();
        return ItemGenerator::fromFunction([n, i = qint64(0)]() mutable -> ItemGenerator::Step {
            if (i >= n)
                return std::optional<Value>();
            return std::optional<Value>(Value(i++));
        });
    });
    return bench;
}

int servePyro()
{
    Daemon daemon;
    if (!daemon.listen(QStringLiteral("127.0.0.1"), 0)) {
        std::fprintf(stderr, "bench_daemon_server: %s\n", qPrintable(daemon.error().message()));
        return 1;
    }
    const QString id = daemon.registerObject(makeBenchObject(), QStringLiteral("bench"));
    std::printf("READY %s\n", qPrintable(daemon.uriFor(id).toString()));
    std::fflush(stdout);
    return QCoreApplication::exec();
}

int serveRaw(qint64 requestBytes, qint64 replyBytes)
{
    QTcpServer server;
    if (requestBytes <= 0 || replyBytes <= 0 || !server.listen(QHostAddress::LocalHost, 0)) {
        std::fprintf(stderr, "bench_daemon_server raw: bad sizes or %s\n", qPrintable(server.errorString()));
        return 1;
    }
    const QByteArray reply(replyBytes, 'r');
    QObject::connect(&server, &QTcpServer::newConnection, &server, [&server, requestBytes, reply] {
        while (QTcpSocket *socket = server.nextPendingConnection()) {
            QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            QObject::connect(socket, &QTcpSocket::readyRead, socket, [socket, requestBytes, reply] {
                // Whole requests only, like a real server reading a frame before answering.
                while (socket->bytesAvailable() >= requestBytes) {
                    socket->skip(requestBytes);
                    socket->write(reply);
                }
                socket->flush(); // straight to the kernel, as the daemon does: the fastest floor

            });
        }
    });
    std::printf("READY raw 127.0.0.1:%u\n", unsigned(server.serverPort()));
    std::fflush(stdout);
    return QCoreApplication::exec();
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments().mid(1);
    if (args.value(0) == QLatin1String("pyro"))
        return servePyro();
    if (args.value(0) == QLatin1String("raw") && args.size() == 3)
        return serveRaw(args.at(1).toLongLong(), args.at(2).toLongLong());
    std::fprintf(stderr, "usage: bench_daemon_server pyro | raw REQUEST_BYTES REPLY_BYTES\n");
    return 2;
}
