#!/usr/bin/env bash
# The service doing its job on the demo district: `erde serve --insecure` on free loopback
# ports, three incidents submitted through the Python client, their plans seen on the
# subscriber. Bounded in time; stops the server and cleans up after itself.
set -euo pipefail
: "${ERDE:?set ERDE to the erde binary}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
python=/usr/bin/python3
# shellcheck source=server_lib.bash
source "$root/tests/e2e/server_lib.bash"

"$ERDE" serve --insecure --data "$root/geodata/demo/demo.gpkg" --bind 'tcp://127.0.0.1:*/*' \
  --journal "$tmp/journal" >"$tmp/out" 2>"$tmp/err" &
server_pid=$!
for _ in $(seq 200); do
  grep -q "ready" "$tmp/out" 2>/dev/null && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$tmp/err" >&2; echo "server exited" >&2; exit 1; }
  sleep 0.1
done
grep -q "ready" "$tmp/out" || { echo "server not ready within 20 s" >&2; cat "$tmp/err" >&2; exit 1; }
request="$(sed -n 's/.*request=\([^ ]*\).*/\1/p' "$tmp/out")"
publish="$(sed -n 's/.*publish=\([^ ]*\).*/\1/p' "$tmp/out")"

PYTHONPATH="$root/clients/python" timeout 90 "$python" - "$request" "$publish" <<'PY'
import sys
import erde_client as ec

request, publish = sys.argv[1:3]
duty = ec.Client(request)
replica = ec.Replica(ec.Client(request), publish)
replica.sync()

incidents = [
    {"id": "DEMO-1", "type": "hazchem_leak", "severity": "large",
     "location": {"lon": 113.270650, "lat": 23.146217}, "address": "加气站"},
    {"id": "DEMO-2", "type": "waterlogging", "severity": "major",
     "location": {"lon": 113.278674, "lat": 23.148909}, "address": "内涝点"},
    {"id": "DEMO-3", "type": "waterlogging", "severity": "large",
     "location": {"lon": 113.276069, "lat": 23.115387}, "address": "内涝点"},
]
taken = set()
for incident in incidents:
    result = duty.call("incident.submit", incident, timeout=30)
    assert replica.wait_for(result["updates"][-1]["seq"], 10), (replica.seq, result)
    plan = replica.entities["plan." + incident["id"]]
    teams = [a["team_id"] for a in plan["teams"]["assigned"]]
    assert teams, plan["teams"]
    assert not taken & set(teams), ("a team was sent twice", taken & set(teams))
    taken |= set(teams)
    eta = plan["teams"]["staffed_eta_s"]
    picks = len(plan["materials"]["picks"])
    print(f"{incident['id']} {incident['type']}/{incident['severity']}: {len(teams)} teams, "
          f"staffed in {eta:.0f} s, {picks} material picks, complete={plan['complete']}")
print(f"service_demo: {len(incidents)} plans on the subscriber at seq {replica.seq}")
PY
echo "service_demo.sh: ok"
