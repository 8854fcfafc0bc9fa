// MainWindow start-up paths: --demo (embedded name server and demo objects), no name server
// found (the empty state says what was tried), --ns with a real Python Pyro4 name server,
// opening a URI or a pyroexplorer:// deep link directly, and the central area dominating the
// bottom docks (with the dock layout remembered).
#include "browser/browserwidget.h"
#include "browser/nameservermodel.h"
#include "browser/nametreemodel.h"
#include "links/deeplink.h"
#include "demo/embeddeddemo.h"
#include "session/session.h"
#include "inspector/objectinspector.h"
#include "history/historyview.h"
#include "invoke/invokepanel.h"
#include "results/resultview.h"
#include "mainwindow.h"
#include "peerprocess.h"
#include "server/daemon.h"
#include "server/demo/democalculator.h"
#include "server/demo/demoobjects.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QClipboard>
#include <QDockWidget>
#include <QSettings>
#include <QStatusBar>
#include <QLineEdit>
#include <QMenuBar>
#include <QTranslator>
#include <QListWidget>
#include <QMessageBox>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QSplitter>
#include <QTableWidget>
#include <QToolButton>
#include <QTcpServer>
#include <QTest>
#include <QTreeView>
#include <QUdpSocket>

using namespace Pyro;
using namespace Pyro::Ui;
using Pyro::Test::PeerProcess;

static constexpr int Timeout = 60000;

class tst_MainWindow : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void demoStart();
    void noNameServerShowsWhatWasTried();
    void nsOptionWithPythonNameServer();
    void openUriDirectly();
    void openBadUri();
    void deepLinkToObjectAndMethod();
    void deepLinkToNameServer();
    void badDeepLink();
    void centralAreaDominatesDocks();
    void flatTableWidensTheBrowser();
    void namesResolveThroughTheWindowsNameServer();
    void germanTranslation();

private:
    static QStringList methodNames(ObjectInspector *inspector);
};

void tst_MainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

QStringList tst_MainWindow::methodNames(ObjectInspector *inspector)
{
    QStringList out;
    for (int i = 0; i < inspector->methodList()->count(); ++i)
        out << inspector->methodList()->item(i)->data(Qt::UserRole).toString();
    return out;
}

