# tests/lab/lab.mk: the network lab (needs root and network namespaces;
# skips otherwise). See tests/lab/run-lab.sh.
TESTS += tests/lab/run-lab.sh tests/lab/client-scenarios.sh \
	tests/lab/path-scenarios.sh tests/lab/report-scenarios.sh \
	tests/lab/hostile-scenarios.sh tests/lab/sample-scenarios.sh \
	tests/lab/icmp-scenarios.sh tests/lab/browser-scenarios.sh \
	tests/lab/size-scenarios.sh
EXTRA_DIST += tests/lab/lab.mk tests/lab/run-lab.sh tests/lab/lab-shell.sh \
	tests/lab/lib.sh tests/lab/topo.py tests/lab/servers.py \
	tests/lab/check_report.py tests/lab/topology tests/lab/scenarios \
	tests/lab/README tests/lab/client-scenarios.sh \
	tests/lab/path-scenarios.sh \
	tests/lab/report-scenarios.sh tests/lab/check_formats.py \
	tests/lab/hostile-scenarios.sh tests/lab/sample-scenarios.sh \
	tests/lab/icmp-scenarios.sh tests/lab/check_hops.py \
	tests/lab/browser-scenarios.sh tests/lab/size-scenarios.sh \
	tests/lab/check_sizes.py
