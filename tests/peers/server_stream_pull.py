"""Pyro4 4.82 daemon for the pull-mode stream tests (tests/core/client/tst_pendingstream.cpp).

Serves one object "counter" whose generator counts how often it was advanced, so a test can
check that a paused client stream does not advance the remote generator and that each
requested item advances it by exactly one. Prints "READY <uri>" once it listens on
127.0.0.1, port 0.
"""
import argparse
import threading

import Pyro4


@Pyro4.expose
@Pyro4.behavior(instance_mode="single")
class Counter(object):
    def __init__(self):
        self._lock = threading.Lock()
        self._advanced = {}

    def counted(self, name, n):
        """An iterator over 0..n-1; every next() on it is counted under name before the item
        is made. (Not a generator function itself, so the counter exists from the call on.)"""
        with self._lock:
            self._advanced[name] = 0

        def items():
            for i in range(n):
                with self._lock:
                    self._advanced[name] += 1
                yield i

        return items()

    def advanced(self, name):
        """How often the generator called name was advanced (-1 before counted(name) was called)."""
        with self._lock:
            return self._advanced.get(name, -1)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--servertype", default="thread", choices=["thread", "multiplex"])
    args = p.parse_args()
    Pyro4.config.SERVERTYPE = args.servertype
    Pyro4.config.SERIALIZERS_ACCEPTED = {"serpent", "json", "marshal", "msgpack"}
    daemon = Pyro4.Daemon(host="127.0.0.1", port=0)
    uri = daemon.register(Counter(), "counter")
    print("READY", uri, flush=True)
    daemon.requestLoop()


if __name__ == "__main__":
    main()
