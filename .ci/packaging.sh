#!/usr/bin/env bash
# CI: polytag as its users take it. For a static and a shared build: install, then
# build and run tests/consumer through find_package(polytag) and through pkg-config
# (tests/consumer/run.sh); the shared build also runs the whole test suite. Then the
# consumer with add_subdirectory(polytag). Needs the packages .ci/run installs.
#   .ci/packaging.sh [WORK_DIR]    (default: build-packaging)
set -euo pipefail
cd "$(dirname "$0")/.."
work="${1:-build-packaging}"
consumer=tests/consumer/run.sh

# ---- static (the default): install, find_package and pkg-config consumers ----
cmake -S . -B "$work/static" -G Ninja -DCMAKE_BUILD_TYPE=Release -DPOLYTAG_BUILD_TESTS=OFF -DPOLYTAG_BUILD_BENCHMARKS=OFF
cmake --build "$work/static"
"$consumer" installed "$work/static" "$work/static-consumer"

# ---- shared: the whole test suite (which runs the installed consumer too) ----
cmake -S . -B "$work/shared" -G Ninja -DCMAKE_BUILD_TYPE=Release -DBUILD_SHARED_LIBS=ON
cmake --build "$work/shared"
ctest --test-dir "$work/shared" --output-on-failure

# ---- add_subdirectory(polytag) ----
"$consumer" subdirectory "$PWD" "$work/subdirectory-consumer"

echo "packaging: ok"
