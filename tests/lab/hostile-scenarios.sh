#!/bin/bash
# Hostile peers: nothing a server sends may drive the terminal or poison
# a report. Builds its own lab instance from the lab's topology plus a
# node "hostile" (off r3) that runs servers.py's hostile kinds:
#
#   hostile.example      HTTP: a Server header and an X-Hostile header
#                        full of escapes (OSC 0 window title, clear
#                        screen, C1 CSI U+009B, U+202E, markup, invalid
#                        UTF-8), a 64 KiB header line, part of the body,
#                        then a reset
#   hostile-tls.example  TLS: a self-signed certificate whose CN, O, OU
#                        and a subjectAltName carry ESC, BEL, C1 bytes,
#                        U+202E, <script>, ](javascript:...) and
#                        backticks (made with the openssl CLI from a
#                        config file of UTF8Strings); then the same
#                        hostile HTTP answer
#
# connreset --batch runs as uid 65534 against both (and once more with
# the hostile certificate trusted, so the hostile HTTP answer comes over
# TLS), writing text, Markdown, JSON and HTML from one sweep. Checked:
# stdout, stderr and every report hold no ESC, BEL, C1 control, U+202E
# or invalid UTF-8; the hostile strings did arrive (escaped); the HTML
# has no live tag from the peer; the Markdown no live link or tag; the
# JSON validates against data/report.schema.json; the exit code is 1.
# Then the wizard runs in tmux against hostile.example: the window title
# stays, the screen is not cleared and shows the escaped form.
#
# Needs root and the lab's tools (tmux for the wizard part); otherwise it
# prints "SKIP: ..." and exits 77. Environment: as run-lab.sh
# (CONNRESET_BIN, CONNRESET_DATADIR, LAB_KEEP=1).
set -u
LIB=${CLIENT_LAB_LIB:-$(dirname "$0")/lib.sh}
# shellcheck source=lib.sh
. "$LIB"

lab_require

top_builddir=${top_builddir:-$(cd "$LAB_SRC/../.." && pwd)}
top_srcdir=${top_srcdir:-$(cd "$LAB_SRC/../.." && pwd)}
CONNRESET_BIN=${CONNRESET_BIN:-$top_builddir/src/connreset}
CONNRESET_DATADIR=${CONNRESET_DATADIR:-$top_srcdir/data}
LAB_SCHEMA=${LAB_SCHEMA:-$CONNRESET_DATADIR/report.schema.json}
HTTP_ADDR=203.0.113.40
TLS_ADDR=203.0.113.41
PASSES=0
FAILS=0

if [ ! -x "$CONNRESET_BIN" ]; then
	echo "FAIL: no connreset binary at $CONNRESET_BIN"
	exit 1
fi

pass() { echo "PASS $*"; PASSES=$((PASSES + 1)); }
flunk() { echo "FAIL $*"; FAILS=$((FAILS + 1)); }

# The lab's topology with the hostile node and its two names.
hostile_topology() {
	cat "$1" >"$2"
	cat >>"$2" <<-EOF

	# ---- hostile-scenarios.sh ----
	node hostile
	link r3 hostile 198.18.0.28/30
	addr hostile $HTTP_ADDR/32
	addr hostile $TLS_ADDR/32
	dns resolver hostile.example     $HTTP_ADDR
	dns resolver hostile-tls.example $TLS_ADDR
	EOF
}

