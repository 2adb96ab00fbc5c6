if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test_core
TESTS += tests/unit/test_core
tests_unit_test_core_SOURCES = tests/unit/test_core.c
tests_unit_test_core_CFLAGS = $(UNIT_CC_FLAGS)
tests_unit_test_core_LDADD = $(UNIT_LINK)
endif
