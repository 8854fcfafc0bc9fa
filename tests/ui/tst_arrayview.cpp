// Arrays in results as images and tables (issue 12 item 14, issue 11 item 9, explorer part),
// against a real Python Pyro4 daemon with numpy (tests/peers/gui_results_peer.py): numpy arrays
// arrive with pickle as the inert array value (uint8, int16 big-endian, uint16, int32, float32,
// float64 big-endian, H x W x 3 RGB, 2000 x 2000 decoded off the UI thread), lists of lists of
// numbers with serpent and json; pixel values, colour maps, readout and table cells are checked,
// and malformed array values give a message, not a crash.
#include "client/pendingcall.h"
#include "client/proxy.h"
#include "invoke/invokepanel.h"
#include "peerprocess.h"
#include "results/arraycanvas.h"
#include "results/arraydata.h"
#include "results/arrayimage.h"
#include "results/arraytablemodel.h"
#include "results/arrayview.h"
#include "results/resultview.h"
#include "results/valuetreemodel.h"
#include "session/session.h"
#include "value/inertobjects.h"

#include <QAbstractItemModelTester>
#include <QLineEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QAction>
#include <QMenu>
#include <QTableView>
#include <QTreeView>
#include <QTest>

using namespace Pyro;
using namespace Pyro::Ui;
using Pyro::Test::PeerProcess;

static constexpr int Timeout = 30000;

class tst_ArrayView : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void numpyArrays_data();
    void numpyArrays();
    void nestedLists_data();
    void nestedLists();
    void arrayInsideAResult();
    void bigArrayDoesNotBlock();
    void colourMapsAndReadout();
    void malformed_data();
    void malformed();

private:
    Value fetch(const QString &method, const ValueList &args, SerializerId serializer);
    PeerProcess m_peer;
    QString m_arrays;
};

void tst_ArrayView::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("pyro-explorer-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_arrayview"));
    QSettings().clear();
    QVERIFY2(m_peer.start(QStringLiteral("gui_results_peer.py")), qPrintable(m_peer.failure()));
    m_arrays = m_peer.readyText().split(u' ').value(1);
    QVERIFY2(m_arrays.startsWith(QStringLiteral("PYRO:arrays@")), qPrintable(m_peer.readyText()));
}

Value tst_ArrayView::fetch(const QString &method, const ValueList &args, SerializerId serializer)
{
    ProxySettings settings;
    settings.serializer = serializer;
    settings.allowPickle = serializer == SerializerId::Pickle;
    Proxy proxy(PyroUri::parse(m_arrays).value(), settings);
    PendingCall *call = proxy.call(method, args);
    call->waitForFinished(Timeout);
    if (call->hasError())
        qWarning() << call->error().toString();
    return call->result();
}

void tst_ArrayView::numpyArrays_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("dtype");
    QTest::addColumn<QList<qint64>>("shape");
    QTest::addColumn<QString>("first"); // [0, 0]
    QTest::addColumn<QString>("last"); // [rows-1, columns-1]
    QTest::addColumn<int>("firstIndex"); // colour index of pixel (0, 0) in a 2-D image
    QTest::addColumn<int>("lastIndex");
    QTest::newRow("uint8") << "uint8" << "uint8" << QList<qint64> { 48, 64 } << "0" << QString::number((47 * 64 + 63) % 256) << 0
                           << (47 * 64 + 63) % 256;
    QTest::newRow("int16 big-endian") << "int16_be" << "int16" << QList<qint64> { 3, 4 } << "-6" << "5" << 0 << 255;
    QTest::newRow("uint16") << "uint16" << "uint16" << QList<qint64> { 3, 4 } << "0" << "55000" << 0 << 255;
    QTest::newRow("int32") << "int32" << "int32" << QList<qint64> { 3, 4 } << "0" << "-1100000" << 255 << 0;
    QTest::newRow("float32") << "float32" << "float32" << QList<qint64> { 3, 4 } << "-1.0" << "1.0" << 0 << 255;
    QTest::newRow("float64 big-endian") << "float64_be" << "float64" << QList<qint64> { 3, 4 } << "0.0" << "2.5" << 0 << 255;
    QTest::newRow("rgb") << "rgb" << "uint8" << QList<qint64> { 4, 5, 3 } << "(255, 0, 0)" << "(255, 0, 0)" << -1 << -1;
}

