# src/sweep: the sweep that runs every check for one target.
src_libconnreset_a_SOURCES += \
	src/sweep/sweep.c src/sweep/sweep.h src/sweep/sweep_int.h \
	src/sweep/sweep_http.c src/sweep/sweep_net.c src/sweep/sweep_client.c \
	src/sweep/sweep_check.c src/sweep/sweep_check.h

# tests/unit/test_sweep: whole sweeps against loopback servers.
if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test_sweep
TESTS += tests/unit/test_sweep
tests_unit_test_sweep_SOURCES = tests/unit/test_sweep.c \
	tests/unit/netsrv.c tests/unit/netsrv.h
tests_unit_test_sweep_CFLAGS = $(UNIT_CC_FLAGS)
tests_unit_test_sweep_LDADD = $(UNIT_LINK)
endif
