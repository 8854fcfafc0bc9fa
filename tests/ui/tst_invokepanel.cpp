#include "client/pendingstream.h"
#include "demo/embeddeddemo.h"
#include "session/session.h"
#include "daemon/callbackhost.h"
#include "daemon/callbackworkbench.h"
#include "history/historymodel.h"
#include "history/historyview.h"
#include "invoke/argumentmodel.h"
#include "invoke/invokepanel.h"
#include "results/resultview.h"
#include "results/valuetreemodel.h"
#include "server/daemon.h"
#include "charts/linechart.h"
#include "streams/streamconsole.h"
#include "streams/streammodel.h"
#include "peerprocess.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Pyro;
using namespace Pyro::Ui;
using Type = ArgumentModel::Type;

class tst_InvokePanel : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void nestedCallShowsTree();
    void invalidLiteralDisablesCall();
    void serializerPreview();
    void perCallSerializer();
    void remoteExceptionWithTraceback_data();
    void remoteExceptionWithTraceback();
    void streamThousandItemsAndStop();
    void draftsSurviveRetarget();
    void historyReplayAndCopy();
    void repeatAndBatch();
    void callbackFromPythonIsLogged();
    void timeoutDropsTheConnection();

private:
    QString demoUri(const QString &id) const { return m_demo->daemon()->uriFor(id).toString(); }
    QTemporaryDir m_dir;
    EmbeddedDemo *m_demo = nullptr;
    Session *m_session = nullptr;
    HistoryModel *m_history = nullptr;
    Test::PeerProcess m_peer;
};

void tst_InvokePanel::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("pyro-explorer-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_invokepanel"));
    QSettings().clear();
    // Not parented: EmbeddedDemo's destructor crashes in NameServer::~NameServer today (reported).
    m_demo = new EmbeddedDemo;
    const Error e = m_demo->start();
    QVERIFY2(!e, qPrintable(e.message()));
    m_session = new Session(this);
    m_history = new HistoryModel(m_dir.filePath(QStringLiteral("history.jsonl")), this);
    QVERIFY2(m_peer.start(QStringLiteral("gui_callback_peer.py")), qPrintable(m_peer.failure()));
}

void tst_InvokePanel::init()
{
    QSettings().remove(QStringLiteral("workbench"));
}

