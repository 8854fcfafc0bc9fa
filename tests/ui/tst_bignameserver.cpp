// Big name servers in the window (issue 12 item 9): a Python Pyro4 name server with 10,000
// names (tests/peers/gui_explorer_ns.py; the generated ones point at ports where nothing
// listens, plus check.refused on a just-closed port) opened with --ns: the status bar does not
// stay on "Listing...", reachability is checked lazily (the entries in view, not all 10,004 at
// once) and follows the view when it scrolls to the end.
#include "browser/browserwidget.h"
#include "browser/nameservermodel.h"
#include "mainwindow.h"
#include "peerprocess.h"

#include <QLabel>
#include <QScrollBar>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTest>

using namespace Pyro;
using namespace Pyro::Ui;
using Pyro::Test::PeerProcess;
using R = NameServerModel::Reachability;

static constexpr int Timeout = 40000;

class tst_BigNameServer : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void tenThousandNamesLazily();
};

void tst_BigNameServer::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("pyro-explorer-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_bignameserver"));
    QSettings().clear();
}

void tst_BigNameServer::tenThousandNamesLazily()
{
    PeerProcess peer;
    QVERIFY2(peer.start(QStringLiteral("gui_explorer_ns.py"), { QStringLiteral("--count"), QStringLiteral("10000") }, Timeout),
             qPrintable(peer.failure()));
    MainWindow w;
    w.resize(1280, 720);
    w.show();
    StartOptions options;
    options.nameServer = peer.readyText().trimmed();
    w.start(options);
    NameServerModel *m = w.browser()->model();
    QTRY_COMPARE_WITH_TIMEOUT(m->rowCount(), 10004, Timeout);
    // The listing arrived: the status bar says so, not "Listing…".
    QTRY_VERIFY_WITH_TIMEOUT(!w.statusBar()->currentMessage().startsWith(QStringLiteral("Listing")), Timeout);
    QVERIFY(w.emptyStateText().isEmpty());

    const auto state = [m](const QString &name) {
        return R(m->index(m->rowOf(name), NameServerModel::ReachabilityColumn).data(NameServerModel::ReachabilityRole).toInt());
    };
    const auto checked = [m] {
        int n = 0;
        for (int r = 0; r < m->rowCount(); ++r) {
            const R s = R(m->index(r, NameServerModel::ReachabilityColumn).data(NameServerModel::ReachabilityRole).toInt());
            n += s != R::Unknown;
        }
        return n;
    };

    // The table view shows the first names: they are checked, the refused one says so.
    BrowserWidget *browser = w.browser();
    browser->setTreeMode(false);
    QTableView *table = browser->tableView();
    QTRY_COMPARE_WITH_TIMEOUT(state(QStringLiteral("check.refused")), R::Refused, Timeout);
    QTRY_COMPARE_WITH_TIMEOUT(state(QStringLiteral("check.reachable")), R::Reachable, Timeout);
    const QStringList firstVisible = browser->visibleNames();
    QVERIFY(!firstVisible.isEmpty());
    for (const QString &name : firstVisible)
        QTRY_VERIFY2_WITH_TIMEOUT(state(name) != R::Unknown && state(name) != R::Checking, qPrintable(name), Timeout);
    // Lazily: far from all of them.
    const int afterFirst = checked();
    QVERIFY2(afterFirst < 2000, qPrintable(QString::number(afterFirst)));
    // The last name is not in view and not checked yet.
    const QString last = m->entryAt(m->rowCount() - 1).name;
    QVERIFY(!firstVisible.contains(last));
    QCOMPARE(state(last), R::Unknown);

    // Scrolled to the end: what comes into view is checked (nothing listens there: refused).
    table->scrollToBottom();
    QTRY_VERIFY_WITH_TIMEOUT(browser->visibleNames().contains(table->model()->index(table->model()->rowCount() - 1, 0).data().toString()),
                             Timeout);
    const QStringList endVisible = browser->visibleNames();
    QVERIFY(!endVisible.isEmpty());
    for (const QString &name : endVisible) {
        if (!name.startsWith(QStringLiteral("site")))
            continue;
        QTRY_COMPARE_WITH_TIMEOUT(state(name), R::Refused, Timeout);
    }
    QVERIFY2(checked() < 4000, qPrintable(QString::number(checked())));
    // And the count label says that big lists are checked as they come into view.
    auto *count = browser->findChild<QLabel *>(QStringLiteral("countLabel"));
    QVERIFY(count);
    QVERIFY2(count->toolTip().contains(QStringLiteral("scroll")), qPrintable(count->toolTip()));
}

QTEST_MAIN(tst_BigNameServer)
#include "tst_bignameserver.moc"
