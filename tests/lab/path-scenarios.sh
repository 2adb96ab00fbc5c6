#!/bin/bash
# Lab scenarios for the path and the reset locator on a longer chain:
#
#   client -- r1 -- r2 -- r3 (DPI) -- r4 (silent) -- r5 -- origin
#              |
#           resolver
#
# r3 rejects "Host: dpihost.example" (port 80) and the SNI dpisni.example
# (port 443) with a TCP reset; r4 forwards but never sends "time
# exceeded" (v4 or v6), so traceroute sees no address at TTL 4. Builds
# its own lab instance from the lines below, checks the wire, runs
# connreset as uid 65534 (and twice as root), and checks the reports.
#
# What "right" is, exactly:
#   path.hops      six hops, TTL 1..6, addresses 198.18.1.1 (r1),
#                  198.18.1.6 (r2), 198.18.1.10 (r3), null (r4),
#                  198.18.1.18 (r5), and the origin address.
#   DPI (a, b)     reset / middlebox_injection / path. Linux checks the
#                  TTL before the FORWARD chain, so r3 inspects (and
#                  resets) only requests sent with TTL >= 4: the first
#                  reset comes at TTL 4, the TTL at which r3 forwards.
#                  locator_conclude names the hop at that TTL, which is
#                  r4, silent; it then falls back to the hop before it:
#                  near_hop = TTL 3, 198.18.1.10, the DPI router itself.
#                  server_distance = 6, so first_reset_ttl 4 < 6; the
#                  neutral control request is not reset.
#   abort (c)      the origin resets by itself after reading the request
#                  (SO_LINGER 0): reset / server_abort / server;
#                  first_reset_ttl = server_distance = 6, near hop TTL 6
#                  = the origin's address; the control is reset at 6 too.
#   forged         as uid 65534: null, and the detail names setcap. As
#                  root the locator captures the full-TTL connection: the
#                  DPI reset arrives with TTL 62 (64 - 2 routers: hop 3),
#                  the SYN-ACK with TTL 59 (64 - 5: hop 6), so forged is
#                  true; the origin's own reset has TTL 59 like its
#                  SYN-ACK, so forged is false. The command the hint
#                  names (setcap cap_net_raw+ep on a copy of the program)
#                  gives uid 65534 the same finding: forged true.
#
# Environment: as run-lab.sh (CONNRESET_BIN, LAB_KEEP=1); PATH_LAB_LIB
# points at the lab's lib.sh when this script is not next to it.
LIB=${PATH_LAB_LIB:-$(dirname "$0")/lib.sh}
. "$LIB"

lab_require

top_builddir=${top_builddir:-$(cd "$LAB_SRC/../.." && pwd)}
top_srcdir=${top_srcdir:-$(cd "$LAB_SRC/../.." && pwd)}
CONNRESET_BIN=${CONNRESET_BIN:-$top_builddir/src/connreset}
LAB_SCHEMA=${LAB_SCHEMA:-${CONNRESET_DATADIR:-$top_srcdir/data}/report.schema.json}

if [ ! -x "$CONNRESET_BIN" ]; then
	echo "FAIL: no connreset binary at $CONNRESET_BIN"
	exit 1
fi

HOPS_HTTP='["198.18.1.1", "198.18.1.6", "198.18.1.10", null, "198.18.1.18", "203.0.113.30"]'
HOPS_TLS='["198.18.1.1", "198.18.1.6", "198.18.1.10", null, "198.18.1.18", "203.0.113.31"]'
HOPS_ABORT='["198.18.1.1", "198.18.1.6", "198.18.1.10", null, "198.18.1.18", "203.0.113.32"]'

