#!/bin/sh
# The wizard in every language of po/LINGUAS (German, and Spanish once it
# is there), driven in tmux at 80x24: each screen shows its texts in that
# language, and the long ones whole (wrapped, not cut): the first screen's
# introduction, the key help, the checks, a step with its reason and its
# buttons, the verdict, the export and note dialogs, the success screen,
# the case summary and the line printed on quitting. The labelled values
# of the verdict and the case summary start at one column, by display
# width (tests/check-columns.py): "Síntoma:" is 9 bytes but 8 columns.
#
# Loopback only (a closed port on 127.0.0.1). Messages come with
# LANGUAGE=LL under LC_ALL=C.UTF-8 from catalogues built from po/LL.po.
set -u
srcdir=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$srcdir/tests/skip.sh"
. "$srcdir/tests/i18n-lib.sh"

for tool in tmux msgfmt msggrep gettext jq python3; do
	command -v "$tool" >/dev/null 2>&1 ||
	    test_skip "$tool is not installed (Debian: tmux, gettext, jq, python3)"
done
BIN=${CONNRESET_BIN:-${top_builddir:-.}/src/connreset}
case $BIN in /*) ;; *) BIN=$(pwd)/$BIN ;; esac
[ -x "$BIN" ] || { echo "FAIL: $BIN is not built"; exit 1; }
DATA=${CONNRESET_DATADIR:-$srcdir/data}

TMP=$(mktemp -d "${TMPDIR:-/tmp}/connreset-tui-i18n.XXXXXX")
SOCK="connreset-i18n-$$"
cleanup() {
	tmux -L "$SOCK" kill-server 2>/dev/null
	rm -rf "$TMP"
}
trap cleanup EXIT INT TERM
. "$(dirname "$0")/tmux-lib.sh"
i18n_catalogs "$TMP/locale" || exit 1

# squeeze: text on one line with single spaces (wrapped text joined).
squeeze() { tr '\n' ' ' | tr -s ' '; }
# The screen as one line; the inside of a box (between its first and last
# vertical bars) as one line.
flat() { screen | squeeze; }
boxed() { screen | sed -n 's/^[^│]*│\(.*\)│[^│]*$/\1/p' | squeeze; }
has_flat() { flat | grep -qF -- "$1"; }
has_boxed() { boxed | grep -qF -- "$1"; }

# The key bars of this language: every translation of a message that
# ends in "q quit" or "F1 keys" (the wizard's last line), one a line.
footers() {
	msggrep --no-wrap --msgid -E -e '(q quit|F1 keys)$' "$srcdir/po/$1.po" |
	    sed -n 's/^msgstr "\(..*\)"$/\1/p'
}
footer() { screen | tail -n 1 | sed 's/^ *//; s/ *$//'; }
footer_known() { _f=$(footer); [ -n "$_f" ] && grep -qxF -- "$_f" "$TMP/footers.$L"; }
footer_new() { footer_known && [ "$(footer)" != "$1" ]; }
# next_screen KEY...: sends the keys and waits until the key bar is
# another whole translated one (the next screen is drawn).
next_screen() {
	_from=$(footer)
	keys "$@"
	poll "$(deadline)" footer_new "$_from" ||
	    fail "$L: after '$*' the key bar is not a whole translated one: $(footer)"
}

CHECKS=0
GONE=0
# tr_of MSGID: sets TR to its translation in $L, squeezed. A message the
# sources no longer have (another change reworded it) is noted and its
# check left out; one the sources have but $L does not translate fails.
tr_of() {
	CHECKS=$((CHECKS + 1))
	if i18n_translated "$L" "$1"; then
		TR=$(i18n_gettext "$L" "$1" | squeeze | sed 's/ $//')
		return 0
	fi
	if msggrep --msgid -F -e "$1" "$srcdir/po/$L.po" 2>/dev/null |
	    grep -q '^msgid'; then
		fail "$L has no translation of '$1'"
	else
		GONE=$((GONE + 1))
		echo "NOTE: the sources no longer have the test's message '$1'"
	fi
	return 1
}
# whole MSGID: the screen shows its translation whole (any wrapping).
whole() {
	tr_of "$1" || return 0
	poll "$(deadline)" has_flat "$TR" ||
	    fail "$L: the screen does not show whole: $TR"
}
# in_box MSGID: a box on the screen shows its translation whole.
in_box() {
	tr_of "$1" || return 0
	poll "$(deadline)" has_boxed "$TR" ||
	    fail "$L: the box does not show whole: $TR"
}
good_or_still() { has_flat "${good:-@}" || has_flat "${still:-@}"; }
# shows_text TEXT: the screen shows TEXT (squeezed) whole.
shows_text() {
	_t=$(printf '%s' "$1" | squeeze | sed 's/ $//')
	poll "$(deadline)" has_flat "$_t" ||
	    fail "$L: the screen does not show whole: $_t"
}

# aligned MSGID...: on the screen, the values after these labels (in
# $L) start at one column; in es and de some label has an accent.
aligned() {
	_labels=
	for _m in "$@"; do
		_labels="$_labels$(i18n_gettext "$L" "$_m")
"
	done
	screen >"$TMP/screen.$L"
	case $L in es|de) _acc=--accented ;; *) _acc= ;; esac
	printf '%s' "$_labels" | (IFS='
'; set -f; python3 "$srcdir/tests/check-columns.py" $_acc fields \
	    "$TMP/screen.$L" $(cat)) >"$TMP/cols" 2>&1 ||
	    fail "$L: values out of line: $(cat "$TMP/cols")"
}

