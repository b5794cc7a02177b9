#!/usr/bin/env bash
# CI for bad input (issue 6), on a fresh Debian 12 machine as root:
#   1. the whole test suite under AddressSanitizer + UndefinedBehaviorSanitizer, with
#      the library also instrumented for libFuzzer, whose targets come out of the same
#      build and run for FUZZ_SECONDS each (crash, leak, timeout or OOM fails the run);
#   2. the concurrency tests (one Tagger shared by many threads, RunBatch with several
#      threads, `polytag batch --threads`) under ThreadSanitizer.
# Any sanitizer report fails the run (-fno-sanitize-recover, halt_on_error).
# Environment: BUILD_ROOT (default build-robustness), FUZZ_SECONDS (default 60), JOBS.
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBIAN_FRONTEND=noninteractive
BUILD_ROOT=${BUILD_ROOT:-build-robustness}
FUZZ_SECONDS=${FUZZ_SECONDS:-60}
JOBS=${JOBS:-$(nproc)}

if [[ ${SKIP_APT:-0} != 1 ]]; then
  apt-get update
  apt-get install -y build-essential cmake ninja-build pkg-config libicu-dev libre2-dev libabsl-dev \
    nlohmann-json3-dev libpugixml-dev libyaml-cpp-dev libsimdjson-dev libgtest-dev libbenchmark-dev python3 python3-jsonschema \
    clang libclang-rt-14-dev
fi

export CC=clang CXX=clang++
export ASAN_OPTIONS=halt_on_error=1:detect_leaks=1:detect_stack_use_after_return=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
export TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1

# ---- 1. ASan + UBSan: the whole suite, and the fuzzers ---------------------------------
asan_flags="-fsanitize=address,undefined,fuzzer-no-link -fno-sanitize-recover=all -fno-omit-frame-pointer"
cmake -S . -B "$BUILD_ROOT/asan" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPOLYTAG_BUILD_FUZZERS=ON \
  -DCMAKE_CXX_FLAGS="$asan_flags" -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" \
  -DCMAKE_SHARED_LINKER_FLAGS="-fsanitize=address,undefined"
ninja -C "$BUILD_ROOT/asan" -j "$JOBS"
# Left out here, and run by the plain build: AllocTest replaces the global operator
# new, which the sanitizers own; package_consumer links an uninstrumented consumer
# against the instrumented library (.ci/packaging.sh covers it).
ctest --test-dir "$BUILD_ROOT/asan" --output-on-failure -j "$JOBS" -E '^(AllocTest\.|package_consumer$)'


status=0
for fuzzer in lexicon_parse tag batch record; do
  # libFuzzer adds what it finds to its first corpus directory: a copy, not tests/.
  work="$BUILD_ROOT/fuzz-work/$fuzzer"
  rm -rf "$work" && mkdir -p "$work/corpus" "$work/artifacts"
  cp tests/fuzz/corpus/"$fuzzer"/* "$work/corpus/"
  seeds=()
  [[ $fuzzer == lexicon_parse ]] && seeds=(lexicons)
  echo "== $fuzzer: ${FUZZ_SECONDS}s"
  if ! "$BUILD_ROOT/asan/tests/fuzz/${fuzzer}_fuzzer" "$work/corpus" "${seeds[@]}" \
      -max_total_time="$FUZZ_SECONDS" -timeout=10 -rss_limit_mb=2048 -max_len=8192 \
      -print_final_stats=1 -artifact_prefix="$work/artifacts/" 2>"$work/log"; then
    tail -n 60 "$work/log"
    echo "FUZZER FAILED: $fuzzer; the input is in $work/artifacts/: add it to tests/fuzz/corpus/$fuzzer and fix the bug"
    status=1
  fi
  grep -E '^stat::number_of_executed_units|^stat::peak_rss_mb|^#[0-9]+ *DONE' "$work/log" || true
done
[[ $status == 0 ]] || exit "$status"

# ---- 2. TSan: the concurrency tests ----------------------------------------------------
tsan_flags="-fsanitize=thread -fno-omit-frame-pointer"
cmake -S . -B "$BUILD_ROOT/tsan" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPOLYTAG_BUILD_BENCHMARKS=OFF \
  -DCMAKE_CXX_FLAGS="$tsan_flags" -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=thread" \
  -DCMAKE_SHARED_LINKER_FLAGS="-fsanitize=thread"
ninja -C "$BUILD_ROOT/tsan" -j "$JOBS" polytag_tests polytag_tool
"$BUILD_ROOT/tsan/tests/polytag_tests" \
  --gtest_filter='RobustnessTest.OneTagger*:RobustnessTest.Batch*:BatchTest.*:TaggerTest.Concurrent*'
python3 tests/cli_test.py --polytag "$BUILD_ROOT/tsan/examples/polytag" --source-dir . BatchTest
echo "robustness: all passed"