void tst_InvokePanel::nestedCallShowsTree()
{
    InvokePanel panel(m_session);
    panel.setHistoryModel(m_history);
    QAbstractItemModelTester tester(panel.argumentModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester treeTester(panel.resultView()->treeModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    panel.setTarget(PyroUri::parse(demoUri(QStringLiteral("demo.echo"))).value(), QStringLiteral("echo"));
    panel.argumentModel()->appendRow({ QString(), Type::Dict, QStringLiteral("{'a': [1, (2, 3)], 'b': {'n': None}}") });
    QVERIFY(panel.callButton()->isEnabled());
    QSignalSpy done(&panel, &InvokePanel::callFinished);
    QTest::mouseClick(panel.callButton(), Qt::LeftButton);
    QVERIFY(panel.isPending());
    QVERIFY(!panel.callButton()->isEnabled());
    QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, 30000);
    ValueTreeModel *tree = panel.resultView()->treeModel();
    QCOMPARE(tree->rowCount(), 1); // the "result" row
    const QModelIndex top = tree->index(0, 0);
    if (tree->canFetchMore(top))
        tree->fetchMore(top);
    QCOMPARE(tree->rowCount(top), 2);
    const QModelIndex a = tree->index(0, 0, top);
    QCOMPARE(a.data().toString(), QStringLiteral("a"));
    QCOMPARE(tree->index(0, ValueTreeModel::TypeColumn, top).data().toString(), QStringLiteral("list"));
    if (tree->canFetchMore(a))
        tree->fetchMore(a);
    QCOMPARE(tree->rowCount(a), 2);
    QCOMPARE(panel.resultView()->reprText(), QStringLiteral("{'a': [1, (2, 3)], 'b': {'n': None}}"));
    QVERIFY(panel.resultView()->statusText().contains(QStringLiteral("round trip")));
    QCOMPARE(m_history->rowCount(), 1);
}

void tst_InvokePanel::invalidLiteralDisablesCall()
{
    InvokePanel panel(m_session);
    panel.setTarget(PyroUri::parse(demoUri(QStringLiteral("demo.echo"))).value(), QStringLiteral("echo"));
    panel.argumentModel()->appendRow({ QString(), Type::Literal, QStringLiteral("[1, )") });
    QVERIFY(!panel.callButton()->isEnabled());
    QVERIFY2(panel.formError().contains(QStringLiteral("[1, )\n    ^")), qPrintable(panel.formError()));
    panel.argumentModel()->setData(panel.argumentModel()->index(0, ArgumentModel::ValueColumn), QStringLiteral("[1, 2]"));
    QVERIFY(panel.callButton()->isEnabled());
    QVERIFY(panel.formError().isEmpty());
}

void tst_InvokePanel::serializerPreview()
{
    InvokePanel panel(m_session);
    panel.setTarget(PyroUri::parse(demoUri(QStringLiteral("demo.echo"))).value(), QStringLiteral("types"));
    panel.argumentModel()->appendRow({ QString(), Type::Tuple, QStringLiteral("(1, 'a')") });
    QVERIFY2(panel.previewText().contains(QStringLiteral("(1, 'a')")), qPrintable(panel.previewText()));
    ProxySettings json = m_session->settings();
    const ProxySettings original = json;
    json.serializer = SerializerId::Json;
    m_session->setSettings(json);
    QVERIFY2(panel.previewText().contains(QStringLiteral("[1, 'a']")), qPrintable(panel.previewText()));
    QVERIFY(panel.previewText().contains(QStringLiteral("changed by the serializer")));
    panel.argumentModel()->appendRow({ QString(), Type::Literal, QStringLiteral("1+2j") });
    QVERIFY2(panel.previewText().contains(QStringLiteral("Cannot be sent with json")), qPrintable(panel.previewText()));
    QVERIFY(!panel.callButton()->isEnabled());
    m_session->setSettings(original);
}

void tst_InvokePanel::perCallSerializer()
{
    // The serializer picked in the form is the one the call is sent with: json has no tuple,
    // so the demo sees a list; serpent keeps the tuple.
    const PyroUri uri = PyroUri::parse(demoUri(QStringLiteral("demo.echo"))).value();
    QCOMPARE(m_session->settings().serializer, SerializerId::Serpent);
    InvokePanel panel(m_session);
    panel.setHistoryModel(m_history);
    panel.setTarget(uri, QStringLiteral("types"));
    panel.argumentModel()->appendRow({ QString(), Type::Tuple, QStringLiteral("(1, 'a')") });
    QComboBox *serializer = panel.serializerCombo();
    QCOMPARE(serializer->currentIndex(), 0); // as the settings say
    QVERIFY2(serializer->currentText().contains(QStringLiteral("serpent")), qPrintable(serializer->currentText()));
    QSignalSpy done(&panel, &InvokePanel::callFinished);

    const auto callWith = [&](const QString &name) {
        serializer->setCurrentIndex(serializer->findData(name));
        QCOMPARE(panel.invocation().serializer, name);
        QVERIFY2(panel.previewText().contains(name.isEmpty() ? QStringLiteral("serpent") : name), qPrintable(panel.previewText()));
        const int before = done.count();
        panel.call();
        QTRY_COMPARE_WITH_TIMEOUT(done.count(), before + 1, 30000);
        QVERIFY2(!panel.resultView()->error(), qPrintable(panel.resultView()->errorText()));
    };
    callWith(QStringLiteral("json"));
    QCOMPARE(panel.resultView()->reprText(), QStringLiteral("['list', ['int', 'str']]"));
    QVERIFY(panel.previewText().contains(QStringLiteral("changed by the serializer")));
    QCOMPARE(m_history->entry(m_history->rowCount() - 1).invocation.serializer, QStringLiteral("json"));
    callWith(QStringLiteral("serpent"));
    QCOMPARE(panel.resultView()->reprText(), QStringLiteral("['tuple', ['int', 'str']]"));
    callWith(QStringLiteral("marshal"));
    QCOMPARE(panel.resultView()->reprText(), QStringLiteral("['tuple', ['int', 'str']]"));
    callWith(QString()); // back to the profile's serializer
    QCOMPARE(panel.resultView()->reprText(), QStringLiteral("['tuple', ['int', 'str']]"));

    // The shared proxy (the inspector's) keeps the profile's serializer.
    QCOMPARE(m_session->proxyFor(uri)->settings().serializer, SerializerId::Serpent);
    QCOMPARE(m_session->proxyFor(uri, SerializerId::Json)->settings().serializer, SerializerId::Json);
    QCOMPARE(m_session->proxyFor(uri, SerializerId::Serpent), m_session->proxyFor(uri));

    // Replaying a json call from the history (or a pasted pyroctl --serializer json) uses json again.
    callWith(QStringLiteral("json"));
    QVERIFY(panel.pastePyroctl(QStringLiteral("pyroctl --serializer json call %1 types '(2, 3)'").arg(uri.toString())));
    QCOMPARE(serializer->currentData().toString(), QStringLiteral("json"));
    serializer->setCurrentIndex(0);
    QVERIFY(panel.pastePyroctl(QStringLiteral("pyroctl --serializer json call %1 types '(2, 3)'").arg(uri.toString())));
    panel.call();
    QTRY_COMPARE_WITH_TIMEOUT(done.count(), 6, 30000);
    QCOMPARE(panel.resultView()->reprText(), QStringLiteral("['list', ['int', 'int']]"));

    // The choice is kept with the form of (object, method).
    InvokePanel again(m_session);
    again.setTarget(uri, QStringLiteral("types"));
    QCOMPARE(again.serializerCombo()->currentData().toString(), QStringLiteral("json"));
    again.setTarget(uri, QStringLiteral("echo"));
    QCOMPARE(again.serializerCombo()->currentIndex(), 0);
}

void tst_InvokePanel::remoteExceptionWithTraceback_data()
{
    QTest::addColumn<bool>("python");
    QTest::newRow("embedded demo") << false;
    QTest::newRow("python peer") << true;
}

void tst_InvokePanel::remoteExceptionWithTraceback()
{
    QFETCH(bool, python);
    InvokePanel panel(m_session);
    panel.setHistoryModel(m_history);
    if (python) {
        panel.setTarget(PyroUri::parse(m_peer.readyText()).value(), QStringLiteral("explode"));
        panel.argumentModel()->appendRow({ QString(), Type::Str, QStringLiteral("boom") });
    } else {
        panel.setTarget(PyroUri::parse(demoUri(QStringLiteral("demo.echo"))).value(), QStringLiteral("fail"));
        panel.argumentModel()->appendRow({ QString(), Type::Str, QStringLiteral("ValueError") });
        panel.argumentModel()->appendRow({ QStringLiteral("message"), Type::Str, QStringLiteral("boom") });
    }
    QSignalSpy done(&panel, &InvokePanel::callFinished);
    panel.call();
    QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, 30000);
    const Error e = panel.resultView()->error();
    QCOMPARE(e.code(), Error::Code::RemoteException);
    QVERIFY2(panel.resultView()->errorText().startsWith(QStringLiteral("Remote code: ")), qPrintable(panel.resultView()->errorText()));
    QVERIFY(panel.resultView()->errorText().contains(QStringLiteral("ValueError")));
    QVERIFY(panel.resultView()->errorText().contains(QStringLiteral("boom")));
    QVERIFY(!panel.resultView()->tracebackText().isEmpty());
    if (python)
        QVERIFY2(panel.resultView()->tracebackText().contains(QStringLiteral("in inner")), qPrintable(panel.resultView()->tracebackText()));
    QVERIFY(!m_history->entry(m_history->rowCount() - 1).ok);
}

