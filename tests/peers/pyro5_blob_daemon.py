"""Peer for kept-serialized calls over Pyro5 (502): the Pyro5 5.16 twin of blob_daemon.py, a
daemon whose method receives a Pyro5 SerializedBlob (sent with FLAGS_KEEPSERIALIZED) and tells
what it got. Run with PeerProcess::pyro5Environment(). Prints READY <uri>."""
import sys

import Pyro5.api


@Pyro5.api.expose
class BlobSink(object):
    def receive(self, blob):
        # What a Pyro5 gateway sees: the blob's type and info, and its data on demand.
        return [type(blob).__name__, blob.info, blob.deserialized()]


def main():
    daemon = Pyro5.api.Daemon(host="127.0.0.1", port=0)
    uri = daemon.register(BlobSink(), "blob.sink")
    print("READY", uri, flush=True)
    daemon.requestLoop()


if __name__ == "__main__":
    sys.exit(main())
