#!/bin/bash
# The network lab (make check): builds the lab once, checks the wire,
# runs connreset for every scenario in tests/lab/scenarios as an
# unprivileged user, prints PASS/FAIL per scenario and tears down.
#
# Environment: CONNRESET_BIN (default $top_builddir/src/connreset),
# LAB_JOBS (scenarios run at once, default 3; one whose fault is on the
# path always runs alone), LAB_ONLY (a regular
# expression selecting scenario names), LAB_KEEP=1 (keep the lab
# directory with reports and logs).
. "$(dirname "$0")/lib.sh"

lab_require

top_builddir=${top_builddir:-$(cd "$LAB_SRC/../.." && pwd)}
top_srcdir=${top_srcdir:-$(cd "$LAB_SRC/../.." && pwd)}
CONNRESET_BIN=${CONNRESET_BIN:-$top_builddir/src/connreset}
LAB_DATA=${CONNRESET_DATADIR:-$top_srcdir/data}
LAB_SCHEMA=${LAB_SCHEMA:-$LAB_DATA/report.schema.json}
LAB_JOBS=${LAB_JOBS:-3}

if [ ! -x "$CONNRESET_BIN" ]; then
	echo "FAIL: no connreset binary at $CONNRESET_BIN"
	exit 1
fi

lab_trap
start=$(date +%s)
if ! lab_up; then
	echo "FAIL: the lab could not be built"
	LAB_KEEP=1
	exit 1
fi
echo "lab: namespaces $LAB_PREFIX-*, files in $LAB_DIR"

if ! lab_tool_access; then
	echo "FAIL: cannot make connreset available to uid $LAB_UID"
	exit 1
fi

# The infrastructure first: a broken lab must not be blamed on connreset.
if ! lab_selfcheck; then
	echo "FAIL: the lab itself does not behave as designed (see above)"
	exit 1
fi

# Every sweep writes all four formats, each scenario for one of the
# three recipients in turn, so that every format of every scenario is
# read for what no report may hold (check_formats.py below).
LAB_ALL_FORMATS=1
audiences=(isp it site-owner)
names=()
while read -r name url symptom cause origin rc rest; do
	case $name in ''|'#'*) continue ;; esac
	if [ -n "${LAB_ONLY:-}" ] && ! [[ $name =~ $LAB_ONLY ]]; then
		continue
	fi
	names+=("$name")
	echo "$symptom $cause $origin $rc" >"$LAB_DIR/expect-$name"
	# A scenario whose fault is on the path is read from the routers'
	# ICMP answers, which every router rations per destination (Linux:
	# about six, then one a second): it runs alone, so that no other
	# sweep from this client spends that ration under it.
	if [ "$origin" = path ]; then
		wait
		# shellcheck disable=SC2086
		run_tool "$name" "$url" \
		    --for "${audiences[${#names[@]} % 3]}" $rest </dev/null
		continue
	fi
	while [ "$(jobs -rp | wc -l)" -ge "$LAB_JOBS" ]; do
		wait -n
	done
	# shellcheck disable=SC2086
	run_tool "$name" "$url" --for "${audiences[${#names[@]} % 3]}" \
	    $rest &
done <"$LAB_SRC/scenarios"
wait

pass=0
fail=0
for name in "${names[@]}"; do
	# shellcheck disable=SC2046
	if assert_scenario "$name" $(cat "$LAB_DIR/expect-$name"); then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
	fi
done
# Secondary lines that must be true as well (issue 17): a reset during
# the handshake is no rejected certificate; a rejected certificate is a
# request that failed, on every address, not one that passed.
#
# secondary NAME CHECK_REPORT_OPTIONS...: when NAME ran, its report holds
# these lines as well.
secondary() {
	local name=$1 n
	shift
	for n in "${names[@]}"; do
		[ "$n" = "$name" ] || continue
		# shellcheck disable=SC2046
		if assert_scenario "$name" $(cat "$LAB_DIR/expect-$name") \
		    "$@"; then
			pass=$((pass + 1))
		else
			fail=$((fail + 1))
		fi
	done
}
secondary dpi_sni --check-says "tls:reset before any certificate came" \
    --check-not "tls:certificate rejected"
# The router saying "unreachable" is hop 2, not a hop 3.
secondary unreach --says "The trace ends at hop 2 (198.18.0.6)"
# r2 (hop 2) rejects the SYNs sent with TTL 3: hop 2, not "3 hops".
secondary fwreject --says "refused near hop 2 (198.18.0.6), but a udp trace"
# A connection closed without a reply is no reset, however steady.
secondary dpi_drop --says "Every failed attempt ended after about"
# A DPI rule on the URL: the same request for / gets through (issue 12),
# and the address asking for / already needs no such request.
secondary dpi_path --check-status trigger:fail \
    --says "The same request for / was answered on all 5 attempts: what triggers the failure is in the address's path (/private/page), not the name."
secondary ok_http --check-status trigger:skipped \
    --check-says "trigger:not needed: the address asks for / already"
for name in expired unknownca; do
	secondary "$name" --check-status http:fail \
	    --check-status addresses:fail \
	    --check-says "addresses:certificate rejected on every attempt"
done
# Every format of every scenario: the schema, 80 columns of text, one
# self-contained HTML page, no phrase said twice in a row, no path of
# this machine (the program's own, a home directory).
for name in "${names[@]}"; do
	if "$LAB_PY" "$LAB_SRC/check_formats.py" --name "$name" \
	    --dir "$LAB_DIR/reports" --stem "$name" --schema "$LAB_SCHEMA" \
	    --local "$(dirname "$CONNRESET_BIN")" --local "$top_builddir" \
	    --summary "$LAB_DIR/reports/$name.out"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
	fi
done
echo "$pass passed, $fail failed ($(( $(date +%s) - start ))s)"
if [ $fail -ne 0 ]; then
	echo "reports, stdout and stderr of each run: LAB_KEEP=1 keeps" \
	    "$LAB_DIR/reports"
	exit 1
fi
exit 0
