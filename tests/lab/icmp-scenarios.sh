#!/bin/bash
# Lab scenarios for the path as real routers answer it: rationed ICMP,
# routers that never answer traceroute, the same sweep run again and
# again, and IPv6.
#
#   client -- r1 -- r2 -- r3 -- r4 -- origin
#              |     (tight) (silent)
#   client2 -- s1 (silent)
#              |
#           resolver (off r1)
#
# Every router has Linux's default ICMP rate limits, set explicitly
# (net.ipv4.icmp_ratelimit=1000: a burst of 6 "time exceeded" per
# destination, then one a second; icmp_msgs_per_sec 1000, burst 50;
# net.ipv6.icmp.ratelimit 1000), except r2, which allows one every 10 s
# after the burst. r3 and s1 never send "time exceeded" (v4 or v6).
# Filters that answer a request with a TCP reset:
#   r1  "Host: dpi1.example" (v4) and "Host: dpi6.example" (v6)
#   r2  "Host: dpit.example"       (the tight router)
#   r3  "Host: silent.example"     (the router that never answers)
#   s1  "Host: gw.example" (v4) and "Host: gw6.example" (v6): client2's
#       silent gateway
#
# What "right" is, exactly (hop N = the Nth router, as traceroute counts):
#   fast         http://fast.example/ (a server on r4: a 4-hop path, hop
#                3 silent) is traced; the figure is the path check's
#                duration_ms, printed, not asserted.
#   dpi1 x3      three sweeps in a row: near hop 1 is 198.18.2.1 (r1), or
#                it has no address and says it did not identify itself
#                (or, silent once the sweeps drained r1's ICMP, is named as
#                the route's gateway, flagged inferred);
#                never another router's address.
#   dpit x3      the same against the tight router: near hop 2 is
#                198.18.2.6 (r2) or unidentified, never another address;
#                the trace's hop 2 is 198.18.2.6 or null. Before the
#                first run r2 is made to drop its first two "time
#                exceeded" for that site: the trace's hop 2 is null, and
#                the locator's own probe a second later names r2.
#   silent       the filter on r3: near hop 3, no address, unidentified,
#                between an identified hop before it and hop 4
#                (198.18.2.14), never a neighbour's address.
#   gw, gw6      from client2: the filter on its silent gateway s1: near
#                hop 1, address 198.18.2.25 (2001:db8:2:7::1 over IPv6)
#                from the routing table, flagged inferred.
#   dpi6         over IPv6: near hop 1 is 2001:db8:2:1::1 (r1), or
#                unidentified; the trace's hops are IPv6 addresses.
#
# Environment: as run-lab.sh (CONNRESET_BIN, LAB_KEEP=1); ICMP_LAB_LIB
# points at the lab's lib.sh when this script is not next to it.
LIB=${ICMP_LAB_LIB:-$(dirname "$0")/lib.sh}
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

