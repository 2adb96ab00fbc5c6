#!/bin/bash
# The wizard end to end against the network lab: a DPI box on the path
# resets "Host: blocked.example". The real binary runs in tmux inside the
# lab's client namespace as uid 65534 (the tmux server is root; only the
# tool is unprivileged, under setpriv), driven with send-keys and read
# with capture-pane: first screen, checklist with notes, a DNS flush
# (refused first, then done), a resize, the live path view, the verdict
# with the located hop, JSON and text exports, a clean exit; then kill -9
# mid-session and --resume brings every answer and note back.
#
# Needs root, network namespaces, the lab's tools and tmux; otherwise it
# prints "SKIP: ..." and exits 77. Environment: CONNRESET_BIN,
# CONNRESET_DATADIR, LAB_KEEP=1 (keep the lab directory), TUI_LAB_SHOW=1
# (print the path view and the verdict screen).
set -u
. "$(dirname "$0")/../skip.sh"

if ! command -v tmux >/dev/null 2>&1; then
	test_skip "tmux is not installed (Debian package: tmux)"
fi
SRCDIR=$(cd "$(dirname "$0")/../.." && pwd)
CLIENT_LAB_LIB=${CLIENT_LAB_LIB:-$SRCDIR/tests/lab/lib.sh}
# shellcheck source=../lab/lib.sh
. "$CLIENT_LAB_LIB"
lab_require

top_builddir=${top_builddir:-$SRCDIR}
CONNRESET_BIN=${CONNRESET_BIN:-$top_builddir/src/connreset}
CONNRESET_DATADIR=${CONNRESET_DATADIR:-$SRCDIR/data}
if [ ! -x "$CONNRESET_BIN" ]; then
	echo "FAIL: no connreset binary at $CONNRESET_BIN"
	exit 1
fi
if ! "$CONNRESET_BIN" --help 2>&1 | grep -q -- '--resume'; then
	test_skip "$CONNRESET_BIN has no wizard (no --resume in --help)"
fi

URL=http://blocked.example/
SOCK="connreset-lab-$$"
TERM_NAME=screen
infocmp tmux-256color >/dev/null 2>&1 && TERM_NAME=tmux-256color

cleanup() {
	tmux -L "$SOCK" kill-server 2>/dev/null
	lab_down
}
trap cleanup EXIT
trap 'cleanup; exit 130' INT
trap 'cleanup; exit 143' TERM
trap 'cleanup; exit 129' HUP

. "$(dirname "$0")/tmux-lib.sh"

# key_bar_on N: the footer (the key bar) is on row N.
key_bar_on() { screen | sed -n "${1}p" | grep -q ' q quit'; }
# wait_rows N: until the key bar is on row N.
wait_rows() {
	poll "$(deadline)" key_bar_on "$1" ||
	    fail "the key bar is not on row $1 after the resize"
}

# start ARGS...: the wizard as uid 65534 in the client namespace, in a
# fresh 80x24 window w. When it ends the pane's shell prints the exit
# status and the terminal modes that matter.
start() {
	local ns cmd
	ns=$(lab_ns client)
	cmd="cd '$WORK' && ip netns exec '$ns' setpriv --reuid=$LAB_UID"
	cmd="$cmd --regid=$LAB_UID --clear-groups -- env -i"
	cmd="$cmd PATH=/usr/bin:/bin:/usr/sbin:/sbin HOME='$WORK'"
	cmd="$cmd TERM=${START_TERM:-$TERM_NAME} LC_ALL=C.UTF-8"
	cmd="$cmd XDG_STATE_HOME='$WORK/state'"
	cmd="$cmd CONNRESET_DATADIR='$CONNRESET_DATADIR' '$CONNRESET_BIN'"
	# START_BARE=1: none of the options (a resumed case has its own).
	[ -n "${START_BARE:-}" ] ||
	    cmd="$cmd --cacert '$LAB_DIR/ca.pem' --timeout 3"
	cmd="$cmd $*"
	# The server must outlive its last session: without this it exits
	# when the old one is killed and the new session races its socket.
	t set-option -g exit-empty off 2>/dev/null
	t kill-session -t w 2>/dev/null
	t -f /dev/null new-session -d -s w -x 80 -y 24 \
	    "$cmd; echo CONNRESET-EXIT=\$?; echo MODES: \$(stty -a |
	    tr ' ;' '\\n\\n' | grep -x -e -icanon -e icanon -e -echo \
	    -e echo); sleep 600"
}

