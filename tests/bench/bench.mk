# tests/bench/bench.mk: make bench (see tests/bench/README). Not part of
# make check: it needs root and the network lab, and takes a few minutes.
EXTRA_DIST += tests/bench/bench.mk tests/bench/run-bench.sh \
	tests/bench/summarize.py tests/bench/README tests/bench/results.md

.PHONY: bench
bench: all
	CONNRESET_BIN=$(abs_top_builddir)/src/connreset \
	CONNRESET_DATADIR=$(abs_top_srcdir)/data \
	top_srcdir=$(abs_top_srcdir) top_builddir=$(abs_top_builddir) \
	bash $(srcdir)/tests/bench/run-bench.sh
