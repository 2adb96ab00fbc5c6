#!/bin/bash
# Lab scenarios for the person's own machine: a proxy that resets, a
# stale first resolver, a firewall rule on the client itself. Builds its
# own lab instance from the lab's topology plus the lines below, checks
# the wire, runs connreset as uid 65534 and checks the verdicts.
#
#   proxy_reset  https_proxy=http://user:s3cretPW@198.18.0.22:3128 in the
#                tool's environment; the proxy (tests/lab: a tiny python3
#                forward proxy on node "proxy") resets every request and
#                CONNECT; ok.example works directly.
#                -> reset / proxy_failure / client, and the password
#                appears nowhere in stdout, stderr or the report; the
#                neutral-name requests (direct) are not read as "the
#                failure depends on the name sent".
#   proxy_auth   https_proxy=http://198.18.0.22:3129 (no credentials): the
#                same proxy on another port answers every request and
#                CONNECT with "407", Proxy-Authenticate: Basic realm="lab".
#                -> http_error / proxy_failure / client, the verdict says
#                the proxy asks for a login and names the scheme (Basic).
#   dns_stale    the client's resolv.conf lists 192.0.2.53 first (stale
#                record: stale.example -> 203.0.113.11, the resetting
#                server) and 192.0.2.54 second (right record: 203.0.113.10).
#                -> reset / dns_mismatch / local_network (the stale resolver is
#                not on this device; an /etc/hosts entry would be "client")
#   own_post     the person's own API call replayed: -X POST -H
#                'Authorization: Bearer ...' -d @request.json against
#                http://ok.example/api/own (run alone, after the others).
#                -> the origin's log shows POST with the file's 35 bytes
#                (line breaks dropped, as curl -d does) for the real
#                request and for the neutral-Host comparison, the
#                evidence says POST and 35 bytes, the token is nowhere.
#   local_fw     an iptables OUTPUT rule in the client namespace (added as
#                root) rejects "Host: fw.example" with a TCP reset; the
#                tool runs as uid 65534 and cannot read the firewall.
#                -> reset / local_firewall / client
#
# Environment: as run-lab.sh (CONNRESET_BIN, LAB_KEEP=1); CLIENT_LAB_LIB
# points at the lab's lib.sh when this script is not next to it.
LIB=${CLIENT_LAB_LIB:-$(dirname "$0")/lib.sh}
. "$LIB"

lab_require

top_builddir=${top_builddir:-$(cd "$LAB_SRC/../.." && pwd)}
top_srcdir=${top_srcdir:-$(cd "$LAB_SRC/../.." && pwd)}
CONNRESET_BIN=${CONNRESET_BIN:-$top_builddir/src/connreset}
LAB_SCHEMA=${LAB_SCHEMA:-${CONNRESET_DATADIR:-$top_srcdir/data}/report.schema.json}
PROXY_SECRET=s3cretPW
PROXY_URL="http://user:$PROXY_SECRET@198.18.0.22:3128"

if [ ! -x "$CONNRESET_BIN" ]; then
	echo "FAIL: no connreset binary at $CONNRESET_BIN"
	exit 1
fi

# The lab's topology with a proxy node, a second resolver and the
# client's firewall rule; the client asks the stale resolver first.
client_topology() {
	local base=$1 out=$2
	sed -e 's/^resolvconf client .*/resolvconf client 192.0.2.53 192.0.2.54/' \
	    "$base" >"$out"
	# The second resolver knows every lab name as well (so the other
	# names agree), except that it has the right stale.example.
	awk '$1 == "dns" && $2 == "resolver" && $3 != "stale.example" {
		$2 = "resolver2"; print }' "$base" >"$out.dns2"
	cat >>"$out" <<-'TOPO'

	# ---- client-scenarios.sh ----
	node proxy
	link r1 proxy     198.18.0.20/30
	node resolver2
	link r1 resolver2 198.18.0.24/30
	addr resolver2 192.0.2.54/32
	resolver resolver2 192.0.2.54
	dns resolver  stale.example 203.0.113.11
	dns resolver2 stale.example 203.0.113.10
	dns resolver  fw.example    203.0.113.10
	dns resolver2 fw.example    203.0.113.10
	rule client iptables -A OUTPUT -p tcp -m string --string "Host: fw.example" --algo bm -j REJECT --reject-with tcp-reset
	TOPO
	cat "$out.dns2" >>"$out"
	rm -f "$out.dns2"
}

