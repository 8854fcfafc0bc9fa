#include "peerprocess.h"

#include <QProcess>
#include <QRegularExpression>
#include <QTest>
#include <QUdpSocket>

using Pyro::Test::PeerProcess;

/*
    The built pyroctl binary, run with QProcess against real Python Pyro4 peers
    (tests/peers/pyroctl_peer.py: a name server with its broadcast responder and a daemon
    hosting 'tester', registered as example.tester): every command, exit status and output
    format, and convert between every pair of formats.
*/
class tst_Pyroctl : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void commands_data();
    void commands();
    void remoteTraceback();
    void streamWritesAsItArrives();
    void nsRegisterRemoveSetMeta();
    void locateByBroadcast();
    void noNameServer();
    void wrongPeer();
    void helpAndVersion();
    void nsServeIsWired();
    void bench_data();
    void bench();
    void convertRoundTrip_data();
    void convertRoundTrip();
    void convertMalformed_data();
    void convertMalformed();

private:
    struct Run
    {
        int code = -1;
        QByteArray out;
        QByteArray err;
    };
    Run pyroctl(const QStringList &args, const QByteArray &input = QByteArray(),
                const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment());
    QStringList expand(const QStringList &args) const;
    static int unusedPort();

    PeerProcess m_peer;
    QString m_nsUri;
    QString m_nsLocation;
    int m_bcPort = 0;
    QString m_tester;
};

void tst_Pyroctl::initTestCase()
{
    QVERIFY2(QFileInfo::exists(QStringLiteral(PYROCTL_BINARY)), PYROCTL_BINARY);
    QVERIFY2(m_peer.start(QStringLiteral("pyroctl_peer.py")), qPrintable(m_peer.failure()));
    const QStringList parts = m_peer.readyText().split(u' ');
    QCOMPARE(parts.size(), 3);
    m_nsUri = parts.at(0);
    m_nsLocation = m_nsUri.mid(m_nsUri.indexOf(u'@') + 1);
    m_bcPort = parts.at(1).toInt();
    m_tester = parts.at(2);
}

void tst_Pyroctl::cleanupTestCase()
{
    m_peer.kill();
}

int tst_Pyroctl::unusedPort()
{
    QUdpSocket s;
    s.bind(QHostAddress::LocalHost, 0);
    return s.localPort();
}

QStringList tst_Pyroctl::expand(const QStringList &args) const
{
    QStringList out;
    for (QString a : args) {
        a.replace(QLatin1String("$NSURI"), m_nsUri);
        a.replace(QLatin1String("$NS"), m_nsLocation);
        a.replace(QLatin1String("$T"), m_tester);
        out.append(a);
    }
    return out;
}

tst_Pyroctl::Run tst_Pyroctl::pyroctl(const QStringList &args, const QByteArray &input, const QProcessEnvironment &env)
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(PYROCTL_BINARY), args);
    Run r;
    if (!p.waitForStarted(30000))
        return r;
    p.write(input);
    p.closeWriteChannel();
    if (!p.waitForFinished(60000)) {
        p.kill();
        p.waitForFinished();
        return r;
    }
    r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

