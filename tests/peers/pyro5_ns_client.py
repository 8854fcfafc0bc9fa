#!/usr/bin/python3
"""A real Python Pyro5 5.16 client using our embedded name server (tests/core/server).

    pyro5_ns_client.py SCENARIO NS_HOST NS_PORT [SERIALIZER [NAME]]

Prints "READY", one "name value" line per check, then "DONE" (like server_client.py).
Scenarios: "api" (the name server's remote API as Pyro5 calls it), "nsc" (Python Pyro5's
own nsc tool, run as a subprocess; its output lines are printed as "nsc <line>"),
"resolve" (PYRONAME / PYROMETA proxies to the demo objects registered there), "lookup"
(NAME looked up with its metadata, and listed: a registration made by another client).
Run with PYTHONPATH pointing at the vendored Pyro5 (PeerProcess::pyro5Environment()).
"""
import os
import subprocess
import sys

import Pyro5.api
import Pyro5.core
import Pyro5.errors

scenario, host, port = sys.argv[1], sys.argv[2], int(sys.argv[3])
serializer = sys.argv[4] if len(sys.argv) > 4 else "serpent"
Pyro5.config.SERIALIZER = serializer


def out(name, value):
    print(name, value, flush=True)


def check(name, fn):
    try:
        out(name, repr(fn()))
    except Exception as x:
        out(name, "raised %s.%s: %s" % (type(x).__module__, type(x).__name__, x))


def norm(result):
    """A name server answer with sets and URIs made printable in a stable order."""
    if isinstance(result, dict):
        return sorted((k, norm(v)) for k, v in result.items())
    if isinstance(result, (set, frozenset)):
        return ("set", sorted(result))
    if isinstance(result, (tuple, list)):
        if result and all(isinstance(v, str) for v in result):
            return tuple(sorted(result))  # metadata as a list (json, msgpack): Python's set order
        return tuple(norm(v) for v in result)
    if isinstance(result, Pyro5.core.URI):
        return ("URI", str(result))
    return result


print("READY", flush=True)
if scenario == "api":
    ns = Pyro5.api.locate_ns(host, port)
    ns._pyroTimeout = 30
    check("ping", lambda: ns.ping())
    check("self", lambda: norm(ns.lookup("Pyro.NameServer", return_metadata=True)))
    check("register", lambda: ns.register("p5.a", "PYRO:a@127.0.0.1:1111", metadata={"red", "round"}))
    check("register_uri", lambda: ns.register("p5.b", Pyro5.core.URI("PYRO:b@127.0.0.1:2222"), metadata=["blue"]))
    check("register_safe", lambda: ns.register("p5.a", "PYRO:x@127.0.0.1:1", safe=True))
    check("register_strmeta", lambda: ns.register("p5.c", "PYRO:c@127.0.0.1:3", metadata="bad"))
    check("count", lambda: ns.count())
    check("lookup", lambda: norm(ns.lookup("p5.a")))
    check("lookup_meta", lambda: norm(ns.lookup("p5.a", return_metadata=True)))
    check("lookup_unknown", lambda: ns.lookup("p5.none"))
    check("list_prefix", lambda: norm(ns.list(prefix="p5.")))
    check("list_prefix_meta", lambda: norm(ns.list(prefix="p5.", return_metadata=True)))
    check("list_regex", lambda: norm(ns.list(regex=r"p5\.[ab]$")))
    check("list_both", lambda: ns.list(prefix="p5.", regex="x"))
    check("list_old_kw", lambda: ns.list(metadata_all=["red"]))
    check("yp_all", lambda: norm(ns.yplookup(meta_all=["red", "round"])))
    check("yp_any", lambda: norm(ns.yplookup(meta_any={"blue", "red"}, return_metadata=False)))
    check("yp_none", lambda: norm(ns.yplookup()))
    check("yp_both", lambda: ns.yplookup(meta_all=["a"], meta_any=["b"]))
    check("yp_class", lambda: norm(ns.yplookup(meta_all={"class:Pyro5.nameserver.NameServer"}, return_metadata=False)))
    check("set_metadata", lambda: ns.set_metadata("p5.b", {"green"}))
    check("after_set", lambda: norm(ns.lookup("p5.b", return_metadata=True)))
    check("set_unknown", lambda: ns.set_metadata("p5.none", {"x"}))
    check("remove", lambda: ns.remove("p5.a"))
    check("remove_self", lambda: ns.remove("Pyro.NameServer"))
    check("remove_prefix", lambda: ns.remove(prefix="p5."))
    check("count_after", lambda: ns.count())
elif scenario == "nsc":
    env = dict(os.environ)

    def nsc(*args):
        r = subprocess.run([sys.executable, "-m", "Pyro5.nsc", "-n", host, "-p", str(port)] + list(args),
                           env=env, capture_output=True, text=True, timeout=60)
        for line in (r.stdout + r.stderr).splitlines():
            if line.strip() and not line.startswith("Traceback") and not line.startswith("  "):
                out("nsc", line)
        out("nsc_exit", r.returncode)
    nsc("ping")
    nsc("register", "nsc.one", "PYRO:one@127.0.0.1:4444")
    nsc("setmeta", "nsc.one", "tagged")
    nsc("lookup", "nsc.one")
    nsc("listmatching", "nsc\\..*")
    nsc("yplookup_all", "tagged")
    nsc("yplookup_any", "tagged", "other")
    nsc("remove", "nsc.one")
    nsc("lookup", "nsc.one")
elif scenario == "resolve":
    Pyro5.config.NS_HOST = host
    Pyro5.config.NS_PORT = port
    check("pyroname", lambda: Pyro5.api.Proxy("PYRONAME:demo.calculator@%s:%d" % (host, port)).add(20, 22))
    check("pyrometa", lambda: Pyro5.api.Proxy("PYROMETA:math@%s:%d" % (host, port)).add(1, 1))
    check("resolve", lambda: Pyro5.core.resolve("PYRONAME:demo.echo@%s:%d" % (host, port)).object)
elif scenario == "lookup":
    name = sys.argv[5]
    ns = Pyro5.api.locate_ns(host, port)
    ns._pyroTimeout = 30
    check("lookup", lambda: norm(ns.lookup(name, return_metadata=True)))
    check("list", lambda: sorted(ns.list(prefix=name).keys()))
else:
    out("error", "unknown scenario " + scenario)
print("DONE", flush=True)
