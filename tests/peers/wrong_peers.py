#!/usr/bin/python3
"""Servers a Pyro4 client must recognise as the wrong peer (tst_wrongpeer, tst_pyroctl).

    wrong_peers.py pyro5        a Python Pyro5 daemon hosting 'tester' (needs Pyro5 importable)
    wrong_peers.py http         Python's http.server, which answers a Pyro4 CONNECT (read up to
                                serpent's header line) with "HTTP/1.0 400 Bad request version ..."
    wrong_peers.py json-only    a Python Pyro4 daemon hosting 'tester' that accepts only json,
                                so a serpent client gets a CONNECTFAIL

Each listens on 127.0.0.1, port 0, prints one line

    READY PYRO:tester@127.0.0.1:<port>

and runs until killed. With 'pyro5' and no Pyro5 module it prints "SKIP <reason>" and exits 0.
"""
import http.server
import sys


class Tester(object):
    def add(self, a, b):
        return a + b


def serve_pyro5():
    try:
        import Pyro5.api
    except ImportError as x:
        print("SKIP Pyro5 is not installed (%s)" % x, flush=True)
        return 0
    daemon = Pyro5.api.Daemon(host="127.0.0.1", port=0)
    uri = daemon.register(Pyro5.api.expose(Tester)(), "tester")
    print("READY %s" % uri, flush=True)
    daemon.requestLoop()
    return 0


class QuietHandler(http.server.BaseHTTPRequestHandler):
    # Answer junk with a status line, as nginx or Apache do; with the default "HTTP/0.9"
    # http.server sends only the HTML error page to a request line it cannot parse.
    default_request_version = "HTTP/1.0"

    def log_message(self, format, *args):
        sys.stderr.write("http peer: %s\n" % ascii(format % args))


def serve_http():
    server = http.server.HTTPServer(("127.0.0.1", 0), QuietHandler)
    print("READY PYRO:tester@127.0.0.1:%d" % server.server_address[1], flush=True)
    server.serve_forever()
    return 0


def serve_json_only():
    import Pyro4
    Pyro4.config.SERIALIZERS_ACCEPTED = {"json"}
    daemon = Pyro4.Daemon(host="127.0.0.1", port=0)
    uri = daemon.register(Pyro4.expose(Tester)(), "tester")
    print("READY %s" % uri, flush=True)
    daemon.requestLoop()
    return 0


def main():
    modes = {"pyro5": serve_pyro5, "http": serve_http, "json-only": serve_json_only}
    if len(sys.argv) != 2 or sys.argv[1] not in modes:
        sys.stderr.write("usage: wrong_peers.py %s\n" % "|".join(modes))
        return 2
    return modes[sys.argv[1]]()


if __name__ == "__main__":
    sys.exit(main())
