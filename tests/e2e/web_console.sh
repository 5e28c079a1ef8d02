#!/usr/bin/env bash
# The browser map console end to end: a real `erde serve` on the demo district with CURVE keys
# and roles, erde-gateway with its own keys and a users file, and Debian's chromium (headless,
# driven by playwright-core) logging in, submitting incidents through the UI, watching plans,
# a team move, a drill and a closure, and a viewer being refused. Keeps a screenshot in
# $ERDE_ARTIFACTS (default build/artifacts). Bounded in time; stops everything it started.
set -euo pipefail
: "${ERDE:?set ERDE to the erde binary}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="$(cd "$(dirname "$ERDE")/../.." && pwd)"
gateway="${ERDE_GATEWAY:-$build/clients/web/gateway/erde-gateway}"
artifacts="${ERDE_ARTIFACTS:-$root/build/artifacts}"
python=/usr/bin/python3
[ -x "$gateway" ] || { echo "web_console: no gateway at $gateway (build the erde-gateway target)" >&2; exit 1; }
[ -f "$root/clients/web/node_modules/playwright-core/package.json" ] ||
  { echo "web_console: clients/web/node_modules missing; run npm ci in clients/web (.ci/setup does)" >&2; exit 1; }
# shellcheck source=server_lib.bash
source "$root/tests/e2e/server_lib.bash"
gateway_pid=""
stop_gateway() {
  if [ -n "$gateway_pid" ] && kill -0 "$gateway_pid" 2>/dev/null; then
    kill "$gateway_pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$gateway_pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$gateway_pid" 2>/dev/null || true
  fi
  [ -z "$gateway_pid" ] || wait "$gateway_pid" 2>/dev/null || true
  gateway_pid=""
}
trap 'stop_gateway; cleanup' EXIT

wait_ready() { # wait_ready <pid> <stdout file> <stderr file> <what>
  for _ in $(seq 300); do
    grep -q "ready" "$2" 2>/dev/null && return 0
    kill -0 "$1" 2>/dev/null || { cat "$3" >&2; echo "web_console: $4 exited" >&2; exit 1; }
    sleep 0.1
  done
  cat "$3" >&2; echo "web_console: $4 not ready within 30 s" >&2; exit 1
}

# Keys: the server's, one per gateway role, and a dispatcher's for the field unit moving a team.
for name in server gateway-viewer gateway-dispatcher gateway-admin field-unit; do
  "$ERDE" keygen --out "$tmp/$name" >/dev/null
done
public() { sed -n 's/.*public-key = "\(.*\)"/\1/p' "$tmp/$1.key"; }
cat >"$tmp/clients" <<KEYS
viewer      gateway-viewer      $(public gateway-viewer)      relay
dispatcher  gateway-dispatcher  $(public gateway-dispatcher)  relay
admin       gateway-admin       $(public gateway-admin)       relay
dispatcher  field-unit          $(public field-unit)
KEYS
{
  echo "viewer     wall  $(echo 'wall-screen-pw' | "$gateway" hash-password)"
  echo "dispatcher duty  $(echo 'duty-officer-pw' | "$gateway" hash-password)"
  echo "admin      ops   $(echo 'ops-admin-pw' | "$gateway" hash-password)"
} >"$tmp/users"

"$ERDE" serve --data "$root/geodata/demo/demo.gpkg" --keys "$tmp/clients" --cert "$tmp/server.key_secret" \
  --bind 'tcp://127.0.0.1:*/*' --journal "$tmp/journal" >"$tmp/out" 2>"$tmp/err" &
server_pid=$!
wait_ready "$server_pid" "$tmp/out" "$tmp/err" "erde serve"
request="$(sed -n 's/.*request=\([^ ]*\).*/\1/p' "$tmp/out")"
publish="$(sed -n 's/.*publish=\([^ ]*\).*/\1/p' "$tmp/out")"

"$gateway" --service "$request,$publish" --server-key "$tmp/server.key" \
  --key "viewer=$tmp/gateway-viewer.key_secret" --key "dispatcher=$tmp/gateway-dispatcher.key_secret" \
  --key "admin=$tmp/gateway-admin.key_secret" --users "$tmp/users" \
  --data "$root/geodata/demo/demo.gpkg" --listen 127.0.0.1:0 >"$tmp/gw.out" 2>"$tmp/gw.err" &
gateway_pid=$!
wait_ready "$gateway_pid" "$tmp/gw.out" "$tmp/gw.err" "erde-gateway"
url="$(sed -n 's/.*ready \(http:[^ ]*\).*/\1/p' "$tmp/gw.out")"
url="${url%/}"

mkdir -p "$artifacts"
call="$(printf '["%s","%s","--request","%s","--cert","%s","--server-key","%s","call"]' \
  "$python" "$root/clients/python/erde_client.py" "$request" "$tmp/field-unit.key_secret" "$tmp/server.key")"
ERDE_WEB_URL="$url" ERDE_WEB_SCREENSHOT="$artifacts/web_console.png" ERDE_CALL="$call" \
ERDE_WEB_USERS='{"viewer":["wall","wall-screen-pw"],"dispatcher":["duty","duty-officer-pw"],"admin":["ops","ops-admin-pw"]}' \
  timeout 180 node "$root/clients/web/tests/console_e2e.mjs" || {
    echo "web_console: browser check failed; gateway log:" >&2; tail -20 "$tmp/gw.err" >&2; exit 1; }

# The gateway forwarded as the browser users' roles and logged who did what.
grep -q "duty (dispatcher) incident.submit -> 200" "$tmp/gw.err"
grep -q "ops (admin) closure.add -> 200" "$tmp/gw.err"
stop_gateway
grep -q "erde-gateway: stopped" "$tmp/gw.err" || { echo "web_console: the gateway did not stop cleanly" >&2; exit 1; }
echo "web_console.sh: ok (screenshot $artifacts/web_console.png)"
