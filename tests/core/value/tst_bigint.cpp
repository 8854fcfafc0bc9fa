#include "value/bigint.h"
#include "value/floatformat.h"
#include "value/value.h"

#include "peerprocess.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include <cmath>

using namespace Pyro;

/*
    BigInt against the numbers Python computes (value_bigint.py): decimal and hex text,
    pickle's two's complement, marshal's base-2^15 digits, bit length and the correctly
    rounded double, each in both directions where BigInt has both.
*/
class tst_BigInt : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void againstPython_data();
    void againstPython();
    void fromStringRejects_data();
    void fromStringRejects();
    void compareAndNegate();
    void fromDouble();

private:
    QList<QJsonObject> m_rows;
};

void tst_BigInt::initTestCase()
{
    Test::PeerProcess peer;
    QVERIFY2(peer.start(QStringLiteral("value_bigint.py")), qPrintable(peer.failure()));
    const int n = peer.readyText().toInt();
    QVERIFY(n > 10);
    for (int i = 0; i < n; ++i) {
        const QJsonDocument doc = QJsonDocument::fromJson(peer.readLine().toUtf8());
        QVERIFY(doc.isObject());
        m_rows.append(doc.object());
    }
}

void tst_BigInt::againstPython_data()
{
    QTest::addColumn<QJsonObject>("row");
    for (const QJsonObject &o : std::as_const(m_rows))
        QTest::newRow(qPrintable(o[u"name"].toString())) << o;
}

void tst_BigInt::againstPython()
{
    QFETCH(QJsonObject, row);
    const QString dec = row[u"dec"].toString();
    const auto parsed = BigInt::fromString(dec);
    QVERIFY(parsed);
    const BigInt b = *parsed;
    QCOMPARE(b.toString(), dec);
    QCOMPARE(b.isNegative(), row[u"negative"].toBool());
    QCOMPARE(b.bitLength(), qsizetype(row[u"bits"].toInt()));

    // hex text, both ways
    const QString hex = row[u"hex"].toString();
    const auto fromHex = BigInt::fromString((b.isNegative() ? QStringLiteral("-") : QString()) + hex, 16);
    QVERIFY(fromHex);
    QCOMPARE(*fromHex, b);

    // pickle LONG1/LONG4 payload
    const QByteArray twos = QByteArray::fromHex(row[u"twos"].toString().toLatin1());
    QCOMPARE(b.toTwosComplementLE().toHex(), twos.toHex());
    QCOMPARE(BigInt::fromTwosComplementLE(twos), b);

    // marshal digits
    QList<quint16> digits;
    for (const QJsonValue &d : row[u"digits15"].toArray())
        digits.append(quint16(d.toInt()));
    QCOMPARE(b.toDigits15(), digits);
    QCOMPARE(BigInt::fromDigits15(b.isNegative(), digits), b);

    // float(n), correctly rounded; Python raises OverflowError where we give inf
    const QString expectedDouble = row[u"double"].toString();
    const double d = b.toDouble();
    if (expectedDouble == u"overflow")
        QVERIFY(std::isinf(d));
    else
        QCOMPARE(QString::fromLatin1(pythonFloatRepr(d)), expectedDouble);

    // Value keeps small ints inline and big ones as BigInt, same number either way
    const Value v(b);
    QCOMPARE(v.isBigInt(), !b.fitsInt64());
    QCOMPARE(v.toBigInt(), b);
    QCOMPARE(v.repr(), dec);
    if (b.fitsInt64())
        QCOMPARE(BigInt(b.toInt64()), b);
}

void tst_BigInt::fromStringRejects_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("base");
    QTest::addColumn<int>("maxDigits");
    QTest::newRow("empty") << QString() << 10 << 100;
    QTest::newRow("sign_only") << QStringLiteral("-") << 10 << 100;
    QTest::newRow("letter") << QStringLiteral("12a") << 10 << 100;
    QTest::newRow("digit_too_big_for_base") << QStringLiteral("102") << 2 << 100;
    QTest::newRow("underscore") << QStringLiteral("1_0") << 10 << 100;
    QTest::newRow("space") << QStringLiteral(" 1") << 10 << 100;
    QTest::newRow("too_many_digits") << QStringLiteral("123456") << 10 << 5;
    QTest::newRow("bad_base") << QStringLiteral("1") << 37 << 100;
}

void tst_BigInt::fromStringRejects()
{
    QFETCH(QString, text);
    QFETCH(int, base);
    QFETCH(int, maxDigits);
    QVERIFY(!BigInt::fromString(text, base, maxDigits));
}

void tst_BigInt::compareAndNegate()
{
    const BigInt a = *BigInt::fromString(u"100000000000000000000000");
    const BigInt b = *BigInt::fromString(u"-100000000000000000000000");
    QVERIFY(b < a);
    QVERIFY(-a == b);
    QVERIFY(-b == a);
    QVERIFY(BigInt(-1) < BigInt(0));
    QVERIFY(-BigInt(0) == BigInt(0));
    QVERIFY(!(-BigInt(0)).isNegative());
    QCOMPARE(BigInt(std::numeric_limits<qint64>::min()).toString(), QStringLiteral("-9223372036854775808"));
    QVERIFY(BigInt(std::numeric_limits<qint64>::min()).fitsInt64());
    QVERIFY(!(-BigInt(std::numeric_limits<qint64>::min())).fitsInt64());
    QCOMPARE(BigInt::fromUInt64(std::numeric_limits<quint64>::max()).toUInt64(), std::numeric_limits<quint64>::max());
}

void tst_BigInt::fromDouble()
{
    QCOMPARE(BigInt::fromDouble(1e20).toString(), QStringLiteral("100000000000000000000"));
    QCOMPARE(BigInt::fromDouble(-2.5).toString(), QStringLiteral("-2"));
    QCOMPARE(BigInt::fromDouble(std::ldexp(1.0, 200)).toString(),
             QStringLiteral("1606938044258990275541962092341162602522202993782792835301376"));
    QCOMPARE(BigInt::fromDouble(1.7976931348623157e308).toDouble(), 1.7976931348623157e308);
}

QTEST_GUILESS_MAIN(tst_BigInt)
#include "tst_bigint.moc"
