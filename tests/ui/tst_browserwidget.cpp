// BrowserWidget against a real Python Pyro4 name server (tests/peers/gui_explorer_ns.py):
// 10,000 registrations listed and filtered, live refresh keeping selection and expansion,
// and the reachability column.
#include "browser/browserwidget.h"
#include "browser/namefilterproxymodel.h"
#include "browser/nameservermodel.h"
#include "browser/nametreemodel.h"
#include "client/pendingcall.h"
#include "session/session.h"
#include "naming/nameserverclient.h"
#include "peerprocess.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>
#include <QTreeView>

using namespace Pyro;
using namespace Pyro::Ui;
using Pyro::Test::PeerProcess;

static constexpr int Timeout = 60000;

class tst_BrowserWidget : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void tenThousandNames();
    void liveRefreshKeepsSelectionAndExpansion();
    void reachability();

private:
    static PyroUri startNameServer(PeerProcess &peer, int count);
    static QModelIndex selectPath(BrowserWidget &browser, const QString &path);
};

void tst_BrowserWidget::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

PyroUri tst_BrowserWidget::startNameServer(PeerProcess &peer, int count)
{
    if (!peer.start(QStringLiteral("gui_explorer_ns.py"), { QStringLiteral("--count"), QString::number(count) }, Timeout))
        qFatal("peer failed: %s", qPrintable(peer.failure()));
    const QString hostPort = peer.readyText().trimmed();
    const int colon = hostPort.lastIndexOf(QLatin1Char(':'));
    return NameServerClient::nameServerUri(hostPort.left(colon), hostPort.mid(colon + 1).toInt());
}

