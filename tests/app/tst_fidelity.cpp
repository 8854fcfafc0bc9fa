#include "peerprocess.h"

#include <QProcess>
#include <QTest>

using Pyro::Test::PeerProcess;

/*
    pyroctl faithful to Pyro4's semantics (issue 11), against a real Python Pyro4 4.82 lab
    server (tests/peers/fidelity_peer.py): inert objects and numpy values with pickle, error
    texts as Pyro4 prints them, names without PYRONAME:, the name server asked in a
    serializer it accepts, PYRO_* settings from the environment, and streams that advance
    the remote generator only as far as asked.
*/
class tst_Fidelity : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void commands_data();
    void commands();
    void suggestions_data();
    void suggestions();
    void arrayAsJson();
    void environment_data();
    void environment();
    void streamAdvancesOnlyAsFarAsAsked();
    void retries_data();
    void retries();

private:
    struct Run
    {
        int code = -1;
        QByteArray out;
        QByteArray err;
    };
    Run pyroctl(const QStringList &args, const QProcessEnvironment &env = cleanEnvironment());
    QStringList expand(const QStringList &args) const;
    static QProcessEnvironment cleanEnvironment();

    PeerProcess m_peer;
    QString m_nsUri;
    QString m_nsLocation;
    QString m_lab;
    QString m_factory;
};

QProcessEnvironment tst_Fidelity::cleanEnvironment()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString &key : env.keys())
        if (key.startsWith(QLatin1String("PYRO_")) && key != QLatin1String("PYRO_TEST_PEERS") && key != QLatin1String("PYRO_PYTHON")
            && key != QLatin1String("PYRO_BUILD_DIR"))
            env.remove(key);
    return env;
}

void tst_Fidelity::initTestCase()
{
    QVERIFY2(QFileInfo::exists(QStringLiteral(PYROCTL_BINARY)), PYROCTL_BINARY);
    QVERIFY2(m_peer.start(QStringLiteral("fidelity_peer.py")), qPrintable(m_peer.failure()));
    const QStringList parts = m_peer.readyText().split(u' ');
    QCOMPARE(parts.size(), 3);
    m_nsUri = parts.at(0);
    m_nsLocation = m_nsUri.mid(m_nsUri.indexOf(u'@') + 1);
    m_lab = parts.at(1);
    m_factory = parts.at(2);
    // An undotted name with a tag, for the suggestions (item 11)
    const Run reg = pyroctl({ QStringLiteral("--ns=$NS"), QStringLiteral("ns"), QStringLiteral("register"), QStringLiteral("scope"),
                              QStringLiteral("$LAB"), QStringLiteral("--tag"), QStringLiteral("lab.scope") });
    QVERIFY2(reg.code == 0, reg.err.constData());
}

void tst_Fidelity::cleanupTestCase()
{
    m_peer.kill();
}

QStringList tst_Fidelity::expand(const QStringList &args) const
{
    QStringList out;
    for (QString a : args) {
        a.replace(QLatin1String("$NS"), m_nsLocation);
        a.replace(QLatin1String("$LAB"), m_lab);
        a.replace(QLatin1String("$FACTORY"), m_factory);
        a.replace(QLatin1String("$AT"), m_factory.mid(m_factory.indexOf(u'@') + 1));
        a.replace(QLatin1String("$PORT"), m_factory.mid(m_factory.lastIndexOf(u':') + 1));
        out.append(a);
    }
    return out;
}

tst_Fidelity::Run tst_Fidelity::pyroctl(const QStringList &args, const QProcessEnvironment &env)
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(PYROCTL_BINARY), expand(args));
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

