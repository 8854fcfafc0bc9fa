#pragma once

#include "support/result.h"
#include "value/value.h"

#include <QString>

namespace Pyro::Cli {

/*!
    One call written as Python source, "method(arg, ..., name=arg)", as pyroctl batch and
    bench take it. The arguments are literals (LiteralParser); errors carry offset() into
    the whole text so that the caller can point at the character.
*/
struct CallSpec
{
    QString method;
    ValueList args;
    Dict kwargs;

    static Result<CallSpec> parse(QStringView text);
};

} // namespace Pyro::Cli
