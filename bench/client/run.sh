#!/bin/sh
# pyroctl bench against the equivalent Python Pyro4 client loop, on the same Python daemon,
# in the same run. Prints both lines per mode and the ratios (C++ / Python: throughput higher
# is better, CPU per call lower is better).
#
#   bench/client/run.sh [BUILD_DIR] [CALLS] [CONNECTIONS] [SERIALIZER]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../../build}
calls=${2:-20000}
connections=${3:-1}
serializer=${4:-serpent}
python=/usr/bin/python3
pyroctl=$build/app/cli/pyroctl
[ -x "$pyroctl" ] || { echo "run.sh: $pyroctl not built (cmake --build $build --target pyroctl)" >&2; exit 2; }

fifo=$(mktemp -u)
mkfifo "$fifo"
"$python" "$here/bench_peer.py" >"$fifo" &
peer=$!
trap 'kill $peer 2>/dev/null; rm -f "$fifo"' EXIT INT TERM
exec 3<"$fifo"
read -r ready uri <&3
[ "$ready" = READY ] || { echo "run.sh: the peer did not start" >&2; exit 1; }

field() { echo "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"; }

printf '%-7s %12s %12s %8s %14s %14s %8s\n' mode "c++ calls/s" "py calls/s" ratio "c++ cpu us" "py cpu us" ratio
for mode in sync oneway batch stream; do
    method=echo
    args=1
    if [ "$mode" = stream ]; then method=numbers; args=; fi
    # shellcheck disable=SC2086
    cpp=$("$pyroctl" --serializer "$serializer" bench "$uri" $method $args --calls "$calls" \
          --connections "$connections" --mode "$mode")
    py=$("$python" "$here/bench_python_client.py" "$uri" "$mode" "$calls" "$connections" "$serializer")
    cr=$(field "$cpp" calls_per_s); pr=$(field "$py" calls_per_s)
    cc=$(field "$cpp" cpu_us_per_call); pc=$(field "$py" cpu_us_per_call)
    awk -v m="$mode" -v cr="$cr" -v pr="$pr" -v cc="$cc" -v pc="$pc" 'BEGIN {
        printf "%-7s %12.1f %12.1f %7.2fx %14.2f %14.2f %7.2fx\n", m, cr, pr, cr / pr, cc, pc, pc / cc }'
done
