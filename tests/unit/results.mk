# tests/unit/results.mk: readings on the results (repeated attempts, per
# address, reset timing) and the kernel's TCP counters.
if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test_samples
TESTS += tests/unit/test_samples
tests_unit_test_samples_SOURCES = tests/unit/test_samples.c
tests_unit_test_samples_CFLAGS = $(UNIT_CC_FLAGS)
tests_unit_test_samples_LDADD = $(UNIT_LINK)
endif
