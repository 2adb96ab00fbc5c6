src_libconnreset_a_SOURCES += \
	src/probe/sweep.c src/probe/sweep.h src/probe/sweep_int.h \
	src/probe/sweep_http.c src/probe/sweep_net.c src/probe/sweep_client.c \
	src/probe/sweep_check.c src/probe/sweep_check.h \
	src/probe/curlm.h src/probe/dns.h src/probe/http.h src/probe/tcp.h \
	src/probe/tls.h src/probe/target.h

# tests/unit/test_sweep: whole sweeps against loopback servers.
if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test_sweep
TESTS += tests/unit/test_sweep
tests_unit_test_sweep_SOURCES = tests/unit/test_sweep.c \
	tests/unit/netsrv.c tests/unit/netsrv.h
tests_unit_test_sweep_CFLAGS = $(UNIT_CC_FLAGS)
tests_unit_test_sweep_LDADD = $(UNIT_LINK)
endif
