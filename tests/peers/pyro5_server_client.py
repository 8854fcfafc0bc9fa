#!/usr/bin/python3
"""A real Python Pyro5 5.16 client exercising our C++ daemon (tests/core/server).

    pyro5_server_client.py SCENARIO URI_PREFIX [SERIALIZER] [extra...]

The Pyro5 twin of server_client.py: URI_PREFIX is "PYRO:{}@host:port" style text (the
object id goes where "{}" is). Prints "READY", then one "name value" line per check (value
is repr() of what Pyro5 gave back, or "raised <module>.<Class>: <message>"), then "DONE".
Run with PYTHONPATH pointing at the vendored Pyro5 (PeerProcess::pyro5Environment()).
"""
import socket
import struct
import sys
import threading
import time
import uuid

import Pyro5.api
import Pyro5.errors
import Pyro5.protocol
import Pyro5.serializers
from Pyro5.callcontext import current_context

scenario, prefix = sys.argv[1], sys.argv[2]
serializer = sys.argv[3] if len(sys.argv) > 3 else "serpent"
extra = sys.argv[4:]
Pyro5.config.SERIALIZER = serializer


def uri(objid):
    return prefix.replace("{}", objid)


def proxy(objid):
    p = Pyro5.api.Proxy(uri(objid))
    p._pyroTimeout = 30
    return p


def out(name, value):
    print(name, value, flush=True)


def check(name, fn):
    try:
        out(name, repr(fn()))
    except Exception as x:
        out(name, "raised %s.%s: %s" % (type(x).__module__, type(x).__name__, x))


print("READY", flush=True)

if scenario == "calls":
    echo = proxy("demo.echo")
    calc = proxy("demo.calculator")
    check("echo_int", lambda: echo.echo(42))
    check("echo_str", lambda: echo.echo("hé €"))
    check("echo_list", lambda: echo.echo([1, 2.5, None, True, "x"]))
    check("echo_dict", lambda: echo.echo({"a": 1, "b": [1, 2]}))
    check("echo_big", lambda: echo.echo(2 ** 70))
    check("echo_kw", lambda: echo.echo(x=7))
    check("types", lambda: echo.types((1, "a")))
    check("kw_min", lambda: sorted(echo.kw(1).items()))
    check("kw_full", lambda: sorted(echo.kw(1, 3, 4, 5, x=6).items()))
    check("kw_named", lambda: sorted(echo.kw(a=9, b=8).items()))
    check("kw_missing", lambda: echo.kw())
    check("add", lambda: calc.add(2, 3))
    check("add_kw", lambda: calc.add(b=10, a=1))
    check("div", lambda: calc.div(1, 4))
    check("add_bad_type", lambda: calc.add("x", 1))
    check("private", lambda: echo._pyroInvoke("_secret", (), {}))
    check("unexposed", lambda: echo._pyroInvoke("nothere", (), {}))
elif scenario == "values":
    # Value edge cases; the test runs this against Python Pyro5's own daemon too and compares.
    echo = proxy("demo.echo")
    values = [
        ("none", None), ("true", True), ("zero", 0), ("neg", -17), ("i64max", 2 ** 63 - 1), ("i64min", -2 ** 63),
        ("big", 2 ** 64), ("negbig", -(2 ** 100) + 1), ("float", 1.5), ("negzero", -0.0), ("tiny", 5e-324),
        ("huge", 1.7976931348623157e308), ("inf", float("inf")), ("empty_str", ""), ("unicode", "ñ€𝄞\u0000x"),
        ("long_str", "x" * 70000), ("empty_list", []), ("empty_tuple", ()), ("empty_dict", {}),
        ("nested", [[[[1, [2, [3]]]]], {"k": (1, 2)}]), ("intkeys", {1: "a", 2: "b"}), ("tuple", (1, "two", 3.0)),
        ("set", {1, 2, 3}), ("complex", 1 + 2j), ("mixed", {"a": [1, 2.5, None, True], "b": {"c": ("x",)}}),
    ]
    if serializer != "json":
        values.append(("bytes", b"\x00\x01\xffabc"))
    for name, v in values:
        if name == "long_str":
            check(name, lambda v=v: len(echo.echo(v)))
        else:
            check(name, lambda v=v: echo.echo(v))
