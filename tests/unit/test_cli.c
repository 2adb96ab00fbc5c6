/* Unit tests of the command line: every option, every usage error. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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
	/* the person's own request: -X, -H, -d */
	{ { "-b", "-X", "POST", "-H", "Authorization: Bearer t0k3n", "-d",
	    "{}", "x", NULL }, 1, MODE_BATCH, "x", -1, 5000, NULL },
	{ { "--request=PATCH", "--header=X-A:", "--data=a=1", "x", NULL }, 1,
	    MODE_WIZARD, "x", -1, 5000, NULL },
	{ { "-b", "-H", "X-Tab: a\tb", "x", NULL }, 1, MODE_BATCH, "x", -1,
	    5000, NULL },
	{ { "-X", "PO ST", "x", NULL }, 0, 0, NULL, 0, 0,
	    "invalid method 'PO ST'" },
	{ { "-X", "", "x", NULL }, 0, 0, NULL, 0, 0, "invalid method ''" },
	{ { "-X", "GET/1", "x", NULL }, 0, 0, NULL, 0, 0,
	    "invalid method 'GET/1'" },
	{ { "-X", "ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFG", "x", NULL }, 0, 0, NULL,
	    0, 0, "at most 32 letters" },
	{ { "-H", "Authorization Bearer t0k3n", "x", NULL }, 0, 0, NULL, 0, 0,
	    "needs a colon" },
	{ { "-H", ": v", "x", NULL }, 0, 0, NULL, 0, 0,
	    "invalid header name ''" },
	{ { "-H", "Bad Name: v", "x", NULL }, 0, 0, NULL, 0, 0,
	    "invalid header name 'Bad Name'" },
	{ { "-H", "X-A\001: v", "x", NULL }, 0, 0, NULL, 0, 0,
	    "invalid header name" },
	{ { "-H", "X-A: v\r\nX-Evil: 1", "x", NULL }, 0, 0, NULL, 0, 0,
	    "value of header 'X-A' holds a line break" },
	{ { "-H", "X-A: v\nX-Evil: 1", "x", NULL }, 0, 0, NULL, 0, 0,
	    "value of header 'X-A' holds a line break" },
	{ { "-H", "host: other.example", "x", NULL }, 0, 0, NULL, 0, 0,
	    "sets the Host itself" },
	{ { "-H", "Content-Length: 9", "x", NULL }, 0, 0, NULL, 0, 0,
	    "-H 'Content-Length: ...' is not needed" },
	{ { "-d", "@/nonexistent/connreset-body", "x", NULL }, 0, 0, NULL, 0,
	    0, "cannot read the body file '/nonexistent/connreset-body'" },
	{ { "-d", "@/", "x", NULL }, 0, 0, NULL, 0, 0,
	    "cannot read the body file '/'" },
	{ { "-d", "@-", "x", NULL }, 0, 0, NULL, 0, 0,
	    "standard input) is not supported" },
	{ { "--header", NULL }, 0, 0, NULL, 0, 0, "needs a value" },
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
			cli_options_free(&o);
		} else {
			if (rc == 0)
				fail_msg("case %zu: accepted", i);
			assert_non_null(err);
			assert_null(strchr(err, '\n'));
			if (!strstr(err, c->err_has))
				fail_msg("case %zu: '%s' lacks '%s'", i, err,
				    c->err_has);
		}
		if (!c->ok)
			cli_options_free(&o);
		free(err);
	}
}

/* Runs cli_parse on args (after argv[0]); its rc, err freed. */
static int
parse(const char *const *args, struct cli_options *o, char **err)
{
	char *argv[2 * CLI_MAX_HEADERS + 8];
	int argc = 0;

	argv[argc++] = (char *)"connreset";
	for (int k = 0; args[k]; k++)
		argv[argc++] = (char *)args[k];
	argv[argc] = NULL;
	return cli_parse(argc, argv, o, err);
}

/* -X, -H, -d: what is sent, -d @FILE read the way curl reads it. */
static void
test_own_request(void **state)
{
	char path[] = "/tmp/connreset-test-body.XXXXXX", at[64];
	struct cli_options o;
	char *err = NULL;
	FILE *f;
	int fd;

	(void)state;
	{
		const char *args[] = { "-b", "-H", "Authorization: Bearer "
		    "t0k3nSecret", "-H", "Content-Type: application/json",
		    "-d", "a=1", "-d", "b=2", "x", NULL };

		assert_int_equal(parse(args, &o, &err), 0);
		assert_null(o.own.method);
		assert_int_equal(o.own.nheaders, 2);
		assert_string_equal(o.own.headers[1],
		    "Content-Type: application/json");
		/* Several -d are joined with '&', as curl does. */
		assert_int_equal(o.own.body_len, 7);
		assert_memory_equal(o.own.body, "a=1&b=2", 7);
		assert_null(o.own.body_from);
		assert_string_equal(http_own_method(&o.own), "POST");
		cli_options_free(&o);
	}
	/* @FILE: its line breaks dropped (curl -d), its name kept. */
	fd = mkstemp(path);
	assert_true(fd >= 0);
	f = fdopen(fd, "w");
	fputs("{\"a\":\r\n 1}\n", f);
	fclose(f);
	snprintf(at, sizeof(at), "@%s", path);
	{
		const char *args[] = { "-b", "-X", "PUT", "-d", at, "x", NULL };

		assert_int_equal(parse(args, &o, &err), 0);
		assert_string_equal(http_own_method(&o.own), "PUT");
		assert_int_equal(o.own.body_len, 8);
		assert_memory_equal(o.own.body, "{\"a\": 1}", 8);
		assert_string_equal(o.own.body_from, path);
		cli_options_free(&o);
	}
	/* Larger than CLI_MAX_BODY: one line, the limit named. */
	f = fopen(path, "w");
	for (int i = 0; i <= CLI_MAX_BODY / 1024; i++)
		fprintf(f, "%01024d", i);
	fclose(f);
	{
		const char *args[] = { "-b", "-d", at, "x", NULL };

		assert_int_equal(parse(args, &o, &err), -1);
		assert_non_null(strstr(err, "larger than 1 MiB"));
		assert_null(strchr(err, '\n'));
		free(err);
		cli_options_free(&o);
	}
	unlink(path);
	/* At most CLI_MAX_HEADERS headers. */
	{
		const char *args[2 * CLI_MAX_HEADERS + 6];
		int n = 0, rc;

		for (int i = 0; i <= CLI_MAX_HEADERS; i++) {
			args[n++] = "-H";
			args[n++] = "X-A: 1";
		}
		args[n++] = "x";
		args[n] = NULL;
		rc = parse(args, &o, &err);
		assert_int_equal(rc, -1);
		assert_non_null(strstr(err, "at most 64 headers"));
		free(err);
		cli_options_free(&o);
	}
	/* No -X, -H or -d: a plain GET. */
	{
		const char *args[] = { "-b", "x", NULL };

		assert_int_equal(parse(args, &o, &err), 0);
		assert_string_equal(http_own_method(&o.own), "GET");
		assert_null(http_own_dup(&o.own));
		cli_options_free(&o);
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
		cmocka_unit_test(test_own_request),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
