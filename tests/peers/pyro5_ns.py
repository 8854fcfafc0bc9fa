#!/usr/bin/python3
"""A real Python Pyro5 5.16 name server on 127.0.0.1, any free port (tests/core/server).

    pyro5_ns.py

Prints "READY 127.0.0.1:PORT" and serves until stdin closes (or the process is killed).
Run with PYTHONPATH pointing at the vendored Pyro5 (PeerProcess::pyro5Environment()).
"""
import sys
import threading

import Pyro5.nameserver

uri, daemon, _ = Pyro5.nameserver.start_ns(host="127.0.0.1", port=0, enableBroadcast=False)
threading.Thread(target=daemon.requestLoop, daemon=True).start()
print("READY %s:%d" % (uri.host, uri.port), flush=True)
sys.stdin.read()
daemon.close()
