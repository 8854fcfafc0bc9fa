#!/usr/bin/env bash
# Set-up for a fresh Debian 12 machine (run as root): installs what is missing, builds, then
#   setup.sh run    builds only pyro-explorer and pyroctl, then starts the explorer on its
#                   embedded demo (pyroctl --help when there is no display)
#   setup.sh test   builds with warnings as errors and runs the whole test suite (CTest)
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(cmake ninja-build g++ pkg-config
          qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
          libgl-dev zlib1g-dev
          python3 python3-pyro4 python3-serpent python3-msgpack python3-numpy
          xvfb xauth openssl)

missing=()
for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "setup: installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

mode=${1:-run}
case "$mode" in
run)
    cmake --preset default >/dev/null
    # Only what the window and the CLI need: no tests, benchmarks or examples.
    cmake --build --preset default --target pyro-explorer pyroctl
    if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
        exec build/app/gui/pyro-explorer --demo
    fi
    exec build/app/cli/pyroctl --help
    ;;
test)
    cmake --preset ci >/dev/null
    cmake --build --preset ci
    exec ctest --preset ci -j2
    ;;
*)
    echo "usage: $0 [run|test]" >&2
    exit 2
    ;;
esac
