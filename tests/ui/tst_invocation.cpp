#include "invoke/argumentline.h"
#include "invoke/argumentmodel.h"
#include "invoke/invocation.h"

#include <QTest>

using namespace Pyro;
using namespace Pyro::Ui;

class tst_Invocation : public QObject
{
    Q_OBJECT
private slots:
    void pyroctlRoundTrip_data();
    void pyroctlRoundTrip();
    void pyroctlText();
    void pasteErrors_data();
    void pasteErrors();
    void pythonText();
    void pythonCallee_data();
    void pythonCallee();
    void jsonRoundTrip();
    void proxyArgumentsReadBack();
};

static Invocation sample()
{
    Invocation inv;
    inv.uri = QStringLiteral("PYRO:demo.echo@127.0.0.1:4567");
    inv.method = QStringLiteral("echo");
    Dict d;
    d.insert(QStringLiteral("a b"), Value::tuple({ 1, 2.5, Value::bytes(QByteArray("\x00'", 2)) }));
    inv.args = { Value(d), Value(QStringLiteral("it's \"quoted\" $HOME")), Value() };
    inv.kwargs.insert(QStringLiteral("flag"), true);
    return inv;
}

void tst_Invocation::pyroctlRoundTrip_data()
{
    QTest::addColumn<bool>("oneway");
    QTest::addColumn<double>("timeout");
    QTest::addColumn<QString>("serializer");
    QTest::newRow("plain call") << false << 0.0 << QString();
    QTest::newRow("oneway with timeout") << true << 2.5 << QString();
    QTest::newRow("json serializer") << false << 0.0 << QStringLiteral("json");
}

void tst_Invocation::pyroctlRoundTrip()
{
    QFETCH(bool, oneway);
    QFETCH(double, timeout);
    QFETCH(QString, serializer);
    Invocation inv = sample();
    inv.oneway = oneway;
    inv.timeout = timeout;
    inv.serializer = serializer;
    const Result<Invocation> back = Invocation::fromPyroctl(inv.toPyroctl());
    QVERIFY2(back.ok(), qPrintable(back.error().message()));
    QCOMPARE(back.value(), inv);
}

void tst_Invocation::pyroctlText()
{
    Invocation inv;
    inv.uri = QStringLiteral("PYRONAME:demo.echo");
    inv.method = QStringLiteral("echo");
    inv.args = { 1, Value(QStringLiteral("x")) };
    inv.kwargs.insert(QStringLiteral("n"), Value::list({ 1, 2 }));
    QCOMPARE(inv.toPyroctl(), QStringLiteral("pyroctl call PYRONAME:demo.echo echo 1 ''\\''x'\\''' 'n=[1, 2]'"));
    // What a user types in a shell reads back the same.
    const Result<Invocation> typed = Invocation::fromPyroctl(QStringLiteral("pyroctl call demo.echo echo 1 \"'x'\" n='[1, 2]'"));
    QVERIFY(typed.ok());
    QCOMPARE(typed.value(), inv);
}

void tst_Invocation::pasteErrors_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<QString>("message");
    QTest::newRow("unterminated quote") << QStringLiteral("pyroctl call X m 'abc") << QStringLiteral("unterminated single quote at 17");
    QTest::newRow("missing method") << QStringLiteral("pyroctl call PYRO:x@h:1") << QStringLiteral("expected URI METHOD after 'call'");
    QTest::newRow("unknown command") << QStringLiteral("pyroctl ns list") << QStringLiteral("unsupported command 'ns': expected call, oneway or stream");
    QTest::newRow("bad literal") << QStringLiteral("pyroctl call PYRO:x@h:1 m '(1,'")
                                 << QStringLiteral("argument 1: ");
}

void tst_Invocation::pasteErrors()
{
    QFETCH(QString, line);
    QFETCH(QString, message);
    const Result<Invocation> r = Invocation::fromPyroctl(line);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code(), Error::Code::UsageError);
    QVERIFY2(r.error().message().startsWith(message), qPrintable(r.error().message()));
}

