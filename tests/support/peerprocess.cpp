#include "peerprocess.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFileInfo>
#include <QtDebug>

namespace Pyro::Test {

PeerProcess::~PeerProcess()
{
    kill();
}

QString PeerProcess::python()
{
    const QString p = qEnvironmentVariable("PYRO_PYTHON");
    return p.isEmpty() ? QStringLiteral("/usr/bin/python3") : p;
}

QString PeerProcess::peersDir()
{
    const QString dir = qEnvironmentVariable("PYRO_TEST_PEERS");
    return dir.isEmpty() ? QStringLiteral(PYRO_TEST_PEERS_DIR) : dir;
}

QString PeerProcess::pyro5Dir()
{
    const QString dir = qEnvironmentVariable("PYRO5_PEER_DIR");
    return dir.isEmpty() ? QStringLiteral(PYRO5_PEER_DIR_DEFAULT) : dir;
}

QProcessEnvironment PeerProcess::pyro5Environment(const QProcessEnvironment &env)
{
    QProcessEnvironment e = env;
    // Pyro5 takes every PYRO_* variable as its own config item and refuses to import with an
    // unknown one (the test's PYRO_TEST_PEERS, PYRO_PYTHON, PYRO_BUILD_DIR).
    for (const QString &name : e.keys()) {
        if (name.startsWith(QLatin1String("PYRO_")))
            e.remove(name);
    }
    const QString old = e.value(QStringLiteral("PYTHONPATH"));
    e.insert(QStringLiteral("PYTHONPATH"), old.isEmpty() ? pyro5Dir() : pyro5Dir() + QLatin1Char(':') + old);
    // shared/ is read-only in CI: never write __pycache__ there.
    e.insert(QStringLiteral("PYTHONDONTWRITEBYTECODE"), QStringLiteral("1"));
    return e;
}

QString PeerProcess::pyro5Failure()
{
    const QString init = QDir(pyro5Dir()).filePath(QStringLiteral("Pyro5/__init__.py"));
    if (!QFileInfo::exists(init))
        return QStringLiteral("the vendored Pyro5 peer is missing: %1 not found (expected ../shared/peers/pyro5 beside the source tree, or PYRO5_PEER_DIR)").arg(init);
    return QString();
}

bool PeerProcess::start(const QString &script, const QStringList &arguments, int timeoutMs,
                        const QProcessEnvironment &env)
{
    const QString path = QFileInfo(script).isAbsolute() ? script : QDir(peersDir()).filePath(script);
    if (!QFileInfo::exists(path)) {
        m_failure = QStringLiteral("peer script not found: ") + path;
        return false;
    }
    QProcessEnvironment e = env;
    e.insert(QStringLiteral("PYTHONUNBUFFERED"), QStringLiteral("1"));
    e.insert(QStringLiteral("PYTHONDONTWRITEBYTECODE"), QStringLiteral("1"));
    m_process.setProcessEnvironment(e);
    // stderr goes straight to the test's stderr so that peer tracebacks show in the log.
    m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_process.start(python(), QStringList { QStringLiteral("-u"), path } + arguments);
    if (!m_process.waitForStarted(timeoutMs)) {
        m_failure = QStringLiteral("could not start %1: %2").arg(python(), m_process.errorString());
        return false;
    }
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        while (m_process.canReadLine()) {
            const QString line = QString::fromUtf8(m_process.readLine()).trimmed();
            if (line.startsWith(QLatin1String("READY"))) {
                m_ready = line.mid(5).trimmed();
                return true;
            }
            qDebug().noquote() << "peer:" << line;
        }
        if (m_process.state() != QProcess::Running) {
            m_failure = QStringLiteral("peer %1 exited before READY (exit code %2)").arg(script).arg(m_process.exitCode());
            return false;
        }
        m_process.waitForReadyRead(int(qMax<qint64>(1, qMin<qint64>(deadline.remainingTime(), 1000))));
    }
    m_failure = QStringLiteral("peer %1 printed no READY line within %2 ms").arg(script).arg(timeoutMs);
    return false;
}

QString PeerProcess::readLine(int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!m_process.canReadLine()) {
        if (deadline.hasExpired() || m_process.state() != QProcess::Running)
            return QString();
        m_process.waitForReadyRead(int(qMax<qint64>(1, qMin<qint64>(deadline.remainingTime(), 1000))));
    }
    return QString::fromUtf8(m_process.readLine()).trimmed();
}

void PeerProcess::writeLine(const QString &line)
{
    m_process.write(line.toUtf8() + '\n');
    m_process.waitForBytesWritten(5000);
}

void PeerProcess::kill()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

} // namespace Pyro::Test
