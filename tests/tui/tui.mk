# tests/tui/tui.mk: the wizard driven for real in tmux (run-tui.sh).
# It skips (77) when tmux is missing or the binary has no wizard.
# run-tui-lab.sh drives it in the network lab's client namespace as
# uid 65534 (skips without root, namespaces or tmux).
TESTS += tests/tui/run-tui.sh tests/tui/run-tui-lab.sh
EXTRA_DIST += tests/tui/run-tui.sh tests/tui/tmux-lib.sh tests/tui/run-tui-lab.sh
