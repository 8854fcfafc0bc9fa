#!/usr/bin/python3
"""A real Pyro4 4.82 name server for the explorer's GUI tests.

    gui_explorer_ns.py [--count N]

Starts Pyro4.naming's name server on 127.0.0.1, port 0, registers N generated names
(default 0) spread over a few dotted levels with tags, plus three fixed entries for the
reachability column:

    check.reachable   the name server itself (a live daemon)
    check.refused     127.0.0.1:<a port that was just closed>
    check.badaddress  0.0.0.0:<port>

and prints one line:

    READY <host:port>

Generated names look like "site<i%10>.rack<i%100>.node<i>"; tags are "site<i%10>",
"even"/"odd" and, for every 7th entry, "seventh". Runs until killed.
"""
import argparse
import socket
import sys

import Pyro4
import Pyro4.naming

Pyro4.config.SERIALIZERS_ACCEPTED = {"serpent", "json", "marshal", "msgpack"}


def closed_port():
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=0)
    args = parser.parse_args()

    ns_uri, ns_daemon, _ = Pyro4.naming.startNS(host="127.0.0.1", port=0, enableBroadcast=False)
    ns = ns_daemon.nameserver
    for i in range(args.count):
        tags = {"site%d" % (i % 10), "even" if i % 2 == 0 else "odd"}
        if i % 7 == 0:
            tags.add("seventh")
        ns.register("site%d.rack%d.node%d" % (i % 10, i % 100, i),
                    "PYRO:obj_%d@127.0.0.1:%d" % (i, 20000 + i % 1000), metadata=tags)
    ns.register("check.reachable", str(ns_uri), metadata={"check"})
    ns.register("check.refused", "PYRO:gone@127.0.0.1:%d" % closed_port(), metadata={"check"})
    ns.register("check.badaddress", "PYRO:wild@0.0.0.0:%d" % ns_uri.port, metadata={"check"})
    print("READY %s:%d" % (ns_uri.host, ns_uri.port), flush=True)
    ns_daemon.requestLoop()


if __name__ == "__main__":
    sys.exit(main())
