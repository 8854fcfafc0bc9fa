#!/bin/sh
# Builds the libFuzzer targets (the "fuzz" CMake preset: clang++, PYRO_FUZZ=ON) and runs each
# for a bounded time with a seed corpus written by real Python Pyro4 (tests/peers/golden.py).
#
#   tests/fuzz/run_fuzzers.sh [SECONDS] [TARGET...]
#
#   SECONDS   -max_total_time per target (default 60)
#   TARGET    fuzz_serpent fuzz_json fuzz_marshal fuzz_msgpack fuzz_pickle fuzz_framereader
#             fuzz_framereader5 fuzz_literal (default: all that were built)
#
# Environment: PYRO5_PEER_DIR is the vendored Pyro5 (default ../shared/peers/pyro5), for the 502
# seeds; PYRO_FUZZ_BUILD_DIR uses that build directory (configured like the preset)
# instead of the preset's build-fuzz; PYRO_FUZZ_JOBS is the build parallelism (default 2).
# Corpora grow in BUILD/fuzz-corpus/TARGET, crashes land in BUILD/fuzz-artifacts/TARGET/.
# Exit status: 0 when no target found a crash, leak, timeout or failed check, 1 otherwise.
set -eu

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PYTHON=${PYRO_PYTHON:-/usr/bin/python3}
SECONDS_PER_TARGET=${1:-60}
[ $# -gt 0 ] && shift
ALL="fuzz_serpent fuzz_json fuzz_marshal fuzz_msgpack fuzz_pickle fuzz_framereader fuzz_framereader5 fuzz_literal"
TARGETS=${*:-$ALL}

cd "$ROOT"
if [ -n "${PYRO_FUZZ_BUILD_DIR:-}" ]; then
    BUILD=$PYRO_FUZZ_BUILD_DIR
    cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DPYRO_FUZZ=ON \
        -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
else
    BUILD=$ROOT/build-fuzz
    cmake --preset fuzz >/dev/null
fi

# Build what exists (fuzz_literal only once the literal parser is in the tree).
BUILT=""
for t in $TARGETS; do
    if ninja -C "$BUILD" -t targets all 2>/dev/null | grep -q "^$t:"; then
        BUILT="$BUILT $t"
    else
        echo "== $t: not defined in this tree, skipped"
    fi
done
[ -n "$BUILT" ] || { echo "nothing to build"; exit 1; }
# shellcheck disable=SC2086
cmake --build "$BUILD" -j "${PYRO_FUZZ_JOBS:-2}" --target $BUILT

# Seeds: one file per corpus value and call envelope, as Python Pyro4 writes them.
SEEDS=$BUILD/fuzz-seeds
seed_serializer() { # serializer dir
    mkdir -p "$2"
    for cmd in dump dumpcall; do
        "$PYTHON" "$ROOT/tests/peers/golden.py" "$cmd" "$1" | while read -r name hex rest; do
            case "$name" in READY|END|SKIP) continue ;; esac
            printf '%s' "$hex" | "$PYTHON" -c 'import sys,binascii; sys.stdout.buffer.write(binascii.unhexlify(sys.stdin.read().strip()))' >"$2/$name"
        done
    done
}
seed_frames() { # dir: real Pyro4 frames, prefixed by the mode byte fuzz_framereader reads
    mkdir -p "$1"
    "$PYTHON" - "$1" <<'PY'
import os, sys, Pyro4.message as m, Pyro4.util
out = sys.argv[1]
ser = Pyro4.util.get_serializer("serpent")
payload, _ = ser.serializeCall("tester", "add", (1, 2), {})
frames = {
    "invoke": m.Message(m.MSG_INVOKE, payload, 1, 0, 7, annotations={"CORR": b"0123456789abcdef"}),
    "ping": m.Message(m.MSG_PING, b"ping", 42, 0, 1),
    "connect": m.Message(m.MSG_CONNECT, b"x" * 300, 1, m.FLAGS_META_ON_CONNECT, 0),
}
for name, msg in frames.items():
    with open(os.path.join(out, name), "wb") as f:
        f.write(b"\x00" + msg.to_bytes())
    with open(os.path.join(out, name + "_twice"), "wb") as f:
        f.write(b"\x00" + msg.to_bytes() * 2)
data, compressed = ser.serializeData(["y" * 1000], compress=True)
big = m.Message(m.MSG_RESULT, data, 1, m.FLAGS_COMPRESSED if compressed else 0, 3)
with open(os.path.join(out, "compressed"), "wb") as f:
    f.write(b"\x00" + big.to_bytes())
hm = m.Message(m.MSG_INVOKE, payload, 1, 0, 9, hmac_key=b"fuzzkey")
with open(os.path.join(out, "hmac"), "wb") as f:
    f.write(b"\x01" + hm.to_bytes())
PY
}

seed_frames5() { # dir: real Pyro5 5.16 frames (tests/peers/pyro5_frames.py), mode byte first
    mkdir -p "$1"
    # Pyro5 refuses to import with PYRO_* variables it does not know (PYRO_FUZZ_JOBS, ...).
    (for v in $(env | sed -n 's/^\(PYRO_[A-Za-z0-9_]*\)=.*/\1/p'); do unset "$v"; done
     PYTHONPATH=${PYRO5_PEER_DIR:-$ROOT/../shared/peers/pyro5} PYTHONDONTWRITEBYTECODE=1 "$PYTHON" "$ROOT/tests/peers/pyro5_frames.py" frames) | "$PYTHON" -c '
import json, os, sys
out = sys.argv[1]
for line in sys.stdin:
    if not line.startswith("{"):
        continue
    c = json.loads(line)
    frame = bytes.fromhex(c["frame"])
    if len(frame) > 60000 or c["name"].startswith("random_1"):
        continue
    for mode in (0, 1):
        with open(os.path.join(out, "%s_%d" % (c["name"], mode)), "wb") as f:
            f.write(bytes([mode]) + frame)
' "$1"
}

FAILED=""
for t in $BUILT; do
    seeds=$SEEDS/$t
    case "$t" in
        fuzz_serpent|fuzz_json|fuzz_marshal|fuzz_msgpack|fuzz_pickle)
            seed_serializer "${t#fuzz_}" "$seeds" ;;
        fuzz_literal)
            seed_serializer serpent "$seeds" ;; # serpent text is Python literal syntax
        fuzz_framereader)
            seed_frames "$seeds" ;;
        fuzz_framereader5)
            seed_frames5 "$seeds" ;;
    esac
    corpus=$BUILD/fuzz-corpus/$t
    artifacts=$BUILD/fuzz-artifacts/$t/
    mkdir -p "$corpus" "$artifacts"
    echo "== $t: ${SECONDS_PER_TARGET}s"
    if "$BUILD/tests/fuzz/$t" -max_total_time="$SECONDS_PER_TARGET" -timeout=20 -rss_limit_mb=2048 \
        -max_len=65536 -print_final_stats=1 -artifact_prefix="$artifacts" "$corpus" "$seeds" \
        >"$BUILD/fuzz-$t.log" 2>&1; then
        echo "   ok ($(grep -c . "$BUILD/fuzz-$t.log") log lines, $(ls "$corpus" | wc -l) corpus files)"
    else
        echo "   FAILED: see $BUILD/fuzz-$t.log and $artifacts"
        grep -E "ERROR|SUMMARY|abort|round trip|offset" "$BUILD/fuzz-$t.log" | head -5 | sed 's/^/   /'
        FAILED="$FAILED $t"
    fi
done

if [ -n "$FAILED" ]; then
    echo "failed:$FAILED"
    exit 1
fi
echo "all fuzz targets ran clean"
