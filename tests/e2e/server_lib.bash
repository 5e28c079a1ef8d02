# Shared by the service end-to-end scripts (sourced, not run: CI runs only *.sh here).
# Gives $tmp (a scratch folder), $server_pid, start_server (with the keys the script wrote to
# $tmp), stop_server (TERM, then KILL after 5 s) and an EXIT trap that stops the server and
# removes $tmp.
tmp="$(mktemp -d)"
server_pid=""

stop_server() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$server_pid" 2>/dev/null || true
  fi
  [ -z "$server_pid" ] || wait "$server_pid" 2>/dev/null || true
  server_pid=""
}
cleanup() { stop_server; rm -rf "$tmp"; }
trap cleanup EXIT

start_server() { # [BIND]: erde serve on the demo district with $tmp/clients.keys and
                 # $tmp/server.key_secret, journal $journal (default $tmp/journal); waits for the
                 # ready line and sets request= and publish=
  : >"$tmp/out"
  "$ERDE" serve --data "$root/geodata/demo/demo.gpkg" --bind "${1:-tcp://127.0.0.1:*/*}" \
    --keys "$tmp/clients.keys" --cert "$tmp/server.key_secret" --journal "${journal:-$tmp/journal}" \
    >"$tmp/out" 2>>"$tmp/err" &
  server_pid=$!
  for _ in $(seq 200); do
    grep -q "ready" "$tmp/out" && break
    kill -0 "$server_pid" 2>/dev/null || { cat "$tmp/err" >&2; echo "server exited" >&2; exit 1; }
    sleep 0.1
  done
  grep -q "ready" "$tmp/out" || { echo "server not ready within 20 s" >&2; cat "$tmp/err" >&2; exit 1; }
  request="$(sed -n 's/.*request=\([^ ]*\).*/\1/p' "$tmp/out")"
  publish="$(sed -n 's/.*publish=\([^ ]*\).*/\1/p' "$tmp/out")"
}
