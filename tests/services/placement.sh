#!/usr/bin/env bash
# A real OpenStack Placement (Debian's python3-placement) on 127.0.0.1 and a free port, for tests and samples.
#   placement.sh start DIR [DB_URL]  writes DIR/placement.conf (noauth2; sqlite in DIR unless DB_URL, an SQLAlchemy
#                                    URL such as postgresql+psycopg2://postgres@127.0.0.1:5432/placement, is given),
#                                    starts /usr/bin/placement-api and waits for the first 200 on GET /; prints the
#                                    endpoint. DIR/port, DIR/pid, DIR/endpoint and DIR/placement.log are written.
#                                    Started again in the same DIR it keeps the port and the database, so a client
#                                    sees the same Placement come back.
#   placement.sh stop DIR            stops the server started in DIR (SIGTERM, then SIGKILL, by PID).
#   placement.sh endpoint DIR        prints the endpoint, e.g. http://127.0.0.1:41234
# Requests need the header X-Auth-Token: admin (noauth2 gives that token the admin role).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cmd="${1:-}"
dir="${2:-}"
[ -n "$cmd" ] && [ -n "$dir" ] || { echo "usage: placement.sh start DIR [DB_URL] | stop DIR | endpoint DIR" >&2; exit 2; }

# Debian's modules import only under Debian's interpreter, whatever python3 is first on PATH.
python=/usr/bin/python3

free_port() {
  "$python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

stop() {
  [ -f "$dir/pid" ] || return 0
  local pid
  pid="$(cat "$dir/pid")"
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then kill -9 "$pid" 2>/dev/null || true; fi
  fi
  rm -f "$dir/pid"
}

# Polls GET / until Placement answers 200 (its version document), the process dies, or 60 s pass.
wait_ready() {
  local pid="$1" url="$2"
  "$python" - "$pid" "$url" <<'EOF'
import os, sys, time, urllib.request
pid, url = int(sys.argv[1]), sys.argv[2]
deadline = time.monotonic() + 60
while time.monotonic() < deadline:
    try:
        os.kill(pid, 0)
    except OSError:
        sys.exit(1)
    try:
        with urllib.request.urlopen(url + "/", timeout=5) as response:
            if response.status == 200:
                sys.exit(0)
    except Exception:
        pass
    time.sleep(0.1)
sys.exit(1)
EOF
}

case "$cmd" in
  start)
    bash "$here/../install-deps.sh" python3-placement python3-psycopg2
    mkdir -p "$dir"
    dir="$(cd "$dir" && pwd)"
    stop
    db_url="${3:-}"
    if [ -z "$db_url" ]; then
      if [ -f "$dir/db_url" ]; then db_url="$(cat "$dir/db_url")"; else db_url="sqlite:///$dir/placement.sqlite"; fi
    fi
    echo "$db_url" >"$dir/db_url"
    cat >"$dir/placement.conf" <<EOF
[DEFAULT]
log_file = $dir/placement.log
[api]
auth_strategy = noauth2
[placement_database]
connection = $db_url
sync_on_startup = true
EOF
    for attempt in 1 2 3 4 5; do
      if [ -f "$dir/port" ]; then port="$(cat "$dir/port")"; else port="$(free_port)"; fi
      OS_PLACEMENT_CONFIG_DIR="$dir" setsid "$python" /usr/bin/placement-api --host 127.0.0.1 --port "$port" \
        >>"$dir/server.log" 2>&1 </dev/null &
      pid=$!
      echo "$pid" >"$dir/pid"
      if wait_ready "$pid" "http://127.0.0.1:$port"; then
        echo "$port" >"$dir/port"
        echo "http://127.0.0.1:$port" >"$dir/endpoint"
        echo "http://127.0.0.1:$port"
        exit 0
      fi
      stop
      # A port taken meanwhile by someone else: pick another one, unless it is the one a client already knows.
      [ -f "$dir/endpoint" ] && break
      rm -f "$dir/port"
    done
    echo "Placement did not start; see $dir/server.log and $dir/placement.log" >&2
    tail -n 20 "$dir/server.log" >&2 || true
    exit 1
    ;;
  stop)
    stop
    ;;
  endpoint)
    cat "$dir/endpoint"
    ;;
  *)
    echo "usage: placement.sh start DIR [DB_URL] | stop DIR | endpoint DIR" >&2
    exit 2
    ;;
esac