# The wizard's pid: the process named connreset under the pane.
wizard_pid() {
	local pid
	pid=$(t display -p -t w '#{pane_pid}')
	while [ -n "$pid" ]; do
		if [ "$(ps -o comm= -p "$pid")" = connreset ]; then
			echo "$pid"
			return
		fi
		pid=$(ps -o pid= --ppid "$pid" | head -n 1 | tr -d ' ')
	done
}

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

# until_screen PATTERN KEY: press KEY on steps until PATTERN shows, one
# step at a time.
until_screen() {
	local i=0
	while ! screen | grep -Eq -- "$1"; do
		i=$((i + 1))
		if [ $i -gt 45 ]; then
			fail "never reached /$1/"
			return 1
		fi
		next_step "$2" || return 1
	done
}

# find_step PATTERN: the step showing PATTERN, walking back with < to
# step 1, then forward with >, one step at a time.
find_step() {
	local i=0 k='<'
	while ! screen | grep -Eq -- "$1"; do
		i=$((i + 1))
		[ "$k" = '<' ] && header | grep -q 'step 1 of' && k='>'
		if [ $i -gt 80 ]; then
			fail "never reached /$1/"
			return 1
		fi
		next_step "$k" || return 1
	done
}

if ! lab_up; then
	echo "FAIL: the lab could not be built"
	exit 1
fi
if ! lab_tool_access; then
	echo "FAIL: uid $LAB_UID cannot run the tool"
	exit 1
fi
WORK=$LAB_DIR/reports
mkdir -p "$WORK/state"
chown "$LAB_UID:$LAB_UID" "$WORK/state"
if ! wire_check dpi_host 56 curl -sS -o /dev/null --max-time 5 \
    --cacert "$LAB_DIR/ca.pem" "$URL"; then
	echo "FAIL: the lab's DPI box does not reset $URL"
	exit 1
fi

STEP="first screen"
start "'$URL'"
wait_for 'What do you see in the browser' || exit 1
[ "$(ps -o uid= -p "$(wizard_pid)" | tr -d ' ')" = "$LAB_UID" ] ||
    fail "the wizard does not run as uid $LAB_UID"
expect 'Address of the site: +http://blocked[.]example/'
keys Right		# who: helping someone on a call
expect 'helping someone on a call'
keys Down
expect 'Who is helped'
text "Bob Caller"
keys Down Left Left	# this machine's Linux -> macOS -> Windows
expect '< Windows >'
keys Down Right Right	# other browser -> Chrome -> Firefox
expect '< Firefox >'
keys Down Enter

STEP="checks"
wait_for 'Automated checks' || exit 1
wait_for 'Which hop sends the reset +(pass|fail|warn|info)' 40
wait_for 'The path to the server \(traceroute\) +(pass|fail|warn|info)' 10
[ "$(widest)" -le 80 ] || fail "a line is wider than 80 columns"
expect 'This machine: VPN, firewall, DNS '
expect_not 'Flushing the DNS cache'

STEP="client"
keys Enter
wait_for "The caller's device \\| step 1 of" || exit 1
expect 'What the caller does on Windows'
# The case in view, and instructions with the real address.
expect 'Case: blocked[.]example \| helping Bob Caller: Windows, Firefox'
expect 'http://blocked[.]example/'
expect_not 'example[.]com'
answer d "client note one"
wait_for 'step [0-9]+ of'
answer d ""
wait_for 'step [0-9]+ of'
answer s "client note skipped"
# The checks settled the flush step (the name resolves), so the answers
# passed it by: walk back to it, then forward if it was ahead.
find_step 'Flush DNS \(a\)'

STEP="flush: no"
expect 'In Firefox'
keys a
wait_for 'Please confirm'
expect 'resolv[.]conf'
expect 'caller.s Windows'
expect 'ipconfig /flushdns'
keys n
expect_not 'Please confirm'
keys c
wait_for 'Automated checks'
expect_not 'Flushing the DNS cache'
keys Enter
wait_for 'Flush DNS \(a\)'

