#!/bin/sh
# Regenerates docs/screenshots/*.png: builds pyro-explorer if needed, runs it on the embedded
# demo under a virtual X server (xvfb-run) and lets it drive itself through its main screens
# (the hidden --screenshot-dir option, see app/gui/screenshotter.h).
#
#   scripts/screenshots.sh [BUILD_DIR]      (default: build)
#
# Needs xvfb-run (Debian: xvfb). LANG decides the language (LANG=de_DE.UTF-8 for German);
# the window is 1280x720 unless PYRO_SCREENSHOT_SIZE says otherwise (e.g. 1024x768), and
# OUT=DIR writes the PNGs somewhere other than docs/screenshots. The explorer speaks Pyro5
# (protocol 502) to the demo's name server and daemon, which serve both protocols;
# PYRO_SCREENSHOT_PROTOCOL=auto leaves the detection alone (it picks Pyro4 first).
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${1:-$ROOT/build}
OUT=${OUT:-$ROOT/docs/screenshots}

if [ ! -f "$BUILD/build.ninja" ] && [ ! -f "$BUILD/Makefile" ]; then
    cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
fi
cmake --build "$BUILD" --target pyro-explorer
EXE=$BUILD/app/gui/pyro-explorer

command -v xvfb-run >/dev/null || { echo "screenshots.sh: xvfb-run not found (apt install xvfb)" >&2; exit 1; }
mkdir -p "$OUT"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
# A private settings/config home so that the user's profiles and recent servers stay out.
PYRO_SCREENSHOT_PROTOCOL=${PYRO_SCREENSHOT_PROTOCOL:-5} XDG_CONFIG_HOME=$TMP/config XDG_DATA_HOME=$TMP/data QT_QPA_PLATFORM=xcb \
    xvfb-run -a -s "-screen 0 1920x1200x24" "$EXE" --screenshot-dir "$TMP/png"
for f in "$TMP"/png/*.png; do
    cp "$f" "$OUT/"
done
ls -l "$OUT"
