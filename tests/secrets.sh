#!/bin/sh
# Credentials never reach stdout, stderr or a report, whatever characters
# they hold, and masking them never touches unrelated text: with "user:pass",
# "true:..." or "user:8080" as credentials the JSON report still validates
# and the only [redacted] in any output is a URL's userinfo. Secret headers
# given with -H and the body given with -d never show either.
. "${top_srcdir:-.}/tests/skip.sh"
bin=${CONNRESET_BIN:-src/connreset}
srcdir=${top_srcdir:-.}
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0

ok() { pass=$((pass + 1)); echo "PASS: $1"; }
bad() { fail=$((fail + 1)); echo "FAIL: $1"; }

python3 -c 'import jsonschema' 2>/dev/null ||
	test_skip "python3 jsonschema is missing: install python3-jsonschema"

valid_json() {
	python3 - "$srcdir/data/report.schema.json" "$1" <<'PY'
import json, sys
import jsonschema
schema = json.load(open(sys.argv[1]))
cls = jsonschema.validators.validator_for(schema)
cls(schema, format_checker=cls.FORMAT_CHECKER).validate(
    json.load(open(sys.argv[2])))
PY
}

# sweep NAME SECRET URL [ENV...]: batch run with all four reports, then
# SECRET must be nowhere and every [redacted] must stand before an '@'.
sweep() {
	name=$1 secret=$2 url=$3
	shift 3
	rm -f "$tmp"/r.*
	env "$@" timeout 30 "$bin" --batch -t 1 -r "$tmp/r.txt" -r "$tmp/r.md" \
		-r "$tmp/r.json" -r "$tmp/r.html" "$url" >"$tmp/out" \
		2>"$tmp/err" </dev/null
	rc=$?
	[ "$rc" -eq 1 ] || bad "$name: exit $rc, want 1 ($(head -c 200 "$tmp/err"))"
	for f in out err r.txt r.md r.json r.html; do
		if grep -q -- "$secret" "$tmp/$f"; then
			bad "$name: '$secret' in $f: $(grep -m1 -- "$secret" "$tmp/$f")"
		elif grep -o '\[redacted\].' "$tmp/$f" | grep -qv '@$'; then
			bad "$name: [redacted] not before '@' in $f: $(grep -m1 -o '.\{20\}\[redacted\][^@]\{0,20\}' "$tmp/$f")"
		else
			ok "$name: $f"
		fi
	done
	if valid_json "$tmp/r.json" 2>"$tmp/verr"; then
		ok "$name: the JSON report validates"
	else
		bad "$name: JSON report invalid: $(tail -n 1 "$tmp/verr")"
	fi
}

sweep 'double quote in the password' 'cret99' 'http://bob:se"cret99@127.0.0.1:1/'
sweep 'single quote in the password' 'cret99' "http://bob:se'cret99@127.0.0.1:1/"
sweep 'angle brackets in the password' 'cret99' 'http://bob:se<cr>et99@127.0.0.1:1/x'
sweep 'user:pass' 'bob' 'http://user:pass@127.0.0.1:1/'
grep -q '"status": "\[redacted\]"' "$tmp/r.json" &&
	bad "user:pass: a status became [redacted]" || ok "user:pass: statuses intact"
sweep 'true:...' 'bob' 'http://true:xsecret9@127.0.0.1:1/'
grep -q '":[[:space:]]*true,\?$' "$tmp/r.json" && ok "true:...: JSON true intact" ||
	bad "true:...: no JSON true left"
sweep 'user:8080' 'bob' 'http://user:8080@127.0.0.1:1/'
sweep 'proxy password with a quote' 'oxy77' 'http://127.0.0.1:1/' \
	'http_proxy=http://bob:pr"oxy77@127.0.0.1:9/' 'no_proxy='

# The person's own request (-H, -d): a secret header's value is nowhere,
# not even where the server's address repeats it, and the body is never
# shown, only its size; the evidence names the headers, not their values.
printf 'password=b0dySecret9\n' >"$tmp/body.txt"
rm -f "$tmp"/r.*
timeout 30 "$bin" --batch -t 1 --no-asn -H 'Authorization: Bearer s3cretTOKEN' \
	-H 'X-Api-Key: k3yk3yk3y7' -H 'Content-Type: text/plain' \
	-d "@$tmp/body.txt" -r "$tmp/r.txt" -r "$tmp/r.md" -r "$tmp/r.json" \
	-r "$tmp/r.html" 'http://127.0.0.1:1/v1?echo=s3cretTOKEN' \
	>"$tmp/out" 2>"$tmp/err" </dev/null
rc=$?
[ "$rc" -eq 1 ] || bad "own request: exit $rc, want 1 ($(head -c 200 "$tmp/err"))"
for f in out err r.txt r.md r.json r.html; do
	if grep -q -e s3cretTOKEN -e k3yk3yk3y7 -e b0dySecret9 "$tmp/$f"; then
		bad "own request: a secret in $f: $(grep -m1 -e s3cretTOKEN -e k3yk3yk3y7 -e b0dySecret9 "$tmp/$f")"
	else
		ok "own request: no secret in $f"
	fi
done
grep -q 'echo=\[redacted\]' "$tmp/r.txt" && ok "own request: the value masked in the address" ||
	bad "own request: the address does not show the value masked"
grep -q '"headers_sent":[[:space:]]*"Authorization, X-Api-Key, Content-Type"' "$tmp/r.json" &&
	grep -q '"body_bytes":[[:space:]]*20,' "$tmp/r.json" &&
	grep -q '"method":[[:space:]]*"POST"' "$tmp/r.json" &&
	ok "own request: the evidence says what was sent" ||
	bad "own request: the evidence lacks method, header names or body size"
grep -q 'Request sent: POST; headers: Authorization, X-Api-Key, Content-Type; a 20-byte' "$tmp/r.txt" &&
	ok "own request: the report says what was sent" ||
	bad "own request: no 'Request sent' line in the text report"
if valid_json "$tmp/r.json" 2>"$tmp/verr"; then
	ok "own request: the JSON report validates"
else
	bad "own request: JSON report invalid: $(tail -n 1 "$tmp/verr")"
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
