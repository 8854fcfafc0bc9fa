// The C++ Daemon against real Python Pyro5 5.16 clients (tests/peers/pyro5_server_client.py,
// the vendored Pyro5): the same daemon and port serve Pyro4 and Pyro5, each connection by
// its first bytes. Every call variant in every serializer a Python Pyro5 client can use.
#include "daemonhost.h"
#include "peerrun.h"

#include "client/pendingcall.h"
#include "client/proxy.h"
#include "protocol/protocolversion.h"
#include "server/callcontext.h"
#include "server/handlerobject.h"
#include "server/itemgenerator.h"
#include "server/pythonerror.h"
#include "value/pyroobjects.h"

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
    void hmacDaemonRefusesPyro5();
    void objectsInResults_data();
    void objectsInResults();
    void keptSerializedGateway_data();
    void keptSerializedGateway();

private:
    PeerProcess m_sink4;
    PeerProcess m_sink5;
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
    for (const QString &ser : { QStringLiteral("serpent"), QStringLiteral("json"), QStringLiteral("marshal"), QStringLiteral("msgpack") }) {
        const bool lists = ser == QLatin1String("json") || ser == QLatin1String("msgpack");
        const QString seq0 = lists ? QStringLiteral("[]") : QStringLiteral("()");
        QTest::addRow("calls-%s", qPrintable(ser)) << QStringLiteral("calls") << ser << QStringList {
            QStringLiteral("echo_int 42"),
            QStringLiteral("echo_str 'hé €'"),
            QStringLiteral("echo_list [1, 2.5, None, True, 'x']"),
            QStringLiteral("echo_dict {'a': 1, 'b': [1, 2]}"),
            QStringLiteral("echo_big 1180591620717411303424"),
            QStringLiteral("echo_kw 7"),
            QStringLiteral("types ['%1', ['int', 'str']]").arg(lists ? QStringLiteral("list") : QStringLiteral("tuple")),
            QStringLiteral("kw_min [('a', 1), ('args', %1), ('b', 2), ('kwargs', {})]").arg(seq0),
            QStringLiteral("kw_full [('a', 1), ('args', %1), ('b', 3), ('kwargs', {'x': 6})]").arg(lists ? QStringLiteral("[4, 5]") : QStringLiteral("(4, 5)")),
            QStringLiteral("kw_named [('a', 9), ('args', %1), ('b', 8), ('kwargs', {})]").arg(seq0),
            QStringLiteral("kw_missing raised builtins.TypeError: kw() missing 1 required positional argument: 'a'"),
            QStringLiteral("add 5"),
            QStringLiteral("add_kw 11"),
            QStringLiteral("div 0.25"),
            QStringLiteral("add_bad_type raised builtins.TypeError: add() argument 'a' must be int, not str"),
            QStringLiteral("private raised builtins.AttributeError: attempt to access private attribute '_secret'"),
            QStringLiteral("unexposed raised builtins.AttributeError: attempt to access unexposed attribute 'nothere'"),
        };
        QStringList exceptions;
        for (const QString &kind : { QStringLiteral("ValueError"), QStringLiteral("TypeError"), QStringLiteral("KeyError"),
                                    QStringLiteral("RuntimeError"), QStringLiteral("ZeroDivisionError") })
            exceptions << QStringLiteral("%1 builtins.%1 ('boom %1',) traceback=True").arg(kind);
        exceptions << QStringLiteral("div0 raised builtins.ZeroDivisionError: float division by zero")
                   << QStringLiteral("after_errors 'still fine'")
                   << QStringLiteral("unknown_object raised Pyro5.errors.CommunicationError: connection to ('127.0.0.1', PORT) rejected: unknown object")
                   << QStringLiteral("daemon_error raised Pyro5.errors.DaemonError: unknown object");
        QTest::addRow("exceptions-%s", qPrintable(ser)) << QStringLiteral("exceptions") << ser << exceptions;
        QTest::addRow("metadata-%s", qPrintable(ser)) << QStringLiteral("metadata") << ser << QStringList {
            QStringLiteral("ping None"),
            QStringLiteral("registered ['Pyro.Daemon', 'demo.calculator', 'demo.callbacks', 'demo.echo', 'demo.quotes', 'demo.thermostat']"),
            QStringLiteral("info True"),
            // Sets; serpent writes an empty set as (), json and msgpack write lists.
            QStringLiteral("meta_types [('attrs', '%1'), ('methods', '%1'), ('oneway', '%2')]")
                    .arg(lists ? QStringLiteral("list") : QStringLiteral("set"),
                         lists ? QStringLiteral("list") : ser == QLatin1String("serpent") ? QStringLiteral("tuple") : QStringLiteral("set")),
            QStringLiteral("meta_calc [('attrs', ['memory', 'version']), ('methods', ['add', 'div', 'mul', 'sub']), ('oneway', [])]"),
            QStringLiteral("meta_thermo [('attrs', ['mode', 'target', 'temperature']), ('methods', ['configure', 'reset', 'status']), ('oneway', ['reset'])]"),
            QStringLiteral("meta_two_args raised builtins.TypeError: get_metadata() takes 1 positional argument but 2 given"),
            QStringLiteral("proxy_methods ['add', 'div', 'mul', 'sub']"),
        };
        QTest::addRow("streaming-%s", qPrintable(ser)) << QStringLiteral("streaming") << ser << QStringList {
            QStringLiteral("ticks [0, 1, 2, 3, 4]"),
            QStringLiteral("ticks_empty []"),
            QStringLiteral("stream_count 3"),
            QStringLiteral("stream_keys ['price', 'symbol', 'time']"),
            QStringLiteral("first 0"),
            QStringLiteral("second 1"),
            QStringLiteral("after_close [0, 1]"),
            QStringLiteral("bad_stream raised Pyro5.errors.PyroError: item stream terminated"),
        };
        QTest::addRow("oneway-%s", qPrintable(ser)) << QStringLiteral("oneway") << ser << QStringList {
            QStringLiteral("oneway_list ['reset']"),
            QStringLiteral("configure None"),
            QStringLiteral("status_target 30.0"),
            QStringLiteral("reset None"),
            QStringLiteral("target_after_reset 21.0"),
            QStringLiteral("oneway_sleep None"),
            QStringLiteral("echo_after_oneway 'quick'"),
        };
        QTest::addRow("callbacks-%s", qPrintable(ser)) << QStringLiteral("callbacks") << ser << QStringList {
            QStringLiteral("call_back %1").arg(lists ? QStringLiteral("['pong', 5]") : QStringLiteral("('pong', 5)")),
            QStringLiteral("call_back_error raised builtins.ValueError: callback failed"),
            QStringLiteral("call_back_oneway None"),
            QStringLiteral("subscribe None"),
            QStringLiteral("notified True"),
            QStringLiteral("notifications [0, 1, 2]"),
            QStringLiteral("recorded True"),
        };
        QTest::addRow("compression-%s", qPrintable(ser)) << QStringLiteral("compression") << ser << QStringList { QStringLiteral("big_echo_len 5000") };
        if (ser == QLatin1String("marshal"))
            continue; // Pyro5 5.16's own client cannot send attribute access or batches with marshal (its README)
        QTest::addRow("attributes-%s", qPrintable(ser)) << QStringLiteral("attributes") << ser << QStringList {
            QStringLiteral("calc_attrs ['memory', 'version']"),
            QStringLiteral("memory_initial 0.0"),
            QStringLiteral("memory_set 4.5"),
            QStringLiteral("version '1.0'"),
            QStringLiteral("memory_set_bad raised builtins.TypeError: memory() argument 'value' must be float, not str"),
            QStringLiteral("greeting 'bonjour'"),
            QStringLiteral("private_attr raised builtins.AttributeError: attempt to access private attribute '_hidden'"),
        };
        QTest::addRow("batch-%s", qPrintable(ser)) << QStringLiteral("batch") << ser << QStringList {
            QStringLiteral("batch [1, [('a', 5), ('args', %1), ('b', 2), ('kwargs', {})], 'raised builtins.ValueError: batch boom']").arg(seq0),
            QStringLiteral("batch_calc [3, 5.0]"),
            QStringLiteral("batch_oneway None"),
        };
    }
    // The correlation id: echoed when the client sends one, a uuid4 made when it does not.
    QTest::addRow("correlation-id") << QStringLiteral("corr") << QStringLiteral("serpent") << QStringList {
        QStringLiteral("echoed (True, '12345678-1234-5678-1234-567812345678')"),
        QStringLiteral("made (True, 4)"),
    };
    // Hand-built 502 frames: (type, seq, serializer id, payload); CONNECTFAIL (3) reasons in
    // marshal (id 2 in 502) when the client's serializer was not accepted yet.
    QTest::addRow("raw-frames") << QStringLiteral("raw") << QStringLiteral("serpent") << QStringList {
        QStringLiteral("unknown_object (3, 1234, 1, 'unknown object')"),
        QStringLiteral("no_object (3, 7, 1, \"'object'\")"),
        QStringLiteral("connectok (2, 9, ['handshake', 'meta'])"),
        QStringLiteral("pong (6, 77, 42, b'pong')"),
        QStringLiteral("bad_magic (3, 0, 2, 'invalid magic number')"),
        QStringLiteral("bad_serializer (3, 5, 2, 'message used serializer that is not accepted: 99')"),
    };
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
    for (const QString &d : diff)
        qWarning().noquote() << d;
    QVERIFY2(diff.isEmpty(), "the Pyro5 client got other results (see the warnings)");
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
    for (const QString &d : diff)
        qWarning().noquote() << d;
    QVERIFY2(diff.isEmpty(), "the Pyro5 client got other results from us than from Python's daemon (see the warnings)");
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

