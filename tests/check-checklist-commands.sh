#!/bin/sh
# Fails when a command in data/checklist.json is not runnable as written
# (see tests/check-checklist-commands.py for the rules).
srcdir=${top_srcdir:-$(dirname "$0")/..}
. "$srcdir/tests/skip.sh"

if ! command -v python3 >/dev/null 2>&1; then
	test_skip "python3 is not installed"
fi
exec python3 "$srcdir/tests/check-checklist-commands.py" \
    "$srcdir/data/checklist.json"