# The chain, written out whole: nothing of the base lab is needed.
icmp_topology() {
	local r
	cat >"$1" <<-'TOPO'
	# tests/lab/icmp-scenarios.sh: rationed ICMP and silent routers.
	node client
	node client2
	node s1 router
	node r1 router
	node r2 router
	node r3 router
	node r4 router
	node origin
	node resolver
	link r1 client   198.18.2.0/30  2001:db8:2:1::/64
	link r1 r2       198.18.2.4/30  2001:db8:2:2::/64
	link r2 r3       198.18.2.8/30  2001:db8:2:3::/64
	link r3 r4       198.18.2.12/30 2001:db8:2:4::/64
	link r4 origin   198.18.2.16/30 2001:db8:2:5::/64
	link r1 resolver 198.18.2.20/30 2001:db8:2:6::/64
	link s1 client2  198.18.2.24/30 2001:db8:2:7::/64
	link s1 r1       198.18.2.28/30 2001:db8:2:8::/64
	addr resolver 192.0.2.53/32
	resolver resolver 192.0.2.53
	resolvconf client 192.0.2.53
	resolvconf client2 192.0.2.53
	addr origin 203.0.113.40/32
	addr origin 203.0.113.41/32
	addr origin 203.0.113.42/32
	addr origin 203.0.113.43/32
	addr origin 2001:db8:203::40/128
	addr origin 2001:db8:203::43/128
	addr r4 203.0.113.45/32
	# lab_up waits until ok.example resolves.
	dns resolver ok.example      203.0.113.40
	dns resolver dpi1.example    203.0.113.40
	dns resolver dpit.example    203.0.113.41
	dns resolver silent.example  203.0.113.42
	dns resolver gw.example      203.0.113.43
	dns resolver dpi6.example    2001:db8:203::40
	dns resolver gw6.example     2001:db8:203::43
	dns resolver fast.example    203.0.113.45
	serve origin http 203.0.113.40 80
	serve origin http 203.0.113.41 80
	serve origin http 203.0.113.42 80
	serve origin http 203.0.113.43 80
	serve origin http 2001:db8:203::40 80
	serve origin http 2001:db8:203::43 80
	serve r4 http 203.0.113.45 80
	rule r1 iptables -A FORWARD -p tcp --dport 80 -m string --string "Host: dpi1.example" --algo bm -j REJECT --reject-with tcp-reset
	rule r1 ip6tables -A FORWARD -p tcp --dport 80 -m string --string "Host: dpi6.example" --algo bm -j REJECT --reject-with tcp-reset
	rule r2 iptables -A FORWARD -p tcp --dport 80 -m string --string "Host: dpit.example" --algo bm -j REJECT --reject-with tcp-reset
	rule r3 iptables -A FORWARD -p tcp --dport 80 -m string --string "Host: silent.example" --algo bm -j REJECT --reject-with tcp-reset
	rule s1 iptables -A FORWARD -p tcp --dport 80 -m string --string "Host: gw.example" --algo bm -j REJECT --reject-with tcp-reset
	rule s1 ip6tables -A FORWARD -p tcp --dport 80 -m string --string "Host: gw6.example" --algo bm -j REJECT --reject-with tcp-reset
	TOPO
	for r in r3 s1; do
		echo "rule $r iptables -A OUTPUT -p icmp --icmp-type time-exceeded -j DROP"
		echo "rule $r ip6tables -A OUTPUT -p icmpv6 --icmpv6-type time-exceeded -j DROP"
	done >>"$1"
	# Linux's defaults, explicitly: the lab's other chains turn them off.
	for r in s1 r1 r2 r3 r4; do
		echo "sysctl $r net.ipv4.icmp_ratelimit=1000"
		echo "sysctl $r net.ipv4.icmp_msgs_per_sec=1000"
		echo "sysctl $r net.ipv4.icmp_msgs_burst=50"
		echo "sysctl $r net.ipv6.icmp.ratelimit=1000"
	done >>"$1"
	# The tight router: one "time exceeded" every 10 s after the burst.
	echo "sysctl r2 net.ipv4.icmp_ratelimit=10000" >>"$1"
	echo "sysctl r2 net.ipv6.icmp.ratelimit=10000" >>"$1"
}

# Runs connreset as uid 65534 in a client's namespace:
# icmp_run_tool SCENARIO NODE URL
icmp_run_tool() {
	local scn=$1 node=$2 url=$3 rc
	local out=$LAB_DIR/reports/$scn

	timeout -k 5 "${LAB_TOOL_LIMIT:-60}" \
	    ip netns exec "$(lab_ns "$node")" \
	    setpriv --reuid=$LAB_UID --regid=$LAB_UID --clear-groups -- \
	    env -i PATH=/usr/bin:/bin HOME="$LAB_DIR/reports" LC_ALL=C.UTF-8 \
	    ${CONNRESET_DATADIR:+CONNRESET_DATADIR="$CONNRESET_DATADIR"} \
	    "$CONNRESET_BIN" --batch --report "$out.json" --format json \
	    --cacert "$LAB_DIR/ca.pem" --timeout 3 "$url" \
	    >"$out.out" 2>"$out.err"
	rc=$?
	echo "$rc" >"$out.rc"
}