# The long chain, written out whole: nothing of the base lab is needed.
path_topology() {
	cat >"$1" <<-'TOPO'
	# tests/lab/path-scenarios.sh: the long chain with a DPI router
	# (r3) mid-way and a silent router (r4) after it.
	node client
	node r1 router
	node r2 router
	node r3 router
	node r4 router
	node r5 router
	node origin
	node resolver
	link r1 client   198.18.1.0/30  2001:db8:1:1::/64
	link r1 r2       198.18.1.4/30  2001:db8:1:2::/64
	link r2 r3       198.18.1.8/30  2001:db8:1:3::/64
	link r3 r4       198.18.1.12/30 2001:db8:1:4::/64
	link r4 r5       198.18.1.16/30 2001:db8:1:5::/64
	link r5 origin   198.18.1.20/30 2001:db8:1:6::/64
	link r1 resolver 198.18.1.24/30 2001:db8:1:7::/64
	addr resolver 192.0.2.53/32
	resolver resolver 192.0.2.53
	resolvconf client 192.0.2.53
	addr origin 203.0.113.30/32
	addr origin 203.0.113.31/32
	addr origin 203.0.113.32/32
	# lab_up waits until ok.example resolves (dpihost.example's server).
	dns resolver ok.example        203.0.113.30
	dns resolver dpihost.example   203.0.113.30
	dns resolver dpisni.example    203.0.113.31
	dns resolver selfabort.example 203.0.113.32
	serve origin http   203.0.113.30 80
	serve origin https  203.0.113.31 443
	serve origin abort  203.0.113.32 80
	rule r3 iptables -A FORWARD -p tcp --dport 80 -m string --string "Host: dpihost.example" --algo bm -j REJECT --reject-with tcp-reset
	rule r3 iptables -A FORWARD -p tcp --dport 443 -m string --string dpisni.example --algo bm -j REJECT --reject-with tcp-reset
	rule r4 iptables -A OUTPUT -p icmp --icmp-type time-exceeded -j DROP
	rule r4 ip6tables -A OUTPUT -p icmpv6 --icmpv6-type time-exceeded -j DROP
	TOPO
}

# Runs connreset in the client namespace, as uid 65534 or as root:
# path_run_tool SCENARIO URL nobody|root [BINARY]
path_run_tool() {
	local scn=$1 url=$2 who=$3 bin=${4:-$CONNRESET_BIN} rc
	local out=$LAB_DIR/reports/$scn
	local as=(setpriv --reuid=$LAB_UID --regid=$LAB_UID --clear-groups --)

	[ "$who" = root ] && as=()
	timeout -k 5 "${LAB_TOOL_LIMIT:-60}" \
	    ip netns exec "$(lab_ns client)" "${as[@]}" \
	    env -i PATH=/usr/bin:/bin HOME="$LAB_DIR/reports" LC_ALL=C.UTF-8 \
	    ${CONNRESET_DATADIR:+CONNRESET_DATADIR="$CONNRESET_DATADIR"} \
	    "$bin" --batch --report "$out.json" --format json \
	    --cacert "$LAB_DIR/ca.pem" --timeout 3 "$url" \
	    >"$out.out" 2>"$out.err"
	rc=$?
	echo "$rc" >"$out.rc"
}

# The behaviours on the wire, with traceroute and curl, not connreset.
path_selfcheck() {
	local c="curl -sS -o /dev/null --max-time 5 --cacert $LAB_DIR/ca.pem"
	local route='traceroute -n -q 1 -w 1 -m 8 203.0.113.30 |
	    awk "NR > 1 {print \$2}" | tr "\n" " " |
	    grep -qx "198.18.1.1 198.18.1.6 198.18.1.10 \* 198.18.1.18 203.0.113.30 "'
	local route6='traceroute -6 -n -q 1 -w 1 -m 8 2001:db8:1:6::2 |
	    awk "NR > 1 {print \$2}" | tr "\n" " " |
	    grep -qx "2001:db8:1:1::1 2001:db8:1:2::2 2001:db8:1:3::2 \* 2001:db8:1:5::2 2001:db8:1:6::2 "'

	WIRE_FAILS=0
	wire_check long_route 0 sh -c "$route"
	wire_check long_route_v6 0 sh -c "$route6"
	wire_check dpi_host 56 $c http://dpihost.example/
	wire_check dpi_host_other 0 $c -H 'Host: other.example' \
	    http://dpihost.example/
	wire_check dpi_sni 35 $c https://dpisni.example/
	wire_check dpi_sni_other 0 $c \
	    --connect-to selfabort.example:443:dpisni.example:443 \
	    https://selfabort.example/
	wire_check selfabort 56 $c http://selfabort.example/
	[ "$WIRE_FAILS" -eq 0 ]
}

