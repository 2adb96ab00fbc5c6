# Test harness: cmocka unit programs (tests/unit/*.mk), the network lab
# (tests/lab/lab.mk) and the tmux-driven wizard tests (tests/tui/tui.mk).
EXTRA_DIST += tests/data
if !HAVE_CMOCKA
TESTS += tests/no-cmocka.sh
endif
EXTRA_DIST += tests/no-cmocka.sh tests/skip.sh
TESTS += tests/check-potfiles.sh
EXTRA_DIST += tests/check-potfiles.sh
# Hardening: what reports and the command do with odd files and streams.
TESTS += tests/files.sh tests/secrets.sh tests/errors.sh \
	tests/output.sh tests/signals.sh tests/compare.sh
EXTRA_DIST += tests/files.sh tests/secrets.sh tests/errors.sh \
	tests/output.sh tests/signals.sh tests/compare.sh
# Translations: every language of po/LINGUAS complete and fitting 80
# columns (po-check), the command and its reports in each language
# (i18n-cli); tests/unit/checklist.mk keeps po/checklist-msgs.c current.
TESTS += tests/po-check.sh tests/i18n-cli.sh
EXTRA_DIST += tests/po-check.sh tests/i18n-cli.sh tests/i18n-lib.sh \
	tests/check-columns.py
# The HTML reports rendered by headless Chromium (screen and A4 print).
TESTS += tests/render.sh
EXTRA_DIST += tests/render.sh tests/render_html.py
