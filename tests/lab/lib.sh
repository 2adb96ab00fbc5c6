# tests/lab/lib.sh: build and tear down the network lab; run connreset in
# it as an unprivileged user; check what it reports. Sourced by
# run-lab.sh and lab-shell.sh; needs bash.
#
# After lab_up: LAB_DIR (certificates, logs, reports), LAB_PREFIX (the
# namespace prefix), and lab_ns NODE gives a namespace name.

LAB_SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=../skip.sh
. "$LAB_SRC/../skip.sh"
LAB_TOPOLOGY=${LAB_TOPOLOGY:-$LAB_SRC/topology}
LAB_PREFIX=${LAB_PREFIX:-crl$$}
LAB_DIR=
LAB_UID=65534
LAB_PY=/usr/bin/python3
LAB_TEARDOWN_DONE=

lab_log() {
	printf 'lab: %s\n' "$*" >&2
}

# Prints why the lab cannot run here (one line) and returns 1, or 0.
lab_missing() {
	local tool
	if [ "$(id -u)" != 0 ]; then
		echo "not root"
		return 1
	fi
	if ! command -v ip >/dev/null 2>&1; then
		echo "no ip command (iproute2)"
		return 1
	fi
	for tool in "$LAB_PY" dnsmasq openssl setpriv iptables curl dig \
	    traceroute timeout; do
		if ! command -v "$tool" >/dev/null 2>&1; then
			echo "$tool is not installed"
			return 1
		fi
	done
	if ! ip netns add "$LAB_PREFIX-probe" 2>/dev/null; then
		echo "cannot create a network namespace"
		return 1
	fi
	ip netns del "$LAB_PREFIX-probe"
	return 0
}

# Exits 77 with a visible reason when the lab cannot run here.
lab_require() {
	local why
	if ! why=$(lab_missing); then
		test_skip "network lab needs root and network namespaces ($why)"
	fi
}

lab_ns() {
	printf '%s-%s\n' "$LAB_PREFIX" "$1"
}

# Runs a command inside node $1's namespace.
lab_exec() {
	local node=$1
	shift
	ip netns exec "$(lab_ns "$node")" "$@"
}

