#!/usr/bin/python3
"""The Python Pyro4 4.82 daemon both benchmark clients talk to.

Prints "READY <uri>" once listening on 127.0.0.1 (port 0). Object 'bench':
echo(x) returns x; numbers() is an endless generator (for stream mode).
"""
import sys

import Pyro4

Pyro4.config.SERIALIZERS_ACCEPTED = {"serpent", "json", "marshal", "msgpack", "pickle"}
Pyro4.config.THREADPOOL_SIZE = 100


@Pyro4.expose
@Pyro4.behavior(instance_mode="single")
class Bench(object):
    def echo(self, x):
        return x

    def numbers(self):
        i = 0
        while True:
            yield i
            i += 1


def main():
    daemon = Pyro4.Daemon(host="127.0.0.1", port=0)
    uri = daemon.register(Bench(), "bench")
    print("READY %s" % uri, flush=True)
    daemon.requestLoop()


if __name__ == "__main__":
    sys.exit(main())
