#!/bin/sh
# What connreset writes is checked: a full disk or a closed standard output
# is one clear line and exit 3, never a quiet success; a closed descriptor
# is never taken over by a socket.
bin=${CONNRESET_BIN:-src/connreset}
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
url=http://127.0.0.1:1/

ok() { pass=$((pass + 1)); echo "PASS: $1"; }
bad() { fail=$((fail + 1)); echo "FAIL: $1"; }

# check NAME CODE: the exit code and, for 2 and 3, a single stderr line.
check() {
	if [ "$rc" -ne "$2" ]; then
		bad "$1: exit $rc, want $2 ($(head -c 200 "$tmp/err"))"
	elif [ "$2" -ge 2 ] && [ "$(wc -l <"$tmp/err")" -ne 1 ]; then
		bad "$1: $(wc -l <"$tmp/err") error lines, want 1"
	else
		ok "$1"
	fi
}

if [ -c /dev/full ]; then
	# Only redirected to: the device itself is never opened for writing
	# by anything but the shell.
	timeout 20 "$bin" --batch -q -t 1 "$url" >/dev/full 2>"$tmp/err"
	rc=$?; check "summary to a full disk" 3
	timeout 20 "$bin" --batch -q -t 1 --format json -r - "$url" \
		>/dev/full 2>"$tmp/err.all"
	rc=$?
	grep '^connreset:' "$tmp/err.all" >"$tmp/err"
	check "report to a full disk" 3
	"$bin" --list-steps >/dev/full 2>"$tmp/err"
	rc=$?; check "--list-steps to a full disk" 3
	"$bin" --help >/dev/full 2>"$tmp/err"
	rc=$?; check "--help to a full disk" 3
	d=${CONNRESET_TESTDATA:-tests/data}
	"$bin" compare "$d/compare_valid_clean.json" "$d/compare_valid_dpi.json" \
		>/dev/full 2>"$tmp/err"
	rc=$?; check "compare to a full disk" 3
fi

# Standard output closed: the JSON must not go into a socket on fd 1.
timeout 20 "$bin" --batch -q -t 1 --format json -r - "$url" >&- 2>"$tmp/err"
rc=$?; check "report to a closed standard output" 3
timeout 20 "$bin" --batch -q -t 1 -r "$tmp/r.json" "$url" >&- <&- \
	2>"$tmp/err"
rc=$?; check "closed stdin and stdout, report to a file" 1
head -c 1 "$tmp/r.json" | grep -q '{' && ok "the file holds the report" ||
	bad "no report with closed descriptors"
timeout 20 "$bin" --batch -q -t 1 "$url" 2>&- >"$tmp/out"
rc=$?; check "closed stderr" 1

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
