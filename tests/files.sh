#!/bin/sh
# Reports are never renamed over what is not a regular file: a character
# device, a FIFO or a symbolic link given to --force --report is written
# in place (or the write fails with one line), never replaced. The nodes
# are made here, in a temporary folder: the machine's /dev is not touched.
. "${top_srcdir:-.}/tests/skip.sh"
bin=${CONNRESET_BIN:-src/connreset}
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
url=http://127.0.0.1:1/

ok() { pass=$((pass + 1)); echo "PASS: $1"; }
bad() { fail=$((fail + 1)); echo "FAIL: $1"; }

[ "$(id -u)" = 0 ] || test_skip "making device nodes needs root"
command -v timeout >/dev/null || test_skip "timeout(1) missing"

# run NAME CODE ARGS...: connreset --batch with a deadline, exit CODE.
run() {
	name=$1 code=$2
	shift 2
	timeout 20 "$bin" --batch -q -t 1 "$@" "$url" >"$tmp/out" \
		2>"$tmp/err" </dev/null
	rc=$?
	if [ "$rc" -ne "$code" ]; then
		bad "$name: exit $rc, want $code ($(head -c 200 "$tmp/err"))"
	elif [ "$code" -eq 3 ] && [ "$(wc -l <"$tmp/err")" -ne 1 ]; then
		bad "$name: $(wc -l <"$tmp/err") error lines, want 1"
	else
		ok "$name"
	fi
}

no_temps() {
	if ls "$tmp" | grep -q '\.[A-Za-z0-9]\{6\}$'; then
		bad "$1: temporary files left: $(ls "$tmp" | tr '\n' ' ')"
	else
		ok "$1: no temporary file left"
	fi
}

# A null device of our own (c 1 3): it must stay a device.
mknod "$tmp/null" c 1 3 || test_skip "mknod failed"
run "--force --report to a null device" 1 --force --format json \
	--report "$tmp/null"
[ -c "$tmp/null" ] && ok "the null device is still a device" ||
	bad "the null device was replaced by $(stat -c %F "$tmp/null")"
no_temps "null device"

# A full device (c 1 7): the write fails, one line, exit 3, still a device.
mknod "$tmp/full" c 1 7
run "--force --report to a full device" 3 --force --format json \
	--report "$tmp/full"
[ -c "$tmp/full" ] && ok "the full device is still a device" ||
	bad "the full device was replaced by $(stat -c %F "$tmp/full")"

# A symbolic link to the device: the link stays a link, the device a device.
ln -s "$tmp/null" "$tmp/link"
run "--force --report to a link" 1 --force --format json \
	--report "$tmp/link"
[ -L "$tmp/link" ] && [ -c "$tmp/null" ] && ok "the link is still a link" ||
	bad "the link was replaced by $(stat -c %F "$tmp/link")"

# A FIFO with a reader gets the report through the FIFO.
mkfifo "$tmp/fifo"
timeout 20 cat "$tmp/fifo" >"$tmp/fifo.out" &
reader=$!
run "--force --report to a FIFO" 1 --force --format json --report "$tmp/fifo"
wait "$reader"
[ -p "$tmp/fifo" ] && ok "the FIFO is still a FIFO" ||
	bad "the FIFO was replaced by $(stat -c %F "$tmp/fifo")"
head -c 1 "$tmp/fifo.out" | grep -q '{' && ok "the reader got the report" ||
	bad "the FIFO's reader got nothing"

# A FIFO without a reader: no hang, one line, exit 3.
run "--force --report to a FIFO nobody reads" 3 --force --format json \
	--report "$tmp/fifo"
[ -p "$tmp/fifo" ] && ok "the unread FIFO is still a FIFO" ||
	bad "the unread FIFO was replaced"
no_temps "FIFO"

# A regular file is still replaced atomically, and a new one created.
echo old >"$tmp/r.json"
run "--force --report replaces a file" 1 --force --report "$tmp/r.json"
head -c 1 "$tmp/r.json" | grep -q '{' && ok "the file holds the new report" ||
	bad "the file was not replaced"
run "--report to a new file" 1 --report "$tmp/new.json"
[ -f "$tmp/new.json" ] && ok "the new file exists" || bad "no new file"
no_temps "regular files"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
