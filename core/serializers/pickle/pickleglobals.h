#pragma once

#include "support/result.h"
#include "value/value.h"

#include <QString>

/*!
    The pickle serializer's allow-list: the only globals (module.name) a pickle may name,
    each mapped to a pure value builder. Nothing is ever imported or executed; a global that
    is not listed here is refused by name. Also the two URI conversions the pickle format
    needs, because pickle carries URI objects where the other formats carry URI strings.
*/
namespace Pyro::PickleGlobals {

//! What an allowed global builds when a pickle calls it (REDUCE, NEWOBJ, INST, OBJ).
enum class Builder : quint8 {
    Refused,
    Complex, // builtins.complex(real, imag)
    Set, // builtins.set(iterable)
    FrozenSet, // builtins.frozenset(iterable)
    ByteArray, // builtins.bytearray(bytes) (protocol 0..4)
    Bytes, // builtins.bytes() (empty bytes, protocol 0..2)
    CodecsEncode, // _codecs.encode(str, 'latin1'): bytes in protocol 0..2
    Object, // builtins.object: only as copyreg._reconstructor's base
    BaseType, // builtins.tuple, list, dict, int, float, str, bytes: only as copyreg._reconstructor's
              // base of an inert object (a named tuple in protocol 0/1)
    Reconstructor, // copyreg._reconstructor(cls, object, None): objects in protocol 0/1
    NewObj, // copyreg.__newobj__(cls, *args)
    Exception, // builtins.<any exception>, Pyro4.errors.<any>
    Uri, // Pyro4.core.URI
    Proxy, // Pyro4.core.Proxy
    ExceptionWrapper, // Pyro4.futures._ExceptionWrapper
    Inert, // any other class (CapWords name outside the refused modules) and the numpy
           // reconstructors: calling it records an inert object, nothing runs (see isInertClass)
    GetAttr, // builtins.getattr(<inert class>, 'NAME'): an enum member, as Python's Enum pickles it
};

/*!
    "module.name" for a GLOBAL/STACK_GLOBAL/INST reference. For protocols below 3 it applies
    Python 3's fix_imports mapping of Python 2 names (__builtin__, exceptions, copy_reg), as
    Python's Unpickler does: Python 3 itself writes "__builtin__ set" and "exceptions OSError"
    in protocol 2.
*/
QString qualifiedName(const QString &module, const QString &name, int protocol);

//! The builder for a qualified name, or Builder::Refused.
Builder builderFor(const QString &qualifiedName);

/*!
    Whether \a qualifiedName may be rebuilt as an inert object: a name whose last part is
    written as a class (CapWords: starts with an upper-case letter), in a module that is not
    one of those whose objects are actions (os, subprocess, builtins, sys, importlib, socket,
    Pyro4, ...; see the list in the source), plus the numpy names the decoder interprets
    (numpy.ndarray, numpy.dtype, the array/scalar reconstructors of numpy 1 and 2). Plain
    functions (os.system, posix.system, builtins.eval) are never inert: their result would
    only exist by running them.
*/
bool isInertClass(const QString &qualifiedName);

//! Whether \a className ("builtins.ValueError", "Pyro4.errors.NamingError") is an exception
//! class a Python peer can rebuild from a pickle; the encoder only writes these as objects.
bool isKnownExceptionClass(const QString &className);

//! Pyro4's URI.asString() for a URI state (protocol, object, sockname, host, port).
Result<QString> uriStringFromState(const Value &state);

//! The URI state tuple for a URI string, parsed as Pyro4's URI class does.
Result<Value> uriStateFromString(const QString &uri);

} // namespace Pyro::PickleGlobals
