#!/bin/sh
# Fails when po/checklist-msgs.c no longer matches data/checklist.json.
srcdir=${top_srcdir:-$(dirname "$0")/..}
. "$srcdir/tests/skip.sh"
gen="$srcdir/tests/gen-checklist-msgs.py"
have="$srcdir/po/checklist-msgs.c"

if ! command -v python3 >/dev/null 2>&1; then
	test_skip "python3 is not installed"
fi
tmp=$(mktemp "${TMPDIR:-/tmp}/checklist-msgs.XXXXXX") || exit 99
trap 'rm -f "$tmp"' EXIT
if ! python3 "$gen" --input "$srcdir/data/checklist.json" \
    --output "$tmp"; then
	echo "FAIL: $gen could not read data/checklist.json"
	exit 1
fi
if ! cmp -s "$tmp" "$have"; then
	diff -u "$have" "$tmp" | head -n 40
	echo "FAIL: po/checklist-msgs.c is out of date with data/checklist.json."
	echo "      Run: python3 tests/gen-checklist-msgs.py"
	exit 1
fi
echo "PASS: po/checklist-msgs.c matches data/checklist.json"
