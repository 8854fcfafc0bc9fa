#!/usr/bin/python3
"""Real Pyro4 4.82 frames and a real Pyro4 daemon for the protocol (framing) tests.

    protocol_frames.py frames      prints "READY", then one JSON object per line, then "END".
                                   Each object is a message built by Pyro4.message.Message
                                   (compressed exactly as Pyro4's serializers do it) with its
                                   parameters:
                                     name      row name
                                     type, flags, seq, ser    header fields as given (flags
                                               never include COMPRESSED: Pyro sets it itself)
                                     ann       [[key, valuehex], ...] in the order given to
                                               Pyro4 (ascending keys, as our QMap writes them)
                                     key       HMAC key as hex, or null
                                     compress  COMPRESSION setting used for the payload
                                     payload   the plain payload (hex)
                                     frame     Message.to_bytes() (hex)
    protocol_frames.py daemon [--hmac KEY] [--compression]
                                   a Pyro4 daemon on 127.0.0.1, port 0, object id "tester";
                                   prints "READY <uri>" and serves until killed.
"""
import json
import random
import sys

import Pyro4
import Pyro4.message
import Pyro4.util
from Pyro4.message import Message


def compressed(payload, compress):
    # Pyro4's own rule (SerializerBase.__compressdata): >= 200 bytes and only if smaller.
    return Pyro4.util.SerpentSerializer()._SerializerBase__compressdata(payload, compress)


def case(name, msg_type, payload, ser=1, flags=0, seq=0, ann=(), key=None, compress=False):
    data, was_compressed = compressed(payload, compress)
    wire_flags = flags | (Pyro4.message.FLAGS_COMPRESSED if was_compressed else 0)
    annotations = {}
    for k, v in sorted(ann):  # ascending keys: the order our QMap-based writer emits
        annotations[k] = v
    msg = Message(msg_type, data, ser, wire_flags, seq, annotations=annotations, hmac_key=key)
    return {
        "name": name,
        "type": msg_type, "flags": flags, "seq": seq, "ser": ser,
        "ann": [[k, v.hex()] for k, v in sorted(ann)],
        "key": key.hex() if key is not None else None,
        "compress": compress,
        "payload": payload.hex(),
        "frame": msg.to_bytes().hex(),
    }


SERPENT_HDR = b"# serpent utf-8 python3.2\n"
CORR = bytes(range(16))


