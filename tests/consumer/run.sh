#!/usr/bin/env bash
# Checks polytag's packaging from a consumer's side. Two modes:
#
#   run.sh installed BUILD_DIR WORK_DIR
#       `cmake --install BUILD_DIR` into WORK_DIR/prefix, then: the consumer project
#       through find_package(polytag 0.2); find_package refusing incompatible versions;
#       the consumer compiled and linked with `pkg-config --cflags --libs polytag`; the
#       installed tool's --version and JSON; for a shared build, the SONAME and that
#       only the public API is exported.
#   run.sh subdirectory SOURCE_DIR WORK_DIR [CMAKE_ARG...]
#       the consumer project with add_subdirectory(SOURCE_DIR).
#
# Exits non-zero, saying what failed, on the first failure.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
mode="${1:?usage: run.sh installed BUILD_DIR WORK_DIR | subdirectory SOURCE_DIR WORK_DIR [CMAKE_ARG...]}"
target="${2:?missing BUILD_DIR or SOURCE_DIR}"
work="${3:?missing WORK_DIR}"
shift 3
cmake="${CMAKE:-cmake}"
generator=()
if command -v ninja >/dev/null; then generator=(-G Ninja); fi

fail() { echo "FAIL: $*" >&2; exit 1; }
step() { echo "---- $*"; }

rm -rf "$work"
mkdir -p "$work"
work="$(cd "$work" && pwd)"

run_consumer() {  # the consumer binary must print "consumer: ok VERSION ..."
  local out
  out="$("$@")" || fail "the consumer failed: $*"
  echo "$out"
  [[ "$out" == "consumer: ok "* ]] || fail "unexpected consumer output: $out"
}

if [[ "$mode" == subdirectory ]]; then
  step "add_subdirectory($target)"
  "$cmake" -S "$here" -B "$work/consumer" "${generator[@]}" -DCMAKE_BUILD_TYPE=Release \
        -DPOLYTAG_SOURCE_DIR="$target" "$@"
  "$cmake" --build "$work/consumer"
  run_consumer "$work/consumer/consumer"
  echo "subdirectory consumer: ok"
  exit 0
fi
[[ "$mode" == installed ]] || fail "unknown mode '$mode'"

build="$target"
prefix="$work/prefix"
shared="$(sed -n 's/^BUILD_SHARED_LIBS:BOOL=//p' "$build/CMakeCache.txt")"
case "$shared" in ON|on|TRUE|true|1|YES|yes) shared=1 ;; *) shared=0 ;; esac

step "cmake --install $build --prefix $prefix"
"$cmake" --install "$build" --prefix "$prefix"
config="$(find "$prefix" -name polytagConfig.cmake)"
pc="$(find "$prefix" -name polytag.pc)"
[[ -n "$config" && -n "$pc" ]] || fail "no polytagConfig.cmake or polytag.pc under $prefix"
[[ -f "$prefix/include/polytag/polytag.h" && -f "$prefix/include/polytag/version.h" &&
   -f "$prefix/include/polytag/export.h" ]] || fail "public headers missing under $prefix/include"
[[ -f "$prefix/share/doc/polytag/LICENSE" ]] || fail "the license is not installed (share/doc/polytag/LICENSE)"
libdir="$(dirname "$(dirname "$pc")")"

