#!/usr/bin/python3
"""Real Pyro5 5.16 frames (protocol 502) and a real Pyro5 daemon for the protocol tests.
Needs the vendored Pyro5 on PYTHONPATH (PeerProcess::pyro5Environment()).

    pyro5_frames.py frames         prints "READY", then one JSON object per line, then "END".
                                   Each object is a message built by
                                   Pyro5.protocol.SendingMessage with its parameters:
                                     name      row name
                                     type, seq, ser    header fields as given
                                     flags     the wire flags given to SendingMessage (502
                                               numbering; never COMPRESSED or CORR_ID: Pyro5
                                               sets those itself)
                                     corr      the correlation id (hex) in the call context,
                                               or null (no CORR_ID flag)
                                     ann       [[key, valuehex], ...] in ascending key order
                                     compress  config.COMPRESSION for this message
                                     payload   the plain payload (hex)
                                     frame     SendingMessage(...).data (hex)
    pyro5_frames.py daemon [--compression]
                                   a Pyro5 daemon on 127.0.0.1, port 0, object id "tester";
                                   prints "READY <uri>" and serves until killed.
"""
import json
import random
import sys
import uuid

import Pyro5
import Pyro5.api
import Pyro5.protocol
from Pyro5 import config
from Pyro5.callcontext import current_context

assert Pyro5.__version__ == "5.16", Pyro5.__version__


def case(name, msg_type, payload, ser=1, flags=0, seq=0, ann=(), corr=None, compress=False):
    config.COMPRESSION = compress
    current_context.correlation_id = uuid.UUID(bytes=corr) if corr is not None else None
    annotations = {}
    for k, v in sorted(ann):  # ascending keys: the order our QMap-based writer emits
        annotations[k] = v
    msg = Pyro5.protocol.SendingMessage(msg_type, flags, seq, ser, payload, annotations)
    config.COMPRESSION = False
    current_context.correlation_id = None
    return {
        "name": name,
        "type": msg_type, "flags": flags, "seq": seq, "ser": ser,
        "corr": corr.hex() if corr is not None else None,
        "ann": [[k, v.hex()] for k, v in sorted(ann)],
        "compress": compress,
        "payload": payload.hex(),
        "frame": msg.data.hex(),
    }


SERPENT_HDR = b"# serpent utf-8 python3.2\n"
CORR = bytes(range(16))