void tst_ArrayView::numpyArrays()
{
    QFETCH(QString, kind);
    QFETCH(QString, dtype);
    QFETCH(QList<qint64>, shape);
    QFETCH(QString, first);
    QFETCH(QString, last);
    QFETCH(int, firstIndex);
    QFETCH(int, lastIndex);
    const Value value = fetch(QStringLiteral("array"), { kind }, SerializerId::Pickle);
    QVERIFY2(InertObjects::isArray(value), qPrintable(value.repr().left(300)));

    ResultView view;
    view.resize(800, 600);
    view.show();
    view.setResult(value);
    // A numpy array opens in the Array tab; decoding happens in the background.
    QVERIFY(view.hasArrayTab());
    QVERIFY(view.isArrayTabCurrent());
    ArrayView *arrays = view.arrayView();
    QTRY_VERIFY_WITH_TIMEOUT(!arrays->isBusy(), Timeout);
    QVERIFY2(arrays->errorText().isEmpty(), qPrintable(arrays->errorText()));
    const ArrayData a = arrays->array();
    QCOMPARE(a.dtype(), dtype);
    QCOMPARE(a.shape(), shape);
    QAbstractItemModelTester tester(arrays->tableModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(arrays->tableModel()->rowCount(), int(shape.at(0)));
    QCOMPARE(arrays->tableModel()->columnCount(), int(shape.at(1)));
    QCOMPARE(arrays->tableModel()->index(0, 0).data().toString(), first);
    const QModelIndex lastCell = arrays->tableModel()->index(int(shape.at(0)) - 1, int(shape.at(1)) - 1);
    QCOMPARE(lastCell.data().toString(), last);

    const QImage img = arrays->image();
    QCOMPARE(img.size(), QSize(int(shape.at(1)), int(shape.at(0))));
    if (shape.size() == 2) {
        QCOMPARE(img.format(), QImage::Format_Indexed8);
        QCOMPARE(img.pixelIndex(0, 0), firstIndex);
        QCOMPARE(img.pixelIndex(img.width() - 1, img.height() - 1), lastIndex);
        if (kind == QLatin1String("uint8"))
            QCOMPARE(img.pixelIndex(2, 1), 66); // uint8 is drawn as is: 0..255
    } else {
        QCOMPARE(img.pixel(0, 0), qRgb(255, 0, 0));
        QCOMPARE(img.pixel(2, 1), qRgb(10, 20, 30));
        QCOMPARE(arrays->tableModel()->index(1, 2).data().toString(), QStringLiteral("(10, 20, 30)"));
    }
    // The readout: position and value.
    arrays->showElement(shape.at(0) - 1, shape.at(1) - 1);
    QCOMPARE(arrays->readoutText(), QStringLiteral("[%1, %2] = %3").arg(shape.at(0) - 1).arg(shape.at(1) - 1).arg(last));
}

void tst_ArrayView::nestedLists_data()
{
    QTest::addColumn<QString>("method");
    QTest::addColumn<int>("serializer");
    QTest::newRow("serpent 2-D") << "nested" << int(SerializerId::Serpent);
    QTest::newRow("json 2-D") << "nested" << int(SerializerId::Json);
    QTest::newRow("marshal 2-D") << "nested" << int(SerializerId::Marshal);
    QTest::newRow("msgpack RGB") << "nested_rgb" << int(SerializerId::Msgpack);
    QTest::newRow("json RGB") << "nested_rgb" << int(SerializerId::Json);
}

void tst_ArrayView::nestedLists()
{
    QFETCH(QString, method);
    QFETCH(int, serializer);
    const Value value = fetch(method, {}, SerializerId(serializer));
    QVERIFY2(value.isList(), qPrintable(value.repr()));
    ResultView view;
    view.show();
    view.setResult(value);
    // Offered, but the tree stays in front for plain lists.
    QVERIFY(view.hasArrayTab());
    QVERIFY(!view.isArrayTabCurrent());
    ArrayView *arrays = view.arrayView();
    QTRY_VERIFY_WITH_TIMEOUT(!arrays->isBusy(), Timeout);
    QVERIFY2(arrays->errorText().isEmpty(), qPrintable(arrays->errorText()));
    if (method == QLatin1String("nested")) {
        QCOMPARE(arrays->array().shape(), (QList<qint64> { 2, 3 }));
        QCOMPARE(arrays->tableModel()->index(1, 2).data().toString(), QStringLiteral("5.5"));
        QCOMPARE(arrays->tableModel()->index(0, 1).data().toString(), QStringLiteral("1.0"));
        QCOMPARE(arrays->image().pixelIndex(0, 0), 0);
        QCOMPARE(arrays->image().pixelIndex(2, 1), 255);
    } else {
        QCOMPARE(arrays->array().shape(), (QList<qint64> { 2, 2, 3 }));
        QCOMPARE(arrays->image().pixel(0, 0), qRgb(255, 0, 0));
        QCOMPARE(arrays->image().pixel(1, 0), qRgb(0, 255, 0));
        QCOMPARE(arrays->image().pixel(0, 1), qRgb(0, 0, 255));
        QCOMPARE(arrays->tableModel()->index(1, 1).data().toString(), QStringLiteral("(1, 2, 3)"));
    }
    // The tree's context menu shows any array-like node there too.
    view.clear();
    QVERIFY(!view.hasArrayTab());
    view.showArray(value);
    QVERIFY(view.isArrayTabCurrent());
    QTRY_VERIFY_WITH_TIMEOUT(!arrays->isBusy(), Timeout);
    QVERIFY(!arrays->image().isNull());
}

void tst_ArrayView::arrayInsideAResult()
{
    // {'frame': <48 x 64 uint8>, 'gain': 4}: the tree shows the array as numpy prints its kind,
    // Enter on it (or the context menu) shows it in the Array tab.
    const Value value = fetch(QStringLiteral("status"), {}, SerializerId::Pickle);
    ResultView view;
    view.show();
    view.setResult(value);
    QVERIFY(!view.hasArrayTab());
    QTreeView *tree = view.treeView();
    const QModelIndex root = tree->model()->index(0, 0);
    QModelIndex frame;
    for (int r = 0; r < tree->model()->rowCount(root); ++r)
        if (tree->model()->index(r, 0, root).data().toString() == QLatin1String("frame"))
            frame = tree->model()->index(r, 0, root);
    QVERIFY(frame.isValid());
    QCOMPARE(frame.siblingAtColumn(ValueTreeModel::ValueColumn).data().toString(), QStringLiteral("array(shape=(48, 64), dtype=uint8)"));
    QCOMPARE(frame.siblingAtColumn(ValueTreeModel::TypeColumn).data().toString(), QStringLiteral("numpy.ndarray"));
    std::unique_ptr<QMenu> menu(view.contextMenuFor(frame));
    QStringList texts;
    for (QAction *a : menu->actions())
        texts << a->text();
    QVERIFY2(texts.contains(QStringLiteral("Show as image")) && texts.contains(QStringLiteral("Show as table")), qPrintable(texts.join(u'|')));
    emit tree->activated(frame);
    QVERIFY(view.isArrayTabCurrent());
    QTRY_VERIFY_WITH_TIMEOUT(!view.arrayView()->isBusy(), Timeout);
    QCOMPARE(view.arrayView()->array().shape(), (QList<qint64> { 48, 64 }));
    QCOMPARE(view.arrayView()->image().pixelIndex(2, 1), 66);
}

void tst_ArrayView::bigArrayDoesNotBlock()
{
    // Through the call form, with pickle: 2000 x 2000 uint8 (4 MB).
    Session session;
    ProxySettings settings = session.settings();
    settings.serializer = SerializerId::Pickle;
    settings.allowPickle = true;
    session.setSettings(settings);
    InvokePanel panel(&session);
    panel.resize(900, 700);
    panel.show();
    panel.setTarget(PyroUri::parse(m_arrays).value(), QStringLiteral("array"));
    panel.argumentLine()->setText(QStringLiteral("'big'"));
    emit panel.argumentLine()->textEdited(panel.argumentLine()->text());
    QSignalSpy done(&panel, &InvokePanel::callFinished);
    panel.call();
    QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, Timeout);
    ResultView *view = panel.resultView();
    QVERIFY2(!view->error(), qPrintable(view->errorText()));
    ArrayView *arrays = view->arrayView();
    // setResult() returned before decoding finished: the work is on a worker thread.
    QVERIFY(arrays->isBusy() || !arrays->image().isNull());
    QSignalSpy ready(arrays, &ArrayView::ready);
    QTRY_VERIFY_WITH_TIMEOUT(!arrays->isBusy(), Timeout);
    QVERIFY2(arrays->errorText().isEmpty(), qPrintable(arrays->errorText()));
    const QImage img = arrays->image();
    QCOMPARE(img.size(), QSize(2000, 2000));
    QCOMPARE(img.pixelIndex(1999, 1999), int((qint64(1999) * 2000 + 1999) % 251));
    QCOMPARE(img.pixelIndex(7, 3), int((3 * 2000 + 7) % 251));
    QCOMPARE(arrays->tableModel()->rowCount(), 2000);
    QCOMPARE(arrays->tableModel()->index(1999, 1998).data().toString(), QString::number((qint64(1999) * 2000 + 1998) % 251));
    QVERIFY(!arrays->canvas()->grab().isNull());
}

