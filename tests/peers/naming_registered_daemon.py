#!/usr/bin/python3
"""A Python Pyro4 4.82 daemon that registers one object in a name server (rebind tests).

    naming_registered_daemon.py NS_URI NAME

Starts a daemon on 127.0.0.1, port 0, registers an object under NAME in the name server at
NS_URI (replacing an earlier registration), and prints one line:

    READY <object uri>

The object's whoami() returns this process's id, so a test can tell two runs apart even if
they happen to get the same port. Runs until killed.
"""
import os
import sys

import Pyro4

Pyro4.config.SERIALIZERS_ACCEPTED = {"serpent", "json", "marshal", "msgpack"}


@Pyro4.expose
class WhoAmI(object):
    def whoami(self):
        return os.getpid()


def main():
    ns_uri, name = sys.argv[1], sys.argv[2]
    daemon = Pyro4.Daemon(host="127.0.0.1", port=0)
    uri = daemon.register(WhoAmI())
    with Pyro4.Proxy(ns_uri) as ns:
        ns.register(name, uri)
    print("READY", uri, flush=True)
    daemon.requestLoop()


if __name__ == "__main__":
    main()
