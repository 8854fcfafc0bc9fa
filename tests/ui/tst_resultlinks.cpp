// URIs and proxies received in results (issue 12 item 12, issue 11 item 8, explorer part),
// against a real Python Pyro4 daemon (tests/peers/gui_results_peer.py): they are links in the
// result view (open in the inspector, call, copy URI), shown as proxies in results, history,
// the callback log and the sequence diagram; "Copy as Python code" of a call that passes a
// workbench callback writes a script that hosts the callback itself, run here with Debian's
// python3 against the same daemon; the sequence diagram follows new messages.
#include "daemon/callbackhost.h"
#include "daemon/callbackworkbench.h"
#include "daemon/callsequencemodel.h"
#include "daemon/callsequenceview.h"
#include "history/historymodel.h"
#include "history/historyview.h"
#include "history/pythonscript.h"
#include "inspector/objectinspector.h"
#include "invoke/argumentmodel.h"
#include "invoke/invokepanel.h"
#include "mainwindow.h"
#include "peerprocess.h"
#include "results/resultview.h"
#include "results/valuetreemodel.h"
#include "session/session.h"
#include "value/displayrepr.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QProcess>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace Pyro;
using namespace Pyro::Ui;
using Type = ArgumentModel::Type;
using Pyro::Test::PeerProcess;

static constexpr int Timeout = 30000;

class tst_ResultLinks : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void proxyFormsInTheTree_data();
    void proxyFormsInTheTree();
    void linksOpenCallAndCopy();
    void pyro5NamesFromPython();
    void callbackScriptRunsAgainstPython();
    void sequenceDiagramFollowsNewMessages();

private:
    static QModelIndex find(const QAbstractItemModel *model, const QString &name, const QModelIndex &parent = QModelIndex());
    PeerProcess m_peer;
    QString m_factory;
};

void tst_ResultLinks::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("pyro-explorer-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_resultlinks"));
    QSettings().clear();
    QVERIFY2(m_peer.start(QStringLiteral("gui_results_peer.py")), qPrintable(m_peer.failure()));
    m_factory = m_peer.readyText().split(u' ').value(0);
    QVERIFY2(m_factory.startsWith(QStringLiteral("PYRO:factory@")), qPrintable(m_peer.readyText()));
}

QModelIndex tst_ResultLinks::find(const QAbstractItemModel *model, const QString &name, const QModelIndex &parent)
{
    for (int r = 0; r < model->rowCount(parent); ++r) {
        const QModelIndex i = model->index(r, 0, parent);
        if (i.data().toString() == name)
            return i;
        if (const QModelIndex inner = find(model, name, i); inner.isValid())
            return inner;
    }
    return QModelIndex();
}

void tst_ResultLinks::proxyFormsInTheTree_data()
{
    QTest::addColumn<Value>("value");
    QTest::addColumn<QString>("shown");
    QTest::addColumn<QString>("uri");
    const auto dict = [](const QString &cls, const ValueList &state) {
        return Value(Dict { { QStringLiteral("__class__"), cls }, { QStringLiteral("state"), Value::tuple(state) } });
    };
    QTest::newRow("pyro4 proxy") << dict(QStringLiteral("Pyro4.core.Proxy"), { QStringLiteral("PYRO:listener@127.0.0.1:4000"), Value::tuple({}),
                                                                             Value::tuple({}), Value::tuple({}), 0.0, Value(), QStringLiteral("hello"), 0, Value() })
                                 << QStringLiteral("Pyro4.core.Proxy('PYRO:listener@127.0.0.1:4000')") << QStringLiteral("PYRO:listener@127.0.0.1:4000");
    QTest::newRow("pyro5 proxy") << dict(QStringLiteral("Pyro5.client.Proxy"), { QStringLiteral("PYRO:obj@10.0.0.1:9"), Value::tuple({}),
                                                                               Value::tuple({}), Value::tuple({}), 0.0, Value() })
                                 << QStringLiteral("Pyro5.client.Proxy('PYRO:obj@10.0.0.1:9')") << QStringLiteral("PYRO:obj@10.0.0.1:9");
    QTest::newRow("pyro4 uri") << dict(QStringLiteral("Pyro4.core.URI"), { QStringLiteral("PYRO"), QStringLiteral("x"), Value(), QStringLiteral("h"), 5 })
                               << QStringLiteral("Pyro4.core.URI('PYRO:x@h:5')") << QStringLiteral("PYRO:x@h:5");
    QTest::newRow("pyro5 uri") << dict(QStringLiteral("Pyro5.core.URI"), { QStringLiteral("PYRO"), QStringLiteral("y"), Value(), QStringLiteral("h"), 6 })
                               << QStringLiteral("Pyro5.core.URI('PYRO:y@h:6')") << QStringLiteral("PYRO:y@h:6");
    // Not a link: a dict that only looks a bit like one.
    QTest::newRow("state too short") << dict(QStringLiteral("Pyro4.core.Proxy"), { QStringLiteral("PYRO:x@h:1") })
                                     << QString() << QString();
}

