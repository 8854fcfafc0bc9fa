#!/usr/bin/env bash
# Builds the tests with AddressSanitizer + UndefinedBehaviorSanitizer (CMake preset asan-ubsan,
# Debug, build dir build-asan) and runs them with CTest. Not part of the normal CI run: a Debug
# build with sanitizers is several times slower than the normal build, and on a 2-core machine
# a full build plus run takes the better part of an hour (core tests alone roughly 30-40 minutes).
#
#   scripts/test-sanitizers.sh              all tests
#   scripts/test-sanitizers.sh core         only the core library tests (tests/core)
#   scripts/test-sanitizers.sh -R <regex>   only the tests matching <regex> (builds everything)
#
# The sanitizer options (leak detection, abort on the first UBSan report, the LeakSanitizer
# suppressions in tests/sanitizers/lsan.supp) are set per test by tests/CMakeLists.txt when
# PYRO_SANITIZE is on; values already in the environment take precedence only if exported here.
set -euo pipefail
cd "$(dirname "$0")/.."

jobs=${JOBS:-$(nproc)}
cmake --preset asan-ubsan -DPYRO_WERROR=ON >/dev/null

ctest_args=(--preset asan-ubsan)
if [ "${1:-}" = core ]; then
    shift
    # Test targets of tests/core only: no GUI, no CLI.
    mapfile -t targets < <(grep -ho 'pyro_add_test(tst_[A-Za-z0-9_]*' tests/core/*/CMakeLists.txt \
                            | sed 's/pyro_add_test(//')
    cmake --build --preset asan-ubsan -j "$jobs" --target "${targets[@]}"
    regex=$(IFS='|'; echo "^(${targets[*]})\$")
    ctest_args+=(-R "$regex")
else
    cmake --build --preset asan-ubsan -j "$jobs"
fi

start=$(date +%s)
status=0
ctest "${ctest_args[@]}" "$@" || status=$?
echo "test-sanitizers: ctest took $(( $(date +%s) - start ))s, exit status $status"
exit $status
