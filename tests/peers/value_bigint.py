#!/usr/bin/python3
"""Python's view of big integers for tst_bigint.

    value_bigint.py     prints "READY <n>", then n JSON lines, one per corpus int:
                        {"name", "dec", "twos" (pickle.encode_long, hex), "digits15"
                        (marshal's base 2**15 digits of abs(n), least significant first),
                        "negative", "bits" (bit_length), "double" (repr(float(n)) or
                        "overflow"), "hex" (format(abs(n), 'x'))}
"""
import json
import pickle
import sys

CORPUS = [
    ("zero", 0), ("one", 1), ("minus_one", -1), ("i127", 127), ("i128", 128), ("m128", -128),
    ("m129", -129), ("i255", 255), ("i256", 256), ("m256", -256), ("pow31", 2 ** 31), ("mpow31", -2 ** 31),
    ("pow32", 2 ** 32), ("int64_max", 2 ** 63 - 1), ("pow63", 2 ** 63), ("int64_min", -2 ** 63),
    ("int64_min_minus_1", -2 ** 63 - 1), ("pow64", 2 ** 64), ("uint64_max", 2 ** 64 - 1),
    ("mpow64", -2 ** 64), ("pow53_plus_1", 2 ** 53 + 1), ("pow54_plus_3", 2 ** 54 + 3),
    ("half_even_down", 2 ** 60 + 2 ** 7), ("half_even_up", 2 ** 60 + 3 * 2 ** 7),
    ("sticky", 2 ** 80 + 2 ** 27 + 1), ("pow200", 2 ** 200), ("neg_pow7_99", -(7 ** 99)),
    ("double_max", 2 ** 1024 - 2 ** 971), ("rounds_to_overflow", 2 ** 1024 - 2 ** 970),
    ("pow1024", 2 ** 1024), ("ten_400", 10 ** 400), ("neg_ten_400", -(10 ** 400)),
    ("digit15_edges", 2 ** 45 - 1), ("mixed", 0x123456789ABCDEF0123456789),
]


def main():
    print("READY %d" % len(CORPUS))
    for name, n in CORPUS:
        digits = []
        a = abs(n)
        while a:
            digits.append(a & 0x7FFF)
            a >>= 15
        try:
            double = repr(float(n))
        except OverflowError:
            double = "overflow"
        print(json.dumps({"name": name, "dec": str(n), "twos": pickle.encode_long(n).hex(),
                          "digits15": digits, "negative": n < 0, "bits": n.bit_length(),
                          "double": double, "hex": format(abs(n), "x")}))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
