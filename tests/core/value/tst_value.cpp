#include "value/literalparser.h"
#include "value/pyroobjects.h"
#include "value/value.h"
#include "value/valueconvert.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QtTest>

#include <cmath>

using namespace Pyro;

/*
    The value model's rules: strict equality for tests and round trips, Python equality and
    hashing for dict keys and set members (1 == 1.0 == True collide, the first key stays),
    insertion order, hashability; plus the QVariant/JSON conversions and the Pyro object
    recognisers.
*/
class tst_Value : public QObject
{
    Q_OBJECT

private slots:
    void strictEquality_data();
    void strictEquality();
    void pythonEquality_data();
    void pythonEquality();
    void numbersCollideAsDictKeys();
    void setsKeepFirstMember();
    void dictKeepsInsertionOrder();
    void dictIndexSurvivesGrowthAndRemoval();
    void reservedDictKeepsPythonKeys();
    void copiesAndMovesEveryType_data();
    void copiesAndMovesEveryType();
    void hashable_data();
    void hashable();
    void typeNamesAndClassName();
    void toVariant();
    void toJson();
    void fromVariant();
    void fromJsonNumbers();
    void pyroObjects();

private:
    static Value lit(const char16_t *text)
    {
        const Result<Value> r = LiteralParser::parse(QStringView(text));
        if (!r)
            qFatal("bad literal in test: %s", qPrintable(r.error().message()));
        return r.value();
    }
};

void tst_Value::strictEquality_data()
{
    QTest::addColumn<Value>("a");
    QTest::addColumn<Value>("b");
    QTest::addColumn<bool>("equal");
    QTest::newRow("int_vs_float") << Value(1) << Value(1.0) << false;
    QTest::newRow("int_vs_bool") << Value(1) << Value(true) << false;
    QTest::newRow("tuple_vs_list") << Value::tuple({ 1 }) << Value::list({ 1 }) << false;
    QTest::newRow("bytes_vs_bytearray") << Value::bytes("a") << Value::byteArray("a") << false;
    QTest::newRow("set_vs_frozenset") << Value::set({ 1 }) << Value::frozenSet({ 1 }) << false;
    QTest::newRow("nan_is_nan") << Value(double(NAN)) << Value(double(NAN)) << true;
    QTest::newRow("neg_zero") << Value(-0.0) << Value(0.0) << false;
    QTest::newRow("complex_neg_zero") << Value(Complex(-0.0, 1)) << Value(Complex(0.0, 1)) << false;
    QTest::newRow("set_order") << Value::set({ 1, 2 }) << Value::set({ 2, 1 }) << true;
    QTest::newRow("dict_order") << lit(u"{'a': 1, 'b': 2}") << lit(u"{'b': 2, 'a': 1}") << true;
    QTest::newRow("dict_key_type") << lit(u"{1: 'a'}") << lit(u"{1.0: 'a'}") << false;
    QTest::newRow("big_vs_big") << lit(u"123456789012345678901234567890")
                                << Value(*BigInt::fromString(u"123456789012345678901234567890")) << true;
    QTest::newRow("nested") << lit(u"[(1, {2}), {'k': b'v'}]") << lit(u"[(1, {2}), {'k': b'v'}]") << true;
}

void tst_Value::strictEquality()
{
    QFETCH(Value, a);
    QFETCH(Value, b);
    QFETCH(bool, equal);
    QCOMPARE(a == b, equal);
    QCOMPARE(b == a, equal);
}

