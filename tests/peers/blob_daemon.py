"""Peer for kept-serialized calls: a Pyro4 daemon whose method receives a SerializedBlob (sent
with FLAGS_KEEPSERIALIZED) and tells what it got. Prints READY <uri>."""
import sys

import Pyro4

Pyro4.config.SERIALIZERS_ACCEPTED = {"serpent", "json", "marshal", "msgpack"}


@Pyro4.expose
class BlobSink(object):
    def receive(self, blob):
        # What a Pyro4 gateway sees: the blob's type and info, and its data on demand.
        return [type(blob).__name__, blob.info, blob.deserialized()]


def main():
    daemon = Pyro4.Daemon(host="127.0.0.1", port=0)
    uri = daemon.register(BlobSink(), "blob.sink")
    print("READY", uri, flush=True)
    daemon.requestLoop()


if __name__ == "__main__":
    sys.exit(main())
