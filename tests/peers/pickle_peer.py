#!/usr/bin/python3
"""Pickle peer for tst_pickle: what Python writes with every pickle protocol, and what it reads.

    pickle_peer.py dump PROTOCOL    one line per value of golden.CORPUS and EXTRAS below:
                                    NAME HEX of pickle.dumps(value, protocol=PROTOCOL)
    pickle_peer.py tracebackdump    one line: NAME HEX of a real exception reply payload as the
                                    Pyro4 daemon makes it (_pyroTraceback from a raised exception)
    pickle_peer.py inertdump PROTOCOL
                                    NAME HEX lines of objects of classes we do not know
                                    (labdevice.py: enums, named tuple, dataclass, ...) and numpy
                                    arrays and scalars; then, per array, "data/NAME HEX" of its
                                    data in C order and "meta/NAME HEX" of "dtype byteorder"
    pickle_peer.py check            reads NAME HEX lines (bytes our C++ encoder wrote),
                                    pickle.loads each and prints "OK NAME" or "FAIL NAME why";
                                    exceptions, URIs, proxies and exception wrappers are compared
                                    by class, args, attributes and state.

Prints READY first and END last, like golden.py.
"""
import binascii
import pickle
import sys

import Pyro4.core
import Pyro4.errors
import Pyro4.futures
import Pyro4.util

from golden import CORPUS, same


def _exception_with_traceback():
    e = ValueError("bad value", 42)
    e._pyroTraceback = ["Traceback (most recent call last):\n",
                        "  File \"server.py\", line 10, in method\n    raise ValueError('bad value', 42)\n",
                        "ValueError: ('bad value', 42)\n"]
    e.code = 7
    return e


def _proxy():
    p = Pyro4.core.Proxy("PYRO:obj@127.0.0.1:1234")
    p._pyroOneway = {"fire"}
    p._pyroMethods = {"fire", "add"}
    p._pyroAttrs = {"value"}
    p._pyroHandshake = "hello"
    p._pyroHmacKey = b"secret"
    p._pyroSerializer = "pickle"
    return p


_shared = [1, "two"]

EXTRAS = [
    ("exc_traceback", _exception_with_traceback()),
    ("exc_pyro", Pyro4.errors.NamingError("unknown name: x")),
    ("exc_oserror", ConnectionRefusedError(111, "refused")),
    ("uri_ipv6", Pyro4.core.URI("PYRO:obj@[::1]:4567")),
    ("uri_unix", Pyro4.core.URI("PYRO:obj@./u:/tmp/sock")),
    ("uri_name", Pyro4.core.URI("PYRONAME:my.name")),
    ("uri_meta", Pyro4.core.URI("PYROMETA:tag1,tag2@localhost:9091")),
    ("proxy", _proxy()),
    ("proxy_plain", Pyro4.core.Proxy("PYRO:callback@127.0.0.1:34215")),
    ("exception_wrapper", Pyro4.futures._ExceptionWrapper(KeyError("k"))),
    ("shared_list", [_shared, _shared, (_shared,)]),
    ("uri_list", [Pyro4.core.URI("PYRO:obj@127.0.0.1:1234")] * 2),
]

ALL = CORPUS + EXTRAS


def same_obj(a, b):
    if type(a) is not type(b):
        return False
    if isinstance(a, BaseException):
        return a.args == b.args and same(vars(a), vars(b))
    if isinstance(a, Pyro4.core.URI):
        return a.__getstate__() == b.__getstate__()
    if isinstance(a, Pyro4.core.Proxy):
        sa, sb = a.__getstate__(), b.__getstate__()
        return (sa[0] == sb[0] and sa[1:4] == sb[1:4] and sa[5:7] == sb[5:7] and sa[8] == sb[8])
    if isinstance(a, Pyro4.futures._ExceptionWrapper):
        return same_obj(a.exception, b.exception)
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(same_obj(x, y) for x, y in zip(a, b))
    return same(a, b)


def real_traceback_payload():
    try:
        raise ValueError("bad value", 42)
    except ValueError as x:
        x._pyroTraceback = Pyro4.util.formatTraceback(*sys.exc_info())
        data, _ = Pyro4.util.get_serializer("pickle").serializeData(x)
        return data


