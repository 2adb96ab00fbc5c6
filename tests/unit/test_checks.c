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
		"locator", "redirects", "protocol", "clock", "bighello",
		"pmtu", "counters", "watch", "flush" };

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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_complete),
		cmocka_unit_test(test_dependencies_known),
		cmocka_unit_test(test_no_cycle),
		cmocka_unit_test(test_order_and_titles),
		cmocka_unit_test(test_local_not_inspected),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
