// The C++ Daemon against real Python Pyro4 4.82 clients (tests/peers/server_client.py):
// every call variant in every serializer a Python client can use.
#include "daemonhost.h"
#include "peerrun.h"

#include "client/proxy.h"
#include "server/callcontext.h"
#include "server/handlerobject.h"
#include "server/pythonerror.h"

#include <QProcess>
#include <QSslKey>
#include <QTemporaryDir>
#include <QTest>

using namespace Pyro;
using namespace Pyro::Test;

class tst_Daemon : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void pythonClient_data();
    void pythonClient();
    void streamCloseReleasesStream();
    void hmac_data();
    void hmac();
    void tls_data();
    void tls();
    void load();
    void disconnectMidCallAndStream();
    void objectIds();
    void unixSocket();
    void limits_data();
    void limits();
    void idleTimeout();
    void serializedBlob_data();
    void serializedBlob();

private:
    static QString listy(const QString &serializer, const QString &tupleText, const QString &listText)
    {
        return serializer == QLatin1String("json") || serializer == QLatin1String("msgpack") ? listText : tupleText;
    }
};

void tst_Daemon::initTestCase()
{
    QVERIFY2(QFile::exists(PeerProcess::python()), "Debian's python3 with Pyro4 is required");
}

void tst_Daemon::pythonClient_data()
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
            QStringLiteral("types_dict ['dict', [['str', 'float']]]"),
            QStringLiteral("kw_min [('a', 1), ('args', %1), ('b', 2), ('kwargs', {})]").arg(seq0),
            QStringLiteral("kw_full [('a', 1), ('args', %1), ('b', 3), ('kwargs', {'x': 6})]").arg(lists ? QStringLiteral("[4, 5]") : QStringLiteral("(4, 5)")),
            QStringLiteral("kw_named [('a', 9), ('args', %1), ('b', 8), ('kwargs', {})]").arg(seq0),
            QStringLiteral("kw_missing raised builtins.TypeError: kw() missing 1 required positional argument: 'a'"),
            QStringLiteral("add 5"),
            QStringLiteral("add_kw 11"),
            QStringLiteral("sub -1"),
            QStringLiteral("mul 3.0"),
            QStringLiteral("div 0.25"),
            QStringLiteral("add_bad_type raised builtins.TypeError: add() argument 'a' must be int, not str"),
            QStringLiteral("add_too_few raised builtins.TypeError: add() takes 2 arguments but 1 were given"),
            QStringLiteral("sleep 0.01"),
        };
        const QString args = lists ? QStringLiteral("['boom %1']") : QStringLiteral("('boom %1',)");
        QStringList exceptions;
        for (const QString &kind : { QStringLiteral("ValueError"), QStringLiteral("TypeError"), QStringLiteral("KeyError"),
                                    QStringLiteral("RuntimeError"), QStringLiteral("ZeroDivisionError") })
            exceptions << QStringLiteral("%1 builtins.%1 ('boom %1',) traceback=True").arg(kind);
        Q_UNUSED(args);
        exceptions << QStringLiteral("unknown_kind raised builtins.ValueError: unknown exception kind 'NoSuchError'; use one of "
                                     "ValueError, TypeError, KeyError, RuntimeError, ZeroDivisionError, AttributeError, IndexError, "
                                     "NotImplementedError, OverflowError, PermissionError, TimeoutError, Exception")
                   << QStringLiteral("div0 raised builtins.ZeroDivisionError: float division by zero")
                   << QStringLiteral("after_errors 'still fine'")
                   << QStringLiteral("unknown_object raised Pyro4.errors.CommunicationError: connection to ('127.0.0.1', PORT) rejected: unknown object");
        QTest::addRow("exceptions-%s", qPrintable(ser)) << QStringLiteral("exceptions") << ser << exceptions;
        QTest::addRow("metadata-%s", qPrintable(ser)) << QStringLiteral("metadata") << ser << QStringList {
            QStringLiteral("ping None"),
            QStringLiteral("registered ['Pyro.Daemon', 'demo.calculator', 'demo.callbacks', 'demo.echo', 'demo.quotes', 'demo.thermostat']"),
            QStringLiteral("info True"),
            QStringLiteral("meta_types [('attrs', '%1'), ('methods', '%1'), ('oneway', '%2')]")
                    .arg(lists ? QStringLiteral("list") : QStringLiteral("set"),
                         lists ? QStringLiteral("list") : ser == QLatin1String("serpent") ? QStringLiteral("tuple") : QStringLiteral("set")),
            QStringLiteral("meta_calc [('attrs', ['memory', 'version']), ('methods', ['add', 'div', 'mul', 'sub']), ('oneway', [])]"),
            QStringLiteral("meta_thermo [('attrs', ['mode', 'target', 'temperature']), ('methods', ['configure', 'reset', 'status']), ('oneway', ['reset'])]"),
            QStringLiteral("meta_echo [('attrs', ['greeting']), ('methods', ['echo', 'fail', 'kw', 'sleep', 'types']), ('oneway', [])]"),
            QStringLiteral("meta_unknown raised Pyro4.errors.DaemonError: unknown object"),
            QStringLiteral("proxy_methods ['add', 'div', 'mul', 'sub']"),
        };
        QTest::addRow("streaming-%s", qPrintable(ser)) << QStringLiteral("streaming") << ser << QStringList {
            QStringLiteral("ticks [0, 1, 2, 3, 4]"),
            QStringLiteral("ticks_empty []"),
            QStringLiteral("stream_count 3"),
            QStringLiteral("stream_keys ['price', 'symbol', 'time']"),
            QStringLiteral("stream_symbols ['ACME', 'GLOBEX', 'INITECH']"),
            QStringLiteral("first 0"),
            QStringLiteral("second 1"),
            QStringLiteral("after_close [0, 1]"),
            QStringLiteral("bad_stream raised Pyro4.errors.PyroError: item stream terminated"),
        };
        QTest::addRow("oneway-%s", qPrintable(ser)) << QStringLiteral("oneway") << ser << QStringList {
            QStringLiteral("oneway_list ['reset']"),
            QStringLiteral("methods ['configure', 'reset', 'status']"),
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
        if (ser == QLatin1String("marshal"))
            continue; // the Python client cannot send attribute access or batches with marshal (doc 4.4)
        QTest::addRow("attributes-%s", qPrintable(ser)) << QStringLiteral("attributes") << ser << QStringList {
            QStringLiteral("calc_attrs ['memory', 'version']"),
            QStringLiteral("memory_initial 0.0"),
            QStringLiteral("memory_set 4.5"),
            QStringLiteral("version '1.0'"),
            QStringLiteral("version_set raised builtins.AttributeError: attempt to access unexposed or unknown remote attribute 'version'"),
            QStringLiteral("memory_set_bad raised builtins.TypeError: memory() argument 'value' must be float, not str"),
            QStringLiteral("greeting 'bonjour'"),
            QStringLiteral("thermo_attrs ['mode', 'target', 'temperature']"),
            QStringLiteral("thermo_mode 'heat'"),
            QStringLiteral("thermo_temperature_type 'float'"),
        };
        QTest::addRow("batch-%s", qPrintable(ser)) << QStringLiteral("batch") << ser << QStringList {
            QStringLiteral("batch [1, [('a', 5), ('args', %1), ('b', 2), ('kwargs', {})], 'raised builtins.ValueError: batch boom']").arg(seq0),
            QStringLiteral("batch_calc [3, 5.0]"),
        };
        QTest::addRow("compression-%s", qPrintable(ser)) << QStringLiteral("compression") << ser << QStringList { QStringLiteral("big_echo_len 5000") };
    }
    QTest::addRow("raw-frames") << QStringLiteral("raw") << QStringLiteral("serpent") << QStringList {
        QStringLiteral("bad_serializer (3, 3, 'message used serializer that is not accepted: 42')"),
        QStringLiteral("invoke_first (3, 3, 'invalid msg type 4 received')"),
        QStringLiteral("garbage (3, 3, 'invalid data or unsupported protocol version')"),
        QStringLiteral("unknown_object (3, 1234, 'unknown object')"),
        QStringLiteral("connectok (2, 1234)"),
        QStringLiteral("pong (6, 77, 42, b'pong')"),
    };
}