void tst_DaemonPyro5::hmacDaemonRefusesPyro5()
{
    // Pyro5 has no HMAC: a daemon that requires a key refuses Pyro5 clients with a reason
    // that says so, and still serves Pyro4 clients with the key on the same port.
    DaemonSettings settings;
    settings.hmacKey = "s3cret";
    DaemonHost host(settings);
    QVERIFY(host.isListening());
    QString failure;
    QStringList lines = runPyro5Client(QStringLiteral("echo"), host.uriPattern(), QStringLiteral("serpent"), {}, &failure);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    for (QString &line : lines)
        line.replace(QString::number(host.port()), QStringLiteral("PORT"));
    QCOMPARE(lines, QStringList { QStringLiteral("echo raised Pyro5.errors.CommunicationError: connection to ('127.0.0.1', PORT) rejected: "
                                                 "this daemon requires an HMAC key, which Pyro5 (protocol 502) does not have; use TLS") });
    lines = runServerClient(QStringLiteral("hmac"), host.uriPattern(), QStringLiteral("serpent"), { QStringLiteral("s3cret") }, &failure);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    QCOMPARE(lines, QStringList { QStringLiteral("hmac_echo 'signed'") });
}

QTEST_GUILESS_MAIN(tst_DaemonPyro5)
void tst_DaemonPyro5::objectsInResults_data()
{
    QTest::addColumn<int>("pyro");
    QTest::addColumn<QString>("serializer");
    for (const char *ser : { "serpent", "json", "marshal", "msgpack" }) {
        QTest::addRow("pyro5-%s", ser) << 5 << QString::fromLatin1(ser);
        QTest::addRow("pyro4-%s", ser) << 4 << QString::fromLatin1(ser);
    }
}