void tst_ResultLinks::proxyFormsInTheTree()
{
    QFETCH(Value, value);
    QFETCH(QString, shown);
    QFETCH(QString, uri);
    ValueTreeModel model;
    model.setValue(Value::list({ value }));
    const QModelIndex item = model.index(0, ValueTreeModel::ValueColumn, model.index(0, 0));
    QCOMPARE(item.data(ValueTreeModel::RemoteUriRole).toString(), uri);
    if (shown.isEmpty())
        return;
    QCOMPARE(item.data().toString(), shown);
    QCOMPARE(model.rowCount(item.siblingAtColumn(0)), 0); // a leaf, not a dict to open
    QVERIFY(item.data(Qt::FontRole).value<QFont>().underline());
    QCOMPARE(DisplayRepr::write(Value::list({ value, 1 }), DisplayRepr::ObjectStyle::Constructor), u'[' + shown + QStringLiteral(", 1]"));
}

void tst_ResultLinks::linksOpenCallAndCopy()
{
    HistoryModel history;
    MainWindow w;
    w.resize(1280, 720);
    w.show();
    auto *panel = static_cast<InvokePanel *>(w.invokePanel());
    panel->setHistoryModel(&history);
    const PyroUri factory = PyroUri::parse(m_factory).value();
    w.openUri(m_factory);
    QTRY_VERIFY_WITH_TIMEOUT(w.inspector()->methodList()->count() > 0, Timeout);
    panel->setTarget(factory, QStringLiteral("tree"));
    QSignalSpy done(panel, &InvokePanel::callFinished);
    panel->call();
    QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, Timeout);
    ResultView *result = panel->resultView();
    QVERIFY2(!result->error(), qPrintable(result->errorText()));

    // Shown as proxies and URIs: tree, repr, history.
    const QString host = factory.host() + u':' + QString::number(factory.port());
    const QString stageUri = QStringLiteral("PYRO:sub.stage@%1").arg(host);
    QTreeView *tree = result->treeView();
    tree->expandAll();
    const QModelIndex stage = find(tree->model(), QStringLiteral("stage"));
    QVERIFY(stage.isValid());
    QCOMPARE(stage.siblingAtColumn(ValueTreeModel::ValueColumn).data().toString(), QStringLiteral("Pyro4.core.Proxy('%1')").arg(stageUri));
    QCOMPARE(stage.siblingAtColumn(ValueTreeModel::TypeColumn).data().toString(), QStringLiteral("Pyro4.core.Proxy"));
    QCOMPARE(result->linkAt(stage), stageUri);
    const QModelIndex axes = find(tree->model(), QStringLiteral("axes"));
    const QModelIndex y = tree->model()->index(1, 0, axes);
    QCOMPARE(y.data().toString(), QStringLiteral("[1]"));
    QCOMPARE(result->linkAt(y), QStringLiteral("PYRO:sub.y@%1").arg(host));
    QVERIFY2(result->reprText().contains(QStringLiteral("'stage': Pyro4.core.Proxy('%1')").arg(stageUri)), qPrintable(result->reprText()));
    QVERIFY2(result->reprText().contains(QStringLiteral("Pyro4.core.URI('PYRO:sub.x@%1')").arg(host)), qPrintable(result->reprText()));
    QCOMPARE(history.rowCount(), 1);
    QVERIFY2(history.entry(0).result.contains(QStringLiteral("Pyro4.core.Proxy('%1')").arg(stageUri)), qPrintable(history.entry(0).result));

    // Copy URI from the context menu.
    std::unique_ptr<QMenu> menu(result->contextMenuFor(stage));
    QVERIFY(menu);
    QStringList texts;
    for (QAction *a : menu->actions())
        texts << a->text();
    QVERIFY2(texts.contains(QStringLiteral("Open in the inspector")) && texts.contains(QStringLiteral("Call a method of it…"))
                     && texts.contains(QStringLiteral("Copy URI")),
             qPrintable(texts.join(u'|')));
    for (QAction *a : menu->actions())
        if (a->text() == QStringLiteral("Copy URI"))
            a->trigger();
    QCOMPARE(QApplication::clipboard()->text(), stageUri);

    // Enter / double-click opens it in the inspector, and the call line targets it.
    emit tree->activated(stage.siblingAtColumn(ValueTreeModel::ValueColumn));
    QTRY_COMPARE(w.inspector()->object().toString(), stageUri);
    QTRY_VERIFY_WITH_TIMEOUT(w.inspector()->methodList()->findItems(QStringLiteral("double"), Qt::MatchExactly).size() == 1, Timeout);
    QCOMPARE(panel->targetUri().toString(), stageUri);

    // The real thing: call a method of the received object through the form.
    panel->setTarget(panel->targetUri(), QStringLiteral("double"));
    panel->argumentLine()->setText(QStringLiteral("21"));
    emit panel->argumentLine()->textEdited(panel->argumentLine()->text());
    panel->call();
    QTRY_COMPARE_WITH_TIMEOUT(done.count(), 2, Timeout);
    QCOMPARE(panel->resultView()->value(), Value(42));

    // "Call a method of it…" on another link: opened, focus in the method list.
    panel->setTarget(factory, QStringLiteral("tree"));
    panel->call();
    QTRY_COMPARE_WITH_TIMEOUT(done.count(), 3, Timeout);
    tree->expandAll();
    const QModelIndex x = tree->model()->index(0, 0, find(tree->model(), QStringLiteral("axes")));
    std::unique_ptr<QMenu> menu2(result->contextMenuFor(x));
    for (QAction *a : menu2->actions())
        if (a->text() == QStringLiteral("Call a method of it…"))
            a->trigger();
    QTRY_COMPARE(w.inspector()->object().toString(), QStringLiteral("PYRO:sub.x@%1").arg(host));
    QCOMPARE(panel->targetUri().toString(), QStringLiteral("PYRO:sub.x@%1").arg(host));
}