step "the installed tool"
version="$("$prefix/bin/polytag" --version)" || fail "installed polytag --version failed"
version="${version#polytag }"
[[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || fail "polytag --version printed '$version'"
# The port cannot read CMakeLists.txt, so it repeats the version: keep them equal.
port_version="$(sed -n 's/.*"version-semver": *"\([^"]*\)".*/\1/p' "$here/../../ports/polytag/vcpkg.json")"
[[ "$port_version" == "$version" ]] ||
  fail "ports/polytag/vcpkg.json says version '$port_version' but CMakeLists.txt says $version"
json="$(printf 'Talks resumed in Geneva on arms control.\n' | "$prefix/bin/polytag" tag --format=jsonl)"
[[ "$json" == *"\"polytag_version\":\"$version\""* ]] || fail "the JSON does not say polytag_version $version: $json"

if [[ "$shared" == 1 ]]; then
  step "shared library: SONAME and exported symbols"
  lib="$(find "$libdir" -maxdepth 1 -name 'libpolytag.so.*.*.*' | head -n 1)"
  [[ -n "$lib" ]] || fail "no libpolytag.so.X.Y.Z in $libdir"
  [[ ! -e "$libdir/libpolytag.a" ]] || fail "a shared build installed libpolytag.a too"
  soname="$(objdump -p "$lib" | awk '$1 == "SONAME" { print $2 }')"
  [[ "$soname" == "libpolytag.so.${version%.*}" ]] || fail "SONAME is '$soname', expected libpolytag.so.${version%.*}"
  exported="$(nm -D --defined-only "$lib" | awk '$2 ~ /^[TWVDBRiu]$/ { print $3 }')"
  demangled="$(echo "$exported" | c++filt)"
  echo "$demangled" | grep -q '^polytag::Tagger::Create(' || fail "polytag::Tagger::Create is not exported"
  # libstdc++'s templates keep default visibility, so instantiations over public types
  # are exported too; internals and the dependencies' own symbols must not be.
  leaked="$(echo "$demangled" | grep -E 'polytag::internal::|Tagger::Impl\b' || true)"
  leaked+="$(echo "$exported" | grep -E '^_ZZ?NK?(3re2|4absl|6icu_[0-9]+|4pugi|4YAML|8nlohmann)' || true)"
  [[ -z "$leaked" ]] || fail "symbols outside the public API are exported:"$'\n'"$leaked"
  echo "exported: $(echo "$demangled" | grep -c '^polytag::') polytag:: symbols, $(echo "$exported" | wc -l) in all"
else
  [[ -f "$libdir/libpolytag.a" ]] || fail "no libpolytag.a in $libdir"
  [[ -z "$(find "$libdir" -maxdepth 1 -name 'libpolytag.so*')" ]] || fail "a static build installed libpolytag.so"
fi

step "find_package(polytag ${version%.*} CONFIG REQUIRED)"
"$cmake" -S "$here" -B "$work/consumer" "${generator[@]}" -DCMAKE_BUILD_TYPE=Release \
      -DCMAKE_PREFIX_PATH="$prefix" -DPOLYTAG_REQUEST_VERSION="${version%.*}" "$@"
"$cmake" --build "$work/consumer"
run_consumer "$work/consumer/consumer"

IFS=. read -r major minor _ <<<"$version"
wrong_versions=("$major.$((minor + 1))" "$((major + 1)).0")
# Before 1.0 a minor version is an ABI: an older one is refused too.
if [[ "$major" == 0 && "$minor" -gt 0 ]]; then wrong_versions+=("0.$((minor - 1))"); fi
for wrong in "${wrong_versions[@]}"; do
  step "find_package(polytag $wrong) must refuse $version"
  if out="$("$cmake" -S "$here" -B "$work/consumer-$wrong" "${generator[@]}" \
                  -DCMAKE_PREFIX_PATH="$prefix" -DPOLYTAG_REQUEST_VERSION="$wrong" 2>&1)"; then
    fail "find_package(polytag $wrong) accepted version $version"
  fi
  [[ "$out" == *"compatible with requested version"* ]] || fail "find_package(polytag $wrong) failed for another reason: $out"
done

step "pkg-config --cflags --libs polytag"
export PKG_CONFIG_PATH="$libdir/pkgconfig${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"
[[ "$(pkg-config --modversion polytag)" == "$version" ]] || fail "polytag.pc says version $(pkg-config --modversion polytag)"
# shellcheck disable=SC2046  # pkg-config's output is meant to be split into words
"${CXX:-c++}" -std=c++17 "$here/consumer.cc" -o "$work/consumer-pc" $(pkg-config --cflags --libs polytag)
LD_LIBRARY_PATH="$libdir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" run_consumer "$work/consumer-pc"

echo "installed consumer ($([[ "$shared" == 1 ]] && echo shared || echo static)): ok"