STEP="flush: yes"
keys a
wait_for 'Please confirm'
keys y
may_see 'Flushing the DNS cache' 2
wait_for 'After:' 15
expect 'Nothing to flush'
expect 'Before: +203[.]0[.]113[.]18'
expect 'After: +203[.]0[.]113[.]18'
FLUSH_SCREEN=$(screen)
keys Enter
wait_for 'Flushing the DNS cache: pass'
answer d "flushed, no change"

STEP="network"
until_screen "The caller's network \\| step" d
answer d "network note two"

STEP="resize"
t resize-window -t w -x 200 -y 60
wait_rows 60
[ "$(widest)" -gt 120 ] || fail "the screen did not use the new width"
expect 'step [0-9]+ of'

STEP="server"
# The checks may settle the server step (the port answers): then the
# answers lead past it, to the advanced steps or the verdict.
until_screen "The site's server \\| step|Advanced tools \\| step|connreset \\| Verdict" d
if header | grep -q Verdict; then
	keys Escape
	wait_for '\| step [0-9]+ of'
fi
answer d "server note three"

STEP="path view"
keys p
wait_for 'Network path' || exit 1
wait_for 'The path to the server \(traceroute\) +(pass|fail|warn|info)' 15
expect 'Hop +Address +Name, network +Loss +Sent +Last +Avg +Best +Wrst'
expect '^ +1 +198[.]18[.]0[.]1 '
# No network lookup for the lab's addresses: no "AS" after the name.
expect '^ +4 D 203[.]0[.]113[.]18 +blocked[.]example +0% +[0-9]+ '
expect_not '^ +[0-9]+ . [0-9.]+ .* AS[0-9]+'
# While the view is open the trace keeps refining, a round a second
# (like mtr): the server's "Sent" grows.
sent4() {
	screen | grep -E '^ +4 D 203[.]0[.]113[.]18 ' | awk '{print $(NF-4)}'
}
SENT_A=$(sent4)
sent_grew() { _b=$(sent4); [ -n "$_b" ] && [ "$_b" -ge $((SENT_A + 2)) ]; }
poll 80 sent_grew || fail "the path view did not refine: Sent stayed ${SENT_A:-?}"
# The hop the locator named: marked R, and the same in the notes.
RROW=$(screen | grep -E '^ +[0-9]+ R 198[.]18[.]0[.][0-9]+ ' | head -n 1)
RTTL=$(echo "$RROW" | awk '{print $1}')
RADDR=$(echo "$RROW" | awk '{print $3}')
[ -n "$RTTL" ] && [ "$RTTL" -lt 4 ] ||
    fail "no hop before the server is marked R"
RLINE="reset sent near hop $RTTL \\($RADDR\\), the server is 4 hops away"
expect "R = $RLINE"
PATH_SCREEN=$(screen)
t resize-window -t w -x 80 -y 24
wait_rows 24
expect "^ +$RTTL R $RADDR "
[ "$(widest)" -le 80 ] || fail "the path view is wider than 80 columns"
PATH_SCREEN80=$(screen)
keys r
wait_for 'Tracing the path again'
wait_for 'The path to the server \(traceroute\) +(pass|fail|warn|info)' 15
expect '^ +4 D 203[.]0[.]113[.]18 '
t resize-window -t w -x 200 -y 60
wait_rows 60
keys Escape
wait_for '\| step [0-9]+ of'

STEP="verdict"
until_screen 'connreset \| Verdict' s
expect 'Cause: +.*(middlebox|network device)'
expect 'Origin: +.*(path|network)'
expect "Located: +$RLINE"
# The path as one line, the reset's hop marked, within 80 columns too.
expect '^ +you -- hop 1 -- hop 2 \[RESET\] -- .*server'
t resize-window -t w -x 80 -y 24
wait_rows 24
expect '^ +you -- hop 1 -- hop 2 \[RESET\] -- '
[ "$(widest)" -le 80 ] || fail "the verdict screen is wider than 80 columns"
t resize-window -t w -x 200 -y 60
wait_rows 60

VERDICT_SCREEN=$(screen)