void tst_Pyroctl::commands_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QByteArray>("out"); // exact stdout (json as Pyro4's json serializer writes it)
    QTest::addColumn<QByteArray>("errStart"); // stderr starts with this

    auto row = [](const char *name, const QStringList &args, int code, const QByteArray &out,
                  const QByteArray &err = QByteArray()) { QTest::newRow(name) << args << code << out << err; };
    const QString ns = QStringLiteral("--ns");
    const QString nsv = QStringLiteral("$NS");
    auto S = [](const char *s) { return QString::fromUtf8(s); };

    row("ping_uri", { S("ping"), S("$T") }, 0, "");
    row("ping_bare_name", { ns, nsv, S("ping"), S("example.tester") }, 0, "");
    row("ping_pyroname_with_location", { S("ping"), S("PYRONAME:example.tester@$NS") }, 0, "");
    row("ping_pyrometa", { ns, nsv, S("ping"), S("PYROMETA:demo") }, 0, "");
    row("ping_refused", { S("ping"), S("PYRO:x@127.0.0.1:1") }, 3, "", "pyroctl: PYRO:x@127.0.0.1:1: ");
    row("ping_unknown_object", { S("ping"), S("PYRO:nothing@$NS") }, 3, "", "pyroctl: PYRO:nothing@");
    row("ping_unknown_name", { ns, nsv, S("ping"), S("no.such") }, 4, "", "pyroctl: no.such: unknown name: no.such");
    row("ping_invalid_uri", { S("ping"), S("PYRO:obj@host") }, 2, "",
        "pyroctl: PYRO:obj@host: invalid port in uri, port=None");
    row("ping_missing_uri", { S("ping") }, 2, "", "pyroctl: ping: ");

    row("meta", { S("meta"), S("$T") }, 0,
        "{'methods': ['add', 'broken_stream', 'echo', 'endless', 'fail', 'fail_naming', 'fire', 'fired', 'kw', "
        "'nested', 'numbers', 'sleep'], 'oneway': ['fire'], 'attrs': ['readonly', 'value']}\n");
    row("meta_json", { S("--format"), S("json"), S("meta"), S("$T") }, 0,
        "{\"methods\": [\"add\", \"broken_stream\", \"echo\", \"endless\", \"fail\", \"fail_naming\", \"fire\", "
        "\"fired\", \"kw\", \"nested\", \"numbers\", \"sleep\"], \"oneway\": [\"fire\"], \"attrs\": [\"readonly\", "
        "\"value\"]}\n");

    row("call_add", { S("call"), S("$T"), S("add"), S("1"), S("2") }, 0, "3\n");
    row("call_negative_numbers_are_args", { S("call"), S("$T"), S("add"), S("-5"), S("-1.5") }, 0, "-6.5\n");
    row("call_kwargs", { S("call"), S("$T"), S("kw"), S("1"), S("c=9") }, 0, "[1, 2, 9]\n");
    row("call_string_with_equals_is_positional", { S("call"), S("$T"), S("echo"), S("'a=b'") }, 0, "'a=b'\n");
    row("call_nested_repr", { S("call"), S("$T"), S("nested") }, 0, "{'a': (1, 2.5, None), 'b': ['x', True]}\n");
    row("call_nested_json", { S("--format"), S("json"), S("call"), S("$T"), S("nested") }, 0,
        "{\"a\": [1, 2.5, null], \"b\": [\"x\", true]}\n");
    row("call_each_serializer_json", { S("--serializer"), S("json"), S("call"), S("$T"), S("echo"), S("(1, 'x')") }, 0,
        "[1, 'x']\n");
    row("call_each_serializer_marshal", { S("--serializer"), S("marshal"), S("call"), S("$T"), S("echo"), S("{1, 2}") },
        0, "{1, 2}\n");
    row("call_each_serializer_msgpack", { S("--serializer"), S("msgpack"), S("call"), S("$T"), S("add"), S("2"), S("3") },
        0, "5\n");
    row("call_each_serializer_pickle", { S("--serializer"), S("pickle"), S("call"), S("$T"), S("echo"), S("b'\\x00'") },
        0, "b'\\x00'\n");
    row("call_via_name", { ns, nsv, S("call"), S("example.tester"), S("add"), S("'a'"), S("'b'") }, 0, "'ab'\n");
    row("call_remote_error", { S("call"), S("$T"), S("fail"), S("'bad'") }, 1, "", "ValueError: bad\n");
    // The method itself raised NamingError: a remote exception (1), not a name server failure (4).
    row("call_remote_naming_error_is_remote", { S("call"), S("$T"), S("fail_naming") }, 1, "",
        "Pyro4.errors.NamingError: not a name server problem\n");
    // Pyro4's proxy raises AttributeError for a name the object does not expose: the remote side's kind of error (1)
    row("call_unknown_method", { S("call"), S("$T"), S("nope") }, 1, "",
        "AttributeError: remote object '$T' has no exposed attribute or method 'nope'\n");
    row("call_bad_literal", { S("call"), S("$T"), S("add"), S("(1,") }, 2, "", "pyroctl: argument 1: ");
    row("call_bad_kwarg_literal", { S("call"), S("$T"), S("kw"), S("a=[1") }, 2, "", "pyroctl: argument a: ");
    row("call_unknown_name", { ns, nsv, S("call"), S("nothing.here"), S("x") }, 4, "",
        "pyroctl: nothing.here: unknown name: nothing.here");
    row("call_timeout", { S("--timeout"), S("0.3"), S("call"), S("$T"), S("sleep"), S("3") }, 3, "", "pyroctl: $T: ");
    row("call_generator_prints_items", { S("call"), S("$T"), S("numbers"), S("3") }, 0, "0\n1\n2\n");
    row("ladder_uri_alone_is_meta", { S("$T") }, 0,
        "{'methods': ['add', 'broken_stream', 'echo', 'endless', 'fail', 'fail_naming', 'fire', 'fired', 'kw', "
        "'nested', 'numbers', 'sleep'], 'oneway': ['fire'], 'attrs': ['readonly', 'value']}\n");
    row("ladder_uri_method_is_call", { S("$T"), S("add"), S("20"), S("22") }, 0, "42\n");

    row("oneway", { S("oneway"), S("$T"), S("echo"), S("1") }, 0, "");
    row("get", { S("get"), S("$T"), S("readonly") }, 0, "'r'\n");
    row("get_unknown_attr", { S("get"), S("$T"), S("nope") }, 1, "", "AttributeError: remote object '$T' has no exposed attribute 'nope'\n");
    row("set_bad_value", { S("set"), S("$T"), S("value"), S("[") }, 2, "", "pyroctl: VALUE: ");

    row("stream", { S("stream"), S("$T"), S("numbers"), S("4") }, 0, "0\n1\n2\n3\n");
    row("stream_max", { S("stream"), S("$T"), S("endless"), S("--max"), S("3") }, 0, "0\n1\n2\n");
    row("stream_json", { S("--format"), S("json"), S("stream"), S("$T"), S("numbers"), S("2") }, 0, "0\n1\n");
    row("stream_error_midway", { S("stream"), S("$T"), S("broken_stream") }, 1, "1\n",
        "RuntimeError: stream broke\n");
    row("stream_bad_max", { S("stream"), S("$T"), S("endless"), S("--max"), S("x") }, 2, "", "pyroctl: --max: ");

    row("batch", { S("batch"), S("$T"), S("add(1, 2)"), S("echo('x')"), S("kw(1, b=5)") }, 0, "3\n'x'\n[1, 5, 3]\n");
    row("batch_stops_at_exception", { S("batch"), S("$T"), S("add(1,2)"), S("fail('no')"), S("add(3,4)") }, 1, "3\n",
        "ValueError: no\n");
    row("batch_bad_call", { S("batch"), S("$T"), S("add(1,")}, 2, "", "pyroctl: call 1: ");

    row("ns_locate", { ns, nsv, S("ns"), S("locate") }, 0, "$NSURI\n");
    row("ns_list", { ns, nsv, S("ns"), S("list") }, 0,
        "Pyro.NameServer\t$NSURI\nexample.tester\t$T\n");
    row("ns_list_meta", { ns, nsv, S("ns"), S("list"), S("--meta") }, 0,
        "Pyro.NameServer\t$NSURI\tclass:Pyro4.naming.NameServer\nexample.tester\t$T\tclass:Tester,demo\n");
    row("ns_list_prefix", { ns, nsv, S("ns"), S("list"), S("example") }, 0, "example.tester\t$T\n");
    row("ns_list_regex", { ns, nsv, S("ns"), S("list"), S("--regex"), S(".*Server") }, 0, "Pyro.NameServer\t$NSURI\n");
    row("ns_list_all", { ns, nsv, S("ns"), S("list"), S("--all"), S("demo,class:Tester") }, 0, "example.tester\t$T\n");
    row("ns_list_any", { ns, nsv, S("ns"), S("list"), S("--any"), S("demo,x") }, 0, "example.tester\t$T\n");
    row("ns_list_json", { ns, nsv, S("--format"), S("json"), S("ns"), S("list"), S("example") }, 0,
        "{\"example.tester\": \"$T\"}\n");
    row("ns_list_two_filters", { ns, nsv, S("ns"), S("list"), S("ex"), S("--regex"), S("x") }, 2, "",
        "pyroctl: ns list: ");
    row("ns_lookup", { ns, nsv, S("ns"), S("lookup"), S("example.tester") }, 0, "$T\n");
    row("ns_lookup_meta", { ns, nsv, S("ns"), S("lookup"), S("example.tester"), S("--meta") }, 0,
        "$T\tclass:Tester,demo\n");
    row("ns_lookup_unknown", { ns, nsv, S("ns"), S("lookup"), S("nope") }, 4, "",
        "pyroctl: name server: unknown name: nope\n");
    row("ns_count", { ns, nsv, S("ns"), S("count") }, 0, "2\n");
    row("ns_unknown_subcommand", { ns, nsv, S("ns"), S("frob") }, 2, "", "pyroctl: ns frob: ");
    row("ns_dead_name_server", { ns, S("127.0.0.1:1"), S("ns"), S("list") }, 4, "",
        "pyroctl: name server: Failed to locate the nameserver");

    row("unknown_command", { S("frobnicate") }, 2, "", "pyroctl: frobnicate: unknown command\n");
    row("unknown_global_option", { S("--frob"), S("ping"), S("$T") }, 2, "", "pyroctl: --frob: unknown option\n");
    row("bad_serializer", { S("--serializer"), S("xml"), S("ping"), S("$T") }, 2, "", "pyroctl: --serializer: ");
    row("bad_format", { S("--format"), S("yaml"), S("ping"), S("$T") }, 2, "", "pyroctl: --format: ");
    row("bad_timeout", { S("--timeout"), S("soon"), S("ping"), S("$T") }, 2, "", "pyroctl: --timeout: ");
    row("hmac_mismatch", { S("--hmac"), S("secret"), S("ping"), S("$T") }, 3, "", "pyroctl: $T: ");
}

