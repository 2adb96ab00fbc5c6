src_libconnreset_a_SOURCES += \
	src/cli/cli.c src/cli/cli.h
