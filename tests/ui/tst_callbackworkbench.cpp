// The callback workbench: callback errors in its log (Pyro4's @callback semantics of its
// objects) and the sequence view of calls out and callbacks in, against a Python Pyro4 peer
// (tests/peers/gui_callback_peer.py) that calls back the proxy it is given.
#include "session/session.h"
#include "daemon/callbackhost.h"
#include "daemon/callbackworkbench.h"
#include "daemon/callsequencemodel.h"
#include "daemon/callsequenceview.h"
#include "history/historymodel.h"
#include "invoke/argumentmodel.h"
#include "invoke/invokepanel.h"
#include "results/resultview.h"
#include "peerprocess.h"

#include <QAbstractItemModelTester>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTabWidget>
#include <QTest>

using namespace Pyro;
using namespace Pyro::Ui;
using Type = ArgumentModel::Type;
using Kind = CallSequenceModel::Kind;

class tst_CallbackWorkbench : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void sequenceModelOrderAndBound();
    void callOutCallbackInReply();
    void callbackErrorIsMarkedInLog();
    void pyro5CallerCallsTheWorkbench();

private:
    static QList<Kind> kinds(const CallSequenceModel *model)
    {
        QList<Kind> out;
        for (const CallSequenceModel::Event &e : model->events())
            out << e.kind;
        return out;
    }
    Session *m_session = nullptr;
    Test::PeerProcess m_peer;
};

void tst_CallbackWorkbench::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("pyro-explorer-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_callbackworkbench"));
    QSettings().clear();
    m_session = new Session(this);
    QVERIFY2(m_peer.start(QStringLiteral("gui_callback_peer.py")), qPrintable(m_peer.failure()));
}

void tst_CallbackWorkbench::init()
{
    QSettings().remove(QStringLiteral("workbench")); // no drafts from the previous test's forms
}

void tst_CallbackWorkbench::sequenceModelOrderAndBound()
{
    CallSequenceModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const QDateTime t0 = QDateTime::currentDateTime();
    // A callback logged before the call that caused it was recorded (history entries come
    // when the call finished): the call out still goes first.
    CallbackHost::LogEntry cb;
    cb.time = t0.addMSecs(10);
    cb.replied = t0.addMSecs(15);
    cb.object = QStringLiteral("listener");
    cb.method = QStringLiteral("notify");
    cb.arguments = QStringLiteral("1");
    cb.reply = QStringLiteral("None");
    model.addCallback(cb);
    model.addOutgoingCall(QStringLiteral("PYRO:x@h:1"), QStringLiteral("go()"), t0, t0.addMSecs(20), false, QStringLiteral("boom"), false);
    QCOMPARE(kinds(&model), (QList<Kind> { Kind::CallOut, Kind::CallbackIn, Kind::CallbackReply, Kind::Reply }));
    QCOMPARE(model.index(1).data(CallSequenceModel::LabelRole).toString(), QStringLiteral("listener.notify(1)"));
    QCOMPARE(model.index(1).data(CallSequenceModel::FromLaneRole).toInt(), int(CallSequenceModel::RemoteLane));
    QCOMPARE(model.index(1).data(CallSequenceModel::ToLaneRole).toInt(), int(CallSequenceModel::CallbackLane));
    QCOMPARE(model.index(3).data(CallSequenceModel::ToLaneRole).toInt(), int(CallSequenceModel::ExplorerLane));
    QVERIFY(model.index(3).data(CallSequenceModel::ErrorRole).toBool());
    QVERIFY(!model.index(2).data(CallSequenceModel::ErrorRole).toBool());

    // Equal times: call out, callback in, callback reply, reply.
    const QDateTime t1 = t0.addSecs(1);
    cb.time = cb.replied = t1;
    model.addOutgoingCall(QStringLiteral("PYRO:x@h:1"), QStringLiteral("go()"), t1, t1, true, QStringLiteral("1"), false);
    model.addCallback(cb);
    QCOMPARE(kinds(&model).mid(4), (QList<Kind> { Kind::CallOut, Kind::CallbackIn, Kind::CallbackReply, Kind::Reply }));

    // Oneway: no reply rows.
    cb.oneway = true;
    cb.time = t0.addSecs(2);
    model.addCallback(cb);
    model.addOutgoingCall(QStringLiteral("PYRO:x@h:1"), QStringLiteral("fire()"), t0.addSecs(3), t0.addSecs(3), true, QString(), true);
    QCOMPARE(model.rowCount(), 10);
    QVERIFY(model.index(8).data(CallSequenceModel::OnewayRole).toBool());
    QCOMPARE(model.event(9).kind, Kind::CallOut);

    // Bounded: the oldest go first.
    model.setMaxEvents(4);
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(model.event(3).label, QStringLiteral("fire()"));
    for (int i = 0; i < 10; ++i)
        model.addOutgoingCall(QStringLiteral("PYRO:x@h:1"), QStringLiteral("n%1()").arg(i), t0.addSecs(10 + i), t0.addSecs(10 + i), true, QString(), false);
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(model.event(3).label, QString()); // the last reply
    QCOMPARE(model.event(2).label, QStringLiteral("n9()"));
    model.clear();
    QCOMPARE(model.rowCount(), 0);
}

