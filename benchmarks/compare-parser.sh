#!/usr/bin/env bash
# Times Nova's own Python parse_cpu_spec / format_cpu_spec (benchmarks/nova_parse_bench.py, Debian
# python3-nova) and CpuSetParseBenchmarks (BenchmarkDotNet) on the same six specs, in one run, and prints
# one table with the ratio per spec. Nova is timed before and after the .NET run and its faster time is
# kept, so the ratios are conservative.
#
# Usage: bash benchmarks/compare-parser.sh [BenchmarkDotNet arguments; default: --job short]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/artifacts/compare-parser"
rm -rf "$out"
mkdir -p "$out"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

if ! /usr/bin/python3 -c 'import nova.virt.hardware' 2>/dev/null; then
  echo "Nova's Python code is missing: install the Debian package python3-nova" >&2
  exit 1
fi

[ "$#" -gt 0 ] || set -- --job short

/usr/bin/python3 "$root/benchmarks/nova_parse_bench.py" --json >"$out/nova-before.json"
dotnet run --project "$root/benchmarks/Nova.Resources.Benchmarks" -c Release -- \
  --filter '*CpuSetParseBenchmarks*' --exporters json --artifacts "$out/bdn" "$@" >"$out/bdn.log" 2>&1 || {
  tail -n 40 "$out/bdn.log" >&2
  exit 1
}
/usr/bin/python3 "$root/benchmarks/nova_parse_bench.py" --json >"$out/nova-after.json"

/usr/bin/python3 - "$out" <<'PY'
import glob, json, sys

out = sys.argv[1]
before = json.load(open(out + "/nova-before.json"))
after = json.load(open(out + "/nova-after.json"))
nova = {k: {m: min(before[k][m], after[k][m]) for m in before[k]} for k in before}
report = glob.glob(out + "/bdn/results/*CpuSetParseBenchmarks*.json")[0]
dotnet = {}
for b in json.load(open(report))["Benchmarks"]:
    spec = b["Parameters"].split("=", 1)[1]
    st = b["Statistics"]
    dotnet[(spec, b["Method"])] = (st["Min"], st["Mean"], b["Memory"]["BytesAllocatedPerOperation"])

def ns(v):
    return "%.0f ns" % v if v >= 100 else "%.1f ns" % v

print("Nova: best of 7 timeit repeats (before/after the .NET run, the faster). .NET: BenchmarkDotNet Min (Mean in brackets).")
print("Ratio = Nova best / .NET Min, the same statistic on both sides.")
print()
print("| Spec | Nova parse | CpuSet.Parse | Parse alloc | Ratio | Nova format | ToString | ToString alloc | Ratio | TryFormat (alloc) | Enumerate (alloc) |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for spec in nova:
    p, pm, pa = dotnet[(spec, "Parse")]
    f, fm, fa = dotnet[(spec, "Format")]
    t, tm, ta = dotnet[(spec, "TryFormat")]
    e, em, ea = dotnet[(spec, "Enumerate")]
    print("| `%s` | %s | %s (%s) | %d B | %.0fx | %s | %s (%s) | %d B | %.0fx | %s (%d B) | %s (%d B) |" % (
        spec, ns(nova[spec]["parse_ns"]), ns(p), ns(pm), pa, nova[spec]["parse_ns"] / p,
        ns(nova[spec]["format_ns"]), ns(f), ns(fm), fa, nova[spec]["format_ns"] / f, ns(t), ta, ns(e), ea))
PY