void tst_Value::pythonEquality_data()
{
    QTest::addColumn<Value>("a");
    QTest::addColumn<Value>("b");
    QTest::addColumn<bool>("equal");
    QTest::newRow("int_float") << Value(1) << Value(1.0) << true;
    QTest::newRow("int_bool") << Value(1) << Value(true) << true;
    QTest::newRow("zero_false") << Value(0) << Value(false) << true;
    QTest::newRow("neg_zero_zero") << Value(-0.0) << Value(0) << true;
    QTest::newRow("int_float_fraction") << Value(1) << Value(1.5) << false;
    QTest::newRow("big_float") << lit(u"18446744073709551616") << Value(18446744073709551616.0) << true;
    QTest::newRow("big_float_off_by_one") << lit(u"18446744073709551617") << Value(18446744073709551616.0) << false;
    QTest::newRow("complex_int") << Value(Complex(1, 0)) << Value(1) << true;
    QTest::newRow("complex_imag") << Value(Complex(1, 1)) << Value(1) << false;
    QTest::newRow("bytes_bytearray") << Value::bytes("a") << Value::byteArray("a") << true;
    QTest::newRow("set_frozenset") << Value::set({ 1, 2 }) << Value::frozenSet({ 2, 1.0 }) << true;
    QTest::newRow("tuple_list") << Value::tuple({ 1 }) << Value::list({ 1 }) << false;
    QTest::newRow("tuple_numeric") << Value::tuple({ 1, 2.0 }) << Value::tuple({ true, 2 }) << true;
    QTest::newRow("dict_numeric_keys") << lit(u"{1: 'a'}") << lit(u"{1.0: 'a'}") << true;
    QTest::newRow("str_bytes") << Value(QStringLiteral("a")) << Value::bytes("a") << false;
    QTest::newRow("nan") << Value(double(NAN)) << Value(double(NAN)) << false; // as in Python
    QTest::newRow("none_none") << Value() << Value() << true;
    QTest::newRow("none_zero") << Value() << Value(0) << false;
}

void tst_Value::pythonEquality()
{
    QFETCH(Value, a);
    QFETCH(Value, b);
    QFETCH(bool, equal);
    QCOMPARE(Value::pyEquals(a, b), equal);
    QCOMPARE(Value::pyEquals(b, a), equal);
    if (equal)
        QCOMPARE(Value::pyHash(a), Value::pyHash(b));
}

void tst_Value::numbersCollideAsDictKeys()
{
    // Python: {1: 'a', 1.0: 'b', True: 'c'} == {1: 'c'}; the first key object stays.
    Dict d;
    d.insert(1, QStringLiteral("a"));
    d.insert(1.0, QStringLiteral("b"));
    d.insert(true, QStringLiteral("c"));
    QCOMPARE(d.size(), 1);
    QVERIFY(d.items().first().first.isInt());
    QCOMPARE(d.value(true), Value(QStringLiteral("c")));
    QVERIFY(d.contains(Value(Complex(1, 0))));
    QCOMPARE(Value(d).repr(), QStringLiteral("{1: 'c'}"));
    // and types stay visible where they do not collide
    d.insert(2.0, 1);
    QVERIFY(d.items().last().first.isFloat());
    QVERIFY(d.remove(2));
    QCOMPARE(d.size(), 1);
}

void tst_Value::setsKeepFirstMember()
{
    const Value s = Value::set({ true, 1, 1.0, 2.0, 2 });
    QCOMPARE(s.items().size(), 2);
    QVERIFY(s.items()[0].isBool());
    QVERIFY(s.items()[1].isFloat());
    QCOMPARE(s.repr(), QStringLiteral("{True, 2.0}"));
}

void tst_Value::dictKeepsInsertionOrder()
{
    Dict d;
    for (const char16_t *k : { u"z", u"a", u"m" })
        d.insert(QString::fromUtf16(k), 0);
    d.insert(QStringLiteral("a"), 1); // replacing keeps the position
    QCOMPARE(Value(d).repr(), QStringLiteral("{'z': 0, 'a': 1, 'm': 0}"));
    d.remove(QStringLiteral("z"));
    d.insert(QStringLiteral("z"), 2); // re-inserting goes to the end
    QCOMPARE(Value(d).repr(), QStringLiteral("{'a': 1, 'm': 0, 'z': 2}"));
}

void tst_Value::dictIndexSurvivesGrowthAndRemoval()
{
    Dict d;
    for (int i = 0; i < 200; ++i)
        d.insert(i, i * 2);
    for (int i = 0; i < 200; i += 3)
        QVERIFY(d.remove(double(i)));
    for (int i = 0; i < 200; ++i) {
        QCOMPARE(d.contains(i), i % 3 != 0);
        if (i % 3)
            QCOMPARE(d.value(Value(double(i))), Value(i * 2));
    }
    Dict copy = d; // implicitly shared, detaches on write
    copy.insert(0, 0);
    QVERIFY(!d.contains(0));
    QVERIFY(copy.contains(0));
}

