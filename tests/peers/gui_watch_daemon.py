#!/usr/bin/python3
"""A real Pyro4 4.82 daemon with changing values, for the explorer's Watches tests.

    gui_watch_daemon.py [--port P]

Serves one object, "watched", on 127.0.0.1 (port 0 unless --port says which, so that a test
can bring the daemon back on the port it had):

    counter     a read-only property that counts its reads (1, 2, 3, ...)
    reading()   {'count': <reads of counter so far>, 'unit': 'n'}

and prints one line:

    READY PYRO:watched@127.0.0.1:<port>

Runs until killed.
"""
import argparse
import sys

import Pyro4

Pyro4.config.SERIALIZERS_ACCEPTED = {"serpent", "json", "marshal", "msgpack"}


@Pyro4.expose
class Watched(object):
    def __init__(self):
        self._reads = 0

    @property
    def counter(self):
        self._reads += 1
        return self._reads

    def reading(self):
        return {"count": self._reads, "unit": "n"}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    daemon = Pyro4.Daemon(host="127.0.0.1", port=args.port)
    uri = daemon.register(Watched(), "watched")
    print("READY %s" % uri, flush=True)
    daemon.requestLoop()


if __name__ == "__main__":
    sys.exit(main())
