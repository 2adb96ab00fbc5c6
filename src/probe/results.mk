src_libconnreset_a_SOURCES += \
	src/probe/result.c src/probe/result.h \
	src/probe/readings.c src/probe/readings.h \
	src/probe/readings_browser.c \
	src/probe/env.h \
	src/probe/names.c src/probe/names.h \
	src/probe/samples.c src/probe/samples.h \
	src/probe/kstat.c src/probe/kstat.h
