"""Pyro4 4.82 daemon for the client extras tests (tests/core/client/tst_clientextras.cpp).

Serves one object "extras" and prints "READY <uri>". Modes:
  --classes         the object sends and receives instances of its own classes, with
                    Pyro4's register_class_to_dict / register_dict_to_class for mymodule.Point
  --fake-pickle-ids registers stand-ins for dill (id 5) and cloudpickle (id 7): plain pickle
                    under those ids (dill/cloudpickle are not installed), accepted by the daemon
  --no-meta         answers CONNECT without the META flag (a Pyro4 < 4.27 daemon)
  --no-get-metadata also removes DaemonObject.get_metadata (requires --no-meta)
"""
import argparse
import sys

import Pyro4
import Pyro4.core
import Pyro4.message
import Pyro4.util


class Point(object):
    def __init__(self, x, y):
        self.x = x
        self.y = y


class Other(object):
    def __init__(self):
        self.a = 1
        self.b = "two"


Point.__module__ = "mymodule"
Other.__module__ = "mymodule"


def point_to_dict(p):
    return {"__class__": "mymodule.Point", "x": p.x, "y": p.y}


def dict_to_point(classname, d):
    return Point(d["x"], d["y"])


def plain_function():
    return 1


@Pyro4.expose
class Extras(object):
    def make_point(self, x, y):
        return Point(x, y)

    def nested(self):
        return {"points": [Point(1, 2), Point(3, 4)], "plain": 5, "tuple": (Point(5, 6),)}

    def make_other(self):
        return Other()

    def describe(self, p):
        # proves the daemon's dict_to_class converter turned the dict into a real Point
        return "%s(%r,%r)" % (type(p).__name__, p.x, p.y)

    def describe_all(self, points):
        return [self.describe(p) for p in points]

    def add(self, a, b):
        return a + b

    def echo(self, x):
        return x

    def function(self):
        return plain_function

    @Pyro4.oneway
    def fire(self):
        pass


class FakeDillSerializer(Pyro4.util.PickleSerializer):
    serializer_id = 5


class FakeCloudpickleSerializer(Pyro4.util.PickleSerializer):
    serializer_id = 7


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--classes", action="store_true")
    p.add_argument("--fake-pickle-ids", action="store_true")
    p.add_argument("--no-meta", action="store_true")
    p.add_argument("--no-get-metadata", action="store_true")
    args = p.parse_args()

    accepted = {"serpent", "json", "marshal", "msgpack", "pickle"}
    if args.classes:
        Pyro4.util.SerializerBase.register_class_to_dict(Point, point_to_dict)
        Pyro4.util.SerializerBase.register_dict_to_class("mymodule.Point", dict_to_point)
    if args.fake_pickle_ids:
        for name, ser in (("dill", FakeDillSerializer()), ("cloudpickle", FakeCloudpickleSerializer())):
            Pyro4.util._serializers[name] = ser
            Pyro4.util._serializers_by_id[ser.serializer_id] = ser
            accepted.add(name)
    if args.no_meta:
        # The daemon tests "msg.flags & message.FLAGS_META_ON_CONNECT"; with 0 it never sees
        # the flag, answers CONNECTOK with the bare handshake and no META flag, as before 4.27.
        Pyro4.message.FLAGS_META_ON_CONNECT = 0
    if args.no_get_metadata:
        del Pyro4.core.DaemonObject.get_metadata
    Pyro4.config.SERIALIZERS_ACCEPTED = accepted
    daemon = Pyro4.Daemon(host="127.0.0.1", port=0)
    uri = daemon.register(Extras(), "extras")
    print("READY", uri, flush=True)
    try:
        daemon.requestLoop()
    finally:
        daemon.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
