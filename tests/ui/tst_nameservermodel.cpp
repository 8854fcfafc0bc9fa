// NameServerModel (diffing listing), NameTreeModel (dotted paths) and NameFilterProxyModel
// (substring / regex / tags), each under QAbstractItemModelTester.
#include "browser/namefilterproxymodel.h"
#include "browser/nameservermodel.h"
#include "browser/nametreemodel.h"

#include <QAbstractItemModelTester>
#include <QItemSelectionModel>
#include <QSignalSpy>
#include <QTest>

using namespace Pyro;
using namespace Pyro::Ui;

static NameServerEntry entry(const QString &name, int port = 1000, const QStringList &tags = {})
{
    NameServerEntry e;
    e.name = name;
    e.uri = PyroUri::pyro(QStringLiteral("obj_") + name, QStringLiteral("127.0.0.1"), quint16(port));
    e.metadata = tags;
    return e;
}

static QStringList names(const QAbstractItemModel &m)
{
    QStringList out;
    for (int r = 0; r < m.rowCount(); ++r)
        out << m.index(r, 0).data(NameServerModel::NameRole).toString();
    return out;
}

class tst_NameServerModel : public QObject
{
    Q_OBJECT
private slots:
    void diffEmitsRowSignalsNotReset();
    void diffKeepsSelection();
    void columnsAndReachability();
    void badAddressFlagged();
    void treePaths();
    void treeFollowsSource();
    void filter_data();
    void filter();
    void invalidRegexReportsAndKeepsRows();
};

void tst_NameServerModel::diffEmitsRowSignalsNotReset()
{
    NameServerModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setEntries({ entry(QStringLiteral("b")), entry(QStringLiteral("d")), entry(QStringLiteral("a")) });
    QCOMPARE(names(model), (QStringList { QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("d") }));

    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    // b removed, c and e added, d's URI changed, a unchanged
    model.setEntries({ entry(QStringLiteral("a")), entry(QStringLiteral("c")), entry(QStringLiteral("d"), 2000),
                       entry(QStringLiteral("e")) });
    QCOMPARE(names(model), (QStringList { QStringLiteral("a"), QStringLiteral("c"), QStringLiteral("d"), QStringLiteral("e") }));
    QCOMPARE(resets.size(), 0);
    QCOMPARE(removed.size(), 1);
    QCOMPARE(removed.at(0).at(1).toInt(), 1);
    QCOMPARE(inserted.size(), 2);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.at(0).at(0).value<QModelIndex>().row(), 2);
    QCOMPARE(model.entryAt(2).uri.port(), 2000);
    QCOMPARE(model.rowOf(QStringLiteral("e")), 3);
    QCOMPARE(model.rowOf(QStringLiteral("b")), -1);

    // The same listing again changes nothing.
    inserted.clear();
    removed.clear();
    changed.clear();
    model.setEntries(model.entries());
    QCOMPARE(inserted.size() + removed.size() + changed.size(), 0);

    model.setEntries({});
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(resets.size(), 0);
}

