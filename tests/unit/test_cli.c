/* Unit tests of the command line: every option, every usage error. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "cli/options.h"
#include "report/report.h"

#define MAXARGS 12

struct cli_case {
	const char *args[MAXARGS];	/* after argv[0], NULL-terminated */
	int ok;
	enum cli_mode mode;
	const char *url;
	int format;
	long timeout_ms;
	const char *err_has;		/* substring of the error line */
};

static const struct cli_case cases[] = {
	{ { NULL }, 1, MODE_WIZARD, NULL, -1, 5000, NULL },
	{ { "https://a.example/", NULL }, 1, MODE_WIZARD, "https://a.example/",
	    -1, 5000, NULL },
	{ { "--batch", "a.example", NULL }, 1, MODE_BATCH, "a.example", -1,
	    5000, NULL },
	{ { "-b", "-t", "2.5", "a.example", NULL }, 1, MODE_BATCH,
	    "a.example", -1, 2500, NULL },
	{ { "--batch", "--format", "json", "--report", "-", "x", NULL }, 1,
	    MODE_BATCH, "x", RF_JSON, 5000, NULL },
	{ { "--batch", "-f", "md", "x", NULL }, 1, MODE_BATCH, "x",
	    RF_MARKDOWN, 5000, NULL },
	{ { "--list-steps", NULL }, 1, MODE_LIST_STEPS, NULL, -1, 5000, NULL },
	{ { "--help", NULL }, 1, MODE_HELP, NULL, -1, 5000, NULL },
	{ { "-V", NULL }, 1, MODE_VERSION, NULL, -1, 5000, NULL },
	{ { "--resume", NULL }, 1, MODE_WIZARD, NULL, -1, 5000, NULL },
	{ { "--resume", "a.example-20260101-000000", NULL }, 1, MODE_WIZARD,
	    NULL, -1, 5000, NULL },
	{ { "--resume=a.example-20260101-000000", NULL }, 1, MODE_WIZARD,
	    NULL, -1, 5000, NULL },
	{ { "--list-cases", NULL }, 1, MODE_LIST_CASES, NULL, -1, 5000,
	    NULL },
	{ { "--expire-cases", "30", NULL }, 1, MODE_EXPIRE_CASES, NULL, -1,
	    5000, NULL },
	{ { "compare", "a.json", "b.json", NULL }, 1, MODE_COMPARE, NULL, -1,
	    5000, NULL },
	{ { "compare", "--format", "json", "a.json", "b.json", NULL }, 1,
	    MODE_COMPARE, NULL, RF_JSON, 5000, NULL },
	/* usage errors: one clear line each */
	{ { "--batch", NULL }, 0, 0, NULL, 0, 0, "needs an address" },
	{ { "--bogus", NULL }, 0, 0, NULL, 0, 0, "unknown option '--bogus'" },
	{ { "--timeout", NULL }, 0, 0, NULL, 0, 0, "needs a value" },
	{ { "-t", "0", "x", NULL }, 0, 0, NULL, 0, 0, "invalid timeout" },
	{ { "-t", "abc", "x", NULL }, 0, 0, NULL, 0, 0, "invalid timeout" },
	{ { "-t", "1e9", "x", NULL }, 0, 0, NULL, 0, 0, "invalid timeout" },
	{ { "-t", "nan", "x", NULL }, 0, 0, NULL, 0, 0, "invalid timeout" },
	{ { "--format", "pdf", "x", NULL }, 0, 0, NULL, 0, 0,
	    "unknown report format 'pdf'" },
	{ { "--for", "boss", "x", NULL }, 0, 0, NULL, 0, 0,
	    "unknown recipient 'boss'" },
	{ { "a.example", "b.example", NULL }, 0, 0, NULL, 0, 0,
	    "only one address" },
	{ { "--batch", "--resume", "x", NULL }, 0, 0, NULL, 0, 0,
	    "--resume belongs to the wizard" },
	{ { "--resume", "https://x/", NULL }, 0, 0, NULL, 0, 0,
	    "takes no address" },
	{ { "--resume=a-20260101-000000", "https://x/", NULL }, 0, 0, NULL,
	    0, 0, "takes no address" },
	{ { "--resume=", NULL }, 0, 0, NULL, 0, 0, "needs a case name" },
	{ { "--expire-cases", "x", NULL }, 0, 0, NULL, 0, 0,
	    "invalid number of days 'x'" },
	{ { "--list-cases", "a.example", NULL }, 0, 0, NULL, 0, 0,
	    "take nothing else" },
	{ { "compare", "a.json", NULL }, 0, 0, NULL, 0, 0,
	    "compare needs two report files" },
	{ { "compare", "--batch", "a", "b", NULL }, 0, 0, NULL, 0, 0,
	    "compare takes only --format" },
	{ { "-b", "-r", "a.txt", "-r", "a.html", "-f", "json", "x", NULL }, 0,
	    0, NULL, 0, 0, "format follows each file's extension" },
	{ { "-b", "-r", "a.txt", "-r", "a.txt", "x", NULL }, 0, 0, NULL, 0, 0,
	    "given twice" },
	{ { "-r", "a.txt", "x", NULL }, 0, 0, NULL, 0, 0,
	    "--report goes with --batch" },
	{ { "-b", "-r", "a.txt", "-r", "a.md", "-r", "a.json", "-r", "a.html",
	    NULL }, 0, 0, NULL, 0, 0, "needs an address" },
	{ { "--flush-dns", "x", NULL }, 0, 0, NULL, 0, 0,
	    "--flush-dns goes with --batch" },
	{ { "--batch", "--flush-dns", "x", NULL }, 1, MODE_BATCH, "x", -1,
	    5000, NULL },
	/* repeated attempts, the request's own limit, the watch */
	{ { "-b", "--watch", "10m", "x", NULL }, 1, MODE_BATCH, "x", -1,
	    5000, NULL },
	{ { "-b", "x", "--watch", "30s", NULL }, 1, MODE_BATCH, "x", -1,
	    5000, NULL },
	{ { "-b", "--watch=2m", "--attempts", "3", "x", NULL }, 1, MODE_BATCH,
	    "x", -1, 5000, NULL },
	{ { "--watch=5x", "x", NULL }, 0, 0, NULL, 0, 0,
	    "invalid watch duration '5x'" },
	{ { "-b", "--watch", "3h", "x", NULL }, 0, 0, NULL, 0, 0,
	    "invalid watch duration '3h'" },
	{ { "-b", "--watch", "x", "y", NULL }, 0, 0, NULL, 0, 0,
	    "only one address" },
	{ { "--attempts", "0", "x", NULL }, 0, 0, NULL, 0, 0,
	    "invalid number of attempts '0'" },
	{ { "--attempts", "11", "x", NULL }, 0, 0, NULL, 0, 0,
	    "invalid number of attempts '11'" },
	{ { "--request-timeout", "0", "x", NULL }, 0, 0, NULL, 0, 0,
	    "invalid request timeout '0'" },
	/* who owns each hop: looked up unless --no-asn */
	{ { "--no-asn", "x", NULL }, 1, MODE_WIZARD, "x", -1, 5000, NULL },
	{ { "-b", "x", "--no-asn", NULL }, 1, MODE_BATCH, "x", -1, 5000,
	    NULL },
	{ { "--no-asn=yes", "x", NULL }, 0, 0, NULL, 0, 0, "--no-asn" },
};

