#!/usr/bin/python3
"""A real Python Pyro4 4.82 peer using our C++ name server (tests/core/server/tst_nameserver).

    server_ns.py locate BCPORT           locateNS() by UDP broadcast to 127.0.0.1:BCPORT
    server_ns.py api NS_URI              the remote API, with a Python daemon registering into it
    server_ns.py register NS_URI NAME    registers NAME (metadata {'persisted','tag2'})
    server_ns.py lookup NS_URI NAME      prints lookup(NAME, return_metadata=True)

Prints "READY", one "name value" line per check, then "DONE".
"""
import sys
import threading

import Pyro4
import Pyro4.errors
import Pyro4.naming


def out(name, value):
    print(name, value, flush=True)


def check(name, fn):
    try:
        out(name, repr(fn()))
    except Exception as x:
        out(name, "raised %s.%s: %s" % (type(x).__module__, type(x).__name__, x))


print("READY", flush=True)
mode = sys.argv[1]

if mode == "locate":
    Pyro4.config.BROADCAST_ADDRS = "127.0.0.1"
    Pyro4.config.NS_BCPORT = int(sys.argv[2])
    # A non-local NS_HOST skips locateNS's direct localhost attempt, so only the broadcast can find it.
    Pyro4.config.NS_HOST = "192.0.2.1"
    ns = Pyro4.locateNS()
    out("located", ns._pyroUri.asString())
    check("ping", lambda: ns.ping())
    check("count", lambda: ns.count())
elif mode == "api":
    ns = Pyro4.Proxy(sys.argv[2])

    class Thing(object):
        @Pyro4.expose
        def hello(self, who):
            return "hello " + who

    daemon = Pyro4.Daemon(host="127.0.0.1", port=0)
    uri = daemon.register(Thing(), "py.thing")
    threading.Thread(target=daemon.requestLoop, daemon=True).start()
    check("count_initial", lambda: ns.count())
    check("self", lambda: ns.lookup("Pyro.NameServer", return_metadata=True)[1])
    check("register", lambda: ns.register("py.thing", uri, metadata={"python", "thing"}))
    check("register_str", lambda: ns.register("py.other", "PYRO:other@127.0.0.1:1234"))
    check("register_safe", lambda: ns.register("py.thing", uri, safe=True))
    check("register_bad_uri", lambda: ns.register("py.bad", "nonsense"))
    check("register_bad_name", lambda: ns.register(42, uri))
    check("register_str_meta", lambda: ns.register("py.x", uri, metadata="abc"))
    check("lookup_type", lambda: type(ns.lookup("py.thing")).__name__)
    check("lookup", lambda: ns.lookup("py.thing").asString() == uri.asString())
    check("lookup_meta", lambda: sorted(ns.lookup("py.thing", return_metadata=True)[1]))
    check("lookup_unknown", lambda: ns.lookup("no.such"))
    check("pyroname_call", lambda: Pyro4.Proxy("PYRONAME:py.thing@" + ns._pyroUri.location).hello("ns"))
    check("list", lambda: sorted(ns.list().keys()))
    check("list_prefix", lambda: sorted(ns.list(prefix="py.").items()))
    check("list_regex", lambda: sorted(ns.list(regex=r"py\.t").keys()))
    check("list_regex_anchored", lambda: sorted(ns.list(regex=r"thing").keys()))
    check("list_regex_bad", lambda: ns.list(regex="(unclosed"))
    check("list_meta_all", lambda: sorted(ns.list(metadata_all={"python", "thing"}).keys()))
    check("list_meta_any", lambda: sorted(ns.list(metadata_any={"thing", "nothing"}).keys()))
    check("list_meta_none", lambda: sorted(ns.list(metadata_all={"python", "nothing"}).keys()))
    check("list_return_meta", lambda: [(k, v[0] == uri.asString(), sorted(v[1])) for k, v in sorted(ns.list(prefix="py.thing", return_metadata=True).items())])
    check("list_two_filters", lambda: ns.list(prefix="py", regex="py"))
    check("list_empty_prefix", lambda: len(ns.list(prefix="")))
    check("set_metadata", lambda: ns.set_metadata("py.other", ["a", "b"]))
    check("after_set_metadata", lambda: sorted(ns.lookup("py.other", return_metadata=True)[1]))
    check("set_metadata_unknown", lambda: ns.set_metadata("no.such", ["a"]))
    check("remove", lambda: ns.remove("py.other"))
    check("remove_again", lambda: ns.remove("py.other"))
    check("remove_self", lambda: ns.remove("Pyro.NameServer"))
    check("remove_prefix", lambda: ns.remove(prefix="py."))
    check("remove_regex_self", lambda: ns.remove(regex=".*"))
    check("count_final", lambda: ns.count())
    daemon.shutdown()
elif mode == "register":
    ns = Pyro4.Proxy(sys.argv[2])
    check("register", lambda: ns.register(sys.argv[3], "PYRO:persisted@127.0.0.1:4321", metadata={"persisted", "tag2"}))
elif mode == "lookup":
    ns = Pyro4.Proxy(sys.argv[2])
    check("lookup", lambda: (ns.lookup(sys.argv[3]).asString(), sorted(ns.lookup(sys.argv[3], return_metadata=True)[1])))
print("DONE", flush=True)
