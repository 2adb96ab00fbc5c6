# tests/unit/results.mk: readings on the results: the shared readings
# (where a reset came from, which hop, DNS) against every evidence
# fixture, and those over repeated attempts (per address, reset timing,
# the watch) with the kernel's TCP counters.
if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test_samples
TESTS += tests/unit/test_samples
tests_unit_test_samples_SOURCES = tests/unit/test_samples.c
tests_unit_test_samples_CFLAGS = $(UNIT_CC_FLAGS)
tests_unit_test_samples_LDADD = $(UNIT_LINK)
endif
if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test_readings
TESTS += tests/unit/test_readings
tests_unit_test_readings_SOURCES = tests/unit/test_readings.c
tests_unit_test_readings_CFLAGS = $(UNIT_CC_FLAGS)
tests_unit_test_readings_LDADD = $(UNIT_LINK)
endif
