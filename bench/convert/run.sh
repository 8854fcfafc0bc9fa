#!/bin/sh
# Whole-process `convert` (decode + encode of one value, stdin to stdout) against Python
# Pyro4's own serializer on the same bytes, in one run, alternating the two.
# Usage: bench/convert/run.sh BUILD [MEGABYTES [RUNS [serializer ...]]]
# Inputs: a list of records (see make_records.py) of about MEGABYTES, with and without a
# 2**70 big int per record. Prints the median wall and CPU seconds and peak RSS of each
# side and the ratio python/ours (how many times faster we are).
# BASE=OTHER_BUILD also runs OTHER_BUILD's bench_convert in the same turns (before/after on
# the same bytes at the same time) and prints its figures on a "base" line under each row.
# VARIANTS="big" (default "big nobig") limits the inputs.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=${1:?usage: run.sh BUILD [MEGABYTES [RUNS [serializer ...]]]}
mb=${2:-5}
runs=${3:-5}
[ $# -gt 3 ] && shift 3 || set --
[ $# -gt 0 ] || set -- json msgpack serpent marshal
bin=$build/bench/convert/bench_convert
[ -x "$bin" ] || { echo "run.sh: $bin not built (cmake --build $build --target bench_convert)" >&2; exit 2; }
py=/usr/bin/python3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
printf '%-8s %-9s %9s %9s %9s %9s %9s %9s %8s %8s\n' serial. input "ours s" "ours cpu" "ours MB" "py s" "py cpu" "py MB" "wall x" "cpu x"
base=${BASE:-}
[ -z "$base" ] || [ -x "$base/bench/convert/bench_convert" ] || { echo "run.sh: $base/bench/convert/bench_convert not built" >&2; exit 2; }
for s in "$@"; do
    for variant in ${VARIANTS:-big nobig}; do
        input=$tmp/$s.$variant
        flag=; [ $variant = nobig ] && flag=--no-bigint
        $py "$here/make_records.py" "$s" "$mb" "$input" $flag > /dev/null
        : > "$tmp/ours"; : > "$tmp/py"; : > "$tmp/base"
        for i in $(seq 0 "$runs"); do # run 0 is a warm-up
            /usr/bin/time -f '%e %U %S %M' -o "$tmp/t" "$bin" "$s" < "$input" > /dev/null
            [ "$i" -gt 0 ] && cat "$tmp/t" >> "$tmp/ours"
            if [ -n "$base" ]; then
                /usr/bin/time -f '%e %U %S %M' -o "$tmp/t" "$base/bench/convert/bench_convert" "$s" < "$input" > /dev/null
                [ "$i" -gt 0 ] && cat "$tmp/t" >> "$tmp/base"
            fi
            /usr/bin/time -f '%e %U %S %M' -o "$tmp/t" $py "$here/convert_python.py" "$s" < "$input" > /dev/null
            [ "$i" -gt 0 ] && cat "$tmp/t" >> "$tmp/py"
        done
        ow=$(awk '{ print $1 }' "$tmp/ours" | median); oc=$(awk '{ print $2 + $3 }' "$tmp/ours" | median)
        om=$(awk '{ print $4 / 1024 }' "$tmp/ours" | median)
        pw=$(awk '{ print $1 }' "$tmp/py" | median); pc=$(awk '{ print $2 + $3 }' "$tmp/py" | median)
        pm=$(awk '{ print $4 / 1024 }' "$tmp/py" | median)
        printf '%-8s %-9s %9.2f %9.2f %9.0f %9.2f %9.2f %9.0f %7.1fx %7.1fx\n' "$s" "$variant" "$ow" "$oc" "$om" "$pw" "$pc" "$pm" \
            "$(echo "$pw $ow" | awk '{ print $1 / $2 }')" "$(echo "$pc $oc" | awk '{ print $1 / $2 }')"
        if [ -n "$base" ]; then
            bw=$(awk '{ print $1 }' "$tmp/base" | median); bc=$(awk '{ print $2 + $3 }' "$tmp/base" | median)
            bm=$(awk '{ print $4 / 1024 }' "$tmp/base" | median)
            printf '%-8s %-9s %9.2f %9.2f %9.0f %9s %9s %9s %7.1fx %7.1fx\n' "  base" "$variant" "$bw" "$bc" "$bm" "" "" "" \
                "$(echo "$pw $bw" | awk '{ print $1 / $2 }')" "$(echo "$pc $bc" | awk '{ print $1 / $2 }')"
        fi
    done
done
echo "(medians of $runs runs after a warm-up, alternating; s = wall seconds, cpu = user + sys, MB = peak RSS;"
echo " wall x / cpu x = Python's figure / ours)"