void tst_Daemon::pythonClient()
{
    QFETCH(QString, scenario);
    QFETCH(QString, serializer);
    QFETCH(QStringList, expected);
    DaemonSettings settings;
    settings.acceptedSerializers.append(SerializerId::Msgpack);
    DaemonHost host(settings);
    QVERIFY2(host.isListening(), qPrintable(host.error()));
    QString failure;
    QStringList lines = runServerClient(scenario, host.uriPattern(), serializer, {}, &failure);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    for (QString &line : lines)
        line.replace(QString::number(host.port()), QStringLiteral("PORT"));
    if (lines != expected) {
        for (qsizetype i = 0; i < qMax(lines.size(), expected.size()); ++i) {
            const QString got = lines.value(i), want = expected.value(i);
            if (got != want)
                qWarning().noquote() << "line" << i << "\n   got:" << got << "\n  want:" << want;
        }
    }
    QCOMPARE(lines, expected);
}

void tst_Daemon::streamCloseReleasesStream()
{
    DaemonHost host;
    QVERIFY(host.isListening());
    QString failure;
    const QStringList lines = runServerClient(QStringLiteral("streaming"), host.uriPattern(), QStringLiteral("serpent"), {}, &failure);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    // Every stream was read to its end, closed by the client, or dropped as unknown.
    QTRY_COMPARE(host.streamCount(), 0);
}