# A self-signed certificate with hostile names. Backticks are quotes in
# openssl's config syntax, hence \`. Fails unless openssl really put the
# raw bytes (ESC, BEL, C1, U+202E, markup, backticks) in.
hostile_cert() {
	local d=$LAB_DIR
	{
		printf '[req]\nprompt = no\nutf8 = yes\n'
		printf 'string_mask = utf8only\ndistinguished_name = dn\n'
		printf 'x509_extensions = ext\n[dn]\n'
		printf 'CN = e\033]0;pwned\007\033[2J\302\233\342\200\256'
		printf '<script>x</script>\n'
		printf 'O = ](javascript:alert(1)) \\`id\\` \302\205\033[31m\n'
		printf 'OU = [click](javascript:alert(2))<img src=x '
		printf 'onerror=alert(3)>\n'
		printf '[ext]\nbasicConstraints = critical, CA:TRUE\n'
		printf 'subjectAltName = @alt\n[alt]\n'
		printf 'DNS.1 = hostile-tls.example\n'
		printf 'DNS.2 = san\033[2J\007<script>y\n'
	} >"$d/hostile.cnf"
	openssl req -x509 -newkey rsa:2048 -nodes -sha256 -days 7 \
	    -config "$d/hostile.cnf" -keyout "$d/hostile.key" \
	    -out "$d/hostile.pem" >"$d/hostile-openssl.log" 2>&1 || return 1
	chmod 0644 "$d/hostile.pem"
	openssl x509 -in "$d/hostile.pem" -noout -subject -ext subjectAltName \
	    -nameopt RFC2253,-esc_msb,-esc_ctrl >"$d/hostile-subject" ||
	    return 1
	"$LAB_PY" - "$d/hostile-subject" <<-'PY'
	import sys
	b = open(sys.argv[1], "rb").read()
	want = [b"e\x1b]0", b"pwned\x07\x1b[2J", b"\xc2\x9b", b"\xc2\x85", b"\xe2\x80\xae",
	        b"<script", b"](javascript:", b"`id`", b"<img",
	        b"san\x1b[2J\x07"]
	miss = [w for w in want if w not in b]
	if miss:
	    sys.exit("openssl left out %r" % miss)
	PY
}

# The hostile listeners, on their own node, once the certificate exists.
hostile_start() {
	lab_exec hostile "$LAB_PY" "$LAB_SRC/servers.py" --certdir "$LAB_DIR" \
	    --ready "$LAB_DIR/ready-hostile-kinds" \
	    "hostile@$HTTP_ADDR:80" "hostiletls:hostile@$TLS_ADDR:443" \
	    >"$LAB_DIR/servers-hostile-kinds.log" 2>&1 &
	echo $! >>"$LAB_DIR/pids"
	lab_wait_ready "$LAB_DIR/ready-hostile-kinds"
}

# The behaviours on the wire, with curl and openssl, not connreset.
hostile_selfcheck() {
	local c="curl -sS -o /dev/null --max-time 5"
	local fails=0
	wire_check hostile_reset 56 $c http://hostile.example/ ||
	    fails=$((fails + 1))
	wire_check hostile_headers 0 sh -c "curl -s -D - -o /dev/null \
	    --max-time 5 http://hostile.example/ | grep -q \"\$(printf \
	    'Server: evil/1.0 \\033]0;pwned\\007')\"" || fails=$((fails + 1))
	wire_check hostile_tls_untrusted 60 $c --cacert "$LAB_DIR/ca.pem" \
	    https://hostile-tls.example/ || fails=$((fails + 1))
	wire_check hostile_tls_reset 56 $c --cacert "$LAB_DIR/hostile.pem" \
	    https://hostile-tls.example/ || fails=$((fails + 1))
	return $fails
}

# hostile_run NAME URL CAFILE: connreset --batch as uid 65534, one sweep,
# four report formats.
hostile_run() {
	local out=$LAB_DIR/reports/$1
	timeout -k 5 "${LAB_TOOL_LIMIT:-60}" \
	    ip netns exec "$(lab_ns client)" \
	    setpriv --reuid=$LAB_UID --regid=$LAB_UID --clear-groups -- \
	    env -i PATH=/usr/bin:/bin HOME="$LAB_DIR/reports" LC_ALL=C.UTF-8 \
	    CONNRESET_DATADIR="$CONNRESET_DATADIR" \
	    "$CONNRESET_BIN" --batch -r "$out.txt" -r "$out.md" \
	    -r "$out.json" -r "$out.html" --cacert "$3" --timeout 3 "$2" \
	    >"$out.out" 2>"$out.err"
	echo $? >"$out.rc"
}

