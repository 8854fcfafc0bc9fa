#include "floatformat.h"

#include <charconv>
#include <cmath>

namespace Pyro {

QByteArray pythonFloatRepr(double value)
{
    if (std::isnan(value))
        return QByteArrayLiteral("nan");
    if (std::isinf(value))
        return value > 0 ? QByteArrayLiteral("inf") : QByteArrayLiteral("-inf");

    // Shortest round-trip digits in scientific form, e.g. "1.2345e-07", then laid out the
    // way CPython's float_repr_style 'short' does.
    char buf[64];
    const auto res = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::scientific);
    const QByteArray sci(buf, int(res.ptr - buf));
    const qsizetype ePos = sci.indexOf('e');
    QByteArray mantissa = sci.left(ePos);
    const int exponent = sci.mid(ePos + 1).toInt();
    bool negative = false;
    if (mantissa.startsWith('-')) {
        negative = true;
        mantissa.remove(0, 1);
    }
    QByteArray digits = mantissa;
    digits.replace(".", "");
    // digits d1 d2 ... dn represent d1.d2...dn * 10^exponent
    const qsizetype n = digits.size();
    QByteArray out;
    if (negative)
        out.append('-');
    if (exponent >= -4 && exponent < 16) {
        // CPython's repr: fixed notation while the decimal point lies in (-4, 16]
        if (exponent >= 0) {
            if (n <= exponent + 1) {
                out.append(digits);
                out.append(QByteArray(exponent + 1 - n, '0'));
                out.append(".0");
            } else {
                out.append(digits.left(exponent + 1));
                out.append('.');
                out.append(digits.mid(exponent + 1));
            }
        } else {
            out.append("0.");
            out.append(QByteArray(-exponent - 1, '0'));
            out.append(digits);
        }
        return out;
    }
    out.append(digits.left(1));
    if (n > 1) {
        out.append('.');
        out.append(digits.mid(1));
    }
    out.append('e');
    out.append(exponent < 0 ? '-' : '+');
    const int absExp = std::abs(exponent);
    if (absExp < 10)
        out.append('0');
    out.append(QByteArray::number(absExp));
    return out;
}

} // namespace Pyro
