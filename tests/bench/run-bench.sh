#!/bin/bash
# make bench: connreset against the same checks done by hand, timed in
# the network lab (tests/lab). Builds its own lab instance from the
# lab's topology (plus names with 1, 4 and 16 addresses), makes r3 silent
# and r1-r3 ration their ICMP as Linux does, then for each scenario below
# runs, BENCH_RUNS times:
#   - connreset --batch as uid 65534 in the client namespace (--timeout 3,
#     --cacert <lab CA>) under GNU time for its peak memory and CPU time,
#     and reads the per-check durations from its JSON report;
#   - the manual commands a person would type one after another (dig A
#     and AAAA from the system's resolver and from the nameserver, a TCP
#     connect, curl, curl with a neutral Host header, openssl s_client
#     for TLS 1.0 to 1.3 on https, traceroute -T), as root because a TCP
#     traceroute needs raw sockets.
# Then times --version and the wizard's first complete screen (tmux).
# Prints the tables and the targets (tests/bench/README) and writes them
# as Markdown to BENCH_RESULTS.
#
# Environment: CONNRESET_BIN, CONNRESET_DATADIR, top_srcdir, top_builddir
# (as make check passes them), BENCH_RUNS (default 5), BENCH_SCENARIOS
# (a subset of the table's names), BENCH_RESULTS
# (default $top_builddir/tests/bench/results.md), BENCH_LAB_LIB (the
# lab's lib.sh when this script is not in the source tree).

# ---- helpers run inside the client namespace (this script again) ----

# Microseconds since the epoch, from bash's own clock.
now_us() {
	local t=$EPOCHREALTIME
	echo "${t/./}"
}

# --tool OUTBASE CA URL: times one connreset run as uid 65534; prints
# "wall_us rc". GNU time writes the peak RSS (KiB) and the user and
# system CPU seconds to OUTBASE.rss ("KIB USER SYS").
inner_tool() {
	local out=$1 ca=$2 url=$3 s e rc
	s=$(now_us)
	timeout -k 5 30 \
	    setpriv --reuid=65534 --regid=65534 --clear-groups -- \
	    env -i PATH=/usr/bin:/bin HOME="$(dirname "$out")" \
	    LC_ALL=C.UTF-8 \
	    ${CONNRESET_DATADIR:+CONNRESET_DATADIR="$CONNRESET_DATADIR"} \
	    /usr/bin/time -f '%M %U %S' -o "$out.rss" \
	    "$CONNRESET_BIN" --batch --quiet --force --report "$out.json" \
	    --format json --cacert "$ca" --timeout 3 "$url" \
	    >"$out.out" 2>"$out.err"
	rc=$?
	e=$(now_us)
	echo "$((e - s)) $rc"
}

# One manual step: step NAME COMMAND...; appends "NAME rc us" to STEPS
# and the command's output to LOG.
step() {
	local name=$1 s e rc
	shift
	s=$(now_us)
	"$@" >>"$LOG" 2>&1 </dev/null
	rc=$?
	e=$(now_us)
	echo "$name $rc $((e - s))" >>"$STEPS"
}

