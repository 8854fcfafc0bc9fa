// The main window's layout at the sizes people use (1024x768, 1280x720, 1600x1000), in English
// and German: the argument line, the Call button and at least ten rows of result are visible
// without scrolling, no button or label is squeezed below what its text needs, the panes can
// shrink and collapse, the bottom docks grow to half the window and keep that size.
#include "browser/browserwidget.h"
#include "demo/embeddeddemo.h"
#include "history/historyview.h"
#include "inspector/objectinspector.h"
#include "invoke/invokepanel.h"
#include "mainwindow.h"
#include "results/resultview.h"
#include "results/valuetreemodel.h"

#include <QAbstractButton>
#include <QAction>
#include <QAbstractScrollArea>
#include <QComboBox>
#include <QDockWidget>
#include <QLabel>
#include <QLineEdit>
#include <QHeaderView>
#include <QListWidget>
#include <QTableView>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QSplitter>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTest>
#include <QTranslator>
#include <QTreeView>

using namespace Pyro;
using namespace Pyro::Ui;

static constexpr int Timeout = 30000;

class tst_Layout : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void sizes_data();
    void sizes();
    void docksGrowToHalfAndAreRemembered();

private:
    static QString clipped(QWidget *window);
};

void tst_Layout::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void tst_Layout::init()
{
    QSettings().clear();
}

void tst_Layout::sizes_data()
{
    QTest::addColumn<QSize>("size");
    QTest::addColumn<QString>("language");
    for (const QString &lang : { QStringLiteral("en"), QStringLiteral("de") }) {
        for (const QSize s : { QSize(1024, 768), QSize(1280, 720), QSize(1600, 1000) })
            QTest::addRow("%dx%d %s", s.width(), s.height(), qPrintable(lang)) << s << lang;
    }
}

// Visible buttons and one-line labels narrower (or lower) than their text needs, by name.
QString tst_Layout::clipped(QWidget *window)
{
    QStringList out;
    for (QWidget *w : window->findChildren<QWidget *>()) {
        if (!w->isVisibleTo(window) || w->visibleRegion().isEmpty())
            continue;
        const auto *label = qobject_cast<QLabel *>(w);
        const auto *button = qobject_cast<QAbstractButton *>(w);
        // Buttons and one-line labels with text (Qt's own icon buttons, e.g. in dock titles, aside).
        const bool check = (button && !button->text().isEmpty()) || (label && !label->wordWrap() && !label->text().isEmpty());
        if (!check)
            continue;
        const QSize need = w->minimumSizeHint();
        if (w->width() < need.width() || w->height() < need.height()) {
            const QString text = label ? label->text() : static_cast<QAbstractButton *>(w)->text();
            out << QStringLiteral("%1 '%2' %3x%4 < %5x%6")
                           .arg(QString::fromLatin1(w->metaObject()->className()), text)
                           .arg(w->width())
                           .arg(w->height())
                           .arg(need.width())
                           .arg(need.height());
        }
    }
    return out.join(QStringLiteral("; "));
}

