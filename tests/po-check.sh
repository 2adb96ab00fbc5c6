#!/bin/sh
# Every language of po/LINGUAS is complete for the sources as they are:
# the catalogue is made afresh from the C files of po/POTFILES.in and from
# data/checklist.json, merged into po/LL.po, and a message that is new,
# changed (fuzzy) or untranslated fails the test. msgfmt -c checks the
# format strings; preformatted texts (--help) and the wizard's key bars
# must fit 80 columns in every language. The test also proves, with a
# message of its own, that a new English string is caught.
srcdir=${top_srcdir:-$(cd "$(dirname "$0")/.." && pwd)}
. "$srcdir/tests/skip.sh"
. "$srcdir/tests/i18n-lib.sh"

for tool in xgettext msgmerge msgfmt msgattrib msgcat; do
	command -v "$tool" >/dev/null 2>&1 ||
	    test_skip "$tool is not installed (Debian package: gettext)"
done
command -v python3 >/dev/null 2>&1 ||
    test_skip "python3 is not installed (Debian package: python3)"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/po-check.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); echo "PASS: $1"; }
bad() { fail=$((fail + 1)); echo "FAIL: $1"; }

langs=$(i18n_langs)
[ -n "$langs" ] || bad "po/LINGUAS names no language"
for l in $langs; do
	[ -f "$srcdir/po/$l.po" ] || bad "po/LINGUAS names $l, but po/$l.po is missing"
done
for f in "$srcdir"/po/*.po; do
	[ -f "$f" ] || continue
	l=$(basename "$f" .po)
	printf '%s\n' $langs | grep -qx "$l" ||
	    bad "po/$l.po exists but po/LINGUAS does not name $l"
done

# The template as 'make update-po' makes it, with the checklist's texts
# taken from data/checklist.json itself (not from a stale po/checklist-msgs.c).
mkdir -p "$tmp/src/po"
python3 "$srcdir/tests/gen-checklist-msgs.py" \
    --input "$srcdir/data/checklist.json" \
    --output "$tmp/src/po/checklist-msgs.c" || bad "the checklist texts cannot be extracted"
grep -v '^#' "$srcdir/po/POTFILES.in" | sed '/^$/d' |
    grep -vx 'po/checklist-msgs.c' >"$tmp/files"
# make_pot OUT [EXTRA.c]: the template of the sources (plus EXTRA.c).
make_pot() {
	xgettext --keyword=_ --keyword=N_ --from-code=UTF-8 \
	    --add-comments=TRANSLATORS: --package-name=connreset \
	    -o "$1" -D "$srcdir" -D "$tmp/src" -f "$tmp/files" \
	    po/checklist-msgs.c ${2:+"$2"}
}
make_pot "$tmp/connreset.pot" || bad "xgettext failed"
n=$(grep -c '^msgid ' "$tmp/connreset.pot")
[ "$n" -gt 500 ] && ok "the template has $n messages" ||
    bad "the template has only $n messages"

# count KIND PO: messages of PO that are KIND (untranslated or only-fuzzy).
count() {
	msgattrib --"$1" --no-obsolete --no-wrap "$2" 2>/dev/null |
	    grep -c '^msgid "..*"$\|^msgid ""$' | awk '{ print ($1 > 0) ? $1 - 1 : 0 }'
}
# first KIND PO: the first few such messages, for the failure message.
first() {
	msgattrib --"$1" --no-obsolete --no-wrap "$2" 2>/dev/null |
	    grep '^msgid ' | sed -n '2,6p'
}

for l in $langs; do
	po=$srcdir/po/$l.po
	[ -f "$po" ] || continue
	if msgfmt -c -o /dev/null "$po" 2>"$tmp/err"; then
		ok "$l: msgfmt -c accepts po/$l.po"
	else
		bad "$l: msgfmt -c: $(head -n 5 "$tmp/err")"
	fi
	msgmerge -q --no-wrap -o "$tmp/$l.po" "$po" "$tmp/connreset.pot" ||
	    { bad "$l: msgmerge failed"; continue; }
	u=$(count untranslated "$tmp/$l.po")
	z=$(count only-fuzzy "$tmp/$l.po")
	if [ "$u" -eq 0 ] && [ "$z" -eq 0 ]; then
		ok "$l: every message of the sources is translated (0 untranslated, 0 fuzzy)"
	else
		bad "$l: $u untranslated and $z fuzzy messages against the sources; run 'make update-po' and translate them in po/$l.po:"
		first untranslated "$tmp/$l.po"
		first only-fuzzy "$tmp/$l.po"
	fi
	if msgfmt --statistics -o /dev/null "$po" 2>&1 |
	    grep -q 'fuzzy\|untranslated'; then
		bad "$l: po/$l.po itself has fuzzy or untranslated messages"
	fi
	# Widths: a preformatted text keeps within 79 columns where the
	# English does; a key bar (the wizard's last line) within 78.
	msgcat --no-wrap "$tmp/$l.po" | python3 -c '
import sys
def unq(s):
    s = s.strip()[1:-1]
    out, i = [], 0
    while i < len(s):
        c = s[i]
        if c == "\\" and i + 1 < len(s):
            n = s[i + 1]
            out.append({"n": "\n", "t": "\t", "\"": "\"", "\\": "\\"}.get(n, n))
            i += 2
        else:
            out.append(c)
            i += 1
    return "".join(out)
ents, cur, key = [], None, None
for line in sys.stdin:
    line = line.rstrip("\n")
    if line.startswith("msgid "):
        cur = {"id": unq(line[6:]), "str": ""}
        ents.append(cur)
        key = "id"
    elif line.startswith("msgstr") and cur is not None:
        key = "str"
        cur["str"] += unq(line[line.index(" ") + 1:])
    elif line.startswith("\"") and cur is not None and key:
        cur[key] += unq(line)
    elif not line.strip():
        key = None
bad = 0
for e in ents:
    i, s = e["id"], e["str"]
    if not i or not s:
        continue
    lines = s.split("\n")
    if "\n" in i and all(len(x) <= 79 for x in i.split("\n")):
        for x in lines:
            if len(x) > 79:
                print("  %d columns: %s" % (len(x), x))
                bad += 1
    if (i.endswith("  q quit") or i.endswith("  F1 keys")) and len(s) > 78:
        print("  key bar of %d columns: %s" % (len(s), s))
        bad += 1
sys.exit(1 if bad else 0)
' >"$tmp/width" && ok "$l: preformatted texts and key bars fit 80 columns" ||
	    { bad "$l: lines too wide for an 80-column screen:"; cat "$tmp/width"; }
done

# The check itself: a new English message is caught as untranslated.
first_lang=$(printf '%s\n' $langs | head -n 1)
if [ -n "$first_lang" ] && [ -f "$srcdir/po/$first_lang.po" ]; then
	cat >"$tmp/src/new.c" <<'EOC'
#define N_(s) (s)
static const char *m = N_("po-check: a new English message without a translation");
EOC
	make_pot "$tmp/new.pot" new.c &&
	    msgmerge -q -o "$tmp/new.po" "$srcdir/po/$first_lang.po" "$tmp/new.pot" &&
	    [ "$(count untranslated "$tmp/new.po")" -ge 1 ] &&
	    first untranslated "$tmp/new.po" | grep -q 'po-check: a new English' &&
	    ok "a new English message is reported as untranslated" ||
	    bad "a new English message went unnoticed"
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
