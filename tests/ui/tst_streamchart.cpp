// The stream console's chart and controls against the in-process demo (demo.quotes: stream()
// yields {'symbol', 'price', 'time'} dicts for four symbols in turn, ticks(n) the integers
// 0..n-1): the field and series key are found in the items, one series per symbol, the
// filter applies to the chart, plain numbers chart as one series; the Start / Stop button;
// Stop shows held items and resets Pause / Step; at least 15 item rows at 1024x768 and
// 1280x720, English and German.
#include "charts/linechart.h"
#include "client/pendingstream.h"
#include "client/proxy.h"
#include "demo/embeddeddemo.h"
#include "invoke/invocation.h"
#include "invoke/invokepanel.h"
#include "mainwindow.h"
#include "server/daemon.h"
#include "streams/streamchart.h"
#include "streams/streamconsole.h"
#include "streams/streamfiltermodel.h"
#include "streams/streammodel.h"

#include <QAction>
#include <QComboBox>
#include <QHeaderView>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTranslator>
#include <QtTest>

using namespace Pyro;
using namespace Pyro::Ui;

namespace {
constexpr int Timeout = 30000;
}

class tst_StreamChart : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void seriesPerKeyAndFilter();
    void plainNumbers();
    void startStopButton();
    void stopShowsHeldItemsAndResetsPause();
    void fifteenRows_data();
    void fifteenRows();

private:
    //! Runs \a stream to its end in \a console.
    void runToEnd(StreamConsole &console, PendingStream *stream);
    EmbeddedDemo *m_demo = nullptr;
    Proxy *m_proxy = nullptr;
};

void tst_StreamChart::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    m_demo = new EmbeddedDemo;
    const Error e = m_demo->start();
    QVERIFY2(!e, qPrintable(e.message()));
    ProxySettings settings;
    settings.timeout = 60;
    m_proxy = new Proxy(m_demo->daemon()->uriFor(QStringLiteral("demo.quotes")), settings, this);
}

void tst_StreamChart::cleanupTestCase()
{
    delete m_proxy;
    m_proxy = nullptr;
    // m_demo is left alone: see tst_invokepanel (NameServer teardown).
}

void tst_StreamChart::runToEnd(StreamConsole &console, PendingStream *stream)
{
    QSignalSpy ended(&console, &StreamConsole::streamFinished);
    console.start(stream);
    QVERIFY(ended.wait(Timeout));
    console.model()->flush();
}

void tst_StreamChart::seriesPerKeyAndFilter()
{
    StreamConsole console(nullptr);
    console.resize(900, 500);
    console.show();
    runToEnd(console, m_proxy->callStream(QStringLiteral("stream"), { 40, 0.0 }));
    QCOMPARE(console.model()->rowCount(), 40);
    StreamChart *sc = console.streamChart();
    LineChart *chart = console.chart();
    // Found in the items: price is plotted (not the time stamp), split by symbol.
    QCOMPARE(sc->field(), QStringLiteral("price"));
    QCOMPARE(sc->seriesKey(), QStringLiteral("symbol"));
    QVERIFY(sc->fieldCombo()->findData(QStringLiteral("time")) >= 0);
    const QStringList symbols { QStringLiteral("ACME"), QStringLiteral("GLOBEX"), QStringLiteral("INITECH"), QStringLiteral("UMBRELLA") };
    QCOMPARE(chart->seriesNames(), symbols);
    for (const QString &s : symbols)
        QCOMPARE(chart->sampleCount(s), qint64(10));
    // The chart spans the items' receive times, prices on the y axis.
    const auto [t0, t1] = chart->timeRange();
    QCOMPARE(t0, console.model()->receivedAt(0));
    QCOMPARE(t1, console.model()->receivedAt(39));
    QVERIFY(!chart->grab().isNull());

    // The filter applies to the chart.
    console.setFilter(QStringLiteral("ACME|GLOBEX"));
    console.filterModel()->finishScan();
    QCOMPARE(console.filterModel()->rowCount(), 20);
    QCOMPARE(chart->seriesNames(), symbols.mid(0, 2));
    QCOMPARE(chart->sampleCount(QStringLiteral("ACME")), qint64(10));
    QCOMPARE(chart->sampleCount(QStringLiteral("INITECH")), qint64(0));

    // One series for all shown items, then another field.
    sc->seriesCombo()->setCurrentIndex(sc->seriesCombo()->findData(QString()));
    QCOMPARE(sc->seriesKey(), QString());
    QCOMPARE(chart->seriesNames(), QStringList { QStringLiteral("price") });
    QCOMPARE(chart->sampleCount(QStringLiteral("price")), qint64(20));
    sc->setField(QStringLiteral("time"));
    QCOMPARE(chart->seriesNames(), QStringList { QStringLiteral("time") });
    QCOMPARE(chart->sampleCount(QStringLiteral("time")), qint64(20));

    // Filter off: all items again, and the user's choices stay.
    console.setFilter(QString());
    QCOMPARE(chart->sampleCount(QStringLiteral("time")), qint64(40));
    sc->setSeriesKey(QStringLiteral("symbol"));
    sc->setField(QStringLiteral("price"));
    QCOMPARE(chart->seriesNames(), symbols);

    // A filter that hides everything leaves an empty chart that says why.
    console.setFilter(QStringLiteral("NOSUCHSYMBOL"));
    console.filterModel()->finishScan();
    QCOMPARE(chart->seriesCount(), 0);
    QCOMPARE(chart->placeholderText(), StreamChart::tr("No item matches the filter."));

    // A new stream learns its fields afresh.
    console.setFilter(QString());
    runToEnd(console, m_proxy->callStream(QStringLiteral("ticks"), { 5 }));
    QCOMPARE(sc->field(), QString());
    QCOMPARE(chart->seriesNames(), QStringList { StreamChart::tr("value") });
}

