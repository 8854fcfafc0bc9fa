#pragma once

#include "support/result.h"
#include "value/value.h"

#include <QString>

/*!
    numpy values in pickles, without numpy: what the pickle decoder recorded as inert calls of
    numpy's reconstructors becomes an array dict (InertObjects::array) or a plain number.

    \list
    \li numpy.core.multiarray._reconstruct(numpy.ndarray, (0,), b'b') + BUILD (1, shape,
        dtype, is_fortran, rawdata): arrays in pickle protocols 0..4 (and non-contiguous ones);
    \li numpy.core.numeric._frombuffer(buffer, dtype, shape, order): arrays in protocol 5;
    \li numpy.core.multiarray.scalar(dtype, bytes): numpy scalars (numbers);
    \li the same under numpy 2's numpy._core, and numpy.core._multiarray_umath.
    \endlist

    The dtype is numpy.dtype(typestr, align, copy) + BUILD (version, byteorder, ...).
    Supported: bool, int8..int64, uint8..uint64, float16..float128, complex64..complex256
    (float128/complex256 as arrays only); Fortran-ordered data is reordered to C order.
    Structured, object, string and datetime dtypes are refused with a clear error.
*/
namespace Pyro::PickleNumpy {

//! Whether \a className is one of the numpy reconstructors interpreted here.
bool isReconstructor(const QString &className);

//! The array dict or number for a reconstructor call (\a state: its BUILD state or None).
Result<Value> build(const QString &className, const Value &args, const Value &state);

} // namespace Pyro::PickleNumpy