void tst_Pyroctl::commands()
{
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFETCH(QByteArray, out);
    QFETCH(QByteArray, errStart);
    const Run r = pyroctl(expand(args));
    const QByteArray expectedOut = expand({ QString::fromUtf8(out) }).first().toUtf8();
    const QByteArray expectedErr = expand({ QString::fromUtf8(errStart) }).first().toUtf8();
    QVERIFY2(r.code == exitCode, qPrintable(QStringLiteral("exit %1, stderr: %2").arg(r.code).arg(QString::fromUtf8(r.err))));
    QCOMPARE(r.out, expectedOut);
    if (!expectedErr.isEmpty())
        QVERIFY2(r.err.startsWith(expectedErr), r.err.constData());
    if (exitCode == 0)
        QCOMPARE(r.err, QByteArray());
    if (exitCode == 2)
        QVERIFY2(r.err.contains("Try 'pyroctl --help'"), r.err.constData());
}

void tst_Pyroctl::remoteTraceback()
{
    const Run r = pyroctl({ QStringLiteral("call"), m_tester, QStringLiteral("fail"), QStringLiteral("'tb'") });
    QCOMPARE(r.code, 1);
    const QList<QByteArray> lines = r.err.split('\n');
    QCOMPARE(lines.first(), QByteArray("ValueError: tb"));
    QVERIFY2(r.err.contains("Traceback (most recent call last):"), r.err.constData());
    QVERIFY2(r.err.contains("raise ValueError(message)"), r.err.constData());
}

