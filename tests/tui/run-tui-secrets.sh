#!/bin/sh
# The wizard keeps secrets off the terminal and out of the session file:
#
# - a password in the address on the command line (here with a '"' and a
#   bad port, so that the sweep cannot start) is never drawn and never
#   saved, neither before nor after the port is corrected;
# - a password typed into the address field is masked once Start took it;
# - an autosave error naming a state folder with ESC and BEL in its name
#   reaches standard error with those bytes escaped, never raw, and so
#   does the closing line that names where the session was saved.
#
# Loopback only (a closed port on 127.0.0.1). Environment: CONNRESET_BIN,
# CONNRESET_DATADIR.
set -u
. "$(dirname "$0")/../skip.sh"

if ! command -v tmux >/dev/null 2>&1; then
	test_skip "tmux is not installed (Debian package: tmux)"
fi
BIN=${CONNRESET_BIN:-${top_builddir:-.}/src/connreset}
case $BIN in /*) ;; *) BIN=$(pwd)/$BIN ;; esac
if [ ! -x "$BIN" ]; then
	echo "FAIL: $BIN is not built"
	exit 1
fi
if ! "$BIN" --help 2>&1 | grep -q -- '--resume'; then
	test_skip "$BIN does not start the wizard yet (no --resume in --help)"
fi

TMP=$(mktemp -d "${TMPDIR:-/tmp}/connreset-tui-secrets.XXXXXX")
SOCK="connreset-secrets-$$"

cleanup() {
	tmux -L "$SOCK" kill-server 2>/dev/null
	rm -rf "$TMP"
}
trap cleanup EXIT INT TERM

. "$(dirname "$0")/tmux-lib.sh"

PW='se"cret99'			# the command line's password
TYPED='typedpw77'		# the one typed into the field
ESC=$(printf '\033')
BEL=$(printf '\007')

# A loopback port nothing listens on: the sweep ends fast.
PORT=1
for p in 1 9 47 4 6; do
	if ! ss -ltnH 2>/dev/null | awk '{print $4}' | grep -q "[:.]$p\$"; then
		PORT=$p
		break
	fi
done

# The wizard runs from a script so that odd bytes need no shell quoting:
# the address is in $TMP/url, the state folder in $TMP/state-home.
cat >"$TMP/run.sh" <<EOF
#!/bin/sh
cd '$TMP' || exit 1
XDG_STATE_HOME=\$(cat '$TMP/state-home')
export XDG_STATE_HOME
export CONNRESET_DATADIR='${CONNRESET_DATADIR:-}'
if [ -s '$TMP/url' ]; then
	'$BIN' "\$(cat '$TMP/url')" 2>'$TMP/err'
else
	'$BIN' 2>'$TMP/err'
fi
echo CONNRESET-EXIT=\$?
sleep 600
EOF

# start URL STATE_HOME: the wizard in a fresh 80x24 window named w.
start() {
	printf '%s' "$1" >"$TMP/url"
	printf '%s' "$2" >"$TMP/state-home"
	: >"$TMP/err"
	# The server must outlive its last session: without this it exits
	# when the old one is killed and the new session races its socket.
	t set-option -g exit-empty off 2>/dev/null
	t kill-session -t w 2>/dev/null
	t -f /dev/null new-session -d -s w -x 80 -y 24 "sh '$TMP/run.sh'"
}

# never SECRET: the secret is not on the screen, nor in its history.
never() {
	if history | grep -qF -- "$1"; then
		fail "the screen shows the secret '$1'"
	fi
}
# not_in FILES SECRET: no file of the pattern FILES holds SECRET.
not_in() {
	for _f in $1; do
		if [ -f "$_f" ] && grep -qF -- "$2" "$_f"; then
			fail "$_f holds the secret '$2'"
		fi
	done
}
# quit: q on a screen where it is no text, then the exit line.
quit() {
	keys q
	wait_for 'CONNRESET-EXIT=' 10
}

STEP="password on the command line, bad port"
STATE="$TMP/state1"
SESSION="$STATE/connreset/case-*.json"
start "http://bob:$PW@127.0.0.1:99999/" "$STATE"
wait_for 'The port must be a number' || exit 1
never "$PW"
never 'cret99'
expect 'Address of the site: +http://\[redacted\]@127[.]0[.]0[.]1:99999/'
wait_file "$SESSION" '"input"'
not_in "$SESSION" 'cret99'

STEP="the corrected port"
# The address field has the focus, its cursor at the end: "99999/" out,
# the closed port in, then Enter through the questions to Start.
keys BSpace BSpace BSpace BSpace BSpace BSpace
text "$PORT/"
expect "Address of the site: +http://\[redacted\]@127[.]0[.]0[.]1:$PORT/"
keys Enter Enter Enter Enter
wait_for 'Automated checks' || exit 1
never 'cret99'
wait_file "$SESSION" "127[.]0[.]0[.]1:$PORT/"
not_in "$SESSION" 'cret99'
keys Escape
wait_for 'Getting started'
expect "Address of the site: +http://\[redacted\]@127[.]0[.]0[.]1:$PORT/"
never 'cret99'
quit
never 'cret99'
not_in "$SESSION" 'cret99'
not_in "$TMP/err" 'cret99'

STEP="password typed into the field"
STATE="$TMP/state2"
SESSION="$STATE/connreset/case-*.json"
start "" "$STATE"
wait_for 'What do you see in the browser' || exit 1
keys Down
text "http://amy:$TYPED@127.0.0.1:$PORT/"
expect "$TYPED"
keys Enter Enter Enter Enter
wait_for 'Automated checks' || exit 1
expect_not "$TYPED"
keys Escape
wait_for 'Getting started'
expect "Address of the site: +http://\[redacted\]@127[.]0[.]0[.]1:$PORT/"
expect_not "$TYPED"
wait_file "$SESSION" "127[.]0[.]0[.]1:$PORT/"
not_in "$SESSION" "$TYPED"
quit
not_in "$SESSION" "$TYPED"

STEP="autosave error with ESC and BEL in the path"
# The state folder's parent is a regular file: every save fails, and the
# error names the path.
BAD="$TMP/bad${ESC}]0;pwned${BEL}dir"
: >"$BAD"
start "http://127.0.0.1:$PORT/" "$BAD/state"
wait_for 'What do you see in the browser' || exit 1
wait_for 'autosave failed'
keys q
wait_for 'Quit anyway'
keys y
wait_for 'CONNRESET-EXIT=' 10
grep -q 'autosave failed' "$TMP/err" ||
    fail "standard error does not tell that the autosave failed"
grep -qF 'bad\x1b]0;pwned\x07dir' "$TMP/err" ||
    fail "standard error does not name the path, escaped"
if LC_ALL=C grep -q "[$ESC$BEL]" "$TMP/err"; then
	fail "standard error holds raw ESC or BEL: $(od -c "$TMP/err" |
	    head -n 5)"
fi

STEP="saved case in a path with ESC and BEL"
# The save works; the closing line names the path on the terminal. Raw,
# its OSC sequence would set the pane's title.
ODD="$TMP/ok${ESC}]0;pwned${BEL}dir"
start "http://127.0.0.1:$PORT/" "$ODD"
wait_for 'What do you see in the browser' || exit 1
wait_file "$ODD/connreset/case-*.json" '"input"'
quit
history | grep -q 'Case .* saved in' ||
    fail "no word on where the session was saved"
history | grep -qF 'ok\x1b]0;pwned\x07dir' ||
    fail "the closing line does not name the path, escaped"
[ "$(t display -p -t w '#{pane_title}')" != pwned ] ||
    fail "the path's OSC sequence reached the terminal raw"

if [ "$FAILS" -gt 0 ]; then
	echo "FAIL: $FAILS check(s) failed"
	exit 1
fi
echo "PASS: the wizard keeps secrets and control bytes off the terminal"
exit 0
