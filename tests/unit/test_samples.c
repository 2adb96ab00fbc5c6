/*
 * Readings over repeated attempts (probe/samples.h) and the kernel's TCP
 * counters (probe/kstat.h), table-driven.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "probe/kstat.h"
#include "probe/samples.h"

/* One attempt: variant, address, result, elapsed ms. */
struct att {
	enum http_variant v;
	const char *addr;
	enum http_result res;
	double ms;
};

static void
fill(struct probe_results *r, const struct att *a, size_t n)
{
	memset(r, 0, sizeof(*r));
	for (size_t i = 0; i < n; i++) {
		r->http[i].variant = a[i].v;
		r->http[i].addr = (char *)a[i].addr;
		r->http[i].result = a[i].res;
		r->http[i].t_total = a[i].ms;
		r->http[i].status = a[i].res == HTTP_RESPONSE ? 200 : 0;
	}
	r->nhttp = n;
}

#define A "192.0.2.1"
#define B "192.0.2.2"
#define RST HTTP_RESET_BEFORE_RESPONSE
#define OK HTTP_RESPONSE

static const struct {
	const char *name;
	struct att a[8];
	size_t n;
	size_t want_n, want_ok, want_failed, want_reset;
	int mixed;
} set_cases[] = {
	{ "all ok", { { HV_MAIN, A, OK, 10 }, { HV_MAIN, A, OK, 12 } }, 2,
	    2, 2, 0, 0, 0 },
	{ "mixed", { { HV_MAIN, A, RST, 10 }, { HV_MAIN, A, OK, 12 },
	    { HV_MAIN, A, RST, 11 } }, 3, 3, 1, 2, 2, 1 },
	{ "other variants ignored", { { HV_NEUTRAL_HOST, A, RST, 1 },
	    { HV_MAIN, A, OK, 2 }, }, 2,
	    1, 1, 0, 0, 0 },
	{ "not run ignored", { { HV_MAIN, A, HTTP_NOT_RUN, 0 },
	    { HV_MAIN, A, HTTP_TIMEOUT, 5000 } }, 2, 1, 0, 1, 0, 0 },
	{ "certificate rejected counts as completed", { { HV_MAIN, A,
	    HTTP_TLS_VERIFY, 3 }, { HV_MAIN, A, HTTP_TLS_RESET, 3 } }, 2,
	    2, 1, 1, 1, 1 },
};

static void
test_sets(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(set_cases) / sizeof(set_cases[0]); i++) {
		struct probe_results r;
		struct sample_set s;

		fill(&r, set_cases[i].a, set_cases[i].n);
		samples_of(&r, HV_MAIN, NULL, &s);
		if (s.n != set_cases[i].want_n || s.ok != set_cases[i].want_ok ||
		    s.failed != set_cases[i].want_failed ||
		    s.reset != set_cases[i].want_reset ||
		    samples_mixed(&s) != set_cases[i].mixed)
			fail_msg("%s: n %zu ok %zu failed %zu reset %zu",
			    set_cases[i].name, s.n, s.ok, s.failed, s.reset);
	}
}

static const struct {
	const char *name;
	double ms[5];
	size_t n;
	int steady;
	int near;
	int timeouts;		/* the last ones are time-outs, not resets */
} steady_cases[] = {
	{ "30 s", { 30050, 30110, 29980, 30200, 30020 }, 5, 1, 30, 0 },
	{ "8 s, no common default", { 8000, 8100, 7950 }, 3, 1, 0, 0 },
	{ "spread out", { 1000, 5000, 9000 }, 3, 0, 0, 0 },
	{ "one reset is no pattern", { 60000 }, 1, 0, 0, 0 },
	{ "quick resets are not a time-out", { 20, 21, 22 }, 3, 0, 0, 0 },
	{ "350 s", { 351000, 349000 }, 2, 1, 350, 0 },
	/* a loaded server: one attempt timed out at the 2 s limit */
	{ "a lone time-out", { 3002, 3010, 3006, 3003, 2000 }, 5, 1, 0, 1 },
	{ "time-outs half the failures", { 3002, 3010, 2000, 2000 }, 4, 0, 0,
	    2 },
};

static void
test_steady(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(steady_cases) / sizeof(steady_cases[0]);
	    i++) {
		struct att a[5];
		struct probe_results r;
		struct sample_set s;
		double ms;
		int near, got;

		for (size_t k = 0; k < steady_cases[i].n; k++)
			a[k] = (struct att){ HV_MAIN, A,
			    k + steady_cases[i].timeouts >= steady_cases[i].n ?
			    HTTP_TIMEOUT : RST, steady_cases[i].ms[k] };
		fill(&r, a, steady_cases[i].n);
		samples_of(&r, HV_MAIN, NULL, &s);
		got = samples_steady_reset(&s, &ms, &near);
		if (got != steady_cases[i].steady ||
		    near != steady_cases[i].near)
			fail_msg("%s: steady %d near %d", steady_cases[i].name,
			    got, near);
	}
}