void tst_InvokePanel::streamThousandItemsAndStop()
{
    InvokePanel panel(m_session);
    panel.setTarget(PyroUri::parse(demoUri(QStringLiteral("demo.quotes"))).value(), QStringLiteral("ticks"));
    panel.argumentModel()->appendRow({ QString(), Type::Int, QStringLiteral("1000") });
    StreamConsole *console = panel.streamConsole();
    QAbstractItemModelTester tester(console->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy ended(console, &StreamConsole::streamFinished);
    panel.call();
    QTRY_COMPARE_WITH_TIMEOUT(ended.count(), 1, 60000);
    QTRY_COMPARE_WITH_TIMEOUT(console->model()->rowCount(), 1000, 10000);
    QCOMPARE(console->model()->index(999, StreamModel::ValueColumn).data().toString(), QStringLiteral("999"));
    QVERIFY(console->chart()->pointCount() > 0);
    console->setFilter(QStringLiteral("^99\\d$"));
    // The filter scans for 15 ms at once, then in slices from the event loop (a slow build
    // may need more than one).
    QTRY_COMPARE_WITH_TIMEOUT(console->filterModel()->rowCount(), 10, 10000);
    console->setFilter(QString());
    QVERIFY(console->exportTo(m_dir.filePath(QStringLiteral("s.jsonl"))));

    // An endless stream stops on request, remotely closed.
    panel.argumentModel()->setData(panel.argumentModel()->index(0, ArgumentModel::ValueColumn), QStringLiteral("100000000"));
    panel.call();
    QTRY_VERIFY_WITH_TIMEOUT(console->isRunning() && console->model()->rowCount() > 50, 60000);
    console->setHeld(true);
    QTRY_VERIFY_WITH_TIMEOUT(console->heldCount() > 0, 30000);
    console->model()->flush();
    const int before = console->model()->rowCount();
    console->step();
    QCOMPARE(console->model()->rowCount(), before + 1);
    console->stop();
    QTRY_COMPARE_WITH_TIMEOUT(ended.count(), 2, 30000);
    QVERIFY(!console->isRunning());
}

void tst_InvokePanel::draftsSurviveRetarget()
{
    const PyroUri uri = PyroUri::parse(demoUri(QStringLiteral("demo.echo"))).value();
    {
        InvokePanel panel(m_session);
        panel.setTarget(uri, QStringLiteral("kw"));
        panel.argumentModel()->appendRow({ QString(), Type::Int, QStringLiteral("7") });
        panel.argumentModel()->appendRow({ QStringLiteral("b"), Type::Literal, QStringLiteral("(1, 2)") });
        panel.pinSignature();
        panel.argumentModel()->setData(panel.argumentModel()->index(0, ArgumentModel::ValueColumn), QStringLiteral("8"));
        panel.setTarget(uri, QStringLiteral("echo")); // another method: empty form
        QCOMPARE(panel.argumentModel()->rowCount(), 0);
        panel.setTarget(uri, QStringLiteral("kw")); // back: the draft
        QCOMPARE(panel.argumentModel()->row(0).text, QStringLiteral("8"));
    }
    InvokePanel again(m_session); // a new session of the tool
    again.setTarget(uri, QStringLiteral("kw"));
    QCOMPARE(again.argumentModel()->rowCount(), 2);
    QCOMPARE(again.argumentModel()->row(0).text, QStringLiteral("8"));
    again.resetToPinned();
    QCOMPARE(again.argumentModel()->row(0).text, QStringLiteral("7"));
    QCOMPARE(again.argumentModel()->row(1).name, QStringLiteral("b"));
}

void tst_InvokePanel::historyReplayAndCopy()
{
    HistoryModel history(m_dir.filePath(QStringLiteral("replay.jsonl")));
    QAbstractItemModelTester tester(&history, QAbstractItemModelTester::FailureReportingMode::QtTest);
    InvokePanel panel(m_session);
    panel.setHistoryModel(&history);
    HistoryView view(m_session, &history);
    const QString uri = m_peer.readyText();
    QVERIFY(panel.pastePyroctl(QStringLiteral("pyroctl call %1 echo \"{'k': (1, 'x')}\"").arg(uri)));
    QCOMPARE(panel.method(), QStringLiteral("echo"));
    QSignalSpy done(&panel, &InvokePanel::callFinished);
    panel.call();
    QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, 30000);
    QCOMPARE(panel.resultView()->reprText(), QStringLiteral("{'k': (1, 'x')}"));
    QCOMPARE(history.rowCount(), 1);

    view.view()->selectRow(0);
    QCOMPARE(view.pyroctlText(), QStringLiteral("pyroctl call %1 echo '{'\\''k'\\'': (1, '\\''x'\\'')}'").arg(uri));
    QCOMPARE(Invocation::fromPyroctl(view.pyroctlText()).value(), history.entry(0).invocation);
    view.copyAsPyroctl();
    QCOMPARE(QApplication::clipboard()->text(), view.pyroctlText());
    view.copyAsPython();
    QVERIFY(QApplication::clipboard()->text().contains(QStringLiteral("result = proxy.echo({'k': (1, 'x')})")));

    // Replay: the panel is refilled and calls again.
    panel.argumentModel()->clear();
    view.replaySelected();
    QTRY_COMPARE_WITH_TIMEOUT(done.count(), 2, 30000);
    QCOMPARE(panel.argumentModel()->rowCount(), 1);
    QCOMPARE(history.rowCount(), 2);
    // Search.
    view.searchField()->setText(QStringLiteral("no such thing"));
    QCOMPARE(view.filterModel()->rowCount(), 0);
    view.searchField()->setText(QStringLiteral("ECHO"));
    QCOMPARE(view.filterModel()->rowCount(), 2);
    // Persisted as JSON lines and bounded.
    HistoryModel reread(history.filePath());
    QCOMPARE(reread.rowCount(), 2);
    QCOMPARE(reread.entry(0).invocation, history.entry(0).invocation);
    reread.setMaxEntries(1);
    QCOMPARE(HistoryModel(history.filePath()).rowCount(), 1);
}