void tst_MainWindow::demoStart()
{
    MainWindow w;
    QAbstractItemModelTester tester(w.browser()->treeModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    w.show();
    StartOptions options;
    options.demo = true;
    w.start(options);
    NameServerModel *model = w.browser()->model();
    const QStringList demoNames { QStringLiteral("demo.echo"), QStringLiteral("demo.calculator"), QStringLiteral("demo.thermostat"),
                                  QStringLiteral("demo.quotes"), QStringLiteral("demo.callbacks") };
    for (const QString &name : demoNames)
        QTRY_VERIFY2_WITH_TIMEOUT(model->rowOf(name) >= 0, qPrintable(name), Timeout);
    QVERIFY(w.emptyStateText().isEmpty());
    QVERIFY(w.windowTitle().contains(w.session()->nameServer()));
    // The status bar does not stay on "Listing…" once the list is there.
    QTRY_VERIFY2_WITH_TIMEOUT(!w.statusBar()->currentMessage().startsWith(QStringLiteral("Listing")),
                              qPrintable(w.statusBar()->currentMessage()), Timeout);
    QTRY_VERIFY(w.browser()->treeModel()->indexOfPath(QStringLiteral("demo.calculator")).isValid());

    // Selecting demo.calculator opens it in the inspector.
    const QModelIndex calc = w.browser()->treeModel()->indexOfPath(QStringLiteral("demo.calculator"));
    w.browser()->treeView()->expand(calc.parent());
    w.browser()->treeView()->selectionModel()->setCurrentIndex(calc, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    QCOMPARE(w.inspector()->object(), model->entryAt(model->rowOf(QStringLiteral("demo.calculator"))).uri);
    QTRY_VERIFY_WITH_TIMEOUT(methodNames(w.inspector()).contains(QStringLiteral("add")), Timeout);
    for (const char *m : { "sub", "mul", "div" })
        QVERIFY(methodNames(w.inspector()).contains(QString::fromLatin1(m)));

    // Reading attributes fills the values; editing one sets it.
    QTableWidget *attrs = w.inspector()->attributeTable();
    QCOMPARE(attrs->rowCount(), 2);
    w.inspector()->readAttributes();
    QTRY_VERIFY_WITH_TIMEOUT(attrs->item(0, 0)->text() == QStringLiteral("memory") && attrs->item(0, 1)->text() == QStringLiteral("0.0"), Timeout);
    QTRY_COMPARE_WITH_TIMEOUT(attrs->item(1, 1)->text(), QStringLiteral("'1.0'"), Timeout);
    QVERIFY(w.demo());
    attrs->item(0, 1)->setText(QStringLiteral("-2.25"));
    QTRY_COMPARE_WITH_TIMEOUT(w.demo()->objects()->calculator()->memory(), -2.25, Timeout);
    QTRY_COMPARE_WITH_TIMEOUT(attrs->item(0, 1)->text(), QStringLiteral("-2.25"), Timeout);

    // The demo's reachability column fills in (all served by this process).
    const int echo = model->rowOf(QStringLiteral("demo.echo"));
    QTRY_COMPARE_WITH_TIMEOUT(model->index(echo, NameServerModel::ReachabilityColumn).data(NameServerModel::ReachabilityRole).toInt(),
                              int(NameServerModel::Reachability::Reachable), Timeout);
}

void tst_MainWindow::noNameServerShowsWhatWasTried()
{
    QTcpServer tcp;
    QVERIFY(tcp.listen(QHostAddress::LocalHost, 0));
    const quint16 nsPort = tcp.serverPort();
    tcp.close();
    QUdpSocket udp;
    QVERIFY(udp.bind(QHostAddress::LocalHost, 0));
    const quint16 bcPort = udp.localPort();
    udp.close();
    qputenv("PYRO_NS_HOST", "127.0.0.1");
    qputenv("PYRO_NS_PORT", QByteArray::number(nsPort));
    qputenv("PYRO_NS_BCPORT", QByteArray::number(bcPort));
    qputenv("PYRO_BROADCAST_ADDRS", "127.0.0.1");
    auto restore = qScopeGuard([] {
        qunsetenv("PYRO_NS_HOST");
        qunsetenv("PYRO_NS_PORT");
        qunsetenv("PYRO_NS_BCPORT");
        qunsetenv("PYRO_BROADCAST_ADDRS");
    });

    MainWindow w;
    w.show();
    w.start(StartOptions());
    QTRY_VERIFY_WITH_TIMEOUT(!w.emptyStateText().isEmpty(), Timeout);
    const QString text = w.emptyStateText();
    QVERIFY2(text.contains(QStringLiteral("No name server found")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("127.0.0.1:%1").arg(nsPort)), qPrintable(text));
    QVERIFY2(text.contains(QString::number(bcPort)), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("PYRO_NS_HOST=127.0.0.1")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("--demo")), qPrintable(text));
    QVERIFY(w.session()->nameServer().isEmpty());
}

void tst_MainWindow::nsOptionWithPythonNameServer()
{
    PeerProcess peer;
    QVERIFY2(peer.start(QStringLiteral("gui_explorer_ns.py"), { QStringLiteral("--count"), QStringLiteral("20") }, Timeout),
             qPrintable(peer.failure()));
    const QString hostPort = peer.readyText().trimmed();
    MainWindow w;
    w.show();
    StartOptions options;
    options.nameServer = hostPort;
    w.start(options);
    QTRY_VERIFY_WITH_TIMEOUT(w.browser()->model()->rowCount() == 24, Timeout);
    QCOMPARE(w.session()->nameServer(), hostPort);
    QVERIFY(w.windowTitle().contains(hostPort));
    QVERIFY(w.emptyStateText().isEmpty());
    QVERIFY(w.session()->recentNameServers().contains(hostPort));

    // The name server entry that points at a live daemon opens in the inspector.
    QTRY_VERIFY(w.browser()->treeModel()->indexOfPath(QStringLiteral("check.reachable")).isValid());
    const QModelIndex i = w.browser()->treeModel()->indexOfPath(QStringLiteral("check.reachable"));
    w.browser()->treeView()->selectionModel()->setCurrentIndex(i, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    QTRY_VERIFY_WITH_TIMEOUT(methodNames(w.inspector()).contains(QStringLiteral("lookup")), Timeout);

    // A bad --ns value says what is expected.
    MainWindow bad;
    StartOptions badOptions;
    badOptions.nameServer = QStringLiteral("localhost:notaport");
    bad.start(badOptions);
    QVERIFY2(bad.emptyStateText().contains(QStringLiteral("HOST[:PORT]")), qPrintable(bad.emptyStateText()));
}

void tst_MainWindow::openUriDirectly()
{
    EmbeddedDemo demo;
    QVERIFY(!demo.start().isError());
    const PyroUri uri = demo.daemon()->uriFor(QStringLiteral("demo.calculator"));
    MainWindow w;
    w.show();
    StartOptions options;
    options.uri = uri.toString();
    w.start(options);
    QCOMPARE(w.inspector()->object(), uri);
    QTRY_VERIFY_WITH_TIMEOUT(methodNames(w.inspector()).contains(QStringLiteral("add")), Timeout);
    QVERIFY(w.session()->nameServer().isEmpty());

    // PYRONAME: through the demo's name server... and a second openUri replaces the object.
    w.openUri(demo.daemon()->uriFor(QStringLiteral("demo.echo")).toString());
    QTRY_VERIFY_WITH_TIMEOUT(methodNames(w.inspector()).contains(QStringLiteral("echo")), Timeout);
}

void tst_MainWindow::openBadUri()
{
    MainWindow w;
    w.show();
    w.openUri(QStringLiteral("PYRO:nohost"));
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = w.findChild<QMessageBox *>()) != nullptr);
    QVERIFY2(box->text().startsWith(QStringLiteral("Input")) || box->text().contains(QStringLiteral("URI")), qPrintable(box->text()));
    box->close();
    QVERIFY(!w.inspector()->object().isValid());
}