void tst_Fidelity::commands_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QByteArray>("out"); // exact stdout
    QTest::addColumn<QByteArray>("errStart"); // stderr starts with this

    auto row = [](const char *name, const QStringList &args, int code, const QByteArray &out, const QByteArray &err = QByteArray()) {
        QTest::newRow(name) << args << code << out << err;
    };
    const QString P = QStringLiteral("--serializer=pickle");
    auto S = [](const char *s) { return QString::fromUtf8(s); };

    // Item 9: inert objects, numpy values, unknown exception classes (pickle only)
    row("enum", { P, S("call"), S("$LAB"), S("color") }, 0, "labdevice.Color.RED\n");
    row("dataclass", { P, S("call"), S("$LAB"), S("reading") }, 0, "labdevice.Reading(channel=3, value=1.5, unit='V')\n");
    row("namedtuple", { P, S("call"), S("$LAB"), S("point") }, 0, "labdevice.Point(1, 2)\n");
    row("ndarray", { P, S("call"), S("$LAB"), S("image") }, 0, "array(shape=(48, 64), dtype=uint8)\n");
    row("numpy scalar", { P, S("call"), S("$LAB"), S("scalar") }, 0, "1.5\n");
    row("nested", { P, S("call"), S("$LAB"), S("status") }, 0,
        "{'mode': labdevice.Mode.FAST, 'frame': array(shape=(48, 64), dtype=uint8), 'gain': 4}\n");
    row("unknown exception class", { P, S("call"), S("$LAB"), S("overheat") }, 1, "",
        "labdevice.DeviceError: ('overheated', 95)\nTraceback (most recent call last):");
    row("code would have to run: refused by name", { P, S("call"), S("$LAB"), S("axes") }, 3, "",
        "pyroctl: $LAB: pickle: refusing to load global '_operator.or_'");
    row("serpent: inert objects are dicts", { S("call"), S("$LAB"), S("point") }, 0, "(1, 2)\n");

    // Item 8: URIs and proxies in results
    row("proxy in a result", { S("call"), S("$FACTORY"), S("sub"), S("'a'") }, 0, "<Pyro4.core.Proxy at PYRO:sub.a@$AT>\n");
    row("URI in a result", { S("call"), S("$FACTORY"), S("sub_uri"), S("'b'") }, 0, "Pyro4.core.URI('PYRO:sub.b@$AT')\n");
    row("URI in a result, json keeps the dict", { S("--format=json"), S("call"), S("$FACTORY"), S("sub_uri"), S("'b'") }, 0,
        "{\"__class__\": \"Pyro4.core.URI\", \"state\": [\"PYRO\", \"sub.b\", null, \"127.0.0.1\", $PORT]}\n");

    // Items 11, 12: bare names, the name server in a serializer it accepts
    const QString ns = QStringLiteral("--ns=$NS");
    row("bare name, method", { ns, S("example.lab"), S("point") }, 0, "(1, 2)\n");
    row("bare name with pickle: name server still asked in serpent", { ns, P, S("example.lab"), S("color") }, 0, "labdevice.Color.RED\n");
    row("call with pickle on a stock name server", { ns, P, S("call"), S("example.lab"), S("reading") }, 0,
        "labdevice.Reading(channel=3, value=1.5, unit='V')\n");
    row("--ns-serializer is used for the name server", { ns, S("--ns-serializer=pickle"), S("call"), S("example.lab"), S("color") }, 4, "",
        "pyroctl: example.lab: Failed to locate the nameserver (The server at $NS refuses the pickle serializer");
    row("undotted bare name with arguments", { ns, S("frobnicate"), S("x") }, 4, "",
        "pyroctl: frobnicate: unknown name: frobnicate\npyroctl: 'frobnicate' is not a command either");

    // Item 10: error texts as Pyro4 prints them
    row("KeyError as Python prints it", { S("call"), S("$LAB"), S("lookup"), S("'nosuch'") }, 1, "", "KeyError: 'nosuch'\n");
    row("Pyro4 error class kept", { S("--serializer=json"), S("call"), S("$LAB"), S("image") }, 1, "",
        "Pyro4.errors.SerializeError: don't know how to serialize class <class 'numpy.ndarray'> using serializer JsonSerializer");
    row("unknown method is an AttributeError", { S("call"), S("$LAB"), S("nope") }, 1, "",
        "AttributeError: remote object '$LAB' has no exposed attribute or method 'nope'\n");
    row("unknown attribute is an AttributeError", { S("get"), S("$LAB"), S("nope") }, 1, "",
        "AttributeError: remote object '$LAB' has no exposed attribute 'nope'\n");
}

void tst_Fidelity::commands()
{
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFETCH(QByteArray, out);
    QFETCH(QByteArray, errStart);
    const Run r = pyroctl(args);
    const QByteArray expectedErr = expand({ QString::fromUtf8(errStart) }).first().toUtf8();
    QVERIFY2(r.err.startsWith(expectedErr), r.err.constData());
    QCOMPARE(r.out, expand({ QString::fromUtf8(out) }).first().toUtf8());
    QCOMPARE(r.code, exitCode);
}

