// The explorer with the keyboard alone: a whole call (filter the browser, pick the object,
// Tab to its methods, Enter on add, type the arguments, Enter) driven by QTest key events
// only; the tab order browser -> methods -> arguments -> Call -> results; window-wide
// shortcuts (Ctrl+L, Ctrl+Return) from anywhere, listed in the menus with the stream console's.
#include "browser/browserwidget.h"
#include "browser/nametreemodel.h"
#include "history/historymodel.h"
#include "inspector/objectinspector.h"
#include "invoke/invokepanel.h"
#include "mainwindow.h"
#include "results/resultview.h"

#include <QApplication>
#include <QLineEdit>
#include <QListWidget>
#include <QMenuBar>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTest>
#include <QTreeView>

using namespace Pyro;
using namespace Pyro::Ui;

static constexpr int Timeout = 30000;

class tst_Keyboard : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void wholeCallWithKeysOnly();
    void shortcutsAreListedInMenus();
};

void tst_Keyboard::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
}

static QWidget *focused()
{
    return QApplication::focusWidget();
}

static QString focusName()
{
    QWidget *f = focused();
    return f ? QString::fromLatin1(f->metaObject()->className()) + u' ' + f->objectName() : QStringLiteral("(none)");
}

void tst_Keyboard::wholeCallWithKeysOnly()
{
    MainWindow w;
    w.resize(1280, 720);
    w.show();
    QApplication::setActiveWindow(&w);
    QVERIFY(QTest::qWaitForWindowActive(&w));
    w.start(StartOptions { true, QString(), QString() });
    BrowserWidget *browser = w.browser();
    QTRY_VERIFY_WITH_TIMEOUT(browser->treeModel()->indexOfPath(QStringLiteral("demo.calculator")).isValid(), Timeout);
    auto *panel = static_cast<InvokePanel *>(w.invokePanel());
    HistoryModel *history = panel->historyModel();
    const int historyBefore = history ? history->rowCount() : 0;

    // Ctrl+F, type a filter, Tab into the tree.
    QTest::keyClick(&w, Qt::Key_F, Qt::ControlModifier);
    QTRY_COMPARE(focused(), static_cast<QWidget *>(browser->filterEdit()));
    QTest::keyClicks(browser->filterEdit(), QStringLiteral("calc"));
    for (int i = 0; i < 8 && focused() != browser->treeView(); ++i)
        QTest::keyClick(focused(), Qt::Key_Tab);
    QVERIFY2(focused() == browser->treeView(), qPrintable(focusName()));

    // Arrow keys to demo.calculator: that opens it in the inspector.
    QTreeView *tree = browser->treeView();
    for (int i = 0; i < 8 && browser->currentName() != QLatin1String("demo.calculator"); ++i) {
        const QModelIndex cur = tree->currentIndex();
        const bool closedParent = cur.isValid() && tree->model()->hasChildren(cur) && !tree->isExpanded(cur);
        QTest::keyClick(tree, closedParent ? Qt::Key_Right : Qt::Key_Down);
    }
    QCOMPARE(browser->currentName(), QStringLiteral("demo.calculator"));
    QListWidget *methods = w.inspector()->methodList();
    QTRY_VERIFY_WITH_TIMEOUT(methods->count() >= 4, Timeout);

    // Tab: the methods; Home: add; Enter: it needs arguments, so the focus goes to the argument line.
    QTest::keyClick(tree, Qt::Key_Tab);
    QVERIFY2(focused() == methods, qPrintable(focusName()));
    QTest::keyClick(methods, Qt::Key_Home);
    QCOMPARE(methods->currentItem()->data(Qt::UserRole).toString(), QStringLiteral("add"));
    QTRY_COMPARE(panel->method(), QStringLiteral("add"));
    QTest::keyClick(methods, Qt::Key_Return);
    QVERIFY2(focused() == panel->argumentLine(), qPrintable(focusName()));

    // Type the arguments, Enter calls.
    QTest::keyClicks(panel->argumentLine(), QStringLiteral("20, 22"));
    QTest::keyClick(panel->argumentLine(), Qt::Key_Return);
    QTRY_COMPARE_WITH_TIMEOUT(panel->resultView()->value(), Value(42), Timeout);

    // Tab order on from the argument line: Call, then (after the call options) the results.
    QTest::keyClick(panel->argumentLine(), Qt::Key_Tab);
    QVERIFY2(focused() == panel->callButton(), qPrintable(focusName()));
    bool reachedResults = false;
    for (int i = 0; i < 12 && !reachedResults; ++i) {
        QTest::keyClick(focused(), Qt::Key_Tab);
        reachedResults = focused() == panel->resultView()->treeView();
    }
    QVERIFY2(reachedResults, qPrintable(focusName()));

    // Tab leaves the attributes table (it does not move between its cells).
    QTableWidget *attrs = w.inspector()->attributeTable();
    QVERIFY(!attrs->tabKeyNavigation());

    // Window-wide: Ctrl+L from the browser focuses the argument line; Ctrl+Return from the
    // browser calls again.
    tree->setFocus(Qt::OtherFocusReason);
    QTest::keyClick(tree, Qt::Key_L, Qt::ControlModifier);
    QVERIFY2(focused() == panel->argumentLine(), qPrintable(focusName()));
    tree->setFocus(Qt::OtherFocusReason);
    panel->resultView()->clear();
    QTest::keyClick(tree, Qt::Key_Return, Qt::ControlModifier);
    QTRY_COMPARE_WITH_TIMEOUT(panel->resultView()->value(), Value(42), Timeout);
    if (history)
        QTRY_COMPARE(history->rowCount(), historyBefore + 2);
}

void tst_Keyboard::shortcutsAreListedInMenus()
{
    MainWindow w;
    QHash<QString, QAction *> byKey;
    const std::function<void(QMenu *)> collect = [&](QMenu *menu) {
        for (QAction *a : menu->actions()) {
            if (a->menu())
                collect(a->menu());
            else if (!a->shortcut().isEmpty())
                byKey.insert(a->shortcut().toString(), a);
        }
    };
    for (QAction *a : w.menuBar()->actions())
        if (a->menu())
            collect(a->menu());
    for (const QString &key : { QStringLiteral("Ctrl+Return"), QStringLiteral("Ctrl+L"), QStringLiteral("F8"), QStringLiteral("F10"),
                                QStringLiteral("Esc"), QStringLiteral("Ctrl+Shift+A") }) {
        QVERIFY2(byKey.contains(key), qPrintable(key + QStringLiteral(" not in a menu: ") + byKey.keys().join(u' ')));
        QCOMPARE(byKey.value(key)->shortcutContext(), Qt::WindowShortcut);
    }
}

QTEST_MAIN(tst_Keyboard)
#include "tst_keyboard.moc"
