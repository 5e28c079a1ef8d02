#!/usr/bin/env bash
# The README's main command runs on the embedded demo district: it loads every layer, builds the
# road graph, and plans two incidents, the second against what the first already holds.
set -euo pipefail
out="$("$ERDE" demo)"
echo "$out" | grep -E "^(Loaded|Roads|Incident|Teams|Materials|Evacuation|Plan)" || true
grep -q "FICTIONAL" <<<"$out"
grep -q "shelters: 35" <<<"$out"
grep -q "risk_points: 146 (orange 1, yellow 21, blue 124)" <<<"$out"
grep -q "profile fire_engine" <<<"$out"
grep -q "Incident DEMO-1: hazchem_leak" <<<"$out"
grep -q "Incident DEMO-2: waterlogging" <<<"$out"
# The first plan takes the district's only medical team, so the second sends a substitute
# (response plans' "substitutes") and says so.
grep -q "medical (医疗): .*SUBSTITUTE (fire_fighting" <<<"$out"