# The behaviours on the wire, with traceroute and curl, not connreset.
icmp_selfcheck() {
	local c="curl -sS -o /dev/null --max-time 5" name rc
	local route='traceroute -n -q 1 -w 1 -m 8 203.0.113.40 |
	    awk "NR > 1 {print \$2}" | tr "\n" " " |
	    grep -qx "198.18.2.1 198.18.2.6 \* 198.18.2.14 203.0.113.40 "'
	local route2='traceroute -n -q 1 -w 1 -m 8 203.0.113.43 |
	    awk "NR > 1 {print \$2}" | tr "\n" " " |
	    grep -qx "\* 198.18.2.30 198.18.2.6 \* 198.18.2.14 203.0.113.43 "'
	local limits='for k in net.ipv4.icmp_ratelimit net.ipv6.icmp.ratelimit; do
	    sysctl -n $k; done | tr "\n" " " | grep -qx "$0 $0 "'

	WIRE_FAILS=0
	wire_check route 0 sh -c "$route"
	if lab_exec client2 sh -c "$route2" >"$LAB_DIR/wire-route2.out" 2>&1
	then
		echo "wire ok   route2 (exit 0)"
	else
		echo "wire FAIL route2: client2's trace is not as designed"
		WIRE_FAILS=$((WIRE_FAILS + 1))
	fi
	if lab_exec r1 sh -c "$limits" 1000 && lab_exec r2 sh -c "$limits" \
	    10000; then
		echo "wire ok   icmp_limits (r1 1000 ms, r2 10000 ms)"
	else
		echo "wire FAIL icmp_limits: the routers' rate limits are not set"
		WIRE_FAILS=$((WIRE_FAILS + 1))
	fi
	wire_check dpi1 56 $c http://dpi1.example/
	wire_check dpi1_other 0 $c -H 'Host: other.example' \
	    http://dpi1.example/
	wire_check dpit 56 $c http://dpit.example/
	wire_check silent 56 $c http://silent.example/
	wire_check dpi6 56 $c http://dpi6.example/
	wire_check fast 0 $c http://fast.example/
	for name in gw gw6; do
		lab_exec client2 $c "http://$name.example/" \
		    >"$LAB_DIR/wire-$name.out" 2>&1
		rc=$?
		if [ "$rc" = 56 ]; then
			echo "wire ok   $name (exit 56 from client2)"
		else
			echo "wire FAIL $name: expected exit 56 got $rc"
			WIRE_FAILS=$((WIRE_FAILS + 1))
		fi
	done
	[ "$WIRE_FAILS" -eq 0 ]
}

# check_hops SCENARIO ARGS...: check_hops.py with this script's counters.
hops() {
	local scn=$1
	shift
	if "$LAB_PY" "$LAB_SRC/check_hops.py" --name "$scn" \
	    --report "$LAB_DIR/reports/$scn.json" "$@"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
	fi
}

# assert_scenario with this script's counters.
verdict() {
	if assert_scenario "$@"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
	fi
}

# The path check's duration in a report, in ms.
path_ms() {
	"$LAB_PY" - "$LAB_DIR/reports/$1.json" <<-'PY'
	import json, sys
	doc = json.load(open(sys.argv[1], encoding="utf-8"))
	ms = [c["duration_ms"] for c in doc["checks"] if c["id"] == "path"]
	hops = [h["address"] for h in doc["path"]["hops"]]
	print("%.0f ms, hops %s" % (ms[0], hops) if ms and ms[0] is not None
	      else "unknown")
	PY
}

lab_trap
start=$(date +%s)
LAB_DIR_TOPO=$(mktemp "${TMPDIR:-/tmp}/connreset-icmp-topo.XXXXXX")
icmp_topology "$LAB_DIR_TOPO"
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
if ! icmp_selfcheck; then
	echo "FAIL: the lab itself does not behave as designed (see above)"
	exit 1
fi

