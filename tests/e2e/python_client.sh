#!/usr/bin/env bash
# End to end: `erde serve` with CURVE keys on free loopback ports and a temporary journal; the
# Python client (Debian's python3-zmq) follows the state, submits commands, gets refusals as
# structured errors; incidents on the demo district get a plan; a restart replays the journal. Bounded in time; cleans up after itself.
set -euo pipefail
: "${ERDE:?set ERDE to the erde binary}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
python=/usr/bin/python3
# shellcheck source=server_lib.bash
source "$root/tests/e2e/server_lib.bash"

"$ERDE" keygen --out "$tmp/server" >/dev/null
"$ERDE" keygen --out "$tmp/duty" >/dev/null
"$ERDE" keygen --out "$tmp/wall" >/dev/null
pub() { sed -n 's/.*public-key = "\(.*\)"/\1/p' "$1.key"; }
cat >"$tmp/clients.keys" <<KEYS
# role        name   public key
dispatcher    duty   $(pub "$tmp/duty")
viewer        wall   $(pub "$tmp/wall")
KEYS


start_server
export PYTHONPATH="$root/clients/python"
timeout 60 "$python" - "$request" "$publish" "$tmp" <<'PY'
import sys
import erde_client as ec

request, publish, tmp = sys.argv[1:4]
server = f"{tmp}/server.key"
duty = ec.Client(request, f"{tmp}/duty.key_secret", server)
wall = ec.Client(request, f"{tmp}/wall.key_secret", server)
replica = ec.Replica(wall, publish, f"{tmp}/wall.key_secret", server)
replica.sync()
start = replica.seq

fire = {"type": "fire", "severity": "large", "location": {"lon": 113.2706, "lat": 23.1462},
        "description": "仓库起火"}
result = duty.call("incident.submit", fire, timeout=30)
incident = result["entity"]["id"]
assert [u["topic"] for u in result["updates"][:2]] == ["incident." + incident, "plan." + incident]
last = result["updates"][-1]["seq"]
assert replica.wait_for(last, 5), (replica.seq, last)
plan = replica.entities["plan." + incident]
assert plan["teams"]["assigned"], plan["teams"]
team = plan["teams"]["assigned"][0]
assert team["eta_s"] > 0 and replica.entities["team." + team["team_id"]]["status"] == "dispatched"
assert duty.call("query.plan", {"id": incident})["plan"] == plan
assert duty.call("query.nearest", {"location": fire["location"], "k": 2}, timeout=30)
last = duty.call("incident.update", {"id": incident, "severity": "major"},
                 timeout=30)["updates"][-1]["seq"]
assert replica.wait_for(last, 5), (replica.seq, last)
assert replica.entities["incident." + incident]["severity"] == "major", replica.entities
assert replica.seq == last and last > start + 2

for client, kind, args, code, field in [
    (wall, "incident.submit", fire, "forbidden", "kind"),
    (duty, "closure.add", {"reason": "x", "geometry": {"type": "Point", "coordinates": [1, 2]}},
     "forbidden", "kind"),
    (duty, "incident.submit", {"type": "fire", "location": {"lon": 113.2, "lat": 123}},
     "out_of_range", "args.location.lat"),
    (duty, "incident.close", {"id": "no-such"}, "unknown_id", "args.id"),
]:
    try:
        client.call(kind, args)
        raise SystemExit(f"{kind} should have been refused")
    except ec.ErdeError as e:
        assert (e.code, e.field) == (code, field), (kind, e.code, e.field)

# A retried command (same idempotency key) is applied once and answered with its first result.
leak = {"type": "hazmat_leak", "location": {"lon": 113.2712, "lat": 23.1455}, "description": "retry"}
first = duty.request("incident.submit", leak, timeout=30, idempotency_key="py-retry-1")
again = duty.request("incident.submit", leak, timeout=30, idempotency_key="py-retry-1")
assert first["ok"] and again["ok"] and again.get("duplicate") is True, (first, again)
assert again["result"] == first["result"], (first["result"], again["result"])
reused = duty.request("incident.submit", fire, timeout=30, idempotency_key="py-retry-1")
assert not reused["ok"] and reused["error"]["field"] == "idempotency_key", reused
assert duty.command("incident.close", {"id": first["result"]["entity"]["id"]}, timeout=30)["ok"]
bad = duty.request("incident.close", {"id": "I-1", "extra": 1}, timeout=30)
assert not bad["ok"] and bad["id"] is not None, bad
envelope = duty.request("incident.close", {"id": "I-1"}, timeout=30, idempotency_key="has space")
assert envelope["id"] is not None and envelope["error"]["field"] == "idempotency_key", envelope

replica.pump(1.5)
assert replica.silence() < 1.5, "no heartbeat within 1.5 s"
with open(f"{tmp}/incident", "w") as f:
    f.write(f"{incident} {replica.seq}\n")
print(f"python client: incident {incident} at seq {replica.seq}, follows and is refused correctly")
PY

# An unknown key gets no answer and is logged.
"$ERDE" keygen --out "$tmp/stranger" >/dev/null
if timeout 20 "$python" "$root/clients/python/erde_client.py" --request "$request" \
    --cert "$tmp/stranger.key_secret" --server-key "$tmp/server.key" call ping >/dev/null 2>&1; then
  echo "an unknown key was answered" >&2; exit 1
fi
grep -q "refused unknown key" "$tmp/err"

# Restart: the journal brings back the same state and sequence.
read -r incident seq <"$tmp/incident"
stop_server
start_server
grep -q "seq=$seq replayed=4" "$tmp/out" || { cat "$tmp/out" >&2; exit 1; }
timeout 30 "$python" "$root/clients/python/erde_client.py" --request "$request" \
  --cert "$tmp/wall.key_secret" --server-key "$tmp/server.key" \
  call query.incident "{\"id\": \"$incident\"}" >"$tmp/replayed"
grep -q '"severity": "major"' "$tmp/replayed"
timeout 30 "$python" "$root/clients/python/erde_client.py" --request "$request" \
  --cert "$tmp/wall.key_secret" --server-key "$tmp/server.key" \
  call query.plan "{\"id\": \"$incident\"}" >"$tmp/replayed_plan"
grep -q '"format": "erde.plan/1"' "$tmp/replayed_plan"
echo "python_client.sh: ok"