void tst_Pyroctl::streamWritesAsItArrives()
{
    // An endless generator: the first lines must appear while pyroctl is still running.
    QProcess p;
    p.start(QStringLiteral(PYROCTL_BINARY), { QStringLiteral("stream"), m_tester, QStringLiteral("endless") });
    QVERIFY(p.waitForStarted(30000));
    QByteArray out;
    while (out.count('\n') < 3 && p.state() == QProcess::Running) {
        p.waitForReadyRead(30000);
        out += p.readAllStandardOutput();
    }
    QVERIFY(out.startsWith("0\n1\n2\n"));
    QCOMPARE(p.state(), QProcess::Running);
    p.kill();
    p.waitForFinished();
}

void tst_Pyroctl::nsRegisterRemoveSetMeta()
{
    const QStringList ns { QStringLiteral("--ns"), m_nsLocation, QStringLiteral("ns") };
    Run r = pyroctl(ns + QStringList { QStringLiteral("register"), QStringLiteral("cli.obj"), QStringLiteral("PYRO:o@127.0.0.1:5"),
                                       QStringLiteral("--tag"), QStringLiteral("t1"), QStringLiteral("--tag"), QStringLiteral("t2") });
    QCOMPARE(r.code, 0);
    r = pyroctl(ns + QStringList { QStringLiteral("lookup"), QStringLiteral("cli.obj"), QStringLiteral("--meta") });
    QCOMPARE(r.out, QByteArray("PYRO:o@127.0.0.1:5\tt1,t2\n"));
    r = pyroctl(ns + QStringList { QStringLiteral("register"), QStringLiteral("cli.obj"), QStringLiteral("PYRO:p@127.0.0.1:6"),
                                   QStringLiteral("--safe") });
    QCOMPARE(r.code, 4);
    QVERIFY2(r.err.startsWith("pyroctl: name server: name already registered: cli.obj"), r.err.constData());
    r = pyroctl(ns + QStringList { QStringLiteral("register"), QStringLiteral("cli.bad"), QStringLiteral("PYRO:p@host") });
    QCOMPARE(r.code, 2);
    r = pyroctl(ns + QStringList { QStringLiteral("set-meta"), QStringLiteral("cli.obj"), QStringLiteral("x") });
    QCOMPARE(r.code, 0);
    r = pyroctl(ns + QStringList { QStringLiteral("list"), QStringLiteral("--all"), QStringLiteral("x"), QStringLiteral("--meta") });
    QCOMPARE(r.out, QByteArray("cli.obj\tPYRO:o@127.0.0.1:5\tx\n"));
    r = pyroctl(ns + QStringList { QStringLiteral("set-meta"), QStringLiteral("no.such") });
    QCOMPARE(r.code, 4);
    r = pyroctl(ns + QStringList { QStringLiteral("remove"), QStringLiteral("--prefix"), QStringLiteral("cli.") });
    QCOMPARE(r.out, QByteArray("1\n"));
    r = pyroctl(ns + QStringList { QStringLiteral("remove"), QStringLiteral("cli.obj") });
    QCOMPARE(r.out, QByteArray("0\n"));
    r = pyroctl(ns + QStringList { QStringLiteral("remove"), QStringLiteral("--regex"), QStringLiteral("nothing") });
    QCOMPARE(r.out, QByteArray("0\n"));
    r = pyroctl(ns + QStringList { QStringLiteral("remove") });
    QCOMPARE(r.code, 2);
}

