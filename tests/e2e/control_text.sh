#!/usr/bin/env bash
# End to end: no text reaches a terminal or the service log raw. erde nearest prints a resource
# name holding ESC sequences (window title, clear screen) and a bidi override as visible escapes;
# the service refuses an address with ESC, keeps one with a bidi override, and erde-console
# --once prints it escaped, and the service log stays free of raw control characters (the
# log's own escaping is tests/service/log_test.cpp). Bounded; cleans up.
set -euo pipefail
: "${ERDE:?set ERDE to the erde binary}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
python=/usr/bin/python3
console="${ERDE_CONSOLE:-$(cd "$(dirname "$ERDE")/../.." && pwd)/clients/console/erde-console}"
# shellcheck source=server_lib.bash
source "$root/tests/e2e/server_lib.bash"

raw() { # fails when stdin holds a byte a terminal acts on (C0 but LF, DEL) or U+202E raw
  "$python" -c 'import sys; d=sys.stdin.buffer.read(); bad=[b for b in d if (b<32 and b!=10) or b==127]; sys.exit(1 if bad or "\u202e".encode() in d else 0)'
}

printf '%s' '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"evil\u001b]0;pwned\u0007\u001b[2J\u202e"},"geometry":{"type":"Point","coordinates":[113.2706,23.1462]}}]}' >"$tmp/res.geojson"
out="$(timeout 60 "$ERDE" nearest "$root/geodata/demo/demo.gpkg" --at 113.2712,23.1455 --resources "$tmp/res.geojson")"
raw <<<"$out" || { echo "control_text.sh: erde nearest printed control characters" >&2; exit 1; }
grep -qF 'evil\e]0;pwned\x07\e[2J\u{202E}' <<<"$out"

"$ERDE" keygen --out "$tmp/server" >/dev/null
"$ERDE" keygen --out "$tmp/duty" >/dev/null
pub() { sed -n 's/.*public-key = "\(.*\)"/\1/p' "$1.key"; }
echo "dispatcher duty $(pub "$tmp/duty")" >"$tmp/clients.keys"
start_server
call() { # call KIND JSON: the reply
  timeout 60 "$python" "$root/clients/python/erde_client.py" --request "$request" \
    --cert "$tmp/duty.key_secret" --server-key "$tmp/server.key" call "$1" "$2" --timeout 30
}
reply="$(call incident.submit '{"id": "X-1", "type": "fire", "location": {"lon": 113.2706, "lat": 23.1462}, "address": "a\u001b]0;pwned\u0007"}' || true)"
grep -q '"bad_value"' <<<"$reply" || { echo "control_text.sh: an address with ESC was not refused: $reply" >&2; exit 1; }
reply="$(call incident.submit '{"id": "X-2", "type": "fire", "location": {"lon": 113.2706, "lat": 23.1462}, "address": "仓库\u202eevil"}')"
grep -q '"ok": true' <<<"$reply" || { echo "control_text.sh: $reply" >&2; exit 1; }
picture="$(timeout 30 "$console" --connect "$request/${publish##*:}" --cert "$tmp/duty.key_secret" \
  --server-key "$tmp/server.key" --once)"
raw <<<"$picture" || { echo "control_text.sh: erde-console --once printed control characters" >&2; exit 1; }
grep -qF '仓库\u{202E}evil' <<<"$picture"
raw <"$tmp/err" || { echo "control_text.sh: the service log holds control characters" >&2; exit 1; }
echo "control_text.sh: ok"
