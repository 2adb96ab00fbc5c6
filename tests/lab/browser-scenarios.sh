#!/bin/bash
# Lab scenarios on what the browser meets beyond one plain request.
#
#   redirect      http://redirect.example/ answers 302 to
#                 https://blocked-sni.example/login, which the DPI box on
#                 r2 resets (on the TLS name): the verdict names the
#                 redirect and the path, placed at hop 2 (r2); never
#                 "works", never the server. 3 sweeps, each checked in
#                 all four formats (the chain in every one).
#   goodredirect  http://goodredirect.example/ -> /next (relative) ->
#                 https://ok.example/: the chain is followed, hop by hop,
#                 and the site works.
#   h2            https://h2.example/ resets every connection that
#                 negotiates HTTP/2 and answers HTTP/1.1: the verdict
#                 says it fails over HTTP/2 and works over HTTP/1.1.
#   clock         https://ok.example/ with the tool's clock 30 days ahead
#                 (libfaketime preloaded into connreset alone; the lab
#                 certificates are valid for 7 days): the certificate
#                 looks expired, and the verdict blames this computer's
#                 clock against the server's Date header, not the site.
#
# Environment: as run-lab.sh (CONNRESET_BIN, LAB_KEEP=1).
. "$(dirname "$0")/lib.sh"

lab_require

top_builddir=${top_builddir:-$(cd "$LAB_SRC/../.." && pwd)}
top_srcdir=${top_srcdir:-$(cd "$LAB_SRC/../.." && pwd)}
CONNRESET_BIN=${CONNRESET_BIN:-$top_builddir/src/connreset}
LAB_SCHEMA=${LAB_SCHEMA:-${CONNRESET_DATADIR:-$top_srcdir/data}/report.schema.json}

# libfaketime (Debian package faketime), for the tool's clock only.
FAKETIME_LIB=
for f in /usr/lib/*/faketime/libfaketimeMT.so.1 \
    /usr/lib/faketime/libfaketimeMT.so.1; do
	[ -r "$f" ] && FAKETIME_LIB=$f && break
done
if [ -z "$FAKETIME_LIB" ]; then
	test_skip "libfaketime is not installed (Debian package faketime)"
fi

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
wire_check redirect_302 0 sh -c \
    'test "$(curl -s -o /dev/null -w "%{http_code} %{redirect_url}" --max-time 3 http://redirect.example/)" = "302 https://blocked-sni.example/login"'
wire_check redirect_target 35 curl -s -o /dev/null --max-time 3 \
    --cacert "$LAB_DIR/ca.pem" https://blocked-sni.example/login
wire_check goodredirect 0 sh -c \
    "test \"\$(curl -s -L -o /dev/null -w '%{num_redirects} %{url_effective}' --max-time 5 --cacert '$LAB_DIR/ca.pem' http://goodredirect.example/)\" = '2 https://ok.example/'"
wire_check h2_over_h1 0 curl -s -o /dev/null --max-time 3 --http1.1 \
    --cacert "$LAB_DIR/ca.pem" https://h2.example/
wire_check h2_over_h2 1 sh -c \
    "curl -s -o /dev/null --max-time 3 --http2 --cacert '$LAB_DIR/ca.pem' https://h2.example/ && exit 0; exit 1"
wire_check clock_skew 60 env LD_PRELOAD="$FAKETIME_LIB" FAKETIME=+30d \
    FAKETIME_DONT_FAKE_MONOTONIC=1 curl -s -o /dev/null --max-time 3 \
    --cacert "$LAB_DIR/ca.pem" https://ok.example/
if [ "$WIRE_FAILS" -ne 0 ]; then
	echo "FAIL: the lab itself does not behave as designed"
	exit 1
fi

# run_tool with the tool's clock moved by $1 (a FAKETIME offset).
run_tool_skewed() {
	local skew=$1 scn=$2 url=$3 rc
	shift 3
	local out=$LAB_DIR/reports/$scn
	timeout -k 5 "${LAB_TOOL_LIMIT:-60}" \
	    ip netns exec "$(lab_ns client)" \
	    setpriv --reuid=$LAB_UID --regid=$LAB_UID --clear-groups -- \
	    env -i PATH=/usr/bin:/bin HOME="$LAB_DIR/reports" LC_ALL=C.UTF-8 \
	    LD_PRELOAD="$FAKETIME_LIB" FAKETIME="$skew" \
	    FAKETIME_DONT_FAKE_MONOTONIC=1 \
	    ${CONNRESET_DATADIR:+CONNRESET_DATADIR="$CONNRESET_DATADIR"} \
	    ${ASAN_OPTIONS:+ASAN_OPTIONS="$ASAN_OPTIONS:verify_asan_link_order=0"} \
	    ${UBSAN_OPTIONS:+UBSAN_OPTIONS="$UBSAN_OPTIONS"} \
	    "$CONNRESET_BIN" --batch --report "$out.json" --format json \
	    --cacert "$LAB_DIR/ca.pem" --timeout 3 "$@" "$url" \
	    >"$out.out" 2>"$out.err"
	rc=$?
	echo "$rc" >"$out.rc"
	return 0
}

pass=0
fail=0
# check NAME URL SYMPTOM CAUSE ORIGIN EXIT [check_report options...]
check() {
	local name=$1 url=$2 s=$3 c=$4 o=$5 rc=$6
	shift 6
	if [ "${SKEW:-}" ]; then
		run_tool_skewed "$SKEW" "$name" "$url"
	else
		run_tool "$name" "$url"
	fi
	if assert_scenario "$name" "$@" "$s" "$c" "$o" "$rc"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
	fi
}

# The redirect to a reset site, three sweeps one after another (the
# hop is placed from the routers' rationed ICMP), all four formats each:
# the chain in every one, the reset placed at r2.
for i in 1 2 3; do
	run_formats "redirect-$i" http://redirect.example/
	if assert_scenario "redirect-$i" --says "http://redirect.example/ redirects to https://blocked-sni.example/login" \
	    --says "near hop 2 (198.18.0.6)" \
	    reset middlebox_injection path 1 &&
	    "$LAB_PY" "$LAB_SRC/check_sizes.py" --name "redirect-$i" \
	    --stem "$LAB_DIR/reports/redirect-$i" --kind redirect \
	    --hop "hop 2 (198.18.0.6)"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
	fi
done
check goodredirect http://goodredirect.example/ ok none none 0 \
    --says "redirects to http://goodredirect.example/next, then to https://ok.example/"
check h2 https://h2.example/ reset protocol_mismatch server 1 \
    --says "fails over HTTP/2 and works over HTTP/1.1"
SKEW=+30d check clock https://ok.example/ tls_error cert_invalid client 1 \
    --says "This computer's clock is wrong"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