void tst_Fidelity::suggestions_data()
{
    // Item 11: every error that mentions a name or URI suggests the form that would have
    // worked, checked against the (Python Pyro4) name server, and each suggestion is run in
    // the next row. Exit codes are those of the error. stderr is compared whole.
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QByteArray>("out");
    QTest::addColumn<QByteArray>("err");
    auto row = [](const char *name, const QStringList &args, int code, const QByteArray &out, const QByteArray &err = QByteArray()) {
        QTest::newRow(name) << args << code << out << err;
    };
    auto S = [](const char *s) { return QString::fromUtf8(s); };
    const QString ns = QStringLiteral("--ns=$NS");
    const QByteArray help = "Try 'pyroctl --help' for more information.\n";

    row("unknown command that is a registered name", { ns, S("scope") }, 2, "",
        "pyroctl: scope: unknown command\n('scope' is registered at the name server: pyroctl PYRONAME:scope [METHOD [ARG ...]])\n" + help);
    row("-> PYRONAME:scope", { ns, S("PYRONAME:scope"), S("point") }, 0, "(1, 2)\n");
    row("unknown command close to a registered name", { ns, S("scpoe") }, 2, "",
        "pyroctl: scpoe: unknown command\n(registered names close to 'scpoe': scope)\n" + help);
    row("unknown command close to a command (no name server asked)", { S("cal") }, 2, "",
        "pyroctl: cal: unknown command\n(did you mean 'call'?)\n" + help);
    row("unknown command, nothing close", { ns, S("frobnicate") }, 2, "", "pyroctl: frobnicate: unknown command\n" + help);
    row("undotted unknown name with arguments close to a command", { ns, S("cal"), S("example.lab"), S("'point'") }, 4, "",
        "pyroctl: cal: unknown name: cal\npyroctl: 'cal' is not a command either (did you mean 'pyroctl call'?)\n");
    row("a mistyped command taken for a name", { ns, S("cal"), S("example.lab"), S("point") }, 2, "",
        "pyroctl: argument 1: unknown name 'point' at 0\n  point\n  ^\n" + help
        + "pyroctl: 'cal' was taken for an object name (did you mean 'pyroctl call'?)\n");
    row("-> call", { ns, S("call"), S("example.lab"), S("point") }, 0, "(1, 2)\n");
    row("bare name with a typo", { ns, S("call"), S("example.lb"), S("point") }, 4, "",
        "pyroctl: example.lb: unknown name: example.lb\n(registered names close to 'example.lb': example.lab)\n");
    row("PYRONAME: with a typo", { ns, S("stream"), S("PYRONAME:exmaple.lab"), S("counted"), S("--max"), S("1") }, 4, "",
        "pyroctl: PYRONAME:exmaple.lab: unknown name: exmaple.lab\n(registered names close to 'exmaple.lab': example.lab)\n");
    row("PYRO: without an address, a registered name", { ns, S("call"), S("PYRO:example.lab"), S("point") }, 2, "",
        "pyroctl: PYRO:example.lab: invalid uri\n(a PYRO: URI needs @host:port; registered at the name server: PYRONAME:example.lab)\n" + help);
    row("-> PYRONAME:example.lab", { ns, S("call"), S("PYRONAME:example.lab"), S("point") }, 0, "(1, 2)\n");
    row("PYRO: without an address, an object id", { ns, S("get"), S("PYRO:lab"), S("x") }, 2, "",
        "pyroctl: PYRO:lab: invalid uri\n(a PYRO: URI needs @host:port; registered at the name server: $LAB)\n" + help);
    row("PYRO: without a port", { ns, S("call"), S("PYRO:lab@127.0.0.1"), S("point") }, 2, "",
        "pyroctl: PYRO:lab@127.0.0.1: invalid port in uri, port=None\n(a PYRO: URI needs @host:port; registered at the name server: $LAB)\n" + help);
    row("-> the registered URI", { S("call"), S("$LAB"), S("point") }, 0, "(1, 2)\n");
    row("mistyped protocol", { ns, S("ping"), S("PYRONAM:example.lab") }, 2, "",
        "pyroctl: PYRONAM:example.lab: invalid uri (protocol)\n(a URI starts with PYRO:, PYRONAME: or PYROMETA:; registered at the name server: "
        "PYRONAME:example.lab)\n" + help);
    row("PYROMETA: without tags", { ns, S("call"), S("PYROMETA:"), S("point") }, 2, "",
        "pyroctl: PYROMETA:: invalid uri\n(PYROMETA: needs at least one tag; tags registered at the name server: lab.scope)\n" + help);
    row("PYROMETA: with a mistyped tag", { ns, S("call"), S("PYROMETA:lab.scpoe"), S("point") }, 4, "",
        "pyroctl: PYROMETA:lab.scpoe: no registrations available with desired metadata properties {'lab.scpoe'}\n"
        "(PYROMETA:lab.scope would find 'scope')\n");
    row("-> PYROMETA:lab.scope", { ns, S("call"), S("PYROMETA:lab.scope"), S("point") }, 0, "(1, 2)\n");
    row("a stale PYRO: URI", { ns, S("call"), S("PYRO:lab@127.0.0.1:1"), S("point") }, 3, "",
        "pyroctl: PYRO:lab@127.0.0.1:1: $REFUSED\n(the name server has it elsewhere: $LAB (PYRONAME:example.lab, PYRONAME:scope))\n");
    row("ns lookup of a PYRONAME: URI", { ns, S("ns"), S("lookup"), S("PYRONAME:example.lab") }, 4, "",
        "pyroctl: name server: unknown name: PYRONAME:example.lab\n(ns lookup takes a NAME, not a URI: ns lookup example.lab)\n");
    row("-> ns lookup example.lab", { ns, S("ns"), S("lookup"), S("example.lab") }, 0, "$LAB\n");
    row("ns lookup of a PYRO: URI", { ns, S("ns"), S("lookup"), S("$LAB"), S("--meta") }, 4, "",
        "pyroctl: name server: unknown name: $LAB\n(ns lookup takes a NAME, not a URI; registered under that URI: ns lookup example.lab --meta)\n");
    row("ns lookup with a typo", { ns, S("ns"), S("lookup"), S("example.factroy") }, 4, "",
        "pyroctl: name server: unknown name: example.factroy\n(registered names close to 'example.factroy': example.factory)\n");
    row("ns set-meta with a typo", { ns, S("ns"), S("set-meta"), S("scpoe"), S("lab.scope") }, 4, "",
        "pyroctl: name server: unknown name: scpoe\n(registered names close to 'scpoe': scope)\n");
    row("ns remove of a PYRONAME: URI removes nothing and says so", { ns, S("ns"), S("remove"), S("PYRONAME:example.lab") }, 0, "0\n",
        "(ns remove takes a NAME, not a URI: ns remove example.lab)\n");
    row("ns register with a name for the URI", { ns, S("ns"), S("register"), S("lab.alias"), S("example.lab") }, 2, "",
        "pyroctl: example.lab: invalid uri\n(a URI is needed; 'example.lab' is registered as $LAB: ns register lab.alias $LAB)\n" + help);
    row("ns register with NAME and URI swapped", { ns, S("ns"), S("register"), S("$LAB"), S("lab.alias") }, 2, "",
        "pyroctl: lab.alias: invalid uri\n(NAME comes first: ns register lab.alias $LAB)\n" + help);
    row("ns subcommand with a typo", { ns, S("ns"), S("lokup"), S("example.lab") }, 2, "",
        "pyroctl: ns lokup: unknown name server command (did you mean 'ns lookup'?)\n" + help);
}

