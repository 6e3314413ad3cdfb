#!/usr/bin/env python3
"""Times Nova's own parse_cpu_spec and format_cpu_spec (Debian python3-nova) on the six specs of
issue 2, the same specs as CpuSetParseBenchmarks.

Usage: /usr/bin/python3 benchmarks/nova_parse_bench.py [--json]

Prints a table of the best per-call time (ns) over 50 timeit repeats of about 10 ms each, or with --json a JSON object
{spec name: {"parse_ns": ..., "format_ns": ...}} for compare-parser.sh.
"""
import json
import sys
import timeit

from nova.virt import hardware

SPECS = {
    "0-3": "0-3",
    "1-4,^3,6": "1-4,^3,6",
    "0-127,^64-71": "0-127,^64-71",
    "0-1023": "0-1023",
    "0,2,...,1022": ",".join(str(i * 2) for i in range(512)),
    "0-1023,^1,...,^1023": "0-1023," + ",".join("^%d" % (i * 2 + 1) for i in range(512)),
}


# Many short repeats rather than a few long ones: on a machine shared with other work a short repeat has a
# fair chance of running unpreempted, and the best one is what the code costs (the .NET and C sides do the same).
REPEATS = 50
REPEAT_SECONDS = 0.01


def best_ns(func):
    timer = timeit.Timer(func)
    number, elapsed = timer.autorange()
    number = max(1, int(number * REPEAT_SECONDS / elapsed))
    return min(timer.repeat(repeat=REPEATS, number=number)) / number * 1e9


def main():
    results = {}
    for name, spec in SPECS.items():
        cpus = hardware.parse_cpu_spec(spec)
        results[name] = {
            "parse_ns": best_ns(lambda: hardware.parse_cpu_spec(spec)),
            "format_ns": best_ns(lambda: hardware.format_cpu_spec(cpus)),
        }
    if "--json" in sys.argv[1:]:
        json.dump(results, sys.stdout, indent=1)
        print()
        return
    print("%-24s %14s %14s" % ("Spec", "parse (ns)", "format (ns)"))
    for name, r in results.items():
        print("%-24s %14.0f %14.0f" % (name, r["parse_ns"], r["format_ns"]))


if __name__ == "__main__":
    main()
