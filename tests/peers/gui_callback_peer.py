"""Peer for the GUI workbench tests: a Pyro4 daemon (or with --pyro5 a Pyro5 one) whose object
calls back a proxy it receives, and raises with a traceback on request. Prints READY <uri>."""
import sys

if "--pyro5" in sys.argv:
    import Pyro5.api as Pyro  # accepts every serializer it has (no pickle in Pyro5)
else:
    import Pyro4 as Pyro
    Pyro.config.SERIALIZERS_ACCEPTED = {"serpent", "json", "marshal", "msgpack"}


@Pyro.expose
class Caller(object):
    def call_back(self, proxy, method, arg):
        # The proxy arrives as a Pyro4.core.Proxy (Pyro5.client.Proxy); call it from this
        # daemon's worker thread.
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
    daemon = Pyro.Daemon(host="127.0.0.1", port=0)
    uri = daemon.register(Caller(), "gui.caller")
    print("READY", uri, flush=True)
    daemon.requestLoop()


if __name__ == "__main__":
    sys.exit(main())