void tst_Daemon::hmac_data()
{
    QTest::addColumn<QString>("clientKey");
    QTest::addColumn<QString>("expected");
    QTest::addRow("same-key") << QStringLiteral("s3cret") << QStringLiteral("hmac_echo 'signed'");
    QTest::addRow("wrong-key") << QStringLiteral("other") << QStringLiteral("hmac_echo raised Pyro4.errors.CommunicationError: cannot connect to ('127.0.0.1', PORT): message hmac mismatch");
    QTest::addRow("no-key") << QString() << QStringLiteral("hmac_echo raised Pyro4.errors.CommunicationError: cannot connect to ('127.0.0.1', PORT): hmac key config not symmetric");
}

void tst_Daemon::hmac()
{
    QFETCH(QString, clientKey);
    QFETCH(QString, expected);
    DaemonSettings settings;
    settings.hmacKey = "s3cret";
    DaemonHost host(settings);
    QVERIFY(host.isListening());
    QString failure;
    QStringList lines = runServerClient(QStringLiteral("hmac"), host.uriPattern(), QStringLiteral("serpent"), { clientKey }, &failure);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    QCOMPARE(lines.size(), 1);
    lines[0].replace(QString::number(host.port()), QStringLiteral("PORT"));
    QCOMPARE(lines.at(0), expected);
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

void tst_Daemon::tls_data()
{
    QTest::addColumn<bool>("requireClientCert");
    QTest::addColumn<bool>("sendClientCert");
    QTest::addColumn<bool>("works");
    QTest::addRow("server-cert-only") << false << false << true;
    QTest::addRow("client-cert-required-and-sent") << true << true << true;
    QTest::addRow("client-cert-required-missing") << true << false << false;
}

void tst_Daemon::tls()
{
    QFETCH(bool, requireClientCert);
    QFETCH(bool, sendClientCert);
    QFETCH(bool, works);
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
    if (requireClientCert) {
        ssl.setCaCertificates(QSslCertificate::fromPath(dir.filePath(QStringLiteral("ca.pem"))));
        ssl.setPeerVerifyMode(QSslSocket::VerifyPeer);
    } else {
        ssl.setPeerVerifyMode(QSslSocket::VerifyNone);
    }
    settings.sslConfiguration = ssl;
    DaemonHost host(settings);
    QVERIFY2(host.isListening(), qPrintable(host.error()));
    QStringList extra { dir.filePath(QStringLiteral("ca.pem")) };
    if (sendClientCert)
        extra << dir.filePath(QStringLiteral("client.pem")) << dir.filePath(QStringLiteral("client.key"));
    QString failure;
    const QStringList lines = runServerClient(QStringLiteral("tls"), host.uriPattern(), QStringLiteral("serpent"), extra, &failure);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    QCOMPARE(lines.size(), 2);
    if (works) {
        QCOMPARE(lines.at(0), QStringLiteral("tls_echo 'secret'"));
        QCOMPARE(lines.at(1), QStringLiteral("tls_add 42"));
    } else {
        QVERIFY2(lines.at(0).startsWith(QLatin1String("tls_echo raised")), qPrintable(lines.at(0)));
    }
}

void tst_Daemon::load()
{
    DaemonHost host;
    QVERIFY(host.isListening());
    QString failure;
    const QStringList lines = runServerClient(QStringLiteral("load"), host.uriPattern(), QStringLiteral("serpent"),
                                              { QStringLiteral("50"), QStringLiteral("200") }, &failure, QProcessEnvironment::systemEnvironment(), 280000);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    QCOMPARE(lines, (QStringList { QStringLiteral("load_calls 10000"), QStringLiteral("load_errors []") }));
    QTRY_COMPARE_WITH_TIMEOUT(host.connectionCount(), 0, 30000);
}

void tst_Daemon::disconnectMidCallAndStream()
{
    DaemonSettings settings;
    settings.streamLinger = 0; // streams die with their connection
    DaemonHost host(settings);
    QVERIFY(host.isListening());
    QString failure;
    const QStringList lines = runServerClient(QStringLiteral("disconnect"), host.uriPattern(), QStringLiteral("serpent"), {}, &failure);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    QCOMPARE(lines, (QStringList { QStringLiteral("stream_first 0"), QStringLiteral("after_disconnect 'alive'"),
                                   QStringLiteral("after_disconnect_calc 2") }));
    QTRY_COMPARE(host.streamCount(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(host.connectionCount(), 0, 30000);
}

void tst_Daemon::objectIds()
{
    Daemon daemon;
    auto obj = std::make_shared<HandlerObject>();
    obj->addMethod(QStringLiteral("f"), [](const ValueList &, const Dict &) -> CallResult { return Value(1); });
    const QString id = daemon.registerObject(obj);
    QVERIFY2(id.startsWith(QLatin1String("obj_")) && id.size() == 36, qPrintable(id));
    QVERIFY(id.mid(4).contains(QRegularExpression(QStringLiteral("^[0-9a-f]{32}$"))));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("object id already registered")));
    QCOMPARE(daemon.registerObject(obj, id), QString()); // taken
    QVERIFY(daemon.listen(QStringLiteral("127.0.0.1"), 0));
    QCOMPARE(daemon.uriFor(id).toString(), QStringLiteral("PYRO:%1@127.0.0.1:%2").arg(id).arg(daemon.port()));
    QVERIFY(daemon.unregisterObject(id));
    QVERIFY(!daemon.unregisterObject(Daemon::daemonObjectId()));
    QCOMPARE(daemon.registeredIds(), QStringList { Daemon::daemonObjectId() });
}

void tst_Daemon::unixSocket()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("daemon.sock"));
    DaemonHost host;
    bool ok = false;
    host.run([&] { ok = host.daemon()->listenUnix(path); });
    QVERIFY(ok);
    QString failure;
    const QStringList lines = runServerClient(QStringLiteral("calls"), QStringLiteral("PYRO:{}@./u:") + path, QStringLiteral("serpent"), {}, &failure);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    QCOMPARE(lines.size(), 20);
    QCOMPARE(lines.at(0), QStringLiteral("echo_int 42"));
    QVERIFY(lines.contains(QStringLiteral("add 5")));
}