void tst_StreamChart::plainNumbers()
{
    StreamConsole console(nullptr);
    console.show();
    runToEnd(console, m_proxy->callStream(QStringLiteral("ticks"), { 50 }));
    StreamChart *sc = console.streamChart();
    QCOMPARE(sc->field(), QString()); // the item itself
    QVERIFY(!sc->seriesCombo()->isEnabled()); // no keys to split by
    QCOMPARE(console.chart()->sampleCount(StreamChart::tr("value")), qint64(50));
    QCOMPARE(console.chart()->valueRange(), std::make_pair(0.0, 49.0));
    console.setFilter(QStringLiteral("^1")); // 1 and 10..19
    console.filterModel()->finishScan();
    QCOMPARE(console.chart()->sampleCount(StreamChart::tr("value")), qint64(11));
    QCOMPARE(console.chart()->valueRange(), std::make_pair(1.0, 19.0));

    // Field lookup rules: dict keys, sequence indexes, no bools.
    const Value record(Dict { { QStringLiteral("a"), Value(1.5) }, { QStringLiteral("ok"), Value(true) } });
    QCOMPARE(StreamChart::numberOf(record, QStringLiteral("a")), std::optional<double>(1.5));
    QCOMPARE(StreamChart::numberOf(record, QStringLiteral("ok")), std::nullopt);
    QCOMPARE(StreamChart::numberOf(record, QStringLiteral("missing")), std::nullopt);
    const Value intKeys(Dict { { Value(3), Value(2.5) } }); // a key that is not a str goes by its repr
    QCOMPARE(StreamChart::numberOf(intKeys, QStringLiteral("3")), std::optional<double>(2.5));
    const Value pair = Value::tuple({ Value(3), Value(4.25) });
    QCOMPARE(StreamChart::numberOf(pair, QStringLiteral("[1]")), std::optional<double>(4.25));
    QCOMPARE(StreamChart::numberOf(pair, QStringLiteral("[2]")), std::nullopt);
    QCOMPARE(StreamChart::numberOf(Value(7), QString()), std::optional<double>(7));
    QCOMPARE(StreamChart::seriesOf(record, QStringLiteral("ok")), QStringLiteral("True"));
}

void tst_StreamChart::startStopButton()
{
    StreamConsole console(nullptr);
    console.show();
    QSignalSpy startRequested(&console, &StreamConsole::startRequested);
    QPushButton *button = console.startStopButton();
    QCOMPARE(button->text(), StreamConsole::tr("Start"));
    button->click();
    QCOMPARE(startRequested.count(), 1); // no stream: the owner is asked for one
    PendingStream *stream = m_proxy->callStream(QStringLiteral("ticks"), { 100000000 });
    console.start(stream);
    QCOMPARE(button->text(), StreamConsole::tr("Stop"));
    QTRY_VERIFY_WITH_TIMEOUT(console.model()->rowCount() > 100, Timeout);
    button->click();
    QVERIFY(!console.isRunning());
    QCOMPARE(button->text(), StreamConsole::tr("Start"));
    QCOMPARE(startRequested.count(), 1);
}

void tst_StreamChart::stopShowsHeldItemsAndResetsPause()
{
    StreamConsole console(nullptr);
    console.show();
    PendingStream *stream = m_proxy->callStream(QStringLiteral("ticks"), { 100000000 });
    stream->setAutoDelete(false);
    stream->setPrefetch(8); // several items in flight when the pause comes: some are held
    console.start(stream);
    QTRY_VERIFY_WITH_TIMEOUT(console.model()->rowCount() > 100, Timeout);
    console.setHeld(true);
    QTRY_COMPARE_WITH_TIMEOUT(stream->inFlight(), 0, Timeout);
    console.step(); // one held item (or one pulled) shown
    QTRY_COMPARE_WITH_TIMEOUT(stream->inFlight(), 0, Timeout);
    const qint64 pulled = stream->itemCount();
    QAction *pause = console.actions().at(1);
    QAction *step = console.actions().at(2);
    QVERIFY(pause->isChecked());
    QVERIFY(step->isEnabled());

    console.startStopButton()->click();
    QVERIFY(!console.isRunning());
    QCOMPARE(console.heldCount(), 0);
    QVERIFY(!console.isHeld());
    QVERIFY(!pause->isChecked());
    QVERIFY(!step->isEnabled());
    console.model()->flush();
    QCOMPARE(console.model()->totalReceived(), pulled); // every pulled item is shown
    for (int row = 0; row < console.model()->rowCount(); ++row)
        QCOMPARE(console.model()->value(row).toInt64(), qint64(row));
    delete stream;
}

