#include "results/valuetreemodel.h"

#include <QAbstractItemModelTester>
#include <QtTest>

using namespace Pyro;
using Pyro::Ui::ValueTreeModel;

class tst_ValueTreeModel : public QObject
{
    Q_OBJECT
private slots:
    void scalarsAndContainers();
    void lazyPagesOfBigList();
    void classDictShowsClassName();
};

void tst_ValueTreeModel::scalarsAndContainers()
{
    ValueTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    Dict d;
    d.insert(QStringLiteral("n"), Value(BigInt::fromString(u"1606938044258990275541962092341162602522202993782792835301376").value()));
    d.insert(QStringLiteral("items"), Value::list({ 1, 2.5, Value::bytes(QByteArray("\x00\x01", 2)) }));
    model.setValue(Value(d));

    QCOMPARE(model.rowCount(), 1);
    const QModelIndex root = model.index(0, 0);
    QCOMPARE(model.data(model.index(0, ValueTreeModel::TypeColumn)).toString(), QStringLiteral("dict"));
    QVERIFY(model.hasChildren(root));
    QCOMPARE(model.rowCount(root), 2);
    QVERIFY(!model.canFetchMore(root));
    QCOMPARE(model.data(model.index(0, ValueTreeModel::NameColumn, root)).toString(), QStringLiteral("n"));
    // big ints are shown exactly
    QCOMPARE(model.data(model.index(0, ValueTreeModel::ValueColumn, root)).toString(),
             QStringLiteral("1606938044258990275541962092341162602522202993782792835301376"));
    const QModelIndex items = model.index(1, 0, root);
    QCOMPARE(model.rowCount(items), 3);
    QCOMPARE(model.data(model.index(2, ValueTreeModel::TypeColumn, items)).toString(), QStringLiteral("bytes"));
    QCOMPARE(model.data(model.index(2, ValueTreeModel::ValueColumn, items)).toString(), QStringLiteral("00 01"));
    QCOMPARE(model.valueAt(model.index(1, 0, items)), Value(2.5));
}

void tst_ValueTreeModel::lazyPagesOfBigList()
{
    ValueTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    ValueList big;
    for (int i = 0; i < 2500; ++i)
        big.append(i);
    model.setValue(Value::list(big));
    const QModelIndex root = model.index(0, 0);
    QCOMPARE(model.rowCount(root), 1000); // first page only
    QVERIFY(model.canFetchMore(root));
    model.fetchMore(root);
    model.fetchMore(root);
    QCOMPARE(model.rowCount(root), 2500);
    QVERIFY(!model.canFetchMore(root));
    QCOMPARE(model.valueAt(model.index(2499, 0, root)), Value(2499));
}

void tst_ValueTreeModel::classDictShowsClassName()
{
    ValueTreeModel model;
    const Value uri = Dict { { QStringLiteral("__class__"), QStringLiteral("Pyro4.core.URI") },
                             { QStringLiteral("state"), Value::tuple({ QStringLiteral("PYRO"), QStringLiteral("obj") }) } };
    model.setValue(uri);
    QCOMPARE(model.data(model.index(0, ValueTreeModel::TypeColumn)).toString(), QStringLiteral("Pyro4.core.URI"));
}

QTEST_MAIN(tst_ValueTreeModel)
#include "tst_valuetreemodel.moc"