elif scenario == "exceptions":
    echo = proxy("demo.echo")
    for kind in ["ValueError", "TypeError", "KeyError", "RuntimeError", "ZeroDivisionError"]:
        try:
            echo.fail(kind, "boom " + kind)
            out(kind, "no exception")
        except Exception as x:
            tb = "".join(Pyro5.errors.get_pyro_traceback())
            out(kind, "%s.%s %r traceback=%s" % (type(x).__module__, type(x).__name__, x.args, "fail" in tb and kind in tb))
    check("div0", lambda: proxy("demo.calculator").div(1, 0))
    check("after_errors", lambda: echo.echo("still fine"))
    check("unknown_object", lambda: proxy("no.such.object").echo(1))
    daemon = proxy("Pyro.Daemon")
    check("daemon_error", lambda: daemon.get_metadata("nope"))
elif scenario == "attributes":
    calc = proxy("demo.calculator")
    echo = proxy("demo.echo")
    calc._pyroBind()
    check("calc_attrs", lambda: sorted(calc._pyroAttrs))
    check("memory_initial", lambda: calc.memory)

    def setmem():
        calc.memory = 4.5
        return calc.memory
    check("memory_set", setmem)
    check("version", lambda: calc.version)

    def setmem_bad():
        calc.memory = "x"
    check("memory_set_bad", setmem_bad)

    def greet():
        echo.greeting = "bonjour"
        return echo.greeting
    check("greeting", greet)
    check("private_attr", lambda: echo._pyroInvoke("__getattr__", ("_hidden",), None))
elif scenario == "oneway":
    thermo = proxy("demo.thermostat")
    thermo._pyroBind()
    check("oneway_list", lambda: sorted(thermo._pyroOneway))
    check("configure", lambda: thermo.configure(30.0, "cool"))
    check("status_target", lambda: thermo.status()["target"])
    check("reset", lambda: thermo.reset())
    deadline = time.time() + 20
    while thermo.status()["target"] != 21.0 and time.time() < deadline:
        time.sleep(0.02)
    check("target_after_reset", lambda: thermo.status()["target"])
    echo = proxy("demo.echo")
    echo._pyroBind()
    echo._pyroOneway.add("sleep")
    check("oneway_sleep", lambda: echo.sleep(2))
    check("echo_after_oneway", lambda: echo.echo("quick"))
elif scenario == "batch":
    echo = proxy("demo.echo")
    b = Pyro5.api.BatchProxy(echo)
    b.echo(1)
    b.kw(5)
    b.fail("ValueError", "batch boom")
    b.echo(2)
    results = []
    try:
        for r in b():
            results.append(r if not isinstance(r, dict) else sorted(r.items()))
    except Exception as x:
        results.append("raised %s.%s: %s" % (type(x).__module__, type(x).__name__, x))
    out("batch", repr(results))
    b = Pyro5.api.BatchProxy(proxy("demo.calculator"))
    b.add(1, 2)
    b.mul(2, 2.5)
    check("batch_calc", lambda: list(b()))
    b = Pyro5.api.BatchProxy(proxy("demo.calculator"))
    b.add(1, 2)
    check("batch_oneway", lambda: b(oneway=True))
elif scenario == "streaming":
    quotes = proxy("demo.quotes")
    check("ticks", lambda: list(quotes.ticks(5)))
    check("ticks_empty", lambda: list(quotes.ticks(0)))
    recs = list(quotes.stream(3, 0.01))
    out("stream_count", len(recs))
    out("stream_keys", sorted(recs[0].keys()))
    it = quotes.ticks(1000)
    out("first", next(it))
    out("second", next(it))
    it.close()
    check("after_close", lambda: list(quotes.ticks(2)))
    daemon = proxy("Pyro.Daemon")
    check("bad_stream", lambda: daemon.get_next_stream_item("no-such-stream"))
elif scenario == "metadata":
    daemon = proxy("Pyro.Daemon")
    check("ping", lambda: daemon.ping())
    check("registered", lambda: sorted(daemon.registered()))
    check("info", lambda: daemon.info().startswith("Pyro.Daemon bound on "))
    m = daemon.get_metadata("demo.calculator")
    out("meta_types", sorted((k, type(v).__name__) for k, v in m.items()))
    out("meta_calc", sorted((k, sorted(v)) for k, v in m.items()))
    m = daemon.get_metadata("demo.thermostat")
    out("meta_thermo", sorted((k, sorted(v)) for k, v in m.items()))
    check("meta_two_args", lambda: daemon.get_metadata("demo.echo", True))
    p = proxy("demo.calculator")
    p._pyroBind()
    out("proxy_methods", sorted(p._pyroMethods))
elif scenario == "corr":
    # The correlation id: echoed when the client sends one, made by the server otherwise.
    echo = proxy("demo.echo")
    echo._pyroBind()
    echo._pyroRawWireResponse = True
    current_context.correlation_id = uuid.UUID("12345678-1234-5678-1234-567812345678")
    msg = echo._pyroInvoke("echo", (1,), {})
    out("echoed", (msg.flags & Pyro5.protocol.FLAGS_CORR_ID != 0, str(uuid.UUID(bytes=bytes(msg.corr_id)))))
    current_context.correlation_id = None
    msg = echo._pyroInvoke("echo", (1,), {})
    out("made", (msg.flags & Pyro5.protocol.FLAGS_CORR_ID != 0, uuid.UUID(bytes=bytes(msg.corr_id)).version))