void tst_NameServerModel::diffKeepsSelection()
{
    NameServerModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QList<NameServerEntry> list;
    for (int i = 0; i < 100; ++i)
        list << entry(QStringLiteral("n%1").arg(i, 3, 10, QLatin1Char('0')));
    model.setEntries(list);
    QItemSelectionModel selection(&model);
    selection.setCurrentIndex(model.index(model.rowOf(QStringLiteral("n050")), 0),
                              QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    list.removeAt(10); // before the selection
    list.removeAt(80); // after it
    list << entry(QStringLiteral("a_first")) << entry(QStringLiteral("z_last"));
    model.setEntries(list);
    QVERIFY(selection.currentIndex().isValid());
    QCOMPARE(selection.currentIndex().data(NameServerModel::NameRole).toString(), QStringLiteral("n050"));
    QVERIFY(selection.isRowSelected(selection.currentIndex().row(), QModelIndex()));
}

void tst_NameServerModel::columnsAndReachability()
{
    NameServerModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setEntries({ entry(QStringLiteral("lab.t1"), 4040, { QStringLiteral("x"), QStringLiteral("y") }) });
    QCOMPARE(model.columnCount(), int(NameServerModel::ColumnCount));
    QCOMPARE(model.index(0, NameServerModel::LocationColumn).data().toString(), QStringLiteral("127.0.0.1:4040"));
    QCOMPARE(model.index(0, NameServerModel::TagsColumn).data().toString(), QStringLiteral("x, y"));
    QCOMPARE(model.index(0, NameServerModel::UriColumn).data().toString(), QStringLiteral("PYRO:obj_lab.t1@127.0.0.1:4040"));
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setReachability(QStringLiteral("lab.t1"), NameServerModel::Reachability::Refused, QStringLiteral("why"));
    QCOMPARE(changed.size(), 1);
    QCOMPARE(model.index(0, NameServerModel::ReachabilityColumn).data(NameServerModel::ReachabilityRole).toInt(),
             int(NameServerModel::Reachability::Refused));
    QCOMPARE(model.index(0, NameServerModel::ReachabilityColumn).data().toString(),
             NameServerModel::reachabilityText(NameServerModel::Reachability::Refused));
    QVERIFY(model.index(0, NameServerModel::ReachabilityColumn).data(Qt::ToolTipRole).toString().contains(QStringLiteral("why")));
    // unknown names are ignored
    model.setReachability(QStringLiteral("nope"), NameServerModel::Reachability::Reachable);
    QCOMPARE(changed.size(), 1);
}

void tst_NameServerModel::badAddressFlagged()
{
    NameServerModel model;
    NameServerEntry wild = entry(QStringLiteral("wild"));
    wild.uri = PyroUri::pyro(QStringLiteral("w"), QStringLiteral("0.0.0.0"), 1234);
    NameServerEntry local = entry(QStringLiteral("local"));
    model.setEntries({ wild, local });
    QVERIFY(!model.addressWarning(wild).isEmpty());
    QVERIFY(model.addressWarning(local).isEmpty()); // name server on loopback too
    model.setNameServerHost(QStringLiteral("192.0.2.7"));
    QVERIFY(!model.addressWarning(local).isEmpty()); // loopback of another machine
    QVERIFY(!model.index(model.rowOf(QStringLiteral("wild")), NameServerModel::ReachabilityColumn).data().toString().isEmpty());
}

void tst_NameServerModel::treePaths()
{
    NameServerModel model;
    NameTreeModel tree;
    QAbstractItemModelTester tester(&tree, QAbstractItemModelTester::FailureReportingMode::QtTest);
    tree.setSourceModel(&model);
    model.setEntries({ entry(QStringLiteral("lab.sensor.t1")), entry(QStringLiteral("lab.sensor.t2")),
                       entry(QStringLiteral("lab.pump")), entry(QStringLiteral("top")), entry(QStringLiteral("lab")) });
    tree.rebuildIfPending();
    QCOMPARE(tree.rowCount(), 2); // lab, top
    const QModelIndex lab = tree.indexOfPath(QStringLiteral("lab"));
    QVERIFY(lab.isValid());
    QCOMPARE(tree.pathOf(lab), QStringLiteral("lab"));
    QCOMPARE(tree.rowCount(lab), 2); // pump, sensor
    QVERIFY(tree.sourceIndex(lab).isValid()); // "lab" is also a registration
    const QModelIndex sensor = tree.indexOfPath(QStringLiteral("lab.sensor"));
    QVERIFY(sensor.isValid());
    QCOMPARE(sensor.parent(), lab);
    QVERIFY(!tree.sourceIndex(sensor).isValid()); // inner node only
    QCOMPARE(sensor.data().toString(), QStringLiteral("sensor (2)"));
    const QModelIndex t2 = tree.indexOfPath(QStringLiteral("lab.sensor.t2"));
    QCOMPARE(t2.data().toString(), QStringLiteral("t2"));
    QCOMPARE(tree.pathOf(t2), QStringLiteral("lab.sensor.t2"));
    QCOMPARE(tree.sourceIndex(t2).data(NameServerModel::NameRole).toString(), QStringLiteral("lab.sensor.t2"));
    QCOMPARE(tree.index(t2.row(), NameServerModel::LocationColumn, sensor).data().toString(), QStringLiteral("127.0.0.1:1000"));
    QVERIFY(!tree.indexOfPath(QStringLiteral("lab.nothing")).isValid());
    QVERIFY(!tree.indexOfPath(QString()).isValid());
}

void tst_NameServerModel::treeFollowsSource()
{
    NameServerModel model;
    NameTreeModel tree;
    QAbstractItemModelTester tester(&tree, QAbstractItemModelTester::FailureReportingMode::QtTest);
    tree.setSourceModel(&model);
    model.setEntries({ entry(QStringLiteral("a.x")) });
    tree.rebuildIfPending();
    QVERIFY(tree.indexOfPath(QStringLiteral("a.x")).isValid());
    model.setEntries({ entry(QStringLiteral("a.x")), entry(QStringLiteral("b.y")) });
    tree.rebuildIfPending();
    QVERIFY(tree.indexOfPath(QStringLiteral("b.y")).isValid());
    model.setReachability(QStringLiteral("b.y"), NameServerModel::Reachability::Reachable);
    QCOMPARE(tree.index(0, NameServerModel::ReachabilityColumn, tree.indexOfPath(QStringLiteral("b")))
                     .data(NameServerModel::ReachabilityRole).toInt(),
             int(NameServerModel::Reachability::Reachable));
    model.setEntries({ entry(QStringLiteral("b.y")) });
    tree.rebuildIfPending();
    QVERIFY(!tree.indexOfPath(QStringLiteral("a")).isValid());
    QCOMPARE(tree.rowCount(), 1);

    // Many structural changes in one turn: one reset when the event loop runs.
    QSignalSpy resets(&tree, &QAbstractItemModel::modelReset);
    model.setEntries({ entry(QStringLiteral("c.1")) });
    model.setEntries({ entry(QStringLiteral("c.1")), entry(QStringLiteral("c.2")) });
    model.setEntries({ entry(QStringLiteral("c.2")), entry(QStringLiteral("d")) });
    QCOMPARE(resets.size(), 0);
    QTRY_COMPARE(resets.size(), 1);
    QVERIFY(tree.indexOfPath(QStringLiteral("c.2")).isValid());
    QVERIFY(tree.indexOfPath(QStringLiteral("d")).isValid());
    QVERIFY(!tree.indexOfPath(QStringLiteral("c.1")).isValid());
}

void tst_NameServerModel::filter_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("regex");
    QTest::addColumn<QStringList>("tags");
    QTest::addColumn<int>("mode");
    QTest::addColumn<QStringList>("expected");
    const auto all = int(NameFilterProxyModel::TagMode::All);
    const auto any = int(NameFilterProxyModel::TagMode::Any);
    auto L = [](std::initializer_list<const char *> l) {
        QStringList out;
        for (const char *s : l)
            out << QString::fromLatin1(s);
        return out;
    };
    QTest::newRow("no filter") << QString() << false << QStringList() << all
                               << L({ "lab.pump", "lab.sensor.t1", "lab.sensor.t2", "office.Sensor" });
    QTest::newRow("substring, middle level") << QStringLiteral("sensor") << false << QStringList() << all
                                             << L({ "lab.sensor.t1", "lab.sensor.t2", "office.Sensor" });
    QTest::newRow("substring, last level") << QStringLiteral("t2") << false << QStringList() << all << L({ "lab.sensor.t2" });
    QTest::newRow("substring, across dots") << QStringLiteral("b.p") << false << QStringList() << all << L({ "lab.pump" });
    QTest::newRow("substring, no match") << QStringLiteral("zzz") << false << QStringList() << all << QStringList();
    QTest::newRow("regex anywhere") << QStringLiteral("t[12]$") << true << QStringList() << all
                                    << L({ "lab.sensor.t1", "lab.sensor.t2" });
    QTest::newRow("regex anchored") << QStringLiteral("^office") << true << QStringList() << all << L({ "office.Sensor" });
    QTest::newRow("substring is literal") << QStringLiteral("t[12]") << false << QStringList() << all << QStringList();
    QTest::newRow("tags all") << QString() << false << L({ "temp", "lab" }) << all << L({ "lab.sensor.t1", "lab.sensor.t2" });
    QTest::newRow("tags all, one missing") << QString() << false << L({ "temp", "pump" }) << all << QStringList();
    QTest::newRow("tags any") << QString() << false << L({ "pump", "office" }) << any << L({ "lab.pump", "office.Sensor" });
    QTest::newRow("tags and name") << QStringLiteral("t1") << false << L({ "temp" }) << any << L({ "lab.sensor.t1" });
}