/* The values of the sampling options. */
static const struct {
	const char *args[MAXARGS];
	int attempts;
	long request_limit_ms;
	long watch_ms;
} sampling[] = {
	{ { "-b", "x", NULL }, 0, 0, 0 },
	{ { "-b", "--attempts", "7", "x", NULL }, 7, 0, 0 },
	{ { "-b", "--request-timeout", "45", "x", NULL }, 0, 45000, 0 },
	{ { "-b", "--watch", "x", NULL }, 0, 0, 600000 },
	{ { "-b", "--watch", "90s", "x", NULL }, 0, 0, 90000 },
	{ { "-b", "--watch=1.5m", "x", NULL }, 0, 0, 90000 },
	{ { "-b", "x", "--watch", "1h", NULL }, 0, 0, 3600000 },
	{ { "-b", "--watch", "45", "x", NULL }, 0, 0, 45000 },
};

static void
test_sampling(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(sampling) / sizeof(sampling[0]); i++) {
		char *argv[MAXARGS + 2];
		struct cli_options o;
		char *err = NULL;
		int argc = 0;

		argv[argc++] = (char *)"connreset";
		for (int k = 0; sampling[i].args[k]; k++)
			argv[argc++] = (char *)sampling[i].args[k];
		argv[argc] = NULL;
		if (cli_parse(argc, argv, &o, &err) != 0)
			fail_msg("sampling case %zu: %s", i, err);
		assert_string_equal(o.url, "x");
		assert_int_equal(o.attempts, sampling[i].attempts);
		assert_int_equal(o.request_limit_ms,
		    sampling[i].request_limit_ms);
		assert_int_equal(o.watch_ms, sampling[i].watch_ms);
	}
}

