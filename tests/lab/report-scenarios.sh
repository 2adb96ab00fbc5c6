#!/bin/bash
# The reports themselves, in the lab: every format for every audience,
# "compare" between two networks, and --redact. Builds its own lab
# instance from the lab's topology plus a second client, checks the
# wire, runs connreset as uid 65534 and checks what it wrote.
#
#   formats   from the client, behind the DPI router r2:
#             http://blocked.example/ (r2 resets on the Host header) and
#             http://abort.example/ (the origin resets every request),
#             each written as text, markdown, html and json for --for
#             isp, it and site-owner; check_formats.py checks each one
#             (verdict, the audience's section, what was tried, every
#             evidence section, the commands, the schema, 80 columns,
#             one self-contained HTML page, no phrase said twice in a
#             row, no path of this machine).
#   compare   client2 hangs off r3, after the DPI router, with the same
#             resolver: blocked.example works from there. compare of the
#             client's and client2's reports of blocked.example must say
#             "path_a", of abort.example "server"; two of the
#             client's own reports of blocked.example "same_vantage".
#   pictures  the HTML of dpi-it (the DPI router on the path) and of
#             abort-site-owner (the server resets) rendered by headless
#             Chromium on screen and on A4 (tests/render_html.py): one
#             self-contained page that fetches nothing, nothing cut off,
#             the verdict block, the path with the reset's station
#             marked, the attempts' time line; and the text report's
#             path line "you -- hop 1 -- hop 2 [RESET] -- ..." (within
#             80 columns, as every text line).
#   redact    blocked.example with --redact in all four formats: the
#             redacted list (JSON) and section (others) name every
#             category; no private address, user or host name appears.
#
# Environment: as run-lab.sh (CONNRESET_BIN, CONNRESET_DATADIR,
# LAB_KEEP=1); REPORT_LAB_LIB points at the lab's lib.sh when this
# script is not next to it.
LIB=${REPORT_LAB_LIB:-$(dirname "$0")/lib.sh}
. "$LIB"

lab_require

top_builddir=${top_builddir:-$(cd "$LAB_SRC/../.." && pwd)}
top_srcdir=${top_srcdir:-$(cd "$LAB_SRC/../.." && pwd)}
CONNRESET_BIN=${CONNRESET_BIN:-$top_builddir/src/connreset}
LAB_SCHEMA=${LAB_SCHEMA:-${CONNRESET_DATADIR:-$top_srcdir/data}/report.schema.json}
FORMATS="text markdown html json"
AUDIENCES="isp it site-owner"

command -v chromium >/dev/null ||
    test_skip "chromium is not installed (Debian package chromium)"

if [ ! -x "$CONNRESET_BIN" ]; then
	echo "FAIL: no connreset binary at $CONNRESET_BIN"
	exit 1
fi

# The lab's topology with a second client after the DPI router.
report_topology() {
	cat "$1" >"$2"
	cat >>"$2" <<-'TOPO'

	# ---- report-scenarios.sh ----
	node client2
	link r3 client2 198.18.0.28/30 2001:db8:0:6::/64
	sysctl client2 "net.ipv4.ping_group_range=0 2147483647"
	resolvconf client2 192.0.2.53
	TOPO
}

# wire_check on another node: node_check NODE NAME WANT_RC COMMAND...
node_check() {
	local node=$1 name=$2 want=$3 rc
	shift 3
	lab_exec "$node" "$@" >"$LAB_DIR/wire-$name.out" 2>&1
	rc=$?
	if [ "$rc" = "$want" ]; then
		echo "wire ok   $name (exit $rc)"
		return 0
	fi
	echo "wire FAIL $name: expected exit $want got $rc:" \
	    "$(tail -n 1 "$LAB_DIR/wire-$name.out")"
	return 1
}

