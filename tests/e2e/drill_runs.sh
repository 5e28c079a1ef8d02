#!/usr/bin/env bash
# Every shipped scenario runs as a drill on the demo district and writes its after-action report;
# the same seed twice gives the same report, and two runs compare side by side.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for scenario in "$root"/scenarios/*.yaml; do
  name="$(basename "$scenario" .yaml)"
  out="$("$ERDE" drill run "$scenario" --out "$work/$name" --quiet)"
  echo "$out" | tail -1
  test -s "$work/$name/report.json" && test -s "$work/$name/report.html" && test -s "$work/$name/events.jsonl"
  grep -q "\"drill.$name." "$work/$name/events.jsonl"      # drill topics carry the drill id
  ! grep -q '"topic":"\(plan\|incident\|team\)\.' "$work/$name/events.jsonl"  # never live topics
done
first="$(ls "$root"/scenarios/*.yaml | head -1)"
"$ERDE" drill run "$first" --out "$work/again" --quiet >/dev/null
name="$(basename "$first" .yaml)"
cmp "$work/$name/report.json" "$work/again/report.json"
"$ERDE" drill compare "$work/$name/report.json" "$work/again/report.json" | head -5
