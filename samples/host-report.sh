#!/usr/bin/env bash
# Runs the host-report sample: one audit of this host through the libvirt driver, printed as a table.
# Installs Debian's libvirt0 first when it is missing (as root), or names the package to install.
# Any arguments go to the sample: --connect URI, --json, --watch, --help, --Nova:Key=value ...
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$root/tests/install-deps.sh" libvirt0
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
dotnet build "$root/samples/Nova.Resources.HostReport" -c Release -nologo -v quiet >/dev/null \
  || dotnet build "$root/samples/Nova.Resources.HostReport" -c Release -nologo -v minimal
exec dotnet "$root/samples/Nova.Resources.HostReport/bin/Release/net10.0/host-report.dll" "$@"