void tst_Fidelity::suggestions()
{
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFETCH(QByteArray, out);
    QFETCH(QByteArray, err);
    const Run r = pyroctl(args);
    QByteArray expectedErr = expand({ QString::fromUtf8(err) }).first().toUtf8();
    if (expectedErr.contains("$REFUSED")) {
        // the connection error's own text is the client's business; the hint line is checked
        const qsizetype at = expectedErr.indexOf("$REFUSED");
        QVERIFY2(r.err.startsWith(expectedErr.left(at)), r.err.constData());
        QVERIFY2(r.err.endsWith(expectedErr.mid(at + 8).mid(expectedErr.mid(at + 8).indexOf('\n') + 1)), r.err.constData());
    } else {
        QCOMPARE(r.err, expectedErr);
    }
    QCOMPARE(r.out, expand({ QString::fromUtf8(out) }).first().toUtf8());
    QCOMPARE(r.code, exitCode);
}

void tst_Fidelity::arrayAsJson()
{
    // --format json keeps the array dict: shape, dtype, byte order and the data.
    const Run r = pyroctl({ QStringLiteral("--serializer=pickle"), QStringLiteral("--format=json"), QStringLiteral("call"),
                            QStringLiteral("$LAB"), QStringLiteral("image") });
    QCOMPARE(r.code, 0);
    QVERIFY2(r.out.contains("\"__class__\": \"numpy.ndarray\""), r.out.left(300).constData());
    QVERIFY(r.out.contains("\"shape\": [48, 64]"));
    QVERIFY(r.out.contains("\"dtype\": \"uint8\""));
    QVERIFY(r.out.contains("\"byteorder\": \"|\""));
    QVERIFY(r.out.contains("\"data\": {\"data\": \"AAECAwQF"));
    QVERIFY(r.out.contains("\"encoding\": \"base64\""));
}

