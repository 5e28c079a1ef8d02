#!/usr/bin/env bash
# Fuzzes the service's request decoder and command validation (engine/service/fuzz) with
# libFuzzer under ASan+UBSan for a bounded time (FUZZ_SECONDS, default 30). Needs clang; skips
# with a message when clang++ is absent. Builds in build-fuzz/ next to the other build folders.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
seconds="${FUZZ_SECONDS:-30}"
clang="$(command -v clang++ || true)"
if [ -z "$clang" ]; then
  echo "fuzz_decoder.sh: SKIPPED: clang++ not installed (apt-get install clang)"
  exit 0
fi
build="$root/build-fuzz"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_CXX_COMPILER="$clang" -DCMAKE_BUILD_TYPE=Debug \
  -DERDE_SANITIZE=ON -DERDE_FUZZ=ON -DERDE_BENCHMARKS=OFF >/dev/null
cmake --build "$build" --target fuzz_decoder -j "$(nproc 2>/dev/null || echo 2)"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/corpus"
cp "$root"/engine/service/fuzz/corpus/* "$work/corpus/"
# Exit status non-zero (and a crash-* file) on any crash, leak, UB or timeout.
"$build/engine/service/fuzz_decoder" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
  -max_len=8192 -artifact_prefix="$work/" -print_final_stats=1 "$work/corpus" 2>"$work/log" || {
  tail -n 60 "$work/log" >&2
  for crash in "$work"/crash-* "$work"/leak-* "$work"/timeout-* "$work"/oom-*; do
    [ -e "$crash" ] && { echo "input that failed ($crash):" >&2; head -c 2000 "$crash" | od -c | head -20 >&2; }
  done
  exit 1
}
grep -E "stat::number_of_executed_units|cov:" "$work/log" | tail -n 2
echo "fuzz_decoder.sh: ok (${seconds} s without a failure)"
