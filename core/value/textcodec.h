#pragma once

#include "value/outputbuffer.h"
#include "value/value.h"

#include <QString>

namespace Pyro {

/*!
    Byte-level text helpers shared by the serpent and json serializers: strict UTF-8
    decoding straight into a QString (with the offset of the first bad byte, as Python's
    strict 'utf-8' codec reports it), UTF-8 encoding of code points, Python's float repr and
    int text written straight into an OutputBuffer, and float text parsing that never
    depends on the C locale. Stateless, thread-safe.
*/
class TextCodec
{
public:
    /*!
        Appends the UTF-8 text [\a begin, \a end) to \a out. Returns nullptr on success,
        otherwise the first byte that is not valid strict UTF-8 (overlong forms, encoded
        surrogates and code points above U+10FFFF are invalid, as in Python); \a out is then
        unspecified.
    */
    static const char *appendUtf8(QString &out, const char *begin, const char *end);
    //! The same check without output.
    static const char *checkUtf8(const char *begin, const char *end);

    /*!
        Python's str.isprintable() for one code point: everything except the categories Cc,
        Cf, Cs, Co, Cn, Zl, Zp and Zs, but with ' ' printable (Qt 6.4 and Python 3.11 both
        use Unicode 14). repr() and serpent escape what is not.
    */
    static bool isPrintable(char32_t codePoint);

    //! Writes \a codePoint (may be a lone surrogate; callers escape those) as UTF-8.
    static void putUtf8(OutputBuffer &out, char32_t codePoint);

    //! Python's repr() of a finite float, e.g. "0.1", "1e+16", "-0.0" (see pythonFloatRepr).
    static void appendFloatRepr(OutputBuffer &out, double finiteValue);
    //! Decimal text of an int Value (qint64 or BigInt).
    static void appendInt(OutputBuffer &out, const Value &intValue);

    /*!
        The double nearest to a decimal literal that the caller has already checked against
        its grammar ("1.5e-3", "12", ".5", "1."; no sign, no underscores). Values too large
        become inf and values too small 0.0, as Python's float() gives.
    */
    static double parseDecimal(const char *begin, const char *end);

    /*!
        An int Value from \a digits (no sign, no underscores, base 2..16). Returns false
        when the text has more than \a maxDigits digits.
    */
    static bool parseInt(const char *digits, qsizetype count, bool negative, int base,
                         qsizetype maxDigits, Value &out);
};

} // namespace Pyro
