/* Unit tests for compare: recorded report pairs and their conclusions. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "core/strbuf.h"
#include "core/xalloc.h"
#include "report/compare.h"

static char *
data(const char *name)
{
	const char *dir = getenv("CONNRESET_TESTDATA");

	return xasprintf("%s/%s", dir ? dir : "tests/data", name);
}

static const struct {
	const char *a, *b;
	const char *conclusion;	/* NULL: an error is expected */
	const char *needle;	/* in the text output or the error */
} cases[] = {
	{ "compare_valid_dpi.json", "compare_valid_clean.json", "path_a",
	  "TCP" },
	{ "compare_valid_clean.json", "compare_valid_dpi.json", "path_b",
	  "symptom" },
	{ "compare_valid_server_a.json", "compare_valid_server_b.json",
	  "server", "path length" },
	{ "compare_valid_dns_bad.json", "compare_valid_clean.json", "dns",
	  "system resolver" },
	{ "compare_valid_clean.json", "compare_valid_clean_later.json",
	  "none", "No differences" },
	/* Same failure: the server only when a report places it there... */
	{ "compare_valid_server_a.json", "compare_valid_server_no_path.json",
	  "server", "places the fault at the server" },
	/* ...or the networks are shown to be different (the path). */
	{ "compare_valid_dpi.json", "compare_valid_dpi_other_net.json",
	  "server", "Two different networks" },
	/* ...or by the public address the requests left from. */
	{ "compare_valid_dpi_pub_a.json", "compare_valid_dpi_pub_b.json",
	  "server", "public address" },
	/* Private addresses, one IPv6 /64, or IPv4 against IPv6 (one
	   dual-stack network) tell nothing. */
	{ "compare_valid_dpi_nat_a.json", "compare_valid_dpi_nat_b.json",
	  "not_shown", "do not show" },
	{ "compare_valid_dpi_v6_a.json", "compare_valid_dpi_v6_b.json",
	  "not_shown", "do not show" },
	{ "compare_valid_dpi_pub_a.json", "compare_valid_dpi_v6_a.json",
	  "not_shown", "do not show" },
	/* Nothing tells the networks apart: no conclusion on the server. */
	{ "compare_valid_dpi.json", "compare_valid_dpi_no_path.json",
	  "not_shown", "do not show" },
	/* Two sweeps from one filtered network. */
	{ "compare_valid_dpi.json", "compare_valid_dpi_later.json",
	  "same_vantage", "Same vantage point" },
	/* A trace cut short says nothing by its length. */
	{ "compare_valid_dpi.json", "compare_valid_dpi_cut.json",
	  "same_vantage", "Same vantage point" },
	{ "compare_valid_dpi_later.json", "compare_valid_clean_later.json",
	  "path_a", "symptom" },
	{ "compare_valid_server_a.json", "compare_valid_dpi_no_path.json",
	  "unclear", "different ways" },
	/* The same file twice is not a comparison. */
	{ "compare_valid_clean.json", "compare_valid_clean.json", NULL,
	  "same report" },
	{ "compare_valid_dpi.json", "compare_valid_dpi.json", NULL,
	  "same report" },
	{ "compare_malformed.json", "compare_valid_clean.json", NULL,
	  "not a connreset JSON report" },
	{ "compare_malformed_fields.json", "compare_valid_clean.json", NULL,
	  "not a connreset JSON report" },
	{ "compare_edge_other_target.json", "compare_valid_clean.json", NULL,
	  "different targets" },
	{ "compare_missing.json", "compare_valid_clean.json", NULL,
	  "cannot read" },
};

/* s with every line break and the indent after it made one space. */
static char *
joined(const char *s)
{
	char *j = xstrdup(s), *w = j;

	for (const char *r = s; *r; r++) {
		if (*r == '\n') {
			*w++ = ' ';
			while (r[1] == ' ')
				r++;
		} else {
			*w++ = *r;
		}
	}
	*w = '\0';
	return j;
}

static void
test_pairs(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		char *a = data(cases[i].a), *b = data(cases[i].b);
		struct strbuf text = STRBUF_INIT, js = STRBUF_INIT;
		char *err = NULL;
		int rc = compare_reports(a, b, 0, &text, &err);

		if (!cases[i].conclusion) {
			assert_int_equal(rc, strstr(cases[i].needle, "same") ?
			    -2 : -1);
			assert_non_null(err);
			assert_non_null(strstr(err, cases[i].needle));
			assert_null(strchr(err, '\n'));
			free(err);
		} else {
			cJSON *j, *c;

			char *flat = joined(sb_str(&text));

			assert_int_equal(rc, 0);
			if (!strstr(flat, cases[i].needle))
				fail_msg("%s %s: no '%s' in: %s", cases[i].a,
				    cases[i].b, cases[i].needle, flat);
			free(flat);
			assert_int_equal(compare_reports(a, b, 1, &js, &err),
			    0);
			j = cJSON_Parse(sb_str(&js));
			assert_non_null(j);
			c = cJSON_GetObjectItem(j, "conclusion");
			assert_true(cJSON_IsString(c));
			assert_string_equal(c->valuestring,
			    cases[i].conclusion);
			assert_true(cJSON_IsArray(cJSON_GetObjectItem(j,
			    "differences")));
			assert_true(cJSON_IsString(cJSON_GetObjectItem(j,
			    "explanation")));
			assert_true(cJSON_IsObject(cJSON_GetObjectItem(j,
			    "a")));
			cJSON_Delete(j);
		}
		sb_free(&text);
		sb_free(&js);
		free(a);
		free(b);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pairs),
	};

	setenv("LC_ALL", "C", 1);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
