#pragma once

#include <QByteArray>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace Pyro::Test {

/*!
    A real Python Pyro4 peer for a test: runs Debian's python3 (PYRO_PYTHON, default
    /usr/bin/python3) on a script from tests/peers, waits for its readiness line and keeps
    its stderr flowing into the test log. The process is killed when the object dies.

    The peer script prints exactly one line that starts with "READY " once it listens, e.g.
    "READY PYRO:obj@127.0.0.1:40123"; readyText() is the rest of that line.
    \code
    PeerProcess peer;
    QVERIFY2(peer.start("echo_server.py", {"--serializers", "serpent,json"}), qPrintable(peer.failure()));
    const QString uri = peer.readyText();
    \endcode
*/
class PeerProcess
{
public:
    PeerProcess() = default;
    ~PeerProcess();
    PeerProcess(const PeerProcess &) = delete;
    PeerProcess &operator=(const PeerProcess &) = delete;

    //! Starts \a script (a file name under tests/peers, or an absolute path) and waits up to
    //! \a timeoutMs for the READY line. Returns false with failure() set otherwise.
    bool start(const QString &script, const QStringList &arguments = {}, int timeoutMs = 30000,
               const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment());
    QString readyText() const { return m_ready; }
    QString failure() const { return m_failure; }
    QProcess &process() { return m_process; }
    //! Reads one more line of the peer's stdout (blocking up to timeoutMs); empty on timeout.
    QString readLine(int timeoutMs = 30000);
    //! Writes a line to the peer's stdin (for peers that take commands).
    void writeLine(const QString &line);
    void kill();

    static QString python();
    static QString peersDir();
    //! The vendored Pyro5 5.16 package folder (../shared/peers/pyro5 beside the source tree,
    //! or PYRO5_PEER_DIR), the real peer of every protocol-502 test.
    static QString pyro5Dir();
    //! \a env with PYTHONPATH set so that "import Pyro5" finds the vendored copy. Peers that
    //! import Pyro5 are started with this; check pyro5Failure() first for a clear message.
    static QProcessEnvironment pyro5Environment(const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment());
    //! Empty when the vendored Pyro5 is there, otherwise what is missing.
    static QString pyro5Failure();

private:
    QProcess m_process;
    QString m_ready;
    QString m_failure;
};

} // namespace Pyro::Test
