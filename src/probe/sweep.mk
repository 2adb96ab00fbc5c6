src_libconnreset_a_SOURCES += \
	src/probe/sweep.c src/probe/sweep.h src/probe/sweep_int.h \
	src/probe/sweep_http.c src/probe/sweep_net.c src/probe/sweep_client.c \
	src/probe/sweep_check.c src/probe/sweep_check.h \
	src/probe/curlm.h src/probe/dns.h src/probe/http.h src/probe/tcp.h \
	src/probe/tls.h src/probe/target.h
