#!/usr/bin/python3
"""Python Pyro4 4.82 peers for pyroctl's tests: a name server with its broadcast responder
and a daemon hosting the object 'tester', registered as example.tester.

    pyroctl_peer.py [--hmac KEY]

Prints one line:

    READY <name server uri> <broadcast udp port> <tester uri>

All serializers are accepted. Runs until killed.
"""
import argparse
import sys
import threading
import time

import Pyro4
import Pyro4.naming

Pyro4.config.SERIALIZERS_ACCEPTED = {"serpent", "json", "marshal", "msgpack", "pickle"}


@Pyro4.expose
@Pyro4.behavior(instance_mode="single")
class Tester(object):
    def __init__(self):
        self._value = 42
        self._fired = []

    def add(self, a, b):
        return a + b

    def echo(self, x):
        return x

    def kw(self, a, b=2, c=3):
        return [a, b, c]

    def fail(self, message="boom"):
        raise ValueError(message)

    def fail_naming(self):
        raise Pyro4.errors.NamingError("not a name server problem")

    @Pyro4.oneway
    def fire(self, x):
        self._fired.append(x)

    def fired(self):
        return list(self._fired)

    def numbers(self, n):
        for i in range(n):
            yield i

    def endless(self):
        i = 0
        while True:
            yield i
            i += 1

    def broken_stream(self):
        yield 1
        raise RuntimeError("stream broke")

    def sleep(self, seconds):
        time.sleep(seconds)
        return seconds

    def nested(self):
        return {"a": (1, 2.5, None), "b": ["x", True]}

    @property
    def value(self):
        return self._value

    @value.setter
    def value(self, v):
        self._value = v

    @property
    def readonly(self):
        return "r"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--hmac")
    args = parser.parse_args()
    key = args.hmac.encode() if args.hmac else None

    ns_uri, ns_daemon, _ = Pyro4.naming.startNS(host="127.0.0.1", port=0, enableBroadcast=False)
    ns_daemon._pyroHmacKey = key
    bc = Pyro4.naming.BroadcastServer(ns_uri, bchost="127.0.0.1", bcport=0)
    bc.runInThread()
    threading.Thread(target=ns_daemon.requestLoop, daemon=True).start()

    daemon = Pyro4.Daemon(host="127.0.0.1", port=0)
    daemon._pyroHmacKey = key
    uri = daemon.register(Tester(), "tester")
    ns_daemon.nameserver.register("example.tester", uri, metadata={"class:Tester", "demo"})
    print("READY %s %d %s" % (ns_uri, bc.getPort(), uri), flush=True)
    daemon.requestLoop()


if __name__ == "__main__":
    sys.exit(main())