// Decoders reserve a dict from the count the input declares and insert every item; a
// duplicate key (by Python equality) must still replace the value in place.
void tst_Value::reservedDictKeepsPythonKeys()
{
    Dict d;
    d.reserve(40);
    for (int i = 0; i < 20; ++i)
        d.insert(QStringLiteral("k%1").arg(i), i);
    d.insert(1, QStringLiteral("int"));
    d.insert(1.0, QStringLiteral("float")); // 1 == 1.0: replaces, keeps the int key
    d.insert(true, QStringLiteral("bool")); // True == 1 as well
    d.insert(QStringLiteral("k3"), -3);
    QCOMPARE(d.size(), 21);
    QCOMPARE(d.items().at(3).second, Value(-3));
    QCOMPARE(d.items().at(20).first, Value(1));
    QCOMPARE(d.value(1.0), Value(QStringLiteral("bool")));
}

void tst_Value::copiesAndMovesEveryType_data()
{
    QTest::addColumn<Value>("value");
    QTest::newRow("None") << Value();
    QTest::newRow("bool") << Value(true);
    QTest::newRow("int") << Value(qint64(-7));
    QTest::newRow("big int") << Value(*BigInt::fromString(u"1180591620717411303424"));
    QTest::newRow("float") << Value(2.5);
    QTest::newRow("complex") << Value(Complex(1, -2));
    QTest::newRow("str") << Value(QStringLiteral("Zürich"));
    QTest::newRow("bytes") << Value::bytes("ab");
    QTest::newRow("bytearray") << Value::byteArray("cd");
    QTest::newRow("tuple") << Value::tuple({ 1, QStringLiteral("x") });
    QTest::newRow("list") << Value::list({ 2.5, Value() });
    QTest::newRow("set") << Value::set({ 1, 2 });
    QTest::newRow("frozenset") << Value::frozenSet({ 3 });
    QTest::newRow("dict") << Value(Dict { { QStringLiteral("a"), 1 } });
}

void tst_Value::copiesAndMovesEveryType()
{
    QFETCH(Value, value);
    const QString repr = value.repr();
    Value copy(value);
    QCOMPARE(copy, value);
    Value other = QStringLiteral("other"); // assignment over a value of another type
    other = copy;
    QCOMPARE(other, value);
    Value moved(std::move(copy));
    QCOMPARE(moved, value);
    Value target = Value::list({ 1 });
    target = std::move(moved);
    QCOMPARE(target, value);
    target = target; // self-assignment keeps it
    QCOMPARE(target.repr(), repr);
    ValueList many(100, value); // QList may relocate Values as bytes
    many.insert(0, Value(QStringLiteral("front")));
    many.reserve(1000);
    QCOMPARE(many.last(), value);
    QCOMPARE(value.repr(), repr);
}

void tst_Value::hashable_data()
{
    QTest::addColumn<Value>("value");
    QTest::addColumn<bool>("hashable");
    QTest::newRow("none") << Value() << true;
    QTest::newRow("str") << Value(QStringLiteral("x")) << true;
    QTest::newRow("bytes") << Value::bytes("x") << true;
    QTest::newRow("bytearray") << Value::byteArray("x") << false;
    QTest::newRow("list") << Value::list({}) << false;
    QTest::newRow("dict") << Value(Dict()) << false;
    QTest::newRow("set") << Value::set({}) << false;
    QTest::newRow("frozenset") << Value::frozenSet({ 1 }) << true;
    QTest::newRow("tuple_of_ints") << Value::tuple({ 1, 2 }) << true;
    QTest::newRow("tuple_with_list") << Value::tuple({ 1, Value::list({}) }) << false;
}

void tst_Value::hashable()
{
    QFETCH(Value, value);
    QFETCH(bool, hashable);
    QCOMPARE(value.isHashable(), hashable);
}

void tst_Value::typeNamesAndClassName()
{
    QCOMPARE(lit(u"None").typeName(), QStringLiteral("NoneType"));
    QCOMPARE(lit(u"frozenset()").typeName(), QStringLiteral("frozenset"));
    QCOMPARE(lit(u"bytearray()").typeName(), QStringLiteral("bytearray"));
    QCOMPARE(lit(u"1j").typeName(), QStringLiteral("complex"));
    QCOMPARE(lit(u"{'__class__': 'x.Y', 'a': 1}").className(), QStringLiteral("x.Y"));
    QCOMPARE(lit(u"{'__class__': 1}").className(), QString());
    QCOMPARE(lit(u"['__class__']").className(), QString());
}

