#include "peerprocess.h"

#include <QProcess>
#include <QTest>

using Pyro::Test::PeerProcess;

/*
    The built pyroctl binary against Python Pyro5 5.16 peers (tests/peers/pyro5_server.py: a
    Pyro5 name server and a daemon hosting 'tester' as test.tester and 'other' as test.other):
    every client command with no protocol flag, output formats and exit codes as against
    Pyro4, --protocol 4|5 and its errors, pickle and HMAC against Pyro5, --verbose ping.
*/
class tst_Pyroctl5 : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void commands_data();
    void commands();
    void remoteTraceback();
    void nsRegisterRemoveSetMeta();
    void verbosePing();
    void protocolAgainstPyro4();

private:
    struct Run
    {
        int code = -1;
        QByteArray out;
        QByteArray err;
    };
    Run pyroctl(const QStringList &args);
    QStringList expand(const QStringList &args) const;

    PeerProcess m_peer;
    PeerProcess m_pyro4;
    QString m_nsLocation;
    QString m_tester;
    QString m_other;
    QString m_pyro4Tester;
};

void tst_Pyroctl5::initTestCase()
{
    QVERIFY2(QFileInfo::exists(QStringLiteral(PYROCTL_BINARY)), PYROCTL_BINARY);
    QVERIFY2(PeerProcess::pyro5Failure().isEmpty(), qPrintable(PeerProcess::pyro5Failure()));
    QVERIFY2(m_peer.start(QStringLiteral("pyro5_server.py"), {}, 30000, PeerProcess::pyro5Environment()), qPrintable(m_peer.failure()));
    const QStringList parts = m_peer.readyText().split(u' ');
    QCOMPARE(parts.size(), 2);
    m_tester = parts.at(0);
    m_other = QString(m_tester).replace(QLatin1String("PYRO:tester@"), QLatin1String("PYRO:other@"));
    m_nsLocation = parts.at(1);
    QVERIFY2(m_pyro4.start(QStringLiteral("client_server.py")), qPrintable(m_pyro4.failure()));
    m_pyro4Tester = m_pyro4.readyText();
}

void tst_Pyroctl5::cleanupTestCase()
{
    m_peer.kill();
    m_pyro4.kill();
}

QStringList tst_Pyroctl5::expand(const QStringList &args) const
{
    QStringList out;
    for (QString a : args) {
        a.replace(QLatin1String("$NSURI"), QStringLiteral("PYRO:Pyro.NameServer@") + m_nsLocation);
        a.replace(QLatin1String("$NS"), m_nsLocation);
        a.replace(QLatin1String("$T"), m_tester);
        a.replace(QLatin1String("$O"), m_other);
        a.replace(QLatin1String("$P4"), m_pyro4Tester);
        out.append(a);
    }
    return out;
}