# Checks every file of one run; prints PASS/FAIL lines and, as its last
# line, "counts PASSES FAILS".
cat_checker() {
	cat >"$LAB_DIR/check-hostile.py" <<-'PY'
	import json, re, sys
	import jsonschema
	base, schema, expect = sys.argv[1], sys.argv[2], sys.argv[3:]
	name = base.rsplit("/", 1)[1]
	ok = bad = 0
	def check(cond, what):
	    global ok, bad
	    print("%s %s: %s" % ("PASS" if cond else "FAIL", name, what))
	    if cond:
	        ok += 1
	    else:
	        bad += 1
	raw = {}
	for ext in ("out", "err", "txt", "md", "json", "html"):
	    try:
	        raw[ext] = open("%s.%s" % (base, ext), "rb").read()
	    except OSError as e:
	        check(False, "no %s output (%s)" % (ext, e))
	rc = open(base + ".rc").read().strip()
	check(rc == "1", "exit code is 1 (a problem diagnosed), got " + rc)
	rawbad = [(b"\x1b", "ESC"), (b"\x07", "BEL"), (b"\xe2\x80\xae", "U+202E")]
	for ext, b in sorted(raw.items()):
	    found = [n for s, n in rawbad if s in b]
	    if re.search(b"\xc2[\x80-\x9f]", b):
	        found.append("C1 control")
	    try:
	        b.decode("utf-8")
	    except UnicodeDecodeError as e:
	        found.append("invalid UTF-8 at byte %d" % e.start)
	    check(not found, "%s holds no %s" % (ext, "/".join(found) or
	          "ESC, BEL, C1, U+202E or invalid UTF-8"))
	html = raw.get("html", b"").decode("utf-8", "replace")
	check(not re.search(r"<\s*(script|img)\b", html, re.I),
	      "the HTML has no <script> or <img> tag")
	check(not re.search(r"href\s*=\s*[\"']?\s*javascript:", html, re.I),
	      "the HTML has no javascript: link")
	md = raw.get("md", b"").decode("utf-8", "replace")
	# Code blocks and spans are inert; look at the rest.
	prose = re.sub(r"(?ms)^(`{3,})[^\n]*\n.*?^\1\s*$", "", md)
	prose = re.sub(r"(?<!\\)(`+)(?!`).*?(?<!`)\1(?!`)", "", prose)
	# An even number of backslashes leaves the next character live.
	live = r"(?:^|[^\\])(?:\\\\)*"
	check(not re.search(live + r"\]\(\s*<?\s*javascript:", prose,
	      re.I | re.M), "the Markdown has no live javascript: link")
	check(not re.search(live + r"<\s*(script|img)\b", prose, re.I | re.M),
	      "the Markdown has no raw <script> or <img> tag")
	check("javascript:" in md and "&lt;script" in html,
	      "the hostile text is in the Markdown and the HTML, escaped")
	doc = None
	try:
	    doc = json.loads(raw.get("json", b""))
	    jsonschema.validate(doc, json.load(open(schema)))
	    check(True, "the JSON is valid and matches the schema")
	except (ValueError, jsonschema.ValidationError) as e:
	    check(False, "the JSON: %s" % str(e).split("\n")[0])
	def strings(v):
	    if isinstance(v, dict):
	        v = list(v.values())
	    if isinstance(v, list):
	        return "\n".join(strings(x) for x in v)
	    return v if isinstance(v, str) else ""
	# The hostile strings did arrive, in their escaped form.
	text = strings(doc)
	for e in expect:
	    check(re.search(e, text, re.M) is not None, "the JSON report shows /%s/" % e)
	print("counts %d %d" % (ok, bad))
	PY
}

# check_run NAME EXPECTED-STRING...: the checker on one run.
check_run() {
	local line
	while IFS= read -r line; do
		case $line in
		"counts "*)
			set -- $line
			PASSES=$((PASSES + $2))
			FAILS=$((FAILS + $3))
			;;
		*) echo "$line" ;;
		esac
	done < <("$LAB_PY" "$LAB_DIR/check-hostile.py" \
	    "$LAB_DIR/reports/$1" "$LAB_SCHEMA" "${@:2}" 2>&1)
}

lab_trap
TOPO=$(mktemp "${TMPDIR:-/tmp}/connreset-hostile-topo.XXXXXX")
hostile_topology "$LAB_TOPOLOGY" "$TOPO"
LAB_TOPOLOGY=$TOPO
if ! lab_up || ! lab_tool_access; then
	echo "FAIL: the lab could not be built"
	rm -f "$TOPO"
	LAB_KEEP=1
	exit 1
