#!/bin/sh
# compare against hostile reports: C1 controls and bidi overrides in every
# field never reach stdout raw (JSON or text), and a large report (1 MB,
# 22000 TCP results; 12.5 s when compare was quadratic) is answered at
# once: compare is linear in its input with bounded sizes. Then the
# conclusions of recorded pairs and the same report twice.
. "${top_srcdir:-.}/tests/skip.sh"
bin=${CONNRESET_BIN:-src/connreset}
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0

ok() { pass=$((pass + 1)); echo "PASS: $1"; }
bad() { fail=$((fail + 1)); echo "FAIL: $1"; }

command -v python3 >/dev/null || test_skip "python3 is missing"

# gen KIND SIDE: writes $tmp/KIND_SIDE.json.
gen() {
	python3 - "$1" "$2" "$tmp/$1_$2.json" <<'PY'
import json, sys
kind, side, out = sys.argv[1:]
C1 = "\u0085\u009b31m"
BIDI = "\u202e\u2066\u200f\u061c"
ev = {"dns": [], "tcp": [], "http": [{"variant": "main",
      "result": "tls_reset" + C1 + side}]}
r = {"target": {"host": "shop.example.com", "port": 443, "scheme": "https"},
     "created": "2026-03-14" + C1 + BIDI,
     "verdict": {"symptom": "reset" + C1 + BIDI + side,
                 "cause": "x" + BIDI + side, "origin": "path"},
     "evidence": ev}
if kind == "hostile":
    for i in range(256):
        addrs = ["198.18.%d.%d" % (i, k) + (BIDI + side if k == 63 else "")
                 for k in range(64)]
        ev["dns"].append({"server": "s%d" % i + BIDI, "is_system": i == 0,
                          "status": "ok" + C1,
                          "addrs": addrs if side == "a" else addrs[::-1]})
        ev["tcp"].append({"addr": "198.18.0.%d" % i + C1 + BIDI,
                          "status": "open" + (side if i % 7 == 0 else "")})
else:
    ev["tcp"] = [{"addr": "198.18.%d.%d/%s" % (i // 256, i % 256, side),
                  "status": "open"} for i in range(22000)]
json.dump(r, open(out, "w"))
PY
}

# raw FILE: counts C1 controls and bidi marks, as UTF-8, in FILE.
raw() {
	python3 - "$1" <<'PY'
import sys
text = open(sys.argv[1], "rb").read().decode("utf-8", "replace")
bidi = {0x200e, 0x200f, 0x061c, 0xfeff} | set(range(0x202a, 0x202f)) | \
    set(range(0x2066, 0x206a))
print(sum(1 for c in text if 0x80 <= ord(c) <= 0x9f or ord(c) in bidi))
PY
}

gen hostile a
gen hostile b
for fmt in json text; do
	timeout 20 "$bin" compare --format "$fmt" "$tmp/hostile_a.json" \
		"$tmp/hostile_b.json" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	[ "$rc" -eq 0 ] && ok "$fmt: compare ran" ||
		bad "$fmt: exit $rc ($(head -c 200 "$tmp/err"))"
	n=$(raw "$tmp/out")
	[ "$n" -eq 0 ] && ok "$fmt: no raw C1 or bidi character" ||
		bad "$fmt: $n raw C1 or bidi characters on stdout"
done
timeout 20 "$bin" compare --format json "$tmp/hostile_a.json" \
	"$tmp/hostile_b.json" >"$tmp/out" 2>&1
python3 -c 'import json, sys; json.load(open(sys.argv[1]))' "$tmp/out" &&
	ok "json: the output is JSON" || bad "json: the output is not JSON"

gen big a
gen big b
# Quadratic took 12.5 s here; linear takes milliseconds: 5 s is room for
# a loaded machine, not for a quadratic walk.
start=$(date +%s)
timeout 5 "$bin" compare --format json "$tmp/big_a.json" "$tmp/big_b.json" \
	>"$tmp/out" 2>"$tmp/err"
rc=$?
end=$(date +%s)
if [ "$rc" -eq 124 ]; then
	bad "1 MB reports: compare still running after 5 s"
elif [ "$rc" -ne 0 ] && [ "$(wc -l <"$tmp/err")" -ne 1 ]; then
	bad "1 MB reports: exit $rc with $(wc -l <"$tmp/err") lines"
else
	ok "1 MB reports: answered in $((end - start)) s: $(head -c 160 "$tmp/err")"
fi

# Issue 17: a conclusion from what the reports show, not from whether
# they differ. Two sweeps from one filtered network are one vantage point;
# the same file twice (or a copy of it) is an error, one line, exit 2.
data=${top_srcdir:-.}/tests/data
# conc A B: the conclusion id compare gives for A and B.
conc() {
	"$bin" compare --format json "$data/compare_valid_$1.json" \
		"$data/compare_valid_$2.json" 2>/dev/null |
		python3 -c 'import json, sys; print(json.load(sys.stdin)["conclusion"])' \
		2>/dev/null
}
for want in "dpi dpi_later same_vantage" "dpi dpi_no_path not_shown" \
	"dpi dpi_other_net server" "server_a server_no_path server"; do
	set -- $want
	got=$(conc "$1" "$2")
	[ "$got" = "$3" ] && ok "$1 vs $2: $got" ||
		bad "$1 vs $2: '$got', want $3"
done
cp "$data/compare_valid_dpi.json" "$tmp/copy.json"
for b in "$data/compare_valid_dpi.json" "$tmp/copy.json"; do
	"$bin" compare "$data/compare_valid_dpi.json" "$b" >"$tmp/out" \
		2>"$tmp/err"
	rc=$?
	if [ "$rc" -eq 2 ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] &&
		grep -q "same report" "$tmp/err" && [ ! -s "$tmp/out" ]; then
		ok "the same report twice: $(cat "$tmp/err")"
	else
		bad "the same report twice: exit $rc, $(head -c 200 "$tmp/out")"
	fi
done

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