tst_Pyroctl5::Run tst_Pyroctl5::pyroctl(const QStringList &args)
{
    QProcess p;
    p.start(QStringLiteral(PYROCTL_BINARY), args);
    Run r;
    if (!p.waitForStarted(30000))
        return r;
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

void tst_Pyroctl5::commands_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QByteArray>("out"); // exact stdout
    QTest::addColumn<QByteArray>("errStart"); // stderr starts with this
    QTest::addColumn<QByteArray>("errHas"); // and contains this

    auto row = [](const char *name, const QStringList &args, int code, const QByteArray &out, const QByteArray &err = QByteArray(),
                  const QByteArray &has = QByteArray()) { QTest::newRow(name) << args << code << out << err << has; };
    const QString ns = QStringLiteral("--ns");
    const QString nsv = QStringLiteral("$NS");
    auto S = [](const char *s) { return QString::fromUtf8(s); };
    const QByteArray meta = "{'methods': ['add', 'annotations', 'big', 'correlation', 'echo', 'fail', 'failing', 'fire', 'fired', 'kw', "
                            "'me', 'myuri', 'numbers', 'pid', 'slow', 'typed'], 'oneway': ['fire'], 'attrs': ['readonly', 'value']}\n";

    row("ping_uri", { S("ping"), S("$T") }, 0, "");
    row("ping_bare_name", { ns, nsv, S("ping"), S("test.tester") }, 0, "");
    row("ping_pyroname_with_location", { S("ping"), S("PYRONAME:test.tester@$NS") }, 0, "");
    row("ping_pyrometa", { ns, nsv, S("ping"), S("PYROMETA:pyro5") }, 0, "");
    row("ping_protocol_5", { S("--protocol"), S("5"), S("ping"), S("$T") }, 0, "");
    row("ping_unknown_object", { S("ping"), S("PYRO:nothing@$NS") }, 3, "", "pyroctl: PYRO:nothing@", "unknown object");
    row("ping_unknown_name", { ns, nsv, S("ping"), S("no.such") }, 4, "", "pyroctl: no.such: unknown name: no.such");
    row("meta", { S("meta"), S("$T") }, 0, meta);
    row("ladder_uri_alone_is_meta", { S("$T") }, 0, meta);

    for (const char *ser : { "serpent", "json", "marshal", "msgpack" }) {
        const QByteArray name = QByteArray("call_add_") + ser;
        row(name.constData(), { S("--serializer"), S(ser), S("call"), S("$T"), S("add"), S("1"), S("2") }, 0, "3\n");
    }
    row("call_kwargs", { S("call"), S("$T"), S("kw"), S("1"), S("c=9") }, 0, "{'a': 1, 'b': 2, 'args': [], 'kwargs': {'c': 9}}\n");
    row("call_echo_nested", { S("call"), S("$T"), S("echo"), S("{'a': (1, 2.5, None), 'b': ['x', True], 'c': {1, 2}}") }, 0,
        "{'a': (1, 2.5, None), 'b': ['x', True], 'c': {1, 2}}\n");
    row("call_echo_json", { S("--serializer"), S("json"), S("call"), S("$T"), S("echo"), S("(1, 'x')") }, 0, "[1, 'x']\n");
    row("call_echo_marshal_set", { S("--serializer"), S("marshal"), S("call"), S("$T"), S("echo"), S("{1, 2}") }, 0, "{1, 2}\n");
    row("call_echo_msgpack_bytes", { S("--serializer"), S("msgpack"), S("call"), S("$T"), S("echo"), S("b'\\x00\\x01'") }, 0,
        "b'\\x00\\x01'\n");
    row("call_echo_big_int", { S("call"), S("$T"), S("echo"), S("1267650600228229401496703205376") }, 0,
        "1267650600228229401496703205376\n");
    row("call_format_json", { S("--format"), S("json"), S("call"), S("$T"), S("kw"), S("1") }, 0,
        "{\"a\": 1, \"b\": 2, \"args\": [], \"kwargs\": {}}\n");
    row("call_remote_error", { S("call"), S("$T"), S("fail") }, 1, "", "ValueError: ('bad value', 42)\n");
    row("call_remote_naming_error_is_remote", { S("call"), S("$T"), S("fail"), S("'naming'") }, 1, "",
        "Pyro5.errors.NamingError: no such thing\n");
    // As Python Pyro5's proxy does: an AttributeError, the remote side's kind of error (exit 1)
    row("call_unknown_method", { S("call"), S("$T"), S("nope") }, 1, "",
        "AttributeError: remote object '$T' has no exposed attribute or method 'nope'\n");
    row("call_via_name", { ns, nsv, S("call"), S("test.tester"), S("add"), S("'a'"), S("'b'") }, 0, "'ab'\n");
    row("call_timeout", { S("--timeout"), S("0.3"), S("call"), S("$T"), S("slow"), S("3") }, 3, "", "pyroctl: $T: ");
    row("call_generator_prints_items", { S("call"), S("$T"), S("numbers"), S("3") }, 0, "0\n1\n2\n");
    row("ladder_uri_method_is_call", { S("$T"), S("add"), S("20"), S("22") }, 0, "42\n");
    row("oneway", { S("oneway"), S("$T"), S("fire"), S("'cli'") }, 0, "");
    row("get", { S("get"), S("$T"), S("readonly") }, 0, "42\n");
    row("get_unknown_attr", { S("get"), S("$T"), S("nope") }, 1, "", "AttributeError: remote object '$T' has no exposed attribute 'nope'\n");
    row("set", { S("set"), S("$T"), S("value"), S("5") }, 0, "");
    row("stream", { S("stream"), S("$T"), S("numbers"), S("4") }, 0, "0\n1\n2\n3\n");
    row("stream_max", { S("stream"), S("$T"), S("numbers"), S("100"), S("--max"), S("3") }, 0, "0\n1\n2\n");
    row("stream_error_midway", { S("stream"), S("$T"), S("failing"), S("1") }, 1, "0\n", "ValueError: ('generator failed', 1)\n");
    row("batch", { S("batch"), S("$T"), S("add(1, 2)"), S("echo('x')"), S("kw(1, b=5)") }, 0,
        "3\n'x'\n{'a': 1, 'b': 5, 'args': [], 'kwargs': {}}\n");
    row("batch_stops_at_exception", { S("batch"), S("$T"), S("add(1,2)"), S("fail()"), S("add(3,4)") }, 1, "3\n",
        "ValueError: ('bad value', 42)\n");

    row("ns_locate", { ns, nsv, S("ns"), S("locate") }, 0, "$NSURI\n");
    row("ns_list", { ns, nsv, S("ns"), S("list") }, 0, "Pyro.NameServer\t$NSURI\ntest.other\t$O\ntest.tester\t$T\n");
    row("ns_list_meta", { ns, nsv, S("ns"), S("list"), S("--meta") }, 0,
        "Pyro.NameServer\t$NSURI\tclass:Pyro5.nameserver.NameServer\ntest.other\t$O\tlab,spare\ntest.tester\t$T\tlab,pyro5\n");
    row("ns_list_prefix", { ns, nsv, S("ns"), S("list"), S("test.t") }, 0, "test.tester\t$T\n");
    row("ns_list_regex", { ns, nsv, S("ns"), S("list"), S("--regex"), S(".*Server") }, 0, "Pyro.NameServer\t$NSURI\n");
    row("ns_list_all", { ns, nsv, S("ns"), S("list"), S("--all"), S("lab,pyro5") }, 0, "test.tester\t$T\n");
    row("ns_list_any", { ns, nsv, S("ns"), S("list"), S("--any"), S("spare,x") }, 0, "test.other\t$O\n");
    row("ns_list_all_meta", { ns, nsv, S("ns"), S("list"), S("--all"), S("lab"), S("--meta") }, 0,
        "test.other\t$O\tlab,spare\ntest.tester\t$T\tlab,pyro5\n");
    row("ns_list_json", { ns, nsv, S("--format"), S("json"), S("ns"), S("list"), S("test.t") }, 0, "{\"test.tester\": \"$T\"}\n");
    row("ns_lookup", { ns, nsv, S("ns"), S("lookup"), S("test.tester") }, 0, "$T\n");
    row("ns_lookup_meta", { ns, nsv, S("ns"), S("lookup"), S("test.tester"), S("--meta") }, 0, "$T\tlab,pyro5\n");
    row("ns_lookup_unknown", { ns, nsv, S("ns"), S("lookup"), S("nope") }, 4, "", "pyroctl: name server: unknown name: nope\n");
    row("ns_count", { ns, nsv, S("ns"), S("count") }, 0, "3\n");
    // Suggestions checked against the Python Pyro5 name server (issue 11 item 11)
    row("suggest_close_name", { ns, nsv, S("call"), S("test.testr"), S("pid") }, 4, "",
        "pyroctl: test.testr: unknown name: test.testr\n(registered names close to 'test.testr': test.tester)\n");
    row("suggest_lookup_name", { ns, nsv, S("ns"), S("lookup"), S("PYRONAME:test.tester") }, 4, "",
        "pyroctl: name server: unknown name: PYRONAME:test.tester\n(ns lookup takes a NAME, not a URI: ns lookup test.tester)\n");
    row("suggest_pyro_without_address", { ns, nsv, S("ping"), S("PYRO:test.tester") }, 2, "",
        "pyroctl: PYRO:test.tester: invalid uri\n(a PYRO: URI needs @host:port; registered at the name server: PYRONAME:test.tester)\n");
    row("suggest_tag", { ns, nsv, S("ping"), S("PYROMETA:pyr5") }, 4, "",
        "pyroctl: PYROMETA:pyr5: no registrations available with desired metadata properties {'pyr5'}\n(PYROMETA:pyro5 would find 'test.tester')\n");
    row("ns_protocol_5", { S("--protocol"), S("5"), ns, nsv, S("ns"), S("count") }, 0, "3\n");

    // Pyro5 has neither pickle nor HMAC; a fixed protocol must match the server's.
    row("protocol_4_against_pyro5", { S("--protocol"), S("4"), S("ping"), S("$T") }, 3, "", "pyroctl: $T: ",
        "speaks Pyro5 (protocol 502), but Pyro4 (protocol 48) was asked for");
    row("protocol_4_ns_against_pyro5", { S("--protocol"), S("4"), ns, nsv, S("ns"), S("list") }, 3, "", "pyroctl: ",
        "Pyro5 (protocol 502)");
    row("pickle_against_pyro5", { S("--serializer"), S("pickle"), S("ping"), S("$T") }, 3, "", "pyroctl: $T: ",
        "Pyro5 (protocol 502) has no pickle serializer");
    row("pickle_with_protocol_5", { S("--protocol"), S("5"), S("--serializer"), S("pickle"), S("ping"), S("$T") }, 2, "",
        "pyroctl: --serializer: Pyro5 (protocol 502) has no pickle serializer");
    row("hmac_against_pyro5", { S("--hmac"), S("secret"), S("ping"), S("$T") }, 3, "", "pyroctl: $T: ", "Pyro5 (protocol 502) has no HMAC");
    row("hmac_with_protocol_5", { S("--protocol"), S("5"), S("--hmac"), S("secret"), S("ping"), S("$T") }, 2, "",
        "pyroctl: --hmac: Pyro5 (protocol 502) has no HMAC");
    row("bad_protocol", { S("--protocol"), S("6"), S("ping"), S("$T") }, 2, "", "pyroctl: --protocol: unknown protocol '6'");
    row("protocol_5_against_pyro4", { S("--protocol"), S("5"), S("ping"), S("$P4") }, 3, "", "pyroctl: $P4: ",
        "speaks Pyro4 (protocol 48), but Pyro5 (protocol 502) was asked for");
    row("protocol_4_against_pyro4", { S("--protocol"), S("4"), S("call"), S("$P4"), S("add"), S("1"), S("2") }, 0, "3\n");
    row("auto_against_pyro4", { S("call"), S("$P4"), S("add"), S("1"), S("2") }, 0, "3\n");
}

