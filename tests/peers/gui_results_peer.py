#!/usr/bin/python3
"""Python Pyro4 4.82 peer for the explorer's result tests (tst_resultlinks, tst_arrayview):
a daemon (every serializer accepted, pickle included) hosting

    'factory'   returns proxies (Pyro4's autoproxy with serpent/json, explicit proxies
                otherwise) and URIs of sub-objects, and calls callback objects back:
                notify(listener, n) calls listener.notify(i) n times and returns their replies.
    'arrays'    numpy arrays (pickle: the inert array value) of several dtypes and byte
                orders, and lists of lists of numbers (any serializer).

    gui_results_peer.py

Prints one line:  READY <factory uri> <arrays uri>   and runs until killed.
"""
import sys

import numpy
import Pyro4

Pyro4.config.SERIALIZERS_ACCEPTED = {"serpent", "json", "marshal", "msgpack", "pickle"}


@Pyro4.expose
class Sub(object):
    def __init__(self, name):
        self._name = name

    def name(self):
        return self._name

    def double(self, x):
        return 2 * x


@Pyro4.expose
@Pyro4.behavior(instance_mode="single")
class Factory(object):
    def __init__(self):
        self._subs = {}

    def _sub(self, name):
        if name not in self._subs:
            obj = Sub(name)
            self._pyroDaemon.register(obj, "sub." + name)
            self._subs[name] = obj
        return self._subs[name]

    def sub(self, name):
        return Pyro4.core.Proxy(self._pyroDaemon.uriFor(self._sub(name)))

    def tree(self):
        return {"stage": Pyro4.core.Proxy(self._pyroDaemon.uriFor(self._sub("stage"))),
                "axes": (self._pyroDaemon.uriFor(self._sub("x")), self._pyroDaemon.uriFor(self._sub("y")))}

    def notify(self, listener, n):
        replies = []
        with listener:
            for i in range(n):
                replies.append(listener.notify(i))
        return replies


@Pyro4.expose
class Arrays(object):
    def array(self, kind):
        if kind == "uint8":
            return (numpy.arange(48 * 64) % 256).astype(numpy.uint8).reshape(48, 64)
        if kind == "int16_be":
            return (numpy.arange(12, dtype=">i2") - 6).reshape(3, 4)
        if kind == "uint16":
            return (numpy.arange(12, dtype=numpy.uint16) * 5000).reshape(3, 4)
        if kind == "int32":
            return (numpy.arange(12, dtype=numpy.int32) * -100000).reshape(3, 4)
        if kind == "float32":
            return numpy.linspace(-1, 1, 12, dtype=numpy.float32).reshape(3, 4)
        if kind == "float64_be":
            return numpy.linspace(0, 2.5, 12).astype(">f8").reshape(3, 4)
        if kind == "rgb":
            img = numpy.zeros((4, 5, 3), dtype=numpy.uint8)
            img[:, :, 0] = 255          # red everywhere
            img[1, 2] = (10, 20, 30)
            return img
        if kind == "big":
            return (numpy.arange(2000 * 2000) % 251).astype(numpy.uint8).reshape(2000, 2000)
        raise ValueError("no such array: " + kind)

    def status(self):
        return {"frame": self.array("uint8"), "gain": 4}

    def nested(self):
        return [[0, 1, 2], [3, 4, 5.5]]

    def nested_rgb(self):
        return [[[255, 0, 0], [0, 255, 0]], [[0, 0, 255], [1, 2, 3]]]


def main():
    daemon = Pyro4.Daemon(host="127.0.0.1", port=0)
    factory = daemon.register(Factory(), "factory")
    arrays = daemon.register(Arrays(), "arrays")
    print("READY %s %s" % (factory, arrays), flush=True)
    daemon.requestLoop()


if __name__ == "__main__":
    sys.exit(main())
