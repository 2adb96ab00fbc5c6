# Shared helpers of the tmux-driven wizard tests (POSIX sh). Set SOCK (a
# private tmux socket name) before use; KEY_DELAY (seconds) paces keys.
# The window under test is always named w.
FAILS=0
STEP=""

t() { tmux -L "$SOCK" "$@"; }
# -J joins lines the terminal wrapped (long paths in distcheck).
screen() { t capture-pane -p -J -t w; }
# The screen with some history (text printed after the wizard ends).
history() { t capture-pane -p -J -S -200 -t w; }
keys() { t send-keys -t w "$@"; sleep "${KEY_DELAY:-0.15}"; }
text() { t send-keys -t w -l "$1"; sleep "${KEY_DELAY:-0.15}"; }
header() { screen | head -n 1; }

fail() {
	echo "FAIL [$STEP]: $*"
	echo "---- screen ----"
	screen
	echo "----------------"
	FAILS=$((FAILS + 1))
}

# wait_for PATTERN [SECONDS]: until the screen shows PATTERN (grep -E).
wait_for() {
	_n=$(( ${2:-10} * 10 ))
	while [ "$_n" -gt 0 ]; do
		screen | grep -Eq -- "$1" && return 0
		sleep 0.1
		_n=$((_n - 1))
	done
	fail "screen never showed /$1/"
	return 1
}

expect() { screen | grep -Eq -- "$1" || fail "screen does not show /$1/"; }
expect_not() { screen | grep -Eq -- "$1" && fail "screen shows /$1/"; }