void tst_ArrayView::colourMapsAndReadout()
{
    const Value value = fetch(QStringLiteral("array"), { QStringLiteral("uint8") }, SerializerId::Pickle);
    ArrayView view;
    view.resize(640, 520);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setValue(value);
    QTRY_VERIFY_WITH_TIMEOUT(!view.isBusy(), Timeout);
    const QImage grey = view.image();
    QCOMPARE(grey.color(255), qRgb(255, 255, 255));
    view.setColourMap(ArrayImage::Viridis);
    const QImage viridis = view.image();
    QCOMPARE(viridis.pixelIndex(5, 5), grey.pixelIndex(5, 5)); // same pixels, another table
    QCOMPARE(viridis.color(0), ArrayImage::colourTable(ArrayImage::Viridis).first());
    QCOMPARE(viridis.color(0), qRgb(68, 1, 84));
    QVERIFY(viridis.color(255) != grey.color(255));

    // The mouse over a pixel shows its position and value.
    ArrayCanvas *canvas = view.canvas();
    const QRect r = canvas->imageRect();
    QVERIFY(r.width() >= 64 && r.height() >= 48);
    const QPoint px(10, 20);
    const QPoint pos(r.x() + (px.x() * r.width() + r.width() / 2) / 64, r.y() + (px.y() * r.height() + r.height() / 2) / 48);
    QCOMPARE(canvas->pixelAt(pos), px);
    QTest::mouseMove(canvas, pos);
    QTRY_COMPARE(view.readoutText(), QStringLiteral("[20, 10] = %1").arg((20 * 64 + 10) % 256));
    QCOMPARE(canvas->pixelAt(QPoint(r.left() - 1, r.top())), QPoint(-1, -1));

    // A colour map chosen while the next array is still being decoded applies to it.
    view.setValue(value);
    view.setColourMap(ArrayImage::Inferno);
    QTRY_VERIFY_WITH_TIMEOUT(!view.isBusy(), Timeout);
    QCOMPARE(view.image().color(0), ArrayImage::colourTable(ArrayImage::Inferno).first());
}

