src_libconnreset_a_SOURCES += \
	src/probe/result.c src/probe/result.h \
	src/probe/env.h \
	src/probe/names.c src/probe/names.h
