#!/usr/bin/python3
"""Python Pyro4 4.82 daemon for the connection tests (tst_connectionfidelity, tst_pyroctl's
retry rows, tst_invokepanel's timeout row): retries, timeouts, stream resume, reconnect.

Serves one object "flaky" (instance_mode single) whose methods can drop the connection they
were called on before replying (the socket is shut down from inside the method, so the
client sees the connection close with no reply, the way a crashed or restarted server
looks), and count how often they ran:

    drop_once(key)      the first call per key drops the connection, later ones return
                        the number of runs of key
    drop(key)           always drops the connection (counted under key)
    value               attribute: its setter counts under "value" and drops the connection
    gain                a plain attribute (read and written normally)
    stream_drop()       counts under "stream" and drops the connection (a stream start)
    numbers(n)          a generator of 0..n-1 (counted under "numbers" per advance)
    sleepy(seconds)     sleeps, then returns seconds
    echo(x)             returns x
    runs(key)           how often key ran (0 if never)
    where()             the daemon's port

    connection_peer.py [--linger SECONDS] [--ns] [--pyro5]

With --pyro5 the daemon is Python Pyro5 5.16's (PYTHONPATH must find the vendored copy), with
the same object; --ns is Pyro4 only.

With --ns a name server runs beside it and "flaky" is registered as example.flaky (tag
lab.flaky); the
command "move" on stdin starts a second daemon on a new port with the same object, re-registers
example.flaky to it, shuts the first daemon down and prints "MOVED <uri>".

Prints "READY <uri> [<ns uri>]" once it listens on 127.0.0.1, port 0. Runs until killed.
"""
import argparse
import socket
import sys
import threading
import time

if "--pyro5" in sys.argv:
    import Pyro5.api as Pyro
    import Pyro5.callcontext
    current_context = Pyro5.callcontext.current_context
else:
    import Pyro4 as Pyro
    import Pyro4.naming
    current_context = Pyro.current_context


@Pyro.expose
@Pyro.behavior(instance_mode="single")
class Flaky(object):
    def __init__(self):
        self._lock = threading.Lock()
        self._runs = {}
        self._value = 0
        self._gain = 1
        self.port = 0

    def _count(self, key):
        with self._lock:
            self._runs[key] = self._runs.get(key, 0) + 1
            return self._runs[key]

    @staticmethod
    def _drop():
        conn = current_context.client
        conn.sock.shutdown(socket.SHUT_RDWR)

    def drop_once(self, key):
        n = self._count(key)
        if n == 1:
            self._drop()
        return n

    def drop(self, key):
        n = self._count(key)
        self._drop()
        return n

    @property
    def value(self):
        return self._value

    @value.setter
    def value(self, v):
        self._count("value")
        self._value = v
        self._drop()

    @property
    def gain(self):
        return self._gain

    @gain.setter
    def gain(self, g):
        self._gain = g

    def stream_drop(self):
        self._count("stream")
        self._drop()
        return iter([1, 2, 3])

    def numbers(self, n):
        for i in range(n):
            self._count("numbers")
            yield i

    def sleepy(self, seconds):
        time.sleep(seconds)
        return seconds

    def echo(self, x):
        return x

    def runs(self, key):
        with self._lock:
            return self._runs.get(key, 0)

    def where(self):
        return self.port


def serve(daemon):
    t = threading.Thread(target=daemon.requestLoop, daemon=True)
    t.start()
    return t


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--linger", type=float, default=30.0)
    p.add_argument("--ns", action="store_true")
    p.add_argument("--pyro5", action="store_true")
    args = p.parse_args()
    Pyro.config.SERVERTYPE = "thread"
    Pyro.config.ITER_STREAM_LINGER = args.linger
    if not args.pyro5:
        Pyro.config.SERIALIZERS_ACCEPTED = {"serpent", "json", "marshal", "msgpack"}
    flaky = Flaky()
    daemon = Pyro.Daemon(host="127.0.0.1", port=0)
    uri = daemon.register(flaky, "flaky")
    flaky.port = uri.port
    serve(daemon)
    if not args.ns:
        print("READY", uri, flush=True)
        while True:
            time.sleep(3600)
    nsuri, nsdaemon, _bc = Pyro4.naming.startNS(host="127.0.0.1", port=0, enableBroadcast=False)
    serve(nsdaemon)
    ns = Pyro.Proxy(nsuri)
    ns.register("example.flaky", uri, metadata={"lab.flaky"})  # also found as PYROMETA:lab.flaky
    print("READY", uri, nsuri, flush=True)
    for line in sys.stdin:
        if line.strip() == "move":
            newdaemon = Pyro.Daemon(host="127.0.0.1", port=0)
            daemon.unregister(flaky)
            newuri = newdaemon.register(flaky, "flaky")
            serve(newdaemon)
            ns.register("example.flaky", newuri, metadata={"lab.flaky"})
            daemon.shutdown()
            daemon.close()
            daemon = newdaemon
            flaky.port = newuri.port
            print("MOVED", newuri, flush=True)
    while True:
        time.sleep(3600)


if __name__ == "__main__":
    main()