void tst_Pyroctl5::commands()
{
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFETCH(QByteArray, out);
    QFETCH(QByteArray, errStart);
    QFETCH(QByteArray, errHas);
    const Run r = pyroctl(expand(args));
    const QByteArray expectedOut = expand({ QString::fromUtf8(out) }).first().toUtf8();
    const QByteArray expectedErr = expand({ QString::fromUtf8(errStart) }).first().toUtf8();
    QVERIFY2(r.code == exitCode, qPrintable(QStringLiteral("exit %1, stderr: %2").arg(r.code).arg(QString::fromUtf8(r.err))));
    QCOMPARE(r.out, expectedOut);
    if (!expectedErr.isEmpty())
        QVERIFY2(r.err.startsWith(expectedErr), r.err.constData());
    if (!errHas.isEmpty())
        QVERIFY2(r.err.contains(errHas), r.err.constData());
    if (exitCode == 0)
        QCOMPARE(r.err, QByteArray());
    if (exitCode == 2)
        QVERIFY2(r.err.contains("Try 'pyroctl --help'"), r.err.constData());
}

void tst_Pyroctl5::remoteTraceback()
{
    const Run r = pyroctl({ QStringLiteral("call"), m_tester, QStringLiteral("fail"), QStringLiteral("'key'") });
    QCOMPARE(r.code, 1);
    const QList<QByteArray> lines = r.err.split('\n');
    // A KeyError's message as Python prints it: the key's repr.
    QCOMPARE(lines.first(), QByteArray("KeyError: 'k'"));
    QVERIFY2(r.err.contains("Traceback (most recent call last):"), r.err.constData());
    QVERIFY2(r.err.contains("raise KeyError(\"k\")"), r.err.constData());
}