elif scenario == "echo":
    check("echo", lambda: proxy("demo.echo").echo("x"))
elif scenario == "tls":
    Pyro5.config.SSL = True
    Pyro5.config.SSL_CACERTS = extra[0]
    if len(extra) > 2:
        Pyro5.config.SSL_CLIENTCERT = extra[1]
        Pyro5.config.SSL_CLIENTKEY = extra[2]
    check("tls_echo", lambda: proxy("demo.echo").echo("secret"))
    check("tls_add", lambda: proxy("demo.calculator").add(40, 2))
elif scenario == "compression":
    Pyro5.config.COMPRESSION = True
    echo = proxy("demo.echo")
    big = "x" * 5000
    check("big_echo_len", lambda: len(echo.echo(big)))
elif scenario == "callbacks":
    class Receiver(object):
        def __init__(self):
            self.got = []
            self.event = threading.Event()

        @Pyro5.api.expose
        def ping(self, x):
            return ("pong", x)

        @Pyro5.api.expose
        def fail(self):
            raise ValueError("callback failed")

        @Pyro5.api.expose
        @Pyro5.api.oneway
        def record(self, x):
            self.got.append(("record", x))

        @Pyro5.api.expose
        def notify(self, i):
            self.got.append(i)
            if len([g for g in self.got if isinstance(g, int)]) >= 3:
                self.event.set()

    cbdaemon = Pyro5.api.Daemon(host="127.0.0.1", port=0)
    recv = Receiver()
    cburi = cbdaemon.register(recv)
    threading.Thread(target=cbdaemon.requestLoop, daemon=True).start()
    cbs = proxy("demo.callbacks")
    cbproxy = Pyro5.api.Proxy(cburi)
    check("call_back", lambda: cbs.call_back(cbproxy, "ping", (5,)))
    check("call_back_error", lambda: cbs.call_back(cbproxy, "fail", ()))
    check("call_back_oneway", lambda: cbs.call_back_oneway(cbproxy, "record", ("x",)))
    check("subscribe", lambda: cbs.subscribe(cbproxy, 3, 0.01))
    out("notified", recv.event.wait(30))
    out("notifications", sorted(g for g in recv.got if isinstance(g, int)))
    deadline = time.time() + 10
    while ("record", "x") not in recv.got and time.time() < deadline:
        time.sleep(0.02)
    out("recorded", ("record", "x") in recv.got)
    cbdaemon.shutdown()
