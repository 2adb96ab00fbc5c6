# tests/unit/net.mk: the libcurl probes against loopback servers.
if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test_http
TESTS += tests/unit/test_http
tests_unit_test_http_SOURCES = tests/unit/test_http.c \
	tests/unit/netsrv.c tests/unit/netsrv.h
tests_unit_test_http_CFLAGS = $(UNIT_CC_FLAGS)
tests_unit_test_http_LDADD = $(UNIT_LINK)
endif
if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test_tls
TESTS += tests/unit/test_tls
tests_unit_test_tls_SOURCES = tests/unit/test_tls.c \
	tests/unit/netsrv.c tests/unit/netsrv.h
tests_unit_test_tls_CFLAGS = $(UNIT_CC_FLAGS)
tests_unit_test_tls_LDADD = $(UNIT_LINK)
endif