void tst_CallbackWorkbench::callOutCallbackInReply()
{
    HistoryModel history;
    CallbackWorkbench bench(m_session);
    bench.setHistoryModel(&history);
    bench.host()->clearLog();
    QAbstractItemModelTester tester(bench.sequenceModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    const QString cbUri = bench.createObject(QStringLiteral("sequence"));
    QVERIFY(!cbUri.isEmpty());
    bench.setReply(QStringLiteral("sequence"), QStringLiteral("notify"), QStringLiteral("return"), QStringLiteral("('ack', 1)"), 0);

    InvokePanel panel(m_session);
    panel.setHistoryModel(&history);
    panel.setTarget(PyroUri::parse(m_peer.readyText()).value(), QStringLiteral("call_back"));
    panel.argumentModel()->appendRow({ QString(), Type::CallbackProxy, cbUri });
    panel.argumentModel()->appendRow({ QString(), Type::Str, QStringLiteral("notify") });
    panel.argumentModel()->appendRow({ QString(), Type::Int, QStringLiteral("7") });
    QSignalSpy done(&panel, &InvokePanel::callFinished);
    panel.call();
    QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, 30000);
    QVERIFY2(!panel.resultView()->error(), qPrintable(panel.resultView()->errorText()));

    const CallSequenceModel *model = bench.sequenceModel();
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 4, 10000);
    QCOMPARE(kinds(model), (QList<Kind> { Kind::CallOut, Kind::CallbackIn, Kind::CallbackReply, Kind::Reply }));
    QVERIFY2(model->event(0).label.startsWith(QStringLiteral("call_back(")), qPrintable(model->event(0).label));
    QCOMPARE(model->event(1).label, QStringLiteral("sequence.notify(7)"));
    QCOMPARE(model->event(2).label, QStringLiteral("('ack', 1)"));
    QCOMPARE(model->event(3).label, QStringLiteral("('ack', 1)"));
    for (int row = 1; row < 4; ++row)
        QVERIFY(model->event(row - 1).time <= model->event(row).time);
    QVERIFY(model->index(0).data().toString().contains(QStringLiteral("Explorer → Remote object")));

    // The diagram draws them (smoke test: paints, maps rows to positions).
    bench.resize(1200, 800);
    bench.show();
    QVERIFY(QTest::qWaitForWindowExposed(&bench));
    CallSequenceView *view = bench.sequenceView();
    auto *logTabs = bench.findChild<QTabWidget *>(QStringLiteral("callbackLogTabs"));
    QVERIFY(logTabs);
    logTabs->setCurrentWidget(view->parentWidget()); // the diagram shares its place with the log
    QTRY_VERIFY(view->isVisible());
    QVERIFY(!view->grab().isNull());
    QVERIFY(view->laneX(CallSequenceModel::ExplorerLane) < view->laneX(CallSequenceModel::RemoteLane));
    QVERIFY(view->laneX(CallSequenceModel::RemoteLane) < view->laneX(CallSequenceModel::CallbackLane));
    QCOMPARE(view->rowAt(view->headerHeight() + view->rowHeight() / 2 - view->verticalScrollBar()->value()), 0);
}

