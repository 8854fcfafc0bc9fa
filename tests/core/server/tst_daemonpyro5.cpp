// The C++ Daemon against real Python Pyro5 5.16 clients (tests/peers/pyro5_server_client.py,
// the vendored Pyro5): the same daemon and port serve Pyro4 and Pyro5, each connection by
// its first bytes. Every call variant in every serializer a Python Pyro5 client can use.
#include "daemonhost.h"
#include "peerrun.h"

#include <QFuture>
#include <QProcess>
#include <QSslKey>
#include <QTemporaryDir>
#include <QTest>
#include <QtConcurrent>

using namespace Pyro;
using namespace Pyro::Test;

class tst_DaemonPyro5 : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void pythonClient_data();
    void pythonClient();
    void valuesAsPythonDaemon_data();
    void valuesAsPythonDaemon();
    void streamsReleased();
    void load();
    void mixedPyro4AndPyro5();
    void tls();

private:
    static QStringList compare(const QStringList &lines, const QStringList &expected)
    {
        QStringList diff;
        for (qsizetype i = 0; i < qMax(lines.size(), expected.size()); ++i) {
            if (lines.value(i) != expected.value(i))
                diff << QStringLiteral("line %1\n   got: %2\n  want: %3").arg(i).arg(lines.value(i), expected.value(i));
        }
        return diff;
    }
};

static DaemonSettings allSerializers()
{
    DaemonSettings settings;
    settings.acceptedSerializers.append(SerializerId::Msgpack);
    return settings;
}

void tst_DaemonPyro5::initTestCase()
{
    QVERIFY2(QFile::exists(PeerProcess::python()), "Debian's python3 is required");
    QVERIFY2(PeerProcess::pyro5Failure().isEmpty(), qPrintable(PeerProcess::pyro5Failure()));
}

void tst_DaemonPyro5::pythonClient_data()
{
    QTest::addColumn<QString>("scenario");
    QTest::addColumn<QString>("serializer");
    QTest::addColumn<QStringList>("expected");
    // EXPECTATIONS
}

void tst_DaemonPyro5::pythonClient()
{
    QFETCH(QString, scenario);
    QFETCH(QString, serializer);
    QFETCH(QStringList, expected);
    DaemonHost host(allSerializers());
    QVERIFY2(host.isListening(), qPrintable(host.error()));
    QString failure;
    QStringList lines = runPyro5Client(scenario, host.uriPattern(), serializer, {}, &failure);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    for (QString &line : lines)
        line.replace(QString::number(host.port()), QStringLiteral("PORT"));
    const QStringList diff = compare(lines, expected);
    QVERIFY2(diff.isEmpty(), qPrintable(diff.join(u'\n')));
}

void tst_DaemonPyro5::valuesAsPythonDaemon_data()
{
    QTest::addColumn<QString>("serializer");
    for (const char *ser : { "serpent", "json", "marshal", "msgpack" })
        QTest::newRow(ser) << QString::fromLatin1(ser);
}

void tst_DaemonPyro5::valuesAsPythonDaemon()
{
    // The same Pyro5 client scenario against Python Pyro5's own daemon and against ours: what
    // the client gets back must be the same, line for line (5.16's own faults included).
    QFETCH(QString, serializer);
    PeerProcess python;
    QVERIFY2(python.start(QStringLiteral("pyro5_echo_daemon.py"), {}, 30000, PeerProcess::pyro5Environment()),
             qPrintable(python.failure()));
    QString failure;
    const QStringList reference = runPyro5Client(QStringLiteral("values"), python.readyText(), serializer, {}, &failure);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    QVERIFY(reference.size() > 20);
    DaemonHost host(allSerializers());
    QVERIFY2(host.isListening(), qPrintable(host.error()));
    const QStringList ours = runPyro5Client(QStringLiteral("values"), host.uriPattern(), serializer, {}, &failure);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    const QStringList diff = compare(ours, reference);
    QVERIFY2(diff.isEmpty(), qPrintable(diff.join(u'\n')));
}

void tst_DaemonPyro5::streamsReleased()
{
    DaemonHost host;
    QVERIFY(host.isListening());
    QString failure;
    runPyro5Client(QStringLiteral("streaming"), host.uriPattern(), QStringLiteral("serpent"), {}, &failure);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    QTRY_COMPARE(host.streamCount(), 0);
}