void tst_Pyroctl5::nsRegisterRemoveSetMeta()
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
    r = pyroctl(ns + QStringList { QStringLiteral("set-meta"), QStringLiteral("cli.obj"), QStringLiteral("x") });
    QCOMPARE(r.code, 0);
    r = pyroctl(ns + QStringList { QStringLiteral("list"), QStringLiteral("--all"), QStringLiteral("x"), QStringLiteral("--meta") });
    QCOMPARE(r.out, QByteArray("cli.obj\tPYRO:o@127.0.0.1:5\tx\n"));
    r = pyroctl(ns + QStringList { QStringLiteral("set-meta"), QStringLiteral("no.such") });
    QCOMPARE(r.code, 4);
    r = pyroctl(ns + QStringList { QStringLiteral("count") });
    QCOMPARE(r.out, QByteArray("4\n"));
    r = pyroctl(ns + QStringList { QStringLiteral("remove"), QStringLiteral("--prefix"), QStringLiteral("cli.") });
    QCOMPARE(r.out, QByteArray("1\n"));
    r = pyroctl(ns + QStringList { QStringLiteral("remove"), QStringLiteral("cli.obj") });
    QCOMPARE(r.out, QByteArray("0\n"));
    r = pyroctl(ns + QStringList { QStringLiteral("remove"), QStringLiteral("--regex"), QStringLiteral("nothing") });
    QCOMPARE(r.out, QByteArray("0\n"));
}

