// ArgumentLine: the one-line argument entry's Python argument list (positional, then
// keyword), each value read by the core literal parser; errors name the argument and point
// into the whole line; format() writes what parse() reads.
#include "invoke/argumentline.h"

#include <QTest>

using namespace Pyro;
using namespace Pyro::Ui;

class tst_ArgumentLine : public QObject
{
    Q_OBJECT
private slots:
    void parse_data();
    void parse();
    void roundTrip_data();
    void roundTrip();
};

void tst_ArgumentLine::parse_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("args"); // repr of the positional tuple, empty on error
    QTest::addColumn<QString>("kwargs"); // repr of the keyword dict
    QTest::addColumn<int>("errorOffset"); // -1: parses
    QTest::addColumn<QString>("errorText");

    QTest::newRow("empty") << QString() << QStringLiteral("()") << QStringLiteral("{}") << -1 << QString();
    QTest::newRow("blank") << QStringLiteral("   ") << QStringLiteral("()") << QStringLiteral("{}") << -1 << QString();
    QTest::newRow("two ints") << QStringLiteral("20, 22") << QStringLiteral("(20, 22)") << QStringLiteral("{}") << -1 << QString();
    QTest::newRow("keyword") << QStringLiteral("20, 22, kind='x'") << QStringLiteral("(20, 22)") << QStringLiteral("{'kind': 'x'}") << -1
                             << QString();
    QTest::newRow("trailing comma") << QStringLiteral("1,") << QStringLiteral("(1,)") << QStringLiteral("{}") << -1 << QString();
    QTest::newRow("commas inside") << QStringLiteral("[1, 2], {'a': (3, 4)}, 'x,y'")
                                   << QStringLiteral("([1, 2], {'a': (3, 4)}, 'x,y')") << QStringLiteral("{}") << -1 << QString();
    QTest::newRow("quote in string") << QStringLiteral("'it\\'s, fine', \"a,\"") << QStringLiteral("(\"it's, fine\", 'a,')")
                                     << QStringLiteral("{}") << -1 << QString();
    QTest::newRow("triple quoted") << QStringLiteral("'''a, ' b'''") << QStringLiteral("(\"a, ' b\",)") << QStringLiteral("{}") << -1
                                   << QString();
    QTest::newRow("comparison is not a keyword") << QStringLiteral("a==1") << QString() << QString() << 0
                                                 << QStringLiteral("argument 1");
    QTest::newRow("keyword spaces") << QStringLiteral("x = None , y=b'\\x00'") << QStringLiteral("()")
                                    << QStringLiteral("{'x': None, 'y': b'\\x00'}") << -1 << QString();
    QTest::newRow("bare word hint") << QStringLiteral("1, hello") << QString() << QString() << 3
                                    << QStringLiteral("for a string write 'hello'");
    QTest::newRow("bad second") << QStringLiteral("1, [2, )") << QString() << QString() << 7 << QStringLiteral("argument 2");
    QTest::newRow("positional after keyword") << QStringLiteral("a=1, 2") << QString() << QString() << 4
                                              << QStringLiteral("positional argument follows keyword argument");
    QTest::newRow("repeated keyword") << QStringLiteral("a=1, a=2") << QString() << QString() << 4
                                      << QStringLiteral("keyword argument repeated: a");
    QTest::newRow("empty middle") << QStringLiteral("1,,2") << QString() << QString() << 2 << QStringLiteral("argument 2 is empty");
    QTest::newRow("lone comma") << QStringLiteral(",") << QString() << QString() << 0 << QStringLiteral("argument 1 is empty");
    QTest::newRow("unterminated") << QStringLiteral("1, 'abc") << QString() << QString() << 3 << QStringLiteral("argument 2");
    QTest::newRow("unbalanced close") << QStringLiteral(")") << QString() << QString() << 0 << QStringLiteral("argument 1");
    QTest::newRow("call") << QStringLiteral("os.system('x')") << QString() << QString() << 0 << QStringLiteral("argument 1");
    QTest::newRow("deep") << QString(5000, u'[') << QString() << QString() << -2 << QStringLiteral("argument 1");
}

void tst_ArgumentLine::parse()
{
    QFETCH(QString, text);
    QFETCH(QString, args);
    QFETCH(QString, kwargs);
    QFETCH(int, errorOffset);
    QFETCH(QString, errorText);
    const Result<ArgumentLine::Arguments> r = ArgumentLine::parse(text);
    if (errorOffset == -1) {
        QVERIFY2(r, qPrintable(r ? QString() : r.error().message()));
        QCOMPARE(Value::tuple(r.value().args).repr(), args);
        QCOMPARE(Value(r.value().kwargs).repr(), kwargs);
        return;
    }
    QVERIFY(!r);
    QCOMPARE(r.error().code(), Error::Code::UsageError);
    QVERIFY2(r.error().message().contains(errorText), qPrintable(r.error().message()));
    if (errorOffset >= 0)
        QCOMPARE(r.error().offset(), qsizetype(errorOffset));
    else
        QVERIFY(r.error().offset() >= 0 && r.error().offset() <= text.size());
}

void tst_ArgumentLine::roundTrip_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("scalars") << QStringLiteral("1, 2.5, 'a', None, True, b'\\xff'");
    QTest::newRow("containers") << QStringLiteral("[1, (2,)], {'k': {1, 2}}, kind='x', n=-3");
    QTest::newRow("big int") << QStringLiteral("123456789012345678901234567890");
}

void tst_ArgumentLine::roundTrip()
{
    QFETCH(QString, text);
    const Result<ArgumentLine::Arguments> first = ArgumentLine::parse(text);
    QVERIFY2(first, qPrintable(first ? QString() : first.error().message()));
    const QString formatted = ArgumentLine::format(first.value().args, first.value().kwargs);
    const Result<ArgumentLine::Arguments> second = ArgumentLine::parse(formatted);
    QVERIFY2(second, qPrintable(formatted));
    QCOMPARE(second.value().args, first.value().args);
    QVERIFY(second.value().kwargs == first.value().kwargs);
}

QTEST_MAIN(tst_ArgumentLine)
#include "tst_argumentline.moc"
