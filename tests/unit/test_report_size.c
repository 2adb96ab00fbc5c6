/*
 * Unit tests of what the reports show of the browser's own conditions,
 * from recorded evidence: the redirect chain, the ClientHello sizes
 * tried and the TCP segment sizes tried appear in every format (text,
 * Markdown, HTML, JSON), and the sections for each reader state the
 * size finding instead of what the main request alone shows.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/strbuf.h"
#include "core/xalloc.h"
#include "diag/checklist.h"
#include "diag/evidence.h"
#include "diag/session.h"
#include "diag/verdict.h"
#include "probe/result.h"
#include "report/doc.h"
#include "report/report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef void (*render_fn)(const struct report_input *, struct strbuf *);

static const struct {
	const char *name;
	render_fn fn;
} formats[] = {
	{ "text", report_write_text },
	{ "markdown", report_write_markdown },
	{ "html", report_write_html },
	{ "json", report_write_json },
};
#define NFORMATS (sizeof(formats) / sizeof(formats[0]))

/* What every format of a fixture's report must show. */
static const struct {
	const char *fixture;
	const char *words[4];
} shows[] = {
	{ "redirect_path", { "http://redirect.example/",
	    "https://blocked-sni.example/login", "302", NULL } },
	{ "large_hello_path", { "331", "1835", "198.51.100.1", NULL } },
	{ "large_hello_stall", { "331", "1835", NULL } },
	{ "pmtu_black_hole", { "1200", "1500", NULL } },
};

/* What the human formats (not JSON) must show besides. */
static const struct {
	const char *fixture;
	const char *words[4];
} says[] = {
	{ "redirect_path", { "redirects to", NULL } },
	{ "large_hello_path", { "TLS ClientHello sizes",
	    "browser-size ClientHello, 1835 bytes",
	    "classic ClientHello, 331 bytes", NULL } },
	{ "pmtu_black_hole", { "TCP segment sizes",
	    "segments of at most 1200 bytes",
	    "the system's own segment size", NULL } },
};

static char *
read_text(const char *path)
{
	FILE *f = fopen(path, "rb");
	struct strbuf sb = STRBUF_INIT;
	char buf[4096];
	size_t n;

	if (!f)
		fail_msg("cannot open %s", path);
	sb_add(&sb, "");
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		sb_addn(&sb, buf, n);
	fclose(f);
	return sb_detach(&sb);
}

static void
load(const char *name, struct probe_results *r, struct verdict *v)
{
	const char *dir = getenv("CONNRESET_TESTDATA");
	char path[1024], *text, *err = NULL;

	snprintf(path, sizeof(path), "%s/evidence_%s.json",
	    dir ? dir : "tests/data", name);
	text = read_text(path);
	memset(r, 0, sizeof(*r));
	memset(v, 0, sizeof(*v));
	if (evidence_from_string(text, r, &err) != 0)
		fail_msg("%s: %s", path, err);
	free(text);
	verdict_from_evidence(r, v);
}

static char *
render(const struct probe_results *r, const struct verdict *v,
    enum report_audience a, render_fn fn)
{
	static const struct checklist cl = { NULL, 0 };
	struct session s;
	struct report_input in = { r, v, &s, &cl, a, 0 };
	struct strbuf sb = STRBUF_INIT;

	memset(&s, 0, sizeof(s));
	sb_add(&sb, "");
	fn(&in, &sb);
	return report_finish(sb_detach(&sb));
}

/*
 * s with every run of white space (the text writers wrap lines) one
 * space, and HTML's escapes of quotes and '&' read back (owned).
 */
static char *
flatten(const char *s)
{
	static const struct {
		const char *esc;
		char c;
	} ents[] = { { "&#39;", '\'' }, { "&quot;", '"' }, { "&amp;", '&' },
		{ "&lt;", '<' }, { "&gt;", '>' } };
	char *out = xmalloc(strlen(s) + 1), *o = out;

	while (*s) {
		size_t e;

		if (*s == ' ' || *s == '\n' || *s == '\t') {
			while (*s == ' ' || *s == '\n' || *s == '\t')
				s++;
			*o++ = ' ';
			continue;
		}
		for (e = 0; e < sizeof(ents) / sizeof(ents[0]); e++)
			if (strncmp(s, ents[e].esc, strlen(ents[e].esc)) == 0)
				break;
		if (e < sizeof(ents) / sizeof(ents[0])) {
			*o++ = ents[e].c;
			s += strlen(ents[e].esc);
		} else {
			*o++ = *s++;
		}
	}
	*o = '\0';
	return out;
}

