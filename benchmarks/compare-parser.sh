#!/usr/bin/env bash
# Times Nova's own Python parse_cpu_spec / format_cpu_spec (benchmarks/nova_parse_bench.py, Debian
# python3-nova), a plain C implementation of the same grammar (benchmarks/cpuspec_ref.c, built here with
# the system cc -O2) and CpuSetParseBenchmarks (BenchmarkDotNet) on the same six specs, in one run, and
# prints one table with the ratios per spec. Nova and C are timed before and after the .NET run and their
# faster time is kept, so the ratios against Nova are conservative.
#
# Usage: bash benchmarks/compare-parser.sh [BenchmarkDotNet arguments]
# (default: --job short --launchCount 3 --warmupCount 5 --iterationCount 50 --iterationTime 10: many 10 ms iterations,
# like the 50 repeats of about 10 ms on the Nova and C sides, so that the best of each is rarely preempted, in three
# processes per benchmark: on this shared VM a whole process sometimes runs about 1.6x slower, as Nova and C are also
# timed twice, before and after)
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

[ "$#" -gt 0 ] || set -- --job short --launchCount 3 --warmupCount 5 --iterationCount 50 --iterationTime 10

${CC:-cc} -O2 -o "$out/cpuspec_ref" "$root/benchmarks/cpuspec_ref.c"
uptime >"$out/load.txt"
/usr/bin/python3 "$root/benchmarks/nova_parse_bench.py" --json >"$out/nova-before.json"
"$out/cpuspec_ref" --json >"$out/c-before.json"
dotnet run --project "$root/benchmarks/Nova.Resources.Benchmarks" -c Release -- \
  --filter '*CpuSetParseBenchmarks*' --exporters json --artifacts "$out/bdn" "$@" >"$out/bdn.log" 2>&1 || {
  tail -n 40 "$out/bdn.log" >&2
  exit 1
}
/usr/bin/python3 "$root/benchmarks/nova_parse_bench.py" --json >"$out/nova-after.json"
"$out/cpuspec_ref" --json >"$out/c-after.json"
uptime >>"$out/load.txt"

/usr/bin/python3 - "$out" <<'PY'
import glob, json, sys

out = sys.argv[1]

def best(name):
    before = json.load(open("%s/%s-before.json" % (out, name)))
    after = json.load(open("%s/%s-after.json" % (out, name)))
    return {k: {m: min(before[k][m], after[k][m]) for m in before[k]} for k in before}

nova = best("nova")
c = best("c")
report = glob.glob(out + "/bdn/results/*CpuSetParseBenchmarks*.json")[0]
dotnet = {}
for b in json.load(open(report))["Benchmarks"]:
    spec = b["Parameters"].split("=", 1)[1]
    st = b["Statistics"]
    dotnet[(spec, b["Method"])] = (st["Min"], st["Mean"], b["Memory"]["BytesAllocatedPerOperation"])

def ns(v):
    return "%.0f ns" % v if v >= 100 else "%.1f ns" % v

print("Load (uptime) before and after:")
for line in open(out + "/load.txt"):
    print("    " + line.strip())
print()
print("Nova: best of 50 timeit repeats; C (cc -O2): best of 50 repeats (each about 10 ms); both timed before and after the .NET run, the faster kept.")
print(".NET: BenchmarkDotNet Min (Mean in brackets). x Nova = Nova best / .NET Min; x C = C best / .NET Min (above 1: .NET faster).")
print()
print("| Spec | Nova parse | C parse | CpuSet.Parse | Parse alloc | x Nova | x C | Nova format | C format | ToString | ToString alloc | x Nova | x C | TryFormat (alloc) | Enumerate (alloc) |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for spec in nova:
    p, pm, pa = dotnet[(spec, "Parse")]
    f, fm, fa = dotnet[(spec, "Format")]
    t, tm, ta = dotnet[(spec, "TryFormat")]
    e, em, ea = dotnet[(spec, "Enumerate")]
    np, nf = nova[spec]["parse_ns"], nova[spec]["format_ns"]
    cp, cf = c[spec]["parse_ns"], c[spec]["format_ns"]
    print("| `%s` | %s | %s | %s (%s) | %d B | %.0fx | %.2fx | %s | %s | %s (%s) | %d B | %.0fx | %.2fx | %s (%d B) | %s (%d B) |" % (
        spec, ns(np), ns(cp), ns(p), ns(pm), pa, np / p, cp / p,
        ns(nf), ns(cf), ns(f), ns(fm), fa, nf / f, cf / f, ns(t), ta, ns(e), ea))
PY