void tst_MainWindow::deepLinkToObjectAndMethod()
{
    EmbeddedDemo demo;
    QVERIFY(!demo.start().isError());
    const PyroUri uri = demo.daemon()->uriFor(QStringLiteral("demo.echo"));
    const QString link = DeepLink::object(uri, QStringLiteral("types")).toString();
    QVERIFY(link.startsWith(QStringLiteral("pyroexplorer://object/PYRO%3Ademo.echo%40")));
    MainWindow w;
    w.show();
    StartOptions options;
    options.uri = link; // as main() passes the positional argument
    w.start(options);
    QCOMPARE(w.inspector()->object(), uri);
    auto *panel = static_cast<InvokePanel *>(w.invokePanel());
    QCOMPARE(panel->targetUri(), uri);
    QCOMPARE(panel->method(), QStringLiteral("types"));
    // Once the metadata is in, the method is selected in the inspector, and the form keeps it.
    QTRY_VERIFY_WITH_TIMEOUT(w.inspector()->methodList()->currentItem()
                                     && w.inspector()->methodList()->currentItem()->data(Qt::UserRole).toString() == QStringLiteral("types"),
                             Timeout);
    QCOMPARE(panel->method(), QStringLiteral("types"));
    QVERIFY(w.session()->nameServer().isEmpty());

    // "Copy deep link" gives the same link back.
    QCOMPARE(w.currentDeepLink(), link);
    w.copyDeepLinkAction()->trigger();
    QCOMPARE(QApplication::clipboard()->text(), link);

    // A PYRONAME: link through the demo's name server, without a method, given to openUri.
    const QString byName = QStringLiteral("pyroexplorer://object/PYRONAME:demo.calculator@%1").arg(demo.nameServerUri().location());
    w.openUri(byName);
    QCOMPARE(w.inspector()->object().protocol(), PyroUri::Protocol::PyroName);
    QTRY_VERIFY_WITH_TIMEOUT(methodNames(w.inspector()).contains(QStringLiteral("add")), Timeout);
    QVERIFY(!w.inspector()->methodList()->currentItem());
    QCOMPARE(w.currentDeepLink(), DeepLink::parse(byName).value().toString());
    w.inspector()->methodList()->setCurrentRow(methodNames(w.inspector()).indexOf(QStringLiteral("mul")));
    QCOMPARE(w.currentDeepLink(), DeepLink::parse(byName + QStringLiteral("?method=mul")).value().toString());
}

void tst_MainWindow::deepLinkToNameServer()
{
    EmbeddedDemo demo;
    QVERIFY(!demo.start().isError());
    const QString location = demo.nameServerUri().location();
    MainWindow w;
    w.show();
    StartOptions options;
    options.uri = QStringLiteral("pyroexplorer://ns/") + location;
    w.start(options);
    QCOMPARE(w.session()->nameServer(), location);
    QTRY_VERIFY_WITH_TIMEOUT(w.browser()->model()->rowOf(QStringLiteral("demo.echo")) >= 0, Timeout);
    QVERIFY(w.emptyStateText().isEmpty());
}

