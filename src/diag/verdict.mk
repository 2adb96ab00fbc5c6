src_libconnreset_a_SOURCES += \
	src/diag/verdict_names.c src/diag/names.h \
	src/diag/verdict.h