void tst_Value::toVariant()
{
    QCOMPARE(Pyro::toVariant(Value()), QVariant());
    QCOMPARE(Pyro::toVariant(Value(7)), QVariant(qlonglong(7)));
    QCOMPARE(Pyro::toVariant(lit(u"18446744073709551616")),
             QVariant(QStringLiteral("18446744073709551616")));
    QCOMPARE(Pyro::toVariant(Value(2.5)), QVariant(2.5));
    QCOMPARE(Pyro::toVariant(Value(Complex(1, -2))), QVariant(QStringLiteral("(1-2j)")));
    QCOMPARE(Pyro::toVariant(Value::byteArray("ab")), QVariant(QByteArray("ab")));
    QCOMPARE(Pyro::toVariant(lit(u"(1, [True], {2})")),
             QVariant(QVariantList { qlonglong(1), QVariantList { true }, QVariantList { qlonglong(2) } }));
    QCOMPARE(Pyro::toVariant(lit(u"{'b': 1, 'a': None}")),
             QVariant(QVariantMap { { QStringLiteral("a"), QVariant() }, { QStringLiteral("b"), qlonglong(1) } }));
    QCOMPARE(Pyro::toVariant(lit(u"{2: 'x', 'k': 1}")),
             QVariant(QVariantList { QVariantList { qlonglong(2), QStringLiteral("x") },
                                     QVariantList { QStringLiteral("k"), qlonglong(1) } }));
}

void tst_Value::toJson()
{
    QCOMPARE(Pyro::toJson(Value()), QJsonValue(QJsonValue::Null));
    QCOMPARE(Pyro::toJson(Value(std::numeric_limits<qint64>::max())).toInteger(), std::numeric_limits<qint64>::max());
    QCOMPARE(Pyro::toJson(lit(u"-18446744073709551616")), QJsonValue(QStringLiteral("-18446744073709551616")));
    QCOMPARE(Pyro::toJson(Value(double(INFINITY))), QJsonValue(QStringLiteral("inf")));
    QCOMPARE(Pyro::toJson(Value(double(NAN))), QJsonValue(QStringLiteral("nan")));
    QCOMPARE(Pyro::toJson(Value(0.5)), QJsonValue(0.5));
    QCOMPARE(Pyro::toJson(Value(Complex(0, 1))), QJsonValue(QStringLiteral("1j")));
    QCOMPARE(Pyro::toJson(Value::bytes("hi\xff")), QJsonValue(QStringLiteral("aGn/")));
    QCOMPARE(Pyro::toJson(lit(u"[(1,), {None}]")), QJsonValue(QJsonArray { QJsonArray { 1 }, QJsonArray { QJsonValue() } }));
    QCOMPARE(Pyro::toJson(lit(u"{'a': 1, 2: 'b', (1, 2): None}")),
             QJsonValue(QJsonObject { { QStringLiteral("a"), 1 },
                                      { QStringLiteral("2"), QStringLiteral("b") },
                                      { QStringLiteral("(1, 2)"), QJsonValue() } }));
}

