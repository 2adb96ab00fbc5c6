#!/bin/sh
# Fails when a source file with translatable strings is missing from
# po/POTFILES.in, so no user-visible text escapes translation.
top=${top_srcdir:-$(dirname "$0")/..}
cd "$top" || exit 99
missing=0
for f in $(grep -lE '\b(N?_|ngettext)\("' $(find src -name '*.c' | sort)); do
	if ! grep -qx "$f" po/POTFILES.in; then
		echo "FAIL: $f has translatable strings but is not in po/POTFILES.in"
		missing=1
	fi
done
for f in $(grep -v '^#' po/POTFILES.in); do
	[ -f "$f" ] || { echo "FAIL: po/POTFILES.in lists $f, which does not exist"; missing=1; }
done
[ "$missing" -eq 0 ] && echo "PASS: po/POTFILES.in lists every file with translatable strings"
exit "$missing"
