#!/usr/bin/python3
"""A real Python Pyro5 5.16 daemon with one echo object, "demo.echo" (tests/core/server).

    pyro5_echo_daemon.py

Prints "READY PYRO:{}@127.0.0.1:PORT" (the URI pattern the client scripts take) and serves
until stdin closes. Used as the reference: a test runs the same Pyro5 client scenario against
this daemon and against ours and compares what the client got back.
Run with PYTHONPATH pointing at the vendored Pyro5 (PeerProcess::pyro5Environment()).
"""
import sys
import threading

import Pyro5.api

Pyro5.config.SERIALIZER = "serpent"


@Pyro5.api.expose
class Echo(object):
    def echo(self, x):
        return x


daemon = Pyro5.api.Daemon(host="127.0.0.1", port=0)
daemon.register(Echo(), "demo.echo")
threading.Thread(target=daemon.requestLoop, daemon=True).start()
print("READY PYRO:{}@%s" % daemon.locationStr, flush=True)
sys.stdin.read()
daemon.shutdown()