start() {
	t set-option -g exit-empty off 2>/dev/null
	t kill-session -t w 2>/dev/null
	t -f /dev/null new-session -d -s w -x 80 -y 24 \
	    "cd '$TMP' && env XDG_STATE_HOME='$TMP/state.$L' \
	    CONNRESET_DATADIR='$DATA' CONNRESET_LOCALEDIR='$I18N_DIR' \
	    LANGUAGE='$L' LC_ALL=C.UTF-8 '$BIN' $*; \
	    echo CONNRESET-EXIT=\$?; sleep 600"
}

first_title=$(jq -r '.steps[0].title' "$DATA/checklist.json")
first_why=$(jq -r '.steps[0].why' "$DATA/checklist.json")
langs=$(i18n_langs)
[ -n "$langs" ] || { echo "FAIL: po/LINGUAS names no language"; exit 1; }

for L in $langs; do
	footers "$L" >"$TMP/footers.$L"
	[ -s "$TMP/footers.$L" ] || { fail "$L: po/$L.po has no key bars"; continue; }
	STEP="$L: first screen"
	start "http://127.0.0.1:1/"
	poll "$(deadline)" footer_known ||
	    { fail "$L: the first screen has no whole translated key bar"; continue; }
	whole "What do you see in the browser?"
	whole "connreset checks the address in the background while you answer. Then it walks you through the checklist one step at a time and tells you where the reset comes from and whom to ask for help. Everything is saved as you go."
	keys F1
	STEP="$L: key help"
	in_box "move between the questions"
	in_box "show the keys (? and q type into the address)"
	in_box "Press any key to close. Mouse clicks work on buttons."
	keys Escape
	keys Down Down Down

	STEP="$L: checks"
	next_screen Enter
	whole "Automated checks"
	whole "Every check, live. Enter goes on to the checklist (it answers nothing)."
	keys '?'
	in_box "watch the request: once a second for 10 minutes, with its failure rate and timeline; w again ends it"
	in_box "quit (the case is saved: connreset --resume)"
	keys Escape

	STEP="$L: step"
	next_screen Enter
	shows_text "$(i18n_gettext "$L" "$first_title")"
	shows_text "$(i18n_gettext "$L" "$first_why")"
	whole "Your device"
	whole "Why this helps"
	for b in "Fixed it (f)" "Didn't help (d)" "Skip (s)" "Note (n)"; do
		whole "$b"
	done
	keys '?'
	in_box "run the step's automated check again"
	in_box "previous / next step without answering"
	keys Escape
	keys n
	whole "Note for this step"
	whole "Enter keeps the note, Esc cancels."
	keys Escape

	STEP="$L: verdict"
	next_screen v
	whole "Why we think so"
	aligned "Symptom:" "Cause:" "Origin:" "Confidence:" "Escalate to:"
	next_screen Escape
	STEP="$L: export"
	keys e
	whole "Export a report"
	whole "Enter writes the file, Esc cancels."
	keys Escape

	STEP="$L: fixed"
	# With the checks still seeing a fault, "fixed" asks first (y/n).
	keys f
	ask=$(i18n_gettext "$L" "The checks still see a fault: %s.

Does the site work for %s now? Both are recorded: your answer and what the checks saw. (y/n)" | sed -n '1s/ *%s.*//p')
	if [ -n "$ask" ] && poll 50 has_flat "$ask"; then
		whole "Please confirm"
		next_screen y
	else
		poll "$(deadline)" footer_known
	fi
	tr_of "Good news: it works again." && good=$TR
	tr_of "It works for you now, but the checks still see a fault." &&
	    still=$TR
	poll "$(deadline)" good_or_still || fail "$L: the success screen shows neither '$good' nor '$still'"
	whole "Press e to export a report of what was found and what fixed it, Enter for the case summary, Esc to go back to the step, q to quit."
	STEP="$L: summary"
	next_screen Enter
	whole "CASE SUMMARY"
	aligned "Target:" "They see:" "Verdict:" "Cause:" "Escalate to:"
	t resize-window -t w -x 60 -y 20
	STEP="$L: too small"
	tr_of "terminal too small (need %dx%d)" &&
	    TR=$(printf '%s' "$TR" | sed 's/%dx%d/80x24/') &&
	    { poll "$(deadline)" has_flat "$TR" || fail "$L: no '$TR'"; }
	t resize-window -t w -x 80 -y 24

	STEP="$L: quit"
	keys q
	wait_for 'CONNRESET-EXIT=' 10
	history | grep -q 'connreset --resume' ||
	    fail "$L: no word on how to resume after quitting"
	echo "PASS: the wizard in $L"
done

# Other changes may reword what this test looks for; most of it must
# still be there, or the test has stopped testing.
if [ $((GONE * 3)) -gt "$CHECKS" ]; then
	fail "$GONE of $CHECKS of this test's messages are gone from the sources: update tests/tui/run-tui-i18n.sh"
fi

if [ "$FAILS" -gt 0 ]; then
	echo "FAIL: $FAILS check(s) failed"
	exit 1
fi
echo "PASS: the wizard speaks $(echo $langs) at 80x24"
exit 0
