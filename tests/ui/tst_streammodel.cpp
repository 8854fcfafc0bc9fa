#include "streams/streammodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QtTest>

using namespace Pyro;
using Pyro::Ui::StreamModel;

class tst_StreamModel : public QObject
{
    Q_OBJECT
private slots:
    void batchesAppends();
    void boundedRows();
    void numericFieldsOfRecords();
    void exports();
};

void tst_StreamModel::batchesAppends()
{
    StreamModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy flushed(&model, &StreamModel::itemsFlushed);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QVERIFY(flushed.isValid());
    for (int i = 0; i < 5000; ++i)
        model.appendItem(i);
    QCOMPARE(model.rowCount(), 0); // queued, not yet in the model
    QTRY_COMPARE(model.rowCount(), 5000);
    // One timer-coalesced insert, not 5000.
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(flushed.count(), 1);
    QCOMPARE(flushed.first().first().toInt(), 5000);
    QCOMPARE(model.data(model.index(4999, StreamModel::ValueColumn)).toString(), QStringLiteral("4999"));
    QCOMPARE(model.totalReceived(), qint64(5000));
}

void tst_StreamModel::boundedRows()
{
    StreamModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setMaxRows(100);
    for (int i = 0; i < 250; ++i)
        model.appendItem(i);
    model.flush();
    QCOMPARE(model.rowCount(), 100);
    QCOMPARE(model.droppedCount(), qint64(150));
    QCOMPARE(model.data(model.index(0, StreamModel::IndexColumn)).toLongLong(), qint64(150));
    for (int i = 0; i < 30; ++i)
        model.appendItem(i);
    model.flush();
    QCOMPARE(model.rowCount(), 100);
    QCOMPARE(model.droppedCount(), qint64(180));
    // the per-item text is bounded too
    model.appendItem(QString(10000, QLatin1Char('x')));
    model.flush();
    QVERIFY(model.data(model.index(99, StreamModel::ValueColumn)).toString().size() <= StreamModel::MaxTextLength + 1);
}

void tst_StreamModel::numericFieldsOfRecords()
{
    const Value rec = Dict { { QStringLiteral("symbol"), QStringLiteral("ACME") },
                             { QStringLiteral("price"), 12.5 },
                             { QStringLiteral("time"), 1700000000 } };
    QCOMPARE(StreamModel::numericFields(rec), (QList<double> { 12.5, 1700000000.0 }));
    QCOMPARE(StreamModel::numericFields(Value(3)), QList<double> { 3.0 });
    QVERIFY(StreamModel::numericFields(Value(QStringLiteral("x"))).isEmpty());
    StreamModel model;
    model.appendItem(rec);
    model.flush();
    QCOMPARE(model.numericFieldNames(), (QStringList { QStringLiteral("price"), QStringLiteral("time") }));
}

void tst_StreamModel::exports()
{
    StreamModel model;
    model.appendItem(QStringLiteral("a\"b"));
    model.appendItem(7);
    model.flush();
    const QList<QByteArray> csv = model.exportCsv().split('\n');
    QCOMPARE(csv.first(), QByteArray("index,time,value"));
    QVERIFY(csv.at(1).startsWith("0,"));
    QVERIFY(csv.at(1).endsWith(",\"'a\"\"b'\""));
    const QList<QByteArray> lines = model.exportJsonLines().trimmed().split('\n');
    QCOMPARE(lines.size(), 2);
    QVERIFY(lines.at(1).contains("\"value\":\"7\""));
}

QTEST_MAIN(tst_StreamModel)
#include "tst_streammodel.moc"
