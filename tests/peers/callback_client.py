#!/usr/bin/python3
"""A real Python Pyro4 4.82 client for the callback semantics of a daemon (tests/core/server).

    callback_client.py URI_PREFIX      talk to the daemon at URI_PREFIX ("PYRO:{}@host:port")
    callback_client.py --self          host the reference objects in a Python Pyro4 daemon
                                       of our own first (what the C++ daemon must match)

Prints "READY <uri prefix>", then reads commands from stdin, one per line, and answers each
with one line:

    call OBJECT METHOD [ARG]    ->  "METHOD <repr of the result>" or "METHOD raised <module>.<Class>: <message>"
    meta OBJECT                 ->  "meta methods=[...] oneway=[...] attrs=[...]" (what the handshake told the proxy)
    quit

Each object id keeps one proxy for the whole run, so consecutive calls share its connection
(and a closed connection shows on the next call). A ConnectionClosedError is printed without
its message: whether the client reads the daemon's FIN or its RST first is TCP timing.
"""
import ast
import sys

import Pyro4
import Pyro4.errors


class Reference(object):
    """The Python twin of the C++ test's handler object "cb.handler"."""

    @Pyro4.expose
    @Pyro4.callback
    def boom(self):
        raise ValueError("callback boom")

    @Pyro4.expose
    def plain_boom(self):
        raise ValueError("plain boom")

    @Pyro4.expose
    def fine(self):
        return "fine"


def start_reference_daemon():
    import threading
    daemon = Pyro4.Daemon(host="127.0.0.1", port=0)
    daemon.register(Reference(), "cb.handler")
    threading.Thread(target=daemon.requestLoop, daemon=True).start()
    return "PYRO:{}@" + daemon.locationStr


def describe(x):
    if isinstance(x, Pyro4.errors.ConnectionClosedError):
        return "raised Pyro4.errors.ConnectionClosedError"
    return "raised %s.%s: %s" % (type(x).__module__, type(x).__name__, x)


def main():
    prefix = start_reference_daemon() if sys.argv[1] == "--self" else sys.argv[1]
    proxies = {}

    def proxy(objid):
        if objid not in proxies:
            p = Pyro4.Proxy(prefix.replace("{}", objid))
            p._pyroTimeout = 30
            proxies[objid] = p
        return proxies[objid]

    print("READY", prefix, flush=True)
    for line in sys.stdin:
        words = line.split(None, 3)
        if not words:
            continue
        if words[0] == "quit":
            break
        if words[0] == "meta":
            p = proxy(words[1])
            p._pyroBind()
            print("meta methods=%s oneway=%s attrs=%s" % (sorted(p._pyroMethods), sorted(p._pyroOneway), sorted(p._pyroAttrs)),
                  flush=True)
            continue
        objid, method = words[1], words[2]
        args = (ast.literal_eval(words[3]),) if len(words) > 3 else ()
        try:
            result = repr(getattr(proxy(objid), method)(*args))
        except Exception as x:
            result = describe(x)
        print(method, result, flush=True)
    for p in proxies.values():
        p._pyroRelease()
    return 0


if __name__ == "__main__":
    sys.exit(main())
