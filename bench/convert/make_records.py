#!/usr/bin/python3
"""Writes a list of records, serialized by Python Pyro4, for the whole-process convert benchmark.

Usage: make_records.py SERIALIZER MEGABYTES OUTFILE [--no-bigint]
A record: a dict with ints, floats, a 2**70 big int, str with non-ASCII, a tuple, a list,
bools and None. Records are added until the serialized list reaches MEGABYTES.
--no-bigint replaces the big int by a small one (the cost of big ints made visible).
"""
import sys

import Pyro4
import Pyro4.util

Pyro4.config.SERIALIZERS_ACCEPTED = {"serpent", "json", "marshal", "msgpack", "pickle"}


def record(i, bigint):
    return {
        "id": i,
        "count": i * 7919 % 100000,
        "neg": -i,
        "price": i * 1.25,
        "ratio": i / 7.0,
        "big": 2 ** 70 + i if bigint else i * 3,
        "name": "item %d" % i,
        "city": "Zürich-Łódź ✓ %d" % (i % 50),
        "point": (i, i + 1.5, "p"),
        "tags": ["alpha", "beta", i % 10],
        "active": i % 3 == 0,
        "deleted": False,
        "parent": None,
    }


def main():
    name, megabytes, out = sys.argv[1], float(sys.argv[2]), sys.argv[3]
    bigint = "--no-bigint" not in sys.argv[4:]
    s = Pyro4.util.get_serializer(name)
    one = len(s.serializeData([record(i, bigint) for i in range(1000)], compress=False)[0]) / 1000
    n = int(megabytes * 1e6 / one)
    blob = s.serializeData([record(i, bigint) for i in range(n)], compress=False)[0]
    with open(out, "wb") as f:
        f.write(blob)
    print("%s: %d records, %d bytes" % (out, n, len(blob)))


if __name__ == "__main__":
    main()