void tst_MainWindow::badDeepLink()
{
    MainWindow w;
    w.show();
    StartOptions options;
    options.uri = QStringLiteral("pyroexplorer://object/PYRO%3Anohost?method=x");
    w.start(options);
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = w.findChild<QMessageBox *>()) != nullptr);
    QVERIFY2(box->text().contains(QStringLiteral("Not a usable pyroexplorer link")), qPrintable(box->text()));
    box->close();
    QVERIFY(!w.inspector()->object().isValid());
    QVERIFY(w.currentDeepLink().isEmpty());
}

static int bottomDockAreaHeight(MainWindow &w)
{
    // Everything between the central widget and the status bar: the docks, their tab bar
    // and the separator.
    return w.statusBar()->geometry().top() - w.centralWidget()->geometry().bottom() - 1;
}

void tst_MainWindow::flatTableWidensTheBrowser()
{
    QSettings().remove(QStringLiteral("mainwindow"));
    MainWindow w;
    w.resize(1280, 720);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QSplitter *panes = w.paneSplitter();
    QTRY_VERIFY(panes->sizes().value(0) > 0);
    const int treeWidth = panes->sizes().value(0);
    QVERIFY2(treeWidth < w.width() / 3, qPrintable(QString::number(treeWidth)));
    QToolButton *tableToggle = nullptr;
    for (QToolButton *b : w.browser()->findChildren<QToolButton *>())
        if (b->isCheckable() && b->text() == BrowserWidget::tr("Table"))
            tableToggle = b;
    QVERIFY(tableToggle);
    tableToggle->click();
    QTRY_VERIFY2(panes->sizes().value(0) >= w.width() / 2 - 10, qPrintable(QString::number(panes->sizes().value(0))));
    tableToggle->click();
    QTRY_COMPARE(panes->sizes().value(0), treeWidth);
}

void tst_MainWindow::centralAreaDominatesDocks()
{
    QSettings().remove(QStringLiteral("mainwindow"));
    int userHeight = 0;
    {
        MainWindow w;
        w.resize(1280, 800);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QCOMPARE(w.dockWidgetArea(w.historyDock()), Qt::BottomDockWidgetArea);
        QCOMPARE(w.tabifiedDockWidgets(w.historyDock()), QList<QDockWidget *>({ w.callbackDock(), w.watchDock() }));
        QTRY_VERIFY(w.historyDock()->height() > 0);
        const int central = w.centralWidget()->height();
        const int bottom = bottomDockAreaHeight(w);
        QVERIFY2(central > 2 * bottom, qPrintable(QStringLiteral("central %1, bottom %2").arg(central).arg(bottom)));
        QVERIFY2(bottom <= w.height() * 3 / 10, qPrintable(QStringLiteral("bottom %1 of %2").arg(bottom).arg(w.height())));
        QVERIFY2(bottom >= 80, qPrintable(QStringLiteral("bottom %1").arg(bottom))); // still usable
        // And the whole window still fits a 1366x768 laptop screen.
        QVERIFY2(w.minimumSizeHint().height() <= 700, qPrintable(QString::number(w.minimumSizeHint().height())));

        // The user makes the window and the docks taller; closing remembers both.
        w.resize(1280, 1100);
        QTRY_COMPARE(w.height(), 1100);
        w.resizeDocks({ w.historyDock() }, { 330 }, Qt::Vertical);
        QTRY_VERIFY2(w.historyDock()->height() > 280, qPrintable(QString::number(w.historyDock()->height())));
        userHeight = w.historyDock()->height();
        w.close();
    }
    QVERIFY(QSettings().contains(MainWindow::stateKey()));
    {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QCOMPARE(w.size(), QSize(1280, 1100));
        QTRY_VERIFY2(qAbs(w.historyDock()->height() - userHeight) <= 2,
                     qPrintable(QStringLiteral("%1, saved %2").arg(w.historyDock()->height()).arg(userHeight)));
        w.close();
    }
    QSettings().remove(QStringLiteral("mainwindow"));
}

