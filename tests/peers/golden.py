#!/usr/bin/python3
"""Golden corpus for the serializer tests, written and read by Python Pyro4's own serializers.

    golden.py dump SERIALIZER          one line per corpus value:  NAME HEX
                                       (or "SKIP NAME reason" when Pyro4 cannot encode it)
    golden.py dumpcall SERIALIZER      the same for call envelopes (serializeCall)
    golden.py check SERIALIZER         reads "NAME HEX" lines (bytes our C++ encoder wrote) on
                                       stdin, decodes each with Pyro4 and prints
                                       "OK NAME" or "FAIL NAME <what Python got>"
    golden.py repr SERIALIZER          reads "NAME HEX" lines and prints "NAME <repr>" of what
                                       Pyro4 decoded, for tests that compare values themselves

The corpus is the single list CORPUS below; C++ tests keep the same names. Each check
compares with `same()`: equal value AND equal type, recursively, with nan == nan and
-0.0 != 0.0, after the serializer's documented conversions (json/msgpack turn tuples and sets
into lists; json stringifies non-str keys; serpent sends bytes as a base64 dict, ...).
The script prints "READY" first so PeerProcess can wait for it.
"""
import base64
import binascii
import math
import sys

import Pyro4.util
import Pyro4.core
import Pyro4.errors

Pyro4.config.SERIALIZERS_ACCEPTED = {"serpent", "json", "marshal", "msgpack", "pickle"}

BIG = 2 ** 200
NEGBIG = -(7 ** 99)

CORPUS = [
    ("none", None),
    ("true", True),
    ("false", False),
    ("int_zero", 0),
    ("int_small", 7),
    ("int_neg", -7),
    ("int32_max", 2 ** 31 - 1),
    ("int32_min", -2 ** 31),
    ("int32_over", 2 ** 31),
    ("int64_max", 2 ** 63 - 1),
    ("int64_min", -2 ** 63),
    ("uint64_max", 2 ** 64 - 1),
    ("int_2_64", 2 ** 64),
    ("big_pos", BIG),
    ("big_neg", NEGBIG),
    ("float_tenth", 0.1),
    ("float_one", 1.0),
    ("float_negzero", -0.0),
    ("float_1e16", 1e16),
    ("float_1e22", 1e22),
    ("float_small", 1.5e-07),
    ("float_subnormal", 5e-324),
    ("float_big", 1.152921504606847e+18),
    ("float_pi", 3.141592653589793),
    ("float_inf", float("inf")),
    ("float_neginf", float("-inf")),
    ("float_nan", float("nan")),
    ("complex", complex(3, -4)),
    ("complex_neg0", complex(-0.0, -1.5)),
    ("str_empty", ""),
    ("str_ascii", "hello world"),
    ("str_quote", "it's"),
    ("str_both_quotes", "it's \"x\""),
    ("str_escapes", "tab\tnl\ncr\rbs\\del\x7fnul\x00bell\x07"),
    ("str_latin1", "h\xe9\x85\xa0"),
    ("str_unicode", "h\u00e9 \u20ac \u200b \u2028 \U0001F600 \U00010000"),
    ("str_long", "x" * 1000),
    ("bytes_empty", b""),
    ("bytes", b"\x00\x01\xfe\xff abc'\""),
    ("bytearray", bytearray(b"\x00ab")),
    ("tuple_empty", ()),
    ("tuple_one", (1,)),
    ("tuple", (1, "two", 3.0, None)),
    ("list_empty", []),
    ("list_nested", [1, [2, [3, [None, True]]], {"k": (4, 5)}]),
    ("dict_empty", {}),
    ("dict_str", {"a": 1, "b": [2], "c": {"d": "e"}}),
    ("dict_int_keys", {1: "a", 2: "b"}),
    ("dict_mixed_keys", {1: "i", 1.5: "f", True and "t": 3, (1, 2): "tuple", "s": None}),
    ("set", {1, 2, 3}),
    ("set_str", {"x"}),
    ("set_empty", set()),
    ("frozenset", frozenset({1, "a"})),
    ("deep", [[[[[[[[[[[[[[[[[[[[["deep"]]]]]]]]]]]]]]]]]]]]]),
    ("exception", ValueError("bad value", 42)),
    ("uri", Pyro4.core.URI("PYRO:obj@127.0.0.1:1234")),
    ("records", [{"id": i, "name": "item%d" % i, "price": i * 1.25, "tags": ["a", "b"]} for i in range(20)]),
]