# The behaviours these checks rely on, seen with curl and dig.
# shellcheck disable=SC2016 # the inner sh expands these
report_selfcheck() {
	local c=(curl -sS -o /dev/null --max-time 5)
	local fails=0
	node_check client dpi_host 56 "${c[@]}" http://blocked.example/ ||
	    fails=$((fails + 1))
	node_check client dpi_host_other 0 "${c[@]}" \
	    -H 'Host: other.example' http://blocked.example/ ||
	    fails=$((fails + 1))
	node_check client abort 56 "${c[@]}" http://abort.example/ ||
	    fails=$((fails + 1))
	node_check client2 client2_dns 0 sh -c \
	    'test "$(dig +short blocked.example A)" = 203.0.113.18' ||
	    fails=$((fails + 1))
	node_check client2 client2_no_dpi 0 "${c[@]}" \
	    http://blocked.example/ || fails=$((fails + 1))
	node_check client2 client2_abort 56 "${c[@]}" \
	    http://abort.example/ || fails=$((fails + 1))
	return $fails
}

# Runs connreset as uid 65534 in NODE's namespace with a clean
# environment: report_run NODE FILE URL [OPTIONS...]; the report goes to
# $LAB_DIR/reports/FILE, the exit code to FILE.rc. With REPORT_ALL=1, one
# sweep writes FILE.text, FILE.markdown, FILE.html and FILE.json at once.
report_run() {
	local node=$1 file=$2 url=$3 rc f
	shift 3
	local out=$LAB_DIR/reports/$file
	local reports=(--report "$out")
	if [ -n "${REPORT_ALL:-}" ]; then
		reports=()
		for f in $FORMATS; do
			reports+=(--report "$out.$f")
		done
	fi
	timeout -k 5 "${LAB_TOOL_LIMIT:-60}" \
	    ip netns exec "$(lab_ns "$node")" \
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

# Every run, on both clients. The sweeps of one client run one after
# another, as a person runs them: every router rations the "time
# exceeded" messages it sends to one address (Linux's default, a burst
# of 6 and then one a second), so sweeps from one client at once would
# starve each other's traces. The two clients run side by side.
report_runs() {
	local a
	(
		# One sweep per scenario and audience writes all four formats.
		for a in $AUDIENCES; do
			REPORT_ALL=1 report_run client "dpi-$a" \
			    http://blocked.example/ --for "$a"
			REPORT_ALL=1 report_run client "abort-$a" \
			    http://abort.example/ --for "$a"
		done
		REPORT_ALL=1 report_run client "redact-it" \
		    http://blocked.example/ --for it --redact
	) &
	(
		report_run client2 clean.json http://blocked.example/ \
		    --format json
		report_run client2 abort2.json http://abort.example/ \
		    --format json
	) &
	wait
}

# Each run's exit code: 1 (a problem found) or 0 for client2's clean run.
report_exits() {
	local f rc want fails=0
	for f in "$LAB_DIR"/reports/*.rc; do
		rc=$(cat "$f")
		want=1
		[ "$(basename "$f")" = clean.json.rc ] && want=0
		if [ "$rc" != "$want" ]; then
			echo "FAIL $(basename "$f" .rc): exit $rc, expected $want:" \
			    "$(head -c 200 "${f%.rc}.err")"
			fails=$((fails + 1))
		fi
	done
	return $fails
}

# The four formats of one scenario for one audience.
report_formats() {
	local scn=$1 a=$2 stem=$3
	shift 3
	"$LAB_PY" "$LAB_SRC/check_formats.py" --name "$stem" \
	    --dir "$LAB_DIR/reports" --stem "$stem" --schema "$LAB_SCHEMA" \
	    --scenario "$scn" --audience "$a" \
	    --local "$(dirname "$CONNRESET_BIN")" --local "$top_builddir" "$@"
}

# The pictures of one run, as people see them: its HTML rendered by
# headless Chromium on screen and on A4 (tests/render_html.py: one
# self-contained page, nothing fetched, nothing cut off, the verdict
# block, the path with its marks, the time line; the images stay in
# $LAB_DIR/render), and its text report's path line, which must match
# LINE (a grep -E expression) within 80 columns.
# report_render STEM LINE [render_html.py options...]
report_render() {
	local stem=$1 line=$2 d=$LAB_DIR/reports got
	shift 2
	if ! "$LAB_PY" "$top_srcdir/tests/render_html.py" "$d/$stem.html" \
	    "$LAB_DIR/render/$stem" --expect glance --expect path \
	    --expect timeline "$@"; then
		echo "FAIL $stem: the HTML report does not render as it should"
		return 1
	fi
	got=$(grep -E '^you -- ' "$d/$stem.text")
	if ! printf '%s\n' "$got" | grep -qE "$line"; then
		echo "FAIL $stem: the text report's path line is \"$got\"," \
		    "expected /$line/"
		return 1
	fi
	echo "PASS $stem: rendered (screen and A4) and its path line: $got"
	return 0
}

# check_report.py on client2's NAME.json: report_verdict NAME EXPECTED...
report_verdict() {
	local out=$LAB_DIR/reports/$1.json
	shift
	"$LAB_PY" "$LAB_SRC/check_report.py" --name "$(basename "$out")" \
	    --report "$out" --rc "$(cat "$out.rc" 2>/dev/null)" \
	    --stderr "$out.err" --schema "$LAB_SCHEMA" "$@"
}

# compare A B: its JSON conclusion and the sentence its text must hold.
report_compare() {
	local name=$1 a=$2 b=$3 want=$4 words=$5 got out
	local d=$LAB_DIR/reports
	local as="setpriv --reuid=$LAB_UID --regid=$LAB_UID --clear-groups --"
	got=$($as "$CONNRESET_BIN" compare "$d/$a" "$d/$b" --format json |
	    "$LAB_PY" -c 'import json, sys
print(json.load(sys.stdin).get("conclusion"))' 2>&1)
	out=$($as "$CONNRESET_BIN" compare "$d/$a" "$d/$b" 2>&1)
	if [ "$got" != "$want" ]; then
		echo "FAIL $name: conclusion $got, expected $want"
		return 1
	fi
	if ! printf '%s\n' "$out" | tr '\n' ' ' | grep -qF "$words"; then
		echo "FAIL $name: the text does not say \"$words\":"
		printf '%s\n' "$out" | sed 's/^/    /'
		return 1
	fi
	echo "PASS $name: $want"
	return 0
}

lab_trap
topo=$(mktemp "${TMPDIR:-/tmp}/connreset-report-topo.XXXXXX")
report_topology "$LAB_TOPOLOGY" "$topo"
LAB_TOPOLOGY=$topo
if ! lab_up || ! lab_tool_access; then
	echo "FAIL: the lab could not be built"
	rm -f "$topo"
	LAB_KEEP=1
	exit 1
fi
rm -f "$topo"
echo "lab: namespaces $LAB_PREFIX-*, files in $LAB_DIR"
if ! report_selfcheck; then
	echo "FAIL: the lab itself does not behave as designed (see above)"
	exit 1
fi

report_runs
fail=0
report_exits || fail=$((fail + 1))
for a in $AUDIENCES; do
	report_formats dpi "$a" "dpi-$a" || fail=$((fail + 1))
	report_formats abort "$a" "abort-$a" || fail=$((fail + 1))
done
report_formats dpi it redact-it --redact --hide "$(uname -n)" \
    --hide "$(id -nu "$LAB_UID" 2>/dev/null)" || fail=$((fail + 1))
report_render dpi-it 'you -- hop 1 -- hop 2 \[RESET\] -- hop 3 -- server$' \
    --expect reset || fail=$((fail + 1))
report_render abort-site-owner \
    'you -- hop 1 -- hop 2 -- hop 3 -- server \[RESET\]$' --expect reset ||
    fail=$((fail + 1))
report_verdict clean ok none none 0 || fail=$((fail + 1))
report_verdict abort2 reset server_abort server 1 || fail=$((fail + 1))
report_compare compare_dpi dpi-it.json clean.json path_a \
    "fails from the first (A): something on the first network's path" ||
    fail=$((fail + 1))
report_compare compare_abort abort-it.json abort2.json server \
    "the problem is at the server" || fail=$((fail + 1))
# Two sweeps from one filtered network are one vantage point, not the
# server (issue 17).
report_compare compare_same dpi-it.json dpi-isp.json same_vantage \
    "Same vantage point" || fail=$((fail + 1))
if [ $fail -ne 0 ]; then
	echo "$fail report check(s) failed; LAB_KEEP=1 keeps $LAB_DIR/reports"
	exit 1
fi
echo "report scenarios: all passed"
exit 0
