#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace Pyro {

/*!
    An arbitrary-precision signed integer: Python's int beyond 64 bits.

    Sign and magnitude, the magnitude as little-endian 32-bit limbs without leading zero
    limbs (zero has no limbs and is never negative). It only does what the serializers need:
    decimal and hexadecimal text, two's-complement bytes (pickle), base-2^15 digits (marshal),
    comparison and conversion to double. Value stores integers that fit in qint64 directly
    and uses BigInt only beyond that range.
*/
class BigInt
{
public:
    BigInt() = default;
    BigInt(qint64 value);
    static BigInt fromUInt64(quint64 value);
    static BigInt fromMagnitude(bool negative, QList<quint32> limbs);

    /*!
        Parses an optional sign and digits in \a base (2..36; underscores are not accepted).
        Returns nullopt for empty or invalid text or for more than \a maxDigits digits, which
        bounds the quadratic cost of decimal conversion (Python itself stops at 4300).
    */
    static std::optional<BigInt> fromString(QStringView text, int base = 10, qsizetype maxDigits = 100000);
    QString toString() const;

    bool isZero() const { return m_limbs.isEmpty(); }
    bool isNegative() const { return m_negative; }
    const QList<quint32> &limbs() const { return m_limbs; }
    qsizetype bitLength() const;

    bool fitsInt64() const;
    qint64 toInt64() const; // wraps when it does not fit
    bool fitsUInt64() const;
    quint64 toUInt64() const;
    //! The nearest double; +-inf when out of range. \a exact tells if no rounding happened.
    double toDouble(bool *exact = nullptr) const;
    //! The integer value of a finite double (truncated toward zero).
    static BigInt fromDouble(double value);

    //! Two's complement, little-endian, minimal length (pickle's LONG1/LONG4; 0 is empty).
    static BigInt fromTwosComplementLE(QByteArrayView bytes);
    QByteArray toTwosComplementLE() const;

    //! Base 2^15 digits, least significant first (CPython marshal 'l').
    static BigInt fromDigits15(bool negative, const QList<quint16> &digits);
    QList<quint16> toDigits15() const;

    int compare(const BigInt &other) const;
    friend bool operator==(const BigInt &a, const BigInt &b) { return a.compare(b) == 0; }
    friend bool operator!=(const BigInt &a, const BigInt &b) { return a.compare(b) != 0; }
    friend bool operator<(const BigInt &a, const BigInt &b) { return a.compare(b) < 0; }

    BigInt operator-() const;
    size_t hash(size_t seed = 0) const;

private:
    void normalize();
    // magnitude helpers on little-endian limbs
    static void mulAddSmall(QList<quint32> &limbs, quint32 mul, quint32 add);
    static quint32 divSmall(QList<quint32> &limbs, quint32 divisor); // returns remainder

    bool m_negative = false;
    QList<quint32> m_limbs;
};

} // namespace Pyro
