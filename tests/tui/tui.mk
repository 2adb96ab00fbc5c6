# tests/tui/tui.mk: the wizard driven for real in tmux (run-tui.sh).
# It skips (77) when tmux is missing or the binary has no wizard.
TESTS += tests/tui/run-tui.sh
EXTRA_DIST += tests/tui/run-tui.sh