void tst_ArrayView::malformed_data()
{
    QTest::addColumn<Value>("value");
    QTest::addColumn<QString>("message");
    const auto array = [](const Value &shape, const Value &dtype, const Value &order, const QByteArray &bytes) {
        const Value data = Value::bytes(bytes);
        return Value(Dict { { QStringLiteral("__class__"), QStringLiteral("numpy.ndarray") },
                            { QStringLiteral("shape"), shape },
                            { QStringLiteral("dtype"), dtype },
                            { QStringLiteral("byteorder"), order },
                            { QStringLiteral("data"), data } });
    };
    const Value le = QStringLiteral("<");
    QTest::newRow("data too short") << array(Value::tuple({ 2, 3 }), QStringLiteral("uint16"), le, QByteArray(11, 'x'))
                                    << "needs 12 bytes of data, it has 11";
    QTest::newRow("data too long") << array(Value::tuple({ 2, 2 }), QStringLiteral("uint8"), le, QByteArray(5, 'x')) << "needs 4 bytes";
    QTest::newRow("complex dtype") << array(Value::tuple({ 1 }), QStringLiteral("complex64"), le, QByteArray(8, 'x')) << "dtype complex64";
    QTest::newRow("bad byte order") << array(Value::tuple({ 1 }), QStringLiteral("int16"), QStringLiteral("x"), QByteArray(2, 'x')) << "byte order";
    QTest::newRow("negative dimension") << array(Value::tuple({ -1, 4 }), QStringLiteral("uint8"), le, QByteArray()) << "dimension -1";
    QTest::newRow("huge shape") << array(Value::tuple({ qint64(1) << 40, qint64(1) << 40 }), QStringLiteral("uint8"), le, QByteArray(4, 'x'))
                                << "too large";
    QTest::newRow("shape not ints") << array(Value::tuple({ QStringLiteral("a") }), QStringLiteral("uint8"), le, QByteArray(1, 'x'))
                                    << "malformed numpy array";
    QTest::newRow("no data") << Value(Dict { { QStringLiteral("__class__"), QStringLiteral("numpy.ndarray") } }) << "malformed numpy array";
    QTest::newRow("ragged") << Value::list({ Value::list({ 1, 2 }), Value::list({ 3 }) }) << "row 1 has 1 items, row 0 has 2";
    QTest::newRow("string item") << Value::list({ Value::list({ 1, QStringLiteral("a") }) }) << "item [0][1] is a str";
    QTest::newRow("mixed depth") << Value::list({ Value::list({ 1, Value::list({ 2 }) }) }) << "item [0][1]";
    QTest::newRow("row not a list") << Value::list({ Value::list({ 1 }), 2 }) << "row 1 is a int";
    QTest::newRow("3-D, 5 channels: table only") << array(Value::tuple({ 2, 3, 5 }), QStringLiteral("uint8"), le, QByteArray(30, 'x'))
                                                 << "last dimension is 3 (RGB) or 4";
}

void tst_ArrayView::malformed()
{
    QFETCH(Value, value);
    QFETCH(QString, message);
    ArrayView view;
    view.show();
    view.setValue(value);
    QTRY_VERIFY_WITH_TIMEOUT(!view.isBusy(), Timeout);
    QVERIFY(view.image().isNull());
    if (message.startsWith(QLatin1String("last dimension"))) {
        QVERIFY2(view.errorText().isEmpty(), qPrintable(view.errorText())); // a valid array, just not an image
        QCOMPARE(view.tableModel()->rowCount(), 2);
        QCOMPARE(view.tableModel()->index(0, 0).data().toString(), QStringLiteral("(120, 120, 120, 120, 120)"));
        return;
    }
    QVERIFY2(view.errorText().contains(message), qPrintable(view.errorText()));
    QCOMPARE(view.tableModel()->rowCount(), 0);
}

QTEST_MAIN(tst_ArrayView)
#include "tst_arrayview.moc"