fi
rm -f "$TOPO"
echo "lab: namespaces $LAB_PREFIX-*, files in $LAB_DIR"
if ! hostile_cert; then
	echo "FAIL: openssl did not make the hostile certificate:"
	tail -n 3 "$LAB_DIR/hostile-openssl.log"
	exit 1
fi
pass "openssl put ESC, BEL, C1, U+202E, markup and backticks in the cert"
if ! hostile_start; then
	echo "FAIL: the hostile servers did not start"
	tail -n 3 "$LAB_DIR/servers-hostile-kinds.log"
	exit 1
fi
if ! hostile_selfcheck; then
	echo "FAIL: the lab itself does not behave as designed (see above)"
	exit 1
fi

pids=()
hostile_run http http://hostile.example/ "$LAB_DIR/ca.pem" &
pids+=($!)
hostile_run tls https://hostile-tls.example/ "$LAB_DIR/ca.pem" &
pids+=($!)
hostile_run tls_trusted https://hostile-tls.example/ "$LAB_DIR/hostile.pem" &
pids+=($!)
wait "${pids[@]}"

cat_checker
# Expected in the JSON (regular expressions). openssl itself writes the
# certificate's C0 controls as \1B (RFC 2253); the rest is the sanitizer.
SERVER='^evil/1[.]0 \\x1b\]0;pwned\\x07\\x1b\[2J\\u009b31m\\u202e'
SERVER="$SERVER"'<script>alert\(1\)</script>\]\(javascript:alert\(1\)\)'
SERVER="$SERVER"'`id`\\x80\\xc0\\xaf\\xff$'
CERT='CN=e\\(1B|x1b)\]0\\?;pwned\\(07|x07)\\(1B|x1b)\[2J'
CERT="$CERT"'\\u009b\\u202e'
check_run http "$SERVER"
check_run tls "$CERT" 'O=.*`id` \\u0085' 'san\\x1b\[2J\\x07<script>y'
check_run tls_trusted "$SERVER" "$CERT"

# ---- the wizard in tmux ----
SOCK="connreset-hostile-$$"
TERM_NAME=screen
infocmp tmux-256color >/dev/null 2>&1 && TERM_NAME=tmux-256color

# wizard_start URL: the wizard as uid 65534 in the client namespace, in a
# fresh 100x40 window w whose every output byte goes to $WORK/pane-raw.
# The pane waits on the tmux channel w-go until pipe-pane is in place, so
# that no byte is missed however slow the machine (a signal sent first is
# kept until the wait).
wizard_start() {
	local cmd
	cmd="cd '$WORK' && ip netns exec '$(lab_ns client)' setpriv"
	cmd="$cmd --reuid=$LAB_UID --regid=$LAB_UID --clear-groups -- env -i"
	cmd="$cmd PATH=/usr/bin:/bin HOME='$WORK' TERM=$TERM_NAME"
	cmd="$cmd LC_ALL=C.UTF-8 XDG_STATE_HOME='$WORK/state'"
	cmd="$cmd CONNRESET_DATADIR='$CONNRESET_DATADIR' '$CONNRESET_BIN'"
	cmd="$cmd --cacert '$LAB_DIR/ca.pem' --timeout 3 '$1'"
	# The server must outlive its last session: without this it exits
	# when the old one is killed and the new session races its socket.
	t set-option -g exit-empty off 2>/dev/null
	t kill-session -t w 2>/dev/null
	: >"$WORK/pane-raw"
	t -f /dev/null new-session -d -s w -x 100 -y 40 \
	    "tmux -L '$SOCK' wait-for w-go && $cmd; echo CONNRESET-EXIT=\$?; \
	    sleep 600"
	t pipe-pane -t w -o "cat >>'$WORK/pane-raw'"
	t wait-for -S w-go
}