STEP="export json"
keys e
wait_for 'Export a report'
keys Enter
wait_for 'Report written to .*[.]json'
keys Enter
JSON=$(ls "$WORK"/connreset-report-blocked.example-*.json 2>/dev/null | head -n 1)
if [ -z "$JSON" ]; then
	fail "no JSON report in $WORK"
elif ! "$LAB_PY" -c 'import json, sys
r = json.load(open(sys.argv[1]))
sys.exit(r["verdict"]["cause"] != "middlebox_injection")' "$JSON"; then
	fail "$JSON: verdict.cause is not middlebox_injection"
fi
[ -n "$JSON" ] && ! grep -q 'network note two' "$JSON" &&
    fail "$JSON lacks the notes"

STEP="export text"
keys e
wait_for 'Export a report'
keys Down
expect 'connreset-report-blocked[.]example-.*[.]txt'
keys Enter
wait_for 'Report written to .*[.]txt'
keys Enter
TXT=$(ls "$WORK"/connreset-report-blocked.example-*.txt 2>/dev/null | head -n 1)
[ -n "$TXT" ] && grep -q 'blocked.example' "$TXT" ||
    fail "no usable text report in $WORK"
# Help-desk mode: who was helped, on what, and where it was measured.
for want in 'Helped: +Bob Caller' 'Their system: +Windows' \
    'Their browser: +Firefox' "Helper's machine" \
    "Where this was measured: the automated checks ran on the helper's"; do
	grep -Eq -- "$want" "$TXT" || fail "the text report lacks /$want/"
done
[ -n "$JSON" ] && ! "$LAB_PY" -c 'import json, sys
h = json.load(open(sys.argv[1]))["helped"]
sys.exit(h != {"who": "Bob Caller", "os": "windows", "browser": "firefox",
    "measured_from": "helper"})' "$JSON" && fail "$JSON: helped is wrong"

STEP="quit"
keys q
# The modes line comes after the exit line: wait for the last one.
wait_for 'MODES:' 5
history | grep -q 'CONNRESET-EXIT=1$' ||
    fail "exit status is not 1 (a problem was diagnosed)"
history | grep -q 'MODES: icanon echo' ||
    fail "the terminal modes were not restored"
[ "$(t display -p -t w '#{alternate_on}')" = 0 ] ||
    fail "the terminal was left in the alternate screen"