void tst_Pyroctl::locateByBroadcast()
{
    // No --ns: Pyro4's search, with the localhost attempt failing and the broadcast answered.
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("PYRO_NS_HOST"), QStringLiteral("127.0.0.1"));
    env.insert(QStringLiteral("PYRO_NS_PORT"), QString::number(unusedPort()));
    env.insert(QStringLiteral("PYRO_NS_BCPORT"), QString::number(m_bcPort));
    env.insert(QStringLiteral("PYRO_BROADCAST_ADDRS"), QStringLiteral("127.0.0.1"));
    Run r = pyroctl({ QStringLiteral("ns"), QStringLiteral("locate") }, {}, env);
    QCOMPARE(r.code, 0);
    QCOMPARE(r.out, (m_nsUri + u'\n').toUtf8());
    r = pyroctl({ QStringLiteral("call"), QStringLiteral("example.tester"), QStringLiteral("add"), QStringLiteral("1"),
                  QStringLiteral("1") },
                {}, env);
    QCOMPARE(r.out, QByteArray("2\n"));
    // qdbus ladder: no command lists the name server.
    r = pyroctl({}, {}, env);
    QCOMPARE(r.code, 0);
    QVERIFY(r.out.contains("example.tester\t"));
}

void tst_Pyroctl::noNameServer()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("PYRO_NS_HOST"), QStringLiteral("127.0.0.1"));
    env.insert(QStringLiteral("PYRO_NS_PORT"), QString::number(unusedPort()));
    env.insert(QStringLiteral("PYRO_NS_BCPORT"), QString::number(unusedPort()));
    env.insert(QStringLiteral("PYRO_BROADCAST_ADDRS"), QStringLiteral("127.0.0.1"));
    const Run r = pyroctl({ QStringLiteral("call"), QStringLiteral("example.tester"), QStringLiteral("add") }, {}, env);
    QCOMPARE(r.code, 4);
    QVERIFY2(r.err.startsWith("pyroctl: example.tester: Failed to locate the nameserver"), r.err.constData());
}

