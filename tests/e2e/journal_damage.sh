#!/usr/bin/env bash
# End to end: a bit flipped in the middle of a real `erde serve` journal. The server refuses to
# start, naming the record and its offset, and leaves the file byte for byte; `erde journal
# check` reports it; `erde journal recover` writes new journals (the valid prefix, or everything
# but the damaged record) that the server starts from at the expected sequence numbers.
set -euo pipefail
: "${ERDE:?set ERDE to the erde binary}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
python=/usr/bin/python3
# shellcheck source=server_lib.bash
source "$root/tests/e2e/server_lib.bash"

"$ERDE" keygen --out "$tmp/server" >/dev/null
"$ERDE" keygen --out "$tmp/duty" >/dev/null
echo "dispatcher duty $(sed -n 's/.*public-key = "\(.*\)"/\1/p' "$tmp/duty.key")" >"$tmp/clients.keys"
export PYTHONPATH="$root/clients/python"

start_server
timeout 120 "$python" - "$request" "$tmp" <<'PY'
import sys
import erde_client as ec
request, tmp = sys.argv[1:3]
duty = ec.Client(request, f"{tmp}/duty.key_secret", f"{tmp}/server.key")
team = duty.call("query.teams")[0]["id"]
duty.call("incident.submit", {"type": "fire", "location": {"lon": 113.2706, "lat": 23.1462}}, timeout=30)
for n in range(299):
    last = duty.call("team.position", {"team": team, "location": {"lon": 113.27, "lat": 23.14 + n * 1e-5}})
with open(f"{tmp}/seq", "w") as f:
    f.write(str(duty.call("ping")["seq"]))
PY
stop_server
final_seq="$(cat "$tmp/seq")"

# Flip one bit inside record 151's payload; note its offset and the sequence it starts at.
read -r offset prefix_seq < <("$python" - "$tmp/journal" <<'PY'
import json, struct, sys
path = sys.argv[1]
data = bytearray(open(path, "rb").read())
at, starts = 8, []
while at < len(data):
    length = struct.unpack_from("<I", data, at)[0]
    starts.append(at)
    at += 8 + length
target = starts[150]
length = struct.unpack_from("<I", data, target)[0]
seq = json.loads(data[target + 8:target + 8 + length])["seq"]
data[target + 8 + length // 2] ^= 0x10
open(path, "wb").write(data)
print(target, seq)
PY
)
sum_before="$(sha256sum "$tmp/journal")"

if timeout 60 "$ERDE" serve --data "$root/geodata/demo/demo.gpkg" --bind "tcp://127.0.0.1:*/*" \
    --keys "$tmp/clients.keys" --cert "$tmp/server.key_secret" --journal "$tmp/journal" \
    >"$tmp/refused.out" 2>"$tmp/refused.err"; then
  echo "journal_damage.sh: FAIL: the server started on a corrupt journal" >&2; exit 1
fi
grep -q "record 151 at byte $offset" "$tmp/refused.err" ||
  { echo "journal_damage.sh: FAIL: the refusal does not name record 151 at byte $offset:" >&2; cat "$tmp/refused.err" >&2; exit 1; }
! grep -q ready "$tmp/refused.out"
[ "$(sha256sum "$tmp/journal")" = "$sum_before" ] || { echo "journal_damage.sh: FAIL: the journal was changed" >&2; exit 1; }

set +e
"$ERDE" journal check "$tmp/journal" >"$tmp/check"
status=$?
set -e
[ "$status" = 3 ] || { echo "journal_damage.sh: FAIL: check exited $status, not 3" >&2; cat "$tmp/check" >&2; exit 1; }
grep -q "DAMAGED: .* at byte $offset (record 151" "$tmp/check"

ready_seq() { sed -n 's/.* seq=\([0-9]*\) replayed=\([0-9]*\).*/\1 \2/p' "$tmp/out"; }

"$ERDE" journal recover "$tmp/journal" --out "$tmp/prefix" >"$tmp/recover1"
grep -q "left out the 149 valid records" "$tmp/recover1"
journal="$tmp/prefix" start_server
[ "$(ready_seq)" = "$prefix_seq 150" ] || { echo "journal_damage.sh: FAIL: prefix ready at $(ready_seq), expected $prefix_seq 150" >&2; exit 1; }
stop_server

"$ERDE" journal recover "$tmp/journal" --out "$tmp/skipped" --skip-damaged >"$tmp/recover2"
grep -q "skipped .* damaged bytes at byte $offset" "$tmp/recover2"
journal="$tmp/skipped" start_server
[ "$(ready_seq)" = "$final_seq 300" ] || { echo "journal_damage.sh: FAIL: skip-recovered ready at $(ready_seq), expected $final_seq 300" >&2; exit 1; }
grep -q "sequence jumps from" "$tmp/err"
stop_server
[ "$(sha256sum "$tmp/journal")" = "$sum_before" ]
echo "journal_damage.sh: ok (record 151 at byte $offset refused; prefix at seq $prefix_seq, skip at seq $final_seq)"
