# src/probe/net.mk: libcurl side of the probes (multi binding, HTTP, TLS).
src_libconnreset_a_SOURCES += \
	src/probe/curlm.c src/probe/curlm.h \
	src/probe/tlsinfo.c src/probe/tlsinfo.h \
	src/probe/http.c src/probe/http_classify.c src/probe/http.h \
	src/probe/tls.c src/probe/tls_cert.c src/probe/tls_cert.h \
	src/probe/tls.h \
	src/probe/bighello.c src/probe/bighello.h \
	src/probe/pmtu.c src/probe/pmtu.h
