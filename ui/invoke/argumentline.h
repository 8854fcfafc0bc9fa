#pragma once

#include "support/result.h"
#include "value/value.h"

#include <QString>
#include <QStringView>

namespace Pyro::Ui {

/*!
    The one-line argument entry's language: a Python argument list such as
    \c{20, 22, kind='x'} — positional arguments, then keyword arguments (NAME=VALUE), each value
    a Python literal read by Pyro::LiteralParser, an optional trailing comma. format() writes
    the same form back (Invocation::argumentText()), so the line and the argument grid mirror
    each other.

    Errors are UsageError with offset() into the whole line, and say which argument is wrong:
    "argument 2: unexpected ')' at 3", "positional argument follows keyword argument",
    "keyword argument repeated: kind".
*/
class ArgumentLine
{
public:
    struct Arguments
    {
        ValueList args;
        Dict kwargs;
    };

    static Result<Arguments> parse(QStringView text);
    static QString format(const ValueList &args, const Dict &kwargs);

private:
    //! [start, end) of each top-level comma-separated part; strings and brackets are skipped.
    static QList<std::pair<qsizetype, qsizetype>> split(QStringView text);
};

} // namespace Pyro::Ui