void tst_Daemon::limits_data()
{
    QTest::addColumn<QString>("scenario");
    QTest::addColumn<int>("maxConnections");
    QTest::addColumn<qint64>("maxMessageSize");
    QTest::addColumn<double>("lifetime");
    QTest::addColumn<QStringList>("extra");
    QTest::addColumn<QStringList>("expected");
    QTest::addRow("connection-limit") << QStringLiteral("limit") << 2 << FrameReader::DefaultMaxMessageSize << 0.0 << QStringList() << QStringList {
        QStringLiteral("third raised Pyro4.errors.CommunicationError: connection to ('127.0.0.1', PORT) rejected: "
                       "no free workers, increase server threadpool size (the daemon allows 2 connections)"),
        QStringLiteral("after_release 1"),
    };
    QTest::addRow("message-size-limit") << QStringLiteral("size") << 0 << qint64(2000) << 0.0 << QStringList() << QStringList {
        QStringLiteral("small 100"),
        QStringLiteral("big raised Pyro4.errors.ConnectionClosedError: receiving: not enough data"),
        QStringLiteral("small_again 100"),
    };
    QTest::addRow("stream-linger-resume") << QStringLiteral("linger") << 0 << FrameReader::DefaultMaxMessageSize << 0.0 << QStringList() << QStringList {
        QStringLiteral("first 0"),
        QStringLiteral("resumed 1"),
        QStringLiteral("resumed_again 2"),
        QStringLiteral("close None"),
        QStringLiteral("after_close raised Pyro4.errors.PyroError: item stream terminated"),
    };
    QTest::addRow("stream-lifetime") << QStringLiteral("lifetime") << 0 << FrameReader::DefaultMaxMessageSize << 0.3 << QStringList { QStringLiteral("1.0") } << QStringList {
        QStringLiteral("first 0"),
        QStringLiteral("expired raised Pyro4.errors.PyroError: item stream terminated"),
    };
}

