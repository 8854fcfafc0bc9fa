"""Peer for the GUI workbench tests: a Pyro4 daemon whose object calls back a proxy it receives,
and raises with a traceback on request. Prints READY <uri>."""
import sys

import Pyro4

Pyro4.config.SERIALIZERS_ACCEPTED = {"serpent", "json", "marshal", "msgpack"}


@Pyro4.expose
class Caller(object):
    def call_back(self, proxy, method, arg):
        # The proxy arrives as a Pyro4.core.Proxy; call it from this daemon's worker thread.
        with proxy:
            return getattr(proxy, method)(arg)

    def echo(self, x):
        return x

    def explode(self, message):
        def inner():
            raise ValueError(message)
        inner()

    def count(self, n):
        for i in range(n):
            yield i


def main():
    daemon = Pyro4.Daemon(host="127.0.0.1", port=0)
    uri = daemon.register(Caller(), "gui.caller")
    print("READY", uri, flush=True)
    daemon.requestLoop()


if __name__ == "__main__":
    sys.exit(main())
