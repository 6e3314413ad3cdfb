#!/usr/bin/env bash
# The Placement services the test suite shares (tests/run.sh), started and stopped together by PID.
#   placement-suite.sh start DIR   starts Placement on sqlite and, on a throwaway PostgreSQL cluster, three Placement API
#                                  processes on one database (as Placement scales out); prints the export lines of
#                                  NOVA_TEST_PLACEMENT (the sqlite endpoint) and NOVA_TEST_PLACEMENT_PG (comma-separated).
#   placement-suite.sh stop DIR    stops everything started in DIR; safe to call whatever happened.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cmd="${1:-}"
dir="${2:-}"
[ -n "$cmd" ] && [ -n "$dir" ] || { echo "usage: placement-suite.sh start|stop DIR" >&2; exit 2; }
processes=3

case "$cmd" in
  start)
    mkdir -p "$dir"
    sqlite="$(bash "$here/placement.sh" start "$dir/sqlite")"
    port="$(bash "$here/postgres.sh" start "$dir/postgres")"
    url="postgresql+psycopg2://postgres@127.0.0.1:$port/postgres"
    endpoints=()
    # The first process creates the schema; the others start on it.
    for i in $(seq 1 "$processes"); do
      endpoints+=("$(bash "$here/placement.sh" start "$dir/pg-$i" "$url")")
    done
    echo "export NOVA_TEST_PLACEMENT=$sqlite"
    echo "export NOVA_TEST_PLACEMENT_PG=$(IFS=,; echo "${endpoints[*]}")"
    ;;
  stop)
    for sub in "$dir"/sqlite "$dir"/pg-*; do
      [ -d "$sub" ] && bash "$here/placement.sh" stop "$sub"
    done
    [ -d "$dir/postgres" ] && bash "$here/postgres.sh" stop "$dir/postgres"
    rm -rf "$dir"
    ;;
  *)
    echo "usage: placement-suite.sh start|stop DIR" >&2
    exit 2
    ;;
esac
