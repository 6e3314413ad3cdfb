#!/usr/bin/python3
"""Nova's own report client (nova.scheduler.client.report.SchedulerReportClient) against a real Placement, driven as
nova-compute's _update_to_placement drives it after each audit, for the side-by-side in benchmarks/README.md.

usage: /usr/bin/python3 placement_nova_bench.py ENDPOINT [AUDITS]
Prints one JSON object: requests and mean milliseconds per report, for the first report, a steady one (nothing
changed) and one after a changed reservation.
"""
# nova-compute runs monkey-patched (nova/monkey_patch.py); its ProviderTree copies are made under eventlet's locks.
import eventlet
eventlet.monkey_patch()

import json  # noqa: E402
import sys
import time
import uuid

from keystoneauth1 import adapter as ks_adapter
from keystoneauth1 import session as ks_session, token_endpoint

import nova.conf
from nova import context as nova_context
from nova.scheduler.client import report

endpoint = sys.argv[1]
audits = int(sys.argv[2]) if len(sys.argv) > 2 else 200
nova.conf.CONF([], project="nova")

# Placement's noauth2 gives the token "admin" the admin role; token_endpoint sends it as X-Auth-Token.
sess = ks_session.Session(auth=token_endpoint.Token(endpoint, "admin"))
adapter = ks_adapter.Adapter(sess, service_type="placement", endpoint_override=endpoint)
client = report.SchedulerReportClient(adapter=adapter)

sent = {"n": 0}
original = sess.request


def counting(*args, **kwargs):
    sent["n"] += 1
    return original(*args, **kwargs)


sess.request = counting
ctx = nova_context.get_admin_context()
rp_uuid = str(uuid.uuid4())
name = "nova-bench-" + rp_uuid[:8]


def inventory(reserved_mb):
    return {
        "VCPU": {"total": 16, "reserved": 0, "min_unit": 1, "max_unit": 16, "step_size": 1, "allocation_ratio": 4.0},
        "MEMORY_MB": {"total": 3072, "reserved": reserved_mb, "min_unit": 1, "max_unit": 3072, "step_size": 1,
                      "allocation_ratio": 1.0},
        "DISK_GB": {"total": 40, "reserved": 0, "min_unit": 1, "max_unit": 40, "step_size": 1, "allocation_ratio": 1.0},
    }


def update_to_placement(reserved_mb):
    """ResourceTracker._update_to_placement: ensure the root, let the driver set inventory and traits, flush."""
    tree = client.get_provider_tree_and_ensure_root(ctx, rp_uuid, name=name)
    tree.update_inventory(rp_uuid, inventory(reserved_mb))
    tree.update_traits(rp_uuid, ["COMPUTE_NODE"])
    client.update_from_provider_tree(ctx, tree)


def measure(label, count, reserved_of):
    before = sent["n"]
    start = time.perf_counter()
    for i in range(count):
        update_to_placement(reserved_of(i))
    elapsed = time.perf_counter() - start
    return {"case": label, "reports": count, "requests_per_report": (sent["n"] - before) / count,
            "ms_per_report": elapsed * 1000 / count}


results = [measure("first (creates the provider)", 1, lambda i: 512),
           measure("steady (nothing changed)", audits, lambda i: 512),
           measure("changed reservation", audits // 4, lambda i: 1024 if i % 2 == 0 else 512)]
# A restarted nova-compute: a new client with an empty cache, the provider already there.
client = report.SchedulerReportClient(adapter=adapter)
results.append(measure("new process, provider present", 1, lambda i: 512))
client._delete_provider(rp_uuid)
print(json.dumps(results))
