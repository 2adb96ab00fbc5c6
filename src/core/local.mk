src_libconnreset_a_SOURCES += \
	src/core/exitcode.h \
	src/core/i18n.c src/core/i18n.h \
	src/core/xalloc.c src/core/xalloc.h \
	src/core/strbuf.c src/core/strbuf.h \
	src/core/loop.c src/core/loop.h \
	src/core/sanitize.c src/core/sanitize.h \
	src/core/redact.c src/core/redact.h \
	src/core/timeutil.c src/core/timeutil.h \
	src/core/fileutil.c src/core/fileutil.h \
	src/core/textwrap.c src/core/textwrap.h
