#!/bin/bash -eu
# Builds the fuzz targets the OSS-Fuzz way, for OSS-Fuzz, ClusterFuzzLite or a local check:
#   CC, CXX, CXXFLAGS    the compiler and its flags (sanitizer and -fsanitize=fuzzer-no-link included)
#   LIB_FUZZING_ENGINE   what gives each target its main (e.g. -fsanitize=fuzzer)
#   OUT                  where <target>_fuzzer, <target>_fuzzer.options, sse.dict and
#                        <target>_fuzzer_seed_corpus.zip go
#   WORK                 scratch space for the builds (default: a temporary folder)
# Local check, from the repository root:
#   CC=clang CXX=clang++ CXXFLAGS="-fsanitize=address,fuzzer-no-link" \
#     LIB_FUZZING_ENGINE=-fsanitize=fuzzer OUT=/tmp/out fuzz/build.sh
src=$(cd "$(dirname "$0")/.." && pwd)
work=${WORK:-$(mktemp -d)}
mkdir -p "$OUT"

# The targets, built with the engine's compiler and flags; CMake takes CXXFLAGS from the environment.
cmake -S "$src" -B "$work/ssespec-fuzz" -G Ninja \
  -DCMAKE_CXX_COMPILER="$CXX" \
  -DSSESPEC_BUILD_FUZZERS=ON -DSSESPEC_FUZZING_ENGINE="$LIB_FUZZING_ENGINE" \
  -DSSESPEC_BUILD_TESTS=OFF -DSSESPEC_BUILD_BENCHMARKS=OFF
targets=()
folders=()
while read -r name folder; do
  [ -n "$name" ] || continue
  targets+=("$name")
  folders+=("$folder")
done <"$work/ssespec-fuzz/fuzz/fuzzers.txt"
# Each target on its own: one that does not build is reported, the others still ship, and the
# script fails at the end.
built=()
broken=()
for i in "${!targets[@]}"; do
  if cmake --build "$work/ssespec-fuzz" --target "${targets[$i]}_fuzzer"; then
    built+=("$i")
  else
    broken+=("${targets[$i]}")
  fi
done

# The seed generator is a host tool: built without the engine's flags, which need not suit it.
env -u CFLAGS -u CXXFLAGS -u LDFLAGS cmake -S "$src" -B "$work/ssespec-seeds" -G Ninja \
  -DCMAKE_CXX_COMPILER="$CXX" -DCMAKE_BUILD_TYPE=Release \
  -DSSESPEC_BUILD_TESTS=OFF -DSSESPEC_BUILD_BENCHMARKS=OFF
env -u CFLAGS -u CXXFLAGS -u LDFLAGS cmake --build "$work/ssespec-seeds" --target ssespec_fuzz_seed_corpus
seeds="$work/ssespec-seeds/fuzz/seeds"

cp "$src/fuzz/sse.dict" "$OUT/"
for i in "${built[@]}"; do
  t=${targets[$i]}
  cp "$work/ssespec-fuzz/bin/${t}_fuzzer" "$OUT/"
  [ -f "$src/fuzz/${t}_fuzzer.options" ] && cp "$src/fuzz/${t}_fuzzer.options" "$OUT/"
  # Seeds plus every regression input: one flat zip, as the engines expect.
  zip_dir="$work/zip/$t"
  rm -rf "$zip_dir"
  mkdir -p "$zip_dir"
  cp "$seeds/${folders[$i]}"/* "$zip_dir/" 2>/dev/null || true
  if [ -d "$src/corpus/regressions" ]; then
    find "$src/corpus/regressions" -type f -exec cp {} "$zip_dir/" \;
  fi
  rm -f "$OUT/${t}_fuzzer_seed_corpus.zip"
  (cd "$zip_dir" && zip -q -r "$OUT/${t}_fuzzer_seed_corpus.zip" .)
done
echo "fuzz/build.sh: ${#built[@]} of ${#targets[@]} targets in $OUT"
if [ ${#broken[@]} -ne 0 ]; then
  echo "fuzz/build.sh: these targets did not build: ${broken[*]}" >&2
  exit 1
fi