/* --no-asn turns the hops' network lookups off; they are on without. */
static void
test_no_asn(void **state)
{
	char *on[] = { (char *)"connreset", (char *)"-b", (char *)"x", NULL };
	char *off[] = { (char *)"connreset", (char *)"-b", (char *)"--no-asn",
		(char *)"x", NULL };
	struct cli_options o;
	char *err = NULL;

	(void)state;
	assert_int_equal(cli_parse(3, on, &o, &err), 0);
	assert_false(o.no_asn);
	assert_int_equal(cli_parse(4, off, &o, &err), 0);
	assert_true(o.no_asn);
}

static void
test_cases(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct cli_case *c = &cases[i];
		char *argv[MAXARGS + 2];
		struct cli_options o;
		char *err = NULL;
		int argc = 0, rc;

		argv[argc++] = (char *)"connreset";
		for (int k = 0; c->args[k]; k++)
			argv[argc++] = (char *)c->args[k];
		argv[argc] = NULL;
		rc = cli_parse(argc, argv, &o, &err);
		if (c->ok) {
			if (rc != 0)
				fail_msg("case %zu: unexpected error: %s", i,
				    err);
			assert_int_equal(o.mode, c->mode);
			if (c->url)
				assert_string_equal(o.url, c->url);
			else if (c->mode != MODE_COMPARE)
				assert_null(o.url);
			assert_int_equal(o.format, c->format);
			assert_int_equal(o.timeout_ms, c->timeout_ms);
		} else {
			if (rc == 0)
				fail_msg("case %zu: accepted", i);
			assert_non_null(err);
			assert_null(strchr(err, '\n'));
			if (!strstr(err, c->err_has))
				fail_msg("case %zu: '%s' lacks '%s'", i, err,
				    c->err_has);
		}
		free(err);
	}
}

static void
test_flags(void **state)
{
	char *argv[] = { (char *)"connreset", (char *)"--batch",
		(char *)"--redact", (char *)"--force", (char *)"--for",
		(char *)"site-owner", (char *)"--cacert", (char *)"/ca.pem",
		(char *)"-q", (char *)"u", NULL };
	struct cli_options o;
	char *err = NULL;

	(void)state;
	assert_int_equal(cli_parse(10, argv, &o, &err), 0);
	assert_true(o.redact);
	assert_true(o.force);
	assert_true(o.quiet);
	assert_int_equal(o.audience, RA_SITE_OWNER);
	assert_string_equal(o.cacert, "/ca.pem");
	/* Parsing twice in one process gives the same answer (optind). */
	assert_int_equal(cli_parse(10, argv, &o, &err), 0);
	assert_string_equal(o.url, "u");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases),
		cmocka_unit_test(test_no_asn),
		cmocka_unit_test(test_sampling),
		cmocka_unit_test(test_flags),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
