#pragma once

#include <QByteArray>

namespace Pyro {

/*!
    Python's repr() of a float: the shortest digits that round-trip, fixed notation for
    1e-4 <= |x| < 1e16 and exponent notation ("1e+16", "1.5e-07") otherwise, always with a
    '.' or an 'e' so that the text reads back as a float. inf, -inf and nan come out as
    Python prints them ("inf", "-inf", "nan"); serializers that need other spellings
    (serpent's 1e30000, JSON's Infinity) handle those three values themselves.
*/
QByteArray pythonFloatRepr(double value);

} // namespace Pyro