void tst_ResultLinks::pyro5NamesFromPython()
{
    // A Python Pyro5 daemon returns a proxy of itself and its URI: Pyro5's class names.
    QVERIFY2(PeerProcess::pyro5Failure().isEmpty(), qPrintable(PeerProcess::pyro5Failure()));
    PeerProcess peer;
    QVERIFY2(peer.start(QStringLiteral("pyro5_server.py"), { QStringLiteral("--no-ns") }, Timeout, PeerProcess::pyro5Environment()),
             qPrintable(peer.failure()));
    const QString uri = peer.readyText().split(u' ').value(0);
    Session session;
    InvokePanel panel(&session);
    QSignalSpy done(&panel, &InvokePanel::callFinished);
    panel.setTarget(PyroUri::parse(uri).value(), QStringLiteral("me"));
    panel.call();
    QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, Timeout);
    ResultView *result = panel.resultView();
    QVERIFY2(!result->error(), qPrintable(result->errorText()));
    const QModelIndex top = result->treeView()->model()->index(0, ValueTreeModel::ValueColumn);
    QCOMPARE(top.data().toString(), QStringLiteral("Pyro5.client.Proxy('%1')").arg(uri));
    QCOMPARE(result->linkAt(top), uri);
    panel.setTarget(PyroUri::parse(uri).value(), QStringLiteral("myuri"));
    panel.call();
    QTRY_COMPARE_WITH_TIMEOUT(done.count(), 2, Timeout);
    QVERIFY2(!result->error(), qPrintable(result->errorText()));
    const QModelIndex top2 = result->treeView()->model()->index(0, ValueTreeModel::ValueColumn);
    QCOMPARE(top2.data().toString(), QStringLiteral("Pyro5.core.URI('%1')").arg(uri));
    QCOMPARE(result->linkAt(top2), uri);
}

