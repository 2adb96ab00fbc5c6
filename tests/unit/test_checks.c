/*
 * Unit tests of the sweep's registry (src/sweep/checks.c): every kind is
 * complete, every dependency names a check of the registry, the
 * dependencies have no cycle, and the display order stays the one the
 * reports and the wizard show.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "probe/result.h"
#include "sweep/check.h"
#include "sweep/sweep_check.h"

#include <stdlib.h>
#include <string.h>

static size_t
nkinds(void)
{
	size_t n = 0;

	while (sweep_checks[n])
		n++;
	return n;
}

static void
test_complete(void **state)
{
	(void)state;
	assert_true(nkinds() > 0);
	assert_true(nkinds() <= RES_MAX_CHECKS);
	for (size_t i = 0; sweep_checks[i]; i++) {
		const struct check_kind *k = sweep_checks[i];

		assert_non_null(k->id);
		assert_non_null(k->title);
		assert_non_null(k->start);
		assert_non_null(k->status);
		assert_non_null(k->summary);
		assert_int_equal(checks_index(k->id), (int)i);
		for (size_t j = i + 1; sweep_checks[j]; j++)
			if (strcmp(k->id, sweep_checks[j]->id) == 0)
				fail_msg("check %s listed twice", k->id);
	}
}

/* Every id a list names is a check of the registry, not k itself. */
static void
assert_known(const struct check_kind *k, const char *const *ids)
{
	for (size_t i = 0; ids && ids[i]; i++) {
		if (checks_index(ids[i]) < 0)
			fail_msg("%s waits for unknown %s", k->id, ids[i]);
		if (strcmp(ids[i], k->id) == 0)
			fail_msg("%s waits for itself", k->id);
	}
}

static void
test_dependencies_known(void **state)
{
	(void)state;
	for (size_t i = 0; sweep_checks[i]; i++) {
		const struct check_kind *k = sweep_checks[i];

		assert_known(k, k->after);
		assert_known(k, k->follows);
		if (k->rerun_as && checks_index(k->rerun_as) < 0)
			fail_msg("%s re-runs as unknown %s", k->id,
			    k->rerun_as);
	}
}

/* Depth-first search for a cycle through after and follows. */
static int
cyclic(size_t i, int *mark)
{
	const struct check_kind *k = sweep_checks[i];
	const char *const *lists[2] = { k->after, k->follows };

	if (mark[i] == 1)
		return 1;
	if (mark[i] == 2)
		return 0;
	mark[i] = 1;
	for (int l = 0; l < 2; l++)
		for (size_t d = 0; lists[l] && lists[l][d]; d++)
			if (cyclic((size_t)checks_index(lists[l][d]), mark))
				return 1;
	mark[i] = 2;
	return 0;
}

static void
test_no_cycle(void **state)
{
	int mark[RES_MAX_CHECKS] = { 0 };

	(void)state;
	for (size_t i = 0; sweep_checks[i]; i++)
		if (cyclic(i, mark))
			fail_msg("the dependencies through %s form a cycle",
			    sweep_checks[i]->id);
}

static void
test_order_and_titles(void **state)
{
	static const char *const order[] = { "proxy", "local", "dns", "tcp",
		"http", "addresses", "tls", "variation", "mismatch", "path",
		"locator", "trigger", "redirects", "protocol", "clock",
		"bighello", "pmtu", "counters", "watch", "flush" };

	(void)state;
	assert_int_equal(nkinds(), sizeof(order) / sizeof(order[0]));
	for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++)
		assert_string_equal(sweep_checks[i]->id, order[i]);
	assert_string_equal(sweep_check_title("dns"), "Name lookup (DNS)");
	assert_string_equal(sweep_check_title("no-such-check"),
	    "no-such-check");
	assert_int_equal(checks_index("no-such-check"), -1);
	assert_int_equal(checks_index(NULL), -1);
}

/* A firewall that could not be read is "not inspected": info, never a
   pass (the checklist settles only passed checks), never a fail. */
static void
test_local_not_inspected(void **state)
{
	static const struct {
		int rule;
		enum check_status want;
	} cases[] = {
		{ -1, CS_INFO }, { 0, CS_PASS }, { 1, CS_FAIL },
	};
	static struct probe_results r;

	(void)state;
	r.local.ran = 1;
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		r.local.firewall_reset_rule = cases[i].rule;
		assert_int_equal(sweep_local_status(&r), cases[i].want);
	}
	r.local.ran = 0;
	assert_int_equal(sweep_local_status(&r), CS_ERROR);
}

/* The request as a browser sends it: a rejected certificate is a
   request that failed (a browser shows an error page), not a pass. */
static void
test_http_status(void **state)
{
	static const struct {
		enum http_result result;
		int status;
		enum check_status want;
	} cases[] = {
		{ HTTP_RESPONSE, 200, CS_PASS },
		{ HTTP_RESPONSE, 503, CS_WARN },
		{ HTTP_TLS_VERIFY, 0, CS_FAIL },
		{ HTTP_RESET_BEFORE_RESPONSE, 0, CS_FAIL },
	};
	static struct probe_results r;

	(void)state;
	r.nhttp = 2;
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		for (size_t k = 0; k < 2; k++) {
			r.http[k].variant = HV_MAIN;
			r.http[k].attempt = (int)k + 1;
			r.http[k].result = cases[i].result;
			r.http[k].status = cases[i].status;
		}
		if (sweep_http_status(&r) != cases[i].want)
			fail_msg("case %zu: status %d, expected %d", i,
			    sweep_http_status(&r), cases[i].want);
	}
}

/* Every address: a certificate rejected on each is no address that
   "works". */
static void
test_addresses_cert_rejected(void **state)
{
	static struct probe_results r;
	char *line;

	(void)state;
	r.nhttp = 2;
	for (size_t k = 0; k < 2; k++) {
		r.http[k].variant = HV_PER_ADDR;
		r.http[k].addr = (char *)"192.0.2.1";
		r.http[k].attempt = (int)k + 1;
		r.http[k].result = HTTP_TLS_VERIFY;
	}
	assert_int_equal(sweep_addresses_status(&r), CS_FAIL);
	line = sweep_addresses_summary(&r);
	if (strstr(line, "works") ||
	    !strstr(line, "192.0.2.1: certificate rejected on every attempt"))
		fail_msg("summary: %s", line);
	free(line);
	r.http[0].result = r.http[1].result = HTTP_RESPONSE;
	r.http[0].status = r.http[1].status = 200;
	assert_int_equal(sweep_addresses_status(&r), CS_PASS);
	line = sweep_addresses_summary(&r);
	assert_string_equal(line, "the 1 address works");
	free(line);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_complete),
		cmocka_unit_test(test_dependencies_known),
		cmocka_unit_test(test_no_cycle),
		cmocka_unit_test(test_order_and_titles),
		cmocka_unit_test(test_local_not_inspected),
		cmocka_unit_test(test_http_status),
		cmocka_unit_test(test_addresses_cert_rejected),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