# --manual OUTBASE CA URL: the checks by hand, one after another, as
# root; prints "wall_us"; OUTBASE.steps gets one line per command.
inner_manual() {
	local out=$1 ca=$2 url=$3 s e rest scheme host port addr
	scheme=${url%%://*}
	rest=${url#*://}
	rest=${rest%%/*}
	host=${rest%%:*}
	port=${rest##*:}
	if [ "$port" = "$rest" ]; then
		port=80
		[ "$scheme" = https ] && port=443
	fi
	LOG=$out.log
	STEPS=$out.steps
	: >"$LOG"
	: >"$STEPS"
	local c=(curl -sS -o /dev/null --max-time 3 --cacert "$ca"
	    -w '%{http_code} %{time_total}\n')
	local dig=(dig +time=3 +tries=1 "$host")
	local tls=(timeout 5 openssl s_client -servername "$host" -CAfile "$ca")
	s=$(now_us)
	# The system's resolver (resolv.conf), then the nameserver asked
	# on its own, as connreset does.
	step dig_a "${dig[@]}" A
	step dig_aaaa "${dig[@]}" AAAA
	step dig_ns_a "${dig[@]}" @192.0.2.53 A
	step dig_ns_aaaa "${dig[@]}" @192.0.2.53 AAAA
	addr=$(awk '$4 == "A" { print $5; exit }' \
	    <(grep -v '^;' "$LOG"))
	# Does the port open at all? (connreset's TCP check.)
	[ -n "$addr" ] && step tcp timeout 3 bash -c \
	    ': <"/dev/tcp/$0/$1"' "$addr" "$port"
	step curl "${c[@]}" "$url"
	step curl_other_host "${c[@]}" -H 'Host: other.example' "$url"
	if [ "$scheme" = https ] && [ -n "$addr" ]; then
		step tls10 "${tls[@]}" -connect "$addr:$port" -tls1
		step tls11 "${tls[@]}" -connect "$addr:$port" -tls1_1
		step tls12 "${tls[@]}" -connect "$addr:$port" -tls1_2
		step tls13 "${tls[@]}" -connect "$addr:$port" -tls1_3
	fi
	if [ -n "$addr" ]; then
		step traceroute timeout 40 traceroute -n -T -p "$port" -w 1 \
		    -q 3 "$addr"
	fi
	e=$(now_us)
	echo "$((e - s))"
}

case ${1:-} in
--tool)
	shift
	inner_tool "$@"
	exit 0
	;;
--manual)
	shift
	inner_manual "$@"
	exit 0
	;;
esac

# ---- the bench itself (as root, outside the lab) ----

SELF=$(cd "$(dirname "$0")" && pwd)/$(basename "$0")
BENCH_SRC=$(dirname "$SELF")
LIB=${BENCH_LAB_LIB:-$BENCH_SRC/../lab/lib.sh}
if [ ! -r "$LIB" ]; then
	echo "FAIL: the lab library is missing ($LIB)"
	exit 1
fi
# shellcheck source=tests/lab/lib.sh
. "$LIB"

top_builddir=${top_builddir:-$(cd "$BENCH_SRC/../.." && pwd)}
top_srcdir=${top_srcdir:-$(cd "$BENCH_SRC/../.." && pwd)}
CONNRESET_BIN=${CONNRESET_BIN:-$top_builddir/src/connreset}
CONNRESET_DATADIR=${CONNRESET_DATADIR:-$top_srcdir/data}
BENCH_RUNS=${BENCH_RUNS:-5}
BENCH_RESULTS=${BENCH_RESULTS:-$top_builddir/tests/bench/results.md}
export CONNRESET_BIN CONNRESET_DATADIR

# The scenarios: name, URL, the verdict every run must give (symptom,
# cause). ok, dpi_host, blackhole, abort and expired are the lab's own
# (tests/lab/scenarios); flaky resets about half of the requests
# (servers.py "flaky"); addr1, addr4 and addr16 are healthy HTTPS names
# with 1, 4 and 16 addresses, only in the bench's topology.
BENCH_TABLE='ok       https://ok.example/        ok        none
dpi_host http://blocked.example/    reset     middlebox_injection
blackhole http://blackhole.example/ timeout   filtered
abort    http://abort.example/      reset     server_abort
expired  https://expired.example/   tls_error cert_invalid
flaky    http://flaky.example/      reset     server_abort
addr1    https://one.example/       ok        none
addr4    https://four.example/      ok        none
addr16   https://sixteen.example/   ok        none'
BENCH_SCENARIOS=${BENCH_SCENARIOS:-$(echo "$BENCH_TABLE" | awk '{ print $1 }')}

# The bench's topology: the lab's, plus the names with 1, 4 and 16
# addresses (each a healthy HTTPS origin).
bench_topology() {
	local i a four= sixteen=
	cat "$LAB_SRC/topology"
	echo "# make bench: names with 1, 4 and 16 addresses."
	for i in $(seq 200 215); do
		a=203.0.113.$i
		echo "addr origin $a/32"
		echo "serve origin https $a 443"
		[ "$i" -lt 204 ] && four="$four $a"
		sixteen="$sixteen $a"
	done
	echo "dns resolver one.example 203.0.113.200"
	echo "dns resolver four.example$four"
	echo "dns resolver sixteen.example$sixteen"
}

# A realistic path, once the wire checks (whose traceroute wants every
# hop) passed: r3 never says "time exceeded" (a silent router, as most
# real paths have one), and r1, r2 and r3 ration their ICMP as Linux does
# by default (a burst of 6 per destination, then one a second; the lab
# turns the limit off elsewhere).
bench_realistic_path() {
	local r
	lab_exec r3 iptables -A OUTPUT -p icmp --icmp-type time-exceeded \
	    -j DROP || return 1
	lab_exec r3 ip6tables -A OUTPUT -p icmpv6 --icmpv6-type \
	    time-exceeded -j DROP || return 1
	for r in r1 r2 r3; do
		lab_exec "$r" sysctl -q -w net.ipv4.icmp_ratelimit=1000 \
		    net.ipv4.icmp_msgs_per_sec=1000 \
		    net.ipv4.icmp_msgs_burst=50 \
		    net.ipv6.icmp.ratelimit=1000 >/dev/null || return 1
	done
}

# Everything the bench needs beyond the lab; prints what is missing.
bench_missing() {
	local miss=()
	if [ ! -x /usr/bin/time ] ||
	    ! /usr/bin/time -f '%M %U %S' -o /dev/null true 2>/dev/null; then
		miss+=("GNU time at /usr/bin/time (apt-get install time)")
	fi
	command -v awk >/dev/null 2>&1 || miss+=("awk")
	if [ ${#miss[@]} -ne 0 ]; then
		printf '%s\n' "${miss[@]}"
		return 1
	fi
	return 0
}

case $BENCH_RUNS in
'' | *[!0-9]* | 0)
	echo "FAIL: BENCH_RUNS must be a positive number (got '$BENCH_RUNS')"
	exit 2
	;;
esac
if [ "$BENCH_RUNS" -gt 15 ]; then
	echo "FAIL: BENCH_RUNS above 15 would run for more than ~10 minutes"
	exit 2
fi
if ! why=$(lab_missing); then
	echo "SKIP: make bench runs in the network lab, which needs root" \
	    "and network namespaces ($why)"
	exit 77
fi
if ! missing=$(bench_missing); then
	echo "FAIL: make bench needs:"
	printf '  %s\n' "$missing"
	exit 1
fi
if [ ! -x "$CONNRESET_BIN" ]; then
	echo "FAIL: no connreset binary at $CONNRESET_BIN"
	exit 1
fi

lab_trap
start=$(date +%s)
BENCH_TOPO=$(mktemp "${TMPDIR:-/tmp}/connreset-bench-topo.XXXXXX")
bench_topology >"$BENCH_TOPO"
LAB_TOPOLOGY=$BENCH_TOPO
if ! lab_up; then
	echo "FAIL: the lab could not be built"
	exit 1
fi
if ! lab_tool_access; then
	echo "FAIL: cannot make connreset available to uid $LAB_UID"
	exit 1
fi
echo "lab: namespaces $LAB_PREFIX-*, files in $LAB_DIR"
# A broken lab would make either side look fast or slow for nothing.
if ! lab_selfcheck >"$LAB_DIR/selfcheck.log"; then
	grep FAIL "$LAB_DIR/selfcheck.log"
	echo "FAIL: the lab itself does not behave as designed"
	exit 1
fi
rm -f "$BENCH_TOPO"
echo "lab: wire checks passed"
if ! bench_realistic_path; then
	echo "FAIL: could not make r3 silent and ration the routers' ICMP"
	exit 1
fi
echo "lab: r3 silent, r1-r3 ration their ICMP (Linux defaults)"

RAW=$LAB_DIR/bench.tsv
: >"$RAW"
W=$LAB_DIR/reports

# One connreset run: tool_run SCENARIO RUN URL; appends a line to RAW.
tool_run() {
	local scn=$1 run=$2 url=$3 res wall rc rss
	res=$(lab_exec client bash "$SELF" --tool "$W/$scn-$run" \
	    "$LAB_DIR/ca.pem" "$url")
	read -r wall rc <<<"$res"
	rss=$(tail -n 1 "$W/$scn-$run.rss" 2>/dev/null | tr ' ' ,)
	printf 'tool\t%s\t%s\t%s\t%s\t%s\t%s\n' "$scn" "$run" "$wall" \
	    "$rc" "${rss:--}" "$W/$scn-$run.json" >>"$RAW"
}

# One manual sequence: manual_run SCENARIO RUN URL; appends to RAW.
manual_run() {
	local scn=$1 run=$2 url=$3 wall
	wall=$(timeout -k 5 90 ip netns exec "$(lab_ns client)" \
	    bash "$SELF" --manual "$W/manual-$scn-$run" "$LAB_DIR/ca.pem" \
	    "$url")
	printf 'manual\t%s\t%s\t%s\t-\t-\t%s\n' "$scn" "$run" "${wall:--}" \
	    "$W/manual-$scn-$run.steps" >>"$RAW"
}

# Other labs (another make check, say) running at the same time make
# the figures noisy; the results say so.
OTHERS=0
note_others() {
	local n
	n=$(ip netns list 2>/dev/null | awk '{ print $1 }' |
	    grep -cv "^$LAB_PREFIX-")
	[ "$n" -gt "$OTHERS" ] && OTHERS=$n
}

# Warm the page cache and the resolver once, untimed.
lab_exec client bash "$SELF" --tool "$W/warmup" "$LAB_DIR/ca.pem" \
    https://ok.example/ >/dev/null
lab_exec client bash "$SELF" --manual "$W/manual-warmup" \
    "$LAB_DIR/ca.pem" https://ok.example/ >/dev/null

for scn in $BENCH_SCENARIOS; do
	read -r _ url symptom cause <<<"$(echo "$BENCH_TABLE" |
	    awk -v n="$scn" '$1 == n { print; exit }')"
	if [ -z "$url" ]; then
		echo "FAIL: scenario $scn is not in the bench's table"
		exit 1
	fi
	printf 'expect\t%s\t%s\t%s\t%s\n' "$scn" "$url" "$symptom" \
	    "$cause" >>"$RAW"
	printf 'bench: %-10s %s ' "$scn" "$url"
	for run in $(seq 1 "$BENCH_RUNS"); do
		note_others
		tool_run "$scn" "$run" "$url"
		# Routers ration their ICMP per destination: let a run's
		# traces not eat the next one's (one token a second).
		sleep 2
		manual_run "$scn" "$run" "$url"
		sleep 2
		printf '.'
	done
	printf '\n'
done

# connreset --version: the cost of starting at all (libraries, locale).
printf 'bench: --version '
for run in $(seq 1 $((BENCH_RUNS * 3))); do
	s=$(now_us)
	"$CONNRESET_BIN" --version >/dev/null 2>&1
	e=$(now_us)
	printf 'version\t-\t%s\t%s\t-\t-\t-\n' "$run" "$((e - s))" >>"$RAW"
done
printf 'done\n'

# The wizard's first complete screen, in tmux inside the client
# namespace: from starting the window to a screen that shows the first
# question, the address and the keys line.
bench_tui() {
	local sock=connreset-bench-$$ home=$LAB_DIR/tui s e run n
	mkdir -p "$home"
	tt() { lab_exec client tmux -L "$sock" "$@"; }
	tt -f /dev/null new-session -d -s idle -x 80 -y 24 "sleep 600" ||
	    return 1
	tt set-option -g exit-empty off
	printf 'bench: wizard '
	for run in $(seq 1 "$BENCH_RUNS"); do
		s=$(now_us)
		tt new-window -d -t idle -n w "env HOME=$home \
		    XDG_STATE_HOME=$home/state \
		    CONNRESET_DATADIR=${CONNRESET_DATADIR:-} \
		    $CONNRESET_BIN --cacert $LAB_DIR/ca.pem \
		    https://ok.example/; sleep 600"
		n=0
		while [ $n -lt 2000 ]; do
			if tt capture-pane -p -J -t idle:w 2>/dev/null |
			    awk '/What do you see in the browser/ { q = 1 }
				/Address of the site: +https:\/\/ok\.example/ { a = 1 }
				/Enter next .*F1 keys/ { k = 1 }
				END { exit !(q && a && k) }'; then
				break
			fi
			n=$((n + 1))
		done
		e=$(now_us)
		tt capture-pane -p -J -t idle:w >"$W/tui-$run.screen" 2>&1
		tt kill-window -t idle:w
		if [ $n -ge 2000 ]; then
			printf 'tui\t-\t%s\t-\t-\t-\t%s\n' "$run" \
			    "$W/tui-$run.screen" >>"$RAW"
		else
			printf 'tui\t-\t%s\t%s\t-\t-\t%s\n' "$run" \
			    "$((e - s))" "$W/tui-$run.screen" >>"$RAW"
		fi
		printf '.'
		sleep 1
	done
	tt kill-server
	printf '\n'
}
if command -v tmux >/dev/null 2>&1; then
	bench_tui
else
	echo "bench: no tmux, the wizard's first screen is not timed"
fi

{
	echo "date=$(date -u '+%Y-%m-%d %H:%M UTC')"
	echo "nproc=$(nproc)"
	echo "cpu=$(awk -F': *' '/^model name/ { print $2; exit }' \
	    /proc/cpuinfo)"
	echo "kernel=$(uname -r)"
	echo "version=$("$CONNRESET_BIN" --version 2>/dev/null | head -n 1)"
	echo "runs=$BENCH_RUNS"
	echo "seconds=$(( $(date +%s) - start ))"
	note_others
	echo "others=$OTHERS"
	echo "load=$(cut -d' ' -f1-3 /proc/loadavg)"
} >"$LAB_DIR/machine"

mkdir -p "$(dirname "$BENCH_RESULTS")"
"$LAB_PY" "$BENCH_SRC/summarize.py" "$RAW" "$LAB_DIR/machine" \
    "$BENCH_RESULTS"