def inert_values():
    import collections
    import numpy
    import labdevice
    img = (numpy.arange(48 * 64) % 256).astype(numpy.uint8).reshape(48, 64)
    fortran = numpy.asfortranarray(numpy.arange(12, dtype=">i4").reshape(3, 4))
    values = [
        ("enum", labdevice.Color.RED),
        ("intenum", labdevice.Mode.FAST),
        ("namedtuple", labdevice.Point(1, 2)),
        ("dataclass", labdevice.Reading(3, 1.5, "V")),
        ("slots", labdevice.Slotted(1, [2])),
        ("ordereddict", collections.OrderedDict([("a", 1), ("b", 2)])),
        ("exception", labdevice.DeviceError("overheated", 95)),
        ("class", labdevice.Reading),
        ("nested", {"frame": img, "mode": labdevice.Mode.FAST, "at": [labdevice.Point(0, 1)]}),
        ("img", img),
        ("fortran_be_int32", fortran),
        ("float64_3d", numpy.linspace(0, 1, 24).reshape(2, 3, 4)),
        ("bool", numpy.array([True, False, True])),
        ("complex64", numpy.array([1 + 2j, -0.5j], dtype=numpy.complex64)),
        ("float16", numpy.array([0.25, -2], dtype=numpy.float16)),
        ("zero_d", numpy.array(2.5, dtype=numpy.float32)),
        ("strided", numpy.arange(20, dtype=numpy.int16).reshape(4, 5)[:, ::2]),
        ("empty", numpy.zeros((0, 3), dtype=numpy.uint16)),
        ("np_float64", numpy.float64(1.5)),
        ("np_int32", numpy.int32(-7)),
        ("np_uint64", numpy.uint64(2 ** 64 - 1)),
        ("np_bool", numpy.bool_(True)),
        ("np_complex128", numpy.complex128(1 + 2j)),
        ("np_float32", numpy.float32(0.5)),
        ("np_float16", numpy.float16(-0.25)),
        ("np_int8", numpy.int8(-128)),
    ]
    return values


def inert_dump(protocol):
    import numpy
    for name, v in inert_values():
        try:
            data = pickle.dumps(v, protocol=protocol)
        except TypeError:  # __slots__ without __getstate__ below protocol 2
            continue
        print(name, binascii.hexlify(data).decode())
        if isinstance(v, numpy.ndarray):
            order = v.dtype.byteorder
            if order == "=":
                order = "<" if sys.byteorder == "little" else ">"
            print("data/" + name, binascii.hexlify(v.tobytes(order="C")).decode())
            print("meta/" + name, binascii.hexlify(("%s %s" % (v.dtype.name, order)).encode()).decode())
    # numpy 2 writes the same reconstructors under numpy._core: the same pickles, renamed.
    img = [v for n, v in inert_values() if n == "img"][0]
    if protocol == 2:
        print("numpy2_reconstruct", binascii.hexlify(
            pickle.dumps(img, protocol=2).replace(b"numpy.core.multiarray", b"numpy._core.multiarray")).decode())
        print("numpy2_scalar", binascii.hexlify(
            pickle.dumps(numpy.float64(1.5), protocol=2).replace(b"numpy.core.multiarray", b"numpy._core.multiarray")).decode())
    if protocol == 5:
        print("numpy2_frombuffer", binascii.hexlify(
            pickle.dumps(img, protocol=5).replace(b"\x8c\x12numpy.core.numeric", b"\x8c\x13numpy._core.numeric")).decode())


def main():
    cmd = sys.argv[1]
    print("READY", flush=True)
    if cmd == "inertdump":
        inert_dump(int(sys.argv[2]))
    if cmd == "dump":
        protocol = int(sys.argv[2])
        for name, v in ALL:
            print(name, binascii.hexlify(pickle.dumps(v, protocol=protocol)).decode())
    elif cmd == "tracebackdump":
        print("exc_real_traceback", binascii.hexlify(real_traceback_payload()).decode())
    elif cmd == "check":
        expected = dict(ALL)
        for line in sys.stdin:
            line = line.strip()
            if not line:
                continue
            name, _, hexdata = line.partition(" ")
            try:
                got = pickle.loads(binascii.unhexlify(hexdata))
            except Exception as x:
                print("FAIL", name, "decode error:", type(x).__name__, str(x).replace("\n", " "), flush=True)
                continue
            if name not in expected:
                print("FAIL", name, "unknown name", flush=True)
                continue
            ok = same_obj(got, expected[name])
            detail = ""
            if not ok:
                state = got.__getstate__() if hasattr(got, "__getstate__") else None
                detail = repr(got) + " state=" + repr(state) + " vars=" + repr(getattr(got, "__dict__", None))
            print("OK" if ok else "FAIL", name, detail.replace("\n", " "), flush=True)
    print("END", flush=True)


if __name__ == "__main__":
    main()
