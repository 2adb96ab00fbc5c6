# tests/bench/bench.mk: make bench (see tests/bench/README)
