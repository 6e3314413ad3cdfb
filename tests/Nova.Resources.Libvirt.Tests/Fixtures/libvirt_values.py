"""Prints, as JSON, what python3-libvirt reports on a URI, computed the way Nova's libvirt driver does.

Usage: python3 libvirt_values.py URI
"""
import json
import sys

import libvirt

libvirt.registerErrorHandler(lambda ctx, err: None, None)
conn = libvirt.openReadOnly(sys.argv[1])
info = conn.getInfo()
active = conn.listAllDomains(libvirt.VIR_CONNECT_LIST_DOMAINS_ACTIVE)
vcpus_used = 0
for dom in active:
    try:
        vcpus_used += len(dom.vcpus()[0])
    except libvirt.libvirtError:
        vcpus_used += 1
try:
    conn.getMemoryStats(libvirt.VIR_NODE_MEMORY_STATS_ALL_CELLS)
    memory_stats = True
except libvirt.libvirtError:
    memory_stats = False
print(json.dumps({
    "vcpus": info[2],
    "memory_mb": info[1],
    "vcpus_used": vcpus_used,
    "domain_memory_mb": sum(dom.info()[2] for dom in active) // 1024,
    "memory_stats": memory_stats,
    "hypervisor_type": conn.getType(),
    "hypervisor_version": conn.getVersion(),
    "hypervisor_hostname": conn.getHostname(),
    "instances": sorted(
        [[dom.UUIDString(), dom.name(), dom.info()[3], dom.info()[2] // 1024] for dom in active]),
    "pci": sorted(d.name() for d in conn.listAllDevices(libvirt.VIR_CONNECT_LIST_NODE_DEVICES_CAP_PCI_DEV)),
}))
