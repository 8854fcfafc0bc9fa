#include "invoke/argumentmodel.h"
#include "invoke/bigintspinbox.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace Pyro;
using namespace Pyro::Ui;
using Type = ArgumentModel::Type;

class tst_ArgumentModel : public QObject
{
    Q_OBJECT
private slots:
    void evaluate_data();
    void evaluate();
    void liveValidation();
    void argumentsRoundTrip();
    void containers();
    void bigIntSteps();
};

void tst_ArgumentModel::evaluate_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("repr"); // empty: invalid
    QTest::addColumn<int>("offset");
    QTest::newRow("big int") << int(Type::Int) << QStringLiteral("123456789012345678901234567890") << QStringLiteral("123456789012345678901234567890") << -1;
    QTest::newRow("int rejects float") << int(Type::Int) << QStringLiteral("1.5") << QString() << 0;
    QTest::newRow("float from int") << int(Type::Float) << QStringLiteral("3") << QStringLiteral("3.0") << -1;
    QTest::newRow("str is raw") << int(Type::Str) << QStringLiteral("a'b") << QStringLiteral("\"a'b\"") << -1;
    QTest::newRow("bytes hex") << int(Type::BytesHex) << QStringLiteral("00 ff") << QStringLiteral("b'\\x00\\xff'") << -1;
    QTest::newRow("bytes hex bad digit") << int(Type::BytesHex) << QStringLiteral("0g") << QString() << 1;
    QTest::newRow("bytes text") << int(Type::BytesText) << QStringLiteral("hi") << QStringLiteral("b'hi'") << -1;
    QTest::newRow("none") << int(Type::None) << QString() << QStringLiteral("None") << -1;
    QTest::newRow("tuple") << int(Type::Tuple) << QStringLiteral("(1, [2])") << QStringLiteral("(1, [2])") << -1;
    QTest::newRow("list rejects tuple") << int(Type::List) << QStringLiteral("(1,)") << QString() << 0;
    QTest::newRow("literal error position") << int(Type::Literal) << QStringLiteral("[1, )") << QString() << 4;
    QTest::newRow("callback proxy") << int(Type::CallbackProxy) << QStringLiteral("PYRO:cb@127.0.0.1:5000")
                                    << QStringLiteral("{'__class__': 'Pyro4.core.Proxy', 'state': ('PYRO:cb@127.0.0.1:5000', (), (), (), 0.0, None, 'hello', 0, None)}")
                                    << -1;
}

void tst_ArgumentModel::evaluate()
{
    QFETCH(int, type);
    QFETCH(QString, text);
    QFETCH(QString, repr);
    QFETCH(int, offset);
    const Result<Value> v = ArgumentModel::evaluate({ QString(), Type(type), text });
    if (repr.isEmpty()) {
        QVERIFY(!v.ok());
        QCOMPARE(v.error().offset(), offset);
    } else {
        QVERIFY2(v.ok(), qPrintable(v.error().message()));
        QCOMPARE(v.value().repr(), repr);
    }
}

