#!/usr/bin/python3
"""Python Pyro4 4.82 peer for the fidelity tests (tst_fidelity, tst_resultobjects): a name
server and a daemon hosting

    'lab'       (registered as example.lab): what a lab device server sends with pickle:
                enums, a dataclass, a named tuple, numpy arrays and scalars, its own
                exception class; a KeyError; a generator that counts its advances.
    'factory'   (registered as example.factory): returns proxies and URIs of sub-objects
                (Pyro4's autoproxy) and takes them back as arguments.

    fidelity_peer.py

Prints one line:

    READY <name server uri> <lab uri> <factory uri>

All serializers are accepted by the daemon; the name server accepts Pyro4's default set
(serpent, json, marshal: no pickle), as a stock name server does. Runs until killed.
"""
import sys
import threading
import time

import numpy
import Pyro4
import Pyro4.naming

import labdevice


@Pyro4.expose
@Pyro4.behavior(instance_mode="single")
class Lab(object):
    def __init__(self):
        self._advances = 0

    def color(self):
        return labdevice.Color.RED

    def reading(self):
        return labdevice.Reading(3, 1.5, "V")

    def point(self):
        return labdevice.Point(1, 2)

    def image(self):
        return (numpy.arange(48 * 64) % 256).astype(numpy.uint8).reshape(48, 64)

    def scalar(self):
        return numpy.float64(1.5)

    def status(self):
        return {"mode": labdevice.Mode.FAST, "frame": self.image(), "gain": numpy.int32(4)}

    def axes(self):
        return labdevice.Axis.X | labdevice.Axis.Y

    def overheat(self):
        raise labdevice.DeviceError("overheated", 95)

    def lookup(self, key):
        return {"a": 1}[key]

    def counted(self):
        i = 0
        while True:
            self._advances += 1
            yield i
            i += 1

    def advances(self):
        return self._advances

    def reset(self):
        self._advances = 0

    def sleep(self, seconds):
        time.sleep(seconds)
        return seconds


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
        return self._sub(name)  # autoproxy (serpent, json): arrives as a Pyro4.core.Proxy

    def sub_proxy(self, name):
        # an explicit proxy: what marshal, msgpack and pickle carry (Pyro4 autoproxies only
        # with serpent and json)
        return Pyro4.core.Proxy(self._pyroDaemon.uriFor(self._sub(name)))

    def subs(self, *names):
        return [Pyro4.core.Proxy(self._pyroDaemon.uriFor(self._sub(n))) for n in names]

    def sub_uri(self, name):
        return self._pyroDaemon.uriFor(self._sub(name))

    def describe(self, proxy):
        if not isinstance(proxy, Pyro4.core.Proxy):
            raise TypeError("expected a proxy, got %s" % type(proxy).__name__)
        with proxy:
            return "described: " + proxy.name()

    def uri_text(self, uri):
        return "%s %s" % (type(uri).__name__, uri)


def main():
    # a stock name server: made with Pyro4's default SERIALIZERS_ACCEPTED (no pickle)
    ns_uri, ns_daemon, _ = Pyro4.naming.startNS(host="127.0.0.1", port=0, enableBroadcast=False)
    Pyro4.config.SERIALIZERS_ACCEPTED = {"serpent", "json", "marshal", "msgpack", "pickle"}
    threading.Thread(target=ns_daemon.requestLoop, daemon=True).start()

    daemon = Pyro4.Daemon(host="127.0.0.1", port=0)
    lab = daemon.register(Lab(), "lab")
    factory = daemon.register(Factory(), "factory")
    ns_daemon.nameserver.register("example.lab", lab)
    ns_daemon.nameserver.register("example.factory", factory)
    print("READY %s %s %s" % (ns_uri, lab, factory), flush=True)
    daemon.requestLoop()


if __name__ == "__main__":
    sys.exit(main())
