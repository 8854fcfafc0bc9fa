#include "charts/linechart.h"
#include "streams/streamfiltermodel.h"
#include "streams/streammodel.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <unistd.h>

using namespace Pyro;
using Pyro::Ui::LineChart;
using Pyro::Ui::StreamFilterModel;
using Pyro::Ui::StreamModel;

//! The process's resident set size in bytes (Linux: /proc/self/statm, field 2 in pages).
static qint64 residentBytes()
{
    QFile statm(QStringLiteral("/proc/self/statm"));
    if (!statm.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> fields = statm.readAll().split(' ');
    return fields.size() > 1 ? fields.at(1).toLongLong() * sysconf(_SC_PAGESIZE) : -1;
}

class tst_StreamModel : public QObject
{
    Q_OBJECT
private slots:
    void batchesAppends();
    void boundedRows();
    void numericFieldsOfRecords();
    void exports();
    void filterIsIncremental();
    void filterFollowsDrops();
    void filterScansInSlices();
    void millionItems();
    void chartDecimates();
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

void tst_StreamModel::filterIsIncremental()
{
    StreamModel model;
    StreamFilterModel filter;
    filter.setSourceModel(&model);
    QAbstractItemModelTester tester(&filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(filter.rowCount(), 0);
    for (int i = 0; i < 100; ++i)
        model.appendItem(i);
    model.flush();
    QCOMPARE(filter.rowCount(), 100); // no expression: every row passes
    QCOMPARE(filter.index(42, StreamModel::ValueColumn).data().toString(), QStringLiteral("42"));

    filter.setFilterRegularExpression(QRegularExpression(QStringLiteral("7")));
    QVERIFY(!filter.isScanning()); // 100 rows fit in the first slice
    QCOMPARE(filter.rowCount(), 19); // 7, 17, ..., 97 and 70..79
    QCOMPARE(filter.index(0, StreamModel::ValueColumn).data().toString(), QStringLiteral("7"));
    QCOMPARE(filter.mapToSource(filter.index(1, 0)).row(), 17);
    QCOMPARE(filter.mapFromSource(model.index(70, 2)).row(), 7);
    QVERIFY(!filter.mapFromSource(model.index(1, 0)).isValid());

    // New rows are tested once, on arrival, and appended: no reset, no rescan.
    QSignalSpy resets(&filter, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(&filter, &QAbstractItemModel::rowsInserted);
    for (int i = 100; i < 200; ++i)
        model.appendItem(i);
    model.flush();
    QCOMPARE(resets.count(), 0);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.first().at(1).toInt(), 19);
    QCOMPARE(filter.rowCount(), 38);
    QVERIFY(filter.acceptsSourceRow(107));
    QVERIFY(!filter.acceptsSourceRow(108));

    filter.setFilterRegularExpression(QRegularExpression());
    QCOMPARE(filter.rowCount(), 200);
}

void tst_StreamModel::filterFollowsDrops()
{
    StreamModel model;
    model.setMaxRows(100);
    StreamFilterModel filter;
    filter.setSourceModel(&model);
    QAbstractItemModelTester tester(&filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
    filter.setFilterRegularExpression(QRegularExpression(QStringLiteral("5$")));
    for (int batch = 0; batch < 5; ++batch) {
        for (int i = 0; i < 50; ++i)
            model.appendItem(batch * 50 + i);
        model.flush();
    }
    QCOMPARE(model.firstIndex(), qint64(150));
    QCOMPARE(filter.rowCount(), 10); // 155, 165, ..., 245
    QCOMPARE(filter.index(0, StreamModel::IndexColumn).data().toLongLong(), qint64(155));
    QCOMPARE(filter.index(9, StreamModel::ValueColumn).data().toString(), QStringLiteral("245"));
    // One flush bigger than the cap replaces everything.
    for (int i = 0; i < 150; ++i)
        model.appendItem(1000 + i);
    model.flush();
    QCOMPARE(model.rowCount(), 100);
    QCOMPARE(model.data(model.index(0, StreamModel::ValueColumn)).toString(), QStringLiteral("1050"));
    QCOMPARE(filter.rowCount(), 10);
    QCOMPARE(filter.index(0, StreamModel::ValueColumn).data().toString(), QStringLiteral("1055"));

    // Without an expression the rows pass through, drops included.
    filter.setFilterRegularExpression(QRegularExpression());
    for (int i = 0; i < 30; ++i)
        model.appendItem(i);
    model.flush();
    QCOMPARE(filter.rowCount(), 100);
    QCOMPARE(filter.index(99, StreamModel::ValueColumn).data().toString(), QStringLiteral("29"));
}

void tst_StreamModel::filterScansInSlices()
{
    StreamModel model;
    for (int i = 0; i < 300000; ++i)
        model.appendItem(i);
    model.flush();
    StreamFilterModel filter;
    filter.setSourceModel(&model);
    QSignalSpy finished(&filter, &StreamFilterModel::scanFinished);
    filter.setFilterRegularExpression(QRegularExpression(QStringLiteral("^1234\\d$|^29999\\d$")));
    // Rows arriving during a scan join it, in order.
    for (int i = 300000; i < 300010; ++i)
        model.appendItem(i);
    model.flush();
    if (filter.isScanning())
        QVERIFY(finished.wait(60000));
    QCOMPARE(filter.rowCount(), 20);
    QCOMPARE(filter.index(0, StreamModel::ValueColumn).data().toString(), QStringLiteral("12340"));
    QCOMPARE(filter.index(19, StreamModel::ValueColumn).data().toString(), QStringLiteral("299999"));
}

void tst_StreamModel::millionItems()
{
    constexpr int Count = 1000000;
    constexpr int Batch = 10000;
    StreamModel model;
    QCOMPARE(model.maxRows(), Count);
    QSignalSpy flushed(&model, &StreamModel::itemsFlushed);
    const qint64 before = residentBytes();
    QVERIFY(before > 0);
    for (int b = 0; b < Count / Batch; ++b) {
        for (int i = 0; i < Batch; ++i)
            model.appendItem(Value(qint64(b) * Batch + i));
        model.flush();
    }
    const qint64 grown = residentBytes() - before;
    QCOMPARE(model.rowCount(), Count);
    QCOMPARE(flushed.count(), Count / Batch);
    QCOMPARE(model.droppedCount(), qint64(0));
    QCOMPARE(model.index(0, StreamModel::ValueColumn).data().toString(), QStringLiteral("0"));
    QCOMPARE(model.index(0, StreamModel::IndexColumn).data().toLongLong(), qint64(0));
    QCOMPARE(model.index(Count - 1, StreamModel::ValueColumn).data().toString(), QStringLiteral("999999"));
    QCOMPARE(model.index(Count - 1, StreamModel::IndexColumn).data().toLongLong(), qint64(Count - 1));
    QCOMPARE(model.index(Count - 1, StreamModel::ValueColumn).data(StreamModel::NumericRole).toList().value(0).toDouble(), 999999.0);
    // An item is its Value (40 bytes, an int inline) and a receive time (8): 48 bytes, plus
    // the deque's block bookkeeping. 400 bytes leaves room for malloc slack and for what a
    // view and a filter add per row (about 16 and 8 bytes), and would fail at once if the
    // model went back to storing a QString and a QList<double> per item (well over 100 bytes
    // of heap each, doubled by malloc headers).
    qInfo("RSS grew by %lld bytes for %d items: %.1f bytes/item", grown, Count, double(grown) / Count);
    QVERIFY2(grown < qint64(400) * Count, qPrintable(QStringLiteral("%1 bytes/item").arg(double(grown) / Count)));

    // Past the cap the oldest go, in O(batch): the model stays at a million.
    for (int i = 0; i < Batch; ++i)
        model.appendItem(Value(qint64(Count + i)));
    model.flush();
    QCOMPARE(model.rowCount(), Count);
    QCOMPARE(model.firstIndex(), qint64(Batch));
    QCOMPARE(model.index(0, StreamModel::ValueColumn).data().toString(), QString::number(Batch));
    QCOMPARE(model.index(Count - 1, StreamModel::ValueColumn).data().toString(), QString::number(Count + Batch - 1));

    // Filter over the big model: one scan in slices, then only new rows are tested.
    StreamFilterModel filter;
    filter.setSourceModel(&model);
    QSignalSpy scanned(&filter, &StreamFilterModel::scanFinished);
    filter.setFilterRegularExpression(QRegularExpression(QStringLiteral("^12345\\d$|^100999\\d$")));
    QVERIFY(filter.isScanning()); // a million rows do not fit in one slice
    QVERIFY(scanned.wait(120000));
    QCOMPARE(filter.rowCount(), 20);
    QCOMPARE(filter.index(0, StreamModel::ValueColumn).data().toString(), QStringLiteral("123450"));
    QCOMPARE(filter.index(19, StreamModel::ValueColumn).data().toString(), QStringLiteral("1009999"));
    QSignalSpy resets(&filter, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(&filter, &QAbstractItemModel::rowsInserted);
    filter.setFilterRegularExpression(QRegularExpression(QStringLiteral("^101000\\d$")));
    filter.finishScan();
    QCOMPARE(filter.rowCount(), 0);
    inserted.clear();
    for (int i = 0; i < Batch; ++i)
        model.appendItem(Value(qint64(Count + Batch + i)));
    model.flush();
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(filter.rowCount(), 10);
    QCOMPARE(resets.count(), 1); // the expression change only

    // Export everything and the filtered rows, streamed to files.
    QTemporaryDir dir;
    QFile csv(dir.filePath(QStringLiteral("all.csv")));
    QVERIFY(csv.open(QIODevice::WriteOnly));
    QVERIFY(model.exportTo(&csv, StreamModel::ExportFormat::Csv));
    csv.close();
    QVERIFY(csv.open(QIODevice::ReadOnly));
    qint64 lines = 0;
    QByteArray last;
    while (!csv.atEnd()) {
        const QByteArray line = csv.readLine();
        if (!line.isEmpty())
            last = line;
        ++lines;
    }
    QCOMPARE(lines, qint64(Count + 1));
    QVERIFY2(last.startsWith(QByteArray::number(Count + 2 * Batch - 1) + ','), last.constData());
    QVERIFY(last.trimmed().endsWith(",\"" + QByteArray::number(Count + 2 * Batch - 1) + '"'));
    QFile jsonl(dir.filePath(QStringLiteral("some.jsonl")));
    QVERIFY(jsonl.open(QIODevice::WriteOnly));
    QVERIFY(model.exportTo(&jsonl, StreamModel::ExportFormat::JsonLines, [&](int row) { return filter.acceptsSourceRow(row); }));
    jsonl.close();
    QVERIFY(jsonl.open(QIODevice::ReadOnly));
    const QList<QByteArray> some = jsonl.readAll().trimmed().split('\n');
    QCOMPARE(some.size(), 10);
    QVERIFY2(some.first().contains("\"value\":\"1010000\""), some.first().constData());
}

void tst_StreamModel::chartDecimates()
{
    LineChart chart;
    chart.resize(400, 150);
    chart.setMaxPoints(100);
    chart.setWindow(1000);
    const auto add = [&chart](int i, double a, double b) {
        chart.addSample(QStringLiteral("a"), 1000000 + i, a);
        chart.addSample(QStringLiteral("b"), 1000000 + i, b);
    };
    for (int i = 0; i < 60; ++i)
        add(i, double(i), double(-i));
    QCOMPARE(chart.pointCount(), 60); // a slow stream: one point per item
    QCOMPARE(chart.stride(), qint64(1));
    QCOMPARE(chart.seriesNames(), QStringList({ QStringLiteral("a"), QStringLiteral("b") }));
    for (int i = 60; i < 1000000; ++i)
        add(i, double(i % 1000), double(-i));
    // Bounded whatever the count; a full chart spans at most the window (one bucket per
    // point at most twice the window / maxPoints).
    QVERIFY(chart.pointCount() <= chart.maxPoints() + 1);
    QVERIFY(chart.stride() > 1);
    QVERIFY(chart.stride() * chart.maxPoints() <= 2 * chart.window());
    QCOMPARE(chart.itemCount(), qint64(2000000)); // samples, both series
    QCOMPARE(chart.sampleCount(QStringLiteral("a")), qint64(1000000));
    QVERIFY(!chart.grab().isNull()); // paints the decimated bands and lines
    chart.clear();
    QCOMPARE(chart.pointCount(), 0);
    QCOMPARE(chart.stride(), qint64(1));
}

QTEST_MAIN(tst_StreamModel)
#include "tst_streammodel.moc"
