#include "value/textcodec.h"

#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>

namespace Pyro {

namespace {

inline bool isCont(uchar c)
{
    return (c & 0xC0) == 0x80;
}

// Length of the valid UTF-8 sequence at p (1..4), or 0 when it is invalid. p < end.
template<bool SurrogatePass = false>
inline int utf8SequenceLength(const uchar *p, const uchar *end, char32_t &cp)
{
    const uchar c = p[0];
    if (c < 0x80) {
        cp = c;
        return 1;
    }
    const qsizetype avail = end - p;
    if (c < 0xC2)
        return 0;
    if (c < 0xE0) {
        if (avail < 2 || !isCont(p[1]))
            return 0;
        cp = (char32_t(c & 0x1F) << 6) | (p[1] & 0x3F);
        return 2;
    }
    if (c < 0xF0) {
        if (avail < 3)
            return 0;
        const uchar lo = c == 0xE0 ? 0xA0 : 0x80;
        const uchar hi = c == 0xED && !SurrogatePass ? 0x9F : 0xBF; // 0xED A0..BF would be a surrogate
        if (p[1] < lo || p[1] > hi || !isCont(p[2]))
            return 0;
        cp = (char32_t(c & 0x0F) << 12) | (char32_t(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
        return 3;
    }
    if (c < 0xF5) {
        if (avail < 4)
            return 0;
        const uchar lo = c == 0xF0 ? 0x90 : 0x80;
        const uchar hi = c == 0xF4 ? 0x8F : 0xBF;
        if (p[1] < lo || p[1] > hi || !isCont(p[2]) || !isCont(p[3]))
            return 0;
        cp = (char32_t(c & 0x07) << 18) | (char32_t(p[1] & 0x3F) << 12) | (char32_t(p[2] & 0x3F) << 6)
                | (p[3] & 0x3F);
        return 4;
    }
    return 0;
}

inline bool allAscii8(const uchar *p)
{
    quint64 w;
    std::memcpy(&w, p, 8);
    return (w & 0x8080808080808080ull) == 0;
}

template<bool SurrogatePass>
const char *appendUtf8Impl(QString &out, const char *begin, const char *end)
{
    const qsizetype old = out.size();
    // UTF-16 never needs more units than UTF-8 has bytes.
    out.resize(old + (end - begin));
    char16_t *d = reinterpret_cast<char16_t *>(out.data()) + old;
    char16_t *const d0 = d;
    const uchar *p = reinterpret_cast<const uchar *>(begin);
    const uchar *const e = reinterpret_cast<const uchar *>(end);
    while (p < e) {
        while (e - p >= 8 && allAscii8(p)) {
            for (int i = 0; i < 8; ++i)
                d[i] = p[i];
            p += 8;
            d += 8;
        }
        if (p >= e)
            break;
        if (*p < 0x80) {
            *d++ = *p++;
            continue;
        }
        char32_t cp;
        const int n = utf8SequenceLength<SurrogatePass>(p, e, cp);
        if (n == 0)
            return reinterpret_cast<const char *>(p);
        p += n;
        if (cp >= 0x10000) {
            *d++ = char16_t(0xD800 + ((cp - 0x10000) >> 10));
            *d++ = char16_t(0xDC00 + ((cp - 0x10000) & 0x3FF));
        } else {
            *d++ = char16_t(cp);
        }
    }
    out.resize(old + (d - d0));
    return nullptr;
}

} // namespace

const char *TextCodec::appendUtf8(QString &out, const char *begin, const char *end, Utf8Errors errors)
{
    return errors == Utf8Errors::Strict ? appendUtf8Impl<false>(out, begin, end)
                                        : appendUtf8Impl<true>(out, begin, end);
}

std::optional<QByteArray> TextCodec::encodeUtf8(QStringView text, Utf8Errors errors, qsizetype *errorIndex)
{
    const qsizetype n = text.size();
    const char16_t *u = reinterpret_cast<const char16_t *>(text.utf16());
    // The exact size first, so that a large string costs no over-allocation.
    qsizetype size = n;
    for (qsizetype i = 0; i < n; ++i) {
        if (u[i] < 0x80)
            continue;
        if (u[i] < 0x800) {
            size += 1;
        } else if (QChar::isHighSurrogate(u[i]) && i + 1 < n && QChar::isLowSurrogate(u[i + 1])) {
            size += 2; // 4 bytes for the 2 units
            ++i;
        } else {
            size += 2;
        }
    }
    QByteArray out(size, Qt::Uninitialized);
    char *o = out.data();
    for (qsizetype i = 0; i < n; ++i) {
        char32_t cp = u[i];
        if (cp < 0x80) {
            *o++ = char(cp);
            continue;
        }
        if (QChar::isHighSurrogate(cp) && i + 1 < n && QChar::isLowSurrogate(u[i + 1])) {
            cp = QChar::surrogateToUcs4(char16_t(cp), u[i + 1]);
            ++i;
        } else if (QChar::isSurrogate(cp) && errors == Utf8Errors::Strict) {
            if (errorIndex)
                *errorIndex = i;
            return std::nullopt;
        }
        o = writeUtf8(o, cp);
    }
    Q_ASSERT(o == out.constData() + size);
    return out;
}

const char *TextCodec::checkUtf8(const char *begin, const char *end)
{
    const uchar *p = reinterpret_cast<const uchar *>(begin);
    const uchar *const e = reinterpret_cast<const uchar *>(end);
    while (p < e) {
        if (*p < 0x80) {
            ++p;
            continue;
        }
        char32_t cp;
        const int n = utf8SequenceLength(p, e, cp);
        if (n == 0)
            return reinterpret_cast<const char *>(p);
        p += n;
    }
    return nullptr;
}

bool TextCodec::isPrintable(char32_t cp)
{
    if (cp == U' ')
        return true;
    if (cp > 0x10ffff)
        return false;
    switch (QChar::category(cp)) {
    case QChar::Other_Control:
    case QChar::Other_Format:
    case QChar::Other_Surrogate:
    case QChar::Other_PrivateUse:
    case QChar::Other_NotAssigned:
    case QChar::Separator_Line:
    case QChar::Separator_Paragraph:
    case QChar::Separator_Space:
        return false;
    default:
        return true;
    }
}

void TextCodec::appendFloatRepr(OutputBuffer &out, double value)
{
    // Same layout as pythonFloatRepr() (CPython's repr style 'short'), without allocating:
    // shortest round-trip digits from to_chars, then fixed notation for exponents -4..15.
    char sci[40];
    const auto res = std::to_chars(sci, sci + sizeof sci, value, std::chars_format::scientific);
    const char *p = sci;
    const char *const end = res.ptr;
    out.ensure(48);
    char *o = out.cursor();
    char *const o0 = o;
    if (*p == '-') {
        *o++ = '-';
        ++p;
    }
    char digits[24];
    int n = 0;
    while (p < end && *p != 'e') {
        if (*p != '.')
            digits[n++] = *p;
        ++p;
    }
    int exponent = 0;
    std::from_chars(p + 1 + (p[1] == '+' ? 1 : 0), end, exponent);
    if (exponent >= -4 && exponent < 16) {
        if (exponent >= 0) {
            if (n <= exponent + 1) {
                std::memcpy(o, digits, size_t(n));
                o += n;
                for (int i = n; i < exponent + 1; ++i)
                    *o++ = '0';
                *o++ = '.';
                *o++ = '0';
            } else {
                std::memcpy(o, digits, size_t(exponent + 1));
                o += exponent + 1;
                *o++ = '.';
                std::memcpy(o, digits + exponent + 1, size_t(n - exponent - 1));
                o += n - exponent - 1;
            }
        } else {
            *o++ = '0';
            *o++ = '.';
            for (int i = 0; i < -exponent - 1; ++i)
                *o++ = '0';
            std::memcpy(o, digits, size_t(n));
            o += n;
        }
    } else {
        *o++ = digits[0];
        if (n > 1) {
            *o++ = '.';
            std::memcpy(o, digits + 1, size_t(n - 1));
            o += n - 1;
        }
        *o++ = 'e';
        *o++ = exponent < 0 ? '-' : '+';
        const int absExp = exponent < 0 ? -exponent : exponent;
        if (absExp < 10)
            *o++ = '0';
        o = std::to_chars(o, o + 8, absExp).ptr;
    }
    out.advance(o - o0);
}

void TextCodec::appendInt(OutputBuffer &out, const Value &v)
{
    if (v.isBigInt()) {
        out.append(v.toBigInt().toString().toLatin1());
        return;
    }
    out.ensure(24);
    char *o = out.cursor();
    out.advance(std::to_chars(o, o + 24, v.toInt64()).ptr - o);
}

double TextCodec::parseDecimal(const char *begin, const char *end)
{
    double d = 0.0;
    const auto res = std::from_chars(begin, end, d, std::chars_format::general);
    if (res.ec == std::errc())
        return d;
    // Out of range: inf when the value is large, 0.0 when it is tiny. The decimal exponent
    // of the first significant digit decides; the exponent text may be arbitrarily long.
    const char *p = begin;
    qint64 firstDigitExp = 0;
    bool seenDigit = false, afterPoint = false;
    qint64 intDigits = 0, leadingFracZeros = 0;
    for (; p < end && *p != 'e' && *p != 'E'; ++p) {
        if (*p == '.') {
            afterPoint = true;
            continue;
        }
        if (!seenDigit) {
            if (*p == '0') {
                if (afterPoint)
                    ++leadingFracZeros;
                continue;
            }
            seenDigit = true;
        }
        if (!afterPoint)
            ++intDigits;
    }
    if (!seenDigit)
        return 0.0;
    firstDigitExp = intDigits > 0 ? intDigits : -leadingFracZeros;
    bool expNegative = false;
    qint64 exp = 0;
    if (p < end) {
        ++p;
        if (p < end && (*p == '+' || *p == '-'))
            expNegative = *p++ == '-';
        for (; p < end && exp < (qint64(1) << 40); ++p)
            exp = exp * 10 + (*p - '0');
    }
    const qint64 total = (expNegative ? -exp : exp) + firstDigitExp;
    return total > 0 ? std::numeric_limits<double>::infinity() : 0.0;
}

bool TextCodec::parseInt(const char *digits, qsizetype count, bool negative, int base, qsizetype maxDigits,
                         Value &out)
{
    // Skip leading zeros so that "000...0001" is cheap and does not count against the limit.
    while (count > 1 && *digits == '0') {
        ++digits;
        --count;
    }
    const int fastDigits = base == 10 ? 18 : base == 16 ? 15 : base == 8 ? 20 : 62;
    if (count <= fastDigits) {
        qint64 v = 0;
        for (qsizetype i = 0; i < count; ++i) {
            const char c = digits[i];
            const int d = c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
            v = v * base + d;
        }
        out = Value(negative ? -v : v);
        return true;
    }
    if (base == 2 || base == 8 || base == 16) {
        // Power-of-two bases convert in linear time, so only the input length bounds them.
        const int bitsPerDigit = base == 16 ? 4 : base == 8 ? 3 : 1;
        QList<quint32> limbs((count * bitsPerDigit + 31) / 32, 0);
        qsizetype bit = 0;
        for (qsizetype i = count - 1; i >= 0; --i, bit += bitsPerDigit) {
            const char c = digits[i];
            const quint64 d = quint64(c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10) << (bit % 32);
            limbs[bit / 32] |= quint32(d);
            if (d >> 32)
                limbs[bit / 32 + 1] |= quint32(d >> 32);
        }
        out = Value(BigInt::fromMagnitude(negative, limbs));
        return true;
    }
    if (count > maxDigits)
        return false;
    const std::optional<BigInt> big = BigInt::fromString(QString::fromLatin1(digits, count), base, maxDigits);
    if (!big)
        return false;
    out = Value(negative ? -*big : *big);
    return true;
}

} // namespace Pyro
