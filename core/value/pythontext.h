#pragma once

#include "value/textcodec.h"
#include "value/value.h"

#include <QByteArrayView>
#include <QString>
#include <QStringView>
#include <QVarLengthArray>

#include <type_traits>

namespace Pyro {

/*!
    The small pieces of Python's text grammar that the literal parser, the serpent and json
    codecs, pickle's text opcodes, the repr writers and the callers that check names share:
    hex digits, escape sequences, identifiers and keywords, and the escaped form of a code
    point in repr(). Each grammar is a parameter, not a merge: json has no \\x, bytes have
    no \\u, pickle's raw-unicode-escape only knows \\uXXXX and \\UXXXXXXXX.

    The scanning functions are templates over the code unit (char for UTF-8 or Latin-1
    bytes, char16_t for UTF-16), inline, and never read past \a end. Stateless, thread-safe.
*/
class PythonText
{
public:
    //! Lower-case hex digits, as repr(), serpent and json write them.
    static constexpr char HexDigits[] = "0123456789abcdef";

    //! A code unit as an unsigned code point: char 0xE9 is U+00E9, not a negative number.
    template<typename Char>
    static constexpr char32_t unit(Char c)
    {
        return char32_t(std::make_unsigned_t<Char>(c));
    }

    //! 0..15 for [0-9a-fA-F], -1 for anything else (including non-ASCII code units).
    template<typename Char>
    static constexpr int hexValue(Char c)
    {
        const char32_t u = unit(c);
        if (u >= U'0' && u <= U'9')
            return int(u - U'0');
        if (u >= U'a' && u <= U'f')
            return int(u - U'a' + 10);
        if (u >= U'A' && u <= U'F')
            return int(u - U'A' + 10);
        return -1;
    }

    /*!
        Reads exactly \a count hex digits at \a p into \a value; false when fewer than
        \a count are there before \a end or one of them is not a hex digit.
    */
    template<typename Char>
    static bool readHex(const Char *p, const Char *end, int count, char32_t &value)
    {
        if (end - p < count)
            return false;
        char32_t v = 0;
        for (int k = 0; k < count; ++k) {
            const int h = hexValue(p[k]);
            if (h < 0)
                return false;
            v = (v << 4) | char32_t(h);
        }
        value = v;
        return true;
    }

    // --- escapes ----------------------------------------------------------------------------

    //! Which escape sequences a backslash starts.
    enum class EscapeGrammar : quint8 {
        Str, //!< a Python str literal: \\newline, \\\\ \\' \\" \\a \\b \\f \\n \\r \\t \\v, \\ooo, \\xXX, \\uXXXX, \\UXXXXXXXX; \\N{...} is refused
        Bytes, //!< a Python bytes literal: Str without \\u, \\U, \\N; octal keeps its low 8 bits
        EscapeDecode, //!< codecs.escape_decode (pickle's STRING): Bytes, but only \\n (not \\r) continues a line
        RawUnicode, //!< raw-unicode-escape (pickle's UNICODE): \\uXXXX and \\UXXXXXXXX only
        Json, //!< json: \\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX; \\uD8xx\\uDCxx is one code point
    };

    //! What one escape sequence means.
    struct Escape
    {
        enum class Kind : quint8 {
            CodePoint, //!< codePoint is the character (a byte value for Bytes/EscapeDecode; may be a lone surrogate)
            LineContinuation, //!< a backslash before a newline: nothing is added
            Unknown, //!< not an escape: the backslash stands for itself, the next character is read normally (length 1)
            Fault, //!< malformed: see fault
        };
        enum class Fault : quint8 {
            None,
            Trailing, //!< the backslash is the last character
            BadHex, //!< fewer than hexDigits hex digits after \\x, \\u or \\U
            OutOfRange, //!< \\U above U+10FFFF
            NamedEscape, //!< \\N{...}: Qt has no table of Unicode names
            Invalid, //!< json: an escape json does not have
        };
        Kind kind = Kind::Unknown;
        Fault fault = Fault::None;
        quint8 hexDigits = 0; //!< with BadHex: 2, 4 or 8
        int length = 1; //!< code units from the backslash to the end of the sequence
        char32_t codePoint = 0;
    };

