#!/usr/bin/python3
"""Python Pyro4's serializers on the same corpus as bench_serializers.cpp.

Prints "RESULT <serializer> <corpus> <encode|decode> <MB/s> <bytes>" lines.
Usage: bench_python_serializers.py [serializer ...]
"""
import sys
import time

import Pyro4
import Pyro4.util

Pyro4.config.SERIALIZERS_ACCEPTED = {"serpent", "json", "marshal", "msgpack", "pickle"}

CALL_COUNT = 20000     # keep in sync with bench_serializers.cpp
RECORD_COUNT = 50000
ROUNDS = 3


def make_calls():
    return [("obj_%d" % (i % 100), "method_%d" % (i % 10), (i, "text %d" % i, i * 0.5, [1, 2, 3]), {"flag": i % 2 == 0})
            for i in range(CALL_COUNT)]


def make_records():
    return [{"id": i, "name": "item%d" % i, "price": i * 1.25, "tags": ["a", "b"], "active": i % 3 == 0}
            for i in range(RECORD_COUNT)]


SHAPED_COUNT = 20000   # keep in sync with bench_serializers.cpp


def make_shaped(bigint):
    """The record of bench/convert/make_records.py; bigint False: no 2**70."""
    return [{"id": i, "count": i * 7919 % 100000, "neg": -i, "price": i * 1.25, "ratio": i / 7.0,
             "big": 2 ** 70 + i if bigint else i * 3, "name": "item %d" % i,
             "city": "Zürich-Łódź ✓ %d" % (i % 50), "point": (i, i + 1.5, "p"),
             "tags": ["alpha", "beta", i % 10], "active": i % 3 == 0, "deleted": False, "parent": None}
            for i in range(SHAPED_COUNT)]


def report(ser, corpus, op, nbytes, secs):
    print("RESULT %s %s %s %.2f %d" % (ser, corpus, op, nbytes / 1e6 / secs if secs > 0 else 0.0, nbytes), flush=True)


def bench(name, calls, records, shaped_big, shaped_nb):
    s = Pyro4.util.get_serializer(name)
    best_enc = best_dec = float("inf")
    for _ in range(ROUNDS):
        t = time.perf_counter()
        blobs = [s.serializeCall(*c, compress=False)[0] for c in calls]
        best_enc = min(best_enc, time.perf_counter() - t)
        t = time.perf_counter()
        for b in blobs:
            s.deserializeCall(b)
        best_dec = min(best_dec, time.perf_counter() - t)
    nbytes = sum(len(b) for b in blobs)
    report(name, "calls", "encode", nbytes, best_enc)
    report(name, "calls", "decode", nbytes, best_dec)
    for corpus, data in (("records", records), ("shaped", shaped_big), ("shaped-nb", shaped_nb)):
        best_enc = best_dec = float("inf")
        for _ in range(ROUNDS):
            t = time.perf_counter()
            blob = s.serializeData(data, compress=False)[0]
            best_enc = min(best_enc, time.perf_counter() - t)
            t = time.perf_counter()
            s.deserializeData(blob)
            best_dec = min(best_dec, time.perf_counter() - t)
        report(name, corpus, "encode", len(blob), best_enc)
        report(name, corpus, "decode", len(blob), best_dec)


def main():
    names = sys.argv[1:] or ["serpent", "json", "marshal", "msgpack", "pickle"]
    calls, records = make_calls(), make_records()
    shaped_big, shaped_nb = make_shaped(True), make_shaped(False)
    for name in names:
        try:
            bench(name, calls, records, shaped_big, shaped_nb)
        except Exception as x:  # e.g. a serializer module that is not installed
            print("SKIP %s %s: %s" % (name, type(x).__name__, x), flush=True)


if __name__ == "__main__":
    main()
