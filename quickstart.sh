#!/usr/bin/env bash
# connreset quick start.
#   ./quickstart.sh [ARGS...]   install what is missing, build, start connreset
#   ./quickstart.sh check       the same set-up, then the whole test suite
# Re-running is cheap: only what changed is rebuilt.
set -euo pipefail
cd "$(dirname "$0")"

# Build and runtime packages (Debian 12 / Ubuntu names).
build_pkgs=(build-essential autoconf automake autopoint gettext pkg-config
	libncurses-dev libcurl4-openssl-dev libc-ares-dev libcjson-dev
	libssl-dev libcmocka-dev)
# What the tests use: the network lab, the tmux wizard tests, the schema,
# and clang with libFuzzer for the fuzzers (make fuzz, CI's smoke round).
test_pkgs=(python3 python3-jsonschema tmux iproute2 iptables nftables
	dnsmasq-base openssl socat util-linux procps traceroute time
	bind9-dnsutils curl iputils-ping jq clang libclang-rt-14-dev faketime
	chromium)

say() { printf 'quickstart: %s\n' "$*" >&2; }

# Runs a step quietly; on failure shows its output and stops.
step() {
	local log=.quickstart.log
	if ! "$@" >"$log" 2>&1; then
		say "failed: $*"
		tail -n 40 "$log" >&2
		exit 1
	fi
}

missing_pkgs() {
	local p
	for p in "$@"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
			grep -q 'install ok installed' || printf '%s\n' "$p"
	done
}

install_pkgs() {
	local missing
	if ! command -v dpkg-query >/dev/null 2>&1; then
		say "not a Debian-like system: make sure these are installed: $*"
		return 0
	fi
	mapfile -t missing < <(missing_pkgs "$@")
	[ "${#missing[@]}" -eq 0 ] && return 0
	say "installing: ${missing[*]}"
	local apt=(apt-get install -y --no-install-recommends "${missing[@]}")
	if [ "$(id -u)" -eq 0 ]; then
		DEBIAN_FRONTEND=noninteractive apt-get update -qq
		DEBIAN_FRONTEND=noninteractive "${apt[@]}" >/dev/null
	elif command -v sudo >/dev/null 2>&1; then
		sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
		sudo env DEBIAN_FRONTEND=noninteractive "${apt[@]}" >/dev/null
	else
		say "missing packages and no sudo; as root, run:"
		printf '  apt-get install -y %s\n' "${missing[*]}" >&2
		exit 3
	fi
}

build() {
	if [ ! -x configure ] || [ configure.ac -nt configure ]; then
		say "bootstrapping (autoreconf -fi)"
		step autoreconf -fi
	fi
	if [ ! -f config.status ]; then
		say "configuring"
		step ./configure
	fi
	step make -j"$(nproc)"
}

# Prints "N passed, N failed, N skipped" from the automake test logs.
count_tests() {
	local pass fail skip
	pass=$(cat -- tests/*.trs tests/*/*.trs 2>/dev/null | grep -c '^:test-result: PASS' || true)
	fail=$(cat -- tests/*.trs tests/*/*.trs 2>/dev/null | grep -cE '^:test-result: (FAIL|ERROR|XPASS)' || true)
	skip=$(cat -- tests/*.trs tests/*/*.trs 2>/dev/null | grep -c '^:test-result: SKIP' || true)
	printf '%s passed, %s failed, %s skipped\n' "$pass" "$fail" "$skip"
}

if [ "${1:-}" = check ]; then
	shift
	install_pkgs "${build_pkgs[@]}" "${test_pkgs[@]}"
	build
	status=0
	make -j"$(nproc)" check "$@" || status=$?
	if [ "$status" -ne 0 ]; then
		for f in $(grep -lE '^:test-result: (FAIL|ERROR)' tests/*.trs tests/*/*.trs 2>/dev/null); do
			say "---- ${f%.trs}.log"
			tail -n 60 "${f%.trs}.log" >&2 || true
		done
	fi
	count_tests
	exit "$status"
fi

install_pkgs "${build_pkgs[@]}"
build
export CONNRESET_DATADIR="$PWD/data"
exec ./src/connreset "$@"