# Checks one value of a report: jcheck SCENARIO POINTER OP WANT, where
# POINTER is /a/b (a "*" step maps over a list), OP is "eq" (WANT is
# JSON), "lt" (WANT is another pointer) or "re" (WANT is a regular
# expression the string must contain). Prints PASS/FAIL, counts fails.
jcheck() {
	local scn=$1
	if "$LAB_PY" - "$LAB_DIR/reports/$scn.json" "$@" <<-'PY'
	import json, re, sys
	path, scn, ptr, op, want = sys.argv[1:6]
	def get(doc, ptr):
	    for i, step in enumerate(ptr.strip("/").split("/")):
	        if step == "*":
	            rest = "/".join(ptr.strip("/").split("/")[i + 1:])
	            return [get(x, rest) if rest else x for x in doc]
	        doc = doc[int(step)] if isinstance(doc, list) else doc[step]
	    return doc
	try:
	    doc = json.load(open(path, encoding="utf-8"))
	    got = get(doc, ptr)
	    if op == "eq":
	        ok, show = got == json.loads(want), want
	    elif op == "lt":
	        other = get(doc, want)
	        ok, show = got < other, "< %s (%s)" % (want, other)
	    else:
	        ok, show = isinstance(got, str) and re.search(want, got), \
	            "to match /%s/" % want
	except (OSError, ValueError, KeyError, IndexError, TypeError) as e:
	    print("FAIL %s: %s: %s" % (scn, ptr, e))
	    sys.exit(1)
	word = "PASS" if ok else "FAIL"
	if op == "lt" and ok:
	    print("PASS %s: %s = %s %s" % (scn, ptr, json.dumps(got), show))
	else:
	    print("%s %s: %s = %s%s" % (word, scn, ptr, json.dumps(got),
	          "" if ok else ", expected %s" % show))
	sys.exit(0 if ok else 1)
	PY
	then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
	fi
}

# assert_scenario with the counters of this script.
verdict() {
	if assert_scenario "$@"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
	fi
}

# The DPI router's position on the chain, as the report must show it.
check_dpi() {
	local scn=$1 hops=$2
	verdict "$scn" reset middlebox_injection path 1
	jcheck "$scn" /path/reached eq true
	jcheck "$scn" '/path/hops/*/ttl' eq '[1, 2, 3, 4, 5, 6]'
	jcheck "$scn" '/path/hops/*/address' eq "$hops"
	jcheck "$scn" /reset_locator/server_distance eq 6
	jcheck "$scn" /reset_locator/first_reset_ttl eq 4
	jcheck "$scn" /reset_locator/first_reset_ttl lt \
	    /reset_locator/server_distance
	jcheck "$scn" /reset_locator/near_hop/ttl eq 3
	jcheck "$scn" /reset_locator/near_hop/address eq '"198.18.1.10"'
	jcheck "$scn" /reset_locator/control/reset eq false
	jcheck "$scn" /reset_locator/local eq false
}

# The origin's own reset at the end of the chain, never the path's.
check_abort() {
	local scn=$1
	verdict "$scn" reset server_abort server 1
	jcheck "$scn" '/path/hops/*/address' eq "$HOPS_ABORT"
	jcheck "$scn" /reset_locator/server_distance eq 6
	jcheck "$scn" /reset_locator/first_reset_ttl eq 6
	jcheck "$scn" /reset_locator/near_hop/ttl eq 6
	jcheck "$scn" /reset_locator/near_hop/address eq '"203.0.113.32"'
	jcheck "$scn" /reset_locator/control/first_reset_ttl eq 6
	jcheck "$scn" /verdict/origin re '^(?!path$)'
}

