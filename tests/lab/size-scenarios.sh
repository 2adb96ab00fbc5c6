#!/bin/bash
# Lab scenarios about size: what only a browser-size handshake or
# full-size packets meet. Each is run several times in a row, and every
# run must give the right verdict.
#
#   bighello   r2 resets every TCP packet toward bighello.example of 1000
#              bytes or more: the browser-size ClientHello (two segments)
#              is reset, the classic one passes. 3 sweeps: reset /
#              large_client_hello / path, placed at hop 2 (r2), with the
#              ClientHello sizes and the remedies; never "works", never
#              the server.
#   pmtu       pmtu.example answers with 64 KiB; r2 sends its packets
#              toward the client over a hop of MTU 1400 and drops its own
#              "fragmentation needed": a PMTU black hole. 2 sweeps:
#              timeout / packet_size / path, with the segment sizes
#              tried and the MTUs; never the server.
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

# The wire first. A long ALPN list makes openssl s_client's ClientHello
# as large as a browser's (about 1.8 KB, over one segment).
WIRE_FAILS=0
BIG_ALPN=$("$LAB_PY" -c 'print(",".join(["h" * 200] * 8 + ["http/1.1"]))')
wire_check hello_classic 0 timeout 5 openssl s_client -brief \
    -connect 203.0.113.60:443 -servername bighello.example \
    -CAfile "$LAB_DIR/ca.pem" </dev/null
wire_check hello_large 1 timeout 5 openssl s_client -brief \
    -connect 203.0.113.60:443 -servername bighello.example \
    -CAfile "$LAB_DIR/ca.pem" -alpn "$BIG_ALPN" </dev/null
# The same large ClientHello to a server without the box passes.
wire_check hello_large_ok 0 timeout 5 openssl s_client -brief \
    -connect 203.0.113.10:443 -servername ok.example \
    -CAfile "$LAB_DIR/ca.pem" -alpn "$BIG_ALPN" </dev/null
wire_check pmtu_full 28 curl -s -o /dev/null --max-time 3 \
    http://pmtu.example/
# With segments of 1200 bytes the same request gets its whole answer.
wire_check pmtu_small 0 "$LAB_PY" -c '
import socket, sys
s = socket.socket()
s.setsockopt(socket.IPPROTO_TCP, socket.TCP_MAXSEG, 1200)
s.settimeout(3)
s.connect(("203.0.113.61", 80))
s.sendall(b"GET / HTTP/1.1\r\nHost: pmtu.example\r\nConnection: close\r\n\r\n")
n = 0
while True:
    b = s.recv(65536)
    if not b:
        break
    n += len(b)
sys.exit(0 if n > 65536 else 1)'
if [ "$WIRE_FAILS" -ne 0 ]; then
	echo "FAIL: the lab itself does not behave as designed"
	exit 1
fi

pass=0
fail=0
# check NAME RUNS URL SYMPTOM CAUSE ORIGIN EXIT KIND HOP [check_report
# options...] -- [connreset options...]: RUNS sweeps one after another
# (never at once: they would share the routers' rationed ICMP), each
# checked by check_report.py (verdict, schema) and check_sizes.py (the
# evidence of KIND in all four formats; HOP, unless "-", named in each).
check() {
	local name=$1 runs=$2 url=$3 s=$4 c=$5 o=$6 rc=$7 kind=$8 hop=$9 i
	shift 9
	local checks=() opts=() where=()
	while [ $# -gt 0 ] && [ "$1" != -- ]; do
		checks+=("$1")
		shift
	done
	[ "${1:-}" = -- ] && shift
	opts=("$@")
	[ "$hop" != - ] && where=(--hop "$hop")
	for i in $(seq 1 "$runs"); do
		run_formats "$name-$i" "$url" "${opts[@]}"
		if "$LAB_PY" "$LAB_SRC/check_report.py" --name "$name-$i" \
		    --report "$LAB_DIR/reports/$name-$i.json" \
		    --rc "$(cat "$LAB_DIR/reports/$name-$i.rc")" \
		    --stderr "$LAB_DIR/reports/$name-$i.err" \
		    --schema "$LAB_SCHEMA" "${checks[@]}" "$s" "$c" "$o" "$rc" &&
		    "$LAB_PY" "$LAB_SRC/check_sizes.py" --name "$name-$i" \
		    --stem "$LAB_DIR/reports/$name-$i" --kind "$kind" \
		    "${where[@]}"
		then
			pass=$((pass + 1))
		else
			fail=$((fail + 1))
		fi
	done
}

check bighello 3 https://bighello.example/ reset large_client_hello path 1 \
    bighello "hop 2 (198.18.0.6)" --says "hop 2 (198.18.0.6)" \
    --says "PostQuantumKeyAgreementEnabled" --says "ClientHello of"
check pmtu 2 http://pmtu.example/ timeout packet_size path 1 pmtu - \
    --says "small TCP segments" --says "fragmentation needed" \
    -- --request-timeout 3

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
