"""Pyro4 4.82 test daemon for the client tests (tests/core/client).

Serves one object "tester" and prints "READY <uri>" once it listens on 127.0.0.1, port 0
(or a unix socket). Options choose the server type, the accepted serializers, an HMAC key,
TLS, and item streaming, so that one script covers every variant the tests need.
"""
import argparse
import os
import sys
import threading
import time

import Pyro4


class CustomError(Exception):
    def __init__(self, message, code):
        super().__init__(message)
        self.code = code


CustomError.__module__ = "clientpeer"


@Pyro4.expose
@Pyro4.behavior(instance_mode="single")
class Tester(object):
    def __init__(self):
        self._value = 5
        self._fired = []
        self._lock = threading.Lock()

    def add(self, a, b):
        return a + b

    def echo(self, x):
        return x

    def kw(self, a, b=2, *args, **kwargs):
        return {"a": a, "b": b, "args": list(args), "kwargs": kwargs}

    def fail(self, kind="value"):
        if kind == "custom":
            raise CustomError("custom failure", 7)
        raise ValueError("bad value", 42)

    def slow(self, seconds):
        time.sleep(seconds)
        return seconds

    def pid(self):
        return os.getpid()

    def big(self, n):
        return "x" * n

    def annotated(self):
        Pyro4.current_context.response_annotations["XTRA"] = b"extra"
        return bytes(Pyro4.current_context.correlation_id.bytes).hex() if Pyro4.current_context.correlation_id else None

    def annotations(self):
        return {k: bytes(v).hex() for k, v in Pyro4.current_context.annotations.items()}

    @Pyro4.oneway
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

    def iterator(self, n):
        return iter(list(range(n)))

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
    p.add_argument("--servertype", default="thread", choices=["thread", "multiplex"])
    p.add_argument("--serializers", default="serpent,json,marshal,msgpack,pickle")
    p.add_argument("--hmac", default=None)
    p.add_argument("--no-streaming", action="store_true")
    p.add_argument("--unix", default=None)
    p.add_argument("--ssl-cert", default=None)
    p.add_argument("--ssl-key", default=None)
    p.add_argument("--ssl-cacerts", default=None)
    p.add_argument("--require-client-cert", action="store_true")
    p.add_argument("--compression", action="store_true")
    p.add_argument("--threadpool", type=int, default=0)
    args = p.parse_args()

    Pyro4.config.SERVERTYPE = args.servertype
    Pyro4.config.SERIALIZERS_ACCEPTED = set(args.serializers.split(","))
    Pyro4.config.ITER_STREAMING = not args.no_streaming
    Pyro4.config.COMPRESSION = args.compression
    Pyro4.config.POLLTIMEOUT = 0.5
    if args.threadpool:
        Pyro4.config.THREADPOOL_SIZE = args.threadpool
        Pyro4.config.THREADPOOL_SIZE_MIN = 1
    if args.ssl_cert:
        Pyro4.config.SSL = True
        Pyro4.config.SSL_SERVERCERT = args.ssl_cert
        Pyro4.config.SSL_SERVERKEY = args.ssl_key
        if args.require_client_cert:
            Pyro4.config.SSL_REQUIRECLIENTCERT = True
            Pyro4.config.SSL_CACERTS = args.ssl_cacerts

    if args.unix:
        daemon = Pyro4.Daemon(unixsocket=args.unix)
    else:
        daemon = Pyro4.Daemon(host="127.0.0.1", port=0)
    if args.hmac:
        daemon._pyroHmacKey = args.hmac.encode()
    uri = daemon.register(Tester(), "tester")
    print("READY", uri, flush=True)
    daemon.requestLoop()


if __name__ == "__main__":
    sys.exit(main())
