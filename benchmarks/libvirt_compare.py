"""Times the same libvirt work three ways in one run and prints one table: C (libvirt_bench.c, built with gcc),
python3-libvirt (libvirt_bench.py) and the LibvirtBenchmarks BenchmarkDotNet class, all on test:///default.
C's "GetAvailableResource" is the sequence of calls one LibvirtDriver.GetAvailableResourceAsync makes; the same C
code, built as a library, is also timed inside the BenchmarkDotNet job (GetAvailableResourceC), and that mean is
the baseline of the three .NET ways of making the read (GetAvailableResource, GetAvailableResourceAwaited,
ReadResourcesInline): on a shared machine only figures of one run are comparable.

Usage (from the repository root, after `dotnet build Nova.Resources.sln -c Release`):
    /usr/bin/python3 benchmarks/libvirt_compare.py [extra BenchmarkDotNet arguments, e.g. --job short]
C and Python run before and after the .NET job and the lower of the two medians is kept, so a busy machine
can only make .NET look worse. ".NET / Python" below 1 means .NET is faster; "binding overhead" is the .NET
mean minus the C median for the same call, ".NET / C" their ratio.
"""
import glob
import json
import os
import subprocess
import sys
import tempfile

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
artifacts = os.path.join(root, "artifacts", "libvirt-compare")
c_binary = os.path.join(tempfile.mkdtemp(prefix="libvirt-bench-"), "libvirt_bench_c")
subprocess.run(["gcc", "-O2", "-o", c_binary, os.path.join(root, "benchmarks", "libvirt_bench.c"),
                "/usr/lib/x86_64-linux-gnu/libvirt.so.0"], check=True)


instances = tempfile.mkdtemp(prefix="nova-bench-instances-")
WHOLE_READ = ("GetAvailableResource", "GetAvailableResourceAwaited", "ReadResourcesInline")


def baselines():
    c = json.loads(subprocess.run([c_binary, instances], check=True, capture_output=True, text=True).stdout)
    py = json.loads(subprocess.run(
        ["/usr/bin/python3", os.path.join(root, "benchmarks", "libvirt_bench.py"), "--json"],
        check=True, capture_output=True, text=True).stdout)
    return c, py


c_before, py_before = baselines()
subprocess.run(
    ["dotnet", "run", "--project", os.path.join(root, "benchmarks", "Nova.Resources.Benchmarks"), "-c", "Release",
     "--no-build", "--", "--filter", "*LibvirtBenchmarks*", "--exporters", "json", "--artifacts", artifacts]
    + sys.argv[1:],
    check=True, stdout=subprocess.DEVNULL)
c_after, py_after = baselines()
c_ns = {k: min(c_before[k], c_after[k]) for k in c_before}
py_ns = {k: min(py_before[k], py_after[k]) for k in py_before}

report = sorted(glob.glob(os.path.join(artifacts, "results", "*LibvirtBenchmarks*.json")), key=os.path.getmtime)[-1]
with open(report) as f:
    benchmarks = {b["Method"]: b for b in json.load(f)["Benchmarks"]}

os.rmdir(instances)
same_run_c = benchmarks["GetAvailableResourceC"]["Statistics"]["Mean"]

print("| operation | .NET mean (ns) | .NET allocated (B) | C median (ns) | binding overhead (ns) | .NET / C | python3-libvirt median (ns) | .NET / Python |")
print("|---|---:|---:|---:|---:|---:|---:|---:|")
for method, b in benchmarks.items():
    mean = b["Statistics"]["Mean"]
    allocated = (b.get("Memory") or {}).get("BytesAllocatedPerOperation", "")
    baseline = "GetAvailableResource" if method in WHOLE_READ or method == "GetAvailableResourceC" else method
    # The whole read's C figure is the same run's GetAvailableResourceC (the C sequence timed by BenchmarkDotNet
    # between the .NET reads); the standalone C binary's median is printed below the table.
    c = same_run_c if baseline == "GetAvailableResource" else c_ns.get(baseline)
    py = py_ns.get(baseline if baseline != "NodeGetInfoRaw" else "NodeGetInfo")
    print(f"| {method} | {mean:,.0f} | {allocated} | {f'{c:,.0f}' if c else '-'} | "
          f"{f'{mean - c:,.0f}' if c else '-'} | {f'{mean / c:.2f}' if c else '-'} | "
          f"{f'{py:,.0f}' if py else '-'} | {f'{mean / py:.2f}' if py else '-'} |")
print()
print(f"Standalone C (libvirt_bench.c, median of 15, better of before/after): whole read {c_ns['GetAvailableResource']:,.0f} ns, "
      f"python3-libvirt whole read {py_ns['GetAvailableResource']:,.0f} ns.")