void tst_StreamChart::fifteenRows_data()
{
    QTest::addColumn<QSize>("size");
    QTest::addColumn<QString>("language");
    for (const QString &lang : { QStringLiteral("en"), QStringLiteral("de") })
        for (const QSize s : { QSize(1024, 768), QSize(1280, 720) })
            QTest::addRow("%dx%d %s", s.width(), s.height(), qPrintable(lang)) << s << lang;
}

void tst_StreamChart::fifteenRows()
{
    QFETCH(QSize, size);
    QFETCH(QString, language);
    QSettings().clear();
    QTranslator translator;
    if (language == QLatin1String("de")) {
        const QString dir = qEnvironmentVariable("PYRO_BUILD_DIR") + QStringLiteral("/app/gui");
        QVERIFY2(translator.load(QLocale(QLocale::German, QLocale::Germany), QStringLiteral("pyroexplorer"), QStringLiteral("_"), dir),
                 qPrintable(dir));
        QCoreApplication::installTranslator(&translator);
    }
    auto removeTranslator = qScopeGuard([&translator] { QCoreApplication::removeTranslator(&translator); });

    MainWindow w;
    w.resize(size);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    w.start(StartOptions { true, QString(), QStringLiteral("PYRONAME:demo.quotes") });
    QTRY_COMPARE_WITH_TIMEOUT(w.size(), size, Timeout);
    auto *panel = static_cast<InvokePanel *>(w.invokePanel());
    QTRY_VERIFY_WITH_TIMEOUT(panel->methodCombo()->findText(QStringLiteral("stream")) >= 0, Timeout);
    Invocation call;
    call.uri = panel->targetUri().toString();
    call.method = QStringLiteral("stream");
    call.args = { Value(40), Value(0.0) };
    panel->setInvocation(call);
    // Start in the stream tab calls the method of the call line, and the output stays on the
    // Stream tab throughout (it used to flash to Result while the call was out).
    StreamConsole *console = panel->streamConsole();
    QTabWidget *outputTabs = nullptr;
    for (QWidget *p = console->parentWidget(); p && !outputTabs; p = p->parentWidget())
        outputTabs = qobject_cast<QTabWidget *>(p);
    QVERIFY(outputTabs);
    outputTabs->setCurrentIndex(outputTabs->indexOf(console));
    QSignalSpy tabChanges(outputTabs, &QTabWidget::currentChanged);
    console->startStopButton()->click();
    QTRY_COMPARE_WITH_TIMEOUT(console->model()->totalReceived(), qint64(40), Timeout);
    QCOMPARE(tabChanges.count(), 0);
    QCOMPARE(outputTabs->currentWidget(), console);
    QTRY_VERIFY(console->isVisible());
    QTest::qWait(0);

    QTableView *view = console->view();
    const int rowHeight = view->rowHeight(0);
    QVERIFY(rowHeight > 0);
    const int rows = view->viewport()->height() / rowHeight;
    QVERIFY2(rows >= 15, qPrintable(QStringLiteral("%1 rows of %2 px in %3 px").arg(rows).arg(rowHeight).arg(view->viewport()->height())));
    QCOMPARE(view->visibleRegion().boundingRect(), view->rect());
    // The chart and its choices are on screen too, nothing squeezed below its text.
    for (QWidget *widget : { static_cast<QWidget *>(console->chart()), static_cast<QWidget *>(console->streamChart()->fieldCombo()),
                             static_cast<QWidget *>(console->streamChart()->seriesCombo()),
                             static_cast<QWidget *>(console->startStopButton()) }) {
        QVERIFY2(widget->isVisible(), widget->metaObject()->className());
        QVERIFY2(QRect(QPoint(0, 0), w.size()).contains(QRect(widget->mapTo(&w, QPoint(0, 0)), widget->size())),
                 widget->metaObject()->className());
        QVERIFY2(widget->width() >= widget->minimumSizeHint().width(),
                 qPrintable(QStringLiteral("%1 %2 < %3").arg(QString::fromLatin1(widget->metaObject()->className())).arg(widget->width()).arg(widget->minimumSizeHint().width())));
    }
    QVERIFY(console->chart()->width() >= 200);
    QCOMPARE(console->chart()->seriesCount(), 4);
}

QTEST_MAIN(tst_StreamChart)
#include "tst_streamchart.moc"
