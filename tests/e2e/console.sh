#!/usr/bin/env bash
# End to end: erde-console in a real terminal. `erde serve` on the demo district with CURVE keys;
# the console runs full-screen in a detached tmux session of fixed size. A dispatcher submits an
# incident from inside the console (key n + prompt), another client submits one and changes a
# team's status; the screen must show the incidents, each plan's teams with the ETAs the server
# gives (query.plan), and the status change. Then the server dies (the console says so) and comes
# back (the console resyncs). Last, the README's demo session runs. Bounded in time; stops
# everything it started and cleans up.
set -euo pipefail
: "${ERDE:?set ERDE to the erde binary}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
python=/usr/bin/python3
console="${ERDE_CONSOLE:-$(cd "$(dirname "$ERDE")/../.." && pwd)/clients/console/erde-console}"
[ -x "$console" ] || { echo "console.sh: erde-console not found at $console" >&2; exit 1; }
command -v tmux >/dev/null || { echo "console.sh: tmux is not installed" >&2; exit 1; }
# shellcheck source=server_lib.bash
source "$root/tests/e2e/server_lib.bash"

tmux_socket="erde-console-test-$$"
term() { tmux -L "$tmux_socket" "$@"; }
finish() { term kill-server 2>/dev/null || true; cleanup; }
trap finish EXIT

"$ERDE" keygen --out "$tmp/server" >/dev/null
"$ERDE" keygen --out "$tmp/duty" >/dev/null
"$ERDE" keygen --out "$tmp/desk" >/dev/null
pub() { sed -n 's/.*public-key = "\(.*\)"/\1/p' "$1.key"; }
cat >"$tmp/clients.keys" <<KEYS
dispatcher    duty   $(pub "$tmp/duty")
dispatcher    desk   $(pub "$tmp/desk")
KEYS


call() { # call KIND JSON: the reply's result as JSON, as the second client "desk"
  timeout 60 "$python" "$root/clients/python/erde_client.py" --request "$request" \
    --cert "$tmp/desk.key_secret" --server-key "$tmp/server.key" call "$1" "$2" --timeout 30 |
    "$python" -c 'import json,sys; r=json.load(sys.stdin); assert r["ok"], r; print(json.dumps(r["result"]))'
}

screen() { term capture-pane -p -t console; }
wait_screen() { # wait_screen SECONDS FIXED-STRING: until the screen shows it
  local limit=$(($1 * 10))
  for _ in $(seq "$limit"); do
    screen | grep -qF -- "$2" && return 0
    sleep 0.1
  done
  echo "console.sh: the screen did not show '$2' within $1 s; it shows:" >&2
  screen >&2
  exit 1
}

start_server 'tcp://127.0.0.1:*/*'
bind="$(echo "$request" | sed 's|:\([0-9]*\)$||'):${request##*:}/${publish##*:}"
term new-session -d -s console -x 170 -y 90 \
  "LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color '$console' --connect '$bind' --cert '$tmp/duty.key_secret' --server-key '$tmp/server.key' 2>'$tmp/console.err'"
wait_screen 10 "live 在线"
wait_screen 5 "Teams 队伍 — 36:"

# 1. The dispatcher submits an incident from inside the console (Chinese terms at the prompt).
term send-keys -t console n
wait_screen 5 "new incident 新事件"
term send-keys -t console -l "火灾 较大 113.2706,23.1462 warehouse"
term send-keys -t console Enter
wait_screen 30 "incident 事件 accepted 已受理 I-000001"
wait_screen 5 "● I-000001  fire 火灾 · large 较大 · 113.27060, 23.14620 · warehouse"

# 2. Another client submits one; it appears live.
call incident.submit '{"id": "W-1", "type": "waterlogging", "severity": "major", "location": {"lon": 113.278674, "lat": 23.148909}, "address": "low road"}' >/dev/null
wait_screen 15 "● W-1  waterlogging 内涝 · major 重大"

