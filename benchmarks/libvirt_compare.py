"""Runs python3-libvirt's timings and the LibvirtBenchmarks BenchmarkDotNet job in the same run, and prints
the table of both with the ratio .NET / Python (below 1 means .NET is faster).

Usage (from the repository root): /usr/bin/python3 benchmarks/libvirt_compare.py [extra BenchmarkDotNet args]
for example `--job short`. Needs a Release build of the benchmarks project.
"""
import glob
import json
import os
import subprocess
import sys

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
artifacts = os.path.join(root, "artifacts", "libvirt-compare")

python = json.loads(subprocess.run(
    ["/usr/bin/python3", os.path.join(root, "benchmarks", "libvirt_bench.py"), "--json"],
    check=True, capture_output=True, text=True).stdout)

subprocess.run(
    ["dotnet", "run", "--project", os.path.join(root, "benchmarks", "Nova.Resources.Benchmarks"), "-c", "Release",
     "--no-build", "--", "--filter", "*LibvirtBenchmarks*", "--exporters", "json", "--artifacts", artifacts]
    + sys.argv[1:],
    check=True, stdout=subprocess.DEVNULL)

report = sorted(glob.glob(os.path.join(artifacts, "results", "*LibvirtBenchmarks*.json")), key=os.path.getmtime)[-1]
with open(report) as f:
    benchmarks = {b["Method"]: b for b in json.load(f)["Benchmarks"]}

print(f"| operation | .NET mean (ns) | .NET allocated (B) | python3-libvirt median (ns) | .NET / Python |")
print(f"|---|---:|---:|---:|---:|")
for method, b in benchmarks.items():
    mean = b["Statistics"]["Mean"]
    allocated = (b.get("Memory") or {}).get("BytesAllocatedPerOperation", "")
    py = python.get(method)
    ratio = f"{mean / py:.2f}" if py else "-"
    py_text = f"{py:,.0f}" if py else "-"
    print(f"| {method} | {mean:,.0f} | {allocated} | {py_text} | {ratio} |")
