# Shared helpers of the tmux-driven wizard tests (POSIX sh). Set SOCK (a
# private tmux socket name) before use. The window under test is always
# named w.
#
# Nothing here sleeps for a fixed time and hopes: keys are sent at once
# (the terminal keeps them in order), and every check waits for a condition
# on the screen, polled until a deadline. The deadline only bounds a
# failure, so it is generous: a loaded machine is slow, not wrong.
# TUI_DEADLINE (seconds, default 30) is the deadline of every wait; a
# caller's shorter one is raised to TUI_MIN_WAIT (default 20).
FAILS=0
STEP=""

t() { tmux -L "$SOCK" "$@"; }
# -J joins lines the terminal wrapped (long paths in distcheck).
screen() { t capture-pane -p -J -t w; }
# The screen with some history (text printed after the wizard ends).
history() { t capture-pane -p -J -S -200 -t w; }
keys() { t send-keys -t w "$@"; }
text() { t send-keys -t w -l "$1"; }
header() { screen | head -n 1; }

fail() {
	echo "FAIL [$STEP]: $*"
	echo "---- screen ----"
	screen
	echo "----------------"
	FAILS=$((FAILS + 1))
}

# deadline [SECONDS]: the deadline to use, in tenths of a second.
deadline() {
	_s=${1:-${TUI_DEADLINE:-30}}
	[ "$_s" -lt "${TUI_MIN_WAIT:-20}" ] && _s=${TUI_MIN_WAIT:-20}
	echo $((_s * 10))
}

# poll TENTHS CMD...: runs CMD every 0.1 s until it succeeds; 1 when the
# deadline passed first.
poll() {
	_n=$1
	shift
	while [ "$_n" -gt 0 ]; do
		"$@" && return 0
		sleep 0.1
		_n=$((_n - 1))
	done
	"$@"
}

shows() { screen | grep -Eq -- "$1"; }
shows_not() { ! screen | grep -Eq -- "$1"; }

# wait_for PATTERN [SECONDS]: until the screen shows PATTERN (grep -E).
wait_for() {
	poll "$(deadline "${2:-}")" shows "$1" && return 0
	fail "screen never showed /$1/"
	return 1
}

# may_see PATTERN SECONDS: like wait_for, for what may pass too fast to
# be seen (a transient "running" line): never a failure.
may_see() { poll "$(($2 * 10))" shows "$1"; }

# expect PATTERN: the screen shows PATTERN, once the last keys are handled.
expect() {
	poll "$(deadline)" shows "$1" || fail "screen does not show /$1/"
}
# expect_not PATTERN: the screen stops showing PATTERN.
expect_not() {
	poll "$(deadline)" shows_not "$1" || fail "screen shows /$1/"
}

# The header up to its "step N of M" (section and step); empty on a
# screen without one.
step_no() { header | grep -Eo '^.*step [0-9]+ of [0-9]+' | head -n 1; }
step_is_not() { [ "$(step_no)" != "$1" ]; }

# next_step KEY: sends KEY and waits until the header's step changes, so
# that the next key never lands on the step this one just left.
# "d" is the step's negative answer: "Didn't help" on an ordinary step,
# "Fails there too" (x) on a test step (another device, network, ...).
next_step() {
	_from=$(step_no)
	_key=$1
	if [ "$_key" = d ] && test_step; then
		_key=x
	fi
	keys "$_key"
	poll "$(deadline)" step_is_not "$_from" && return 0
	fail "the step stayed '$_from' after $_key"
	return 1
}

# Whether the current step is a test step (its answers: works there,
# fails there too, not tried).
test_step() {
	screen | grep -qF 'Fails there too (x)'
}

# file_has FILE PATTERN: FILE exists and holds PATTERN (grep -E); FILE
# may be a pattern (case-*.json): then one of its files.
file_has() {
	for _f in $1; do
		[ -f "$_f" ] && grep -Eq -- "$2" "$_f" && return 0
	done
	return 1
}
# wait_file FILE PATTERN: until FILE holds PATTERN (an autosave landed).
wait_file() {
	poll "$(deadline)" file_has "$1" "$2" && return 0
	fail "$1 never held /$2/"
	return 1
}

# widest: the widest line on the screen.
widest() {
	screen | awk '{ if (length($0) > m) m = length($0) } END { print m + 0 }'
}
wider_than() { [ "$(widest)" -gt "$1" ]; }

# click ROW COL: a left click at ROW, COL (0-based, as on the screen) sent
# as the terminal's mouse report (X10: ESC [ M, then button, column and
# row, each plus 32 and 1-based), press then release.
click() {
	_b=$(printf "\\$(printf %o $(($2 + 33)))")
	_r=$(printf "\\$(printf %o $(($1 + 33)))")
	t send-keys -t w -l "$(printf '\033[M ')$_b$_r"
	t send-keys -t w -l "$(printf '\033[M#')$_b$_r"
}
# where_is TEXT: "ROW COL" of the first place TEXT is on the screen.
where_is() {
	screen | awk -v s="$1" '{ i = index($0, s); if (i) { print NR - 1, i - 1; exit } }'
}
