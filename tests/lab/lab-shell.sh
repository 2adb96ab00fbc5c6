#!/bin/bash
# A developer's way into the network lab: builds it, checks the wire,
# and starts a shell inside the client namespace; the lab is torn down
# when that shell exits.
#
#   tests/lab/lab-shell.sh            interactive shell in the client
#   tests/lab/lab-shell.sh CMD ARG... run one command in the client
#
# In the shell, "cr URL" runs connreset as uid 65534 the way the lab
# does and prints the verdict; $LAB_CA is the lab CA, $LAB_DIR holds the
# certificates, logs and reports; "lab NODE CMD" runs CMD in another
# node (r1, r2, r3, origin, resolver).
. "$(dirname "$0")/lib.sh"

lab_require
top_builddir=${top_builddir:-$(cd "$LAB_SRC/../.." && pwd)}
CONNRESET_BIN=${CONNRESET_BIN:-$top_builddir/src/connreset}
lab_trap
if ! lab_up; then
	echo "the lab could not be built" >&2
	exit 1
fi
lab_tool_access || exit 1
lab_selfcheck >"$LAB_DIR/selfcheck.log" ||
	echo "warning: the lab self-check failed, see $LAB_DIR/selfcheck.log"

rc="$LAB_DIR/shellrc"
cat >"$rc" <<RC
[ -f /etc/bash.bashrc ] && . /etc/bash.bashrc
PS1='lab-client:\w# '
export LAB_DIR=$LAB_DIR LAB_CA=$LAB_DIR/ca.pem
export CONNRESET_BIN=$CONNRESET_BIN
cr() {
	local out=$LAB_DIR/reports/manual-\$\$.json
	rm -f "\$out"
	setpriv --reuid=$LAB_UID --regid=$LAB_UID --clear-groups -- \\
	    env -i PATH=/usr/bin:/bin HOME=$LAB_DIR/reports LC_ALL=C.UTF-8 \\
	    ${CONNRESET_DATADIR:+CONNRESET_DATADIR=$CONNRESET_DATADIR} \\
	    "\$CONNRESET_BIN" --batch --report "\$out" --format json \\
	    --cacert "\$LAB_CA" --timeout 3 "\$@"
	echo "exit \$?; report \$out"
	[ -f "\$out" ] && /usr/bin/python3 -c 'import json,sys
v=json.load(open(sys.argv[1])).get("verdict", {})
print("verdict:", v.get("symptom"), v.get("cause"), v.get("origin"))' "\$out"
}
lab() {
	local node=\$1
	shift
	nsenter --net=/run/netns/$LAB_PREFIX-\$node -- "\$@"
}
RC

if [ $# -gt 0 ]; then
	lab_exec client bash -c ". '$rc'; \"\$@\"" lab-shell "$@"
	exit $?
fi
cat <<EOF2
Network lab is up (namespaces $LAB_PREFIX-*). You are root in the client.
  cr https://ok.example/          connreset as uid $LAB_UID, verdict shown
  curl --cacert \$LAB_CA https://expired.example/
  dig ok.example; lab r2 iptables -L FORWARD -v -n
Names and behaviours: $LAB_SRC/topology. Logs: $LAB_DIR
Leave the shell to tear the lab down.
EOF2
lab_exec client bash --rcfile "$rc" -i
