#pragma once

#include "value/value.h"

#include <QString>

namespace Pyro {

/*!
    Writes a Value as Python's repr() does (PLACEHOLDER: minimal version, to be completed).
*/
class ReprWriter
{
public:
    static QString write(const Value &value);
};

} // namespace Pyro