void tst_Pyroctl::wrongPeer()
{
    // Not Pyro at all: the answer is quoted, with the exit code of any protocol error.
    PeerProcess http;
    QVERIFY2(http.start(QStringLiteral("wrong_peers.py"), { QStringLiteral("http") }), qPrintable(http.failure()));
    const QString httpUri = http.readyText();
    const QString location = httpUri.mid(httpUri.indexOf(u'@') + 1);
    Run r = pyroctl({ QStringLiteral("ping"), httpUri });
    QCOMPARE(r.code, 3);
    const QByteArray expected = QStringLiteral("pyroctl: %1: The server at %2 does not speak Pyro (it answered 'HTTP/1.0 400 Bad request version")
                                        .arg(httpUri, location)
                                        .toUtf8();
    QVERIFY2(r.err.startsWith(expected), r.err.constData());

    // A Pyro4 daemon that refuses serpent: a serializer error, same exit code.
    PeerProcess jsonOnly;
    QVERIFY2(jsonOnly.start(QStringLiteral("wrong_peers.py"), { QStringLiteral("json-only") }), qPrintable(jsonOnly.failure()));
    r = pyroctl({ QStringLiteral("ping"), jsonOnly.readyText() });
    QCOMPARE(r.code, 3);
    QVERIFY2(r.err.contains("serializer"), r.err.constData());
    r = pyroctl({ QStringLiteral("--serializer"), QStringLiteral("json"), QStringLiteral("ping"), jsonOnly.readyText() });
    QCOMPARE(r.code, 0);
}

void tst_Pyroctl::helpAndVersion()
{
    Run r = pyroctl({ QStringLiteral("--version") });
    QCOMPARE(r.code, 0);
    QVERIFY(r.out.startsWith("pyroctl "));
    r = pyroctl({ QStringLiteral("--help") });
    QCOMPARE(r.code, 0);
    QVERIFY(r.out.startsWith("Usage: pyroctl [options]"));
    for (const char *word : { "ping URI", "ns list", "convert --from FMT --to FMT", "bench URI METHOD", "--serializer",
                              "--format", "--hmac", "--ssl-cacerts" })
        QVERIFY2(r.out.contains(word), word);
}

void tst_Pyroctl::nsServeIsWired()
{
    // 'pyroctl ns serve' (the server side's command) reached through the dispatcher, then
    // queried with pyroctl's own ns commands.
    QProcess serve;
    serve.start(QStringLiteral(PYROCTL_BINARY), { QStringLiteral("ns"), QStringLiteral("serve"), QStringLiteral("--host"),
                                                 QStringLiteral("127.0.0.1"), QStringLiteral("--port"), QStringLiteral("0"),
                                                 QStringLiteral("--no-broadcast") });
    QVERIFY(serve.waitForStarted(30000));
    QByteArray line;
    while (!line.contains('\n') && serve.state() == QProcess::Running && serve.waitForReadyRead(30000))
        line += serve.readAllStandardOutput();
    QVERIFY2(line.startsWith("NS ready at PYRO:Pyro.NameServer@"), line.constData());
    const QString uri = QString::fromUtf8(line.mid(12).trimmed());
    const Run r = pyroctl({ QStringLiteral("--ns"), uri.mid(uri.indexOf(u'@') + 1), QStringLiteral("ns"),
                            QStringLiteral("lookup"), QStringLiteral("Pyro.NameServer") });
    QVERIFY2(r.code == 0, r.err.constData());
    QCOMPARE(r.out, (uri + u'\n').toUtf8());
    serve.kill();
    serve.waitForFinished();
}

void tst_Pyroctl::bench_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("calls");
    auto S = [](const char *s) { return QString::fromUtf8(s); };
    QTest::newRow("sync") << QStringList { S("add"), S("1"), S("2"), S("--calls"), S("30") } << 30;
    QTest::newRow("sync_connections") << QStringList { S("add"), S("1"), S("2"), S("--calls"), S("31"), S("--connections"), S("3") } << 31;
    QTest::newRow("oneway") << QStringList { S("echo"), S("1"), S("--calls"), S("30"), S("--mode"), S("oneway") } << 30;
    QTest::newRow("batch") << QStringList { S("echo"), S("1"), S("--calls"), S("30"), S("--mode"), S("batch") } << 30;
    QTest::newRow("stream") << QStringList { S("endless"), S("--calls"), S("30"), S("--mode"), S("stream") } << 30;
}

void tst_Pyroctl::bench()
{
    QFETCH(QStringList, args);
    QFETCH(int, calls);
    const Run r = pyroctl(QStringList { QStringLiteral("bench"), m_tester } + args);
    QVERIFY2(r.code == 0, r.err.constData());
    const QRegularExpression line(QStringLiteral(
            "^mode=(\\w+) calls=(\\d+) connections=\\d+ seconds=[0-9.]+ calls_per_s=[0-9.]+ cpu_us_per_call=[0-9.]+\n$"));
    const QRegularExpressionMatch m = line.match(QString::fromUtf8(r.out));
    QVERIFY2(m.hasMatch(), r.out.constData());
    QCOMPARE(m.captured(2).toInt(), calls);

    const Run bad = pyroctl({ QStringLiteral("bench"), m_tester, QStringLiteral("add"), QStringLiteral("--mode"),
                              QStringLiteral("warp") });
    QCOMPARE(bad.code, 2);
}

