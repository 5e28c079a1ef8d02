#!/usr/bin/env bash
# Fuzzes erde's input parsers with libFuzzer under ASan+UBSan, each for a bounded time
# (FUZZ_SECONDS each, default 15; FUZZ_TARGETS picks some, e.g. "decoder layers"):
#   decoder     the service's request decoder and command validation (engine/service/fuzz)
#   scenario    the drill scenario YAML (engine/drill/fuzz)
#   plan_files  the response-plan and vehicle-profile JSON files (engine/dispatch/fuzz)
#   layers      resource layers as GeoJSON and CSV files through GDAL/OGR (engine/geo/fuzz)
# Each starts from its committed corpus (<target folder>/fuzz/corpus) and, when there is one, its
# dictionary (<target folder>/fuzz/<target>.dict). Needs clang; skips with a
# message when clang++ is absent. Builds every target once in build-fuzz/ next to the other
# build folders. Fails (with the failing input shown) on any crash, sanitizer report, leak,
# uncaught exception other than erde::Error, broken promise of a parsed file, or timeout.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
seconds="${FUZZ_SECONDS:-15}"
targets=(${FUZZ_TARGETS:-decoder scenario plan_files layers})
clang="$(command -v clang++ || true)"
if [ -z "$clang" ]; then
  echo "fuzz.sh: SKIPPED: clang++ not installed (apt-get install clang)"
  exit 0
fi

folder_of() {  # the engine folder holding a target
  case "$1" in
    decoder) echo service ;;
    scenario) echo drill ;;
    plan_files) echo dispatch ;;
    layers) echo geo ;;
    *) echo "fuzz.sh: unknown target '$1' (decoder, scenario, plan_files, layers)" >&2; exit 2 ;;
  esac
}
max_len_of() {  # the largest input each target takes (the shipped plan file is 30 kB)
  case "$1" in
    plan_files) echo 40000 ;;
    *) echo 8192 ;;
  esac
}

build="$root/build-fuzz"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_CXX_COMPILER="$clang" -DCMAKE_BUILD_TYPE=Debug \
  -DERDE_SANITIZE=ON -DERDE_FUZZ=ON -DERDE_BENCHMARKS=OFF >/dev/null
build_targets=()
for t in "${targets[@]}"; do folder_of "$t" >/dev/null; build_targets+=("fuzz_$t"); done
cmake --build "$build" --target "${build_targets[@]}" -j "$(nproc 2>/dev/null || echo 2)"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for t in "${targets[@]}"; do
  folder="$(folder_of "$t")"
  run="$work/$t"
  mkdir -p "$run/corpus" "$run/tmp"
  cp "$root/engine/$folder/fuzz/corpus/"* "$run/corpus/"
  dict=()  # the format's words, when the target has a dictionary
  [ -f "$root/engine/$folder/fuzz/$t.dict" ] && dict=(-dict="$root/engine/$folder/fuzz/$t.dict")
  # The targets write their files under TMPDIR, removed with $work.
  # Exit status non-zero (and a crash-* file) on any crash, leak, UB or timeout.
  if ! TMPDIR="$run/tmp" ASAN_OPTIONS="detect_leaks=1:${ASAN_OPTIONS:-}" UBSAN_OPTIONS=print_stacktrace=1 \
      "$build/engine/$folder/fuzz_$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
      -max_len="$(max_len_of "$t")" -artifact_prefix="$run/" -print_final_stats=1 "${dict[@]}" "$run/corpus" \
      2>"$run/log"; then
    tail -n 60 "$run/log" >&2
    for crash in "$run"/crash-* "$run"/leak-* "$run"/timeout-* "$run"/oom-*; do
      [ -e "$crash" ] && { echo "input that failed ($crash):" >&2; head -c 2000 "$crash" | od -c | head -20 >&2; }
    done
    echo "fuzz.sh: fuzz_$t FAILED" >&2
    exit 1
  fi
  execs="$(grep -oE "stat::number_of_executed_units: *[0-9]+" "$run/log" | grep -oE "[0-9]+$" || echo "?")"
  cov="$(grep -oE "cov: [0-9]+ ft: [0-9]+ corp: [0-9]+/[^ ]+" "$run/log" | tail -n 1 || true)"
  echo "fuzz.sh: fuzz_$t ok: ${seconds} s, ${execs} inputs without a failure (${cov})"
done
echo "fuzz.sh: ok (${#targets[@]} targets, ${seconds} s each)"
