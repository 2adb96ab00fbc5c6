#!/bin/sh
# The connreset command as a user meets it: help, version, the checklist,
# bad input (one clear line, the right exit code), batch mode on loopback.
bin=${CONNRESET_BIN:-src/connreset}
data=${CONNRESET_DATADIR:-data}
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0

ok() { pass=$((pass + 1)); echo "PASS: $1"; }
bad() { fail=$((fail + 1)); echo "FAIL: $1"; }

# expect NAME CODE CMD...: exit code CODE, and stderr a single line.
expect() {
	name=$1 code=$2
	shift 2
	"$@" >"$tmp/out" 2>"$tmp/err" </dev/null
	rc=$?
	lines=$(wc -l <"$tmp/err")
	if [ "$rc" -ne "$code" ]; then
		bad "$name: exit $rc, want $code ($(head -c 200 "$tmp/err"))"
	elif [ "$code" -ne 0 ] && [ "$code" -ne 1 ] && [ "$lines" -ne 1 ]; then
		bad "$name: $lines error lines, want 1"
	else
		ok "$name"
	fi
}

expect "--version" 0 "$bin" --version
grep -q "^connreset [0-9]" "$tmp/out" || bad "--version prints the version"
expect "--help" 0 "$bin" --help
grep -q -- "--batch" "$tmp/out" && grep -q "Exit status" "$tmp/out" ||
	bad "--help documents options and exit codes"

expect "--list-steps" 0 "$bin" --list-steps
total=$(wc -l <"$tmp/out")
client=$(grep -c "^client	" "$tmp/out")
network=$(grep -c "^network	" "$tmp/out")
server=$(grep -c "^server	" "$tmp/out")
if [ "$total" -ge 23 ] && [ "$client" -ge 10 ] && [ "$network" -ge 3 ] &&
	[ "$server" -ge 6 ]; then
	ok "checklist has $total steps ($client client, $network network, $server server)"
else
	bad "checklist too small: $total ($client/$network/$server)"
fi
awk -F '\t' 'NF != 4 || ($3 != "auto" && $3 != "manual") { exit 1 }' \
	"$tmp/out" && ok "--list-steps is section, id, auto|manual, title" ||
	bad "--list-steps format"

# A corrupted checklist: one clear line, exit 3, no crash.
mkdir "$tmp/data"
head -c 700 "$data/checklist.json" >"$tmp/data/checklist.json"
CONNRESET_DATADIR="$tmp/data" expect "truncated checklist" 3 "$bin" --list-steps
printf '\001\377garbage' >"$tmp/data/checklist.json"
CONNRESET_DATADIR="$tmp/data" expect "garbage checklist" 3 "$bin" --list-steps
rm "$tmp/data/checklist.json"
CONNRESET_DATADIR="$tmp/data" expect "missing checklist" 3 "$bin" --list-steps

# Usage errors.
expect "no terminal for the wizard" 2 "$bin" https://a.example/
grep -q "needs a terminal" "$tmp/err" || bad "no-terminal message"
expect "unknown option" 2 "$bin" --nope
expect "bad timeout" 2 "$bin" --batch -t -1 x
expect "ftp URL" 2 "$bin" --batch ftp://a.example/
expect "bad port" 2 "$bin" --batch http://a.example:70000/
expect "bad IPv6" 2 "$bin" --batch "http://[2001:db8::1/"
expect "empty URL" 2 "$bin" --batch ""
expect "unknown extension" 2 "$bin" --batch --report "$tmp/r.pdf" x.example
expect "a bad scheme" 2 "$bin" --batch 'ht!tp://x.example/'
grep -q "'ht!tp' is not a scheme" "$tmp/err" && ! grep -q port "$tmp/err" &&
	ok "a bad scheme is named as one" || bad "bad scheme: $(cat "$tmp/err")"
# before NAME CMD...: exit 2, one line holding "cannot", and no summary:
# refused before any probe starts (issue 17).
before() {
	name=$1
	shift
	expect "$name" 2 "$@"
	[ ! -s "$tmp/out" ] && grep -q "cannot" "$tmp/err" &&
		! grep -q "certificate is rejected" "$tmp/err" &&
		ok "$name: refused before the sweep" ||
		bad "$name: $(head -c 200 "$tmp/out") $(cat "$tmp/err")"
}
before "a missing --cacert" "$bin" --batch -t 2 --cacert "$tmp/no-ca.pem" \
	"https://127.0.0.1:1/"
before "a directory as --cacert" "$bin" --batch -t 2 --cacert "$tmp" \
	"https://127.0.0.1:1/"
before "a missing SSL_CERT_FILE" env SSL_CERT_FILE="$tmp/no-ca.pem" \
	"$bin" --batch -t 2 "https://127.0.0.1:1/"
before "a report in a missing directory" "$bin" --batch -t 2 \
	--report "$tmp/no/such/r.txt" "http://127.0.0.1:1/"
mkdir "$tmp/dir.json"
before "a directory as the report" "$bin" --batch -t 2 --force \
	--report "$tmp/dir.json" "http://127.0.0.1:1/"