static void
assert_has(const char *out, const char *word, const char *fixture,
    const char *format)
{
	char *flat = flatten(out);

	if (!strstr(flat, word))
		fail_msg("%s, %s: no \"%s\"", fixture, format, word);
	free(flat);
}

/* The chain, the ClientHello sizes and the segment sizes, everywhere. */
static void
test_every_format(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(shows) / sizeof(shows[0]); i++) {
		struct probe_results r;
		struct verdict v;

		load(shows[i].fixture, &r, &v);
		for (size_t f = 0; f < NFORMATS; f++) {
			char *out = render(&r, &v, RA_GENERAL, formats[f].fn);

			for (size_t w = 0; shows[i].words[w]; w++)
				assert_has(out, shows[i].words[w],
				    shows[i].fixture, formats[f].name);
			for (size_t k = 0; f < 3 &&
			    k < sizeof(says) / sizeof(says[0]); k++)
				for (size_t w = 0; strcmp(says[k].fixture,
				    shows[i].fixture) == 0 &&
				    says[k].words[w]; w++)
					assert_has(out, says[k].words[w],
					    shows[i].fixture,
					    formats[f].name);
			free(out);
		}
		verdict_clear(&v);
		probe_results_clear(&r);
	}
}

/*
 * Every reader's section states the size finding and where it is, never
 * "got a response" (the main request alone) and never the server.
 */
static void
test_audiences(void **state)
{
	static const enum report_audience auds[] = { RA_GENERAL, RA_ISP,
		RA_IT, RA_SITE_OWNER };
	static const struct {
		const char *fixture;
		const char *word;
	} cases[] = {
		{ "large_hello_path", "ClientHello has a current browser's "
		    "size, 1835 bytes" },
		{ "pmtu_black_hole", "segments of at most 1200 bytes 2 of 2 "
		    "times" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct probe_results r;
		struct verdict v;

		load(cases[i].fixture, &r, &v);
		assert_int_equal(v.origin, ORIGIN_PATH);
		for (size_t a = 0; a < 4; a++) {
			char *out = render(&r, &v, auds[a], report_write_text);

			assert_has(out, cases[i].word, cases[i].fixture,
			    "text");
			if (strstr(out, "nothing reset it") ||
			    strstr(out, "the site owner needs to look"))
				fail_msg("%s, audience %d: the main request's "
				    "words", cases[i].fixture, (int)a);
			free(out);
		}
		verdict_clear(&v);
		probe_results_clear(&r);
	}
}

/* The path finding names its hop for the provider and the admin. */
static void
test_hello_hop(void **state)
{
	struct probe_results r;
	struct verdict v;

	(void)state;
	load("large_hello_path", &r, &v);
	for (enum report_audience a = RA_ISP; a <= RA_IT; a++) {
		char *out = render(&r, &v, a, report_write_text);

		assert_has(out, "just after hop 2 (198.51.100.1), not the "
		    "server", "large_hello_path", "text");
		assert_has(out, "PostQuantumKeyAgreementEnabled",
		    "large_hello_path", "text");
		free(out);
	}
	verdict_clear(&v);
	probe_results_clear(&r);
}

/*
 * A large ClientHello that stalls and could not be placed: the site
 * owner reads the server's remedy, the admin the inspecting device's.
 */
static void
test_hello_unplaced(void **state)
{
	struct probe_results r;
	struct verdict v;
	char *out;

	(void)state;
	load("large_hello_stall", &r, &v);
	out = render(&r, &v, RA_SITE_OWNER, report_write_text);
	assert_has(out, "reads a ClientHello that arrives over several TCP "
	    "segments", "large_hello_stall", "text");
	free(out);
	out = render(&r, &v, RA_IT, report_write_text);
	assert_has(out, "could not be placed on the route",
	    "large_hello_stall", "text");
	assert_has(out, "PostQuantumKeyAgreementEnabled",
	    "large_hello_stall", "text");
	free(out);
	verdict_clear(&v);
	probe_results_clear(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_format),
		cmocka_unit_test(test_audiences),
		cmocka_unit_test(test_hello_hop),
		cmocka_unit_test(test_hello_unplaced),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