    /*!
        Decodes the escape sequence whose backslash is at \a p (p < end). Never reads past
        \a end; a sequence cut short by \a end is a fault (Trailing or BadHex), so a caller
        that has a longer input can tell "truncated" from "malformed" by its own end.
    */
    template<typename Char>
    static Escape decodeEscape(const Char *p, const Char *end, EscapeGrammar grammar);

    //! Python's words for a fault of a Str or Bytes escape ("truncated \\xXX escape", ...).
    static QString escapeFaultText(const Escape &escape);

    // --- numbers ------------------------------------------------------------------------------

    //! Which number literals a scan accepts.
    enum class NumberGrammar : quint8 {
        Python, //!< ints (decimal, 0x, 0o, 0b, single underscores between digits), floats, imaginary literals; no sign
        Json, //!< -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?: a '.' or 'e' without digits ends the number before it
    };

    //! One scanned number literal; offsets count code units from its start.
    struct Number
    {
        enum class Kind : quint8 { Int, Float, Imaginary };
        enum class Fault : quint8 {
            None,
            InvalidLiteral, //!< "invalid decimal literal" (or hexadecimal, octal, binary)
            InvalidDigit, //!< a decimal digit the base does not have ("0b12"), at faultAt
            LeadingZeros, //!< "012"
        };
        Kind kind = Kind::Int;
        Fault fault = Fault::None;
        quint8 base = 10;
        bool negative = false; //!< json's '-'
        bool underscores = false; //!< the digits hold '_' that a conversion skips
        qsizetype length = 0; //!< code units of the literal
        qsizetype faultAt = 0;
        qsizetype digitsBegin = 0; //!< the digits (after a sign or a 0x prefix) ...
        qsizetype digitsEnd = 0; //!< ... up to the 'j' or the end
        qsizetype intDigits = 0; //!< digits before the point, exponent or 'j' (underscores not counted)
    };

    /*!
        Scans the number literal at \a p: for Python a digit or '.' and a digit, for json a
        digit or '-' and a digit. A Python number may not be followed by a letter, digit, '_',
        '.' or non-ASCII character (CPython's "invalid decimal literal"). Never reads past \a end.
    */
    template<typename Char>
    static Number scanNumber(const Char *p, const Char *end, NumberGrammar grammar);

    /*!
        The value of a number \a p scanned without a fault: an int (decimal ints longer than
        \a maxIntDigits digits give false; other bases convert in linear time and have no
        limit, as in Python), a float (out-of-range values become inf or 0.0, as Python's
        float() gives) or an imaginary number.
    */
    template<typename Char>
    static bool numberValue(const Char *p, const Number &number, qsizetype maxIntDigits, Value &out);

    //! Python's words for a scan fault ("invalid hexadecimal literal", ...).
    static QString numberFaultText(const Number &number, QChar digit = QChar());

    // --- repr ---------------------------------------------------------------------------------

    //! The quote repr() puts around \a text: ' unless the text holds ' and no ".
    static char reprQuote(QStringView text)
    {
        return text.contains(u'\'') && !text.contains(u'"') ? '"' : '\'';
    }
    static char reprQuote(const QString &text) // QString's own search is the faster one in Qt 6.4
    {
        return text.contains(QLatin1Char('\'')) && !text.contains(QLatin1Char('"')) ? '"' : '\'';
    }
    static char reprQuote(QByteArrayView bytes)
    {
        return bytes.contains('\'') && !bytes.contains('"') ? '"' : '\'';
    }

