#!/usr/bin/env bash
# The README's main command runs on the embedded demo district and reports what it loaded.
set -euo pipefail
out="$("$ERDE" demo)"
echo "$out" | tail -n 12
grep -q "FICTIONAL" <<<"$out"
grep -q "shelters: 35" <<<"$out"
grep -q "risk_points: 146 (orange 1, yellow 21, blue 124)" <<<"$out"
grep -q "profile fire_engine" <<<"$out"