void tst_ResultLinks::callbackScriptRunsAgainstPython()
{
    HistoryModel history;
    Session session;
    CallbackWorkbench bench(&session);
    bench.setHistoryModel(&history);
    const QString cbUri = bench.createObject(QStringLiteral("listener"));
    QVERIFY(!cbUri.isEmpty());
    bench.setReply(QStringLiteral("listener"), QStringLiteral("notify"), QStringLiteral("return"), QStringLiteral("('ack', 1)"), 0);

    InvokePanel panel(&session);
    panel.setHistoryModel(&history);
    panel.setTarget(PyroUri::parse(m_factory).value(), QStringLiteral("notify"));
    panel.argumentModel()->appendRow({ QString(), Type::CallbackProxy, cbUri });
    panel.argumentModel()->appendRow({ QString(), Type::Int, QStringLiteral("2") });
    QSignalSpy done(&panel, &InvokePanel::callFinished);
    panel.call();
    QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, Timeout);
    QVERIFY2(!panel.resultView()->error(), qPrintable(panel.resultView()->errorText()));
    QCOMPARE(panel.resultView()->value().repr(), QStringLiteral("[('ack', 1), ('ack', 1)]"));

    // Shown as a proxy in the history, and in the sequence diagram's call out.
    const QString proxyText = QStringLiteral("Pyro4.core.Proxy('%1')").arg(cbUri);
    QCOMPARE(history.rowCount(), 1);
    QCOMPARE(history.index(0, HistoryModel::ArgumentsColumn).data().toString(), proxyText + QStringLiteral(", 2"));
    QTRY_COMPARE_WITH_TIMEOUT(bench.sequenceModel()->rowCount(), 6, Timeout);
    QCOMPARE(bench.sequenceModel()->event(0).label, QStringLiteral("notify(%1, 2)").arg(proxyText));

    // Copy as Python code: a complete script hosting the callback; run it against the peer.
    HistoryView view(&session, &history);
    const QString script = view.pythonText();
    QVERIFY2(script.contains(QStringLiteral("class ListenerCallback(object):")), qPrintable(script));
    QVERIFY2(script.contains(QStringLiteral("@Pyro4.callback")), qPrintable(script));
    QVERIFY2(script.contains(QStringLiteral("result = proxy.notify(listener, 2)")), qPrintable(script));
    // The call form's own "Copy as Python code" writes the same script.
    panel.copyAsPython();
    QCOMPARE(QApplication::clipboard()->text(), script);
    QTemporaryDir dir;
    QFile file(dir.filePath(QStringLiteral("callback_call.py")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(script.toUtf8());
    file.close();
    QProcess python;
    python.start(PeerProcess::python(), { file.fileName() });
    QVERIFY(python.waitForFinished(Timeout));
    const QString out = QString::fromUtf8(python.readAllStandardOutput());
    const QString err = QString::fromUtf8(python.readAllStandardError());
    QVERIFY2(python.exitStatus() == QProcess::NormalExit && python.exitCode() == 0, qPrintable(script + out + err));
    QVERIFY2(out.contains(QStringLiteral("callback listener.notify (0,) {}")) && out.contains(QStringLiteral("callback listener.notify (1,) {}")),
             qPrintable(out));
    QVERIFY2(out.trimmed().endsWith(QStringLiteral("[('ack', 1), ('ack', 1)]")), qPrintable(out));

    // A raising, delayed, oneway method is written too (and parses as Python).
    bench.setReply(QStringLiteral("listener"), QStringLiteral("fail"), QStringLiteral("raise"), QStringLiteral("bad"), 100, true);
    const QString more = PythonScript::write(history.entry(0).invocation, bench.host());
    QVERIFY2(more.contains(QStringLiteral("    @Pyro4.oneway\n    def fail(self, *args, **kwargs):")), qPrintable(more));
    QVERIFY2(more.contains(QStringLiteral("time.sleep(0.1)\n        raise ValueError('bad')")), qPrintable(more));
    QProcess check;
    check.start(PeerProcess::python(), { QStringLiteral("-c"), QStringLiteral("import ast, sys; ast.parse(sys.stdin.read())") });
    QVERIFY(check.waitForStarted());
    check.write(more.toUtf8());
    check.closeWriteChannel();
    QVERIFY(check.waitForFinished(Timeout));
    QVERIFY2(check.exitCode() == 0, check.readAllStandardError().constData());

    // Pyro5 objects get Pyro5's names.
    Invocation five = history.entry(0).invocation;
    five.protocol = ProtocolVersion::Pyro5;
    const QString pyro5 = PythonScript::write(five, bench.host());
    QVERIFY2(pyro5.contains(QStringLiteral("@Pyro5.api.callback")) && pyro5.contains(QStringLiteral("Pyro5.api.Daemon(host='127.0.0.1')"))
                     && !pyro5.contains(QStringLiteral("Pyro4")),
             qPrintable(pyro5));
}

void tst_ResultLinks::sequenceDiagramFollowsNewMessages()
{
    CallSequenceModel model;
    CallSequenceView view;
    view.setModel(&model);
    view.resize(600, 200);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QScrollBar *bar = view.verticalScrollBar();
    const QDateTime t0 = QDateTime::currentDateTime();
    for (int i = 0; i < 30; ++i)
        model.addOutgoingCall(QStringLiteral("PYRO:x@h:1"), QStringLiteral("n%1()").arg(i), t0.addSecs(i), t0.addSecs(i), true, QString(), false);
    QVERIFY(bar->maximum() > 0);
    QCOMPARE(bar->value(), bar->maximum());
    // The newest row is drawn in view.
    QCOMPARE(view.rowAt(view.viewport()->height() - 2), model.rowCount() - 1);

    // Resized (a dock made taller, then smaller again): still at the newest.
    view.resize(600, 120);
    QTRY_COMPARE(bar->value(), bar->maximum());
    model.addOutgoingCall(QStringLiteral("PYRO:x@h:1"), QStringLiteral("late()"), t0.addSecs(100), t0.addSecs(100), true, QString(), false);
    QCOMPARE(bar->value(), bar->maximum());

    // The user scrolls up to read: new messages do not pull the view away.
    bar->setValue(0);
    QVERIFY(!view.isFollowing());
    model.addOutgoingCall(QStringLiteral("PYRO:x@h:1"), QStringLiteral("more()"), t0.addSecs(101), t0.addSecs(101), true, QString(), false);
    QCOMPARE(bar->value(), 0);
    // Back at the bottom: following again.
    bar->setValue(bar->maximum());
    QVERIFY(view.isFollowing());
    model.addOutgoingCall(QStringLiteral("PYRO:x@h:1"), QStringLiteral("last()"), t0.addSecs(102), t0.addSecs(102), true, QString(), false);
    QCOMPARE(bar->value(), bar->maximum());
    QCOMPARE(view.rowAt(view.viewport()->height() - 2), model.rowCount() - 1);

    // Messages that arrive while the view is hidden (its dock tab not raised) are in view
    // when it is shown, at another size.
    view.hide();
    for (int i = 0; i < 20; ++i)
        model.addOutgoingCall(QStringLiteral("PYRO:x@h:1"), QStringLiteral("h%1()").arg(i), t0.addSecs(200 + i), t0.addSecs(200 + i), true, QString(), false);
    view.resize(700, 300);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QTRY_COMPARE(bar->value(), bar->maximum());
    QCOMPARE(view.rowAt(view.viewport()->height() - 2), model.rowCount() - 1);
}

QTEST_MAIN(tst_ResultLinks)
#include "tst_resultlinks.moc"