FIRST=$(ls -t "$WORK"/state/connreset/case-*.json | head -n 1)
FIRST_ID=$(basename "$FIRST" .json)
FIRST_ID=${FIRST_ID#case-}
# The first 60 columns: the screen may be narrower now.
FIRST_VERDICT=$(grep -o 'Best guess: .*' <<<"$VERDICT_SCREEN" | head -n 1 |
    cut -c 1-60)

STEP="Enter through every screen"
# A second case, Enter alone on every screen: no answer is recorded.
start "'$URL'"
wait_for 'What do you see' || exit 1
# Role, browser, Start: three Enters to the checks.
keys Enter Enter Enter
wait_for 'Automated checks' || exit 1
wait_for 'Which hop sends the reset +(pass|fail|warn|info)' 40
keys Enter
wait_for 'step 1 of' || exit 1
i=0
while ! header | grep -q 'Verdict'; do
	i=$((i + 1))
	[ $i -gt 45 ] && { fail "Enter never reached the verdict"; break; }
	next_step Enter || break
done
keys Enter
wait_for 'CASE SUMMARY'
keys Enter
expect 'CASE SUMMARY'
SECOND=$(ls -t "$WORK"/state/connreset/case-*.json | head -n 1)
[ "$SECOND" != "$FIRST" ] || fail "the second case took the first's file"
wait_file "$SECOND" '"finished":[[:space:]]*true'
grep -q '"answers":[[:space:]]*\[\]' "$SECOND" ||
    fail "Enter recorded answers: $(grep -c '"step"' "$SECOND")"
keys q
wait_for 'CONNRESET-EXIT=' 5
history | grep -q 'CONNRESET-EXIT=1$' ||
    fail "no answer and a diagnosed problem should exit 1"

STEP="the first case, resumed by its id, without the options"
START_BARE=1 start --resume "$FIRST_ID"
wait_for '\| step [0-9]+ of|Verdict' || exit 1
expect 'Case: blocked[.]example \| helping Bob Caller: Windows, Firefox'
wait_for 'Which hop|Best guess: [A-Z]' 40
keys v
wait_for 'connreset \| Verdict'
wait_for "$(printf '%s' "$FIRST_VERDICT" | sed 's/[][().*|]/./g')" 60
grep -q "\"cacert\":[[:space:]]*\"$LAB_DIR/ca.pem\"" "$FIRST" ||
    fail "the case does not remember its --cacert"
keys q
wait_for 'CONNRESET-EXIT=' 5

STEP="kill -9"
start "'$URL'"
wait_for 'What do you see' || exit 1
keys Down Down Down Enter
wait_for 'Automated checks'
keys Enter
wait_for 'step 1 of'
# Four answers, each remembered as "step|answer|note".
ANSWERS=()
for a in "d|didn't help|before the crash" "s|skipped|second note" \
    "d|didn't help|" "d|didn't help|fourth note"; do
	n=$(header | grep -o 'step [0-9]*' | awk '{print $2}')
	k=${a%%|*}
	rest=${a#*|}
	# a test step's negative answer reads "fails there too"
	[ "$k" = d ] && test_step && rest="fails there too|${rest#*|}"
	ANSWERS+=("$n|$rest")
	# answer waits until the step changed, or fails.
	answer "$k" "${rest#*|}" || break
done
LAST=$(header | grep -o 'step [0-9]*' | awk '{print $2}')
THIRD=$(ls -t "$WORK"/state/connreset/case-*.json | head -n 1)
# The autosave of the last answer is on disk before the crash.
wait_file "$THIRD" 'fourth note'
wait_for 'Best guess: [A-Z]' 40
KILLED_VERDICT=$(screen | grep -o 'Best guess: .*' | head -n 1 | cut -c 1-60)
kill -9 "$(wizard_pid)"
wait_for 'CONNRESET-EXIT=137' 5
[ "$(ls "$WORK"/state/connreset/case-*.json | wc -l)" = 3 ] ||
    fail "three cases should be saved, each in its file"

STEP="resume"
START_BARE=1 start --resume
wait_for "step $LAST of" || exit 1
expect 'Case: blocked[.]example'
expect "$(printf '%s' "$KILLED_VERDICT" | sed 's/[][().*|]/./g')"
# Walk back to step 1; every answered step shows its answer and note.
SEEN=0
while :; do
	n=$(header | grep -o 'step [0-9]*' | awk '{print $2}')
	for a in "${ANSWERS[@]}"; do
		[ "${a%%|*}" = "$n" ] || continue
		rest=${a#*|}
		expect "Your answer: ${rest%%|*}"
		if [ -n "${rest#*|}" ]; then
			expect "Note: ${rest#*|}"
		else
			expect_not 'Note:'
		fi
		SEEN=$((SEEN + 1))
	done
	[ "$n" = 1 ] && break
	keys Escape
	wait_for "step $((n - 1)) of" || break
done
[ "$SEEN" = 4 ] || fail "only $SEEN of 4 answers came back"
keys q
wait_for 'CONNRESET-EXIT=' 5
[ "$(t display -p -t w '#{alternate_on}')" = 0 ] ||
    fail "the terminal was left in the alternate screen after resume"

STEP="TERM=dumb"
START_TERM=dumb start "'$URL'"
wait_for 'CONNRESET-EXIT=' 10
history | grep -q 'connreset: this terminal (TERM=dumb) cannot move the cursor' ||
    fail "TERM=dumb: no clear line"
history | grep -q 'CONNRESET-EXIT=3$' || fail "TERM=dumb does not exit 3"

if [ -n "${TUI_LAB_SHOW:-}" ]; then
	printf '%s\n' "---- flush result ----" "$FLUSH_SCREEN" \
	    "---- path view (200x60) ----" "$PATH_SCREEN" \
	    "---- path view (80x24) ----" "$PATH_SCREEN80" \
	    "---- verdict ----" "$VERDICT_SCREEN"
fi
if [ "$FAILS" -gt 0 ]; then
	echo "FAIL: $FAILS check(s) failed"
	exit 1
fi
echo "PASS: wizard end to end in the lab ($URL, as uid $LAB_UID)"
exit 0
