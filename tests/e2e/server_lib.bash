# Shared by the service end-to-end scripts (sourced, not run: CI runs only *.sh here).
# Gives $tmp (a scratch folder), $server_pid, stop_server (TERM, then KILL after 5 s) and an
# EXIT trap that stops the server and removes $tmp.
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
