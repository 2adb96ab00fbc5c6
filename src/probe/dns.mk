# src/probe/dns.mk: target parsing, DNS through c-ares (one loop binding,
# ares_loop.c), TCP handshakes.
src_libconnreset_a_SOURCES += \
	src/probe/target.c src/probe/target.h
src_libconnreset_a_SOURCES += \
	src/probe/tcp.c src/probe/tcp.h
src_libconnreset_a_SOURCES += \
	src/probe/ares_loop.c src/probe/ares_loop.h \
	src/probe/dns.c src/probe/dns.h \
	src/probe/dns_util.c src/probe/dns_util.h
