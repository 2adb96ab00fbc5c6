src_libconnreset_a_SOURCES += \
	src/cli/cli.c src/cli/cli.h \
	src/cli/options.c src/cli/options.h \
	src/cli/batch.c src/cli/batch.h