    /*!
        How repr(str) writes \a codePoint inside \a quote: returns 0 when it stands as it is
        (ASCII printable other than the quote and the backslash, or printable non-ASCII), else
        writes its escape (\\t \\n \\r \\\\ \\' \\xXX \\uXXXX \\UXXXXXXXX) to \a out (10 bytes)
        and returns the length. Lone surrogates are escaped as \\udXXX, as Python does.
    */
    static int reprEscape(char32_t codePoint, char quote, char *out);

    // --- identifiers --------------------------------------------------------------------------

    //! Python's XID_Start plus '_' (what may begin an identifier; Unicode 14, as Python 3.11).
    static bool isIdentifierStart(char32_t codePoint);
    //! Python's XID_Continue (what may follow the first character).
    static bool isIdentifierContinue(char32_t codePoint);
    //! str.isidentifier(): keywords count as identifiers, as in Python.
    static bool isIdentifier(QStringView text);
    //! keyword.iskeyword() of Python 3.11 (the hard keywords; match/case/_ are soft).
    static bool isKeyword(QStringView text);
    /*!
        Whether \a text can be written as a name in generated Python source (proxy.NAME,
        def NAME, NAME=value): an identifier, not a keyword, and unchanged by the NFKC
        normalisation Python's tokenizer applies (else "ﬁle" would name "file").
    */
    static bool isSourceName(QStringView text);
    /*!
        Length of the identifier that starts at \a from in \a text (surrogate pairs count as
        two units), 0 when none does.
    */
    static qsizetype identifierLength(QStringView text, qsizetype from = 0);

private:
    static bool numberValueAscii(const char *p, const Number &number, qsizetype maxIntDigits, Value &out)
    {
        const char *digits = p + number.digitsBegin;
        if (number.kind == Number::Kind::Int)
            return TextCodec::parseInt(digits, number.digitsEnd - number.digitsBegin, number.negative, number.base,
                                       maxIntDigits, out);
        const double d = TextCodec::parseDecimal(digits, p + number.digitsEnd);
        if (number.kind == Number::Kind::Imaginary)
            out = Value(Complex(0.0, d));
        else
            out = Value(number.negative ? -d : d);
        return true;
    }
    static constexpr bool isDigit(char32_t c) { return c >= U'0' && c <= U'9'; }
    static constexpr bool isAsciiNameChar(char32_t c)
    {
        return (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z') || isDigit(c) || c == U'_';
    }
};

template<typename Char>
PythonText::Escape PythonText::decodeEscape(const Char *p, const Char *end, EscapeGrammar grammar)
{
    const bool json = grammar == EscapeGrammar::Json;
    const bool rawUnicode = grammar == EscapeGrammar::RawUnicode;
    const bool str = grammar == EscapeGrammar::Str;
    const bool bytes = grammar == EscapeGrammar::Bytes || grammar == EscapeGrammar::EscapeDecode;
    Escape e;
    auto result = [&e](Escape::Kind kind, int length, char32_t cp = 0, Escape::Fault fault = Escape::Fault::None) {
        e.kind = kind;
        e.length = length;
        e.codePoint = cp;
        e.fault = fault;
        return e;
    };
    auto fault = [&](Escape::Fault f, int length) { return result(Escape::Kind::Fault, length, 0, f); };
    if (end - p < 2)
        return fault(Escape::Fault::Trailing, 1);
    const char32_t c = unit(p[1]);

    // The one-character escapes; json has \/ where Python has \' \a \v.
    int simple = -1;
    switch (c) {
    case U'"': simple = '"'; break;
    case U'\\': simple = '\\'; break;
    case U'b': simple = 8; break;
    case U'f': simple = 12; break;
    case U'n': simple = 10; break;
    case U'r': simple = 13; break;
    case U't': simple = 9; break;
    case U'/': simple = json ? '/' : -1; break;
    case U'\'': simple = json ? -1 : '\''; break;
    case U'a': simple = json ? -1 : 7; break;
    case U'v': simple = json ? -1 : 11; break;
    default: break;
    }
    if (rawUnicode)
        simple = -1;
    if (simple >= 0)
        return result(Escape::Kind::CodePoint, 2, char32_t(simple));

    if (!json && !rawUnicode) {
        // A backslash before a newline continues the line; escape_decode knows only \n.
        if (c == U'\n')
            return result(Escape::Kind::LineContinuation, 2);
        if (c == U'\r' && grammar != EscapeGrammar::EscapeDecode)
            return result(Escape::Kind::LineContinuation, end - p >= 3 && unit(p[2]) == U'\n' ? 3 : 2);
        if (c >= U'0' && c <= U'7') {
            char32_t v = c - U'0';
            int length = 2;
            for (; length < 4 && end - p > length && unit(p[length]) >= U'0' && unit(p[length]) <= U'7'; ++length)
                v = v * 8 + (unit(p[length]) - U'0');
            return result(Escape::Kind::CodePoint, length, bytes ? (v & 0xFF) : v); // bytes keep the low 8 bits, as Python 3.11
        }
    }

    const quint8 digits = c == U'x' ? (json || rawUnicode ? 0 : 2)
                          : c == U'u' ? (bytes ? 0 : 4)
                          : c == U'U' ? (bytes || json ? 0 : 8)
                                      : 0;
    if (digits) {
        char32_t v;
        if (!readHex(p + 2, end, digits, v)) {
            e.hexDigits = digits;
            return fault(Escape::Fault::BadHex, 2);
        }
        char32_t low;
        if (json && v >= 0xD800 && v <= 0xDBFF && end - p >= 12 && unit(p[6]) == U'\\' && unit(p[7]) == U'u'
            && readHex(p + 8, end, 4, low) && low >= 0xDC00 && low <= 0xDFFF)
            return result(Escape::Kind::CodePoint, 12, 0x10000 + ((v - 0xD800) << 10) + (low - 0xDC00));
        if (v > 0x10FFFF)
            return fault(Escape::Fault::OutOfRange, 2 + digits);
        return result(Escape::Kind::CodePoint, 2 + digits, v); // a lone surrogate stays, as in Python
    }
    if (str && c == U'N')
        return fault(Escape::Fault::NamedEscape, 2);
    if (json)
        return fault(Escape::Fault::Invalid, 2);
    return result(Escape::Kind::Unknown, 1); // Python keeps the backslash
}

template<typename Char>
PythonText::Number PythonText::scanNumber(const Char *p, const Char *end, NumberGrammar grammar)
{
    Number n;
    const Char *q = p;
    auto at = [&](const Char *x) { return x < end ? unit(*x) : char32_t(0); };
    auto finish = [&](const Char *stop) {
        n.length = stop - p;
        return n;
    };
    auto invalid = [&](const Char *stop, Number::Fault f = Number::Fault::InvalidLiteral, qsizetype faultAt = 0) {
        n.fault = f;
        n.faultAt = faultAt;
        return finish(stop);
    };

    if (grammar == NumberGrammar::Json) {
        if (at(q) == U'-') {
            n.negative = true;
            ++q;
        }
        n.digitsBegin = q - p;
        if (at(q) == U'0') {
            ++q;
        } else {
            while (isDigit(at(q)))
                ++q;
        }
        n.intDigits = q - p - n.digitsBegin;
        if (at(q) == U'.' && isDigit(at(q + 1))) {
            n.kind = Number::Kind::Float;
            q += 2;
            while (isDigit(at(q)))
                ++q;
        }
        if (at(q) == U'e' || at(q) == U'E') {
            const Char *r = q + 1;
            if (at(r) == U'+' || at(r) == U'-')
                ++r;
            if (isDigit(at(r))) {
                n.kind = Number::Kind::Float;
                while (isDigit(at(r)))
                    ++r;
                q = r;
            }
        }
        n.digitsEnd = q - p;
        return finish(q);
    }

    // Digits of one part with single underscores between them; false on a misplaced '_'.
    auto digitPart = [&](int base, bool leadingUnderscore, qsizetype &count) {
        bool lastUnderscore = false;
        if (leadingUnderscore && at(q) == U'_') {
            lastUnderscore = n.underscores = true;
            ++q;
        }
        for (;; ++q) {
            const int v = hexValue(at(q));
            if (q < end && v >= 0 && v < base) {
                ++count;
                lastUnderscore = false;
            } else if (at(q) == U'_' && !lastUnderscore && count > 0) {
                lastUnderscore = n.underscores = true;
            } else {
                break;
            }
        }
        return !lastUnderscore;
    };
    auto nameFollows = [&](const Char *x) { return x < end && (isAsciiNameChar(unit(*x)) || unit(*x) >= 0x80 || *x == '.'); };

    const char32_t prefix = at(q) == U'0' ? (at(q + 1) | 0x20) : 0;
    if (prefix == U'x' || prefix == U'o' || prefix == U'b') {
        n.base = prefix == U'x' ? 16 : prefix == U'o' ? 8 : 2;
        q += 2;
        n.digitsBegin = 2;
        qsizetype count = 0;
        if (!digitPart(n.base, true, count))
            return invalid(q);
        if (isDigit(at(q)))
            return invalid(q, Number::Fault::InvalidDigit, q - p);
        if (count == 0 || nameFollows(q))
            return invalid(q);
        n.intDigits = count;
        n.digitsEnd = q - p;
        return finish(q);
    }

    if (at(q) != U'.') {
        qsizetype count = 0;
        if (!digitPart(10, false, count))
            return invalid(q);
        n.intDigits = count;
    }
    if (at(q) == U'.') {
        n.kind = Number::Kind::Float;
        ++q;
        qsizetype count = 0;
        if (at(q) == U'_' || !digitPart(10, false, count))
            return invalid(q);
    }
    if (at(q) == U'e' || at(q) == U'E') {
        ++q;
        if (at(q) == U'+' || at(q) == U'-')
            ++q;
        qsizetype count = 0;
        if (!isDigit(at(q)) || !digitPart(10, false, count))
            return invalid(q);
        n.kind = Number::Kind::Float;
    }
    n.digitsEnd = q - p;
    if (at(q) == U'j' || at(q) == U'J') {
        n.kind = Number::Kind::Imaginary;
        ++q;
    }
    if (nameFollows(q))
        return invalid(q);
    if (n.kind == Number::Kind::Int && unit(p[0]) == U'0') {
        // "0", "00" and "0_0" are fine; "07" is not (it used to be octal).
        for (const Char *x = p; x < q; ++x) {
            if (unit(*x) != U'0' && unit(*x) != U'_')
                return invalid(q, Number::Fault::LeadingZeros);
        }
    }
    return finish(q);
}

template<typename Char>
bool PythonText::numberValue(const Char *p, const Number &number, qsizetype maxIntDigits, Value &out)
{
    if constexpr (std::is_same_v<Char, char>) {
        if (!number.underscores)
            return numberValueAscii(p, number, maxIntDigits, out);
    }
    // A valid literal is ASCII: copy it without its underscores.
    QVarLengthArray<char, 64> ascii;
    Number compact = number;
    for (qsizetype i = 0; i < number.length; ++i) {
        if (i == number.digitsBegin)
            compact.digitsBegin = ascii.size();
        if (i == number.digitsEnd)
            compact.digitsEnd = ascii.size();
        if (unit(p[i]) != U'_')
            ascii.append(char(unit(p[i])));
    }
    if (number.digitsEnd == number.length)
        compact.digitsEnd = ascii.size();
    compact.length = ascii.size();
    return numberValueAscii(ascii.constData(), compact, maxIntDigits, out);
}

} // namespace Pyro