void tst_Layout::sizes()
{
    QFETCH(QSize, size);
    QFETCH(QString, language);
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
    w.start(StartOptions { true, QString(), QStringLiteral("PYRONAME:demo.echo") });
    QTRY_COMPARE_WITH_TIMEOUT(w.size(), size, Timeout);
    auto *panel = static_cast<InvokePanel *>(w.invokePanel());

    // A call with a 30-item result, typed in the argument line and sent with Enter.
    QTRY_VERIFY_WITH_TIMEOUT(panel->methodCombo()->findText(QStringLiteral("echo")) >= 0, Timeout);
    panel->methodCombo()->setCurrentText(QStringLiteral("echo"));
    QStringList items;
    for (int i = 0; i < 30; ++i)
        items << QString::number(i);
    panel->argumentLine()->setFocus();
    QTest::keyClicks(panel->argumentLine(), QLatin1Char('[') + items.join(QStringLiteral(", ")) + QLatin1Char(']'));
    QTest::keyClick(panel->argumentLine(), Qt::Key_Return);
    ResultView *result = panel->resultView();
    QTRY_COMPARE_WITH_TIMEOUT(result->value().items().size(), qsizetype(30), Timeout);
    QTreeView *tree = result->treeView();
    tree->expandToDepth(0);
    QTest::qWait(0);

    // Inside the window and not covered or cut by any parent.
    const QRect windowRect = w.rect();
    for (QWidget *widget : { static_cast<QWidget *>(panel->callButton()), static_cast<QWidget *>(panel->argumentLine()),
                             static_cast<QWidget *>(tree) }) {
        QVERIFY2(widget->isVisible(), widget->metaObject()->className());
        const QRect inWindow(widget->mapTo(&w, QPoint(0, 0)), widget->size());
        QVERIFY2(windowRect.contains(inWindow),
                 qPrintable(QStringLiteral("%1 at %2,%3 %4x%5")
                                    .arg(QString::fromLatin1(widget->metaObject()->className()))
                                    .arg(inWindow.x())
                                    .arg(inWindow.y())
                                    .arg(inWindow.width())
                                    .arg(inWindow.height())));
        QCOMPARE(widget->visibleRegion().boundingRect(), widget->rect());
    }
    QVERIFY(panel->callButton()->width() >= panel->callButton()->minimumSizeHint().width());
    QVERIFY2(panel->argumentLine()->width() >= 200, qPrintable(QString::number(panel->argumentLine()->width())));

    // At least ten result rows fit the tree's viewport.
    const int rowHeight = tree->visualRect(tree->model()->index(0, 0)).height();
    QVERIFY(rowHeight > 0);
    const int rows = tree->viewport()->height() / rowHeight;
    QVERIFY2(rows >= 10, qPrintable(QStringLiteral("%1 rows of %2 px in %3 px").arg(rows).arg(rowHeight).arg(tree->viewport()->height())));
    QVERIFY(!tree->horizontalScrollBar()->isVisible());

    // The right-hand side has no scroll area around it, so no horizontal scroll bar either;
    // and nothing in the window is squeezed below what its text needs.
    for (QWidget *p = panel; p && p != &w; p = p->parentWidget())
        QVERIFY2(!qobject_cast<QAbstractScrollArea *>(p), p->metaObject()->className());
    const QString cut = clipped(&w);
    QVERIFY2(cut.isEmpty(), qPrintable(cut));

    // The name tree fits its pane: no sideways scrolling at any of the sizes.
    QVERIFY(!w.browser()->treeView()->horizontalScrollBar()->isVisible());
    // The history dock shows several entries, not one row under a scroll bar.
    auto *historyView = w.findChild<HistoryView *>();
    QVERIFY(historyView);
    const int historyRowHeight = historyView->view()->verticalHeader()->defaultSectionSize();
    const int historyRows = historyView->view()->viewport()->height() / historyRowHeight;
    QVERIFY2(historyRows >= 4, qPrintable(QStringLiteral("%1 history rows").arg(historyRows)));

    // The inspector is compact and can be collapsed; the browser can shrink to a name column.
    QSplitter *panes = w.paneSplitter();
    QVERIFY(panes->widget(1) == w.inspector());
    QVERIFY2(w.inspector()->width() <= w.width() / 3, qPrintable(QString::number(w.inspector()->width())));
    QVERIFY(panes->widget(0)->minimumSizeHint().width() <= 200 || panes->widget(0)->minimumWidth() <= 200);
    QAction *inspectorToggle = nullptr;
    for (QAction *a : w.findChildren<QAction *>())
        if (a->shortcut() == QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_I))
            inspectorToggle = a;
    QVERIFY(inspectorToggle && inspectorToggle->isChecked());
    const int panelWidth = panel->width();
    inspectorToggle->trigger();
    QVERIFY(!w.inspector()->isVisible());
    QTRY_VERIFY(panel->width() > panelWidth); // the call area takes the room
    // The window title does not repeat the application's name (the platform adds it).
    QVERIFY2(!w.windowTitle().contains(QStringLiteral("Pyro Explorer")), qPrintable(w.windowTitle()));
    w.close();
}

void tst_Layout::docksGrowToHalfAndAreRemembered()
{
    int saved = 0;
    {
        MainWindow w;
        w.resize(1280, 720);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        for (QDockWidget *dock : { w.callbackDock(), w.historyDock() }) {
            dock->raise();
            w.resizeDocks({ dock }, { w.height() / 2 }, Qt::Vertical);
            // The bottom area (this dock plus the tab bar of the docks) takes half the window.
            QTRY_VERIFY2(w.centralWidget()->height() <= w.height() / 2 && dock->height() >= w.height() / 2 - 50,
                         qPrintable(QStringLiteral("%1: %2 of %3, central %4 (needs %5)")
                                            .arg(dock->objectName())
                                            .arg(dock->height())
                                            .arg(w.height())
                                            .arg(w.centralWidget()->height())
                                            .arg(w.centralWidget()->minimumSizeHint().height())));
        }
        saved = w.historyDock()->height();
        w.close();
    }
    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QTRY_VERIFY2(qAbs(w.historyDock()->height() - saved) <= 2, qPrintable(QStringLiteral("%1, saved %2").arg(w.historyDock()->height()).arg(saved)));
}

QTEST_MAIN(tst_Layout)
#include "tst_layout.moc"
