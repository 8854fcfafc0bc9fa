#pragma once

#include "support/result.h"
#include "value/value.h"

#include <QStringView>

namespace Pyro {

/*!
    Reads a Python literal expression into a Value: what ast.literal_eval() accepts in
    Python 3.11, plus the call forms repr() prints, so that every ReprWriter output reads
    back. Used for pyroctl's ARG/VALUE words and the GUI's argument editors.

    \code
    Result<Value> r = LiteralParser::parse(u"{'a': (1, 2.5), 'b': [None, b'\\x00']}");
    if (!r)
        qWarning() << r.error().message(); // e.g. "unexpected ')' at 7"
    \endcode

    Accepted, as in Python:
    \list
    \li None, True, False; ints in decimal, 0x, 0o and 0b with single underscores between
        digits (decimal ints are limited to Options::maxIntDigits digits, Python's 4300 by
        default); floats ("1.", ".5", "1e-7", "1e30000" is inf); imaginary literals ("2j").
    \li A sign before a number ("-1", "+(2.5)"), and a real number plus or minus an imaginary
        literal ("3-4j", "(-1+2j)"), computed with Python's float arithmetic (so "-0-1j" has
        a real part of +0.0, exactly as literal_eval gives it).
    \li str and bytes literals with every prefix (r, u, b, rb, br, any case), single, double
        and triple quotes, all escapes (\\x, \\u, \\U, octal, line continuation; unknown
        escapes keep their backslash as in Python) and implicit concatenation.
    \li Tuples (with or without parentheses), lists, dicts and sets with trailing commas,
        newlines and # comments inside brackets; set().
    \endlist

    Accepted beyond literal_eval, because repr() prints them: the names inf, nan, infj and
    nanj; frozenset(), frozenset({...}), set([...]) and frozenset of any tuple, list, set or
    frozenset literal; bytearray(), bytearray(b'...') and bytearray([ints]); float() of a
    number or of a string such as 'inf', '-inf', 'nan' or '1.5'.

    Rejected with a clear error: any other name or call, operators, f-strings, \\N{...}
    escapes (Qt has no Unicode name table), unhashable dict keys and set members, NUL
    characters, nesting deeper than Options::maxDepth. The parser never recurses: deep
    input costs heap, not stack.

    Errors carry Options::errorCode (SerializeError by default: the text is data being
    decoded; interactive callers may prefer UsageError), a message that names the reason
    and the position ("unterminated string starting at 3"), the bare reason as detail(),
    and offset() = the position as an index into \a text (UTF-16 code units, i.e. a
    QString index).

    Strings are UTF-16: "\\ud83d" "\\ude00" concatenate to one valid pair here, where Python
    keeps two lone surrogates.
*/
class LiteralParser
{
public:
    struct Options
    {
        int maxDepth = 1000; //!< brackets and calls nested inside each other
        qsizetype maxIntDigits = 4300; //!< decimal digits of one int literal (Python's default)
        Error::Code errorCode = Error::Code::SerializeError;
    };

    static Result<Value> parse(QStringView text, const Options &options);
    static Result<Value> parse(QStringView text);
};

} // namespace Pyro
