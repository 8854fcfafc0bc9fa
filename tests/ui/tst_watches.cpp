// Watches against real daemons in this process (the embedded demo, and daemons hosting a
// counting HandlerObject that this test stops and starts again on the same port): a changing
// attribute shows changes and its chart grows; intervals hold in counts (polls per other
// watch's polls), one request in flight per watch behind a slow peer; watches are kept per
// name server in QSettings and come back; a watch pauses while its daemon is gone and
// resumes when it is back; the inspector's and the history's Watch entries add watches.
#include "charts/linechart.h"
#include "peerprocess.h"
#include "client/proxy.h"
#include "demo/embeddeddemo.h"
#include "history/historyview.h"
#include "inspector/objectinspector.h"
#include "invoke/invokepanel.h"
#include "mainwindow.h"
#include "server/daemon.h"
#include "server/handlerobject.h"
#include "session/session.h"
#include "watches/watch.h"
#include "watches/watchdock.h"
#include "watches/watchlist.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QComboBox>
#include <QLineEdit>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QTcpServer>
#include <QStandardPaths>
#include <QTableView>
#include <QTableWidget>
#include <QThread>
#include <QtTest>

#include <atomic>
#include <memory>

using namespace Pyro;
using namespace Pyro::Ui;

namespace {
constexpr int Timeout = 30000;

//! A real daemon object: attribute "counter" counts its reads, "slow()" answers after 300 ms.
std::shared_ptr<HandlerObject> makeCounter(std::shared_ptr<std::atomic<int>> reads)
{
    auto object = std::make_shared<HandlerObject>();
    object->addAttribute(QStringLiteral("counter"), [reads] { return Value(qint64(++*reads)); });
    object->addMethod(QStringLiteral("slow"), [](const ValueList &, const Dict &) -> CallResult {
        QThread::msleep(300);
        return Value(QStringLiteral("done"));
    });
    return object;
}
} // namespace

class tst_Watches : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void changingAttributeShowsChangesAndChartGrows();
    void intervalsHoldInCounts();
    void slowPeerHasOneRequestInFlight();
    void keptPerNameServer();
    void pausesWhileDaemonIsGoneAndResumes();
    void pythonDaemonKilledAndRestarted();
    void inspectorAndHistoryAddWatches();
    void demoWatchesComeBackAfterRestart();
};

void tst_Watches::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("pyro-explorer-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_watches"));
}

void tst_Watches::init()
{
    QSettings().clear();
}

