#!/usr/bin/env bash
# The README's main job: the command centre's service on the demo district with a live console.
#   clients/console/demo_session.sh ERDE ERDE_CONSOLE
# Starts `erde serve` on the embedded (FICTIONAL) demo district with CURVE keys, starts the console
# in plain-text mode on a viewer key, feeds a short duty-shift sequence through the Python client
# (incidents like those `erde demo` plans and a few more, a team arriving on scene, a road closed by
# waterlogging, a later incident planned around it, an incident closed), then stops the console —
# which prints the live picture — and the server. Takes about half a minute; cleans up after itself.
set -euo pipefail
erde="${1:?usage: demo_session.sh ERDE ERDE_CONSOLE}"
console="${2:?usage: demo_session.sh ERDE ERDE_CONSOLE}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
python=/usr/bin/python3
tmp="$(mktemp -d)"
server_pid=""
console_pid=""

stop() { # stop PID: TERM, then KILL after 5 s
  [ -n "$1" ] || return 0
  kill "$1" 2>/dev/null || true
  for _ in $(seq 50); do kill -0 "$1" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}
cleanup() { stop "$console_pid"; stop "$server_pid"; rm -rf "$tmp"; }
trap cleanup EXIT

for name in server duty ops wall; do "$erde" keygen --out "$tmp/$name" >/dev/null; done
pub() { sed -n 's/.*public-key = "\(.*\)"/\1/p' "$tmp/$1.key"; }
cat >"$tmp/clients.keys" <<KEYS
dispatcher  duty-officer  $(pub duty)
admin       ops-admin     $(pub ops)
viewer      wall-screen   $(pub wall)
KEYS

echo "== erde serve: the dispatch service on the demo district 花城区 (FICTIONAL data), CURVE on"
"$erde" serve --data "$root/geodata/demo/demo.gpkg" --bind 'tcp://127.0.0.1:*/*' \
  --keys "$tmp/clients.keys" --cert "$tmp/server.key_secret" --journal "$tmp/journal" \
  >"$tmp/out" 2>"$tmp/err" &
server_pid=$!
for _ in $(seq 300); do
  grep -q "ready" "$tmp/out" && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$tmp/err" >&2; echo "demo: the server exited" >&2; exit 1; }
  sleep 0.1
done
grep -q "ready" "$tmp/out" || { cat "$tmp/err" >&2; echo "demo: the server did not start in 30 s" >&2; exit 1; }
request="$(sed -n 's/.*request=\([^ ]*\).*/\1/p' "$tmp/out")"
publish="$(sed -n 's/.*publish=\([^ ]*\).*/\1/p' "$tmp/out")"
connect="${request}/${publish##*:}"
echo "   $(cat "$tmp/out")" | cut -c1-120

echo "== erde-console on the wall screen's key (viewer), following the live picture 实时态势"
echo
"$console" --for 120 --width 120 --connect "$connect" --cert "$tmp/wall.key_secret" \
  --server-key "$tmp/server.key" > >(tee "$tmp/console.out") &
console_pid=$!
for _ in $(seq 150); do grep -q "following live" "$tmp/console.out" 2>/dev/null && break; sleep 0.1; done
grep -q "following live" "$tmp/console.out" || { echo "demo: the console did not connect" >&2; exit 1; }

commands=0
as() { # as KEY KIND JSON: one request with that client's key; stops the demo on a refusal
  "$python" "$root/clients/python/erde_client.py" --request "$request" --cert "$tmp/$1.key_secret" \
    --server-key "$tmp/server.key" call "$2" "$3" --timeout 30 >"$tmp/reply" ||
    { echo "demo: $2 refused:" >&2; cat "$tmp/reply" >&2; exit 1; }
  commands=$((commands + 1))
  sleep 0.5  # let the console's lines come out in step
}

as duty incident.submit '{"id": "DEMO-1", "type": "hazchem_leak", "severity": "large", "location": {"lon": 113.270650, "lat": 23.146217}, "address": "加气站 gas station (orange risk point)"}'
as duty incident.submit '{"id": "DEMO-2", "type": "waterlogging", "severity": "major", "location": {"lon": 113.278674, "lat": 23.148909}, "address": "内涝点 waterlogging point"}'
as duty incident.submit '{"id": "DEMO-3", "type": "fire", "severity": "general", "location": {"lon": 113.2906, "lat": 23.1302}, "address": "居民楼 residential block"}'
"$python" "$root/clients/python/erde_client.py" --request "$request" --cert "$tmp/duty.key_secret" \
  --server-key "$tmp/server.key" call query.plan '{"id": "DEMO-3"}' >"$tmp/reply"
first_team="$("$python" -c 'import json,sys; print(json.load(open(sys.argv[1]))["result"]["plan"]["teams"]["assigned"][0]["team_id"])' "$tmp/reply")"
as duty team.status "{\"team\": \"$first_team\", \"status\": \"on_scene\"}"
as ops closure.add '{"reason": "积水封路 road under water", "geometry": {"type": "Point", "coordinates": [113.276069, 23.115387]}, "radius_m": 80}'
as duty incident.submit '{"id": "DEMO-4", "type": "traffic_accident", "severity": "general", "location": {"lon": 113.2760, "lat": 23.1180}, "address": "南岸路 (near the closed road)"}'
as duty incident.close '{"id": "DEMO-3", "reason": "fire out 已扑灭"}'
sleep 1

kill -INT "$console_pid"  # the console stops following and prints the live picture
wait "$console_pid" || true
console_pid=""
echo
stop "$server_pid"
server_pid=""
echo "== done: $commands commands fed, planned, journaled and published; the service is stopped"
