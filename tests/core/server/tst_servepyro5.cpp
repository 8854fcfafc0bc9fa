// pyroctl's serve commands with Python Pyro5 peers (the vendored Pyro5 5.16): 'serve-demo
// --with-ns' serves Pyro4 and Pyro5 clients on the same ports with no flag, 'serve-demo
// --ns HOST:PORT' registers the demo objects into a Python Pyro5 name server, where Python
// Pyro5 clients find them (PYRONAME, PYROMETA), and 'ns serve' on port 0 answers Python
// Pyro5's nsc tool and Python Pyro4 clients on the same port.
#include "peerrun.h"
#include "pyro5nsctranscript.h"

#include <QProcess>
#include <QRegularExpression>
#include <QTest>

using namespace Pyro::Test;

class tst_ServePyro5 : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void serveDemoWithNsServesBothProtocols();
    void serveDemoRegistersIntoPythonPyro5Ns();
    void nsServeServesBothProtocols();

private:
    //! Starts pyroctl with \a args and returns the rest of its first line after \a ready
    //! (empty on failure).
    static QString startServe(QProcess &serve, const QStringList &args, const QByteArray &ready = "READY ")
    {
        serve.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        serve.start(QStringLiteral(PYROCTL_BINARY), args);
        if (!serve.waitForStarted(30000))
            return QString();
        QByteArray line;
        while (!line.contains('\n') && serve.state() == QProcess::Running && serve.waitForReadyRead(60000))
            line += serve.readAllStandardOutput();
        line = line.left(line.indexOf('\n'));
        return line.startsWith(ready) ? QString::fromUtf8(line.mid(ready.size())).trimmed() : QString();
    }
    static void stop(QProcess &p)
    {
        p.kill();
        p.waitForFinished(30000);
    }
};

void tst_ServePyro5::initTestCase()
{
    QVERIFY2(QFileInfo::exists(QStringLiteral(PYROCTL_BINARY)), PYROCTL_BINARY);
    QVERIFY2(PeerProcess::pyro5Failure().isEmpty(), qPrintable(PeerProcess::pyro5Failure()));
}

void tst_ServePyro5::serveDemoWithNsServesBothProtocols()
{
    QProcess serve;
    const QString nsUri = startServe(serve, { QStringLiteral("serve-demo"), QStringLiteral("--with-ns"), QStringLiteral("--ns-port"),
                                              QStringLiteral("0"), QStringLiteral("--bcport"), QStringLiteral("off") });
    QVERIFY2(!nsUri.isEmpty(), "serve-demo --with-ns did not print READY");
    const QRegularExpressionMatch m = QRegularExpression(QStringLiteral("@([0-9.]+):(\\d+)$")).match(nsUri);
    QVERIFY2(m.hasMatch(), qPrintable(nsUri));
    QString failure;
    // A Python Pyro5 client: PYRONAME / PYROMETA through our name server to our demo daemon.
    const QStringList lines5 = runPeerScript(QStringLiteral("pyro5_ns_client.py"),
                                             { QStringLiteral("resolve"), m.captured(1), m.captured(2) }, &failure,
                                             PeerProcess::pyro5Environment());
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    QCOMPARE(lines5, (QStringList { QStringLiteral("pyroname 42"), QStringLiteral("pyrometa 2"), QStringLiteral("resolve 'demo.echo'") }));
    // A Python Pyro4 client on the same name server and daemon.
    const QStringList lines4 = runPeerScript(QStringLiteral("server_client.py"),
                                             { QStringLiteral("calls"), QStringLiteral("PYRONAME:{}@%1:%2").arg(m.captured(1), m.captured(2)) },
                                             &failure);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    QVERIFY2(lines4.contains(QStringLiteral("add 5")), qPrintable(lines4.join(u'\n')));
    stop(serve);
}

void tst_ServePyro5::serveDemoRegistersIntoPythonPyro5Ns()
{
    PeerProcess ns;
    QVERIFY2(ns.start(QStringLiteral("pyro5_ns.py"), {}, 30000, PeerProcess::pyro5Environment()), qPrintable(ns.failure()));
    const QString location = ns.readyText(); // host:port
    QProcess serve;
    const QString ready = startServe(serve, { QStringLiteral("serve-demo"), QStringLiteral("--ns"), location });
    QVERIFY2(!ready.isEmpty(), "serve-demo --ns did not print READY");
    QString failure;
    const QStringList lines = runPeerScript(QStringLiteral("pyro5_ns_client.py"),
                                            { QStringLiteral("resolve"), location.section(u':', 0, 0), location.section(u':', 1) }, &failure,
                                            PeerProcess::pyro5Environment());
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    QCOMPARE(lines, (QStringList { QStringLiteral("pyroname 42"), QStringLiteral("pyrometa 2"), QStringLiteral("resolve 'demo.echo'") }));
    stop(serve);
}

void tst_ServePyro5::nsServeServesBothProtocols()
{
    QProcess serve;
    const QString nsUri = startServe(serve, { QStringLiteral("ns"), QStringLiteral("serve"), QStringLiteral("--host"), QStringLiteral("127.0.0.1"),
                                              QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--no-broadcast") },
                                     "NS ready at ");
    QVERIFY2(!nsUri.isEmpty(), "ns serve did not print 'NS ready at'");
    const QRegularExpressionMatch m = QRegularExpression(QStringLiteral("^PYRO:Pyro\\.NameServer@([0-9.]+):(\\d+)$")).match(nsUri);
    QVERIFY2(m.hasMatch(), qPrintable(nsUri));
    const QString host = m.captured(1), port = m.captured(2);
    QString failure;

    // Python Pyro5's own nsc tool: ping, register, setmeta, lookup, listmatching, yplookup,
    // remove, line for line what it prints against Python Pyro5's name server.
    const QStringList nsc = runPeerScript(QStringLiteral("pyro5_ns_client.py"), { QStringLiteral("nsc"), host, port }, &failure,
                                          PeerProcess::pyro5Environment());
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    const QStringList expected = pyro5NscTranscript();
    QCOMPARE(nsc, expected);

    // A Python Pyro4 client registers on the same port; Python Pyro5 and Pyro4 clients both
    // find it, each with its protocol's metadata type.
    const QStringList registered = runPeerScript(QStringLiteral("server_ns.py"), { QStringLiteral("register"), nsUri, QStringLiteral("p4.thing") }, &failure);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    QCOMPARE(registered, QStringList { QStringLiteral("register None") });
    const QStringList found5 = runPeerScript(QStringLiteral("pyro5_ns_client.py"),
                                             { QStringLiteral("lookup"), host, port, QStringLiteral("serpent"), QStringLiteral("p4.thing") },
                                             &failure, PeerProcess::pyro5Environment());
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    QCOMPARE(found5, (QStringList { QStringLiteral("lookup (('URI', 'PYRO:persisted@127.0.0.1:4321'), ('set', ['persisted', 'tag2']))"),
                                    QStringLiteral("list ['p4.thing']") }));
    const QStringList found4 = runPeerScript(QStringLiteral("server_ns.py"), { QStringLiteral("lookup"), nsUri, QStringLiteral("p4.thing") }, &failure);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    QCOMPARE(found4, QStringList { QStringLiteral("lookup ('PYRO:persisted@127.0.0.1:4321', ['persisted', 'tag2'])") });
    stop(serve);
}

QTEST_GUILESS_MAIN(tst_ServePyro5)
#include "tst_servepyro5.moc"
