#!/bin/bash
# Daemon + client throughput on loopback, in one run (builds nothing):
#   (a) our client (bench_daemon) against our daemon (bench_daemon_server, its own process),
#   (b) Python Pyro4's client against Python Pyro4's daemon (bench_python.py, same object),
#   (c) a raw QTcpSocket ping-pong with the byte sizes of a real ping() INVOKE/RESULT (the floor),
#   (d) our client against our daemon over 1, 2 and 4 parallel connections (and the raw floor).
# Prints one table: rates, ours/Python, the sync latency ratio ours/raw, CPU per operation
# (client + server process, user + system).
#
#   bench/daemon/run.sh BUILD_DIR
#
# PROTOCOL=5 runs the same over Pyro5's protocol 502: our client speaking 502 to our daemon
# (which serves both on one port), beside Python Pyro5 5.16's client and daemon (the vendored
# copy in ../shared/peers/pyro5, or PYRO5_PEER_DIR), and a raw floor of 502's frame sizes.
#
# Counts (environment): SYNC=20000 ONEWAY=50000 BATCH=200000 BATCH_SIZE=1000 STREAM=100000.
# Python runs COUNT/PY_DIV of each (PY_DIV=10) to keep the whole run under two minutes; rates
# are per second, so they compare directly.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../../build}
bin=$build/bench/daemon
python=/usr/bin/python3
PROTOCOL=${PROTOCOL:-4}
# bench_python.py --pyro 4|5: the same Python object and client loops for Pyro4 and Pyro5.
pyscript=$here/bench_python.py
if [ "$PROTOCOL" = 5 ]; then
    export PYTHONPATH=${PYRO5_PEER_DIR:-$here/../../../shared/peers/pyro5}${PYTHONPATH:+:$PYTHONPATH}
    export PYTHONDONTWRITEBYTECODE=1 BENCH_DAEMON_PROTOCOL=5
fi
SYNC=${SYNC:-20000} ONEWAY=${ONEWAY:-50000} BATCH=${BATCH:-200000} BATCH_SIZE=${BATCH_SIZE:-1000}
STREAM=${STREAM:-100000} PY_DIV=${PY_DIV:-10}
for b in bench_daemon bench_daemon_server; do
    [ -x "$bin/$b" ] || { echo "run.sh: $bin/$b not built (cmake --build $build --target $b)" >&2; exit 2; }
done

tmp=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$tmp"; }
trap cleanup EXIT INT TERM
tck=$(getconf CLK_TCK)

# start_server NAME CMD...: runs CMD, waits for its READY line; sets $srv_pid and $srv_addr.
start_server() {
    local name=$1 line
    shift
    mkfifo "$tmp/$name.fifo"
    "$@" >"$tmp/$name.fifo" &
    srv_pid=$!
    pids+=("$srv_pid")
    exec {fd}<"$tmp/$name.fifo"
    read -r line <&"$fd" || true
    case $line in
        "READY raw "*) srv_addr=${line#READY raw } ;;
        "READY "*) srv_addr=${line#READY } ;;
        *) echo "run.sh: $name did not start" >&2; exit 1 ;;
    esac
}
# CPU ticks (user + system) of a process so far.
ticks() { sed 's/^.*) //' "/proc/$1/stat" | awk '{ print $12 + $13 }'; }
field() { tr ' ' '\n' <<<"$1" | sed -n "s/^$2=//p"; }

# measure KEY SERVER_PID CLIENT_CMD...: appends "KEY per_s cpu_us_per_op" to $tmp/results.
measure() {
    local key=$1 spid=$2 out s0 s1
    shift 2
    s0=$(ticks "$spid")
    out=$("$@" | grep '^RESULT')
    s1=$(ticks "$spid")
    awk -v k="$key" -v r="$(field "$out" per_s)" -v n="$(field "$out" ops)" -v c="$(field "$out" cpu_s)" \
        -v s="$(( s1 - s0 ))" -v t="$tck" 'BEGIN { printf "%s %s %.2f\n", k, r, (c + s / t) * 1e6 / n }' >>"$tmp/results"
}

read -r _ req rep < <("$bin/bench_daemon" sizes "$PROTOCOL")
start_server ours "$bin/bench_daemon_server" pyro
ours_pid=$srv_pid ours_uri=$srv_addr
start_server python "$python" "$pyscript" --pyro "$PROTOCOL" server
py_pid=$srv_pid py_uri=$srv_addr
start_server raw "$bin/bench_daemon_server" raw "$req" "$rep"
raw_pid=$srv_pid raw_addr=$srv_addr

# Warm-up (first connections, page faults, Python imports), not reported.
"$bin/bench_daemon" pyro "$ours_uri" sync 500 >/dev/null
"$python" "$pyscript" --pyro "$PROTOCOL" client "$py_uri" sync 100 >/dev/null

