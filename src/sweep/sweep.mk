# src/sweep: the sweep that runs every check for one target. One
# check_*.c per check, listed once in checks.c.
src_libconnreset_a_SOURCES += \
	src/sweep/sweep.c src/sweep/sweep.h src/sweep/sweep_int.h \
	src/sweep/check.h src/sweep/checks.c \
	src/sweep/sweep_request.c \
	src/sweep/sweep_check.c src/sweep/sweep_check.h \
	src/sweep/check_proxy.c src/sweep/check_local.c \
	src/sweep/check_dns.c src/sweep/check_tcp.c \
	src/sweep/check_http.c src/sweep/check_tls.c \
	src/sweep/check_variation.c src/sweep/check_mismatch.c \
	src/sweep/check_path.c src/sweep/check_locator.c \
	src/sweep/check_addresses.c src/sweep/check_counters.c \
	src/sweep/check_watch.c src/sweep/check_protocol.c \
	src/sweep/check_clock.c src/sweep/check_redirects.c \
	src/sweep/check_bighello.c src/sweep/check_pmtu.c \
	src/sweep/check_flush.c src/sweep/check_trigger.c

# tests/unit/test_sweep: whole sweeps against loopback servers.
if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test_sweep
TESTS += tests/unit/test_sweep
tests_unit_test_sweep_SOURCES = tests/unit/test_sweep.c \
	tests/unit/netsrv.c tests/unit/netsrv.h
tests_unit_test_sweep_CFLAGS = $(UNIT_CC_FLAGS)
tests_unit_test_sweep_LDADD = $(UNIT_LINK)

# tests/unit/test_checks: the registry (complete, dependencies known, no
# cycle, display order).
check_PROGRAMS += tests/unit/test_checks
TESTS += tests/unit/test_checks
tests_unit_test_checks_SOURCES = tests/unit/test_checks.c
tests_unit_test_checks_CFLAGS = $(UNIT_CC_FLAGS)
tests_unit_test_checks_LDADD = $(UNIT_LINK)
endif
