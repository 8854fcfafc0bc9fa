// ClassRegistry (Pyro4's register_class_to_dict / register_dict_to_class) on its own and
// through a Proxy against a Pyro4 daemon that registers the same class on its side.
#include "clienttestutil.h"
#include "peerprocess.h"

#include "client/batch.h"
#include "client/proxy.h"
#include "value/classregistry.h"

#include <QTest>
#include <QtConcurrent/QtConcurrentRun>

using namespace Pyro;
using namespace Pyro::Test;

namespace {

struct Point
{
    qint64 x = 0;
    qint64 y = 0;
};

const QString PointClass = QStringLiteral("mymodule.Point");

void registerPointToDict()
{
    ClassRegistry::registerClassToDict<Point>(PointClass, std::function<Dict(const Point &)>([](const Point &p) {
                                                  return Dict { { QStringLiteral("x"), p.x }, { QStringLiteral("y"), p.y } };
                                              }));
}

void registerDictToPoint()
{
    // Received points become ('Point', x, y) tuples.
    ClassRegistry::registerDictToClass(PointClass, [](const QString &name, const Dict &d) {
        return Value::tuple({ name, d.value(QStringLiteral("x")), d.value(QStringLiteral("y")) });
    });
}

Value pointTuple(qint64 x, qint64 y)
{
    return Value::tuple({ PointClass, x, y });
}

} // namespace

class tst_ClassRegistry : public QObject
{
    Q_OBJECT

private slots:
    void cleanup();

    void toValueAddsClassName();
    void toValueWithoutConverterFails();
    void unregisterClassToDict();
    void pyroClassesKeepTheirHandling();
    void recreateClassesNested();
    void recreateWithoutConvertersIsIdentity();
    void unregisterDictToClass();
    void concurrentRegistration();

    void againstPythonDaemon_data();
    void againstPythonDaemon();
};

void tst_ClassRegistry::cleanup()
{
    ClassRegistry::unregisterClassToDict<Point>();
    ClassRegistry::unregisterDictToClass(PointClass);
    ClassRegistry::unregisterDictToClass(QStringLiteral("mymodule.Other"));
}

void tst_ClassRegistry::toValueAddsClassName()
{
    registerPointToDict();
    QCOMPARE(ClassRegistry::classNameFor(QMetaType::fromType<Point>()), PointClass);
    const Result<Value> v = ClassRegistry::toValue(Point { 1, 2 });
    QVERIFY(v.ok());
    QCOMPARE(v.value().className(), PointClass);
    QCOMPARE(v.value().toDict().value(QStringLiteral("x")), Value(1));
    QCOMPARE(v.value().toDict().value(QStringLiteral("y")), Value(2));
    QCOMPARE(v.value().toDict().size(), 3);

    // A converter that names the class itself is taken as it is (as Pyro4 sends it).
    ClassRegistry::registerClassToDict<Point>(PointClass, std::function<Dict(const Point &)>([](const Point &p) {
                                                  return Dict { { QStringLiteral("__class__"), QStringLiteral("other.Name") },
                                                                { QStringLiteral("x"), p.x } };
                                              }));
    QCOMPARE(ClassRegistry::toValue(Point { 3, 4 }).value().className(), QStringLiteral("other.Name"));
}

void tst_ClassRegistry::toValueWithoutConverterFails()
{
    const Result<Value> v = ClassRegistry::toValue(Point { 1, 2 });
    QVERIFY(!v.ok());
    QCOMPARE(v.error().code(), Error::Code::SerializeError);
    QVERIFY2(v.error().message().contains(QLatin1String("Point")), qPrintable(v.error().message()));
}

void tst_ClassRegistry::unregisterClassToDict()
{
    registerPointToDict();
    QVERIFY(ClassRegistry::unregisterClassToDict<Point>());
    QVERIFY(!ClassRegistry::unregisterClassToDict<Point>());
    QVERIFY(!ClassRegistry::toValue(Point {}).ok());
}

