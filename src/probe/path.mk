# src/probe/path.mk: traceroute (path), reset locator, RST forensics
# (rstcap), their unit tests.
src_libconnreset_a_SOURCES += src/probe/path.c src/probe/path.h \
	src/probe/path_hops.c src/probe/path_rdns.c src/probe/path_rdns.h \
	src/probe/asn.c src/probe/asn.h \
	src/probe/path_reask.c src/probe/path_reask.h \
	src/probe/locator.c src/probe/locator.h src/probe/locator_conclude.c \
	src/probe/rstcap.c src/probe/rstcap.h

if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test_path
TESTS += tests/unit/test_path
tests_unit_test_path_SOURCES = tests/unit/test_path.c
tests_unit_test_path_CFLAGS = $(UNIT_CC_FLAGS)
tests_unit_test_path_LDADD = $(UNIT_LINK)
endif

# A driver for the lab and for manual runs; built by "make check" only.
check_PROGRAMS += tests/unit/path_cli
tests_unit_path_cli_SOURCES = tests/unit/path_cli.c
tests_unit_path_cli_LDADD = src/libconnreset.a $(DEPS_LIBS)

if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test_locator
TESTS += tests/unit/test_locator
tests_unit_test_locator_SOURCES = tests/unit/test_locator.c
tests_unit_test_locator_CFLAGS = $(UNIT_CC_FLAGS)
tests_unit_test_locator_LDADD = $(UNIT_LINK)
endif

if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test_rstcap
TESTS += tests/unit/test_rstcap
tests_unit_test_rstcap_SOURCES = tests/unit/test_rstcap.c
tests_unit_test_rstcap_CFLAGS = $(UNIT_CC_FLAGS)
tests_unit_test_rstcap_LDADD = $(UNIT_LINK)
endif

if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test_asn
TESTS += tests/unit/test_asn
tests_unit_test_asn_SOURCES = tests/unit/test_asn.c
tests_unit_test_asn_CFLAGS = $(UNIT_CC_FLAGS)
tests_unit_test_asn_LDADD = $(UNIT_LINK)
endif
