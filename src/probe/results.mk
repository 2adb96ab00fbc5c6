src_libconnreset_a_SOURCES += \
	src/probe/result.c src/probe/result.h \
	src/probe/readings.c src/probe/readings.h \
	src/probe/readings_browser.c \
	src/probe/env.h \
	src/probe/names.c src/probe/names.h \
	src/probe/samples.c src/probe/samples.h \
	src/probe/kstat.c src/probe/kstat.h

# The shared readings, table-driven, and the evidence fixtures read
# through them by the verdict and every report section.
if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test_readings
TESTS += tests/unit/test_readings
tests_unit_test_readings_SOURCES = tests/unit/test_readings.c
tests_unit_test_readings_CFLAGS = $(UNIT_CC_FLAGS)
tests_unit_test_readings_LDADD = $(UNIT_LINK)
endif