void tst_ClassRegistry::pyroClassesKeepTheirHandling()
{
    const auto fn = [](const QString &, const Dict &) { return Value(); };
    QVERIFY(!ClassRegistry::registerDictToClass(QStringLiteral("Pyro4.core.URI"), fn));
    QVERIFY(!ClassRegistry::registerDictToClass(QStringLiteral("Pyro4.errors.CommunicationError"), fn));
    QVERIFY(!ClassRegistry::registerDictToClass(QString(), fn));
    QVERIFY(!ClassRegistry::registerClassToDict<Point>(QStringLiteral("Pyro4.core.Proxy"),
                                                        std::function<Dict(const Point &)>([](const Point &) { return Dict(); })));
    QVERIFY(!ClassRegistry::hasDictToClass(QStringLiteral("Pyro4.core.URI")));
}

Value pointDict(qint64 x, qint64 y)
{
    return Dict { { QStringLiteral("__class__"), PointClass }, { QStringLiteral("x"), x }, { QStringLiteral("y"), y } };
}

void tst_ClassRegistry::recreateClassesNested()
{
    registerDictToPoint();
    const Value other = Dict { { QStringLiteral("__class__"), QStringLiteral("mymodule.Other") }, { QStringLiteral("p"), pointDict(5, 6) } };
    const Value in = Dict {
        { QStringLiteral("list"), Value::list({ pointDict(1, 2), 7 }) },
        { QStringLiteral("tuple"), Value::tuple({ pointDict(3, 4) }) },
        { QStringLiteral("other"), other },
        { QStringLiteral("plain"), QStringLiteral("x") },
    };
    const Value out = ClassRegistry::recreateClasses(in);
    const Dict d = out.toDict();
    QCOMPARE(d.value(QStringLiteral("list")), Value::list({ pointTuple(1, 2), 7 }));
    QCOMPARE(d.value(QStringLiteral("tuple")), Value::tuple({ pointTuple(3, 4) }));
    // An unregistered class stays a dict with its __class__ visible; its contents are converted.
    const Value expectedOther = Dict { { QStringLiteral("__class__"), QStringLiteral("mymodule.Other") }, { QStringLiteral("p"), pointTuple(5, 6) } };
    QCOMPARE(d.value(QStringLiteral("other")), expectedOther);
    QCOMPARE(d.value(QStringLiteral("plain")), Value(QStringLiteral("x")));
    QCOMPARE(ClassRegistry::recreateClasses(pointDict(8, 9)), pointTuple(8, 9));
}

void tst_ClassRegistry::recreateWithoutConvertersIsIdentity()
{
    const Value in = Value::list({ pointDict(1, 2), Value(Dict { { QStringLiteral("k"), pointDict(3, 4) } }) });
    QCOMPARE(ClassRegistry::recreateClasses(in), in);
    registerDictToPoint();
    const Value unrelated = Value::list({ Value(Dict { { QStringLiteral("__class__"), QStringLiteral("a.B") } }), 1 });
    QCOMPARE(ClassRegistry::recreateClasses(unrelated), unrelated);
}

void tst_ClassRegistry::unregisterDictToClass()
{
    registerDictToPoint();
    QVERIFY(ClassRegistry::hasDictToClass(PointClass));
    QVERIFY(ClassRegistry::unregisterDictToClass(PointClass));
    QVERIFY(!ClassRegistry::unregisterDictToClass(PointClass));
    QCOMPARE(ClassRegistry::recreateClasses(pointDict(1, 2)), pointDict(1, 2));
}

void tst_ClassRegistry::concurrentRegistration()
{
    // Registering, converting and unregistering from several threads at once must neither
    // crash nor produce anything but a converted or an unconverted point.
    const auto worker = [](int n) {
        int bad = 0;
        for (int i = 0; i < 2000; ++i) {
            if ((i + n) % 3 == 0)
                registerDictToPoint();
            else if ((i + n) % 3 == 1)
                ClassRegistry::unregisterDictToClass(PointClass);
            const Value v = ClassRegistry::recreateClasses(Value::list({ pointDict(i, n) }));
            const Value item = v.items().value(0);
            if (item != pointDict(i, n) && item != pointTuple(i, n))
                ++bad;
            registerPointToDict();
            if (!ClassRegistry::toValue(Point { i, n }).ok())
                ++bad;
        }
        return bad;
    };
    QList<QFuture<int>> futures;
    for (int n = 0; n < 4; ++n)
        futures.append(QtConcurrent::run(worker, n));
    for (QFuture<int> &f : futures)
        QCOMPARE(f.result(), 0);
}

