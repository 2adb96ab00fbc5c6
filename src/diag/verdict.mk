src_libconnreset_a_SOURCES += \
	src/diag/verdict_names.c src/diag/names.h \
	src/diag/verdict.h src/diag/verdict_int.h \
	src/diag/verdict.c src/diag/verdict_rules.c \
	src/diag/verdict_conn.c src/diag/verdict_samples.c \
	src/diag/verdict_browser.c \
	src/diag/verdict_size.c \
	src/diag/evidence.c src/diag/evidence.h