# Without CAP_NET_RAW: no verdict on forgery, and the way to allow it.
check_unprivileged() {
	jcheck "$1" /reset_locator/forged eq null
	jcheck "$1" /reset_locator/forged_detail re \
	    'sudo setcap cap_net_raw\+ep "\$\(command -v connreset\)"'
}

# A copy of connreset with the capability the setcap hint names, or
# nothing when setcap is missing or the file system has no capabilities.
setcap_copy() {
	command -v setcap >/dev/null 2>&1 || return 1
	mkdir -m 0755 "$LAB_DIR/capbin" &&
	    cp "$CONNRESET_BIN" "$LAB_DIR/capbin/connreset" &&
	    chmod 0755 "$LAB_DIR/capbin/connreset" &&
	    setcap cap_net_raw+ep "$LAB_DIR/capbin/connreset" 2>/dev/null
}

lab_trap
start=$(date +%s)
LAB_DIR_TOPO=$(mktemp "${TMPDIR:-/tmp}/connreset-path-topo.XXXXXX")
path_topology "$LAB_DIR_TOPO"
LAB_TOPOLOGY=$LAB_DIR_TOPO
if ! lab_up; then
	echo "FAIL: the lab could not be built"
	rm -f "$LAB_DIR_TOPO"
	LAB_KEEP=1
	exit 1
fi
rm -f "$LAB_DIR_TOPO"
echo "lab: namespaces $LAB_PREFIX-*, files in $LAB_DIR"
if ! lab_tool_access; then
	echo "FAIL: cannot make connreset available to uid $LAB_UID"
	exit 1
fi
if ! path_selfcheck; then
	echo "FAIL: the lab itself does not behave as designed (see above)"
	exit 1
fi

pids=()
path_run_tool dpi_host http://dpihost.example/ nobody &
pids+=($!)
path_run_tool dpi_sni https://dpisni.example/ nobody &
pids+=($!)
path_run_tool abort http://selfabort.example/ nobody &
pids+=($!)
path_run_tool dpi_host_root http://dpihost.example/ root &
pids+=($!)
path_run_tool abort_root http://selfabort.example/ root &
pids+=($!)
# The hint's own command: uid 65534 with cap_net_raw on the program.
capbin=
if setcap_copy; then
	capbin=$LAB_DIR/capbin/connreset
	path_run_tool dpi_host_setcap http://dpihost.example/ nobody \
	    "$capbin" &
	pids+=($!)
fi
wait "${pids[@]}"

pass=0
fail=0
check_dpi dpi_host "$HOPS_HTTP"
check_unprivileged dpi_host
check_dpi dpi_sni "$HOPS_TLS"
jcheck dpi_sni /reset_locator/trigger eq '"sni"'
check_unprivileged dpi_sni
check_abort abort
check_unprivileged abort

# As root the locator captures the full-TTL connection's packets.
check_dpi dpi_host_root "$HOPS_HTTP"
jcheck dpi_host_root /reset_locator/forged eq true
jcheck dpi_host_root /reset_locator/forged_detail re \
    'RST TTL 62 \(from 64: 3 hops away\) vs SYN-ACK TTL 59 \(from 64: 6 hops away\)'
check_abort abort_root
jcheck abort_root /reset_locator/forged eq false
jcheck abort_root /reset_locator/forged_detail re \
    'RST TTL 59 \(from 64: 6 hops away\) vs SYN-ACK TTL 59 \(from 64: 6 hops away\)'
if [ -n "$capbin" ]; then
	jcheck dpi_host_setcap /reset_locator/forged eq true
	jcheck dpi_host_setcap /reset_locator/forged_detail re \
	    'RST TTL 62 \(from 64: 3 hops away\) vs SYN-ACK TTL 59'
else
	echo "SKIP dpi_host_setcap: setcap cannot give a copy cap_net_raw here"
fi

echo "$pass passed, $fail failed ($(( $(date +%s) - start ))s)"
if [ $fail -ne 0 ]; then
	echo "LAB_KEEP=1 keeps the reports in $LAB_DIR/reports"
	exit 1
fi
exit 0
