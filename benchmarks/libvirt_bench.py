"""Times python3-libvirt doing what LibvirtBenchmarks times, on the same in-process URI (test:///default).

Usage: /usr/bin/python3 benchmarks/libvirt_bench.py [--json]
Prints the median nanoseconds per call of each operation (timeit, repeat 15), or JSON with --json.
"whole read" is the sequence of libvirt calls (and the statvfs) one LibvirtDriver.GetAvailableResourceAsync
makes, capabilities excluded because both Nova and the driver read them once and cache them.
"""
import json
import os
import statistics
import sys
import tempfile
import timeit

import libvirt

URI = "test:///default"
libvirt.registerErrorHandler(lambda ctx, err: None, None)
conn = libvirt.openReadOnly(URI)
instances = tempfile.mkdtemp(prefix="nova-bench-instances-")


def node_get_info():
    return conn.getInfo()[2]


def get_capabilities():
    return len(conn.getCapabilities())


def list_all_domains_and_info():
    return sum(d.info()[2] for d in conn.listAllDomains(0))


def whole_read():
    os.statvfs(instances)
    info = conn.getInfo()
    vcpus_used = 0
    memory = 0
    active = conn.listAllDomains(libvirt.VIR_CONNECT_LIST_DOMAINS_ACTIVE)
    for dom in active:
        dom_info = dom.info()
        memory += dom_info[2]
        try:
            vcpus_used += len(dom.vcpus()[0])
        except libvirt.libvirtError:
            vcpus_used += 1
    try:
        conn.getMemoryStats(libvirt.VIR_NODE_MEMORY_STATS_ALL_CELLS)
    except libvirt.libvirtError:
        pass
    conn.getType()
    conn.getVersion()
    conn.getHostname()
    for dom in active + conn.listAllDomains(libvirt.VIR_CONNECT_LIST_DOMAINS_INACTIVE):
        dom.XMLDesc(0)
        dom.blockInfo("vda")
    conn.listAllDevices(libvirt.VIR_CONNECT_LIST_NODE_DEVICES_CAP_PCI_DEV)
    return info[2], vcpus_used, memory


def median_ns(fn, number):
    runs = timeit.repeat(fn, number=number, repeat=15)
    return statistics.median(runs) / number * 1e9


results = {
    "NodeGetInfo": median_ns(node_get_info, 20000),
    "GetCapabilities": median_ns(get_capabilities, 2000),
    "ListAllDomainsAndInfo": median_ns(list_all_domains_and_info, 5000),
    "GetAvailableResource": median_ns(whole_read, 500),
}
os.rmdir(instances)
if "--json" in sys.argv:
    print(json.dumps(results))
else:
    for name, ns in results.items():
        print(f"{name:24} {ns:12.0f} ns")
