#!/bin/sh
# Copies the seeds of one harness into its working corpus:
#   seed.sh HARNESS SRCDIR DIR
# Seeds are the fixtures in tests/data (with the selector byte the
# harness reads first) and the small hand-made inputs committed in
# tests/fuzz/corpus/HARNESS.
set -eu
h=$1 src=$2 dir=$3
d=$src/tests/data
mkdir -p "$dir"

# seed NAME BYTE FILE...: one seed per file, BYTE (octal, or "") first.
seed() {
	name=$1 byte=$2
	shift 2
	for f in "$@"; do
		[ -f "$f" ] || continue
		{ [ -z "$byte" ] || printf "\\$byte"; cat "$f"; } \
		    >"$dir/seed-$name-$(basename "$f")"
	done
}

case $h in
target)
	n=0
	grep -hv '^#' "$d"/target_*.txt | sed 's/ | .*//' |
	while IFS= read -r line; do
		n=$((n + 1))
		printf '%s' "$line" >"$dir/seed-target-$n"
	done ;;
checklist)
	seed cl "" "$d"/checklist_*.json "$src/data/checklist.json" ;;
session)
	seed s 000 "$d"/session_*.json
	seed e 001 "$d"/evidence_*.json ;;
compare)
	pair() {
		{ cat "$d/compare_$1.json"; printf '\000';
		  cat "$d/compare_$2.json"; } >"$dir/seed-pair-$1-$2"
	}
	pair valid_server_a valid_server_b
	pair valid_clean valid_dns_bad
	pair valid_clean valid_dpi
	pair valid_dpi valid_server_b
	pair edge_other_target valid_clean
	pair malformed valid_clean
	pair valid_clean malformed_fields ;;
proxy)
	seed env0 000 "$d"/proxy_environment_*
	seed env1 200 "$d"/proxy_environment_valid
	seed kv 001 "$d"/proxy_environment_* "$d"/local_os_release_valid
	seed gs2 002 "$d"/proxy_gsettings_*
	seed gs3 202 "$d"/proxy_gsettings_*
	seed kde3 003 "$d"/proxy_kioslaverc_*
	seed kde4 203 "$d"/proxy_kioslaverc_*
	seed sc4 004 "$d"/proxy_scutil_*
	seed sc5 204 "$d"/proxy_scutil_*
	seed rs 006 "$d"/proxy_resolv_* ;;
firewall)
	for b in 000 002 004 006 010; do
		seed "nft$b" $b "$d"/local_nft_*.json
	done
	for b in 001 003 005 007 011; do
		seed "ipt$b" $b "$d"/local_iptables_*.txt
	done ;;
local)
	seed hosts 000 "$d"/local_hosts_* "$d"/dns_hosts_*.txt
	seed hosts2 010 "$d"/local_hosts_*
	for r in "$d"/local_root_*/etc/resolv.conf; do
		[ -f "$r" ] || continue
		n=$(basename "$(dirname "$(dirname "$r")")")
		{ printf '\002'; cat "$r"; } >"$dir/seed-resolv-$n"
	done
	seed r4 003 "$d"/local_route_*
	seed r6 004 "$d"/local_ipv6_route_*
	seed os 005 "$d"/local_os_release_* ;;
cert)
	if command -v openssl >/dev/null 2>&1; then
		for p in "$d"/*.pem; do
			openssl x509 -in "$p" -outform DER \
			    -out "$dir/seed-$(basename "$p" .pem).der" \
			    2>/dev/null || true
		done
	fi ;;
sanitize)
	seed t 000 "$d"/target_malformed.txt "$d"/evidence_malformed_hostile.json
	seed t1 001 "$d"/session_edge_hostile.json ;;
esac
if [ -d "$src/tests/fuzz/corpus/$h" ]; then
	for f in "$src/tests/fuzz/corpus/$h"/*; do
		[ -f "$f" ] && cp "$f" "$dir/seed-corpus-$(basename "$f")"
	done
fi
exit 0