pass=0
fail=0
# The trace's figure first, while every router has its full burst.
icmp_run_tool fast client http://fast.example/
verdict fast ok none none 0
hops fast --hop 1=198.18.2.1 --hop 2=198.18.2.6 --hop 3=null \
    --hop 4=203.0.113.45
echo "fast: 4-hop path with hop 3 silent traced in $(path_ms fast)"

# A router out of ICMP tokens at the wrong moments: r2 drops its first
# two "time exceeded" about dpit.example's address (the quoted header's
# destination, at byte 44): the trace's probe and the real replay's
# request. The locator's own probe a second later is answered.
for i in 1 2; do
	lab_exec r2 iptables -A OUTPUT -p icmp --icmp-type time-exceeded \
	    -m u32 --u32 "44=0xcb007129" \
	    -m statistic --mode nth --every 1000000 --packet 0 -j DROP
done
# Against the tight router three times in a row; the first alone, so
# nothing else spends r2's tokens meanwhile.
icmp_run_tool dpit_1 client http://dpit.example/
# Client2 and IPv6: in parallel with the rest (other destinations for
# the routers' rationing: their own tokens).
(
	icmp_run_tool gw client2 http://gw.example/
	icmp_run_tool gw6 client2 http://gw6.example/
) &
gwpid=$!
icmp_run_tool dpi6 client http://dpi6.example/ &
v6pid=$!
for i in 2 3; do
	icmp_run_tool "dpit_$i" client http://dpit.example/
done
# The same sweep three times in a row against a router with Linux's
# default limits.
for i in 1 2 3; do
	icmp_run_tool "dpi1_$i" client http://dpi1.example/
done
wait "$gwpid" "$v6pid"
# The silent router, alone: client's other sweeps spent r1's tokens
# (Linux's default: a burst of 6, one more a second), and its trace
# needs one identified hop before hop 3. Six seconds refill r1's burst.
sleep 6
icmp_run_tool silent client http://silent.example/

for i in 1 2 3; do
	verdict "dpi1_$i" reset middlebox_injection path 1
	hops "dpi1_$i" --near-ttl 1 --near 198.18.2.1 --or-unidentified \
	    --hop 1=198.18.2.1,null --hop 2=198.18.2.6,null --hop 3=null
	echo "dpi1_$i: path $(path_ms "dpi1_$i")"
done
# The trace lost hop 2; the locator asked it again and it answered.
hops dpit_1 --near-ttl 2 --near 198.18.2.6 --hop 2=null
for i in 1 2 3; do
	verdict "dpit_$i" reset middlebox_injection path 1
	hops "dpit_$i" --near-ttl 2 --near 198.18.2.6 --or-unidentified \
	    --hop 1=198.18.2.1,null --hop 2=198.18.2.6,null --hop 3=null
	echo "dpit_$i: path $(path_ms "dpit_$i")"
done
verdict silent reset middlebox_injection path 1
hops silent --near-ttl 3 --unidentified --between any 198.18.2.14 \
    --hop 3=null --hop 4=198.18.2.14
verdict gw reset middlebox_injection path 1
hops gw --near-ttl 1 --inferred 198.18.2.25 --hop 1=null \
    --hop 2=198.18.2.30,null
verdict gw6 reset middlebox_injection path 1
hops gw6 --near-ttl 1 --inferred 2001:db8:2:7::1 --hop 1=null \
    --hop 2=2001:db8:2:8::2,null
verdict dpi6 reset middlebox_injection path 1
hops dpi6 --near-ttl 1 --near 2001:db8:2:1::1 --or-unidentified \
    --hop 1=2001:db8:2:1::1,null --hop 2=2001:db8:2:2::2,null \
    --hop 3=null --hop 4=2001:db8:2:4::2,null --hop 5=2001:db8:203::40

echo "$pass passed, $fail failed ($(( $(date +%s) - start ))s)"
if [ $fail -ne 0 ]; then
	echo "LAB_KEEP=1 keeps the reports in $LAB_DIR/reports"
	exit 1
fi
exit 0
