#!/bin/sh
# Error lines never echo ESC or BEL raw: a bad argument's bytes come out
# escaped (\x1b, \x07), on one line, with exit 2.
bin=${CONNRESET_BIN:-src/connreset}
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0

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

# Bad arguments with ESC and BEL: one line, the bytes escaped.
esc=$(printf '\033')
bel=$(printf '\007')
for arg in "--nope${esc}]0;title${bel}" "--format=${esc}[2J" \
	"--for=${bel}x" "--timeout=${esc}[31m"; do
	"$bin" --batch "$arg" x.example >"$tmp/out" 2>"$tmp/err"
	rc=$?; check "bad argument $(printf %s "$arg" | od -An -c | tr -s ' ')" 2
	if LC_ALL=C grep -q "[$esc$bel]" "$tmp/err"; then
		bad "ESC or BEL echoed raw: $(od -An -c "$tmp/err" | head -n 2)"
	else
		ok "error line escaped: $(cat "$tmp/err")"
	fi
done
"$bin" --batch -q --report "$tmp/a${esc}]0;x${bel}.pdf" x.example \
	>"$tmp/out" 2>"$tmp/err"
rc=$?; check "bad report name" 2
LC_ALL=C grep -q "[$esc$bel]" "$tmp/err" && bad "report name echoed raw" ||
	ok "report name escaped"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