void tst_ClassRegistry::againstPythonDaemon_data()
{
    QTest::addColumn<SerializerId>("serializer");
    QTest::newRow("serpent") << SerializerId::Serpent;
    QTest::newRow("json") << SerializerId::Json;
    QTest::newRow("msgpack") << SerializerId::Msgpack;
    QTest::newRow("marshal") << SerializerId::Marshal;
}

void tst_ClassRegistry::againstPythonDaemon()
{
    QFETCH(SerializerId, serializer);
    PeerProcess peer;
    QVERIFY2(peer.start(QStringLiteral("client_extras.py"), { QStringLiteral("--classes") }), qPrintable(peer.failure()));
    ProxySettings settings;
    settings.serializer = serializer;
    settings.timeout = 30;
    Proxy proxy(uriFrom(peer.readyText()), settings);

    // Without a converter, the Point the daemon's class_to_dict produced stays a class dict.
    Finished raw = waitFor(proxy.call(QStringLiteral("make_point"), { 1, 2 }));
    QVERIFY2(raw.ok, qPrintable(raw.error.toString()));
    QCOMPARE(raw.result, pointDict(1, 2));

    // Arguments: the daemon's dict_to_class turns our dict back into its Point.
    registerPointToDict();
    const Value arg = ClassRegistry::toValue(Point { 3, 4 }).value();
    Finished described = waitFor(proxy.call(QStringLiteral("describe"), { arg }));
    QVERIFY2(described.ok, qPrintable(described.error.toString()));
    QCOMPARE(described.result, Value(QStringLiteral("Point(3,4)")));
    Finished all = waitFor(proxy.call(QStringLiteral("describe_all"),
                                      { Value::list({ arg, ClassRegistry::toValue(Point { 5, 6 }).value() }) }));
    QVERIFY2(all.ok, qPrintable(all.error.toString()));
    QCOMPARE(all.result, Value::list({ QStringLiteral("Point(3,4)"), QStringLiteral("Point(5,6)") }));

    // Results: our dict_to_class converter runs on every class dict of the name.
    registerDictToPoint();
    Finished converted = waitFor(proxy.call(QStringLiteral("make_point"), { 7, 8 }));
    QVERIFY2(converted.ok, qPrintable(converted.error.toString()));
    QCOMPARE(converted.result, pointTuple(7, 8));
    if (serializer != SerializerId::Marshal) { // Pyro4's marshal cannot send nested instances
        Finished nested = waitFor(proxy.call(QStringLiteral("nested")));
        QVERIFY2(nested.ok, qPrintable(nested.error.toString()));
        const Dict d = nested.result.toDict();
        QCOMPARE(d.value(QStringLiteral("points")), Value::list({ pointTuple(1, 2), pointTuple(3, 4) }));
        QCOMPARE(d.value(QStringLiteral("plain")), Value(5));
        QCOMPARE(d.value(QStringLiteral("tuple")).items(), ValueList({ pointTuple(5, 6) }));

        // A batch's results are converted too.
        Batch batch(&proxy);
        batch.call(QStringLiteral("make_point"), { 1, 1 });
        batch.call(QStringLiteral("add"), { 1, 1 });
        Finished batched = waitFor(batch.send());
        QVERIFY2(batched.ok, qPrintable(batched.error.toString()));
        QCOMPARE(batched.result, Value::list({ pointTuple(1, 1), 2 }));
    }

    // Unregistered again: the class dict comes back as it is.
    ClassRegistry::unregisterDictToClass(PointClass);
    Finished back = waitFor(proxy.call(QStringLiteral("make_point"), { 1, 2 }));
    QCOMPARE(back.result, pointDict(1, 2));
}

QTEST_GUILESS_MAIN(tst_ClassRegistry)
#include "tst_classregistry.moc"