void tst_CallbackWorkbench::callbackErrorIsMarkedInLog()
{
    HistoryModel history;
    CallbackWorkbench bench(m_session);
    bench.setHistoryModel(&history);
    bench.host()->clearLog();
    CallbackHost *host = bench.host();
    QAbstractItemModelTester tester(host, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const QString cbUri = bench.createObject(QStringLiteral("refuser"));
    bench.setReply(QStringLiteral("refuser"), QStringLiteral("refuse"), QStringLiteral("raise"), QStringLiteral("KeyError: nope"), 0);
    QSignalSpy marked(host, &CallbackHost::callbackErrorLogged);

    InvokePanel panel(m_session);
    panel.setHistoryModel(&history);
    panel.setTarget(PyroUri::parse(m_peer.readyText()).value(), QStringLiteral("call_back"));
    panel.argumentModel()->appendRow({ QString(), Type::CallbackProxy, cbUri });
    panel.argumentModel()->appendRow({ QString(), Type::Str, QStringLiteral("refuse") });
    panel.argumentModel()->appendRow({ QString(), Type::Int, QStringLiteral("1") });
    QSignalSpy done(&panel, &InvokePanel::callFinished);
    panel.call();
    QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, 30000);
    // The Python caller got the exception from the callback and passed it on to us.
    QCOMPARE(panel.resultView()->error().remoteClass(), QStringLiteral("builtins.KeyError"));

    // One log row, marked as a callback error with the daemon's traceback.
    QTRY_COMPARE_WITH_TIMEOUT(marked.count(), 1, 10000);
    QCOMPARE(host->rowCount(), 1);
    const CallbackHost::LogEntry entry = host->log().first();
    QVERIFY(entry.raised);
    QVERIFY(entry.callbackError);
    QVERIFY2(entry.traceback.startsWith(QStringLiteral("Traceback (most recent call last):\n")), qPrintable(entry.traceback));
    QVERIFY2(entry.traceback.contains(QStringLiteral("in refuse\n")), qPrintable(entry.traceback));
    QVERIFY2(entry.traceback.trimmed().endsWith(QStringLiteral("KeyError: nope")), qPrintable(entry.traceback));
    const QModelIndex reply = host->index(0, CallbackHost::ReplyColumn);
    QCOMPARE(reply.data().toString(), QStringLiteral("callback error: raise KeyError('nope')"));
    QVERIFY(reply.data(Qt::ToolTipRole).toString().contains(entry.traceback));
    QCOMPARE(reply.data(Qt::ForegroundRole).value<QColor>(), QColor(Qt::red));

    // The sequence shows the raise going back to the caller, and the error reaching us.
    const CallSequenceModel *model = bench.sequenceModel();
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 4, 10000);
    QCOMPARE(kinds(model), (QList<Kind> { Kind::CallOut, Kind::CallbackIn, Kind::CallbackReply, Kind::Reply }));
    QVERIFY(model->event(2).error);
    QVERIFY(model->event(3).error);
    QVERIFY(model->event(2).callbackError);
    QCOMPARE(model->index(2).data(Qt::ToolTipRole).toString(), entry.traceback);
    QVERIFY2(model->index(2).data().toString().contains(QStringLiteral("callback error: raise KeyError('nope')")),
             qPrintable(model->index(2).data().toString()));

    // A normal reply afterwards: the Python caller connects again (the daemon closed the
    // connection of the failed callback, as Pyro4 does) and the row is not marked.
    bench.setReply(QStringLiteral("refuser"), QStringLiteral("refuse"), QStringLiteral("return"), QStringLiteral("'ok'"), 0);
    panel.call();
    QTRY_COMPARE_WITH_TIMEOUT(done.count(), 2, 30000);
    QVERIFY2(!panel.resultView()->error(), qPrintable(panel.resultView()->errorText()));
    QTRY_COMPARE_WITH_TIMEOUT(host->rowCount(), 2, 10000);
    QVERIFY(!host->log().at(1).callbackError);
    QCOMPARE(marked.count(), 1);
}

QTEST_MAIN(tst_CallbackWorkbench)
// The workbench's daemon serves Pyro5 callers too: a Python Pyro5 daemon receives the
// workbench object's proxy as an argument (sent over 502) and calls it back over 502.
void tst_CallbackWorkbench::pyro5CallerCallsTheWorkbench()
{
    QVERIFY2(Test::PeerProcess::pyro5Failure().isEmpty(), qPrintable(Test::PeerProcess::pyro5Failure()));
    Test::PeerProcess pyro5;
    QVERIFY2(pyro5.start(QStringLiteral("gui_callback_peer.py"), { QStringLiteral("--pyro5") }, 30000, Test::PeerProcess::pyro5Environment()),
             qPrintable(pyro5.failure()));
    HistoryModel history;
    CallbackWorkbench bench(m_session);
    bench.setHistoryModel(&history);
    bench.host()->clearLog();
    const QString cbUri = bench.createObject(QStringLiteral("listener5"));
    QVERIFY(!cbUri.isEmpty());
    bench.setReply(QStringLiteral("listener5"), QStringLiteral("notify"), QStringLiteral("return"), QStringLiteral("'ack5'"), 0);

    InvokePanel panel(m_session);
    panel.setHistoryModel(&history);
    panel.setTarget(PyroUri::parse(pyro5.readyText()).value(), QStringLiteral("call_back"));
    panel.argumentModel()->appendRow({ QString(), Type::CallbackProxy, cbUri });
    panel.argumentModel()->appendRow({ QString(), Type::Str, QStringLiteral("notify") });
    panel.argumentModel()->appendRow({ QString(), Type::Int, QStringLiteral("5") });
    QSignalSpy done(&panel, &InvokePanel::callFinished);
    panel.call();
    QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, 30000);
    QVERIFY2(!panel.resultView()->error(), qPrintable(panel.resultView()->errorText()));
    QCOMPARE(panel.resultView()->value(), Value(QStringLiteral("ack5")));
    QTRY_COMPARE_WITH_TIMEOUT(bench.host()->rowCount(), 1, 10000); // the callback reached the log
    QCOMPARE(bench.sequenceModel()->event(1).label, QStringLiteral("listener5.notify(5)"));
}

#include "tst_callbackworkbench.moc"
