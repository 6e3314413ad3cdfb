#!/usr/bin/env bash
# A throwaway PostgreSQL cluster on 127.0.0.1 and a free port, for tests and samples.
#   postgres.sh start DIR   initdb into a new directory under /tmp (owned by the server's user, so it works wherever
#                           DIR is) and start it as an unprivileged user; prints the port. DIR/port, DIR/pid and
#                           DIR/cluster (the cluster's directory, with postgres.log) are written.
#   postgres.sh stop DIR    stops the cluster started in DIR (fast shutdown, then SIGKILL by PID).
#   postgres.sh url DIR [DB]  prints an Npgsql connection string for the superuser `postgres` (database DB, default postgres).
#   postgres.sh stop DIR also removes the cluster's directory.
#   postgres.sh kill DIR    stops the server at once (pg_ctl -m immediate, as a crash), keeping the data and the port.
#   postgres.sh restart DIR starts the server of DIR again on the same port (after kill); crash recovery runs first.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cmd="${1:-}"
dir="${2:-}"
[ -n "$cmd" ] && [ -n "$dir" ] || { echo "usage: postgres.sh start|stop|url|kill|restart DIR [DB]" >&2; exit 2; }

bindir() {
  local found
  found="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  [ -n "$found" ] || { echo "PostgreSQL server binaries not found under /usr/lib/postgresql (Debian package: postgresql)" >&2; exit 1; }
  echo "$found"
}

# Runs a command as the cluster's owner: `postgres` when we are root, else ourselves.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    # From /, which the server's user can always enter (the checkout may be in a private directory).
    (cd / && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

free_port() {
  /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

case "$cmd" in
  start)
    bash "$here/../install-deps.sh" postgresql
    bin="$(bindir)"
    mkdir -p "$dir"
    cluster="$(mktemp -d /tmp/nova-pg.XXXXXX)"
    echo "$cluster" >"$dir/cluster"
    if [ "$(id -u)" -eq 0 ]; then chown postgres: "$cluster"; fi
    as_owner "$bin/initdb" -D "$cluster/data" -A trust -U postgres -E UTF8 --no-sync >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    for attempt in 1 2 3 4 5; do
      port="$(free_port)"
      if as_owner "$bin/pg_ctl" -D "$cluster/data" -l "$cluster/postgres.log" -w -t 30 \
          -o "-c listen_addresses=127.0.0.1 -p $port -k $cluster -c fsync=off -c max_connections=300" start >/dev/null; then
        head -n 1 "$cluster/data/postmaster.pid" >"$dir/pid"
        echo "$port" >"$dir/port"
        echo "$port"
        exit 0
      fi
    done
    echo "PostgreSQL did not start; see $cluster/postgres.log" >&2
    tail -n 20 "$cluster/postgres.log" >&2 || true
    exit 1
    ;;
  stop)
    [ -f "$dir/cluster" ] || exit 0
    cluster="$(cat "$dir/cluster")"
    if [ -f "$dir/pid" ]; then
      pid="$(cat "$dir/pid")"
      as_owner "$(bindir)/pg_ctl" -D "$cluster/data" -m fast -w -t 20 stop >/dev/null 2>&1 || true
      if kill -0 "$pid" 2>/dev/null; then kill -9 "$pid" 2>/dev/null || true; fi
      rm -f "$dir/pid"
    fi
    case "$cluster" in /tmp/nova-pg.*) rm -rf "$cluster" ;; esac
    rm -f "$dir/cluster"
    ;;
  kill)
    cluster="$(cat "$dir/cluster")"
    as_owner "$(bindir)/pg_ctl" -D "$cluster/data" -m immediate -w -t 20 stop >/dev/null
    rm -f "$dir/pid"
    ;;
  restart)
    cluster="$(cat "$dir/cluster")"
    port="$(cat "$dir/port")"
    as_owner "$(bindir)/pg_ctl" -D "$cluster/data" -l "$cluster/postgres.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $cluster -c fsync=off -c max_connections=300" start >/dev/null \
      || { tail -n 20 "$cluster/postgres.log" >&2; exit 1; }
    head -n 1 "$cluster/data/postmaster.pid" >"$dir/pid"
    ;;
  url)
    echo "Host=127.0.0.1;Port=$(cat "$dir/port");Username=postgres;Database=${3:-postgres};Pooling=true"
    ;;
  *)
    echo "usage: postgres.sh start|stop|url|kill|restart DIR [DB]" >&2
    exit 2
    ;;
esac
