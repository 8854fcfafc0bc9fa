#!/usr/bin/python3
"""Python Pyro5 5.16 peer for the Pyro5 client tests (needs PeerProcess::pyro5Environment()).

Starts a Pyro5 name server (no broadcast) and a Pyro5 daemon on 127.0.0.1, port 0, in one
process; the daemon serves "tester" (registered in the name server as "test.tester" with the
tags "lab" and "pyro5") and "other" ("test.other", tags "lab" and "spare"). Prints one line

    READY <tester PYRO uri> <name server host:port>

and serves until killed. Options: --ssl-cert/--ssl-key (TLS on both; --require-client-cert
with --ssl-cacerts for two-way TLS), --compression, --no-ns.
"""
import argparse
import os
import sys
import threading
import time

import Pyro5
import Pyro5.api
import Pyro5.errors
import Pyro5.nameserver
from Pyro5 import config

assert Pyro5.__version__ == "5.16", Pyro5.__version__


class CustomError(Exception):
    pass


@Pyro5.api.expose
@Pyro5.api.behavior(instance_mode="single")
class Tester(object):
    def __init__(self):
        self._value = 5
        self._fired = []
        self._lock = threading.Lock()

    def add(self, a, b):
        return a + b

    def echo(self, x):
        return x

    def typed(self, x):
        """The value's type and repr as Python sees it, for edge-case checks."""
        return [type(x).__name__, repr(x)]

    def kw(self, a, b=2, *args, **kwargs):
        return {"a": a, "b": b, "args": list(args), "kwargs": kwargs}

    def fail(self, kind="value"):
        if kind == "naming":
            raise Pyro5.errors.NamingError("no such thing")
        if kind == "key":
            raise KeyError("k")
        raise ValueError("bad value", 42)

    def slow(self, seconds):
        time.sleep(seconds)
        return seconds

    def pid(self):
        return os.getpid()

    def big(self, n):
        return "x" * n

    def correlation(self):
        cid = Pyro5.api.current_context.correlation_id
        return str(cid) if cid else None

    def annotations(self):
        Pyro5.api.current_context.response_annotations["XTRA"] = b"extra"
        return {k: bytes(v).hex() for k, v in Pyro5.api.current_context.annotations.items()}

    @Pyro5.api.oneway
    def fire(self, x):
        with self._lock:
            self._fired.append(x)

    def fired(self):
        with self._lock:
            return list(self._fired)

    def numbers(self, n):
        for i in range(n):
            yield i

    def failing(self, n):
        for i in range(n):
            yield i
        raise ValueError("generator failed", n)

    def me(self):
        """A proxy for this very object, as Pyro5 sends one (Pyro5.client.Proxy, 6-item state)."""
        return Pyro5.api.Proxy(self._pyroDaemon.uriFor(self))

    def myuri(self):
        """This object's URI (Pyro5.core.URI)."""
        return self._pyroDaemon.uriFor(self)

    @property
    def readonly(self):
        return 42

    @property
    def value(self):
        return self._value

    @value.setter
    def value(self, v):
        self._value = v


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--ssl-cert", default=None)
    p.add_argument("--ssl-key", default=None)
    p.add_argument("--ssl-cacerts", default=None)
    p.add_argument("--require-client-cert", action="store_true")
    p.add_argument("--compression", action="store_true")
    p.add_argument("--no-ns", action="store_true")
    args = p.parse_args()

    config.COMPRESSION = args.compression
    config.POLLTIMEOUT = 0.5
    if args.ssl_cert:
        config.SSL = True
        config.SSL_SERVERCERT = args.ssl_cert
        config.SSL_SERVERKEY = args.ssl_key
        if args.require_client_cert:
            config.SSL_REQUIRECLIENTCERT = True
            config.SSL_CACERTS = args.ssl_cacerts

    ns_location = "-"
    ns = None
    if not args.no_ns:
        ns_uri, ns_daemon, _ = Pyro5.nameserver.start_ns(host="127.0.0.1", port=0, enableBroadcast=False)
        threading.Thread(target=ns_daemon.requestLoop, daemon=True).start()
        ns = ns_daemon.nameserver
        ns_location = "%s:%d" % (ns_uri.host, ns_uri.port)

    daemon = Pyro5.api.Daemon(host="127.0.0.1", port=0)
    uri = daemon.register(Tester(), "tester")
    other = daemon.register(Tester(), "other")
    if ns is not None:
        ns.register("test.tester", uri, metadata={"lab", "pyro5"})
        ns.register("test.other", other, metadata={"lab", "spare"})
    print("READY", uri, ns_location, flush=True)
    daemon.requestLoop()


if __name__ == "__main__":
    sys.exit(main())