void tst_Invocation::pythonText()
{
    Invocation inv = sample();
    const QString code = inv.toPython();
    QVERIFY(code.contains(QStringLiteral("proxy = Pyro4.Proxy('PYRO:demo.echo@127.0.0.1:4567')")));
    QVERIFY2(code.contains(QStringLiteral("result = proxy.echo({'a b': (1, 2.5, b\"\\x00'\")}, 'it\\'s \"quoted\" $HOME', None, flag=True)")),
             qPrintable(code));
    inv.oneway = true;
    QVERIFY(inv.toPython().contains(QStringLiteral("proxy._pyroOneway.add('echo')")));
}

void tst_Invocation::pythonCallee_data()
{
    // A method is written as proxy.NAME only when Python's tokenizer reads that name back
    // unchanged: an identifier, not a keyword, NFKC-stable (PythonText::isSourceName).
    QTest::addColumn<QString>("method");
    QTest::addColumn<QString>("callee");
    QTest::newRow("plain") << QStringLiteral("echo") << QStringLiteral("proxy.echo(");
    QTest::newRow("underscore") << QStringLiteral("_private") << QStringLiteral("proxy._private(");
    QTest::newRow("non_ascii") << QStringLiteral("caf\u00e9") << QStringLiteral("proxy.caf\u00e9(");
    QTest::newRow("keyword") << QStringLiteral("class") << QStringLiteral("getattr(proxy, 'class')(");
    QTest::newRow("keyword_None") << QStringLiteral("None") << QStringLiteral("getattr(proxy, 'None')(");
    QTest::newRow("soft_keyword") << QStringLiteral("match") << QStringLiteral("proxy.match(");
    QTest::newRow("dash") << QStringLiteral("a-b") << QStringLiteral("getattr(proxy, 'a-b')(");
    QTest::newRow("digit_first") << QStringLiteral("1st") << QStringLiteral("getattr(proxy, '1st')(");
    QTest::newRow("nfkc_ligature") << QStringLiteral("\ufb01le") << QStringLiteral("getattr(proxy, '\ufb01le')(");
}

void tst_Invocation::pythonCallee()
{
    QFETCH(QString, method);
    QFETCH(QString, callee);
    Invocation inv;
    inv.uri = QStringLiteral("PYRO:obj@127.0.0.1:4567");
    inv.method = method;
    const QString code = inv.toPython();
    QVERIFY2(code.contains(QStringLiteral("result = ") + callee), qPrintable(code));
}

void tst_Invocation::jsonRoundTrip()
{
    const Invocation inv = sample();
    const Result<Invocation> back = Invocation::fromJson(inv.toJson());
    QVERIFY(back.ok());
    QCOMPARE(back.value(), inv);
}

QTEST_MAIN(tst_Invocation)
// A workbench callback passed as an argument reads as a proxy in the argument line and in
// "Copy as pyroctl", and both read back into the same class dict.
void tst_Invocation::proxyArgumentsReadBack()
{
    Invocation inv;
    inv.uri = QStringLiteral("PYRONAME:demo.callbacks");
    inv.method = QStringLiteral("call_back");
    const Value listener = ArgumentModel::proxyDict(QStringLiteral("PYRO:listener@127.0.0.1:4567"));
    inv.args = { listener, QStringLiteral("notify"), Value::tuple({ 21 }) };
    QCOMPARE(inv.argumentText(), QStringLiteral("Pyro4.core.Proxy('PYRO:listener@127.0.0.1:4567'), 'notify', (21,)"));
    const Result<ArgumentLine::Arguments> line = ArgumentLine::parse(inv.argumentText());
    QVERIFY2(line.ok(), qPrintable(line.error().message()));
    QCOMPARE(line.value().args, inv.args);
    const Result<Invocation> back = Invocation::fromPyroctl(inv.toPyroctl());
    QVERIFY2(back.ok(), qPrintable(back.error().message()));
    QCOMPARE(back.value(), inv);
}

#include "tst_invocation.moc"