elif scenario == "load":
    nthreads, ncalls = int(extra[0]), int(extra[1])
    errors = []
    counts = [0] * nthreads

    def worker(n):
        p = proxy("demo.echo")
        c = proxy("demo.calculator")
        try:
            for i in range(ncalls):
                if i % 2:
                    v = p.echo([n, i, "t%d" % n])
                    if v != [n, i, "t%d" % n]:
                        errors.append((n, i, v))
                else:
                    v = c.add(n, i)
                    if v != n + i:
                        errors.append((n, i, v))
                counts[n] += 1
        except Exception as x:
            errors.append((n, repr(x)))
        finally:
            p._pyroRelease()
            c._pyroRelease()
    threads = [threading.Thread(target=worker, args=(n,)) for n in range(nthreads)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    out("load_calls", sum(counts))
    out("load_errors", errors[:5])
elif scenario == "raw":
    # Hand-built 502 frames: PING, an unknown object, a missing 'object', a Pyro4-style
    # first message, a bad magic number.
    host, port = prefix.split("@")[1].rsplit(":", 1)
    hs = Pyro5.protocol._header_size

    def exchange(data, count=1):
        s = socket.create_connection((host, int(port)))
        s.sendall(data)
        s.settimeout(10)
        reply = b""
        try:
            while True:
                chunk = s.recv(65536)
                if not chunk:
                    break
                reply += chunk
                pos, complete = 0, 0
                while len(reply) - pos >= hs:
                    m = Pyro5.protocol.ReceivingMessage(reply[pos:pos + hs])
                    if len(reply) - pos < hs + m.annotations_size + m.data_size:
                        break
                    pos += hs + m.annotations_size + m.data_size
                    complete += 1
                if complete >= count:
                    break
        except socket.timeout:
            pass
        s.close()
        return reply

    def decode(reply):
        m = Pyro5.protocol.ReceivingMessage(reply[:hs])
        data = reply[hs + m.annotations_size:hs + m.annotations_size + m.data_size]
        ser = Pyro5.serializers.serializers_by_id[m.serializer_id] if m.serializer_id in Pyro5.serializers.serializers_by_id else None
        return (m.type, m.seq, m.serializer_id, ser.loads(data) if ser and m.type != Pyro5.protocol.MSG_PING else data)
    ser = Pyro5.serializers.serializers["serpent"]
    current_context.correlation_id = None
    connect = Pyro5.protocol.SendingMessage(Pyro5.protocol.MSG_CONNECT, 0, 1234, 1, ser.dumps({"handshake": "hello", "object": "nope"}))
    out("unknown_object", decode(exchange(connect.data)))
    connect = Pyro5.protocol.SendingMessage(Pyro5.protocol.MSG_CONNECT, 0, 7, 1, ser.dumps({"handshake": "hello"}))
    out("no_object", decode(exchange(connect.data)))
    connect = Pyro5.protocol.SendingMessage(Pyro5.protocol.MSG_CONNECT, 0, 9, 1, ser.dumps({"handshake": "hello", "object": "demo.echo"}))
    ping = Pyro5.protocol.SendingMessage(Pyro5.protocol.MSG_PING, 0, 77, 42, b"ping")
    r = exchange(connect.data + ping.data, 2)
    m = Pyro5.protocol.ReceivingMessage(r[:hs])
    out("connectok", (m.type, m.seq, sorted(ser.loads(r[hs + m.annotations_size:hs + m.annotations_size + m.data_size]).keys())))
    r = r[hs + m.annotations_size + m.data_size:]
    out("pong", decode(r) if len(r) >= hs else "missing")
    bad = bytearray(connect.data)
    bad[38:40] = b"\x00\x00"
    out("bad_magic", decode(exchange(bytes(bad))))
    out("bad_serializer", decode(exchange(Pyro5.protocol.SendingMessage(Pyro5.protocol.MSG_CONNECT, 0, 5, 99, b"x").data)))
elif scenario == "blob":
    # Pyro5's SerializedBlob (FLAGS_KEEPSERIALIZED + BLBI) to the test's "gateway" object:
    # inspect() returns (keepSerialized, info, deserialized data), payload_hex() the kept
    # payload, which must be what this client serialized; forward(blob) passes the blob on
    # to a Python daemon's receive() and returns what that one got.
    gw = proxy("gateway")
    data = (1, "two", [3.5, None], {"k": b"\x00\xff".hex()})
    check("inspect", lambda: gw.inspect(Pyro5.api.SerializedBlob("blob-1", data)))
    check("inspect_info_tuple", lambda: gw.inspect(Pyro5.api.SerializedBlob(("id", 7), ["x"])))
    check("inspect_plain", lambda: gw.inspect("plain"))
    ser = Pyro5.serializers.serializers[serializer]
    sent = ser.dumpsCall("gateway", "payload_hex", data, {})
    check("payload_blob", lambda: ser.loads(bytes.fromhex(gw.payload_hex(Pyro5.api.SerializedBlob("b", data)))) == ser.loads(sent))
    check("forward", lambda: gw.forward(Pyro5.api.SerializedBlob("job-9", data)))
elif scenario == "objects":
    # URIs and proxies a C++ object returns (made with Pyro4's class names or Pyro5's) must
    # arrive as Pyro5 URI / Proxy objects that work (tst_daemonpyro5::objectsInResults).
    objects = proxy("objects")
    for name in ("uri4", "uri5"):
        check(name, lambda: (lambda u: (type(u).__module__, type(u).__name__, str(u) == uri("demo.echo")))(getattr(objects, name)()))
    for name in ("proxy4", "proxy5"):
        def through(p):
            p._pyroTimeout = 30
            with p:
                return type(p).__module__, type(p).__name__, p.echo("through " + name)
        check(name, lambda: through(getattr(objects, name)()))
    check("nested", lambda: (lambda d: (type(d["uris"][0]).__name__, type(d["proxy"]).__module__, d["proxy"].echo(7)))(objects.nested()))
    check("stream", lambda: [type(x).__module__ + "." + type(x).__name__ for x in objects.stream()])
    try:
        objects.raises()
    except ValueError as x:
        # Python Pyro does not rebuild objects inside an exception's args (its own daemon's
        # URIs arrive there as dicts too): the class name must be this protocol's.
        a = x.args[0]
        out("raised_arg", a["__class__"] if isinstance(a, dict) else type(a).__module__ + "." + type(a).__name__)
else:
    out("error", "unknown scenario " + scenario)
print("DONE", flush=True)
