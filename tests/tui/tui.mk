# tests/tui/tui.mk: the wizard driven for real in tmux (run-tui.sh).
# It skips (77) when tmux is missing or the binary has no wizard.
# run-tui-lab.sh drives it in the network lab's client namespace as
# uid 65534 (skips without root, namespaces or tmux). run-tui-secrets.sh
# checks that passwords and control bytes stay off the terminal and out
# of the session (loopback only). run-tui-i18n.sh runs it in every
# language of po/LINGUAS at 80x24 and checks that long texts wrap whole.
TESTS += tests/tui/run-tui.sh tests/tui/run-tui-lab.sh \
	tests/tui/run-tui-secrets.sh tests/tui/run-tui-i18n.sh
EXTRA_DIST += tests/tui/run-tui.sh tests/tui/tmux-lib.sh \
	tests/tui/run-tui-lab.sh tests/tui/run-tui-secrets.sh \
	tests/tui/run-tui-i18n.sh
