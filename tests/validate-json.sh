#!/bin/sh
# Validates the JSON report of every evidence fixture against
# data/report.schema.json. Fails (does not skip) without python3-jsonschema.
set -u
srcdir=${top_srcdir:-$(cd "$(dirname "$0")/.." && pwd)}
builddir=${top_builddir:-$srcdir}
schema="$srcdir/data/report.schema.json"
prog="$builddir/tests/unit/test_verdict"

if ! python3 -c 'import jsonschema' 2>/dev/null; then
	echo "FAIL: python3 jsonschema is missing: install python3-jsonschema" >&2
	exit 1
fi
if [ ! -x "$prog" ]; then
	echo "FAIL: $prog is not built" >&2
	exit 1
fi
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

CONNRESET_TESTDATA=${CONNRESET_TESTDATA:-$srcdir/tests/data} \
CONNRESET_REPORT_DIR="$tmp" "$prog" >"$tmp/log" 2>&1 || {
	cat "$tmp/log" >&2
	echo "FAIL: $prog failed" >&2
	exit 1
}
set -- "$tmp"/report_*.json
if [ ! -e "$1" ]; then
	echo "FAIL: no report was written" >&2
	exit 1
fi
python3 - "$schema" "$@" <<'PY'
import json, sys
import jsonschema

with open(sys.argv[1]) as f:
    schema = json.load(f)
cls = jsonschema.validators.validator_for(schema)
cls.check_schema(schema)
validator = cls(schema, format_checker=cls.FORMAT_CHECKER)
bad = 0
for path in sys.argv[2:]:
    with open(path) as f:
        doc = json.load(f)
    for err in sorted(validator.iter_errors(doc), key=lambda e: list(e.path)):
        where = "/".join(str(p) for p in err.path)
        print("FAIL: %s: /%s: %s" % (path.rsplit("/", 1)[-1], where,
                                     err.message), file=sys.stderr)
        bad += 1
print("checked %d reports, %d problems" % (len(sys.argv) - 2, bad))
sys.exit(1 if bad else 0)
PY
