#pragma once

#include "value/value.h"

#include <QByteArrayView>
#include <QString>
#include <QStringView>

namespace Pyro {

/*!
    Writes a Value exactly as CPython 3.11's repr() does, so that what the CLI and the GUI
    show is what a Python programmer would see, and LiteralParser (or ast.literal_eval)
    reads it back.

    Stateless and thread-safe. Value::repr() calls write().
    \code
    ReprWriter::write(Value::tuple({1, QStringLiteral("it's")}));  // (1, "it's")
    ReprWriter::write(Value(Complex(0.0, -1.0)));                  // -1j
    ReprWriter::write(Value::frozenSet({}));                       // frozenset()
    \endcode

    Known differences from Python:
    \list
    \li Python refuses to repr ints of more than 4300 decimal digits (sys.int_max_str_digits);
        we print them.
    \li Strings are UTF-16: a valid surrogate pair is one code point, a lone surrogate prints
        as \\udXXX as in Python.
    \li Python raises RecursionError on very deep values; we recurse once per nesting level,
        which the decoders bound (DecodeLimits::maxDepth).
    \endlist
*/
class ReprWriter
{
public:
    struct Options
    {
        /*!
            Stop once the text is longer than this many UTF-16 units and end it with "..."
            (for table cells and log lines). -1 writes everything; the result then is exact.
        */
        qsizetype maxLength = -1;
    };

    static QString write(const Value &value, const Options &options);
    static QString write(const Value &value);

    //! repr(str): quotes chosen as Python does, escapes per str.isprintable().
    static QString str(QStringView text);
    //! repr(bytes): b'...'.
    static QString bytes(QByteArrayView data);
    //! repr(float): "0.1", "1e+16", "inf", "nan", "-0.0".
    static QString floatRepr(double value);
    //! repr(complex): "1j", "(1-2j)", "(-0-1.5j)", "(nan+infj)".
    static QString complexRepr(Complex value);

    /*!
        Python's str.isprintable() for one code point (Unicode 14.0 in both Python 3.11 and
        Qt 6.4): false for categories Cc, Cf, Cs, Co, Cn, Zl, Zp and Zs other than ' '.
    */
    static bool isPrintable(char32_t codePoint);
};

} // namespace Pyro
