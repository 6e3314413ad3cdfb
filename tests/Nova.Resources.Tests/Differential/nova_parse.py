"""Runs Nova's own parse_cpu_spec over specs, for the differential test (NovaDifferentialTests).

Usage: /usr/bin/python3 nova_parse.py SPECS_FILE

SPECS_FILE holds one JSON string per line. For each spec this prints one JSON string per line: the
sorted ids joined by ',' (empty for the empty set), or 'Invalid: <message>' when Nova raises
nova.exception.Invalid. Exit code 3 means the nova module cannot be imported.
"""
import json
import sys

try:
    from nova import exception
    from nova.virt import hardware
except ImportError as error:  # pragma: no cover - reported by the test
    print("cannot import nova (Debian package python3-nova): %s" % error, file=sys.stderr)
    sys.exit(3)


def main(path):
    out = []
    with open(path, encoding="utf-8") as specs:
        for line in specs:
            spec = json.loads(line)
            try:
                result = ",".join(str(cpu) for cpu in sorted(hardware.parse_cpu_spec(spec)))
            except exception.Invalid as error:
                result = "Invalid: %s" % error
            out.append(json.dumps(result))
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main(sys.argv[1])
