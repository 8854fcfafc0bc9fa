// The real StreamConsole consuming real streams from the in-process demo (demo.quotes
// ticks(n): the integers 0..n-1) on the offscreen platform: the event loop keeps being
// serviced while a fast stream arrives, every item arrives once and in order, Stop closes
// a stream midway, and pausing pulls nothing more until Step pulls exactly one.
#include "client/pendingstream.h"
#include "client/proxy.h"
#include "demo/embeddeddemo.h"
#include "server/daemon.h"
#include "charts/linechart.h"
#include "streams/streamconsole.h"
#include "streams/streammodel.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QPushButton>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QtTest>

using namespace Pyro;
using namespace Pyro::Ui;

class tst_StreamConsole : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void fastStreamKeepsEventLoopServiced();
    void stopMidStream();
    void pausePullsNothingStepPullsOne();
    void keyboard();

private:
    PendingStream *ticks(qint64 n);

    EmbeddedDemo *m_demo = nullptr;
    Proxy *m_proxy = nullptr;
};

void tst_StreamConsole::initTestCase()
{
    m_demo = new EmbeddedDemo;
    const Error e = m_demo->start();
    QVERIFY2(!e, qPrintable(e.message()));
    ProxySettings settings;
    settings.timeout = 60; // a hung test fails instead of blocking forever
    settings.streamWindow = 16; // pipelined, as a stream console with prefetch set
    m_proxy = new Proxy(m_demo->daemon()->uriFor(QStringLiteral("demo.quotes")), settings, this);
}

void tst_StreamConsole::cleanupTestCase()
{
    delete m_proxy;
    m_proxy = nullptr;
    delete m_demo;
    m_demo = nullptr;
}

PendingStream *tst_StreamConsole::ticks(qint64 n)
{
    return m_proxy->callStream(QStringLiteral("ticks"), { n });
}

void tst_StreamConsole::fastStreamKeepsEventLoopServiced()
{
    constexpr qint64 Count = 200000;
    StreamConsole console(nullptr);
    console.resize(800, 600);
    console.show(); // painted and auto-scrolled as in the application
    // (No QAbstractItemModelTester here: it walks every row on every insert.)
    QSignalSpy ended(&console, &StreamConsole::streamFinished);

    // Two timers stand in for the rest of the application. The 0 ms one runs once per pass
    // of the event loop: the number of distinct item counts it saw in the middle of the
    // stream is how often the loop came back between arrivals, whatever the speed.
    QSet<qint64> seenMidStream;
    int slowTicksMidStream = 0;
    const auto received = [&] { return console.model()->totalReceived() + console.model()->pendingCount(); };
    QTimer fast;
    fast.setInterval(0);
    connect(&fast, &QTimer::timeout, this, [&] {
        const qint64 n = console.stream() ? console.stream()->itemCount() : 0;
        if (n > 0 && n < Count)
            seenMidStream.insert(n);
    });
    QTimer slow;
    slow.setInterval(10);
    connect(&slow, &QTimer::timeout, this, [&] {
        const qint64 n = console.stream() ? console.stream()->itemCount() : 0;
        if (n > 0 && n < Count)
            ++slowTicksMidStream;
    });
    fast.start();
    slow.start();

    PendingStream *stream = ticks(Count);
    stream->setAutoDelete(false);
    console.start(stream);
    QVERIFY(console.isRunning());
    QVERIFY(ended.wait(300000));
    fast.stop();
    slow.stop();
    QVERIFY2(!stream->hasError(), qPrintable(stream->error().toString()));
    QCOMPARE(stream->itemCount(), Count);
    QVERIFY2(seenMidStream.size() >= 100, qPrintable(QString::number(seenMidStream.size())));
    QVERIFY2(slowTicksMidStream >= 2, qPrintable(QString::number(slowTicksMidStream)));

    // Every item, once, in order.
    QCOMPARE(received(), Count);
    QCOMPARE(console.model()->rowCount(), int(Count));
    QCOMPARE(console.model()->droppedCount(), qint64(0));
    for (int row = 0; row < Count; ++row) {
        bool ok = false;
        if (console.model()->value(row).toInt64(&ok) != row || !ok)
            QFAIL(qPrintable(QStringLiteral("row %1 holds %2").arg(row).arg(console.model()->value(row).repr())));
    }
    QCOMPARE(console.filterModel()->rowCount(), int(Count));
    QVERIFY(console.chart()->pointCount() > 0);
    QVERIFY(console.chart()->pointCount() <= console.chart()->maxPoints() + 1);
    QCOMPARE(console.chart()->itemCount(), qint64(Count)); // the window covers them all
    // Auto-scroll followed the stream to its last row.
    QScrollBar *bar = console.view()->verticalScrollBar();
    QTRY_VERIFY(bar->maximum() > 0 && bar->value() == bar->maximum());

    // The filter over the finished stream.
    console.setFilter(QStringLiteral("^19999\\d$"));
    console.filterModel()->finishScan();
    QCOMPARE(console.filterModel()->rowCount(), 10);
    console.setFilter(QString());
    delete stream;
}

