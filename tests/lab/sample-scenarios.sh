#!/bin/bash
# Lab scenarios where one sample could lie: each is run several times in a
# row, and every run must give the right verdict.
#
#   flaky      flaky.example resets about half of the requests at random
#              (tests/lab/servers.py "flaky"); 10 sweeps: every one says
#              reset / server_abort / server and that the problem comes
#              and goes; never "works", never the path.
#   flakytls   the same behind TLS; 3 sweeps.
#   twoaddr    twoaddr.example has two addresses: 203.0.113.32 answers,
#              203.0.113.33 resets every request; 3 sweeps: each names
#              203.0.113.33 as the failing address.
#   latereset  latereset.example resets every request 3 s after it came,
#              later than the quick checks' 2 s limit given here; 2
#              sweeps: a reset (not a time-out) after about 3 s, and the
#              reading of a steady reset time.
#   watch      a 5 s --watch of flaky.example: the watch's failures are
#              cited by the verdict.
#
# Environment: as run-lab.sh (CONNRESET_BIN, LAB_KEEP=1).
. "$(dirname "$0")/lib.sh"

lab_require

top_builddir=${top_builddir:-$(cd "$LAB_SRC/../.." && pwd)}
top_srcdir=${top_srcdir:-$(cd "$LAB_SRC/../.." && pwd)}
CONNRESET_BIN=${CONNRESET_BIN:-$top_builddir/src/connreset}
LAB_SCHEMA=${LAB_SCHEMA:-${CONNRESET_DATADIR:-$top_srcdir/data}/report.schema.json}

if [ ! -x "$CONNRESET_BIN" ]; then
	echo "FAIL: no connreset binary at $CONNRESET_BIN"
	exit 1
fi

lab_trap
if ! lab_up; then
	echo "FAIL: the lab could not be built"
	LAB_KEEP=1
	exit 1
fi
if ! lab_tool_access; then
	echo "FAIL: cannot make connreset available to uid $LAB_UID"
	exit 1
fi

# The wire first: the behaviours really are as described.
WIRE_FAILS=0
flaky_wire() {
	local i resets=0 oks=0
	for i in 1 2 3 4 5 6 7 8 9 10 11 12; do
		if lab_exec client curl -s -o /dev/null --max-time 3 \
		    http://flaky.example/ 2>/dev/null; then
			oks=$((oks + 1))
		else
			resets=$((resets + 1))
		fi
	done
	echo "wire      flaky: $resets resets, $oks answers of 12"
	[ "$resets" -gt 0 ] && [ "$oks" -gt 0 ]
}
flaky_wire || { echo "wire FAIL flaky: not intermittent"; WIRE_FAILS=$((WIRE_FAILS + 1)); }
wire_check twoaddr_dns 0 sh -c \
    'test "$(dig +short twoaddr.example A | sort | tr "\n" " ")" = "203.0.113.32 203.0.113.33 "'
wire_check twoaddr_good 0 curl -s -o /dev/null --max-time 3 \
    --resolve twoaddr.example:80:203.0.113.32 http://twoaddr.example/
wire_check twoaddr_bad 56 curl -s -o /dev/null --max-time 3 \
    --resolve twoaddr.example:80:203.0.113.33 http://twoaddr.example/
wire_check latereset 56 curl -s -o /dev/null --max-time 6 \
    http://latereset.example/
if [ "$WIRE_FAILS" -ne 0 ]; then
	echo "FAIL: the lab itself does not behave as designed"
	exit 1
fi

pass=0
fail=0
# check NAME RUNS URL SYMPTOM CAUSE ORIGIN EXIT [check_report options...]
# -- [connreset options...]
check() {
	local name=$1 runs=$2 url=$3 s=$4 c=$5 o=$6 rc=$7 i
	shift 7
	local checks=() opts=()
	while [ $# -gt 0 ] && [ "$1" != -- ]; do
		checks+=("$1")
		shift
	done
	[ "${1:-}" = -- ] && shift
	opts=("$@")
	for i in $(seq 1 "$runs"); do
		run_tool "$name-$i" "$url" "${opts[@]}"
		if "$LAB_PY" "$LAB_SRC/check_report.py" --name "$name-$i" \
		    --report "$LAB_DIR/reports/$name-$i.json" \
		    --rc "$(cat "$LAB_DIR/reports/$name-$i.rc")" \
		    --stderr "$LAB_DIR/reports/$name-$i.err" \
		    --schema "$LAB_SCHEMA" "${checks[@]}" "$s" "$c" "$o" "$rc"
		then
			pass=$((pass + 1))
		else
			fail=$((fail + 1))
		fi
	done
}

check flaky 10 http://flaky.example/ reset server_abort server 1 \
    --says "comes and goes" --not-confidence high
check flakytls 3 https://flakytls.example/ reset server_abort server 1 \
    --says "comes and goes" --not-confidence high
check twoaddr 3 http://twoaddr.example/ reset server_abort server 1 \
    --says "203.0.113.33 (reset before any response on every attempt)"
check latereset 2 http://latereset.example/ reset server_abort server 1 \
    --says "Every reset came after about 3." -- --timeout 2
# A short watch: its samples reach the report and the verdict.
check watch 1 http://flaky.example/ reset server_abort server 1 \
    --says "During the watch" -- --watch 5s

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
