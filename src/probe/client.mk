# src/probe/client.mk: the person's own machine (proxy, DNS setup, VPN,
# firewall, DNS cache flush) and the helper runner they use.
src_libconnreset_a_SOURCES += \
	src/core/spawn.c src/core/spawn.h

if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test_spawn
TESTS += tests/unit/test_spawn
tests_unit_test_spawn_SOURCES = tests/unit/test_spawn.c
tests_unit_test_spawn_CFLAGS = $(UNIT_CC_FLAGS)
tests_unit_test_spawn_LDADD = $(UNIT_LINK)
endif

src_libconnreset_a_SOURCES += \
	src/probe/proxy_conf.c src/probe/proxy_conf.h \
	src/probe/proxy.c src/probe/proxy.h src/probe/proxy_result.c

if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test_proxy
TESTS += tests/unit/test_proxy
tests_unit_test_proxy_SOURCES = tests/unit/test_proxy.c
tests_unit_test_proxy_CFLAGS = $(UNIT_CC_FLAGS)
tests_unit_test_proxy_LDADD = $(UNIT_LINK)
endif

src_libconnreset_a_SOURCES += \
	src/probe/local.c src/probe/local.h \
	src/probe/local_sys.c \
	src/probe/local_dns.c src/probe/local_dns.h \
	src/probe/local_fw.c src/probe/local_fw.h

src_libconnreset_a_SOURCES += \
	src/probe/flush.c src/probe/flush.h

if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test_local
TESTS += tests/unit/test_local
tests_unit_test_local_SOURCES = tests/unit/test_local.c
tests_unit_test_local_CFLAGS = $(UNIT_CC_FLAGS)
tests_unit_test_local_LDADD = $(UNIT_LINK)
endif
