#!/usr/bin/python3
"""A real Pyro4 4.82 name server for the naming tests.

    naming_ns.py [--hmac KEY] [--populate]

Starts Pyro4.naming's name server daemon on 127.0.0.1, port 0, plus its UDP broadcast
responder on 127.0.0.1, port 0 (Pyro4 itself does not start the responder for loopback, so
it is created here), and prints one line:

    READY <name server uri> <broadcast udp port>

--populate registers a few fixed entries (see POPULATE) so that list filters have data.
All serializers are accepted (msgpack and pickle included). Runs until killed.
"""
import argparse
import sys
import threading

import Pyro4
import Pyro4.naming

Pyro4.config.SERIALIZERS_ACCEPTED = {"serpent", "json", "marshal", "msgpack", "pickle"}

POPULATE = [
    ("example.alpha", "PYRO:alpha@127.0.0.1:1111", {"kind:a", "demo"}),
    ("example.beta", "PYRO:beta@127.0.0.1:2222", {"kind:b", "demo"}),
    ("other.gamma", "PYRO:gamma@[::1]:3333", {"kind:a"}),
    ("other.delta", "PYRO:delta@./u:/tmp/delta.sock", set()),
]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--hmac")
    parser.add_argument("--populate", action="store_true")
    args = parser.parse_args()

    ns_uri, ns_daemon, _ = Pyro4.naming.startNS(host="127.0.0.1", port=0, enableBroadcast=False)
    if args.hmac:
        ns_daemon._pyroHmacKey = args.hmac.encode()
    bc = Pyro4.naming.BroadcastServer(ns_uri, bchost="127.0.0.1", bcport=0)
    bc.runInThread()
    if args.populate:
        for name, uri, meta in POPULATE:
            ns_daemon.nameserver.register(name, uri, metadata=meta)
    print("READY %s %d" % (ns_uri, bc.getPort()), flush=True)
    ns_daemon.requestLoop()


if __name__ == "__main__":
    sys.exit(main())
