// DeepLink: pyroexplorer:// links to a name server or an object (and method): round trips,
// accepted spellings, and a clear UsageError for each kind of bad input.
#include "links/deeplink.h"

#include <QTest>

using namespace Pyro;
using namespace Pyro::Ui;

class tst_DeepLink : public QObject
{
    Q_OBJECT
private slots:
    void roundTrip_data();
    void roundTrip();
    void parse_data();
    void parse();
    void badInput_data();
    void badInput();
};

static PyroUri uri(const char *text)
{
    return PyroUri::parse(QString::fromUtf8(text)).value();
}

void tst_DeepLink::roundTrip_data()
{
    QTest::addColumn<DeepLink>("link");
    QTest::addColumn<QString>("text");
    QTest::newRow("ns") << DeepLink::nameServer(QStringLiteral("nshost"), 9090) << QStringLiteral("pyroexplorer://ns/nshost:9090");
    QTest::newRow("ns ipv6") << DeepLink::nameServer(QStringLiteral("::1"), 9999) << QStringLiteral("pyroexplorer://ns/[::1]:9999");
    QTest::newRow("pyro") << DeepLink::object(uri("PYRO:demo.echo@127.0.0.1:4711"))
                          << QStringLiteral("pyroexplorer://object/PYRO%3Ademo.echo%40127.0.0.1%3A4711");
    QTest::newRow("pyro method") << DeepLink::object(uri("PYRO:demo.echo@127.0.0.1:4711"), QStringLiteral("types"))
                                 << QStringLiteral("pyroexplorer://object/PYRO%3Ademo.echo%40127.0.0.1%3A4711?method=types");
    QTest::newRow("pyroname") << DeepLink::object(uri("PYRONAME:demo.calculator@ns.example:9090"), QStringLiteral("add"))
                              << QStringLiteral("pyroexplorer://object/PYRONAME%3Ademo.calculator%40ns.example%3A9090?method=add");
    QTest::newRow("pyrometa") << DeepLink::object(uri("PYROMETA:class:demo,fast@localhost:9090"))
                              << QStringLiteral("pyroexplorer://object/PYROMETA%3Aclass%3Ademo%2Cfast%40localhost%3A9090");
    QTest::newRow("unix socket") << DeepLink::object(uri("PYRO:obj@./u:/tmp/a b.sock"), QStringLiteral("m&n=?"))
                                 << QStringLiteral("pyroexplorer://object/PYRO%3Aobj%40.%2Fu%3A%2Ftmp%2Fa%20b.sock?method=m%26n%3D%3F");
    QTest::newRow("ipv6 object") << DeepLink::object(uri("PYRO:x@[::1]:5000"))
                                 << QStringLiteral("pyroexplorer://object/PYRO%3Ax%40%5B%3A%3A1%5D%3A5000");
}

void tst_DeepLink::roundTrip()
{
    QFETCH(DeepLink, link);
    QFETCH(QString, text);
    QCOMPARE(link.toString(), text);
    const Result<DeepLink> back = DeepLink::parse(text);
    QVERIFY2(back.ok(), qPrintable(back.error().message()));
    QVERIFY(back.value() == link);
    QCOMPARE(back.value().toString(), text);
    QVERIFY(DeepLink::hasScheme(text));
}

void tst_DeepLink::parse_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("canonical");
    QTest::newRow("default port") << QStringLiteral("pyroexplorer://ns/nshost") << QStringLiteral("pyroexplorer://ns/nshost:9090");
    QTest::newRow("ipv6 default port") << QStringLiteral("pyroexplorer://ns/[fe80::1]") << QStringLiteral("pyroexplorer://ns/[fe80::1]:9090");
    QTest::newRow("trailing slash") << QStringLiteral("pyroexplorer://ns/nshost:1234/") << QStringLiteral("pyroexplorer://ns/nshost:1234");
    QTest::newRow("case and spaces") << QStringLiteral("  PyroExplorer://NS/nshost:1234 \n") << QStringLiteral("pyroexplorer://ns/nshost:1234");
    QTest::newRow("unencoded uri") << QStringLiteral("pyroexplorer://object/PYRO:demo.echo@127.0.0.1:4711?method=echo")
                                   << QStringLiteral("pyroexplorer://object/PYRO%3Ademo.echo%40127.0.0.1%3A4711?method=echo");
    QTest::newRow("lower-case protocol") << QStringLiteral("pyroexplorer://object/pyroname:demo.echo")
                                         << QStringLiteral("pyroexplorer://object/PYRONAME%3Ademo.echo");
    QTest::newRow("encoded method") << QStringLiteral("pyroexplorer://object/PYRONAME:x?method=a%20b")
                                    << QStringLiteral("pyroexplorer://object/PYRONAME%3Ax?method=a%20b");
}

