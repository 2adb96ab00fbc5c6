# tests/unit/report.mk
if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test_report tests/unit/test_compare
TESTS += tests/unit/test_report tests/unit/test_compare
tests_unit_test_report_SOURCES = tests/unit/test_report.c
tests_unit_test_report_CFLAGS = $(UNIT_CC_FLAGS)
tests_unit_test_report_LDADD = $(UNIT_LINK)
tests_unit_test_compare_SOURCES = tests/unit/test_compare.c
tests_unit_test_compare_CFLAGS = $(UNIT_CC_FLAGS)
tests_unit_test_compare_LDADD = $(UNIT_LINK)
endif
if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test_report_size
TESTS += tests/unit/test_report_size
tests_unit_test_report_size_SOURCES = tests/unit/test_report_size.c
tests_unit_test_report_size_CFLAGS = $(UNIT_CC_FLAGS)
tests_unit_test_report_size_LDADD = $(UNIT_LINK)
endif
