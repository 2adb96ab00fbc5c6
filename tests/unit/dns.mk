# tests/unit/dns.mk: target parsing, DNS (against an in-test responder on
# 127.0.0.1) and TCP (loopback) probes.
if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test_target
TESTS += tests/unit/test_target
tests_unit_test_target_SOURCES = tests/unit/test_target.c
tests_unit_test_target_CFLAGS = $(UNIT_CC_FLAGS)
tests_unit_test_target_LDADD = $(UNIT_LINK)
endif
if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test_tcp
TESTS += tests/unit/test_tcp
tests_unit_test_tcp_SOURCES = tests/unit/test_tcp.c
tests_unit_test_tcp_CFLAGS = $(UNIT_CC_FLAGS)
tests_unit_test_tcp_LDADD = $(UNIT_LINK)
endif
if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test_dns
TESTS += tests/unit/test_dns
tests_unit_test_dns_SOURCES = tests/unit/test_dns.c
tests_unit_test_dns_CFLAGS = $(UNIT_CC_FLAGS)
tests_unit_test_dns_LDADD = $(UNIT_LINK)
endif