CALLS = [
    ("call_simple", ("tester", "add", (1, 2), {})),
    ("call_kwargs", ("tester", "kw", (1,), {"b": 3, "c": [1, 2]})),
    ("call_getattr", ("tester", "__getattr__", ("value",), None)),
    ("call_internal", ("Pyro.Daemon", "get_metadata", ["tester"], {})),
]


def serializer(name):
    return Pyro4.util.get_serializer(name)


def normalize(v, ser):
    """What `v` becomes after a round trip through serializer `ser` in Python (both sides Pyro4)."""
    try:
        data, _ = serializer(ser).serializeData(v)
    except Exception:  # not encodable: compare with the value itself
        return v
    return serializer(ser).deserializeData(data)


def same(a, b):
    if type(a) is not type(b):
        return False
    if isinstance(a, float):
        if math.isnan(a) or math.isnan(b):
            return math.isnan(a) and math.isnan(b)
        return a == b and math.copysign(1, a) == math.copysign(1, b)
    if isinstance(a, complex):
        return same(a.real, b.real) and same(a.imag, b.imag)
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict):
        if len(a) != len(b):
            return False
        for k, v in a.items():
            if k not in b or not same(v, b[k]):
                return False
        return True
    if isinstance(a, (set, frozenset)):
        return a == b
    if isinstance(a, BaseException):
        return type(a) is type(b) and a.args == b.args
    if isinstance(a, Pyro4.core.URI):
        return str(a) == str(b)
    return a == b


def encode(ser, v):
    data, _ = serializer(ser).serializeData(v)
    return data


def main():
    cmd, ser = sys.argv[1], sys.argv[2]
    print("READY", flush=True)
    if cmd == "dump":
        for name, v in CORPUS:
            try:
                data = encode(ser, v)
            except Exception as x:
                print("SKIP", name, type(x).__name__ + ":" + str(x).replace("\n", " "))
                continue
            print(name, binascii.hexlify(data).decode())
    elif cmd == "dumpcall":
        for name, (obj, method, vargs, kwargs) in CALLS:
            try:
                data, _ = serializer(ser).serializeCall(obj, method, vargs, kwargs)
            except Exception as x:
                print("SKIP", name, type(x).__name__ + ":" + str(x).replace("\n", " "))
                continue
            print(name, binascii.hexlify(data).decode())
    elif cmd in ("check", "repr"):
        expected = dict(CORPUS)
        expected.update({n: c for n, c in CALLS})
        for line in sys.stdin:
            line = line.strip()
            if not line:
                continue
            name, _, hexdata = line.partition(" ")
            data = binascii.unhexlify(hexdata)
            try:
                if name.startswith("call_"):
                    got = serializer(ser).deserializeCall(data)
                else:
                    got = serializer(ser).deserializeData(data)
            except Exception as x:
                print("FAIL", name, "decode error:", type(x).__name__, str(x).replace("\n", " "), flush=True)
                continue
            if cmd == "repr":
                print(name, repr(got), flush=True)
                continue
            want = expected.get(name)
            if name.startswith("call_"):
                # json and msgpack carry the vargs tuple as a list, whatever Python sent
                norm = lambda c: (c[0], c[1], list(c[2]), c[3])
                ok = same(tuple(got), want) or repr(tuple(got)) == repr(want) or repr(norm(got)) == repr(norm(want))
            else:
                want = normalize(want, ser)
                ok = same(got, want)
            print("OK" if ok else "FAIL", name, "" if ok else repr(got) + " != " + repr(want), flush=True)
    print("END", flush=True)


if __name__ == "__main__":
    main()