measure ours.sync "$ours_pid" "$bin/bench_daemon" pyro "$ours_uri" sync "$SYNC"
measure py.sync "$py_pid" "$python" "$pyscript" --pyro "$PROTOCOL" client "$py_uri" sync $(( SYNC / PY_DIV ))
measure raw.sync "$raw_pid" "$bin/bench_daemon" raw "$raw_addr" "$SYNC" 1 "$req" "$rep"
measure ours.oneway "$ours_pid" "$bin/bench_daemon" pyro "$ours_uri" oneway "$ONEWAY"
measure py.oneway "$py_pid" "$python" "$pyscript" --pyro "$PROTOCOL" client "$py_uri" oneway $(( ONEWAY / PY_DIV ))
measure ours.batch "$ours_pid" "$bin/bench_daemon" pyro "$ours_uri" batch "$BATCH" 1 "$BATCH_SIZE"
measure py.batch "$py_pid" "$python" "$pyscript" --pyro "$PROTOCOL" client "$py_uri" batch $(( BATCH / PY_DIV )) 1 "$BATCH_SIZE"
measure ours.stream "$ours_pid" "$bin/bench_daemon" pyro "$ours_uri" stream "$STREAM"
measure py.stream "$py_pid" "$python" "$pyscript" --pyro "$PROTOCOL" client "$py_uri" stream $(( STREAM / PY_DIV ))
for c in 2 4; do
    measure "ours.sync$c" "$ours_pid" "$bin/bench_daemon" pyro "$ours_uri" sync "$SYNC" "$c"
    measure "raw.sync$c" "$raw_pid" "$bin/bench_daemon" raw "$raw_addr" "$SYNC" "$c" "$req" "$rep"
done

echo "bench/daemon: protocol $([ "$PROTOCOL" = 5 ] && echo "502 (Pyro5)" || echo "48 (Pyro4)"), loopback, serpent, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)," \
     "ping() = $req-byte INVOKE / $rep-byte RESULT"
awk '
    { rate[$1] = $2; cpu[$1] = $3 }
    function row(label, conns, o, p, r,    line) {
        line = sprintf("%-22s %5s %11.0f", label, conns, rate[o])
        line = line ((p in rate) ? sprintf(" %11.0f %7.1fx", rate[p], rate[o] / rate[p]) : sprintf(" %11s %8s", "-", "-"))
        line = line ((r in rate) ? sprintf(" %11.0f %7.2fx", rate[r], rate[r] / rate[o]) : sprintf(" %11s %8s", "-", "-"))
        line = line sprintf(" %9.1f", cpu[o]) ((p in cpu) ? sprintf(" %9.1f", cpu[p]) : sprintf(" %9s", "-"))
        print line
    }
    END {
        printf "%-22s %5s %11s %11s %8s %11s %8s %9s %9s\n", "operation", "conns", "ours /s", "python /s", "ours/py",
               "raw /s", "lat o/r", "us/op o", "us/op py"
        row("sync ping()", 1, "ours.sync", "py.sync", "raw.sync")
        row("oneway fire(1)", 1, "ours.oneway", "py.oneway", "")
        row("batched echo(1)", 1, "ours.batch", "py.batch", "")
        row("stream items", 1, "ours.stream", "py.stream", "")
        row("sync ping()", 2, "ours.sync2", "", "raw.sync2")
        row("sync ping()", 4, "ours.sync4", "", "raw.sync4")
        print "(ops/s; ours/py = rate ratio; lat o/r = our sync latency / raw ping-pong latency, same sizes;"
        print " us/op = CPU microseconds per operation, client + server process, user + system)"
        printf "goals: sync >= 3x python: %s (%.1fx); sync latency <= 1.5x raw: %s (%.2fx); oneway >= 20x: %s (%.1fx);\n",
            (rate["ours.sync"] >= 3 * rate["py.sync"] ? "yes" : "NO"), rate["ours.sync"] / rate["py.sync"],
            (rate["raw.sync"] <= 1.5 * rate["ours.sync"] ? "yes" : "NO"), rate["raw.sync"] / rate["ours.sync"],
            (rate["ours.oneway"] >= 20 * rate["py.oneway"] ? "yes" : "NO"), rate["ours.oneway"] / rate["py.oneway"]
        printf "       batch >= 20x: %s (%.1fx); sync scaling 1->2->4 connections: %.2fx, %.2fx (raw %.2fx, %.2fx)\n",
            (rate["ours.batch"] >= 20 * rate["py.batch"] ? "yes" : "NO"), rate["ours.batch"] / rate["py.batch"],
            rate["ours.sync2"] / rate["ours.sync"], rate["ours.sync4"] / rate["ours.sync"],
            rate["raw.sync2"] / rate["raw.sync"], rate["raw.sync4"] / rate["raw.sync"]
    }' "$tmp/results"
