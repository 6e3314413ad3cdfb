#!/usr/bin/env bash
# Runs the whole test suite: installs what the tests need, builds with warnings as errors, runs every
# test project, smoke-runs the benchmarks, and ends with one plain "N passed, N failed" line counted
# from the test results themselves.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# --- what the tests need from Debian --------------------------------------------------------------
# libvirt0: the libvirt driver and its integration tests (in-process test:/// driver, no daemon)
# libvirt-clients: virsh, to check expected values; python3-nova, python3-libvirt: the differential
# tests run Nova's own Python code beside ours. libvirt-daemon, libvirt-daemon-driver-qemu, qemu-system-x86: the
# end-to-end test boots a TCG guest under qemu:///session as an unprivileged user (QemuSessionTests).
bash "$root/tests/install-deps.sh" libvirt0 libvirt-clients python3-nova python3-libvirt \
  libvirt-daemon libvirt-daemon-driver-qemu qemu-system-x86

# chromium, chromium-driver: Nova.Resources.Overview.Tests drives the overview page in headless Chromium.
bash "$root/tests/install-deps.sh" chromium chromium-driver

# --- a throwaway PostgreSQL for the store's tests and the benchmarks: one cluster (tests/services/postgres.sh),
# its superuser's connection string in NOVA_TEST_POSTGRES, stopped by PID whatever happens.
pgdir="$(mktemp -d /tmp/nova-run-pg.XXXXXX)"
trap 'bash "$root/tests/services/postgres.sh" stop "$pgdir" || true; rm -rf "$pgdir"' EXIT
bash "$root/tests/services/postgres.sh" start "$pgdir" >/dev/null
NOVA_TEST_POSTGRES="$(bash "$root/tests/services/postgres.sh" url "$pgdir")"
export NOVA_TEST_POSTGRES

results="$root/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

dotnet build "$root/Nova.Resources.sln" -c Release -nologo -v minimal

status=0

# Real Placement for Nova.Resources.Placement.Tests: one on sqlite, three API processes on one PostgreSQL database;
# stopped by PID whatever happens.
placement_services="$root/artifacts/placement-services"
# One EXIT trap for both services: a second trap would replace the PostgreSQL one.
trap 'bash "$root/tests/services/placement-suite.sh" stop "$placement_services" || true; bash "$root/tests/services/postgres.sh" stop "$pgdir" || true; rm -rf "$pgdir"' EXIT
if placement_env="$(bash "$root/tests/services/placement-suite.sh" start "$placement_services")"; then
  eval "$placement_env"
else
  echo "Placement did not start; its tests start their own" >&2
fi

for project in "$root"/tests/*/*.Tests.csproj; do
  name="$(basename "$project" .csproj)"
  dotnet test "$project" -c Release --no-build -nologo \
    --logger "trx;LogFileName=$name.trx" --results-directory "$results" || status=1
done

# The parser's vector paths differ by hardware: its tests again with AVX-512 off (two Vector256 halves per window)
# and with no hardware intrinsics at all (the scalar rule loop only), so every path meets the same reference model.
for variant in "DOTNET_EnableAVX512F=0:NoAvx512" "DOTNET_EnableHWIntrinsic=0:NoVectors"; do
  env "${variant%%:*}" dotnet test "$root/tests/Nova.Resources.Tests/Nova.Resources.Tests.csproj" -c Release --no-build -nologo \
    --filter 'FullyQualifiedName~CpuSet|FullyQualifiedName~CpuSpec' \
    --logger "trx;LogFileName=Nova.Resources.Tests.${variant#*:}.trx" --results-directory "$results" || status=1
done

# The benchmarks must not rot: run each once, in process, with the Dry job.
if ! dotnet run --project "$root/benchmarks/Nova.Resources.Benchmarks" -c Release --no-build -- \
    --filter '*' --job Dry --inProcess --artifacts "$root/artifacts/benchmarks-dry" >"$results/benchmarks-dry.log" 2>&1; then
  echo "benchmark dry run failed; see $results/benchmarks-dry.log" >&2
  tail -n 40 "$results/benchmarks-dry.log" >&2 || true
  status=1
fi

# The packages: pack each, then build and test a consumer that references them by package, not by
# project. It restores into its own folder so that a package from an earlier run is never reused.
packages="$root/artifacts/packages"
rm -rf "$packages" "$root/artifacts/consumer-nuget"/nova.resources*
if dotnet pack "$root/src/Nova.Resources.Libvirt/Nova.Resources.Libvirt.csproj" -c Release --no-build -nologo -v minimal -o "$packages" \
   && dotnet pack "$root/src/Nova.Resources.Placement/Nova.Resources.Placement.csproj" -c Release --no-build -nologo -v minimal -o "$packages" \
   && dotnet pack "$root/src/Nova.Resources/Nova.Resources.csproj" -c Release --no-build -nologo -v minimal -o "$packages" \
   && dotnet pack "$root/src/Nova.Resources.PostgreSql/Nova.Resources.PostgreSql.csproj" -c Release --no-build -nologo -v minimal -o "$packages" \
   && dotnet pack "$root/src/Nova.Resources.Testing/Nova.Resources.Testing.csproj" -c Release --no-build -nologo -v minimal -o "$packages"; then
  NUGET_PACKAGES="$root/artifacts/consumer-nuget" dotnet test "$root/tests/PackageConsumer/PackageConsumer.csproj" -c Release -nologo \
    --logger "trx;LogFileName=PackageConsumer.trx" --results-directory "$results" || status=1
  # Every C# block of the READMEs, built and run as a user copies it, against the packages just packed.
  NUGET_PACKAGES="$root/artifacts/consumer-nuget" dotnet test "$root/tests/ReadmeSnippets/ReadmeSnippets.csproj" -c Release --no-build -nologo \
    --logger "trx;LogFileName=ReadmeSnippets.trx" --results-directory "$results" || status=1
else
  echo "dotnet pack failed" >&2
  status=1
fi

# Count from the TRX files: every executed test is either passed or failed.
passed=0
failed=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  counters="$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)"
  p="$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")"
  f="$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")"
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
done
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1 # a step failed outside the test runner (build of a test project, benchmark smoke run)
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