static void
test_per_address(void **state)
{
	static const struct att split[] = {
		{ HV_PER_ADDR, A, OK, 1 }, { HV_PER_ADDR, B, RST, 1 },
		{ HV_PER_ADDR, A, OK, 1 }, { HV_PER_ADDR, B, RST, 1 },
		{ HV_MAIN, A, OK, 1 },
	};
	static const struct att mixed[] = {
		{ HV_PER_ADDR, A, OK, 1 }, { HV_PER_ADDR, B, RST, 1 },
		{ HV_PER_ADDR, A, RST, 1 }, { HV_PER_ADDR, B, OK, 1 },
	};
	struct probe_results r;
	struct addr_row rows[4];
	const struct addr_row *good, *bad;
	size_t n;

	(void)state;
	fill(&r, split, sizeof(split) / sizeof(split[0]));
	n = samples_per_address(&r, rows, 4);
	assert_int_equal(n, 2);
	assert_string_equal(rows[0].addr, A);
	assert_int_equal(rows[1].s.failed, 2);
	bad = samples_bad_address(rows, n, &good);
	assert_non_null(bad);
	assert_string_equal(bad->addr, B);
	assert_string_equal(good->addr, A);
	/* Both addresses fail some of the time: no address to blame. */
	fill(&r, mixed, sizeof(mixed) / sizeof(mixed[0]));
	n = samples_per_address(&r, rows, 4);
	assert_null(samples_bad_address(rows, n, &good));
	/* The table is bounded. */
	fill(&r, split, sizeof(split) / sizeof(split[0]));
	assert_int_equal(samples_per_address(&r, rows, 1), 1);
}

static const char snmp_before[] =
    "Ip: Forwarding DefaultTTL\nIp: 2 64\n"
    "Tcp: RtoAlgorithm ActiveOpens AttemptFails EstabResets OutRsts\n"
    "Tcp: 1 100 10 20 30\n";
static const char snmp_after[] =
    "Tcp: RtoAlgorithm ActiveOpens AttemptFails EstabResets OutRsts\n"
    "Tcp: 1 108 10 23 31\n";
static const char netstat_before[] =
    "TcpExt: SyncookiesSent TCPAbortOnData TCPAbortOnClose\n"
    "TcpExt: 0 5 7\n";
static const char netstat_after[] =
    "TcpExt: SyncookiesSent TCPAbortOnData TCPAbortOnClose\n"
    "TcpExt: 0 9 7\n";

static long long
delta_of(const struct res_kstat *k, const char *name)
{
	for (size_t i = 0; i < k->n; i++)
		if (strcmp(k->c[i].name, name) == 0)
			return k->c[i].delta;
	return -999;
}

static void
test_kstat(void **state)
{
	struct kstat_snap a, b;
	struct res_kstat k = { 0 };

	(void)state;
	kstat_parse(snmp_before, netstat_before, &a);
	kstat_parse(snmp_after, netstat_after, &b);
	assert_true(a.ok && b.ok);
	kstat_delta(&a, &b, &k);
	assert_null(k.error);
	assert_int_equal(delta_of(&k, "ActiveOpens"), 8);
	assert_int_equal(delta_of(&k, "EstabResets"), 3);
	assert_int_equal(delta_of(&k, "OutRsts"), 1);
	assert_int_equal(delta_of(&k, "TCPAbortOnData"), 4);
	assert_int_equal(delta_of(&k, "TCPAbortOnClose"), 0);
	/* A counter this kernel lacks is left out, not shown as 0. */
	assert_int_equal(delta_of(&k, "TCPAbortOnLinger"), -999);
	res_kstat_clear(&k);
}

static const struct {
	const char *name;
	const char *snmp;
	const char *netstat;
	int ok;
} bad_inputs[] = {
	{ "nothing", NULL, NULL, 0 },
	{ "empty", "", "", 0 },
	{ "names without values", "Tcp: ActiveOpens OutRsts\n", NULL, 0 },
	{ "values that are not numbers", "Tcp: ActiveOpens\nTcp: x1\n", NULL,
	    0 },
	{ "group mismatch", "Tcp: ActiveOpens\nUdp: 5\n", NULL, 0 },
	{ "fewer values than names", "Tcp: ActiveOpens OutRsts\nTcp: 4\n",
	    NULL, 1 },
	{ "no trailing newline", NULL, "TcpExt: TCPAbortOnData\nTcpExt: 3",
	    1 },
};

static void
test_kstat_bad(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(bad_inputs) / sizeof(bad_inputs[0]);
	    i++) {
		struct kstat_snap s;

		kstat_parse(bad_inputs[i].snmp, bad_inputs[i].netstat, &s);
		if (s.ok != bad_inputs[i].ok)
			fail_msg("%s: ok %d", bad_inputs[i].name, s.ok);
		if (!s.ok)
			assert_true(s.err[0] != '\0');
	}
}

static void
test_kstat_missing_file(void **state)
{
	struct kstat_snap a, b;
	struct res_kstat k = { 0 };

	(void)state;
	kstat_read("/nonexistent/snmp", "/nonexistent/netstat", &a);
	assert_false(a.ok);
	assert_non_null(strstr(a.err, "/nonexistent/snmp"));
	kstat_parse(snmp_after, NULL, &b);
	kstat_delta(&a, &b, &k);
	assert_non_null(k.error);
	assert_int_equal(k.n, 0);
	res_kstat_clear(&k);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sets),
		cmocka_unit_test(test_steady),
		cmocka_unit_test(test_per_address),
		cmocka_unit_test(test_kstat),
		cmocka_unit_test(test_kstat_bad),
		cmocka_unit_test(test_kstat_missing_file),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
