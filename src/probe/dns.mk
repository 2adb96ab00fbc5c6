# src/probe/dns.mk: target parsing, DNS through c-ares, TCP handshakes.
src_libconnreset_a_SOURCES += \
	src/probe/target.c src/probe/target.h
src_libconnreset_a_SOURCES += \
	src/probe/tcp.c src/probe/tcp.h
src_libconnreset_a_SOURCES += \
	src/probe/dns.c src/probe/dns.h \
	src/probe/dns_util.c src/probe/dns_util.h
