if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test_cli
TESTS += tests/unit/test_cli
tests_unit_test_cli_SOURCES = tests/unit/test_cli.c
tests_unit_test_cli_CFLAGS = $(UNIT_CC_FLAGS)
tests_unit_test_cli_LDADD = $(UNIT_LINK)
endif
TESTS += tests/cli.sh
EXTRA_DIST += tests/cli.sh