# Creates the lab CA, a leaf for every lab name, an expired leaf from
# the lab CA and a leaf from a second CA the client is never given.
lab_certs() {
	local d=$LAB_DIR san name
	san=
	for name in $("$LAB_PY" "$LAB_SRC/topo.py" names "$LAB_TOPOLOGY"); do
		san="${san:+$san,}DNS:$name"
	done
	cat >"$d/leaf.ext" <<-EOF
	basicConstraints = critical, CA:FALSE
	keyUsage = critical, digitalSignature, keyEncipherment
	extendedKeyUsage = serverAuth
	subjectAltName = $san
	EOF
	mkdir -p "$d/ca-db"
	: >"$d/ca-db/index.txt"
	echo 1000 >"$d/ca-db/serial"
	cat >"$d/ca.cnf" <<-EOF
	[ca]
	default_ca = lab
	[lab]
	dir = $d/ca-db
	database = \$dir/index.txt
	new_certs_dir = \$dir
	serial = \$dir/serial
	certificate = $d/ca.pem
	private_key = $d/ca.key
	default_md = sha256
	policy = anything
	unique_subject = no
	x509_extensions = leaf
	[anything]
	commonName = supplied
	[leaf]
	basicConstraints = critical, CA:FALSE
	keyUsage = critical, digitalSignature, keyEncipherment
	extendedKeyUsage = serverAuth
	subjectAltName = $san
	EOF
	(
		set -e
		cd "$d"
		openssl req -x509 -newkey rsa:2048 -nodes -sha256 -days 7 \
		    -keyout ca.key -out ca.pem -subj "/CN=connreset lab CA" \
		    -addext "basicConstraints=critical,CA:TRUE" \
		    -addext "keyUsage=critical,keyCertSign,cRLSign"
		openssl req -x509 -newkey rsa:2048 -nodes -sha256 -days 7 \
		    -keyout other-ca.key -out other-ca.pem \
		    -subj "/CN=connreset lab unknown CA" \
		    -addext "basicConstraints=critical,CA:TRUE" \
		    -addext "keyUsage=critical,keyCertSign,cRLSign"
		openssl req -new -newkey rsa:2048 -nodes -sha256 \
		    -keyout leaf.key -out leaf.csr -subj "/CN=ok.example"
		openssl x509 -req -sha256 -days 7 -in leaf.csr -CA ca.pem \
		    -CAkey ca.key -set_serial 2 -extfile leaf.ext -out leaf.pem
		cp leaf.key expired.key
		cp leaf.key unknownca.key
		openssl ca -batch -notext -config ca.cnf -in leaf.csr \
		    -startdate 20200101000000Z -enddate 20200301000000Z \
		    -out expired.pem
		openssl x509 -req -sha256 -days 7 -in leaf.csr \
		    -CA other-ca.pem -CAkey other-ca.key -set_serial 3 \
		    -extfile leaf.ext -out unknownca.pem
		chmod 0644 ca.pem other-ca.pem leaf.pem expired.pem \
		    unknownca.pem
		chmod 0600 ./*.key
	) >"$d/openssl.log" 2>&1
}

# Builds the whole lab: namespaces, links, routes, filters, resolver and
# servers. Returns non-zero (after logging why) when anything fails.
# lab_wait_ready FILE [TENTHS]: until a server wrote its ready file
# (at most TENTHS tenths of a second, 5 s by default).
lab_wait_ready() {
	local i=0
	while [ ! -s "$1" ]; do
		i=$((i + 1))
		[ "$i" -gt "${2:-50}" ] && return 1
		sleep 0.1
	done
}

lab_up() {
	local node i
	LAB_DIR=$(mktemp -d "${TMPDIR:-/tmp}/connreset-lab.XXXXXX") || return 1
	chmod 0755 "$LAB_DIR"
	mkdir -m 0700 "$LAB_DIR/reports"
	chown "$LAB_UID:$LAB_UID" "$LAB_DIR/reports"
	: >"$LAB_DIR/pids"
	if ! lab_certs; then
		lab_log "creating certificates failed:"
		cat "$LAB_DIR/openssl.log" >&2
		return 1
	fi
	if ! "$LAB_PY" "$LAB_SRC/topo.py" up "$LAB_TOPOLOGY" "$LAB_PREFIX" \
	    "$LAB_DIR" >"$LAB_DIR/up.sh"; then
		lab_log "the topology file has errors"
		return 1
	fi
	if ! bash -x "$LAB_DIR/up.sh" >"$LAB_DIR/up.log" 2>&1; then
		lab_log "building the lab failed; the end of $LAB_DIR/up.log:"
		tail -n 5 "$LAB_DIR/up.log" >&2
		return 1
	fi
	for node in $("$LAB_PY" "$LAB_SRC/topo.py" servers "$LAB_TOPOLOGY"); do
		if ! lab_wait_ready "$LAB_DIR/ready-$node" 100; then
			lab_log "servers on $node did not start:"
			tail -n 5 "$LAB_DIR/servers-$node.log" >&2
			return 1
		fi
	done
	i=0
	until lab_exec client dig +short +time=1 +tries=1 ok.example A \
	    2>/dev/null | grep -q .; do
		i=$((i + 1))
		if [ $i -gt 20 ]; then
			lab_log "the lab resolver does not answer:"
			tail -n 5 "$LAB_DIR"/dnsmasq-*.log >&2
			return 1
		fi
		sleep 0.2
	done
	return 0
}

# Kills what the lab started and removes every namespace of this run.
# Safe to call more than once and on a half-built lab.
lab_down() {
	local ns pid
	[ -n "$LAB_TEARDOWN_DONE" ] && return 0
	LAB_TEARDOWN_DONE=1
	if [ -n "$LAB_DIR" ] && [ -f "$LAB_DIR/pids" ]; then
		while read -r pid; do
			[ -n "$pid" ] && kill "$pid" 2>/dev/null
		done <"$LAB_DIR/pids"
	fi
	for ns in $(ip netns list 2>/dev/null | awk '{print $1}'); do
		case $ns in
		"$LAB_PREFIX"-*)
			for pid in $(ip netns pids "$ns" 2>/dev/null); do
				kill -9 "$pid" 2>/dev/null
			done
			ip netns del "$ns" 2>/dev/null
			rm -rf "/etc/netns/$ns"
			;;
		esac
	done
	if [ -n "$LAB_DIR" ] && [ -d "$LAB_DIR" ]; then
		if [ -n "${LAB_KEEP:-}" ]; then
			lab_log "kept $LAB_DIR"
		else
			rm -rf "$LAB_DIR"
		fi
	fi
}

# Installs the teardown on exit and on the usual signals.
lab_trap() {
	trap 'lab_down' EXIT
	trap 'lab_down; exit 130' INT
	trap 'lab_down; exit 143' TERM
	trap 'lab_down; exit 129' HUP
}

# Makes CONNRESET_BIN and CONNRESET_DATADIR usable by uid $LAB_UID: when
# the build tree is closed to that user (a build under /root, say), they
# are copied into the lab directory.
lab_tool_access() {
	local as="setpriv --reuid=$LAB_UID --regid=$LAB_UID --clear-groups --"
	if ! $as test -x "$CONNRESET_BIN"; then
		lab_log "uid $LAB_UID cannot run $CONNRESET_BIN; using a copy"
		mkdir "$LAB_DIR/bin"
		cp "$CONNRESET_BIN" "$LAB_DIR/bin/connreset" || return 1
		chmod 0755 "$LAB_DIR/bin" "$LAB_DIR/bin/connreset"
		CONNRESET_BIN=$LAB_DIR/bin/connreset
	fi
	if [ -n "${CONNRESET_DATADIR:-}" ] &&
	    ! $as test -r "$CONNRESET_DATADIR/checklist.json"; then
		lab_log "uid $LAB_UID cannot read $CONNRESET_DATADIR; using a copy"
		cp -r "$CONNRESET_DATADIR" "$LAB_DIR/data" || return 1
		chmod -R a+rX "$LAB_DIR/data"
		CONNRESET_DATADIR=$LAB_DIR/data
	fi
	return 0
}

# Runs connreset as uid 65534 in the client namespace with a clean
# environment: run_tool SCENARIO URL [EXTRA ARGS...]. The report goes to
# $LAB_DIR/reports/SCENARIO.json; stdout/stderr to SCENARIO.out/.err;
# the exit code to SCENARIO.rc. With LAB_ALL_FORMATS=1 the same sweep
# also writes SCENARIO.text, .markdown and .html.
run_tool() {
	local scn=$1 url=$2 rc f
	shift 2
	local out=$LAB_DIR/reports/$scn
	local reports=(--report "$out.json" --format json)
	if [ -n "${LAB_ALL_FORMATS:-}" ]; then
		reports=(--report "$out.json")
		for f in text markdown html; do
			reports+=(--report "$out.$f")
		done
	fi
	timeout -k 5 "${LAB_TOOL_LIMIT:-60}" \
	    ip netns exec "$(lab_ns client)" \
	    setpriv --reuid=$LAB_UID --regid=$LAB_UID --clear-groups -- \
	    env -i PATH=/usr/bin:/bin HOME="$LAB_DIR/reports" LC_ALL=C.UTF-8 \
	    ${CONNRESET_DATADIR:+CONNRESET_DATADIR="$CONNRESET_DATADIR"} \
	    ${ASAN_OPTIONS:+ASAN_OPTIONS="$ASAN_OPTIONS"} \
	    ${UBSAN_OPTIONS:+UBSAN_OPTIONS="$UBSAN_OPTIONS"} \
	    "$CONNRESET_BIN" --batch "${reports[@]}" \
	    --cacert "$LAB_DIR/ca.pem" --timeout 3 "$@" "$url" \
	    >"$out.out" 2>"$out.err"
	rc=$?
	echo "$rc" >"$out.rc"
	return 0
}

# One sweep writes all four reports: run_formats SCENARIO URL [EXTRA
# ARGS...] gives $LAB_DIR/reports/SCENARIO.json, .text, .markdown and
# .html (and SCENARIO.out, .err, .rc), as run_tool does for the JSON.
run_formats() {
	local scn=$1 url=$2 rc f
	shift 2
	local out=$LAB_DIR/reports/$scn reports=()
	for f in json text markdown html; do
		reports+=(--report "$out.$f")
	done
	timeout -k 5 "${LAB_TOOL_LIMIT:-60}" \
	    ip netns exec "$(lab_ns client)" \
	    setpriv --reuid=$LAB_UID --regid=$LAB_UID --clear-groups -- \
	    env -i PATH=/usr/bin:/bin HOME="$LAB_DIR/reports" LC_ALL=C.UTF-8 \
	    ${CONNRESET_DATADIR:+CONNRESET_DATADIR="$CONNRESET_DATADIR"} \
	    ${ASAN_OPTIONS:+ASAN_OPTIONS="$ASAN_OPTIONS"} \
	    ${UBSAN_OPTIONS:+UBSAN_OPTIONS="$UBSAN_OPTIONS"} \
	    "$CONNRESET_BIN" --batch --quiet "${reports[@]}" \
	    --cacert "$LAB_DIR/ca.pem" --timeout 3 "$@" "$url" \
	    >"$out.out" 2>"$out.err"
	rc=$?
	echo "$rc" >"$out.rc"
}

# Checks one scenario's report and exit code; prints one PASS/FAIL line
# and returns 0 on PASS: assert_scenario NAME SYMPTOM CAUSE ORIGIN EXIT.
assert_scenario() {
	local scn=$1 out=$LAB_DIR/reports/$1
	shift
	"$LAB_PY" "$LAB_SRC/check_report.py" --name "$scn" \
	    --report "$out.json" --rc "$(cat "$out.rc" 2>/dev/null)" \
	    --stderr "$out.err" --schema "$LAB_SCHEMA" "$@"
}

# One wire check: wire_check NAME WANT_RC COMMAND... runs COMMAND in the
# client namespace (as root), compares its exit code, prints a line and
# counts failures in WIRE_FAILS.
wire_check() {
	local name=$1 want=$2 rc
	shift 2
	lab_exec client "$@" >"$LAB_DIR/wire-$name.out" 2>&1
	rc=$?
	if [ "$rc" = "$want" ]; then
		echo "wire ok   $name (exit $rc)"
		return 0
	fi
	echo "wire FAIL $name: expected exit $want got $rc:" \
	    "$(tail -n 1 "$LAB_DIR/wire-$name.out")"
	WIRE_FAILS=$((WIRE_FAILS + 1))
	return 1
}

# Checks that every behaviour is really on the wire, with curl, dig,
# openssl and traceroute from the client namespace, independent of
# connreset. Prints a line per check; returns 1 when any failed.
# shellcheck disable=SC2016 # the inner sh expands these
lab_selfcheck() {
	local c=(curl -sS -o /dev/null --max-time 5 --cacert "$LAB_DIR/ca.pem")
	local s_client="timeout 5 openssl s_client -connect 203.0.113.15:443"
	local route='traceroute -n -q 1 -w 1 -m 6 203.0.113.10 |
	    awk "{print \$2}" | tr "\n" " " |
	    grep -q "198.18.0.1 198.18.0.6 198.18.0.10 203.0.113.10"'
	s_client="$s_client -servername legacy.example -tls1"
	s_client="$s_client -cipher DEFAULT@SECLEVEL=0"
	WIRE_FAILS=0
	wire_check dns 0 sh -c \
	    'test "$(dig +short ok.example A)" = 203.0.113.10'
	wire_check dns_nx 0 sh -c \
	    'dig nothing.example A | grep -q "status: NXDOMAIN"'
	wire_check dns_v6 0 sh -c \
	    'test "$(dig +short ok6.example AAAA)" = 2001:db8:203::10'
	wire_check traceroute 0 sh -c "$route"
	wire_check ok 0 "${c[@]}" https://ok.example/
	wire_check ok_http 0 "${c[@]}" http://ok.example/
	wire_check ok_v6 0 "${c[@]}" https://ok6.example/
	wire_check abort 56 "${c[@]}" http://abort.example/
	wire_check midabort 56 "${c[@]}" http://midabort.example/
	wire_check closed 7 "${c[@]}" http://ok.example:8081/
	wire_check closed_v6 7 "${c[@]}" http://ok6.example:8081/
	wire_check blackhole 28 "${c[@]}" --connect-timeout 1 \
	    http://blackhole.example/
	wire_check plaintext_to_tls 56 "${c[@]}" http://tls.example:443/
	wire_check tls_on_tls_port 0 "${c[@]}" https://tls.example/
	wire_check legacy_tls 35 "${c[@]}" https://legacy.example/
	wire_check legacy_tls1_works 0 sh -c \
	    "$s_client </dev/null 2>&1 | grep -q 'Protocol  *: TLSv1\$'"
	wire_check expired 60 "${c[@]}" https://expired.example/
	wire_check expired_is_expired 0 sh -c \
	    "${c[*]} https://expired.example/ 2>&1 | grep -q expired"
	wire_check unknownca 60 "${c[@]}" https://unknownca.example/
	wire_check dpi_host 56 "${c[@]}" http://blocked.example/
	wire_check dpi_host_other 0 "${c[@]}" -H 'Host: other.example' \
	    http://blocked.example/
	wire_check dpi_sni 35 "${c[@]}" https://blocked-sni.example/
	wire_check dpi_sni_other 0 "${c[@]}" \
	    --connect-to ok.example:443:blocked-sni.example:443 \
	    https://ok.example/
	wire_check dpi_path 56 "${c[@]}" http://pathkey.example/private/page
	wire_check dpi_path_root 0 "${c[@]}" http://pathkey.example/
	[ "$WIRE_FAILS" -eq 0 ]
}