# 3. Each plan's teams with the server's ETAs (query.plan is the oracle).
for incident in I-000001 W-1; do
  call query.plan "{\"id\": \"$incident\"}" >"$tmp/plan.json"
  "$python" - "$tmp/plan.json" >"$tmp/expected" <<'PY'
import json, sys
plan = json.load(open(sys.argv[1]))["plan"]
assigned = plan["teams"]["assigned"]
assert assigned, plan["teams"]
def duration(s):
    s = int(s + 0.5)
    return f"{s}s" if s < 60 else f"{s // 60}m{s % 60:02d}s" if s < 3600 else f"{s // 3600}h{s % 3600 // 60:02d}m"
for a in assigned:
    print(a["team_id"], "ETA " + duration(a["eta_s"]))
PY
  while read -r team eta; do
    screen | grep -F -- "$team" | grep -qF -- "$eta" ||
      { echo "console.sh: $incident: team $team with $eta not on the screen:" >&2; screen >&2; exit 1; }
  done <"$tmp/expected"
done
read -r first_team _ <"$tmp/expected"

# 4. A team status change made elsewhere shows up (feed line and the team's status).
call team.status "{\"team\": \"$first_team\", \"status\": \"on_scene\"}" >/dev/null
wait_screen 10 "$first_team"
wait_screen 10 "dispatched 出动 → on_scene 到场"
screen | grep -F -- "$first_team" | grep -qF "on_scene 到场" ||
  { echo "console.sh: $first_team not shown on scene" >&2; screen >&2; exit 1; }

# 5. Bad input at the prompt is refused with the reason, nothing sent.
term send-keys -t console n
term send-keys -t console -l "meteor 113.2,23.1"
term send-keys -t console Enter
wait_screen 5 "not sent 未提交: type 'meteor' unknown"
term send-keys -t console Escape

# 6. The server dies: the console says so within seconds; it comes back: the console resyncs.
stop_server
wait_screen 8 "SERVER SILENT 服务器无响应"
start_server "$bind"
call incident.submit '{"id": "G-1", "type": "gas_explosion", "severity": "general", "location": {"lon": 113.2760, "lat": 23.1154}}' >/dev/null
wait_screen 20 "● G-1  gas_explosion 燃气爆炸"
wait_screen 5 "live 在线"

# 7. The plain-text mode for scripts sees the same picture.
"$console" --once --connect "$bind" --cert "$tmp/duty.key_secret" --server-key "$tmp/server.key" \
  --width 170 >"$tmp/once"
for want in "● I-000001" "● W-1" "● G-1" "on_scene 到场"; do
  grep -qF -- "$want" "$tmp/once" || { echo "console.sh: --once lacks '$want'" >&2; cat "$tmp/once" >&2; exit 1; }
done

# 8. q quits cleanly.
term send-keys -t console q
for _ in $(seq 50); do term has-session -t console 2>/dev/null || break; sleep 0.1; done
if term has-session -t console 2>/dev/null; then echo "console.sh: q did not quit" >&2; exit 1; fi
[ ! -s "$tmp/console.err" ] || { echo "console.sh: the console wrote errors:" >&2; cat "$tmp/console.err" >&2; exit 1; }

# 9. The README's main command (clients/console/demo_session.sh) shows the live picture.
timeout 120 bash "$root/clients/console/demo_session.sh" "$ERDE" "$console" >"$tmp/demo" 2>&1 ||
  { echo "console.sh: demo_session.sh failed:" >&2; cat "$tmp/demo" >&2; exit 1; }
for want in "● DEMO-1  hazchem_leak 危化品泄漏" "● DEMO-2  waterlogging 内涝" "○ DEMO-3" "ETA " \
    "on_scene 到场 → returning 返回" "C-000001" "substitute 替代 by fire_fighting 灭火" "== done"; do
  grep -qF -- "$want" "$tmp/demo" || { echo "console.sh: the demo lacks '$want'" >&2; cat "$tmp/demo" >&2; exit 1; }
done
echo "console.sh: ok"