def cases():
    out = []
    call = SERPENT_HDR + b"('tester','add',(1,2),{})"
    names = {1: "connect", 2: "connectok", 3: "connectfail", 4: "invoke", 5: "result", 6: "ping"}
    for t, n in names.items():
        out.append(case("type_" + n, t, call, seq=1))
    out.append(case("type_255", 255, call, seq=1))
    out.append(case("empty_payload", 4, b"", seq=3))
    out.append(case("ping_helper", 6, b"ping", ser=42))
    # 0x10 ITEMSTREAMRESULT, 0x20 KEEPSERIALIZED in 502; 0x80 and up defined by nobody.
    for f in (0x01, 0x04, 0x08, 0x10, 0x20, 0x11, 0x3D, 0x80, 0x4000, 0xFFBD):
        out.append(case("flags_0x%04x" % f, 5, call, flags=f, seq=2))
    for s in (0, 1, 255, 256, 32768, 65535):
        out.append(case("seq_%d" % s, 4, call, seq=s))
    for ser in (1, 2, 3, 4, 5, 42, 255):
        out.append(case("serializer_%d" % ser, 4, b"\x00\x01payload\xff", ser=ser, seq=7))
    out.append(case("corr", 5, call, corr=CORR, seq=9))
    out.append(case("corr_zero", 5, call, corr=bytes(16), seq=9))
    out.append(case("corr_uuid4", 4, call, corr=uuid.UUID("0e5ffee2-ab5b-4f32-8a98-0d6a2ce44339").bytes))
    out.append(case("corr_with_flags", 5, call, corr=CORR, flags=0x11))
    out.append(case("ann_xusr", 4, call, ann=[("XUSR", b"u")], seq=9))
    out.append(case("ann_strm", 5, call, flags=0x11, corr=CORR, ann=[("STRM", b"0e5ffee2-ab5b-4f32-8a98-0d6a2ce44339")]))
    out.append(case("ann_corr_is_plain_in_502", 4, call, ann=[("CORR", CORR)]))
    out.append(case("ann_hmac_is_plain_in_502", 4, call, ann=[("HMAC", b"h" * 20)]))
    out.append(case("ann_nul_key", 4, call, ann=[("A\0\0\0", b"x")]))
    out.append(case("ann_empty_value", 4, call, ann=[("XTRA", b"")]))
    out.append(case("ann_1000_bytes", 4, call, ann=[("XBIG", bytes(range(256)) * 3 + b"z" * 232)]))
    out.append(case("ann_over_u16", 4, b"", ann=[("XMAX", b"m" * 70000)]))
    out.append(case("ann_100_chunks", 4, call, ann=[("K%03d" % i, bytes([i]) * (i % 7)) for i in range(100)]))
    text100 = SERPENT_HDR + b"'" + b"a" * (100 - len(SERPENT_HDR) - 2) + b"'"
    text101 = SERPENT_HDR + b"'" + b"a" * (101 - len(SERPENT_HDR) - 2) + b"'"
    assert len(text100) == 100 and len(text101) == 101
    rnd = random.Random(502)
    noise = bytes(rnd.randrange(256) for _ in range(300))
    out.append(case("compress_100_bytes_not_compressed", 5, text100, compress=True))
    out.append(case("compress_101_bytes_compressed", 5, text101, compress=True))
    out.append(case("compress_off_101_bytes", 5, text101, compress=False))
    out.append(case("compress_incompressible_300", 5, noise, compress=True))
    out.append(case("compress_10000", 5, SERPENT_HDR + b"[" + b"1234," * 2000 + b"]", compress=True, seq=65535))
    out.append(case("compress_with_flags", 5, text101 * 3, flags=0x11, compress=True, corr=CORR,
                    ann=[("STRM", b"s" * 36)]))
    connect = SERPENT_HDR + b"{'handshake':'hello','object':'tester'}"
    out.append(case("connect", 1, connect, corr=CORR))
    out.append(case("result_70000", 5, bytes(rnd.randrange(256) for _ in range(70000)), flags=0x11,
                    seq=65535, corr=CORR, ann=[("XTRA", b"t" * 14)]))
    for i in range(150):
        ann = []
        for _ in range(rnd.randrange(4)):
            k = "".join(rnd.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(4))
            ann.append((k, bytes(rnd.randrange(256) for _ in range(rnd.randrange(40)))))
        ann = list(dict(ann).items())
        size = rnd.choice([0, 5, 100, 101, 150, 700])
        if rnd.random() < 0.5:
            payload = bytes(rnd.randrange(256) for _ in range(size))
        else:
            payload = bytes(rnd.choice(b"ab") for _ in range(size))
        corr = rnd.choice([None, bytes(rnd.randrange(256) for _ in range(16))])
        out.append(case("random_%03d" % i, rnd.randrange(1, 7), payload, ser=rnd.choice([1, 2, 3, 4, 42]),
                        flags=rnd.randrange(0x10000) & ~0x42, seq=rnd.randrange(0x10000), ann=ann,
                        corr=corr, compress=rnd.random() < 0.5))
    return out


@Pyro5.api.expose
class Tester(object):
    def add(self, a, b):
        return a + b

    def text(self, n):
        return "x" * n

    @Pyro5.api.oneway
    def fire(self):
        pass


def daemon(args):
    if "--compression" in args:
        config.COMPRESSION = True
    d = Pyro5.api.Daemon(host="127.0.0.1", port=0)
    uri = d.register(Tester(), "tester")
    print("READY", uri, flush=True)
    d.requestLoop()


def main():
    if len(sys.argv) >= 2 and sys.argv[1] == "frames":
        print("READY", flush=True)
        for c in cases():
            print(json.dumps(c))
        print("END", flush=True)
    elif len(sys.argv) >= 2 and sys.argv[1] == "daemon":
        daemon(sys.argv[2:])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