void tst_DaemonPyro5::objectsInResults()
{
    // A C++ object returns URIs and proxies made with Pyro4's class names or Pyro5's; our
    // daemon writes them in the caller's protocol, so a Python Pyro5 client gets a
    // Pyro5.core.URI / Pyro5.client.Proxy it calls through (Pyro5 refuses Pyro4's classes),
    // and a Python Pyro4 client gets Pyro4's, in results, nested values, stream items and an
    // exception's args (which Python leaves as dicts, from its own daemons as well).
    QFETCH(int, pyro);
    QFETCH(QString, serializer);
    DaemonHost host(allSerializers());
    QVERIFY2(host.isListening(), qPrintable(host.error()));
    const QString echo = QStringLiteral("PYRO:demo.echo@127.0.0.1:%1").arg(host.port());
    const Value uri4 = PyroUri::parse(echo).value().toValue(ProtocolVersion::Pyro4);
    const Value uri5 = PyroUri::parse(echo).value().toValue(ProtocolVersion::Pyro5);
    const Value proxy4 = PyroObjects::proxyValue(echo, false);
    const Value proxy5 = PyroObjects::proxyValue(echo, true);
    host.run([&] {
        auto objects = std::make_shared<HandlerObject>();
        auto constant = [](const Value &v) { return [v](const ValueList &, const Dict &) -> CallResult { return v; }; };
        objects->addMethod(QStringLiteral("uri4"), constant(uri4));
        objects->addMethod(QStringLiteral("uri5"), constant(uri5));
        objects->addMethod(QStringLiteral("proxy4"), constant(proxy4));
        objects->addMethod(QStringLiteral("proxy5"), constant(proxy5));
        objects->addMethod(QStringLiteral("nested"),
                           constant(Value(Dict { { QStringLiteral("uris"), Value::list({ uri4, uri5 }) }, { QStringLiteral("proxy"), proxy4 } })));
        objects->addMethod(QStringLiteral("stream"), [=](const ValueList &, const Dict &) -> CallResult {
            return ItemGenerator::fromList({ uri4, proxy4, uri5, proxy5 });
        });
        objects->addMethod(QStringLiteral("raises"), [=](const ValueList &, const Dict &) -> CallResult {
            return PythonError::builtinWithArgs(QStringLiteral("ValueError"), { uri4 });
        });
        host.daemon()->registerObject(objects, QStringLiteral("objects"));
    });
    QString failure;
    const QStringList lines = pyro == 5 ? runPyro5Client(QStringLiteral("objects"), host.uriPattern(), serializer, {}, &failure)
                                        : runServerClient(QStringLiteral("objects"), host.uriPattern(), serializer, {}, &failure);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    const QString P = QStringLiteral("Pyro%1").arg(pyro);
    const QString proxyModule = pyro == 5 ? QStringLiteral("Pyro5.client") : QStringLiteral("Pyro4.core");
    QStringList expected {
        QStringLiteral("uri4 ('%1.core', 'URI', True)").arg(P),
        QStringLiteral("uri5 ('%1.core', 'URI', True)").arg(P),
        QStringLiteral("proxy4 ('%1', 'Proxy', 'through proxy4')").arg(proxyModule),
        QStringLiteral("proxy5 ('%1', 'Proxy', 'through proxy5')").arg(proxyModule),
        QStringLiteral("nested ('URI', '%1', 7)").arg(proxyModule),
        QStringLiteral("stream ['%1.core.URI', '%2.Proxy', '%1.core.URI', '%2.Proxy']").arg(P, proxyModule),
        QStringLiteral("raised_arg %1.core.URI").arg(P),
    };
    const QStringList diff = compare(lines, expected);
    for (const QString &d : diff)
        qWarning().noquote() << d;
    QVERIFY2(diff.isEmpty(), "the Python client got other objects (see the warnings)");
}