# wizard_check NAME URL PATTERN...: the checks view and the verdict of one
# hostile origin; each PATTERN must show on the verdict screen.
wizard_check() {
	local name=$1 url=$2 title0 title pat
	shift 2
	STEP=$name
	wizard_start "$url"
	wait_for 'What do you see in the browser' || return
	title0=$(t display -p -t w '#{pane_title}')
	keys Down Down Down Enter
	wait_for 'Automated checks' || return
	wait_for 'Which hop sends the reset +(pass|fail|warn|info|skipped)' 25 || return
	# The locator starts at the first failed attempt: the request's
	# other attempts may still be running when it ends.
	wait_for 'The request, as a browser sends it +(pass|fail|warn|info|skipped)' 25 || return
	CHECKS_SCREEN=$(screen)
	keys v
	wait_for 'connreset \| Verdict' || return
	wait_for 'Escalate to:' || return
	for pat in "$@"; do
		if screen | grep -Eq -- "$pat"; then
			pass "$name: the verdict screen shows /$pat/"
		else
			fail "$name: the verdict screen does not show /$pat/"
		fi
	done
	VERDICT_SCREEN=$(screen)
	title=$(t display -p -t w '#{pane_title}')
	if [ "$title" = "$title0" ] && [ "$title" != pwned ]; then
		pass "$name: the window title stayed \"$title\""
	else
		flunk "$name: the window title became \"$title\""
	fi
	keys q
	wait_for 'CONNRESET-EXIT=' 5
	if history | grep -q 'CONNRESET-EXIT=1$'; then
		pass "$name: the wizard exited 1 (a problem diagnosed)"
	else
		flunk "$name: the wizard did not exit 1"
	fi
	"$LAB_PY" - "$WORK/pane-raw" "$name" <<-'PY'
	import re, sys
	b = open(sys.argv[1], "rb").read()
	bad = [n for s, n in ((b"\x1b]0;pwned", "OSC 0 title"),
	       (b"pwned\x07", "BEL"), (b"\xc2\x9b", "C1 CSI"),
	       (b"\xc2\x85", "C1 NEL"), (b"\xe2\x80\xae", "U+202E"),
	       (b"\xff", "invalid UTF-8")) if s in b]
	ok = len(b) > 1000 and not bad
	print("%s %s: the terminal got %d bytes%s" % ("PASS" if ok else "FAIL",
	      sys.argv[2], len(b), ", with " + "/".join(bad) if bad else
	      ", none of the peer's escapes"))
	sys.exit(0 if ok else 1)
	PY
	if [ $? = 0 ]; then PASSES=$((PASSES + 1)); else FAILS=$((FAILS + 1)); fi
}

if ! command -v tmux >/dev/null 2>&1; then
	echo "SKIP wizard: tmux is not installed (Debian package: tmux)"
else
	WORK=$LAB_DIR/reports
	mkdir -p "$WORK/state"
	chown "$LAB_UID:$LAB_UID" "$WORK/state"
	# tmux-lib.sh sets FAILS=0; its fail() counts there too.
	FAILS0=$FAILS
	# shellcheck source=../tui/tmux-lib.sh
	. "$LAB_SRC/../tui/tmux-lib.sh"
	trap 't kill-server 2>/dev/null; lab_down' EXIT
	wizard_check wizard_http http://hostile.example/ \
	    'reset in the middle of the reply|reset after [0-9]+ bytes'
	if echo "$CHECKS_SCREEN" | grep -q 'fail *reset after [0-9]* bytes'; then
		pass "wizard_http: the checks view shows the reset mid-body"
	else
		fail "the checks view does not show the reset mid-body"
	fi
	# The certificate's names are on the verdict screen, escaped.
	wizard_check wizard_tls https://hostile-tls.example/ \
	    'The certificate for OU=\[click\]' 'pwned\\(07|x07)' \
	    '\\u009b\\u202e' '\\u0085'
	FAILS=$((FAILS0 + FAILS))
	[ -n "${HOSTILE_SHOW:-}" ] && printf '%s\n' "$CHECKS_SCREEN" \
	    "$VERDICT_SCREEN"
	t kill-server 2>/dev/null
fi

echo "$PASSES passed, $FAILS failed"
[ "$FAILS" -eq 0 ] || exit 1
exit 0