void tst_Watches::changingAttributeShowsChangesAndChartGrows()
{
    // Declared first, so it goes last: after the dock and the session whose proxies use it.
    const auto demo = std::make_unique<EmbeddedDemo>();
    QVERIFY(!demo->start());
    Session session;
    WatchDock dock(&session);
    QAbstractItemModelTester tester(dock.list(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    dock.resize(900, 300);
    dock.show();
    // Empty: the chart says how to add a watch, the per-watch controls are off.
    QVERIFY(dock.chart()->placeholderText().contains(QStringLiteral("choose Watch")));
    QVERIFY(!dock.intervalBox()->isEnabled());
    const QString uri = demo->daemon()->uriFor(QStringLiteral("demo.thermostat")).toString();
    Watch *w = dock.addWatch(uri, QStringLiteral("temperature"), Watch::Kind::Attribute);
    QCOMPARE(dock.currentWatch(), w);
    dock.intervalBox()->setValue(0.1);
    QCOMPARE(w->interval(), 100);
    // The thermostat drifts and wobbles every 250 ms: changes keep coming.
    QTRY_VERIFY_WITH_TIMEOUT(w->changeCount() >= 4, Timeout);
    QCOMPARE(w->state(), Watch::State::Polling);
    QVERIFY(w->value().isFloat());
    const QModelIndex value = dock.list()->index(0, WatchList::ValueColumn);
    QCOMPARE(value.data().toString(), w->value().repr());
    QVERIFY(!dock.list()->index(0, WatchList::ChangedColumn).data().toString().isEmpty());
    QCOMPARE(dock.list()->index(0, WatchList::WhatColumn).data().toString(), QStringLiteral("demo.thermostat.temperature"));
    // Every reply is a sample of the chart; it grows while the watch runs.
    const qint64 samples = dock.chart()->sampleCount(QStringLiteral("temperature"));
    QVERIFY(samples >= 4);
    QTRY_VERIFY_WITH_TIMEOUT(dock.chart()->sampleCount(QStringLiteral("temperature")) >= samples + 5, Timeout);
    QCOMPARE(dock.chart()->seriesNames(), QStringList { QStringLiteral("temperature") });
    QVERIFY(!dock.chart()->grab().isNull());

    // A method without arguments returning a dict: one series per numeric field.
    Watch *status = dock.addWatch(uri, QStringLiteral("status"), Watch::Kind::Method);
    QCOMPARE(dock.currentWatch(), status);
    QTRY_VERIFY_WITH_TIMEOUT(status->replyCount() >= 2, Timeout);
    QCOMPARE(status->value().toDict().value(Value(QStringLiteral("mode"))), Value(QStringLiteral("heat")));
    QTRY_VERIFY(dock.chart()->seriesNames().contains(QStringLiteral("temperature")));
    QVERIFY(dock.chart()->seriesNames().contains(QStringLiteral("target")));
    // Adding it again finds the same watch.
    QCOMPARE(dock.addWatch(uri, QStringLiteral("status"), Watch::Kind::Method), status);
    QCOMPARE(dock.list()->rowCount(), 2);

    // Pause: nothing more is asked.
    dock.pauseButton()->click();
    QVERIFY(status->isPaused());
    QTRY_VERIFY(!status->isInFlight());
    const qint64 polls = status->pollCount();
    const qint64 other = w->replyCount();
    QTRY_VERIFY_WITH_TIMEOUT(w->replyCount() >= other + 5, Timeout); // the other one goes on
    QCOMPARE(status->pollCount(), polls);
    dock.pauseButton()->click();
    QVERIFY(!status->isPaused());
    QTRY_VERIFY_WITH_TIMEOUT(status->pollCount() > polls, Timeout);
    dock.removeButton()->click();
    QCOMPARE(dock.list()->rowCount(), 1);
}

void tst_Watches::intervalsHoldInCounts()
{
    auto reads = std::make_shared<std::atomic<int>>(0);
    Daemon daemon;
    QVERIFY(daemon.listen(QStringLiteral("127.0.0.1"), 0));
    daemon.registerObject(makeCounter(reads), QStringLiteral("fast"));
    daemon.registerObject(makeCounter(reads), QStringLiteral("slow"));
    Session session;
    WatchList list(&session);
    Watch *fast = list.add(daemon.uriFor(QStringLiteral("fast")).toString(), QStringLiteral("counter"), Watch::Kind::Attribute, 100);
    Watch *slow = list.add(daemon.uriFor(QStringLiteral("slow")).toString(), QStringLiteral("counter"), Watch::Kind::Attribute, 1000);
    QCOMPARE(fast->interval(), 100);
    QCOMPARE(slow->interval(), 1000);
    // While the 1 s watch makes 3 more requests, the 0.1 s one makes about ten times as many.
    QTRY_VERIFY_WITH_TIMEOUT(slow->replyCount() >= 1, Timeout);
    const qint64 slowStart = slow->pollCount(), fastStart = fast->pollCount();
    QTRY_VERIFY_WITH_TIMEOUT(slow->pollCount() >= slowStart + 3, Timeout);
    const qint64 fastPolls = fast->pollCount() - fastStart;
    QVERIFY2(fastPolls >= 8 && fastPolls <= 45, qPrintable(QString::number(fastPolls)));
    // And the other way round: 20 fast polls leave room for at most 3 slow ones.
    const qint64 slowBefore = slow->pollCount(), fastBefore = fast->pollCount();
    QTRY_VERIFY_WITH_TIMEOUT(fast->pollCount() >= fastBefore + 20, Timeout);
    QVERIFY2(slow->pollCount() - slowBefore <= 4, qPrintable(QString::number(slow->pollCount() - slowBefore)));
    // Every read is a change of the counting attribute.
    QVERIFY(fast->changeCount() >= 20);
    // Out-of-range intervals are clamped to 0.1..60 s.
    fast->setInterval(5);
    QCOMPARE(fast->interval(), Watch::MinIntervalMs);
    fast->setInterval(3600000);
    QCOMPARE(fast->interval(), Watch::MaxIntervalMs);
}

void tst_Watches::slowPeerHasOneRequestInFlight()
{
    auto reads = std::make_shared<std::atomic<int>>(0);
    Daemon daemon;
    QVERIFY(daemon.listen(QStringLiteral("127.0.0.1"), 0));
    daemon.registerObject(makeCounter(reads), QStringLiteral("counter"));
    Session session;
    WatchList list(&session);
    // slow() takes 300 ms, the watch ticks every 100 ms: ticks are skipped, never queued.
    Watch *w = list.add(daemon.uriFor(QStringLiteral("counter")).toString(), QStringLiteral("slow"), Watch::Kind::Method, 100);
    QTRY_VERIFY_WITH_TIMEOUT(w->replyCount() >= 4, Timeout);
    QVERIFY(w->pollCount() <= w->replyCount() + 1);
    QVERIFY(w->skippedCount() >= 4);
    QCOMPARE(w->value(), Value(QStringLiteral("done")));
    QCOMPARE(w->changeCount(), qint64(1));
    QVERIFY(w->samples().empty()); // not a number: no chart
}

void tst_Watches::keptPerNameServer()
{
    Session session;
    session.setNameServer(QStringLiteral("127.0.0.1:1"));
    {
        WatchList list(&session);
        QCOMPARE(list.rowCount(), 0);
        Watch *a = list.add(QStringLiteral("PYRONAME:lab.thermo"), QStringLiteral("temperature"), Watch::Kind::Attribute, 2500);
        Watch *b = list.add(QStringLiteral("PYRONAME:lab.queue"), QStringLiteral("length"), Watch::Kind::Method);
        b->setPaused(true);
        a->setInterval(700);
        QCOMPARE(list.rowCount(), 2);
    }
    QVERIFY(QSettings().childGroups().contains(QStringLiteral("watches")));
    WatchList list(&session);
    QAbstractItemModelTester tester(&list, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(list.rowCount(), 2);
    QCOMPARE(list.watch(0)->uri(), QStringLiteral("PYRONAME:lab.thermo"));
    QCOMPARE(list.watch(0)->member(), QStringLiteral("temperature"));
    QCOMPARE(list.watch(0)->kind(), Watch::Kind::Attribute);
    QCOMPARE(list.watch(0)->interval(), 700);
    QVERIFY(!list.watch(0)->isPaused());
    QCOMPARE(list.watch(1)->kind(), Watch::Kind::Method);
    QCOMPARE(list.watch(1)->label(), QStringLiteral("lab.queue.length()"));
    QVERIFY(list.watch(1)->isPaused());
    QCOMPARE(list.watch(1)->pollCount(), qint64(0));

    // Another name server has its own (none); switching back brings them again.
    session.setNameServer(QStringLiteral("127.0.0.1:2"));
    QCOMPARE(list.nameServer(), QStringLiteral("127.0.0.1:2"));
    QCOMPARE(list.rowCount(), 0);
    list.add(QStringLiteral("PYRONAME:other"), QStringLiteral("x"), Watch::Kind::Attribute);
    session.setNameServer(QStringLiteral("127.0.0.1:1"));
    QCOMPARE(list.rowCount(), 2);
    list.remove(0);
    session.setNameServer(QStringLiteral("127.0.0.1:2"));
    QCOMPARE(list.rowCount(), 1);
    QCOMPARE(list.watch(0)->uri(), QStringLiteral("PYRONAME:other"));
    session.setNameServer(QStringLiteral("127.0.0.1:1"));
    QCOMPARE(list.rowCount(), 1);
    QCOMPARE(list.watch(0)->member(), QStringLiteral("length"));
}

void tst_Watches::pausesWhileDaemonIsGoneAndResumes()
{
    auto reads = std::make_shared<std::atomic<int>>(0);
    auto counter = makeCounter(reads);
    auto *daemon = new Daemon;
    QVERIFY(daemon->listen(QStringLiteral("127.0.0.1"), 0));
    daemon->registerObject(counter, QStringLiteral("counter"));
    const PyroUri uri = daemon->uriFor(QStringLiteral("counter"));
    Session session;
    WatchList list(&session);
    list.setReconnectInterval(200);
    Watch *w = list.add(uri.toString(), QStringLiteral("counter"), Watch::Kind::Attribute, 100);
    QTRY_VERIFY_WITH_TIMEOUT(w->replyCount() >= 3, Timeout);
    QCOMPARE(w->state(), Watch::State::Polling);

    // The daemon goes away: the watch says so and only probes now and then.
    daemon->close();
    delete daemon;
    QTRY_COMPARE_WITH_TIMEOUT(w->state(), Watch::State::Unreachable, Timeout);
    QCOMPARE(list.index(0, WatchList::StateColumn).data().toString(), w->stateText());
    QVERIFY2(w->stateText().startsWith(QStringLiteral("unreachable")), qPrintable(w->stateText()));
    const qint64 readsWhileGone = *reads;
    const Value last = w->value();
    // Probes come at the reconnect interval (200 ms), not every 100 ms: over 3 probes the
    // 100 ms timer of a second, reachable watch would tick about 6 times.
    const qint64 probes = w->pollCount();
    QTRY_VERIFY_WITH_TIMEOUT(w->pollCount() >= probes + 3, Timeout);
    QCOMPARE(w->state(), Watch::State::Unreachable);
    QCOMPARE(w->value(), last); // the last value stays shown

    // Back on the same port: polling resumes by itself.
    Daemon again;
    QVERIFY2(again.listen(QStringLiteral("127.0.0.1"), quint16(uri.port())), "the port was taken meanwhile");
    again.registerObject(counter, QStringLiteral("counter"));
    QTRY_COMPARE_WITH_TIMEOUT(w->state(), Watch::State::Polling, Timeout);
    const qint64 replies = w->replyCount();
    QTRY_VERIFY_WITH_TIMEOUT(w->replyCount() >= replies + 3, Timeout);
    QVERIFY(*reads > readsWhileGone);
    QVERIFY(w->value().toInt64() > last.toInt64());
    QCOMPARE(w->error(), Error());
}

// The same with a real Python Pyro4 daemon (tests/peers/gui_watch_daemon.py): killed, then
// started again on the port it had.
void tst_Watches::pythonDaemonKilledAndRestarted()
{
    Test::PeerProcess peer;
    QVERIFY2(peer.start(QStringLiteral("gui_watch_daemon.py")), qPrintable(peer.failure()));
    const QString uriText = peer.readyText().trimmed().section(u' ', -1); // READY PYRO:watched@127.0.0.1:PORT
    const Result<PyroUri> uri = PyroUri::parse(uriText);
    QVERIFY2(uri, qPrintable(uriText));
    Session session;
    WatchDock dock(&session);
    dock.list()->setReconnectInterval(200);
    dock.show();
    Watch *counter = dock.addWatch(uriText, QStringLiteral("counter"), Watch::Kind::Attribute);
    counter->setInterval(100);
    Watch *reading = dock.addWatch(uriText, QStringLiteral("reading"), Watch::Kind::Method);
    reading->setInterval(100);
    QTRY_VERIFY_WITH_TIMEOUT(counter->changeCount() >= 5, Timeout); // every read counts up
    QVERIFY(counter->value().isInt());
    QTRY_VERIFY_WITH_TIMEOUT(reading->value().isDict(), Timeout);
    QCOMPARE(dock.currentWatch(), reading);
    QTRY_VERIFY_WITH_TIMEOUT(dock.chart()->sampleCount(QStringLiteral("count")) >= 3, Timeout); // the dict's number

    peer.kill();
    QTRY_COMPARE_WITH_TIMEOUT(counter->state(), Watch::State::Unreachable, Timeout);
    QTRY_COMPARE_WITH_TIMEOUT(reading->state(), Watch::State::Unreachable, Timeout);
    const qint64 charted = dock.chart()->sampleCount(QStringLiteral("count"));

    Test::PeerProcess again;
    QVERIFY2(again.start(QStringLiteral("gui_watch_daemon.py"), { QStringLiteral("--port"), QString::number(uri.value().port()) }),
             qPrintable(again.failure()));
    QTRY_COMPARE_WITH_TIMEOUT(counter->state(), Watch::State::Polling, Timeout);
    QTRY_COMPARE_WITH_TIMEOUT(reading->state(), Watch::State::Polling, Timeout);
    // A new daemon counts from 1 again: a change, and the chart goes on growing.
    const qint64 changes = counter->changeCount();
    QTRY_VERIFY_WITH_TIMEOUT(counter->changeCount() >= changes + 3, Timeout);
    QTRY_VERIFY_WITH_TIMEOUT(dock.chart()->sampleCount(QStringLiteral("count")) >= charted + 3, Timeout);
}

void tst_Watches::inspectorAndHistoryAddWatches()
{
    MainWindow w;
    w.resize(1280, 720);
    w.show();
    w.start(StartOptions { true, QString(), QString() });
    QVERIFY(w.demo());
    QVERIFY(w.watchDock());
    // The dock is in the View menu like the others.
    QVERIFY(w.watchDock()->toggleViewAction()->text().contains(QStringLiteral("Watches")));
    ObjectInspector *inspector = w.inspector();
    w.openUri(QStringLiteral("PYRONAME:demo.thermostat"));
    QTRY_VERIFY_WITH_TIMEOUT(inspector->attributeTable()->rowCount() >= 3, Timeout);
    QTableWidget *attrs = inspector->attributeTable();
    int row = -1;
    for (int r = 0; r < attrs->rowCount(); ++r)
        if (attrs->item(r, 0)->text() == QLatin1String("temperature"))
            row = r;
    QVERIFY(row >= 0);
    attrs->setCurrentCell(row, 0);
    QAction *watchAttr = nullptr;
    for (QAction *a : attrs->actions())
        if (a->text().remove(u'&') == QLatin1String("Watch"))
            watchAttr = a;
    QVERIFY(watchAttr);
    watchAttr->trigger();
    WatchList *list = w.watches()->list();
    QCOMPARE(list->rowCount(), 1);
    // By name, through the window's name server (kept per name server).
    QCOMPARE(list->watch(0)->uri(), QStringLiteral("PYRONAME:demo.thermostat"));
    QCOMPARE(list->watch(0)->member(), QStringLiteral("temperature"));
    QVERIFY(w.watchDock()->isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(list->watch(0)->hasValue(), Timeout);
    // Keyboard: Ctrl+Shift+W on the current attribute (here: another one) watches it too.
    QVERIFY(QTest::qWaitForWindowActive(&w));
    const int other = row == 0 ? 1 : 0;
    attrs->setFocus();
    attrs->setCurrentCell(other, 0);
    QTest::keyClick(attrs, Qt::Key_W, Qt::ControlModifier | Qt::ShiftModifier);
    QTRY_COMPARE(list->rowCount(), 2);
    QCOMPARE(list->watch(1)->member(), attrs->item(other, 0)->text());
    list->remove(1);

    // A call of status() without arguments, then Watch on its history entry.
    auto *panel = static_cast<InvokePanel *>(w.invokePanel());
    QTRY_VERIFY_WITH_TIMEOUT(panel->methodCombo()->findText(QStringLiteral("status")) >= 0, Timeout);
    panel->methodCombo()->setCurrentText(QStringLiteral("status"));
    panel->argumentLine()->clear();
    panel->call();
    auto *history = static_cast<HistoryView *>(w.historyView());
    QTRY_VERIFY_WITH_TIMEOUT(history->model()->rowCount() >= 1, Timeout);
    QTRY_VERIFY_WITH_TIMEOUT(!panel->isPending(), Timeout);
    history->view()->selectRow(history->filterModel()->rowCount() - 1);
    QCOMPARE(history->currentInvocation().method, QStringLiteral("status"));
    QAction *watchCall = nullptr;
    for (QAction *a : history->view()->actions())
        if (a->text() == QLatin1String("Watch"))
            watchCall = a;
    QVERIFY(watchCall);
    watchCall->trigger();
    QCOMPARE(list->rowCount(), 2);
    QCOMPARE(list->watch(1)->member(), QStringLiteral("status"));
    QCOMPARE(list->watch(1)->kind(), Watch::Kind::Method);
    QTRY_VERIFY_WITH_TIMEOUT(list->watch(1)->value().isDict(), Timeout);
}

void tst_Watches::demoWatchesComeBackAfterRestart()
{
    // The demo takes the port it had last time, so the watches kept for its name server are
    // there again in the next session (they were lost: every demo had a new port).
    quint16 port = 0;
    {
        MainWindow w;
        w.start(StartOptions { true, QString(), QString() });
        QVERIFY(w.demo());
        port = w.demo()->nameServerUri().port();
        Watch *watch = w.watches()->list()->add(QStringLiteral("PYRONAME:demo.thermostat"), QStringLiteral("temperature"),
                                                Watch::Kind::Attribute, 200);
        QTRY_VERIFY_WITH_TIMEOUT(watch->hasValue(), Timeout);
    }
    {
        MainWindow w;
        w.start(StartOptions { true, QString(), QString() });
        QVERIFY(w.demo());
        QCOMPARE(w.demo()->nameServerUri().port(), port);
        WatchList *list = w.watches()->list();
        QCOMPARE(list->rowCount(), 1);
        QCOMPARE(list->watch(0)->uri(), QStringLiteral("PYRONAME:demo.thermostat"));
        QTRY_VERIFY_WITH_TIMEOUT(list->watch(0)->hasValue(), Timeout);
    }
    // That port taken by something else: the demo starts on another one.
    QTcpServer squatter;
    QVERIFY(squatter.listen(QHostAddress::LocalHost, port));
    MainWindow w;
    w.start(StartOptions { true, QString(), QString() });
    QVERIFY(w.demo());
    QVERIFY(w.demo()->nameServerUri().port() != port);
    QVERIFY(w.demo()->nameServerUri().port() != 0);
}

QTEST_MAIN(tst_Watches)
#include "tst_watches.moc"