void tst_Pyroctl::convertRoundTrip_data()
{
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");
    const QStringList formats { QStringLiteral("serpent"), QStringLiteral("json"), QStringLiteral("marshal"),
                                QStringLiteral("msgpack"), QStringLiteral("pickle"), QStringLiteral("repr") };
    for (const QString &a : formats) {
        for (const QString &b : formats)
            QTest::addRow("%s_to_%s", qPrintable(a), qPrintable(b)) << a << b;
    }
}

void tst_Pyroctl::convertRoundTrip()
{
    QFETCH(QString, from);
    QFETCH(QString, to);
    // A value every format carries unchanged (lists, str keys, no tuples or bytes).
    const QByteArray value = "{'a': [1, -2, 3.5, None, True], 'b': 'text \\u00e9', 'c': {'d': []}, 'e': 12345678901}\n";
    Run r = pyroctl({ QStringLiteral("convert"), QStringLiteral("--from"), QStringLiteral("repr"), QStringLiteral("--to"), from },
                    value);
    QVERIFY2(r.code == 0, r.err.constData());
    r = pyroctl({ QStringLiteral("convert"), QStringLiteral("--from"), from, QStringLiteral("--to"), to }, r.out);
    QVERIFY2(r.code == 0, r.err.constData());
    r = pyroctl({ QStringLiteral("convert"), QStringLiteral("--from"), to, QStringLiteral("--to"), QStringLiteral("repr") },
                r.out);
    QVERIFY2(r.code == 0, r.err.constData());
    QCOMPARE(r.out, QByteArray("{'a': [1, -2, 3.5, None, True], 'b': 'text é', 'c': {'d': []}, 'e': 12345678901}\n"));
}

void tst_Pyroctl::convertMalformed_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("exitCode");
    auto conv = [](const char *from, const char *to) {
        return QStringList { QStringLiteral("convert"), QStringLiteral("--from"), QString::fromUtf8(from),
                             QStringLiteral("--to"), QString::fromUtf8(to) };
    };
    QTest::newRow("serpent_garbage") << conv("serpent", "repr") << QByteArray("#serpent\n{1: ") << 1;
    QTest::newRow("json_truncated") << conv("json", "repr") << QByteArray("[1, 2") << 1;
    QTest::newRow("marshal_bad_type") << conv("marshal", "repr") << QByteArray("\x80", 1) << 1;
    QTest::newRow("msgpack_truncated") << conv("msgpack", "repr") << QByteArray("\x92\x01", 2) << 1;
    QTest::newRow("pickle_garbage") << conv("pickle", "repr") << QByteArray("not a pickle") << 1;
    QTest::newRow("repr_unknown_name") << conv("repr", "json") << QByteArray("foo(1)") << 1;
    QTest::newRow("repr_not_utf8") << conv("repr", "json") << QByteArray("'\xff'") << 1;
    QTest::newRow("empty_input") << conv("json", "repr") << QByteArray() << 1;
    QTest::newRow("unencodable_complex_to_json") << conv("repr", "json") << QByteArray("1j") << 1;
    QTest::newRow("unknown_from_format") << conv("xml", "json") << QByteArray("1") << 2;
    QTest::newRow("missing_to") << QStringList { QStringLiteral("convert"), QStringLiteral("--from"), QStringLiteral("json") }
                                << QByteArray("1") << 2;
    QTest::newRow("extra_argument") << (conv("json", "repr") << QStringLiteral("x")) << QByteArray("1") << 2;
}

void tst_Pyroctl::convertMalformed()
{
    QFETCH(QStringList, args);
    QFETCH(QByteArray, input);
    QFETCH(int, exitCode);
    const Run r = pyroctl(args, input);
    QCOMPARE(r.code, exitCode);
    QCOMPARE(r.out, QByteArray());
    QVERIFY2(r.err.startsWith("pyroctl: "), r.err.constData());
    if (exitCode == 1)
        QCOMPARE(r.err.count('\n'), 1); // exactly one line
}

QTEST_GUILESS_MAIN(tst_Pyroctl)
#include "tst_pyroctl.moc"
