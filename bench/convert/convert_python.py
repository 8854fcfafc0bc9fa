#!/usr/bin/python3
"""Python Pyro4's side of `pyroctl convert --from F --to F`: one value from stdin, decoded and
encoded again by Pyro4's own serializer, written to stdout.  Usage: convert_python.py SERIALIZER"""
import sys

import Pyro4
import Pyro4.util

Pyro4.config.SERIALIZERS_ACCEPTED = {"serpent", "json", "marshal", "msgpack", "pickle"}

s = Pyro4.util.get_serializer(sys.argv[1])
value = s.deserializeData(sys.stdin.buffer.read())
sys.stdout.buffer.write(s.serializeData(value, compress=False)[0])
