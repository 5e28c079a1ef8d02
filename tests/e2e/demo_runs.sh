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

# A typhoon night as one event (--batch): every incident's plan, stock and places to the most
# severe first, and what each gave up; --gpkg writes one plan only and is refused with --batch.
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cat >"$tmp/night.json" <<'JSON'
{"incidents": [
  {"id": "W1", "type": "waterlogging", "severity": "一般", "at": [113.270650, 23.146217]},
  {"id": "W2", "type": "内涝", "severity": "large", "at": [113.308300, 23.135999]},
  {"id": "W3", "type": "waterlogging", "severity": "major", "at": [113.312409, 23.129257]},
  {"id": "H1", "type": "hazchem_leak", "severity": "large", "at": [113.301727, 23.109942]},
  {"id": "F1", "type": "fire", "severity": "general", "at": [113.308212, 23.150965]},
  {"id": "W4", "type": "waterlogging", "severity": "general", "at": [113.292695, 23.123081]}
]}
JSON
demo_gpkg="$(dirname "${BASH_SOURCE[0]}")/../../geodata/demo/demo.gpkg"
night="$("$ERDE" dispatch "$demo_gpkg" --roads "$demo_gpkg" --batch "$tmp/night.json" --json "$tmp/night.out.json")"
grep -q "shared in the order W3, W2, H1, W1, F1, W4 (most severe first)" <<<"$night"
[ "$(grep -c '^Incident ' <<<"$night")" = 6 ]
grep -q "^joint assignment: " <<<"$night"
python3 - "$tmp/night.out.json" <<'PY'
import json, sys
event = json.load(open(sys.argv[1]))
assert event["format"] == "erde.batch/1"
assert [p["incident"]["id"] for p in event["plans"]] == ["W1", "W2", "W3", "H1", "F1", "W4"]
assert event["priority"] == ["W3", "W2", "H1", "W1", "F1", "W4"]
assert all(isinstance(p["gave_up"], list) for p in event["plans"])
assert event["plans"][2]["gave_up"] == [] or all(g["kind"] == "team" for g in event["plans"][2]["gave_up"])
PY
if "$ERDE" dispatch "$demo_gpkg" --roads "$demo_gpkg" --batch "$tmp/night.json" --gpkg "$tmp/x.gpkg" 2>"$tmp/err"; then
  echo "demo_runs: --gpkg with --batch was not refused" >&2; exit 1
fi
grep -q "with --batch, write --json" "$tmp/err"
echo "demo_runs: typhoon night as one event ok"