void tst_StreamConsole::stopMidStream()
{
    StreamConsole console(nullptr);
    console.show();
    QSignalSpy ended(&console, &StreamConsole::streamFinished);
    QPointer<PendingStream> stream = ticks(100000000); // endless in practice
    console.start(stream);
    QTRY_VERIFY_WITH_TIMEOUT(console.model()->rowCount() > 5000, 60000);
    console.stop();
    QCOMPARE(ended.count(), 1);
    QVERIFY(!console.isRunning());
    const qint64 total = console.model()->totalReceived();
    QVERIFY(total < 100000000);
    // Closed: nothing more arrives (replies still in flight are discarded), and the stream
    // object goes away by its auto-delete rule.
    QTRY_VERIFY(stream.isNull());
    for (int i = 0; i < 20; ++i)
        QCoreApplication::processEvents();
    QCOMPARE(console.model()->totalReceived(), total);
    QCOMPARE(console.model()->rowCount(), int(total));
    QVERIFY(!console.actions().at(3)->isEnabled()); // Stop
    // The proxy's connection is still good after the close.
    PendingCall *call = m_proxy->callStream(QStringLiteral("ticks"), { 3 });
    QSignalSpy items(static_cast<PendingStream *>(call), &PendingStream::itemReceived);
    QSignalSpy done(call, &PendingCall::finished);
    QVERIFY(done.wait(30000));
    QCOMPARE(items.count(), 3);
}

void tst_StreamConsole::pausePullsNothingStepPullsOne()
{
    StreamConsole console(nullptr);
    console.show();
    QAbstractItemModelTester tester(console.filterModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy ended(&console, &StreamConsole::streamFinished);
    PendingStream *stream = ticks(100000000);
    stream->setAutoDelete(false);
    console.start(stream);
    QTRY_VERIFY_WITH_TIMEOUT(console.model()->rowCount() > 1000, 60000);

    console.setHeld(true);
    QVERIFY(console.isHeld());
    QVERIFY(!stream->autoFetch());
    // What was requested before the pause still arrives, held back; then nothing is pulled.
    QTRY_COMPARE_WITH_TIMEOUT(stream->inFlight(), 0, 30000);
    const qint64 pulled = stream->itemCount();
    for (int i = 0; i < 50; ++i)
        QCoreApplication::processEvents();
    QCOMPARE(stream->itemCount(), pulled);
    QCOMPARE(stream->inFlight(), 0);
    console.model()->flush();
    QCOMPARE(console.model()->totalReceived() + console.heldCount(), pulled);

    // Step shows the held items one by one without pulling...
    while (console.heldCount() > 0) {
        const int rows = console.model()->rowCount();
        console.step();
        QCOMPARE(console.model()->rowCount(), rows + 1);
        QCOMPARE(stream->inFlight(), 0);
    }
    QCOMPARE(stream->itemCount(), pulled);
    // ...then pulls exactly one per step.
    for (int s = 1; s <= 3; ++s) {
        const int rows = console.model()->rowCount();
        console.step();
        QCOMPARE(stream->inFlight(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(console.model()->rowCount(), rows + 1, 30000);
        QCOMPARE(stream->itemCount(), pulled + s);
        QCOMPARE(stream->inFlight(), 0);
        QCOMPARE(console.model()->value(rows).toInt64(), pulled + s - 1);
    }

    // Resume: items flow again, still in order.
    console.setHeld(false);
    QTRY_VERIFY_WITH_TIMEOUT(console.model()->rowCount() > int(pulled) + 1000, 60000);
    console.stop();
    QCOMPARE(ended.count(), 1);
    console.model()->flush();
    for (int row = 0; row < console.model()->rowCount(); ++row)
        QCOMPARE(console.model()->value(row).toInt64(), qint64(row));
    delete stream;
}

void tst_StreamConsole::keyboard()
{
    StreamConsole console(nullptr);
    console.show();
    QVERIFY(QTest::qWaitForWindowActive(&console));
    const QList<QAction *> actions = console.actions();
    QCOMPARE(actions.size(), 4);
    for (QAction *a : actions)
        QVERIFY2(!a->shortcut().isEmpty(), qPrintable(a->text()));
    // Every toolbar button is reachable with Tab (Stop is the Start / Stop button).
    QVERIFY(console.startStopButton()->focusPolicy() & Qt::TabFocus);
    const QList<QToolButton *> buttons = console.findChildren<QToolButton *>();
    QVERIFY(buttons.size() >= 3);
    for (QToolButton *b : buttons)
        if (actions.contains(b->defaultAction()))
            QVERIFY(b->focusPolicy() & Qt::TabFocus);

    PendingStream *stream = ticks(100000000);
    stream->setAutoDelete(false);
    console.start(stream);
    QTRY_VERIFY_WITH_TIMEOUT(console.model()->rowCount() > 100, 60000);
    console.view()->setFocus();
    QTest::keyClick(console.view(), Qt::Key_A, Qt::ControlModifier | Qt::ShiftModifier);
    QVERIFY(console.isAutoScrollPaused());
    QTest::keyClick(console.view(), Qt::Key_F8);
    QVERIFY(console.isHeld());
    QVERIFY(!stream->autoFetch());
    QTRY_COMPARE_WITH_TIMEOUT(stream->inFlight(), 0, 30000);
    while (console.heldCount() > 0)
        console.step();
    const qint64 pulled = stream->itemCount();
    QTest::keyClick(console.view(), Qt::Key_F10);
    QTRY_COMPARE_WITH_TIMEOUT(stream->itemCount(), pulled + 1, 30000);
    QTest::keyClick(console.view(), Qt::Key_F8);
    QVERIFY(!console.isHeld());
    QTest::keyClick(console.view(), Qt::Key_Escape);
    QVERIFY(!console.isRunning());
    delete stream;
}

QTEST_MAIN(tst_StreamConsole)
#include "tst_streamconsole.moc"
