#!/bin/sh
# End-to-end test of the wizard: the real binary in a detached tmux session
# of a fixed size, driven with send-keys and read with capture-pane.
#
#   run-tui.sh [URL]
#
# Without URL the target is http://127.0.0.1:<closed port>/ (loopback only,
# fails fast, needs no network). The network lab passes its own URL.
# Environment: CONNRESET_BIN (the binary), CONNRESET_DATADIR.
set -u
. "$(dirname "$0")/../skip.sh"

if ! command -v tmux >/dev/null 2>&1; then
	test_skip "tmux is not installed (Debian package: tmux)"
fi
BIN=${CONNRESET_BIN:-${top_builddir:-.}/src/connreset}
if [ ! -x "$BIN" ]; then
	echo "FAIL: $BIN is not built"
	exit 1
fi
if ! "$BIN" --help 2>&1 | grep -q -- '--resume'; then
	test_skip "$BIN does not start the wizard yet (no --resume in --help)"
fi

# A loopback port nothing listens on.
closed_port() {
	for p in 1 9 47 4 6; do
		if ! ss -ltnH 2>/dev/null | awk '{print $4}' |
		    grep -q "[:.]$p\$"; then
			echo "$p"
			return
		fi
	done
	echo 1
}

URL=${1:-http://127.0.0.1:$(closed_port)/}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/connreset-tui.XXXXXX")
SOCK="connreset-test-$$"
export XDG_STATE_HOME="$TMP/state"

cleanup() {
	tmux -L "$SOCK" kill-server 2>/dev/null
	rm -rf "$TMP"
}
trap cleanup EXIT INT TERM

. "$(dirname "$0")/tmux-lib.sh"

# start ARGS...: the binary in a fresh 80x24 window named w. When it ends,
# the shell prints its exit status and the terminal modes that matter.
start() {
	# The server must outlive its last session: without this it exits
	# when the old one is killed and the new session races its socket.
	t set-option -g exit-empty off 2>/dev/null
	t kill-session -t w 2>/dev/null
	t -f /dev/null new-session -d -s w -x 80 -y 24 \
	    "cd '$TMP' && env XDG_STATE_HOME='$XDG_STATE_HOME' \
	    CONNRESET_DATADIR='${CONNRESET_DATADIR:-}' '$BIN' $*; \
	    echo CONNRESET-EXIT=\$?; echo MODES: \$(stty -a | tr ' ;' '\\n\\n' | \
	    grep -x -e -icanon -e icanon -e -echo -e echo); sleep 600"
}

# The pid of the wizard (the child of the pane's shell).
wizard_pid() { ps -o pid= --ppid "$(t display -p -t w '#{pane_pid}')"; }

# answer KEY NOTE: note (if any) and answer on the current step, then
# wait until the wizard moved on.
answer() {
	if [ -n "$2" ]; then
		keys n
		text "$2"
		keys Enter
	fi
	next_step "$1"
}

# until_section NAME: answer "didn't help" until the header shows NAME,
# one step at a time.
until_section() {
	i=0
	while ! header | grep -q "$1"; do
		i=$((i + 1))
		if [ $i -gt 40 ] || ! header | grep -q 'step '; then
			fail "never reached section $1"
			return 1
		fi
		next_step d || return 1
	done
}

STEP="first screen"
start "'$URL'"
wait_for 'What do you see in the browser' || exit 1
expect 'Address of the site: +'"$(echo "$URL" | sed 's/[.]/[.]/g')"
keys Right		# who: helping someone on a call
expect 'helping someone on a call'
keys Down
expect 'Who is helped'
text "Anna Caller"
keys Down
expect 'Their operating system'
keys Left Left		# Linux -> macOS -> Windows
expect '< Windows >'
keys Down Right		# browser: Chrome
expect '< Chrome >'
keys Down Enter

STEP="checks"
wait_for 'Automated checks' || exit 1
wait_for 'fail' 20
keys '?'
wait_for 'Keys on this screen'
expect 'run the selected check again'
keys Escape
expect_not 'Keys on this screen'

STEP="watch"
keys w
wait_for 'Watching the request once a second' || exit 1
wait_for 'Watching the request over time' || exit 1
# The closed port refuses every request: failures, and their timeline.
wait_for '[0-9]+ of [0-9]+ requests? failed' 15
expect '[.] answered  R reset  T no answer in time  x other failure'
expect '^ +x+ *$'
keys w
wait_for 'The watch ends; what it saw is kept' || exit 1

STEP="client"
keys Enter
wait_for "The caller's device \\| step 1 of" || exit 1
expect 'What the caller does on Windows'
# The case is always in view: the target and who is helped.
expect '127[.]0[.]0[.]1 \| helping Anna Caller: Windows, Chrome'
answer d "client note one"
wait_for 'step [0-9]+ of'

STEP="mouse"
# A click on a button answers, like its key.
FROM=$(step_no)
set -- $(where_is "[ Didn't help (d) ]")
if [ -z "${1:-}" ]; then
	fail "no \"Didn't help\" button on the step"
else
	click "$1" $(($2 + 3))
	poll "$(deadline)" step_is_not "$FROM" ||
	    fail "a click on \"Didn't help\" did not answer the step"
fi
two_answers() {
	[ "$(grep -c '"answer":[[:space:]]*"not_fixed"' \
	    "$XDG_STATE_HOME"/connreset/case-*.json 2>/dev/null)" = 2 ]
}
poll "$(deadline)" two_answers || fail "the click recorded no answer"
until_section "The caller's network"
STEP="network"
answer d "network note two"

STEP="resize"
t resize-window -t w -x 200 -y 60
poll "$(deadline)" wider_than 100 ||
    fail "the screen did not use the new width"
expect 'step [0-9]+ of'
t resize-window -t w -x 60 -y 20
expect 'terminal too small \(need 80x24\)'
t resize-window -t w -x 200 -y 60
expect_not 'too small'

STEP="server"
until_section "The site's server"
answer d "server note three"

STEP="verdict"
i=0
while ! header | grep -q 'Verdict'; do
	i=$((i + 1))
	[ $i -gt 40 ] && { fail "never reached the verdict"; break; }
	next_step s || break
done
expect 'Symptom:'
expect 'Cause:'
expect 'Escalate to:'
expect 'What to do next'

STEP="summary"
keys Enter
wait_for 'CASE SUMMARY'
expect "Target: +$(echo "$URL" | sed 's/[.]/[.]/g')"
expect 'Windows'
expect 'What was tried'

STEP="export json"
keys e
wait_for 'Export a report'
expect 'connreset-report-.*[0-9]{8}-[0-9]{6}[.]json'
keys Enter
wait_for 'Report written to .*[.]json'
JSON=$(ls "$TMP"/connreset-report-*.json 2>/dev/null | head -n 1)
if [ -z "$JSON" ]; then
	fail "no JSON report in $TMP"
elif command -v jq >/dev/null 2>&1; then
	jq -e '.verdict' "$JSON" >/dev/null || fail "$JSON has no verdict"
	grep -q 'network note two' "$JSON" || fail "$JSON lacks the note"
fi
keys Enter

STEP="export text"
keys e
wait_for 'Export a report'
keys Down
expect 'connreset-report-.*[.]txt'
keys Enter
wait_for 'Report written to .*[.]txt'
TXT=$(ls "$TMP"/connreset-report-*.txt 2>/dev/null | head -n 1)
[ -n "$TXT" ] && grep -q '127.0.0.1\|Verdict\|verdict' "$TXT" ||
    fail "no usable text report in $TMP"
keys Enter

STEP="no overwrite"
echo "keep me" >"$TMP/same.txt"
keys e
wait_for 'Export a report'
keys Down C-u
text same.txt
keys Enter
wait_for 'already exists'
keys n
grep -q 'keep me' "$TMP/same.txt" || fail "same.txt was overwritten"
keys e
wait_for 'Export a report'
keys Down C-u
text same.txt
keys Enter
wait_for 'already exists'
keys y
wait_for 'Report written to .*same[.]txt'
grep -q 'keep me' "$TMP/same.txt" && fail "same.txt was not overwritten"
keys Enter

STEP="quit"
keys q
# The modes line comes after the exit line: wait for the last one.
wait_for 'MODES:' 5
history | grep -q 'CONNRESET-EXIT=[01]$' ||
    fail "exit status is not 0 (works) or 1 (problem diagnosed)"
history | grep -q 'MODES: icanon echo' ||
    fail "the terminal modes were not restored"
[ "$(t display -p -t w '#{alternate_on}')" = 0 ] ||
    fail "the terminal was left in the alternate screen"
[ "$(t display -p -t w '#{cursor_flag}')" = 1 ] ||
    fail "the cursor was left hidden"
history | grep -q 'continue it with: connreset --resume' ||
    fail "no word on how to resume"

STEP="kill -9"
FIRST=$(ls "$XDG_STATE_HOME"/connreset/case-*.json 2>/dev/null | head -n 1)
[ -n "$FIRST" ] || fail "the first case was not saved as a case file"
history | grep -q "continue it with: connreset --resume $(basename "$FIRST" .json | sed 's/^case-//')" ||
    fail "the quit line does not name the case"
start "'$URL'"
wait_for 'What do you see' || exit 1
keys Down Down Down Enter
wait_for 'Automated checks'
keys Enter
wait_for 'step 1 of'
answer d "before the crash"
wait_for 'step [0-9]+ of'
SECOND_STEP=$(step_no)
answer d "second note"
wait_for 'step [0-9]+ of'
THIRD_STEP=$(step_no)
NEWEST=$(ls -t "$XDG_STATE_HOME"/connreset/case-*.json | head -n 1)
# The autosave of the last answer is on disk before the crash.
wait_file "$NEWEST" 'second note'
VERDICT_BEFORE=$(screen | sed -n 2p)
kill -9 $(wizard_pid)
wait_for 'CONNRESET-EXIT=137' 5
PERM=$(stat -c %a "$NEWEST" 2>/dev/null)
[ "$PERM" = 600 ] || fail "the case file's mode is '$PERM', want 600"
[ "$(stat -c %a "$XDG_STATE_HOME/connreset")" = 700 ] ||
    fail "the state directory is not 0700"
# A second case never replaces the first.
[ "$(ls "$XDG_STATE_HOME"/connreset/case-*.json | wc -l)" -ge 2 ] ||
    fail "the second case replaced the first"
grep -q 'network note two' "$FIRST" || fail "the first case lost its notes"

STEP="resume"
start --resume
wait_for "$(echo "$THIRD_STEP" | sed 's/[|]/\\|/g')" || exit 1
expect 'Case: 127[.]0[.]0[.]1'
keys Escape
wait_for "$(echo "$SECOND_STEP" | sed 's/[|]/\\|/g')"
expect 'Note: second note'
expect "Your answer: didn't help"
keys q
wait_for 'CONNRESET-EXIT=' 5
[ "$(t display -p -t w '#{alternate_on}')" = 0 ] ||
    fail "the terminal was left in the alternate screen after resume"

STEP="resume the first case by its id"
ID=$(basename "$FIRST" .json | sed 's/^case-//')
start --resume "$ID"
wait_for 'step [0-9]+ of' || exit 1
expect 'Case: 127[.]0[.]0[.]1 \| helping Anna Caller: Windows, Chrome'
keys q
wait_for 'CONNRESET-EXIT=' 5

STEP="bad --resume"
OUT=$("$BIN" --resume no-such-case-20200101-000000 2>&1 </dev/null)
RC=$?
[ "$RC" = 2 ] || fail "--resume of an unknown case exits $RC, want 2"
[ "$(printf '%s\n' "$OUT" | wc -l)" = 1 ] &&
    printf '%s\n' "$OUT" | grep -q "no saved case 'no-such-case" ||
    fail "--resume of an unknown case: not one clear line: $OUT"
"$BIN" --list-cases | grep -q "^$ID	" || fail "--list-cases lacks $ID"

STEP="empty start"
NCASES=$(ls "$XDG_STATE_HOME"/connreset/case-*.json | wc -l)
start
wait_for 'What do you see' || exit 1
keys q
wait_for 'CONNRESET-EXIT=' 5
history | grep -q 'CONNRESET-EXIT=0$' ||
    fail "quitting the empty first screen does not exit 0"
history | grep -q 'continue it with' &&
    fail "quitting the empty first screen speaks of a case"
[ "$(ls "$XDG_STATE_HOME"/connreset/case-*.json | wc -l)" = "$NCASES" ] ||
    fail "quitting the empty first screen saved a case"

STEP="TERM=dumb"
t kill-session -t w 2>/dev/null
t -f /dev/null new-session -d -s w -x 80 -y 24 \
    "env TERM=dumb XDG_STATE_HOME='$XDG_STATE_HOME' \
    CONNRESET_DATADIR='${CONNRESET_DATADIR:-}' '$BIN' '$URL'; \
    echo CONNRESET-EXIT=\$?; sleep 600"
wait_for 'CONNRESET-EXIT=' 10
history | grep -q 'connreset: this terminal (TERM=dumb) cannot move the cursor' ||
    fail "TERM=dumb: no clear line"
[ "$(history | grep -c .)" = 2 ] || fail "TERM=dumb: more than one line"
history | grep -q 'CONNRESET-EXIT=3$' || fail "TERM=dumb does not exit 3"

if [ "$FAILS" -gt 0 ]; then
	echo "FAIL: $FAILS check(s) failed"
	exit 1
fi
echo "PASS: wizard end to end ($URL)"
exit 0
