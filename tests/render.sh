#!/bin/sh
# The HTML reports as people see them: each golden HTML report (the
# writers' output, tests/unit/test_report keeps them equal) rendered by
# headless Chromium at a desktop width and on A4 for print, checked by
# tests/render_html.py: one self-contained page (no script, nothing
# fetched), well formed, nothing cut off or wider than the page, the
# folded evidence open in print, and the pictures each report must show.
# The images stay in $RENDER_KEEP when it is set, to be looked at.
. "${top_srcdir:-.}/tests/skip.sh"
data=${CONNRESET_TESTDATA:-${top_srcdir:-.}/tests/data}
command -v python3 >/dev/null || test_skip "python3 is missing"
command -v chromium >/dev/null ||
    test_skip "chromium is missing (Debian package chromium)"
out=${RENDER_KEEP:-$(mktemp -d)} || exit 99
[ -n "${RENDER_KEEP:-}" ] || trap 'rm -rf "$out"' EXIT
fail=0

# render NAME EXPECT...: one golden and what it must show.
render() {
	name=$1
	shift
	if timeout 180 python3 "${top_srcdir:-.}/tests/render_html.py" \
	    "$data/report_golden_$name.html" "$out/$name" "$@"; then
		echo "PASS: $name renders ($*)"
	else
		echo "FAIL: $name"
		fail=$((fail + 1))
	fi
}

render middlebox --expect glance --expect path --expect reset \
    --expect timeline
render long_path --expect glance --expect path --expect reset \
    --expect timeline
render server_abort --expect glance --expect timeline
render ok --expect glance --expect timeline
[ "$fail" = 0 ]