QModelIndex tst_BrowserWidget::selectPath(BrowserWidget &browser, const QString &path)
{
    const QModelIndex i = browser.treeModel()->indexOfPath(path);
    if (i.isValid())
        browser.treeView()->selectionModel()->setCurrentIndex(i, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    return i;
}

void tst_BrowserWidget::tenThousandNames()
{
    PeerProcess peer;
    const PyroUri ns = startNameServer(peer, 10000);
    Session session;
    BrowserWidget browser(&session);
    QAbstractItemModelTester t1(browser.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester t2(browser.filterModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester t3(browser.treeModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    browser.resize(600, 700);
    browser.show();
    QSignalSpy refreshed(&browser, &BrowserWidget::refreshed);
    browser.setNameServer(ns);
    QTRY_COMPARE_WITH_TIMEOUT(refreshed.size(), 1, Timeout);
    QVERIFY2(!refreshed.at(0).at(0).value<Error>().isError(), qPrintable(refreshed.at(0).at(0).value<Error>().toString()));
    QCOMPARE(browser.model()->rowCount(), 10004); // with Pyro.NameServer itself
    QTRY_COMPARE(browser.treeModel()->rowCount(), 12); // Pyro, check, site0..site9
    auto *count = browser.findChild<QLabel *>(QStringLiteral("countLabel"));
    QVERIFY(count->text().contains(QStringLiteral("10004")));

    // The tree: three levels, leaves carry the URI.
    const QModelIndex leaf = browser.treeModel()->indexOfPath(QStringLiteral("site7.rack37.node9937"));
    QVERIFY(leaf.isValid());
    QCOMPARE(browser.treeModel()->index(leaf.row(), NameServerModel::UriColumn, leaf.parent()).data().toString(),
             QStringLiteral("PYRO:obj_9937@127.0.0.1:20937"));
    QCOMPARE(browser.treeModel()->rowCount(browser.treeModel()->indexOfPath(QStringLiteral("site7"))), 10);

    // Substring at any level, through the filter box.
    browser.filterEdit()->setText(QStringLiteral("node999"));
    QCOMPARE(browser.filterModel()->rowCount(), 11); // node999, node9990..node9999
    QTRY_VERIFY(!browser.treeModel()->indexOfPath(QStringLiteral("check")).isValid()); // the tree follows
    QVERIFY(browser.treeModel()->indexOfPath(QStringLiteral("site9.rack99.node9999")).isValid());
    QVERIFY(browser.treeModel()->indexOfPath(QStringLiteral("site0.rack90.node9990")).isValid());
    QVERIFY(!browser.treeModel()->indexOfPath(QStringLiteral("site0.rack0")).isValid());
    QVERIFY(browser.treeView()->isExpanded(browser.treeModel()->indexOfPath(QStringLiteral("site9.rack99"))));
    QVERIFY(count->text().contains(QStringLiteral("11")));
    browser.filterEdit()->setText(QStringLiteral("RACK42."));
    QCOMPARE(browser.filterModel()->rowCount(), 100);

    // Regex.
    auto *regex = browser.findChild<QCheckBox *>(QStringLiteral("regexBox"));
    regex->setChecked(true);
    browser.filterEdit()->setText(QStringLiteral("^site3\\.rack(3|13)\\.node1\\d+3$"));
    QCOMPARE(browser.filterModel()->rowCount(), 22); // node103, node113, node1003..node1993 in rack 3 or 13
    auto *error = browser.findChild<QLabel *>(QStringLiteral("filterError"));
    QVERIFY(error->isHidden());
    browser.filterEdit()->setText(QStringLiteral("node(1"));
    QVERIFY(!error->isHidden());
    QVERIFY2(error->text().contains(QStringLiteral("regular expression")), qPrintable(error->text()));
    QCOMPARE(browser.filterModel()->rowCount(), 10004); // an invalid pattern filters nothing out
    regex->setChecked(false);
    QVERIFY(error->isHidden());
    browser.filterEdit()->clear();

    // Tags: all / any.
    auto *tags = browser.findChild<QLineEdit *>(QStringLiteral("tagsEdit"));
    auto *mode = browser.findChild<QComboBox *>(QStringLiteral("tagModeBox"));
    tags->setText(QStringLiteral("seventh, even"));
    mode->setCurrentIndex(mode->findData(int(NameFilterProxyModel::TagMode::All)));
    QCOMPARE(browser.filterModel()->rowCount(), 715); // i % 14 == 0
    mode->setCurrentIndex(mode->findData(int(NameFilterProxyModel::TagMode::Any)));
    tags->setText(QStringLiteral("seventh,check"));
    QCOMPARE(browser.filterModel()->rowCount(), 1429 + 3);
    browser.filterEdit()->setText(QStringLiteral("check."));
    QCOMPARE(browser.filterModel()->rowCount(), 3);
    tags->clear();
    browser.filterEdit()->clear();
    QCOMPARE(browser.filterModel()->rowCount(), 10004);
    QTRY_COMPARE(browser.treeModel()->rowCount(), 12);

    // Table mode shows the same rows; activating one reports name and URI.
    browser.setTreeMode(false);
    QSignalSpy activated(&browser, &BrowserWidget::objectActivated);
    const QModelIndex first = browser.filterModel()->index(0, 0);
    browser.tableView()->setCurrentIndex(first);
    QCOMPARE(browser.currentName(), QStringLiteral("check.badaddress"));
    QTest::keyClick(browser.tableView(), Qt::Key_Return);
    QCOMPARE(activated.size(), 1);
    QCOMPARE(activated.at(0).at(0).toString(), QStringLiteral("check.badaddress"));
}

void tst_BrowserWidget::liveRefreshKeepsSelectionAndExpansion()
{
    PeerProcess peer;
    const PyroUri ns = startNameServer(peer, 300);
    Session session;
    BrowserWidget browser(&session);
    QAbstractItemModelTester t3(browser.treeModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    browser.resize(500, 400);
    browser.show();
    QSignalSpy refreshed(&browser, &BrowserWidget::refreshed);
    browser.setNameServer(ns);
    QTRY_COMPARE_WITH_TIMEOUT(refreshed.size(), 1, Timeout);
    QTRY_VERIFY(browser.treeModel()->indexOfPath(QStringLiteral("site3.rack53.node253")).isValid());
    QSignalSpy current(&browser, &BrowserWidget::currentObjectChanged);
    browser.treeView()->expand(browser.treeModel()->indexOfPath(QStringLiteral("site3")));
    browser.treeView()->expand(browser.treeModel()->indexOfPath(QStringLiteral("site3.rack53")));
    QVERIFY(selectPath(browser, QStringLiteral("site3.rack53.node253")).isValid());
    QCOMPARE(browser.currentName(), QStringLiteral("site3.rack53.node253"));
    QCOMPARE(current.size(), 1);
    QCOMPARE(current.at(0).at(1).value<PyroUri>().toString(), QStringLiteral("PYRO:obj_253@127.0.0.1:20253"));

    // Change the name server behind the browser's back: one new name in the expanded
    // branch, one removed, one new top-level branch.
    NameServerClient client(ns);
    QList<PendingCall *> calls { client.registerName(QStringLiteral("site3.rack53.aaa_new"),
                                                     PyroUri::pyro(QStringLiteral("x"), QStringLiteral("127.0.0.1"), 1)),
                                 client.registerName(QStringLiteral("aaa.first"),
                                                     PyroUri::pyro(QStringLiteral("y"), QStringLiteral("127.0.0.1"), 2)),
                                 client.remove(QStringLiteral("site3.rack53.node153")) };
    for (PendingCall *c : calls)
        c->setAutoDelete(false);
    for (PendingCall *c : calls) {
        QTRY_VERIFY_WITH_TIMEOUT(c->isFinished(), Timeout);
        QVERIFY2(!c->error().isError(), qPrintable(c->error().toString()));
        delete c;
    }

    // Auto refresh (every second) picks the changes up.
    browser.setRefreshInterval(1);
    QTRY_VERIFY_WITH_TIMEOUT(browser.model()->rowOf(QStringLiteral("aaa.first")) >= 0, Timeout);
    browser.setRefreshInterval(0);
    QTRY_VERIFY(browser.treeModel()->indexOfPath(QStringLiteral("site3.rack53.aaa_new")).isValid());
    QVERIFY(!browser.treeModel()->indexOfPath(QStringLiteral("site3.rack53.node153")).isValid());
    QCOMPARE(browser.model()->rowOf(QStringLiteral("site3.rack53.node153")), -1);
    QCOMPARE(browser.currentName(), QStringLiteral("site3.rack53.node253"));
    QVERIFY(browser.treeView()->selectionModel()->isSelected(browser.treeModel()->indexOfPath(QStringLiteral("site3.rack53.node253"))));
    QVERIFY(browser.treeView()->isExpanded(browser.treeModel()->indexOfPath(QStringLiteral("site3"))));
    QVERIFY(browser.treeView()->isExpanded(browser.treeModel()->indexOfPath(QStringLiteral("site3.rack53"))));
    QVERIFY(!browser.treeView()->isExpanded(browser.treeModel()->indexOfPath(QStringLiteral("site4"))));
    // The same object stays current: no spurious "current changed" to another object.
    for (const auto &args : current)
        QCOMPARE(args.at(0).toString(), QStringLiteral("site3.rack53.node253"));

    // The table keeps its selection too (rows inserted before it, not a reset).
    browser.setTreeMode(false);
    const QModelIndex row = browser.filterModel()->mapFromSource(
            browser.model()->index(browser.model()->rowOf(QStringLiteral("site5.rack5.node5")), 0));
    browser.tableView()->selectionModel()->setCurrentIndex(row, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    PendingCall *more = client.registerName(QStringLiteral("aab.second"), PyroUri::pyro(QStringLiteral("z"), QStringLiteral("127.0.0.1"), 3));
    more->setAutoDelete(false);
    QTRY_VERIFY_WITH_TIMEOUT(more->isFinished(), Timeout);
    delete more;
    const int before = int(refreshed.size());
    browser.refresh();
    QTRY_COMPARE_WITH_TIMEOUT(int(refreshed.size()), before + 1, Timeout);
    QVERIFY(browser.model()->rowOf(QStringLiteral("aab.second")) >= 0);
    QCOMPARE(browser.currentName(), QStringLiteral("site5.rack5.node5"));
}

void tst_BrowserWidget::reachability()
{
    PeerProcess peer;
    const PyroUri ns = startNameServer(peer, 0);
    Session session;
    BrowserWidget browser(&session);
    QSignalSpy refreshed(&browser, &BrowserWidget::refreshed);
    browser.setNameServer(ns);
    QTRY_COMPARE_WITH_TIMEOUT(refreshed.size(), 1, Timeout);
    NameServerModel *m = browser.model();
    QCOMPARE(m->rowCount(), 4); // and Pyro.NameServer
    auto state = [m](const char *name) {
        return NameServerModel::Reachability(
                m->index(m->rowOf(QString::fromLatin1(name)), NameServerModel::ReachabilityColumn)
                        .data(NameServerModel::ReachabilityRole).toInt());
    };
    auto text = [m](const char *name) {
        return m->index(m->rowOf(QString::fromLatin1(name)), NameServerModel::ReachabilityColumn).data().toString();
    };
    using R = NameServerModel::Reachability;
    QTRY_COMPARE_WITH_TIMEOUT(state("check.reachable"), R::Reachable, Timeout);
    QTRY_COMPARE_WITH_TIMEOUT(state("check.refused"), R::Refused, Timeout);
    QTRY_COMPARE_WITH_TIMEOUT(state("check.badaddress"), R::Unreachable, Timeout);
    QCOMPARE(text("check.reachable"), NameServerModel::reachabilityText(R::Reachable));
    QCOMPARE(text("check.refused"), NameServerModel::reachabilityText(R::Refused));
    QVERIFY2(text("check.badaddress").contains(QStringLiteral("bad address")), qPrintable(text("check.badaddress")));
    QVERIFY(m->index(m->rowOf(QStringLiteral("check.badaddress")), NameServerModel::ReachabilityColumn)
                    .data(Qt::ToolTipRole).toString().contains(QStringLiteral("0.0.0.0")));
    // three distinct texts
    QCOMPARE(QSet<QString>({ text("check.reachable"), text("check.refused"), text("check.badaddress") }).size(), 3);
}

QTEST_MAIN(tst_BrowserWidget)
#include "tst_browserwidget.moc"
