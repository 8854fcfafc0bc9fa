#!/bin/sh
# Serializer throughput, C++ against Python Pyro4 on the same corpus, in one run.
# Usage: bench/serializers/run.sh [build dir] [serializer ...]
# Round trip MB/s = payload bytes / (encode time + decode time); ratio = C++ / Python.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../../build}
[ $# -gt 0 ] && shift
bin=$build/bench/serializers/bench_serializers
[ -x "$bin" ] || { echo "run.sh: $bin not built (cmake --build $build --target bench_serializers)" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$bin" "$@" > "$tmp/cpp"
/usr/bin/python3 "$here/bench_python_serializers.py" "$@" > "$tmp/py"
grep '^SKIP' "$tmp/cpp" | sed 's/^/C++ /' >&2 || true
grep '^SKIP' "$tmp/py" | sed 's/^/Python /' >&2 || true
awk '
    FNR == 1 { side = (FILENAME ~ /cpp$/) ? "c" : "p" }
    $1 == "RESULT" {
        key = $2 " " $3
        secs = ($5 > 0) ? $6 / 1e6 / $5 : 0
        t[side, key] += secs; b[side, key] = $6; m[side, key, $4] = $5
        if (side == "c" && !(key in seen)) { seen[key] = 1; order[n++] = key }
    }
    END {
        printf "%-9s %-8s %10s %10s %10s %10s %10s %10s %8s\n", "serial.", "corpus", "C++ enc", "C++ dec", "Py enc", "Py dec", "C++ rt", "Py rt", "ratio"
        for (i = 0; i < n; i++) {
            k = order[i]
            crt = (t["c", k] > 0) ? b["c", k] / 1e6 / t["c", k] : 0
            prt = (t["p", k] > 0) ? b["p", k] / 1e6 / t["p", k] : 0
            split(k, kk, " ")
            printf "%-9s %-8s %10.1f %10.1f %10.1f %10.1f %10.1f %10.1f %7.1fx\n", kk[1], kk[2], m["c", k, "encode"], m["c", k, "decode"], m["p", k, "encode"], m["p", k, "decode"], crt, prt, (prt > 0) ? crt / prt : 0
        }
        print "(MB/s of payload; rt = round trip, bytes / (encode + decode time); ratio = C++ rt / Python rt)"
    }' "$tmp/cpp" "$tmp/py"
