# tests/fuzz/fuzz.mk: libFuzzer harnesses (see tests/fuzz/README).
# They build with clang apart from the normal (gcc) build: the library's
# sources are compiled again under tests/fuzz/build with coverage,
# AddressSanitizer and UndefinedBehaviorSanitizer.
#   make fuzz         each harness for FUZZ_SECONDS (default 600); with
#                     -j2 two run at a time
#   make fuzz-smoke   each harness for FUZZ_SMOKE_RUNS inputs from a fixed
#                     seed, at most FUZZ_SMOKE_SECONDS (CI: the same
#                     inputs on every machine, so a pass here is a pass
#                     there; the long exploring run is make fuzz)
# A harness that crashes, leaks or breaks a property fails the target;
# the input is kept as tests/fuzz/build/<harness>-crash-*.
FUZZ_HARNESSES = target checklist session compare proxy firewall local \
	http cert sanitize
FUZZ_CC = clang
FUZZ_SECONDS = 600
FUZZ_SMOKE_SECONDS = 60
FUZZ_SMOKE_RUNS = 40000
FUZZ_SMOKE_SEED = 1
FUZZ_RUN_OPTS =
FUZZ_WORK = $(FUZZ_DIR)/corpus
FUZZ_FRESH =
FUZZ_OPTS = -print_final_stats=1 -max_len=65536 -timeout=10 \
	-rss_limit_mb=2048
FUZZ_DIR = tests/fuzz/build
FUZZ_SAN = -fsanitize=address,undefined -fno-sanitize-recover=undefined \
	-fno-omit-frame-pointer
FUZZ_CFLAGS = -std=c11 -g -O1 $(WARN_CFLAGS) -Wno-format-nonliteral \
	$(FUZZ_SAN) $(CURSES_CFLAGS) $(CURL_CFLAGS) $(CARES_CFLAGS) \
	$(CJSON_CFLAGS) $(SSL_CFLAGS)
FUZZ_CPPFLAGS = -I$(top_builddir) $(AM_CPPFLAGS) -I$(srcdir)/tests/fuzz
FUZZ_LIB_OBJS = $(patsubst %.c,$(FUZZ_DIR)/%.o, \
	$(filter %.c,$(src_libconnreset_a_SOURCES)))
FUZZ_LIB_HDRS = $(wildcard $(srcdir)/src/*/*.h) config.h
FUZZ_FIGURES = $(SHELL) $(srcdir)/tests/fuzz/figures.sh
FUZZ_BINS = $(FUZZ_HARNESSES:%=$(FUZZ_DIR)/fuzz_%)

EXTRA_DIST += tests/fuzz/README tests/fuzz/fuzz.mk tests/fuzz/fuzz.h \
	tests/fuzz/seed.sh tests/fuzz/figures.sh tests/fuzz/corpus \
	$(FUZZ_HARNESSES:%=tests/fuzz/fuzz_%.c)

$(FUZZ_DIR)/src/%.o: $(srcdir)/src/%.c $(FUZZ_LIB_HDRS)
	@mkdir -p $(@D)
	$(AM_V_CC)$(FUZZ_CC) $(FUZZ_CPPFLAGS) $(FUZZ_CFLAGS) \
	    -fsanitize=fuzzer-no-link -c -o $@ $<

$(FUZZ_DIR)/libconnreset.a: $(FUZZ_LIB_OBJS)
	$(AM_V_AR)rm -f $@ && $(AR) cr $@ $(FUZZ_LIB_OBJS) && $(RANLIB) $@

$(FUZZ_DIR)/fuzz_%: $(srcdir)/tests/fuzz/fuzz_%.c \
	    $(srcdir)/tests/fuzz/fuzz.h $(FUZZ_DIR)/libconnreset.a
	$(AM_V_CCLD)$(FUZZ_CC) $(FUZZ_CPPFLAGS) $(FUZZ_CFLAGS) \
	    -fsanitize=fuzzer -o $@ $< $(FUZZ_DIR)/libconnreset.a $(DEPS_LIBS)

fuzz-build: $(FUZZ_BINS)

# One run: seeds (tests/data and the committed corpus) into a working
# corpus under build/ (the smoke round's starts empty each time), then
# libFuzzer for $(FUZZ_TIME) seconds; the last status line and the final
# statistics go into build/<harness>.log.
fuzz-run-%: $(FUZZ_DIR)/fuzz_%
	@if [ -n "$(FUZZ_FRESH)" ]; then rm -rf $(FUZZ_WORK)/$*; fi
	@mkdir -p $(FUZZ_WORK)/$*
	@$(SHELL) $(srcdir)/tests/fuzz/seed.sh $* $(srcdir) \
	    $(FUZZ_WORK)/$*
	@rm -f $(FUZZ_DIR)/$*-crash-* $(FUZZ_DIR)/$*-leak-* \
	    $(FUZZ_DIR)/$*-timeout-* $(FUZZ_DIR)/$*-oom-*
	@if $(FUZZ_DIR)/fuzz_$* $(FUZZ_OPTS) $(FUZZ_RUN_OPTS) \
	    -max_total_time=$(FUZZ_TIME) \
	    -artifact_prefix=$(FUZZ_DIR)/$*- $(FUZZ_WORK)/$* \
	    >$(FUZZ_DIR)/$*.log 2>&1; then \
		printf 'fuzz %-10s ok: %s\n' $* \
		    "`$(FUZZ_FIGURES) $(FUZZ_DIR)/$*.log`"; \
	else \
		tail -n 40 $(FUZZ_DIR)/$*.log; \
		echo "fuzz $*: FAILED (input kept as $(FUZZ_DIR)/$*-*)"; \
		exit 1; \
	fi

fuzz-need-clang:
	@command -v $(FUZZ_CC) >/dev/null 2>&1 || { echo "fuzz: needs" \
	    "$(FUZZ_CC) with libFuzzer (Debian: clang libclang-rt-14-dev)"; \
	    exit 1; }

fuzz: fuzz-need-clang
	@$(MAKE) $(AM_MAKEFLAGS) --no-print-directory fuzz-build
	@$(MAKE) $(AM_MAKEFLAGS) --no-print-directory \
	    FUZZ_TIME=$(FUZZ_SECONDS) \
	    $(FUZZ_HARNESSES:%=fuzz-run-%)

fuzz-smoke: fuzz-need-clang
	@$(MAKE) $(AM_MAKEFLAGS) --no-print-directory fuzz-build
	@$(MAKE) $(AM_MAKEFLAGS) --no-print-directory \
	    FUZZ_TIME=$(FUZZ_SMOKE_SECONDS) \
	    FUZZ_RUN_OPTS="-seed=$(FUZZ_SMOKE_SEED) -runs=$(FUZZ_SMOKE_RUNS)" \
	    FUZZ_WORK=$(FUZZ_DIR)/smoke FUZZ_FRESH=1 \
	    $(FUZZ_HARNESSES:%=fuzz-run-%)

clean-local: clean-fuzz
clean-fuzz:
	rm -rf $(FUZZ_DIR)

.PHONY: fuzz fuzz-smoke fuzz-build fuzz-need-clang clean-fuzz