// ping says nothing new on stdout; --verbose names the detected protocol on stderr.
void tst_Pyroctl5::verbosePing()
{
    Run r = pyroctl({ QStringLiteral("--verbose"), QStringLiteral("ping"), m_tester });
    QCOMPARE(r.code, 0);
    QCOMPARE(r.out, QByteArray());
    QCOMPARE(r.err, QStringLiteral("pyroctl: %1: Pyro5 (protocol 502)\n").arg(m_tester).toUtf8());
    r = pyroctl({ QStringLiteral("--verbose"), QStringLiteral("ping"), m_pyro4Tester });
    QCOMPARE(r.code, 0);
    QCOMPARE(r.out, QByteArray());
    QCOMPARE(r.err, QStringLiteral("pyroctl: %1: Pyro4 (protocol 48)\n").arg(m_pyro4Tester).toUtf8());
    r = pyroctl({ QStringLiteral("ping"), m_tester });
    QCOMPARE(r.err, QByteArray());
    r = pyroctl({ QStringLiteral("-v") }); // -v stays --version
    QCOMPARE(r.code, 0);
    QVERIFY(r.out.startsWith("pyroctl "));
    r = pyroctl({ QStringLiteral("--help") });
    QVERIFY(r.out.contains("--protocol <auto|4|5>"));
    QVERIFY(r.out.contains("--verbose"));
}

// The same pyroctl against Pyro4 with no flag: nothing changed there.
void tst_Pyroctl5::protocolAgainstPyro4()
{
    const Run r = pyroctl({ QStringLiteral("meta"), m_pyro4Tester });
    QCOMPARE(r.code, 0);
    QVERIFY2(r.out.startsWith("{'methods': ['add', "), r.out.constData());
}

QTEST_GUILESS_MAIN(tst_Pyroctl5)
#include "tst_pyroctl5.moc"