void tst_Value::fromVariant()
{
    QCOMPARE(Pyro::fromVariant(QVariant()), Value());
    QCOMPARE(Pyro::fromVariant(QVariant::fromValue(nullptr)), Value());
    QCOMPARE(Pyro::fromVariant(QVariant(true)), Value(true));
    QCOMPARE(Pyro::fromVariant(QVariant(42)), Value(42));
    QCOMPARE(Pyro::fromVariant(QVariant(uint(7))), Value(7));
    QCOMPARE(Pyro::fromVariant(QVariant(std::numeric_limits<qulonglong>::max())),
             Value(std::numeric_limits<quint64>::max()));
    QCOMPARE(Pyro::fromVariant(QVariant(1.5)), Value(1.5));
    QCOMPARE(Pyro::fromVariant(QVariant(QStringLiteral("s"))), Value(QStringLiteral("s")));
    QCOMPARE(Pyro::fromVariant(QVariant(QByteArray("b"))), Value::bytes("b"));
    QCOMPARE(Pyro::fromVariant(QVariant(QStringList { QStringLiteral("x") })), Value::list({ QStringLiteral("x") }));
    QCOMPARE(Pyro::fromVariant(QVariant(QVariantList { 1, QVariantList { 2.5 } })),
             Value::list({ 1, Value::list({ 2.5 }) }));
    QCOMPARE(Pyro::fromVariant(QVariant(QVariantMap { { QStringLiteral("k"), QVariant() } })),
             lit(u"{'k': None}"));
    QCOMPARE(Pyro::fromVariant(QVariant(QVariantHash { { QStringLiteral("k"), 1 } })), lit(u"{'k': 1}"));
    QCOMPARE(Pyro::fromVariant(QVariant(QJsonArray { 1, QStringLiteral("a") })), lit(u"[1, 'a']"));
    QCOMPARE(Pyro::fromVariant(QVariant::fromValue(lit(u"(1, b'x')"))), lit(u"(1, b'x')"));
    QCOMPARE(Pyro::fromVariant(QVariant(QDate(2024, 2, 29))), Value(QStringLiteral("2024-02-29")));
    // a round trip through QVariant keeps what QVariant can hold
    const Value v = lit(u"[None, True, -3, 0.25, 'é', b'\\x00', {'a': [1]}]");
    QCOMPARE(Pyro::fromVariant(Pyro::toVariant(v)), v);
}

void tst_Value::fromJsonNumbers()
{
    QCOMPARE(Pyro::fromJson(QJsonValue(3)), Value(3));
    QCOMPARE(Pyro::fromJson(QJsonValue(qint64(1) << 60)), Value(qint64(1) << 60));
    QCOMPARE(Pyro::fromJson(QJsonValue(3.5)), Value(3.5));
    QCOMPARE(Pyro::fromJson(QJsonValue(2.0)), Value(2)); // QJsonValue does not tell 2.0 from 2
    QCOMPARE(Pyro::fromJson(QJsonValue(1e300)), Value(1e300));
    QCOMPARE(Pyro::fromJson(QJsonObject { { QStringLiteral("a"), QJsonArray { true } } }), lit(u"{'a': [True]}"));
}

void tst_Value::pyroObjects()
{
    // shapes as Pyro4's serpent sends them (docs/pyro4-protocol.md 4.7)
    const Value uri = lit(u"{'__class__': 'Pyro4.core.URI', 'state': ('PYRO', 'obj', None, '127.0.0.1', 1234)}");
    const Value proxy = lit(u"{'__class__': 'Pyro4.core.Proxy', 'state': ('PYRO:cb@127.0.0.1:34215', (), (), (),"
                            u" 0.0, None, 'hello', 0, None)}");
    const Value proxy8 = lit(u"{'__class__': 'Pyro4.core.Proxy', 'state': ['PYRO:x@h:1', [], [], [], 0.0, None, None, 0]}");
    const Value exc = lit(u"{'__class__': 'builtins.ValueError', '__exception__': True, 'args': ('bad',),"
                          u" 'attributes': {}}");
    const Value obj = lit(u"{'__class__': 'mod.Thing', 'x': 1}");
    const Value plain = lit(u"{'state': 1}");

    QVERIFY(PyroObjects::isUri(uri));
    QVERIFY(!PyroObjects::isUri(proxy));
    QVERIFY(PyroObjects::isProxy(proxy));
    QVERIFY(PyroObjects::isProxy(proxy8));
    QCOMPARE(PyroObjects::proxyUri(proxy), QStringLiteral("PYRO:cb@127.0.0.1:34215"));
    QCOMPARE(PyroObjects::proxyUri(uri), QString());
    QVERIFY(PyroObjects::isException(exc));
    QVERIFY(!PyroObjects::isException(obj));
    QVERIFY(PyroObjects::isClassDict(obj));
    QVERIFY(!PyroObjects::isClassDict(plain));
    QVERIFY(!PyroObjects::isUri(lit(u"{'__class__': 'Pyro4.core.URI', 'state': (1, 2)}")));
    QVERIFY(!PyroObjects::isException(lit(u"{'__class__': 'x.E', '__exception__': 1}")));
}

QTEST_GUILESS_MAIN(tst_Value)
#include "tst_value.moc"
