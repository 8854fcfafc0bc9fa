#include "commands/servecommands.h"

#include <QCoreApplication>
#include <QTimer>

#include <atomic>
#include <csignal>
#include <cstdio>

namespace Pyro::Cli {

static std::atomic_bool s_quitRequested = false;

extern "C" void pyroctlServeSignalHandler(int)
{
    s_quitRequested = true; // only async-signal-safe work here; a timer picks it up
}

void quitOnTerminationSignals()
{
    struct sigaction action = {};
    action.sa_handler = pyroctlServeSignalHandler;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
    auto *timer = new QTimer(QCoreApplication::instance());
    timer->setInterval(100);
    QObject::connect(timer, &QTimer::timeout, timer, [] {
        if (s_quitRequested)
            QCoreApplication::quit();
    });
    timer->start();
}

void writeServeLine(const QString &line)
{
    const QByteArray bytes = line.toUtf8() + '\n';
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
    std::fflush(stdout);
}

int serveUsageError(const QString &what, const QString &why)
{
    const QByteArray bytes = QStringLiteral("pyroctl: %1: %2\n").arg(what, why).toUtf8();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stderr);
    std::fflush(stderr);
    return 2;
}

} // namespace Pyro::Cli
