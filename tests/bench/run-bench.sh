#!/bin/bash
# make bench: connreset against the same checks done by hand, timed in
# the network lab (tests/lab). Builds its own lab instance from the
# lab's topology, then for each scenario below runs, BENCH_RUNS times:
#   - connreset --batch as uid 65534 in the client namespace (--timeout 3,
#     --cacert <lab CA>) under GNU time for its peak memory, and reads the
#     per-check durations from its JSON report;
#   - the manual commands a person would type one after another (dig A
#     and AAAA, curl, curl with a neutral Host header, openssl s_client
#     for TLS 1.2 and 1.3 on https, traceroute -T), as root because a TCP
#     traceroute needs raw sockets.
# Prints a table and writes it as Markdown to BENCH_RESULTS.
#
# Environment: CONNRESET_BIN, CONNRESET_DATADIR, top_srcdir, top_builddir
# (as make check passes them), BENCH_RUNS (default 5), BENCH_RESULTS
# (default $top_builddir/tests/bench/results.md), BENCH_LAB_LIB (the
# lab's lib.sh when this script is not in the source tree).

# ---- helpers run inside the client namespace (this script again) ----

# Microseconds since the epoch, from bash's own clock.
now_us() {
	local t=$EPOCHREALTIME
	echo "${t/./}"
}

# --tool OUTBASE CA URL: times one connreset run as uid 65534; prints
# "wall_us rc". GNU time writes the peak RSS (KiB) to OUTBASE.rss.
inner_tool() {
	local out=$1 ca=$2 url=$3 s e rc
	s=$(now_us)
	timeout -k 5 30 \
	    setpriv --reuid=65534 --regid=65534 --clear-groups -- \
	    env -i PATH=/usr/bin:/bin HOME="$(dirname "$out")" \
	    LC_ALL=C.UTF-8 \
	    ${CONNRESET_DATADIR:+CONNRESET_DATADIR="$CONNRESET_DATADIR"} \
	    /usr/bin/time -f '%M' -o "$out.rss" \
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
	local dig=(dig +time=3 +tries=1 @192.0.2.53 "$host")
	s=$(now_us)
	step dig_a "${dig[@]}" A
	step dig_aaaa "${dig[@]}" AAAA
	addr=$(awk '$4 == "A" { print $5; exit }' \
	    <(grep -v '^;' "$LOG"))
	step curl "${c[@]}" "$url"
	step curl_other_host "${c[@]}" -H 'Host: other.example' "$url"
	if [ "$scheme" = https ] && [ -n "$addr" ]; then
		step tls12 timeout 5 openssl s_client -connect "$addr:$port" \
		    -servername "$host" -CAfile "$ca" -tls1_2
		step tls13 timeout 5 openssl s_client -connect "$addr:$port" \
		    -servername "$host" -CAfile "$ca" -tls1_3
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

# The scenarios: names from tests/lab/scenarios (URL and expected
# verdict come from there).
BENCH_SCENARIOS="ok dpi_host abort blackhole expired"

# Everything the bench needs beyond the lab; prints what is missing.
bench_missing() {
	local miss=()
	if [ ! -x /usr/bin/time ] ||
	    ! /usr/bin/time -f '%M' -o /dev/null true 2>/dev/null; then
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
echo "lab: wire checks passed"

RAW=$LAB_DIR/bench.tsv
: >"$RAW"
W=$LAB_DIR/reports

# One connreset run: tool_run SCENARIO RUN URL; appends a line to RAW.
tool_run() {
	local scn=$1 run=$2 url=$3 res wall rc rss
	res=$(lab_exec client bash "$SELF" --tool "$W/$scn-$run" \
	    "$LAB_DIR/ca.pem" "$url")
	read -r wall rc <<<"$res"
	rss=$(tail -n 1 "$W/$scn-$run.rss" 2>/dev/null)
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
	read -r _ url symptom cause _ <<<"$(awk -v n="$scn" \
	    '$1 == n { print; exit }' "$LAB_SRC/scenarios")"
	if [ -z "$url" ]; then
		echo "FAIL: scenario $scn is not in $LAB_SRC/scenarios"
		exit 1
	fi
	printf 'expect\t%s\t%s\t%s\t%s\n' "$scn" "$url" "$symptom" \
	    "$cause" >>"$RAW"
	printf 'bench: %-10s %s ' "$scn" "$url"
	for run in $(seq 1 "$BENCH_RUNS"); do
		note_others
		tool_run "$scn" "$run" "$url"
		manual_run "$scn" "$run" "$url"
		printf '.'
	done
	printf '\n'
done

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
