#include "bigint.h"

#include <QHashFunctions>

#include <cmath>

namespace Pyro {

BigInt::BigInt(qint64 value)
{
    m_negative = value < 0;
    // Negate through unsigned arithmetic so that INT64_MIN is handled.
    quint64 mag = m_negative ? quint64(0) - quint64(value) : quint64(value);
    while (mag) {
        m_limbs.append(quint32(mag & 0xffffffffu));
        mag >>= 32;
    }
}

BigInt BigInt::fromUInt64(quint64 value)
{
    BigInt b;
    while (value) {
        b.m_limbs.append(quint32(value & 0xffffffffu));
        value >>= 32;
    }
    return b;
}

BigInt BigInt::fromMagnitude(bool negative, QList<quint32> limbs)
{
    BigInt b;
    b.m_negative = negative;
    b.m_limbs = std::move(limbs);
    b.normalize();
    return b;
}

void BigInt::normalize()
{
    while (!m_limbs.isEmpty() && m_limbs.constLast() == 0)
        m_limbs.removeLast();
    if (m_limbs.isEmpty())
        m_negative = false;
}

void BigInt::mulAddSmall(QList<quint32> &limbs, quint32 mul, quint32 add)
{
    quint64 carry = add;
    for (quint32 &limb : limbs) {
        const quint64 v = quint64(limb) * mul + carry;
        limb = quint32(v);
        carry = v >> 32;
    }
    if (carry)
        limbs.append(quint32(carry));
}

quint32 BigInt::divSmall(QList<quint32> &limbs, quint32 divisor)
{
    quint64 rem = 0;
    for (qsizetype i = limbs.size() - 1; i >= 0; --i) {
        const quint64 cur = (rem << 32) | limbs[i];
        limbs[i] = quint32(cur / divisor);
        rem = cur % divisor;
    }
    while (!limbs.isEmpty() && limbs.constLast() == 0)
        limbs.removeLast();
    return quint32(rem);
}

std::optional<BigInt> BigInt::fromString(QStringView text, int base, qsizetype maxDigits)
{
    if (base < 2 || base > 36)
        return std::nullopt;
    qsizetype i = 0;
    bool negative = false;
    if (i < text.size() && (text[i] == u'-' || text[i] == u'+')) {
        negative = text[i] == u'-';
        ++i;
    }
    if (i == text.size() || text.size() - i > maxDigits)
        return std::nullopt;
    BigInt b;
    // Consume several digits per multiply: base^chunk must fit in 32 bits.
    quint32 chunkMul = 1;
    quint32 chunkVal = 0;
    for (; i < text.size(); ++i) {
        const char16_t c = text[i].unicode();
        int d;
        if (c >= u'0' && c <= u'9')
            d = c - u'0';
        else if (c >= u'a' && c <= u'z')
            d = c - u'a' + 10;
        else if (c >= u'A' && c <= u'Z')
            d = c - u'A' + 10;
        else
            return std::nullopt;
        if (d >= base)
            return std::nullopt;
        if (quint64(chunkMul) * quint64(base) > 0xffffffffull) {
            mulAddSmall(b.m_limbs, chunkMul, chunkVal);
            chunkMul = 1;
            chunkVal = 0;
        }
        chunkMul *= quint32(base);
        chunkVal = chunkVal * quint32(base) + quint32(d);
    }
    mulAddSmall(b.m_limbs, chunkMul, chunkVal);
    b.m_negative = negative;
    b.normalize();
    return b;
}

QString BigInt::toString() const
{
    if (isZero())
        return QStringLiteral("0");
    QList<quint32> mag = m_limbs;
    QByteArray digits; // reversed
    while (!mag.isEmpty()) {
        quint32 rem = divSmall(mag, 1000000000u);
        for (int k = 0; k < 9; ++k) {
            digits.append(char('0' + rem % 10));
            rem /= 10;
            if (mag.isEmpty() && rem == 0)
                break;
        }
    }
    while (digits.size() > 1 && digits.endsWith('0'))
        digits.chop(1);
    if (m_negative)
        digits.append('-');
    std::reverse(digits.begin(), digits.end());
    return QString::fromLatin1(digits);
}

qsizetype BigInt::bitLength() const
{
    if (isZero())
        return 0;
    quint32 top = m_limbs.constLast();
    int bits = 0;
    while (top) {
        ++bits;
        top >>= 1;
    }
    return (m_limbs.size() - 1) * 32 + bits;
}

bool BigInt::fitsInt64() const
{
    if (m_limbs.size() > 2)
        return false;
    const quint64 mag = toUInt64();
    return m_negative ? mag <= (quint64(1) << 63) : mag < (quint64(1) << 63);
}

quint64 BigInt::toUInt64() const
{
    quint64 v = 0;
    if (m_limbs.size() > 0)
        v = m_limbs[0];
    if (m_limbs.size() > 1)
        v |= quint64(m_limbs[1]) << 32;
    return v;
}

qint64 BigInt::toInt64() const
{
    const quint64 mag = toUInt64();
    return m_negative ? qint64(quint64(0) - mag) : qint64(mag);
}

bool BigInt::fitsUInt64() const
{
    return !m_negative && m_limbs.size() <= 2;
}

double BigInt::toDouble(bool *exact) const
{
    // Exact rounding (half to even) like Python's int.__float__: take the top 64 bits and a
    // sticky bit for everything below them, then let the FPU round once via ldexp of a
    // 53-bit mantissa computed by hand.
    const qsizetype bits = bitLength();
    if (bits <= 53) {
        if (exact)
            *exact = true;
        const double v = double(toUInt64());
        return m_negative ? -v : v;
    }
    const qsizetype shift = bits - 54; // keep 54 bits: 53 + one rounding bit
    quint64 top = 0;
    bool sticky = false;
    for (qsizetype bit = bits - 1; bit >= 0; --bit) {
        const bool set = (m_limbs[bit / 32] >> (bit % 32)) & 1u;
        if (bit >= shift)
            top = (top << 1) | (set ? 1 : 0);
        else if (set) {
            sticky = true;
            break;
        }
    }
    const bool roundBit = top & 1;
    quint64 mant = top >> 1;
    if (exact)
        *exact = !roundBit && !sticky;
    if (roundBit && (sticky || (mant & 1)))
        ++mant;
    double v = std::ldexp(double(mant), int(shift + 1));
    return m_negative ? -v : v;
}

BigInt BigInt::fromDouble(double value)
{
    if (!std::isfinite(value))
        return BigInt();
    value = std::trunc(value);
    const bool negative = value < 0;
    value = std::fabs(value);
    int exp = 0;
    const double frac = std::frexp(value, &exp); // value = frac * 2^exp, frac in [0.5,1)
    if (exp <= 63) {
        BigInt b = fromUInt64(quint64(value));
        b.m_negative = negative;
        b.normalize();
        return b;
    }
    const quint64 mant = quint64(std::ldexp(frac, 53));
    BigInt b = fromUInt64(mant);
    // shift left by exp - 53 bits
    const int shift = exp - 53;
    const int limbShift = shift / 32, bitShift = shift % 32;
    QList<quint32> out(limbShift, 0);
    quint32 carry = 0;
    for (quint32 limb : std::as_const(b.m_limbs)) {
        out.append(bitShift ? (limb << bitShift) | carry : limb);
        carry = bitShift ? limb >> (32 - bitShift) : 0;
    }
    if (carry)
        out.append(carry);
    return fromMagnitude(negative, out);
}

BigInt BigInt::fromTwosComplementLE(QByteArrayView bytes)
{
    if (bytes.isEmpty())
        return BigInt();
    const bool negative = quint8(bytes.back()) & 0x80;
    QList<quint32> limbs((bytes.size() + 3) / 4, 0);
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        quint8 byte = quint8(bytes[i]);
        if (negative)
            byte = quint8(~byte);
        limbs[i / 4] |= quint32(byte) << (8 * (i % 4));
    }
    if (negative) {
        // magnitude = ~x + 1
        // magnitude = 2^(8n) - u = ~u + 1 within the n input bytes; padding bytes stay 0
        mulAddSmall(limbs, 1, 1);
    }
    return fromMagnitude(negative, limbs);
}

