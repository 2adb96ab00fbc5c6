# tests/skip.sh: how a test script says it cannot run here. Sourced.
#
#   test_skip "reason"
#
# Prints "SKIP: reason" and exits 77, the automake code for a skip. In CI
# (CI=true) as root every tool the tests use is installed by
# ./quickstart.sh, so a test that would skip there is a broken set-up, not
# a pass: it prints "FAIL: would skip: reason" and exits 1 instead.
test_skip() {
	if [ "${CI:-}" = true ] && [ "$(id -u)" = 0 ]; then
		echo "FAIL: would skip in CI: $*"
		exit 1
	fi
	echo "SKIP: $*"
	exit 77
}
