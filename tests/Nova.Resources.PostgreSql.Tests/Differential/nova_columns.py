"""Reads compute_nodes JSON columns with Nova's own code and prints what Nova sees, as JSON.

stdin: {"numa_topology": "...", "supported_instances": "...", "stats": "...", "cpu_info": "..."}
"""
import json
import sys

from nova import objects
from nova.objects import compute_node as compute_node_obj
from oslo_serialization import jsonutils

objects.register_all()
columns = json.load(sys.stdin)
topology = objects.NUMATopology.obj_from_db_obj(columns["numa_topology"])
cells = []
for cell in topology.cells:
    cells.append({
        "id": cell.id,
        "cpuset": sorted(cell.cpuset),
        "pcpuset": sorted(cell.pcpuset),
        "memory": cell.memory,
        "cpu_usage": cell.cpu_usage,
        "memory_usage": cell.memory_usage,
        "pinned_cpus": sorted(cell.pinned_cpus),
        "siblings": [sorted(s) for s in cell.siblings],
        "mempages": [[p.size_kb, p.total, p.used, p.reserved] for p in cell.mempages],
        "socket": cell.socket,
    })
hv_specs = [spec.to_list() for spec in
            (objects.HVSpec.from_list(s) for s in jsonutils.loads(columns["supported_instances"]))]
node = objects.ComputeNode()
node.stats = jsonutils.loads(columns["stats"])
print(json.dumps({
    "cells": cells,
    "supported_instances": hv_specs,
    "stats": dict(node.stats),
    "cpu_info": jsonutils.loads(columns["cpu_info"]),
}))