void tst_NameServerModel::filter()
{
    QFETCH(QString, text);
    QFETCH(bool, regex);
    QFETCH(QStringList, tags);
    QFETCH(int, mode);
    QFETCH(QStringList, expected);
    NameServerModel model;
    NameFilterProxyModel filter;
    QAbstractItemModelTester tester(&filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
    filter.setSourceModel(&model);
    filter.sort(NameServerModel::NameColumn);
    model.setEntries({ entry(QStringLiteral("lab.sensor.t1"), 1, { QStringLiteral("temp"), QStringLiteral("lab") }),
                       entry(QStringLiteral("lab.sensor.t2"), 2, { QStringLiteral("temp"), QStringLiteral("lab") }),
                       entry(QStringLiteral("lab.pump"), 3, { QStringLiteral("pump"), QStringLiteral("lab") }),
                       entry(QStringLiteral("office.Sensor"), 4, { QStringLiteral("office") }) });
    filter.setNameFilter(text, regex);
    filter.setTagFilter(tags, NameFilterProxyModel::TagMode(mode));
    QVERIFY(filter.isNameFilterValid());
    QCOMPARE(names(filter), expected);

    // The tree over the filter shows the same leaves.
    NameTreeModel tree;
    QAbstractItemModelTester treeTester(&tree, QAbstractItemModelTester::FailureReportingMode::QtTest);
    tree.setSourceModel(&filter);
    for (const QString &n : expected)
        QVERIFY2(tree.indexOfPath(n).isValid(), qPrintable(n));
}

void tst_NameServerModel::invalidRegexReportsAndKeepsRows()
{
    NameServerModel model;
    NameFilterProxyModel filter;
    filter.setSourceModel(&model);
    model.setEntries({ entry(QStringLiteral("a")), entry(QStringLiteral("b")) });
    filter.setNameFilter(QStringLiteral("a(b"), true);
    QVERIFY(!filter.isNameFilterValid());
    QVERIFY2(filter.nameFilterError().contains(QStringLiteral("3")), qPrintable(filter.nameFilterError()));
    QCOMPARE(filter.rowCount(), 2);
    filter.setNameFilter(QStringLiteral("a(b"), false); // as a substring it is fine
    QVERIFY(filter.isNameFilterValid());
    QVERIFY(filter.nameFilterError().isEmpty());
    QCOMPARE(filter.rowCount(), 0);
}

QTEST_MAIN(tst_NameServerModel)
#include "tst_nameservermodel.moc"