void tst_DaemonPyro5::load()
{
    // 20 connections x 100 calls, nothing lost.
    DaemonHost host;
    QVERIFY(host.isListening());
    QString failure;
    const QStringList lines = runPyro5Client(QStringLiteral("load"), host.uriPattern(), QStringLiteral("serpent"),
                                             { QStringLiteral("20"), QStringLiteral("100") }, &failure, 280000);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    QCOMPARE(lines, (QStringList { QStringLiteral("load_calls 2000"), QStringLiteral("load_errors []") }));
    QTRY_COMPARE_WITH_TIMEOUT(host.connectionCount(), 0, 30000);
}

void tst_DaemonPyro5::mixedPyro4AndPyro5()
{
    // Python Pyro4 and Python Pyro5 clients on one of our daemons (one port) at the same time.
    DaemonHost host;
    QVERIFY(host.isListening());
    const QString pattern = host.uriPattern();
    QString failure4, failure5;
    QFuture<QStringList> pyro4 = QtConcurrent::run([&] {
        return runServerClient(QStringLiteral("load"), pattern, QStringLiteral("serpent"), { QStringLiteral("10"), QStringLiteral("100") },
                               &failure4, QProcessEnvironment::systemEnvironment(), 280000);
    });
    const QStringList lines5 = runPyro5Client(QStringLiteral("load"), pattern, QStringLiteral("serpent"),
                                              { QStringLiteral("10"), QStringLiteral("100") }, &failure5, 280000);
    const QStringList lines4 = pyro4.result();
    QVERIFY2(failure4.isEmpty(), qPrintable(failure4));
    QVERIFY2(failure5.isEmpty(), qPrintable(failure5));
    const QStringList expected { QStringLiteral("load_calls 1000"), QStringLiteral("load_errors []") };
    QCOMPARE(lines4, expected);
    QCOMPARE(lines5, expected);
}

// Makes a CA, a server certificate with an IP SAN for 127.0.0.1 and a client certificate.
static bool makeCertificates(const QString &dir, QString *error)
{
    const QStringList script {
        QStringLiteral("openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 2 -subj /CN=PyroTestCA"),
        QStringLiteral("openssl req -newkey rsa:2048 -nodes -keyout server.key -out server.csr -subj /CN=127.0.0.1"),
        QStringLiteral("printf 'subjectAltName=IP:127.0.0.1\\n' > san.ext"),
        QStringLiteral("openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out server.pem -days 2 -extfile san.ext"),
        QStringLiteral("openssl req -newkey rsa:2048 -nodes -keyout client.key -out client.csr -subj /CN=client"),
        QStringLiteral("openssl x509 -req -in client.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out client.pem -days 2"),
    };
    for (const QString &cmd : script) {
        QProcess p;
        p.setWorkingDirectory(dir);
        p.start(QStringLiteral("/bin/sh"), { QStringLiteral("-c"), cmd });
        if (!p.waitForFinished(60000) || p.exitCode() != 0) {
            *error = cmd + QStringLiteral(": ") + QString::fromLocal8Bit(p.readAllStandardError());
            return false;
        }
    }
    return true;
}

void tst_DaemonPyro5::tls()
{
    // Two-way TLS: the daemon requires a client certificate; a Pyro5 client sends one.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QString error;
    QVERIFY2(makeCertificates(dir.path(), &error), qPrintable(error));
    DaemonSettings settings;
    settings.tls = true;
    QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
    QFile certFile(dir.filePath(QStringLiteral("server.pem"))), keyFile(dir.filePath(QStringLiteral("server.key")));
    QVERIFY(certFile.open(QIODevice::ReadOnly) && keyFile.open(QIODevice::ReadOnly));
    ssl.setLocalCertificate(QSslCertificate(&certFile, QSsl::Pem));
    ssl.setPrivateKey(QSslKey(&keyFile, QSsl::Rsa, QSsl::Pem));
    ssl.setCaCertificates(QSslCertificate::fromPath(dir.filePath(QStringLiteral("ca.pem"))));
    ssl.setPeerVerifyMode(QSslSocket::VerifyPeer);
    settings.sslConfiguration = ssl;
    DaemonHost host(settings);
    QVERIFY2(host.isListening(), qPrintable(host.error()));
    QString failure;
    const QStringList lines = runPyro5Client(QStringLiteral("tls"), host.uriPattern(), QStringLiteral("serpent"),
                                             { dir.filePath(QStringLiteral("ca.pem")), dir.filePath(QStringLiteral("client.pem")),
                                               dir.filePath(QStringLiteral("client.key")) },
                                             &failure);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    QCOMPARE(lines, (QStringList { QStringLiteral("tls_echo 'secret'"), QStringLiteral("tls_add 42") }));
}

QTEST_GUILESS_MAIN(tst_DaemonPyro5)
#include "tst_daemonpyro5.moc"