void tst_Daemon::limits()
{
    QFETCH(QString, scenario);
    QFETCH(int, maxConnections);
    QFETCH(qint64, maxMessageSize);
    QFETCH(double, lifetime);
    QFETCH(QStringList, extra);
    QFETCH(QStringList, expected);
    DaemonSettings settings;
    settings.maxConnections = maxConnections;
    settings.maxMessageSize = maxMessageSize;
    settings.streamLifetime = lifetime;
    DaemonHost host(settings);
    QVERIFY(host.isListening());
    QString failure;
    QStringList lines = runServerClient(scenario, host.uriPattern(), QStringLiteral("serpent"), extra, &failure);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    for (QString &line : lines)
        line.replace(QString::number(host.port()), QStringLiteral("PORT"));
    QCOMPARE(lines, expected);
}

QTEST_GUILESS_MAIN(tst_Daemon)
void tst_Daemon::idleTimeout()
{
    // COMMTIMEOUT: an idle connection is closed, one busy in a call longer than the timeout is
    // not, and a proxy whose connection was closed for idling connects again for its next call.
    DaemonSettings settings;
    settings.idleTimeout = 0.3;
    DaemonHost host(settings);
    QVERIFY(host.isListening());
    Proxy echo(PyroUri::pyro(QStringLiteral("demo.echo"), QStringLiteral("127.0.0.1"), host.port()));
    PendingCall *slow = echo.call(QStringLiteral("sleep"), { 0.8 });
    slow->setAutoDelete(false);
    QVERIFY(slow->waitForFinished(20000));
    QVERIFY2(!slow->error(), qPrintable(slow->error().toString()));
    QCOMPARE(slow->result().toDouble(), 0.8);
    delete slow;
    QTRY_COMPARE_WITH_TIMEOUT(host.connectionCount(), 0, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(echo.state(), Proxy::State::Unconnected, 10000);
    PendingCall *again = echo.call(QStringLiteral("echo"), { QStringLiteral("again") });
    again->setAutoDelete(false);
    QVERIFY(again->waitForFinished(20000));
    QVERIFY2(!again->error(), qPrintable(again->error().toString()));
    QCOMPARE(again->result().toStr(), QStringLiteral("again"));
    delete again;
}

void tst_Daemon::serializedBlob_data()
{
    QTest::addColumn<QString>("serializer");
    for (const char *ser : { "serpent", "json", "marshal", "msgpack" })
        QTest::addRow("%s", ser) << QString::fromLatin1(ser);
}

// Pyro4's SerializedBlob: a KEEPSERIALIZED request reaches the method named in BLBI with the
// payload untouched (CallContext::serializedPayload), decodable on demand (deserializeBlob).
void tst_Daemon::serializedBlob()
{
    QFETCH(QString, serializer);
    DaemonSettings settings;
    settings.acceptedSerializers.append(SerializerId::Msgpack);
    DaemonHost host(settings);
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
    host.run([&] { host.daemon()->registerObject(gateway, QStringLiteral("gateway")); });
    QString failure;
    const QStringList lines = runServerClient(QStringLiteral("blob"), host.uriPattern(), serializer, {}, &failure);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    const bool lists = serializer == QLatin1String("json") || serializer == QLatin1String("msgpack");
    auto seq = [lists](const QString &items) { return lists ? u'[' + items + u']' : u'(' + items + u')'; };
    // Pyro4's marshal serializer sends vargs as a list (MarshalSerializer.dumpsCall).
    const QString items = QStringLiteral("1, 'two', [3.5, None], {'k': '00ff'}");
    const QString data = serializer == QLatin1String("marshal") ? u'[' + items + u']' : seq(items);
    const QStringList expected {
        QStringLiteral("inspect ") + seq(QStringLiteral("True, 'blob-1', ") + data),
        QStringLiteral("inspect_info_tuple ") + seq(QStringLiteral("True, %1, ['x']").arg(seq(QStringLiteral("'id', 7")))),
        QStringLiteral("inspect_plain ") + seq(QStringLiteral("False, ['plain']")),
        QStringLiteral("payload_blob True"),
        QStringLiteral("no_blbi 'Pyro4.errors.SerializeError: kept-serialized request: no BLBI annotation'"),
        QStringLiteral("bad_blbi 'Pyro4.errors.SerializeError: kept-serialized request: BLBI annotation: "),
        QStringLiteral("short_blbi 'Pyro4.errors.SerializeError: kept-serialized request: BLBI annotation is not (info, objectId, method)'"),
        QStringLiteral("unknown_object 'Pyro4.errors.DaemonError: unknown object'"),
        QStringLiteral("unexposed \"builtins.AttributeError: attempt to access unexposed attribute 'nosuch'\""),
        QStringLiteral("payload_unchanged True"),
        QStringLiteral("raw_ok ") + seq(QStringLiteral("True, 'raw', ") + data),
        QStringLiteral("after ") + seq(QStringLiteral("False, ['still']")),
    };
    QCOMPARE(lines.size(), expected.size());
    for (int i = 0; i < expected.size(); ++i) {
        if (expected.at(i).startsWith(QLatin1String("bad_blbi")))
            QVERIFY2(lines.at(i).startsWith(expected.at(i)), qPrintable(lines.at(i)));
        else
            QCOMPARE(lines.at(i), expected.at(i));
    }
}

#include "tst_daemon.moc"
