#pragma once

#include "value/outputbuffer.h"
#include "value/value.h"

#include <QString>
#include <QStringView>

#include <limits>
#include <optional>

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
        Python's error handlers for UTF-8 that the serializers use. QString::fromUtf8() would
        replace bad sequences with U+FFFD and toUtf8() would replace lone surrogates; both
        would hide corrupt input or change a value on a round trip.
        \value Strict Python's default: encoded surrogates (ED A0..BF xx) are errors, and a
               lone surrogate cannot be encoded (serpent, json, msgpack).
        \value SurrogatePass encoded surrogates decode to lone UTF-16 surrogates and lone
               surrogates encode as three bytes (marshal and pickle write str that way).
        Overlong forms, code points above U+10FFFF and cut sequences are errors in both.
    */
    enum class Utf8Errors { Strict, SurrogatePass };

    /*!
        Appends the UTF-8 text [\a begin, \a end) to \a out. Returns nullptr on success,
        otherwise the first byte of the first sequence that is not valid (where Python
        reports it); \a out is then unspecified.
    */
    static const char *appendUtf8(QString &out, const char *begin, const char *end,
                                  Utf8Errors errors = Utf8Errors::Strict);
    //! The strict check without output.
    static const char *checkUtf8(const char *begin, const char *end);
    /*!
        The UTF-8 bytes of \a text. With Strict, a lone surrogate gives nullopt and its
        index in \a errorIndex.
    */
    static std::optional<QByteArray> encodeUtf8(QStringView text, Utf8Errors errors, qsizetype *errorIndex = nullptr);

    /*!
        Python's str.isprintable() for one code point: everything except the categories Cc,
        Cf, Cs, Co, Cn, Zl, Zp and Zs, but with ' ' printable (Qt 6.4 and Python 3.11 both
        use Unicode 14). repr() and serpent escape what is not.
    */
    static bool isPrintable(char32_t codePoint);

    /*!
        Writes \a codePoint (may be a lone surrogate; callers escape those) as UTF-8 into
        memory with room for 4 bytes; returns the end of what it wrote.
    */
    static char *writeUtf8(char *o, char32_t codePoint)
    {
        if (codePoint < 0x80) {
            *o++ = char(codePoint);
        } else if (codePoint < 0x800) {
            *o++ = char(0xC0 | (codePoint >> 6));
            *o++ = char(0x80 | (codePoint & 0x3F));
        } else if (codePoint < 0x10000) {
            *o++ = char(0xE0 | (codePoint >> 12));
            *o++ = char(0x80 | ((codePoint >> 6) & 0x3F));
            *o++ = char(0x80 | (codePoint & 0x3F));
        } else {
            *o++ = char(0xF0 | (codePoint >> 18));
            *o++ = char(0x80 | ((codePoint >> 12) & 0x3F));
            *o++ = char(0x80 | ((codePoint >> 6) & 0x3F));
            *o++ = char(0x80 | (codePoint & 0x3F));
        }
        return o;
    }

    //! Python's repr() of a finite float, e.g. "0.1", "1e+16", "-0.0" (see pythonFloatRepr).
    static void appendFloatRepr(OutputBuffer &out, double finiteValue);
    //! Any float: appendFloatRepr, or the format's own spelling of nan, inf and -inf.
    static void appendFloat(OutputBuffer &out, double value, QByteArrayView nan, QByteArrayView inf,
                            QByteArrayView negativeInf)
    {
        if (value != value)
            out.append(nan);
        else if (value == std::numeric_limits<double>::infinity())
            out.append(inf);
        else if (value == -std::numeric_limits<double>::infinity())
            out.append(negativeInf);
        else
            appendFloatRepr(out, value);
    }
    //! Decimal text of an int Value (qint64 or BigInt).
    static void appendInt(OutputBuffer &out, const Value &intValue);

    /*!
        The double nearest to a decimal literal that the caller has already checked against
        its grammar ("1.5e-3", "12", ".5", "1."; no sign, no underscores). Values too large
        become inf and values too small 0.0, as Python's float() gives.
    */
    static double parseDecimal(const char *begin, const char *end);

    /*!
        An int Value from \a digits (no sign, no underscores, base 2, 8, 10 or 16). Returns
        false when a decimal text has more than \a maxDigits digits; the power-of-two bases
        convert in linear time and have no limit, as in Python.
    */
    static bool parseInt(const char *digits, qsizetype count, bool negative, int base,
                         qsizetype maxDigits, Value &out);
};

} // namespace Pyro