void tst_Fidelity::environment_data()
{
    // Item 13: settings from Pyro4's environment variables, as Pyro4's config reads them
    QTest::addColumn<QStringList>("env");
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QByteArray>("out");
    QTest::addColumn<QByteArray>("errStart");
    auto S = [](const char *s) { return QString::fromUtf8(s); };
    QTest::newRow("PYRO_SERIALIZER") << QStringList { S("PYRO_SERIALIZER=pickle") } << QStringList { S("call"), S("$LAB"), S("color") } << 0
                                     << QByteArray("labdevice.Color.RED\n") << QByteArray();
    QTest::newRow("--serializer beats PYRO_SERIALIZER") << QStringList { S("PYRO_SERIALIZER=pickle") }
                                                        << QStringList { S("--serializer=serpent"), S("call"), S("$LAB"), S("point") } << 0
                                                        << QByteArray("(1, 2)\n") << QByteArray();
    QTest::newRow("PYRO_COMMTIMEOUT") << QStringList { S("PYRO_COMMTIMEOUT=0.3") } << QStringList { S("call"), S("$LAB"), S("sleep"), S("5") }
                                      << 3 << QByteArray() << QByteArray("pyroctl: $LAB: ");
    QTest::newRow("PYRO_METADATA=0: the server says the name is unknown")
            << QStringList { S("PYRO_METADATA=0") } << QStringList { S("call"), S("$LAB"), S("nope") } << 1 << QByteArray()
            << QByteArray("AttributeError: ");
    QTest::newRow("--no-metadata") << QStringList {} << QStringList { S("--no-metadata"), S("call"), S("$LAB"), S("nope") } << 1
                                   << QByteArray() << QByteArray("AttributeError: ");
    QTest::newRow("PYRO_HMAC_KEY (the peer has none)") << QStringList { S("PYRO_HMAC_KEY=secret") }
                                                       << QStringList { S("call"), S("$LAB"), S("color") } << 3 << QByteArray()
                                                       << QByteArray("pyroctl: $LAB: ");
}

void tst_Fidelity::environment()
{
    QFETCH(QStringList, env);
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFETCH(QByteArray, out);
    QFETCH(QByteArray, errStart);
    QProcessEnvironment e = cleanEnvironment();
    for (const QString &kv : env)
        e.insert(kv.section(u'=', 0, 0), kv.section(u'=', 1));
    const Run r = pyroctl(args, e);
    const QByteArray expectedErr = expand({ QString::fromUtf8(errStart) }).first().toUtf8();
    QVERIFY2(r.err.startsWith(expectedErr), r.err.constData());
    QCOMPARE(r.out, out);
    QCOMPARE(r.code, exitCode);
}