void tst_InvokePanel::repeatAndBatch()
{
    InvokePanel panel(m_session);
    panel.setTarget(PyroUri::parse(demoUri(QStringLiteral("demo.echo"))).value(), QStringLiteral("echo"));
    panel.argumentModel()->appendRow({ QString(), Type::Int, QStringLiteral("5") });
    QSignalSpy done(&panel, &InvokePanel::callFinished);
    panel.repeat(20);
    QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, 60000);
    QVERIFY2(panel.repeatSummary().startsWith(QStringLiteral("20 calls: min ")), qPrintable(panel.repeatSummary()));

    panel.addToBatch();
    panel.argumentModel()->setData(panel.argumentModel()->index(0, ArgumentModel::ValueColumn), QStringLiteral("6"));
    panel.addToBatch();
    panel.runBatch();
    QTRY_COMPARE_WITH_TIMEOUT(done.count(), 2, 30000);
    QCOMPARE(panel.resultView()->reprText(), QStringLiteral("[5, 6]"));
    QVERIFY(panel.resultView()->statusText().contains(QStringLiteral("batch of 2")));
}

void tst_InvokePanel::callbackFromPythonIsLogged()
{
    CallbackWorkbench bench(m_session);
    QAbstractItemModelTester tester(bench.host(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    const QString cbUri = bench.createObject(QStringLiteral("listener"));
    QVERIFY(cbUri.startsWith(QStringLiteral("PYRO:listener@127.0.0.1:")));
    bench.setReply(QStringLiteral("listener"), QStringLiteral("notify"), QStringLiteral("return"), QStringLiteral("('ack', 42)"), 0);
    bench.setReply(QStringLiteral("listener"), QStringLiteral("refuse"), QStringLiteral("raise"), QStringLiteral("KeyError: nope"), 10);

    InvokePanel panel(m_session);
    panel.setTarget(PyroUri::parse(m_peer.readyText()).value(), QStringLiteral("call_back"));
    panel.argumentModel()->appendRow({ QString(), Type::CallbackProxy, cbUri });
    panel.argumentModel()->appendRow({ QString(), Type::Str, QStringLiteral("notify") });
    panel.argumentModel()->appendRow({ QString(), Type::Literal, QStringLiteral("{'x': [1, 2]}") });
    QSignalSpy done(&panel, &InvokePanel::callFinished);
    panel.call();
    QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, 30000);
    QVERIFY2(!panel.resultView()->error(), qPrintable(panel.resultView()->errorText()));
    QCOMPARE(panel.resultView()->reprText(), QStringLiteral("('ack', 42)"));
    QTRY_COMPARE_WITH_TIMEOUT(bench.host()->rowCount(), 1, 10000);
    const CallbackHost::LogEntry entry = bench.host()->log().first();
    QCOMPARE(entry.method, QStringLiteral("notify"));
    QCOMPARE(entry.arguments, QStringLiteral("{'x': [1, 2]}"));
    QCOMPARE(entry.reply, QStringLiteral("('ack', 42)"));
    QVERIFY(entry.caller.startsWith(QStringLiteral("127.0.0.1:")));

    // A canned exception reaches the Python caller, which passes it back to us.
    panel.argumentModel()->setData(panel.argumentModel()->index(1, ArgumentModel::ValueColumn), QStringLiteral("refuse"));
    panel.call();
    QTRY_COMPARE_WITH_TIMEOUT(done.count(), 2, 30000);
    QCOMPARE(panel.resultView()->error().remoteClass(), QStringLiteral("builtins.KeyError"));
    QTRY_COMPARE_WITH_TIMEOUT(bench.host()->rowCount(), 2, 10000);
}

void tst_InvokePanel::timeoutDropsTheConnection()
{
    // Issue 11 item 5: the per-call timeout is Pyro4's _pyroTimeout, not a local cancel:
    // the call fails with TimeoutError's text and the connection is dropped, so the next
    // call (same object, same proxy) is not stuck behind the sleeping one (120 s).
    Test::PeerProcess peer;
    QVERIFY2(peer.start(QStringLiteral("connection_peer.py")), qPrintable(peer.failure()));
    InvokePanel panel(m_session);
    panel.setHistoryModel(m_history);
    QSignalSpy done(&panel, &InvokePanel::callFinished);
    Invocation slow;
    slow.uri = peer.readyText();
    slow.method = QStringLiteral("sleepy");
    slow.args = { 120 };
    slow.timeout = 0.5;
    panel.setInvocation(slow);
    panel.call();
    QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, 30000);
    QCOMPARE(panel.resultView()->error().code(), Error::Code::Timeout);
    QVERIFY2(panel.resultView()->errorText().contains(QStringLiteral("receiving: timeout")), qPrintable(panel.resultView()->errorText()));
    QVERIFY(!m_history->entry(m_history->rowCount() - 1).ok);

    Invocation quick = slow;
    quick.method = QStringLiteral("echo");
    quick.args = { 7 };
    quick.timeout = 0;
    panel.setInvocation(quick);
    panel.call();
    QTRY_COMPARE_WITH_TIMEOUT(done.count(), 2, 30000);
    QVERIFY2(!panel.resultView()->error().isError(), qPrintable(panel.resultView()->errorText()));
    QCOMPARE(panel.resultView()->reprText(), QStringLiteral("7"));
}

QTEST_MAIN(tst_InvokePanel)
#include "tst_invokepanel.moc"