def cases():
    out = []
    call = SERPENT_HDR + b"('tester','add',(1,2),{})"
    names = {1: "connect", 2: "connectok", 3: "connectfail", 4: "invoke", 5: "result", 6: "ping"}
    for t, n in names.items():
        out.append(case("type_" + n, t, call, seq=1))
    out.append(case("empty_payload", 4, b"", seq=3))
    out.append(case("ping_helper", 6, b"ping", ser=42))
    for f in (0x01, 0x04, 0x08, 0x10, 0x20, 0x40, 0x21, 0x7D, 0x80, 0x4000, 0xFFFD):
        out.append(case("flags_0x%04x" % f, 5, call, flags=f, seq=2))
    for s in (0, 1, 255, 256, 32768, 65534, 65535):
        out.append(case("seq_%d" % s, 4, call, seq=s))
    for ser in (1, 2, 3, 4, 5, 6, 7, 42, 65535):
        out.append(case("serializer_%d" % ser, 4, b"\x00\x01payload\xff", ser=ser, seq=7))
    out.append(case("ann_corr", 5, call, ann=[("CORR", CORR)], seq=9))
    out.append(case("ann_corr_xusr", 4, call, ann=[("CORR", CORR), ("XUSR", b"u")], seq=9))
    out.append(case("ann_strm", 5, call, flags=0x21, ann=[("STRM", b"0e5ffee2-ab5b-4f32-8a98-0d6a2ce44339")]))
    out.append(case("ann_blbi", 4, call, flags=0x40, ann=[("BLBI", b")\x03N\xfa\x06tester\xfa\x03add")]))
    out.append(case("ann_nul_key", 4, call, ann=[("A\0\0\0", b"x")]))
    out.append(case("ann_empty_value", 4, call, ann=[("XTRA", b"")]))
    out.append(case("ann_1000_bytes", 4, call, ann=[("XBIG", bytes(range(256)) * 3 + b"z" * 232)]))
    out.append(case("ann_max_value", 4, b"", ann=[("XMAX", b"m" * (65535 - 6))]))
    out.append(case("ann_100_chunks", 4, call, ann=[("K%03d" % i, bytes([i]) * (i % 7)) for i in range(100)]))
    secret = b"secret"
    out.append(case("hmac_plain", 4, call, key=secret, seq=1))
    out.append(case("hmac_doc_example", 4, call, key=secret, ann=[("CORR", CORR), ("XUSR", b"u")]))
    out.append(case("hmac_empty_payload", 6, b"", key=secret))
    out.append(case("hmac_utf8_key", 2, call, key="pässwörd".encode(), ann=[("CORR", CORR)]))
    out.append(case("hmac_long_key", 5, call, key=bytes(range(100)), ann=[("CORR", CORR)]))
    out.append(case("hmac_one_byte_key", 5, call, key=b"k"))
    text199 = SERPENT_HDR + b"'" + b"a" * (199 - len(SERPENT_HDR) - 2) + b"'"
    text200 = SERPENT_HDR + b"'" + b"a" * (200 - len(SERPENT_HDR) - 2) + b"'"
    assert len(text199) == 199 and len(text200) == 200
    rnd = random.Random(48)
    noise = bytes(rnd.randrange(256) for _ in range(300))
    out.append(case("compress_199_bytes_not_compressed", 5, text199, compress=True))
    out.append(case("compress_200_bytes_compressed", 5, text200, compress=True))
    out.append(case("compress_off_200_bytes", 5, text200, compress=False))
    out.append(case("compress_incompressible_300", 5, noise, compress=True))
    out.append(case("compress_10000", 5, SERPENT_HDR + b"[" + b"1234," * 2000 + b"]", compress=True, seq=65535))
    out.append(case("compress_with_hmac", 5, text200, compress=True, key=secret, ann=[("CORR", CORR)]))
    out.append(case("compress_with_flags", 5, text200 * 3, flags=0x21, compress=True, ann=[("STRM", b"s" * 36)]))
    connect = SERPENT_HDR + b"{'handshake':'hello','object':'tester'}"
    out.append(case("doc_connect_checksum_0x356c", 1, connect, flags=0x10))
    out.append(case("doc_result_checksum_0x46d9", 5, bytes(rnd.randrange(256) for _ in range(70000)), flags=0x21,
                    seq=65535, ann=[("CORR", CORR), ("XTRA", b"t" * 14)]))
    out.append(case("doc_invoke_add", 4, call, seq=1))
    for i in range(150):
        ann = []
        for _ in range(rnd.randrange(4)):
            k = "".join(rnd.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(4))
            if k != "HMAC":
                ann.append((k, bytes(rnd.randrange(256) for _ in range(rnd.randrange(40)))))
        ann = list(dict(ann).items())
        size = rnd.choice([0, 5, 150, 199, 200, 201, 700])
        if rnd.random() < 0.5:
            payload = bytes(rnd.randrange(256) for _ in range(size))
        else:
            payload = bytes(rnd.choice(b"ab") for _ in range(size))
        out.append(case("random_%03d" % i, rnd.randrange(1, 7), payload, ser=rnd.choice([1, 2, 3, 4, 6, 42]),
                        flags=rnd.randrange(0x10000) & ~0x02, seq=rnd.randrange(0x10000), ann=ann,
                        key=rnd.choice([None, None, b"secret", bytes(rnd.randrange(256) for _ in range(rnd.randrange(1, 80)))]),
                        compress=rnd.random() < 0.5))
    return out


@Pyro4.expose
class Tester(object):
    def add(self, a, b):
        return a + b

    def text(self, n):
        return "x" * n

    @Pyro4.oneway
    def fire(self):
        pass


def daemon(args):
    key = None
    if "--hmac" in args:
        key = args[args.index("--hmac") + 1].encode()
    if "--compression" in args:
        Pyro4.config.COMPRESSION = True
    d = Pyro4.Daemon(host="127.0.0.1", port=0)
    if key:
        d._pyroHmacKey = key
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