void tst_DeepLink::parse()
{
    QFETCH(QString, text);
    QFETCH(QString, canonical);
    const Result<DeepLink> link = DeepLink::parse(text);
    QVERIFY2(link.ok(), qPrintable(link.error().message()));
    QCOMPARE(link.value().toString(), canonical);
}

void tst_DeepLink::badInput_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("reason");
    QTest::newRow("empty") << QString() << QStringLiteral("must start with pyroexplorer://");
    QTest::newRow("other scheme") << QStringLiteral("http://ns/host") << QStringLiteral("must start with pyroexplorer://");
    QTest::newRow("plain uri") << QStringLiteral("PYRO:obj@host:1") << QStringLiteral("must start with pyroexplorer://");
    QTest::newRow("no slashes") << QStringLiteral("pyroexplorer:ns/host") << QStringLiteral("expected pyroexplorer://ns/");
    QTest::newRow("no kind") << QStringLiteral("pyroexplorer://") << QStringLiteral("expected pyroexplorer://ns/");
    QTest::newRow("unknown kind") << QStringLiteral("pyroexplorer://daemon/x") << QStringLiteral("unknown kind 'daemon'");
    QTest::newRow("ns missing") << QStringLiteral("pyroexplorer://ns/") << QStringLiteral("address is missing");
    QTest::newRow("ns bad port") << QStringLiteral("pyroexplorer://ns/host:http") << QStringLiteral("'http' is not a port number");
    QTest::newRow("ns port range") << QStringLiteral("pyroexplorer://ns/host:70000") << QStringLiteral("'70000' is not a port number");
    QTest::newRow("ns bare ipv6") << QStringLiteral("pyroexplorer://ns/::1:9090") << QStringLiteral("must be in brackets");
    QTest::newRow("ns open bracket") << QStringLiteral("pyroexplorer://ns/[::1") << QStringLiteral("unterminated '['");
    QTest::newRow("ns query") << QStringLiteral("pyroexplorer://ns/host?method=x") << QStringLiteral("takes no parameters");
    QTest::newRow("ns no host") << QStringLiteral("pyroexplorer://ns/:9090") << QStringLiteral("is not a host name");
    QTest::newRow("object missing") << QStringLiteral("pyroexplorer://object/") << QStringLiteral("object URI is missing");
    QTest::newRow("object not a uri") << QStringLiteral("pyroexplorer://object/http%3A%2F%2Fx") << QStringLiteral("pyroexplorer://object/http");
    QTest::newRow("object no location") << QStringLiteral("pyroexplorer://object/PYRO%3Anohost") << QStringLiteral("PYRO%3Anohost");
    QTest::newRow("unknown parameter") << QStringLiteral("pyroexplorer://object/PYRONAME:x?call=1") << QStringLiteral("unknown parameter 'call'");
    QTest::newRow("empty method") << QStringLiteral("pyroexplorer://object/PYRONAME:x?method=") << QStringLiteral("method name is empty");
}

void tst_DeepLink::badInput()
{
    QFETCH(QString, text);
    QFETCH(QString, reason);
    const Result<DeepLink> link = DeepLink::parse(text);
    QVERIFY(!link.ok());
    QCOMPARE(link.error().code(), Error::Code::UsageError);
    QVERIFY2(link.error().message().startsWith(QStringLiteral("Not a usable pyroexplorer link: ")), qPrintable(link.error().message()));
    QVERIFY2(link.error().message().contains(reason), qPrintable(link.error().message()));
    QVERIFY(!DeepLink().isValid());
    QVERIFY(DeepLink().toString().isEmpty());
}

QTEST_GUILESS_MAIN(tst_DeepLink)
#include "tst_deeplink.moc"