QByteArray BigInt::toTwosComplementLE() const
{
    if (isZero())
        return QByteArray();
    QByteArray out;
    QList<quint32> mag = m_limbs;
    if (m_negative) {
        // two's complement of the magnitude, with one spare limb for the sign
        mag.append(0);
        for (quint32 &l : mag)
            l = ~l;
        mulAddSmall(mag, 1, 1);
        mag.resize(m_limbs.size() + 1);
    } else {
        mag.append(0);
    }
    for (quint32 l : std::as_const(mag))
        for (int k = 0; k < 4; ++k)
            out.append(char((l >> (8 * k)) & 0xff));
    // Trim redundant sign bytes: keep the shortest form whose top bit still shows the sign.
    const char fill = m_negative ? char(0xff) : char(0);
    while (out.size() > 1 && out.back() == fill && ((out[out.size() - 2] & 0x80) == (fill & 0x80)))
        out.chop(1);
    return out;
}

BigInt BigInt::fromDigits15(bool negative, const QList<quint16> &digits)
{
    QList<quint32> limbs;
    for (qsizetype i = digits.size() - 1; i >= 0; --i)
        mulAddSmall(limbs, 1u << 15, digits[i] & 0x7fff);
    return fromMagnitude(negative, limbs);
}

QList<quint16> BigInt::toDigits15() const
{
    QList<quint16> out;
    const qsizetype bits = bitLength();
    for (qsizetype start = 0; start < bits; start += 15) {
        quint16 d = 0;
        for (int k = 0; k < 15 && start + k < bits; ++k) {
            const qsizetype bit = start + k;
            if ((m_limbs[bit / 32] >> (bit % 32)) & 1u)
                d |= quint16(1u << k);
        }
        out.append(d);
    }
    return out;
}

int BigInt::compare(const BigInt &other) const
{
    if (m_negative != other.m_negative)
        return m_negative ? -1 : 1;
    int magCmp = 0;
    if (m_limbs.size() != other.m_limbs.size()) {
        magCmp = m_limbs.size() < other.m_limbs.size() ? -1 : 1;
    } else {
        for (qsizetype i = m_limbs.size() - 1; i >= 0; --i) {
            if (m_limbs[i] != other.m_limbs[i]) {
                magCmp = m_limbs[i] < other.m_limbs[i] ? -1 : 1;
                break;
            }
        }
    }
    return m_negative ? -magCmp : magCmp;
}

BigInt BigInt::operator-() const
{
    BigInt b = *this;
    if (!b.isZero())
        b.m_negative = !b.m_negative;
    return b;
}

size_t BigInt::hash(size_t seed) const
{
    size_t h = qHash(m_negative, seed);
    for (quint32 l : m_limbs)
        h = qHash(l, h);
    return h;
}

} // namespace Pyro
