/* Unit tests for target_parse(): tables in tests/data/target_*.txt. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/redact.h"
#include "core/xalloc.h"
#include "probe/target.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_FIELDS 8

/* Undoes the fixture escapes: "\s" is a space, "\xNN" a byte. */
static char *
unescape(const char *s)
{
	char *out = xmalloc(strlen(s) + 1), *o = out;

	if (strcmp(s, "(empty)") == 0) {
		*out = '\0';
		return out;
	}
	while (*s) {
		if (s[0] == '\\' && s[1] == 's') {
			*o++ = ' ';
			s += 2;
		} else if (s[0] == '\\' && s[1] == 'x' && s[2] && s[3]) {
			char hex[3] = { s[2], s[3], '\0' };

			*o++ = (char)strtol(hex, NULL, 16);
			s += 4;
		} else
			*o++ = *s++;
	}
	*o = '\0';
	return out;
}

/* Splits a fixture line on " | " into at most MAX_FIELDS fields. */
static int
split(char *line, char **f)
{
	int n = 0;
	char *p = line, *sep;

	line[strcspn(line, "\n")] = '\0';
	while (n < MAX_FIELDS) {
		f[n++] = p;
		if (!(sep = strstr(p, " | ")))
			break;
		*sep = '\0';
		p = sep + 3;
	}
	return n;
}

/* Opens a fixture from $CONNRESET_TESTDATA (or tests/data). */
static FILE *
open_fixture(const char *name)
{
	const char *dir = getenv("CONNRESET_TESTDATA");
	char *path = xasprintf("%s/%s", dir ? dir : "tests/data", name);
	FILE *fp = fopen(path, "r");

	if (!fp)
		fail_msg("cannot open fixture %s", path);
	free(path);
	return fp;
}

/* Checks every line of a table of inputs that must parse. */
static void
run_valid_table(const char *name)
{
	FILE *fp = open_fixture(name);
	char line[4096];
	int cases = 0;

	while (fgets(line, sizeof(line), fp)) {
		struct res_target t;
		char *f[MAX_FIELDS], *in, *err = NULL;

		if (line[0] == '#' || line[0] == '\n')
			continue;
		assert_int_equal(split(line, f), 8);
		in = unescape(f[0]);
		if (target_parse(in, &t, &err) != 0)
			fail_msg("'%s' refused: %s", f[0], err);
		assert_null(err);
		assert_string_equal(t.scheme, f[1]);
		assert_string_equal(t.host, f[2]);
		assert_string_equal(t.ascii_host, f[3]);
		assert_int_equal(t.port, strtol(f[4], NULL, 10));
		assert_string_equal(t.path, f[5]);
		assert_int_equal(t.host_is_ip, strtol(f[6], NULL, 10));
		assert_string_equal(t.url, f[7]);
		assert_non_null(t.input);
		target_clear(&t);
		free(in);
		cases++;
	}
	fclose(fp);
	assert_true(cases >= 10);
}

static void
test_valid(void **state)
{
	run_valid_table("target_valid.txt");
}

static void
test_edge(void **state)
{
	run_valid_table("target_edge.txt");
}

/* Every malformed input gets exactly one line naming the problem. */
static void
test_malformed(void **state)
{
	FILE *fp = open_fixture("target_malformed.txt");
	char line[4096];
	int cases = 0;

	while (fgets(line, sizeof(line), fp)) {
		struct res_target t;
		char *f[MAX_FIELDS], *in, *err = NULL;

		if (line[0] == '#' || line[0] == '\n')
			continue;
		assert_int_equal(split(line, f), 2);
		in = unescape(f[0]);
		if (target_parse(in, &t, &err) != -1)
			fail_msg("'%s' was accepted as %s", f[0], t.url);
		assert_non_null(err);
		if (!strstr(err, f[1]))
			fail_msg("'%s': error '%s' lacks '%s'", f[0], err,
			    f[1]);
		assert_null(strchr(err, '\n'));
		assert_null(t.host);
		assert_null(t.url);
		free(err);
		free(in);
		cases++;
	}
	fclose(fp);
	assert_true(cases >= 20);
}

/* Inputs that a fixture line cannot hold: NULL and over-long text. */
static void
test_null_and_long(void **state)
{
	struct res_target t;
	char *err = NULL, *big;
	size_t n = 2100;

	assert_int_equal(target_parse(NULL, &t, &err), -1);
	assert_non_null(strstr(err, "Enter a web address"));
	free(err);

	big = xmalloc(n + 1);
	memcpy(big, "https://example.com/", 20);
	memset(big + 20, 'a', n - 20);
	big[n] = '\0';
	assert_int_equal(target_parse(big, &t, &err), -1);
	assert_non_null(strstr(err, "too long"));
	free(err);
	big[2048] = '\0';	/* exactly the limit is fine */
	assert_int_equal(target_parse(big, &t, &err), 0);
	assert_int_equal(strlen(t.path), 2048 - 19);
	target_clear(&t);
	free(big);
}

/* The password never survives in any stored field. */
static void
test_userinfo_redacted(void **state)
{
	static const char *const inputs[] = {
		"https://alice:s3cret-pw@example.com/x",
		"alice:s3cret-pw@example.com",
		"http://alice:s3cret-pw@[2001:db8::1]:8080/",
		/* Quotes and angle brackets are part of the password. */
		"http://alice:s3cret-pw\"x@example.com/",
		"http://alice:s3cret-pw'x@example.com/",
		"http://alice:s3cret-pw<x>@example.com/",
	};

	for (size_t i = 0; i < sizeof(inputs) / sizeof(inputs[0]); i++) {
		struct res_target t;
		char *err = NULL;

		redact_reset();
		assert_int_equal(target_parse(inputs[i], &t, &err), 0);
		assert_null(strstr(t.input, "s3cret"));
		assert_null(strstr(t.url, "s3cret"));
		assert_null(strstr(t.input, "alice"));
		assert_non_null(strstr(t.input, REDACTED));
		assert_non_null(strstr(t.url, REDACTED));
		/* The redactor now knows the password for other text too. */
		assert_true(redact_has_secret(inputs[i]));
		target_clear(&t);
	}
	redact_reset();
}

/* host:port with brackets for IPv6, and target_clear zeroes. */
static void
test_authority(void **state)
{
	static const struct {
		const char *in, *want;
	} cases[] = {
		{ "example.com", "example.com:443" },
		{ "http://example.com", "example.com:80" },
		{ "[2001:db8::1]:8443", "[2001:db8::1]:8443" },
		{ "bücher.example:81", "xn--bcher-kva.example:81" },
		{ "192.0.2.1", "192.0.2.1:443" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct res_target t;
		char *err = NULL, *a;

		assert_int_equal(target_parse(cases[i].in, &t, &err), 0);
		a = target_authority(&t);
		assert_string_equal(a, cases[i].want);
		free(a);
		target_clear(&t);
		assert_null(t.host);
		assert_int_equal(t.port, 0);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_edge),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_null_and_long),
		cmocka_unit_test(test_userinfo_redacted),
		cmocka_unit_test(test_authority),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