void tst_ArgumentModel::liveValidation()
{
    ArgumentModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy validity(&model, &ArgumentModel::validityChanged);
    model.appendRow({ QString(), Type::Literal, QStringLiteral("{'a': 1}") });
    QVERIFY(model.isValid());
    QVERIFY(model.setData(model.index(0, ArgumentModel::ValueColumn), QStringLiteral("{'a': }")));
    QVERIFY(!model.isValid());
    QCOMPARE(validity.count(), 1);
    QCOMPARE(model.index(0, 2).data(ArgumentModel::ErrorOffsetRole).toLongLong(), 6);
    QVERIFY(model.firstError().startsWith(QStringLiteral("argument 1: ")));
    QVERIFY(model.setData(model.index(0, ArgumentModel::ValueColumn), QStringLiteral("{'a': 1}")));
    QVERIFY(model.isValid());
    QCOMPARE(validity.count(), 2);
    // Keyword names must be identifiers.
    model.appendRow({ QStringLiteral("not ok"), Type::Int, QStringLiteral("1") });
    QVERIFY(!model.isValid());
    model.setData(model.index(1, ArgumentModel::NameColumn), QStringLiteral("ok"));
    QVERIFY(model.isValid());
    // Bool rows use the check state.
    model.appendRow({ QStringLiteral("flag"), Type::Bool, QStringLiteral("False") });
    QVERIFY(model.setData(model.index(2, ArgumentModel::ValueColumn), Qt::Checked, Qt::CheckStateRole));
    QCOMPARE(model.kwargs().value(QStringLiteral("flag")), Value(true));
    // Changing the type keeps the value where it can.
    QVERIFY(model.setData(model.index(1, ArgumentModel::TypeColumn), int(Type::Literal)));
    QCOMPARE(model.row(1).text, QStringLiteral("1"));
    model.moveArgument(0, 2);
    model.removeArgument(0);
    QCOMPARE(model.rowCount(), 2);
}

void tst_ArgumentModel::argumentsRoundTrip()
{
    ArgumentModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    Dict kw;
    kw.insert(QStringLiteral("d"), Value(Dict { { 1, Value::set({ 2, 3 }) } }));
    const ValueList args { 1, 2.5, Value(QStringLiteral("s")), Value::bytes("\x01"), Value(), true, Value::tuple({ 1 }),
                           ArgumentModel::proxyDict(QStringLiteral("PYRO:x@127.0.0.1:1")) };
    model.setArguments(args, kw);
    QVERIFY(model.isValid());
    QCOMPARE(model.args(), args);
    QCOMPARE(model.kwargs(), kw);
    QCOMPARE(model.row(7).type, Type::CallbackProxy);
    // Drafts are stored as JSON rows.
    const auto rows = ArgumentModel::rowsFromJson(ArgumentModel::rowsToJson(model.rows()));
    QCOMPARE(rows, model.rows());
}

void tst_ArgumentModel::containers()
{
    ArgumentModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setContainer(Value(Dict { { QStringLiteral("k"), Value::list({ 1, Value::tuple({ 2 }) }) } }));
    QCOMPARE(model.mode(), ArgumentModel::Mode::Dict);
    QCOMPARE(model.row(0).name, QStringLiteral("'k'"));
    QCOMPARE(model.containerValue(Type::Dict).value().repr(), QStringLiteral("{'k': [1, (2,)]}"));
    model.setContainer(Value::list({ 1, 2 }));
    QCOMPARE(model.mode(), ArgumentModel::Mode::Sequence);
    model.appendRow({ QString(), Type::Str, QStringLiteral("x") });
    QCOMPARE(model.containerValue(Type::Tuple).value().repr(), QStringLiteral("(1, 2, 'x')"));
    model.appendRow({ QString(), Type::List, QStringLiteral("[]") });
    QVERIFY(!model.containerValue(Type::Set).ok()); // lists are unhashable
}

void tst_ArgumentModel::bigIntSteps()
{
    QCOMPARE(BigIntSpinBox::addToDecimal(QStringLiteral("99999999999999999999"), 1), QStringLiteral("100000000000000000000"));
    QCOMPARE(BigIntSpinBox::addToDecimal(QStringLiteral("-100000000000000000000"), 1), QStringLiteral("-99999999999999999999"));
    QCOMPARE(BigIntSpinBox::addToDecimal(QStringLiteral("0"), -1), QStringLiteral("-1"));
    QCOMPARE(BigIntSpinBox::addToDecimal(QStringLiteral("-1"), 2), QStringLiteral("1"));
    BigIntSpinBox box;
    box.setText(QStringLiteral("9223372036854775807"));
    box.stepBy(1);
    QCOMPARE(box.text(), QStringLiteral("9223372036854775808"));
}

QTEST_MAIN(tst_ArgumentModel)
#include "tst_argumentmodel.moc"