touch "$tmp/plain"
before "a report under a file" "$bin" --batch -t 2 \
	--report "$tmp/plain/r.json" "http://127.0.0.1:1/"
grep -q "'$tmp/plain' is not a directory" "$tmp/err" &&
	ok "the file in the way is named" || bad "not named: $(cat "$tmp/err")"
expect "compare missing file" 3 "$bin" compare "$tmp/none.json" "$tmp/none2.json"

# Batch on loopback: a closed port is refused (exit 1) and reported.
port=1
expect "batch refused" 1 "$bin" --batch -q -t 2 --report "$tmp/r.json" \
	"http://127.0.0.1:$port/"
grep -q '"cause":[[:space:]]*"port_closed"' "$tmp/r.json" && ok "report says port_closed" ||
	bad "report cause"
expect "existing report kept" 2 "$bin" --batch -q --report "$tmp/r.json" \
	"http://127.0.0.1:$port/"
expect "--force replaces" 1 "$bin" --batch -q --force --report "$tmp/r.json" \
	"http://127.0.0.1:$port/"
expect "report to stdout" 1 "$bin" --batch -q --format json --report - \
	"http://127.0.0.1:$port/"
head -c1 "$tmp/out" | grep -q '{' && ok "stdout holds the JSON" ||
	bad "stdout JSON"
# Permission bits stop no root: as root, these run as uid 65534.
user=
if [ "$(id -u)" -eq 0 ]; then
	if command -v setpriv >/dev/null; then
		user="setpriv --reuid=65534 --regid=65534 --clear-groups --"
		chmod 755 "$tmp"
	elif [ -n "${CI:-}" ]; then
		bad "unwritable and unreadable files: no setpriv to drop root"
	fi
fi
if [ "$(id -u)" -ne 0 ] || [ -n "$user" ]; then
	mkdir "$tmp/ro" && chmod 555 "$tmp/ro"
	# shellcheck disable=SC2086 # $user is a command prefix
	before "unwritable report" $user "$bin" --batch -q \
		--report "$tmp/ro/r.txt" "http://127.0.0.1:$port/"
	touch "$tmp/ca.pem" && chmod 000 "$tmp/ca.pem"
	# shellcheck disable=SC2086
	before "an unreadable --cacert" $user "$bin" --batch -t 2 \
		--cacert "$tmp/ca.pem" "https://127.0.0.1:1/"
	[ -z "$(ls -A "$tmp/ro")" ] && ok "nothing half-written" ||
		bad "left files in an unwritable dir"
fi
expect "four formats from one sweep" 1 "$bin" --batch -q -r "$tmp/m.txt" \
	-r "$tmp/m.md" -r "$tmp/m.json" -r "$tmp/m.html" "http://127.0.0.1:$port/"
for ext in txt md json html; do
	[ -s "$tmp/m.$ext" ] || bad "report m.$ext missing or empty"
done
created=$(grep -h -o '2[0-9-]*T[0-9:.]*Z' "$tmp/m.json" | head -n 1)
grep -q -- "$created" "$tmp/m.txt" && grep -q -- "$created" "$tmp/m.html" &&
	ok "all formats carry the same sweep ($created)" ||
	bad "formats from different sweeps"

# The batch summary is wrapped: 80 columns when not a terminal, the
# terminal's width when it is one (issue 17).
"$bin" --batch -q -t 2 "http://127.0.0.1:$port/" >"$tmp/sum" 2>&1
w=$(awk '{ if (length($0) > m) m = length($0) } END { print m + 0 }' \
	"$tmp/sum")
[ "$w" -le 80 ] && grep -q "^Verdict: " "$tmp/sum" &&
	ok "summary in 80 columns ($w)" || bad "summary is $w columns wide"
if command -v script >/dev/null; then
	script -qec "stty cols 50; '$bin' --batch -q -t 2 \
		http://127.0.0.1:$port/" /dev/null </dev/null | tr -d '\r' \
		>"$tmp/sum"
	w=$(awk '{ if (length($0) > m) m = length($0) } END { print m + 0 }' \
		"$tmp/sum")
	[ "$w" -le 50 ] && grep -q "^Verdict: " "$tmp/sum" &&
		ok "summary in a 50-column terminal ($w)" ||
		bad "summary in a 50-column terminal is $w wide"
fi

# Helpers are found where the system keeps them, though an ordinary
# user's PATH leaves /usr/sbin out (issue 17).
for tool in nft iptables-save; do
	{ [ -x "/usr/sbin/$tool" ] || [ -x "/sbin/$tool" ]; } || continue
	rm -f "$tmp/fw.json"
	env PATH=/usr/bin:/bin "$bin" --batch -q -t 2 --report "$tmp/fw.json" \
		"http://127.0.0.1:$port/" >/dev/null 2>&1
	if [ ! -s "$tmp/fw.json" ]; then
		bad "$tool: no report"
	elif grep -q "$tool: not installed" "$tmp/fw.json"; then
		bad "$tool in /usr/sbin is called not installed"
	else
		ok "$tool found outside PATH"
	fi
done

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