void tst_Fidelity::streamAdvancesOnlyAsFarAsAsked()
{
    // Item 1: a generator that counts its advances; --max 5 advances it exactly 5 times.
    for (const QString &serializer : { QStringLiteral("serpent"), QStringLiteral("pickle") }) {
        const QString s = QStringLiteral("--serializer=") + serializer;
        QCOMPARE(pyroctl({ s, QStringLiteral("call"), QStringLiteral("$LAB"), QStringLiteral("reset") }).code, 0);
        const Run stream = pyroctl({ s, QStringLiteral("stream"), QStringLiteral("$LAB"), QStringLiteral("counted"), QStringLiteral("--max"),
                                     QStringLiteral("5") });
        QCOMPARE(stream.code, 0);
        QCOMPARE(stream.out, QByteArray("0\n1\n2\n3\n4\n"));
        const Run advances = pyroctl({ s, QStringLiteral("call"), QStringLiteral("$LAB"), QStringLiteral("advances") });
        QCOMPARE(advances.out, QByteArray("5\n"));
    }
    // --prefetch pipelines (the generator may run ahead); the output is the same
    const Run prefetched = pyroctl({ QStringLiteral("stream"), QStringLiteral("$LAB"), QStringLiteral("counted"), QStringLiteral("--max"),
                                     QStringLiteral("3"), QStringLiteral("--prefetch"), QStringLiteral("4") });
    QCOMPARE(prefetched.code, 0);
    QCOMPARE(prefetched.out, QByteArray("0\n1\n2\n"));
    const Run bad = pyroctl({ QStringLiteral("stream"), QStringLiteral("$LAB"), QStringLiteral("counted"), QStringLiteral("--prefetch"),
                              QStringLiteral("0") });
    QCOMPARE(bad.code, 2);
}

void tst_Fidelity::retries_data()
{
    // Items 4 and 13: MAX_RETRIES from the environment (or --retries) re-sends a plain call
    // whose connection closed before the reply (tests/peers/connection_peer.py drops it on
    // the first call per key); an attribute write is never repeated.
    QTest::addColumn<QStringList>("env");
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QByteArray>("out");
    QTest::addColumn<QString>("key");
    QTest::addColumn<int>("runs");
    auto S = [](const char *s) { return QString::fromUtf8(s); };
    QTest::newRow("PYRO_MAX_RETRIES=1") << QStringList { S("PYRO_MAX_RETRIES=1") } << QStringList { S("call"), S("$FLAKY"), S("drop_once"), S("'env'") }
                                        << 0 << QByteArray("2\n") << S("env") << 2;
    QTest::newRow("--retries 1") << QStringList {} << QStringList { S("--retries"), S("1"), S("call"), S("$FLAKY"), S("drop_once"), S("'opt'") }
                                 << 0 << QByteArray("2\n") << S("opt") << 2;
    QTest::newRow("no retries") << QStringList {} << QStringList { S("call"), S("$FLAKY"), S("drop_once"), S("'none'") } << 3 << QByteArray()
                                << S("none") << 1;
    QTest::newRow("--retries 0 beats PYRO_MAX_RETRIES") << QStringList { S("PYRO_MAX_RETRIES=2") }
                                                        << QStringList { S("--retries"), S("0"), S("call"), S("$FLAKY"), S("drop_once"), S("'zero'") }
                                                        << 3 << QByteArray() << S("zero") << 1;
    QTest::newRow("set is not repeated") << QStringList { S("PYRO_MAX_RETRIES=3") } << QStringList { S("set"), S("$FLAKY"), S("value"), S("4") } << 3
                                         << QByteArray() << S("value") << 1;
}

void tst_Fidelity::retries()
{
    QFETCH(QStringList, env);
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFETCH(QByteArray, out);
    QFETCH(QString, key);
    QFETCH(int, runs);
    PeerProcess flaky;
    QVERIFY2(flaky.start(QStringLiteral("connection_peer.py")), qPrintable(flaky.failure()));
    const QString uri = flaky.readyText();
    for (QString &a : args)
        a.replace(QLatin1String("$FLAKY"), uri);
    QProcessEnvironment e = cleanEnvironment();
    for (const QString &kv : env)
        e.insert(kv.section(u'=', 0, 0), kv.section(u'=', 1));
    const Run r = pyroctl(args, e);
    QCOMPARE(r.out, out);
    QVERIFY2(r.code == exitCode, r.err.constData());
    const Run count = pyroctl({ QStringLiteral("call"), uri, QStringLiteral("runs"), QStringLiteral("'%1'").arg(key) });
    QCOMPARE(count.out, QByteArray::number(runs) + '\n');
}

QTEST_GUILESS_MAIN(tst_Fidelity)

#include "tst_fidelity.moc"