# A forward proxy that answers every request and CONNECT with a reset
# (port 3128) or with a 407 asking for Basic credentials (port 3129).
proxy_start() {
	cat >"$LAB_DIR/reset-proxy.py" <<-'PY'
	import socket, struct, sys, threading
	def handle(c):
	    c.settimeout(3)
	    data = b""
	    try:
	        while b"\r\n\r\n" not in data and len(data) < 65536:
	            chunk = c.recv(4096)
	            if not chunk:
	                break
	            data += chunk
	    except OSError:
	        pass
	    line = data.split(b"\r\n", 1)[0][:200]
	    if sys.argv[4] == "auth":
	        sys.stdout.write("407 after %r\n" % line)
	        sys.stdout.flush()
	        c.sendall(b"HTTP/1.1 407 Proxy Authentication Required\r\n"
	                  b"Proxy-Authenticate: Basic realm=\"lab\"\r\n"
	                  b"Content-Length: 0\r\nConnection: close\r\n\r\n")
	        c.close()
	        return
	    sys.stdout.write("reset after %r\n" % line)
	    sys.stdout.flush()
	    c.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
	                 struct.pack("ii", 1, 0))
	    c.close()
	s = socket.socket()
	s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
	s.bind((sys.argv[1], int(sys.argv[2])))
	s.listen(16)
	open(sys.argv[3], "w").write("ready\n")
	while True:
	    c, _ = s.accept()
	    threading.Thread(target=handle, args=(c,), daemon=True).start()
	PY
	lab_exec proxy "$LAB_PY" "$LAB_DIR/reset-proxy.py" 198.18.0.22 3128 \
	    "$LAB_DIR/ready-proxy" reset >"$LAB_DIR/proxy.log" 2>&1 &
	echo $! >>"$LAB_DIR/pids"
	lab_exec proxy "$LAB_PY" "$LAB_DIR/reset-proxy.py" 198.18.0.22 3129 \
	    "$LAB_DIR/ready-proxy-auth" auth >"$LAB_DIR/proxy-auth.log" 2>&1 &
	echo $! >>"$LAB_DIR/pids"
	lab_wait_ready "$LAB_DIR/ready-proxy" &&
	    lab_wait_ready "$LAB_DIR/ready-proxy-auth"
}

# run_tool with extra variables in the tool's environment:
# client_run_tool SCENARIO URL [VAR=value...]
client_run_tool() {
	local scn=$1 url=$2 rc
	shift 2
	local out=$LAB_DIR/reports/$scn
	timeout -k 5 "${LAB_TOOL_LIMIT:-60}" \
	    ip netns exec "$(lab_ns client)" \
	    setpriv --reuid=$LAB_UID --regid=$LAB_UID --clear-groups -- \
	    env -i PATH=/usr/bin:/bin:/usr/sbin:/sbin \
	    HOME="$LAB_DIR/reports" LC_ALL=C.UTF-8 "$@" \
	    ${CONNRESET_DATADIR:+CONNRESET_DATADIR="$CONNRESET_DATADIR"} \
	    "$CONNRESET_BIN" --batch --report "$out.json" --format json \
	    --cacert "$LAB_DIR/ca.pem" --timeout 3 "$url" \
	    >"$out.out" 2>"$out.err"
	rc=$?
	echo "$rc" >"$out.rc"
}

# The person's own request reaches the origin as sent: the method, the
# body's length and the same for the neutral-name comparison.
own_post_check() {
	local scn=own_post out=$LAB_DIR/reports/own_post fails=0 n
	local log=$LAB_DIR/servers-origin.log body=$LAB_DIR/reports/request.json
	local token=ownT0kenSecret5
	printf '{"model": "lab",\n "prompt": "hello"}\n' >"$body"
	chown "$LAB_UID:$LAB_UID" "$body"
	timeout -k 5 "${LAB_TOOL_LIMIT:-60}" \
	    ip netns exec "$(lab_ns client)" \
	    setpriv --reuid=$LAB_UID --regid=$LAB_UID --clear-groups -- \
	    env -i PATH=/usr/bin:/bin:/usr/sbin:/sbin \
	    HOME="$LAB_DIR/reports" LC_ALL=C.UTF-8 \
	    ${CONNRESET_DATADIR:+CONNRESET_DATADIR="$CONNRESET_DATADIR"} \
	    "$CONNRESET_BIN" --batch --report "$out.json" --format json \
	    --timeout 3 --attempts 2 -X POST \
	    -H "Authorization: Bearer $token" \
	    -H 'Content-Type: application/json' -d "@$body" \
	    http://ok.example/api/own >"$out.out" 2>"$out.err"
	echo "$?" >"$out.rc"
	n=$(grep -c "request b'POST /api/own HTTP/1.1' host ok.example body 35$" "$log")
	if [ "$n" -ge 2 ]; then
		echo "PASS $scn: the origin got POST with the 35-byte body ($n times)"
	else
		echo "FAIL $scn: the origin got POST with 35 bytes $n times, want 2 or more"
		grep "/api/own" "$log" | tail -n 5
		fails=$((fails + 1))
	fi
	if grep -q "request b'POST /api/own HTTP/1.1' host neutral.connreset.invalid body 35$" "$log"; then
		echo "PASS $scn: the neutral-Host comparison sent the same request"
	else
		echo "FAIL $scn: no POST with the body under the neutral Host"
		fails=$((fails + 1))
	fi
	if grep -q '"method":[[:space:]]*"POST"' "$out.json" &&
	    grep -q '"body_bytes":[[:space:]]*35' "$out.json" &&
	    grep -q '"headers_sent":[[:space:]]*"Authorization, Content-Type"' \
	    "$out.json"; then
		echo "PASS $scn: the evidence says POST, the header names and 35 bytes"
	else
		echo "FAIL $scn: the evidence lacks what was sent"
		fails=$((fails + 1))
	fi
	if grep -q "$token" "$out.out" "$out.err" "$out.json"; then
		echo "FAIL $scn: the token appears in the output"
		fails=$((fails + 1))
	else
		echo "PASS $scn: the token appears nowhere"
	fi
	return $fails
}