void tst_DaemonPyro5::keptSerializedGateway_data()
{
    QTest::addColumn<int>("client");
    QTest::addColumn<int>("sink");
    QTest::addColumn<QString>("serializer");
    for (const char *ser : { "serpent", "json", "marshal", "msgpack" })
        for (int client : { 4, 5 })
            for (int sink : { 4, 5 })
                QTest::addRow("pyro%d-client-pyro%d-sink-%s", client, sink, ser) << client << sink << QString::fromLatin1(ser);
}

void tst_DaemonPyro5::keptSerializedGateway()
{
    // Issue 11 item 14 end to end: a Python client (Pyro4 or Pyro5) sends a SerializedBlob to a
    // C++ gateway object in our daemon; the gateway never decodes it and forwards the kept
    // payload with Proxy::forwardSerialized to a Python daemon (Pyro4 or Pyro5,
    // tests/peers/blob_daemon.py / pyro5_blob_daemon.py) whose method gets a real SerializedBlob
    // and returns (type, info, deserialized data): the original data, back to the client.
    // A Pyro5 client also checks the daemon side (inspect, payload) with Pyro5's SerializedBlob.
    QFETCH(int, client);
    QFETCH(int, sink);
    QFETCH(QString, serializer);
    PeerProcess &sinkPeer = sink == 5 ? m_sink5 : m_sink4;
    if (sinkPeer.process().state() != QProcess::Running) {
        const bool started = sink == 5 ? sinkPeer.start(QStringLiteral("pyro5_blob_daemon.py"), {}, 30000, PeerProcess::pyro5Environment())
                                       : sinkPeer.start(QStringLiteral("blob_daemon.py"));
        QVERIFY2(started, qPrintable(sinkPeer.failure()));
    }
    const PyroUri sinkUri = PyroUri::parse(sinkPeer.readyText()).value();
    DaemonHost host(allSerializers());
    QVERIFY2(host.isListening(), qPrintable(host.error()));
    auto gateway = std::make_shared<HandlerObject>();
    gateway->addMethod(QStringLiteral("inspect"), [](const ValueList &args, const Dict &) -> CallResult {
        const CallContext &ctx = CallContext::current();
        if (!ctx.keepSerialized)
            return Value::tuple({ Value(false), Value::list(args) });
        const Result<Value> data = ctx.deserializeBlob();
        if (!data)
            return data.error();
        return Value::tuple({ Value(true), ctx.blobInfo, data.value() });
    });
    gateway->addMethod(QStringLiteral("payload_hex"), [](const ValueList &, const Dict &) -> CallResult {
        return Value(QString::fromLatin1(CallContext::current().serializedPayload.toHex()));
    });
    gateway->addMethod(QStringLiteral("forward"), [sinkUri](const ValueList &, const Dict &) -> CallResult {
        const CallContext &ctx = CallContext::current();
        if (!ctx.keepSerialized)
            return PythonError::typeError(QStringLiteral("forward() expects a SerializedBlob"));
        const std::optional<SerializerId> id = ProtocolInfo::serializerFromWire(ctx.serializerId, ctx.protocol);
        if (!id)
            return PythonError::valueError(QStringLiteral("unknown serializer"));
        // A proxy of this connection's thread, waited for here (the call runs on the daemon's
        // connection thread, which has its own event loop).
        Proxy proxy(sinkUri);
        PendingCall *call = proxy.forwardSerialized(QStringLiteral("receive"), ctx.blobInfo, ctx.serializedPayload, *id);
        call->setAutoDelete(false);
        call->waitForFinished(60000);
        const CallResult r = !call->isFinished() ? CallResult(PythonError::builtin(QStringLiteral("TimeoutError"), QStringLiteral("sink")))
                : call->error()                  ? CallResult(call->error())
                                                 : CallResult(call->result());
        delete call;
        return r;
    });
    host.run([&] { host.daemon()->registerObject(gateway, QStringLiteral("gateway")); });
    QString failure;
    const QStringList lines = client == 5 ? runPyro5Client(QStringLiteral("blob"), host.uriPattern(), serializer, {}, &failure)
                                          : runServerClient(QStringLiteral("gateway"), host.uriPattern(), serializer, {}, &failure);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    const bool lists = serializer == QLatin1String("json") || serializer == QLatin1String("msgpack");
    auto seq = [lists](const QString &items) { return lists ? u'[' + items + u']' : u'(' + items + u')'; };
    const QString items = QStringLiteral("1, 'two', [3.5, None], {'k': '00ff'}");
    // What the receiving side's deserialized() gives: marshal's dumpsCall sends vargs as a
    // list (both Pyros), json's unpacks the call dict by its keys ('params', their fault).
    const QString data = serializer == QLatin1String("marshal") ? u'[' + items + u']' : seq(items);
    const QString sinkData = serializer == QLatin1String("json") ? QStringLiteral("'params'") : data;
    QStringList expected;
    if (client == 5)
        expected << QStringLiteral("inspect ") + seq(QStringLiteral("True, 'blob-1', ") + data)
                 << QStringLiteral("inspect_info_tuple ") + seq(QStringLiteral("True, %1, ['x']").arg(seq(QStringLiteral("'id', 7"))))
                 << QStringLiteral("inspect_plain ") + seq(QStringLiteral("False, ['plain']")) << QStringLiteral("payload_blob True");
    expected << QStringLiteral("forward ['SerializedBlob', 'job-9', %1]").arg(sinkData);
    const QStringList diff = compare(lines, expected);
    for (const QString &d : diff)
        qWarning().noquote() << d;
    QVERIFY2(diff.isEmpty(), "the blob did not go through the gateway unchanged (see the warnings)");
}

#include "tst_daemonpyro5.moc"
