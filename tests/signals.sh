#!/bin/sh
# A terminating signal during a sweep leaves no helper behind: a hanging
# "nft" (a stand-in first in PATH) and its own child are gone soon after
# connreset got SIGTERM, SIGINT, SIGHUP or even SIGKILL, not reparented
# to init.
. "${top_srcdir:-.}/tests/skip.sh"
bin=${CONNRESET_BIN:-src/connreset}
tmp=$(mktemp -d) || exit 99
pass=0
fail=0

ok() { pass=$((pass + 1)); echo "PASS: $1"; }
bad() { fail=$((fail + 1)); echo "FAIL: $1"; }

cleanup() {
	for f in "$tmp"/*.pid; do
		[ -f "$f" ] && kill -9 "$(cat "$f")" 2>/dev/null
	done
	rm -rf "$tmp"
}
trap cleanup EXIT

env --default-signal=INT true 2>/dev/null ||
	test_skip "env --default-signal is missing (coreutils 8.31)"

mkdir "$tmp/bin"
# The stand-in hangs like a stuck nft, with a child of its own.
cat >"$tmp/bin/nft" <<EOS
#!/bin/sh
sleep 60 &
echo \$! >"$tmp/grandchild.pid"
echo \$\$ >"$tmp/helper.pid.new"
mv "$tmp/helper.pid.new" "$tmp/helper.pid"
exec sleep 60
EOS
chmod +x "$tmp/bin/nft"

# alive PID: running and not a zombie.
alive() {
	state=$(awk '{ print $3 }' "/proc/$1/stat" 2>/dev/null) || return 1
	[ -n "$state" ] && [ "$state" != Z ]
}

# wait_for CONDITION...: polls for up to 10 s.
wait_for() {
	i=0
	while [ "$i" -lt 100 ]; do
		"$@" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

gone() { ! alive "$1"; }

# one SIGNAL: start a sweep, wait for the helper, signal connreset.
one() {
	sig=$1
	rm -f "$tmp"/*.pid
	# A background job of a script starts with SIGINT ignored: undo it.
	PATH="$tmp/bin:$PATH" env --default-signal=INT "$bin" --batch -q \
		-t 30 http://127.0.0.1:1/ >/dev/null 2>&1 </dev/null &
	cr=$!
	if ! wait_for test -s "$tmp/helper.pid"; then
		bad "SIG$sig: the stand-in nft never started"
		kill -9 "$cr" 2>/dev/null
		wait "$cr" 2>/dev/null
		return
	fi
	helper=$(cat "$tmp/helper.pid")
	grandchild=$(cat "$tmp/grandchild.pid")
	kill -s "$sig" "$cr"
	wait "$cr" 2>/dev/null
	if wait_for gone "$helper"; then
		ok "SIG$sig: the helper is gone"
	else
		bad "SIG$sig: the helper $helper still runs (parent $(awk '{ print $4 }' "/proc/$helper/stat"))"
	fi
	# SIGKILL cannot be caught: only the helper itself is taken along.
	[ "$sig" = KILL ] && return
	if wait_for gone "$grandchild"; then
		ok "SIG$sig: the helper's child is gone"
	else
		bad "SIG$sig: the helper's child $grandchild still runs"
	fi
}

for sig in TERM INT HUP KILL; do
	one "$sig"
done

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