void tst_MainWindow::namesResolveThroughTheWindowsNameServer()
{
    // A PYRONAME deep link at start-up with --demo resolves through the demo's own name
    // server (nothing listens on localhost:9090 here).
    MainWindow w;
    w.show();
    StartOptions options;
    options.demo = true;
    options.uri = QStringLiteral("pyroexplorer://object/PYRONAME%3Ademo.calculator?method=add");
    w.start(options);
    QTRY_VERIFY_WITH_TIMEOUT(methodNames(w.inspector()).contains(QStringLiteral("add")), Timeout);
    auto *panel = static_cast<InvokePanel *>(w.invokePanel());
    QTRY_COMPARE_WITH_TIMEOUT(panel->method(), QStringLiteral("add"), Timeout);
    QVERIFY2(!w.inspector()->isDisconnected(), qPrintable(w.inspector()->stateText()));

    // A call typed in the line, then the history's own "Copy as pyroctl" fed back in.
    panel->argumentLine()->setText(QStringLiteral("20, 22"));
    emit panel->argumentLine()->textEdited(panel->argumentLine()->text());
    panel->call();
    QTRY_COMPARE_WITH_TIMEOUT(panel->resultView()->value(), Value(42), Timeout);
    auto *history = static_cast<HistoryView *>(w.historyView());
    auto *table = history->findChild<QTableView *>();
    QVERIFY(table);
    table->selectRow(table->model()->rowCount() - 1);
    const QString pyroctl = history->pyroctlText();
    QVERIFY2(pyroctl.contains(QStringLiteral("demo.calculator")) && pyroctl.contains(QStringLiteral(" add ")), qPrintable(pyroctl));
    panel->argumentLine()->clear();
    panel->resultView()->clear();
    QVERIFY(panel->pastePyroctl(pyroctl));
    QCOMPARE(panel->method(), QStringLiteral("add"));
    QCOMPARE(panel->argumentLine()->text(), QStringLiteral("20, 22"));
    panel->call();
    QTRY_COMPARE_WITH_TIMEOUT(panel->resultView()->value(), Value(42), Timeout);

    // A hand-written line, as pyroctl reads it: shell quoting, literals, bare words as strings.
    QVERIFY(panel->pastePyroctl(QStringLiteral("pyroctl call demo.echo echo '[1, \"a b\"]'")));
    panel->call();
    QTRY_COMPARE_WITH_TIMEOUT(panel->resultView()->value().repr(), QStringLiteral("[1, 'a b']"), Timeout);
    // A bare word is not a literal for pyroctl either: refused, with the argument named.
    QVERIFY(!panel->pastePyroctl(QStringLiteral("pyroctl call demo.echo echo hello")));
    QVERIFY2(panel->formError().contains(QStringLiteral("argument 1")), qPrintable(panel->formError()));
    // The replayed/pasted object is shown in the inspector too.
    QTRY_COMPARE_WITH_TIMEOUT(w.browser()->currentName(), QStringLiteral("demo.echo"), Timeout);
}

void tst_MainWindow::germanTranslation()
{
    // The .qm that lrelease builds for pyro-explorer (embedded there under :/i18n).
    const QString dir = qEnvironmentVariable("PYRO_BUILD_DIR") + QStringLiteral("/app/gui");
    QTranslator translator;
    QVERIFY2(translator.load(QLocale(QLocale::German, QLocale::Germany), QStringLiteral("pyroexplorer"), QStringLiteral("_"), dir),
             qPrintable(dir));
    QVERIFY(QCoreApplication::installTranslator(&translator));
    auto remove = qScopeGuard([&translator] { QCoreApplication::removeTranslator(&translator); });
    MainWindow w;
    QStringList menus;
    for (QAction *a : w.menuBar()->actions())
        menus << a->text();
    QVERIFY2(menus.contains(QStringLiteral("&Datei")), qPrintable(menus.join(QLatin1Char(' '))));
    QVERIFY(menus.contains(QStringLiteral("&Hilfe")));
    QCOMPARE(w.browser()->model()->headerData(NameServerModel::ReachabilityColumn, Qt::Horizontal).toString(),
             QStringLiteral("Erreichbarkeit"));
    QCOMPARE(w.browser()->filterEdit()->placeholderText(), QStringLiteral("Namen filtern (Strg+F)"));
    QCOMPARE(QCoreApplication::translate("Pyro::Ui::BrowserWidget", "%n name(s)", nullptr, 2), QStringLiteral("2 Namen"));
    QCOMPARE(QCoreApplication::translate("Pyro::Ui::BrowserWidget", "%n name(s)", nullptr, 1), QStringLiteral("1 Name"));
}

QTEST_MAIN(tst_MainWindow)
#include "tst_mainwindow.moc"
