#!/usr/bin/python3
"""A real Python Pyro5 5.16 name server on 127.0.0.1, any free port (tests/core/server, naming).

    pyro5_ns.py [--broadcast]

Prints "READY 127.0.0.1:PORT" and serves until stdin closes (or the process is killed).
With --broadcast it also runs Pyro5's broadcast responder (Pyro5.nameserver.BroadcastServer)
on 127.0.0.1, a free UDP port, and prints "READY 127.0.0.1:PORT BCPORT". (start_ns() itself
starts no responder for a name server on localhost.)
Run with PYTHONPATH pointing at the vendored Pyro5 (PeerProcess::pyro5Environment()).
"""
import sys
import threading

import Pyro5.nameserver

uri, daemon, _ = Pyro5.nameserver.start_ns(host="127.0.0.1", port=0, enableBroadcast=False)
threading.Thread(target=daemon.requestLoop, daemon=True).start()
if "--broadcast" in sys.argv[1:]:
    bc = Pyro5.nameserver.BroadcastServer(uri, bchost="127.0.0.1", bcport=0)
    bc.runInThread()
    print("READY %s:%d %d" % (uri.host, uri.port, bc.getPort()), flush=True)
else:
    print("READY %s:%d" % (uri.host, uri.port), flush=True)
sys.stdin.read()
daemon.close()