# The behaviours on the wire, checked with curl and dig, not connreset.
client_selfcheck() {
	local c="curl -sS -o /dev/null --max-time 5 --cacert $LAB_DIR/ca.pem"
	local fails=0
	wire_check proxy_resets 56 $c --proxy "$PROXY_URL" \
	    https://ok.example/ || fails=$((fails + 1))
	wire_check proxy_asks_login 0 sh -c "$c -w '%{http_connect}' \
	    --proxy http://198.18.0.22:3129 https://ok.example/ |
	    grep -qx 407" || fails=$((fails + 1))
	wire_check proxy_bypassed 0 $c --noproxy '*' https://ok.example/ ||
	    fails=$((fails + 1))
	wire_check dns_stale_first 0 sh -c \
	    'test "$(dig +short @192.0.2.53 stale.example A)" = 203.0.113.11' ||
	    fails=$((fails + 1))
	wire_check dns_right_second 0 sh -c \
	    'test "$(dig +short @192.0.2.54 stale.example A)" = 203.0.113.10' ||
	    fails=$((fails + 1))
	wire_check dns_stale_resets 56 $c http://stale.example/ ||
	    fails=$((fails + 1))
	wire_check local_fw_resets 56 setpriv --reuid=$LAB_UID \
	    --regid=$LAB_UID --clear-groups -- $c http://fw.example/ ||
	    fails=$((fails + 1))
	wire_check local_fw_other_host 0 $c -H 'Host: other.example' \
	    http://fw.example/ || fails=$((fails + 1))
	return $fails
}

# Fails when the proxy password shows up in anything the tool wrote.
no_secret_leak() {
	local scn=$1 f
	for f in "$LAB_DIR/reports/$scn".out "$LAB_DIR/reports/$scn".err \
	    "$LAB_DIR/reports/$scn".json; do
		if [ -f "$f" ] && grep -q "$PROXY_SECRET" "$f"; then
			echo "FAIL $scn: the proxy password appears in $f"
			return 1
		fi
	done
	echo "PASS $scn: the proxy password appears nowhere"
	return 0
}

# Fails when TEXT appears anywhere in the scenario's JSON report.
not_in_report() {
	local scn=$1 text=$2 f=$LAB_DIR/reports/$1.json
	if grep -qF "$text" "$f"; then
		echo "FAIL $scn: the report says \"$text\""
		return 1
	fi
	echo "PASS $scn: the report does not say \"$text\""
	return 0
}

lab_trap
LAB_DIR_TOPO=$(mktemp "${TMPDIR:-/tmp}/connreset-client-topo.XXXXXX")
client_topology "$LAB_TOPOLOGY" "$LAB_DIR_TOPO"
LAB_TOPOLOGY=$LAB_DIR_TOPO
if ! lab_up || ! proxy_start; then
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
if ! client_selfcheck; then
	echo "FAIL: the lab itself does not behave as designed (see above)"
	exit 1
fi

pids=()
client_run_tool proxy_reset https://ok.example/ https_proxy="$PROXY_URL" &
pids+=($!)
client_run_tool proxy_auth https://ok.example/ \
    https_proxy=http://198.18.0.22:3129 &
pids+=($!)
client_run_tool dns_stale http://stale.example/ &
pids+=($!)
client_run_tool local_fw http://fw.example/ &
pids+=($!)
# Only the tool runs: the proxy is a child of this shell as well.
wait "${pids[@]}"

fail=0
assert_scenario proxy_reset reset proxy_failure client 1 || fail=$((fail + 1))
no_secret_leak proxy_reset || fail=$((fail + 1))
not_in_report proxy_reset "depends on the name sent" || fail=$((fail + 1))
assert_scenario proxy_auth http_error proxy_failure client 1 \
    --says "asks for a login" --says "Basic" || fail=$((fail + 1))
assert_scenario dns_stale reset dns_mismatch local_network 1 || fail=$((fail + 1))
assert_scenario local_fw reset local_firewall client 1 || fail=$((fail + 1))
# Alone: its sweep does not share the routers' ICMP ration with others.
own_post_check || fail=$((fail + $?))
assert_scenario own_post ok none none 0 || fail=$((fail + 1))
if [ $fail -ne 0 ]; then
	echo "$fail client scenario check(s) failed; LAB_KEEP=1 keeps" \
	    "$LAB_DIR/reports"
	exit 1
fi
echo "client scenarios: all passed"
exit 0
