#!/usr/bin/env bash
# The cluster overview on one machine: a throwaway PostgreSQL, N simulated compute hosts (the nova-agent sample:
# Nova.Resources' audit over the fake driver, each host a different size with a few instances, auditing every 5 s and
# recording each audit's outcome for the page's "last audit" column) and the overview page on 127.0.0.1. Prints the URL; Ctrl-C or SIGTERM stops everything it started, by PID.
#   bash samples/overview.sh [--port P] [--hosts N] [--placement]
#     --port P      the page's port (default 5080)
#     --hosts N     how many simulated hosts (default 3)
#     --placement   also start a real OpenStack Placement (python3-placement): the hosts report to it and the page
#                   shows its allocations beside the capacity
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
port=5080
hosts=3
placement=0
while [ $# -gt 0 ]; do
  case "$1" in
    --port) port="${2:?--port needs a value}"; shift 2 ;;
    --hosts) hosts="${2:?--hosts needs a value}"; shift 2 ;;
    --placement) placement=1; shift ;;
    -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "overview.sh: unknown argument $1 (try --help)" >&2; exit 2 ;;
  esac
done
[[ "$port" =~ ^[0-9]+$ ]] && [ "$port" -gt 0 ] && [ "$port" -lt 65536 ] || { echo "overview.sh: --port must be a port number, not $port" >&2; exit 2; }
[[ "$hosts" =~ ^[0-9]+$ ]] || { echo "overview.sh: --hosts must be a number, not $hosts" >&2; exit 2; }

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
bash "$root/tests/install-deps.sh" postgresql
for project in Nova.Resources.Agent Nova.Resources.Overview; do
  dotnet build "$root/samples/$project" -c Release -nologo -v quiet >/dev/null \
    || dotnet build "$root/samples/$project" -c Release -nologo -v minimal
done
bin="net10.0"
agent="$root/samples/Nova.Resources.Agent/bin/Release/$bin/nova-agent.dll"
overview="$root/samples/Nova.Resources.Overview/bin/Release/$bin/nova-overview.dll"

work="$(mktemp -d /tmp/nova-overview.XXXXXX)"
pids=()
stopping=0
cleanup() {
  [ "$stopping" -eq 1 ] && return
  stopping=1
  # A second Ctrl-C or SIGTERM (a supervisor's, or timeout's on top of its own) must not cut the clean-up short.
  trap '' INT TERM
  # The page first, then the hosts (each deletes its records as it goes), then the services.
  local i pid
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
    kill -TERM "${pids[i]}" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
    for _ in $(seq 1 100); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
  done
  [ "$placement" -eq 1 ] && bash "$root/tests/services/placement.sh" stop "$work/placement" || true
  bash "$root/tests/services/postgres.sh" stop "$work/pg" || true
  rm -rf "$work"
}
trap cleanup EXIT
trap 'echo; echo "Stopping..."; exit 130' INT
trap 'exit 143' TERM

bash "$root/tests/services/postgres.sh" start "$work/pg" >/dev/null
db="$(bash "$root/tests/services/postgres.sh" url "$work/pg")"
settings=("--PostgreSql:ConnectionString=$db")
if [ "$placement" -eq 1 ]; then
  endpoint="$(bash "$root/tests/services/placement.sh" start "$work/placement")"
  # placement-api (wsgiref) answers HTTP/1.0 and closes every connection: no keep-alive.
  settings+=("--Placement:Endpoint=$endpoint" "--Placement:Token=admin" "--Placement:KeepAlive=false")
fi

# Sizes cycle through four kinds of host: vCPUs, memory (MiB), disk (GiB), instances booted at start.
sizes=("8 16384 200 1" "32 131072 1000 4" "64 262144 2000 8" "96 524288 4000 12")
for ((i = 1; i <= hosts; i++)); do
  read -r vcpus memory disk instances <<<"${sizes[$(((i - 1) % ${#sizes[@]}))]}"
  dotnet "$agent" --Nova:Host="compute-$i" --Nova:UpdateResourcesInterval=00:00:05 \
    --Agent:Vcpus="$vcpus" --Agent:MemoryMb="$memory" --Agent:LocalGb="$disk" --Agent:Instances="$instances" \
    "${settings[@]}" >"$work/compute-$i.log" 2>&1 </dev/null &
  pids+=($!)
done

dotnet "$overview" --urls "http://127.0.0.1:$port" --Overview:RefreshInterval=00:00:02 "${settings[@]}" \
  >"$work/overview.log" 2>&1 </dev/null &
page=$!
pids+=("$page")

# Ready when the API answers; a page that dies on the way (a taken port, say) is reported with its log.
for _ in $(seq 1 600); do
  if ! kill -0 "$page" 2>/dev/null; then
    echo "The overview stopped; its log:" >&2
    tail -n 30 "$work/overview.log" >&2
    exit 1
  fi
  if /usr/bin/python3 -c "import urllib.request,sys; urllib.request.urlopen(sys.argv[1], timeout=2)" \
      "http://127.0.0.1:$port/api/overview" 2>/dev/null; then
    break
  fi
  sleep 0.1
done

echo "Overview: http://127.0.0.1:$port/   ($hosts simulated host$([ "$hosts" -eq 1 ] || echo s); JSON at /api/overview; logs in $work)"
echo "Ctrl-C stops the page, the hosts and PostgreSQL$([ "$placement" -eq 1 ] && echo " and Placement")."
while kill -0 "$page" 2>/dev/null; do
  sleep 1 &
  wait $! || true
done
echo "The overview stopped; its log:" >&2
tail -n 30 "$work/overview.log" >&2
exit 1
