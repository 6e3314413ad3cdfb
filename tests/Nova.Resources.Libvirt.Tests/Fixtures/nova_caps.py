"""Prints what Nova's own libvirt driver derives from a capabilities XML file, as JSON.

Usage: python3 nova_caps.py CAPS.xml [CAPS.xml ...]
Output: {"CAPS.xml": {"cpu_info": <Nova's cpu_info JSON string>, "supported_instances": [[arch, hv_type, vm_mode], ...]}, ...}
Runs LibvirtDriver._get_cpu_info and _get_instance_capabilities of the installed Nova over the parsed file.
"""
import json
import sys
import types

from nova.virt.libvirt import config as vconfig
from nova.virt.libvirt import driver as libvirt_driver
from oslo_serialization import jsonutils


def describe(path):
    caps = vconfig.LibvirtConfigCaps()
    with open(path) as f:
        caps.parse_str(f.read())
    fake = types.SimpleNamespace(_host=types.SimpleNamespace(get_capabilities=lambda: caps))
    return {
        "cpu_info": jsonutils.dumps(libvirt_driver.LibvirtDriver._get_cpu_info(fake)),
        "supported_instances": [list(t) for t in libvirt_driver.LibvirtDriver._get_instance_capabilities(fake)],
    }


print(json.dumps({path: describe(path) for path in sys.argv[1:]}))
