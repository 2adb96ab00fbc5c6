/*
 * Unit tests of src/probe/readings.c: each shared reading from a table,
 * then the recorded evidence fixtures (and variants of the locator's
 * fields on them) read by the verdict and every report section, which
 * must place the reset and name its hop alike.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <cJSON.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "diag/evidence.h"
#include "diag/verdict.h"
#include "probe/readings.h"
#include "probe/samples.h"
#include "probe/result.h"
#include "report/report.h"

/* ---- where the reset comes from ---- */

struct origin_case {
	int ran, first, distance, local;
	enum reset_origin want;
};

static const struct origin_case origin_cases[] = {
	{ 0, 3, 4, 0, RO_NOT_RUN },
	{ 1, 0, 4, 0, RO_NO_RESET },
	{ 1, -4, 10, 0, RO_NO_RESET },		/* hostile evidence */
	{ 1, 1, 4, 1, RO_THIS_MACHINE },
	{ 1, 1, 4, 0, RO_THIS_MACHINE },	/* the flag is not needed */
	{ 1, 1, 1, 0, RO_SERVER },		/* loopback: TTL 1 is it */
	{ 1, 1, 0, 0, RO_UNPLACED },
	{ 1, 3, 0, 0, RO_UNPLACED },
	{ 1, 2, 4, 0, RO_PATH },
	{ 1, 3, 4, 0, RO_PATH },
	{ 1, 4, 4, 0, RO_SERVER },
	{ 1, 5, 4, 0, RO_SERVER },		/* past the traced distance */
};

static void
test_origin(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(origin_cases) / sizeof(*origin_cases);
	    i++) {
		const struct origin_case *c = &origin_cases[i];
		struct res_locator l;

		memset(&l, 0, sizeof(l));
		l.ran = c->ran;
		l.first_reset_ttl = c->first;
		l.server_distance = c->distance;
		l.local = c->local;
		if (res_locator_origin(&l) != c->want)
			fail_msg("case %zu: origin %d, want %d", i,
			    res_locator_origin(&l), c->want);
	}
}

/* ---- the hop the reset is placed at, and how it is named ---- */

#define HOPS_MAX 6

struct hop_case {
	const char *what;
	const char *hops[HOPS_MAX];	/* trace, "-" = silent, NULL = end */
	int first, distance, near_ttl;
	const char *near_addr, *main_addr;
	int found, hop;
	const char *text;		/* res_hop_ref_text(), NULL: none */
	int identified;			/* res_hop_ref_identified() */
	/* The locator's other near hop fields (0 / NULL: not set). */
	int inferred, before_ttl;
	const char *before_addr;
	int after_ttl;
	const char *after_addr;
};

static const struct hop_case hop_cases[] = {
	{ "identified hop before the server",
	    { "198.18.1.1", "198.18.1.6", "198.18.1.10", "-", "198.18.1.18",
	    "203.0.113.30" }, 4, 6, 3, "198.18.1.10", NULL, 1, 3,
	    "hop 3 (198.18.1.10)", 1, 0, 0, NULL, 0, NULL },
	{ "silent hop: never the neighbour the locator fell back to",
	    { "198.51.100.1", "-", "198.51.100.3", "198.51.100.4" }, 3, 4, 3,
	    "198.51.100.3", NULL, 1, 2, "hop 2 (it did not identify itself; "
	    "it lies between 198.51.100.1 and 198.51.100.3)", 0, 0, 0, NULL, 0,
	    NULL },
	{ "silent first hop",
	    { "-", "198.18.2.1", "198.18.3.1", "198.18.4.1" }, 2, 4, 2,
	    "198.18.2.1", NULL, 1, 1, "hop 1 (it did not identify itself; "
	    "it lies between this machine and 198.18.2.1)", 0, 0, 0, NULL, 0,
	    NULL },
	{ "silent hop at the end of a trace that stops",
	    { "198.18.1.1", "198.18.2.1", "-" }, 4, 5, 4, NULL, NULL, 1, 3,
	    "hop 3 (it did not identify itself; it lies after "
	    "198.18.2.1)", 0, 0, 0, NULL, 0, NULL },
	{ "the locator's own trace names the hop",
	    { NULL }, 4, 11, 3, "198.51.100.1", NULL, 1, 3,
	    "hop 3 (198.51.100.1)", 1, 0, 0, NULL, 0, NULL },
	{ "no trace and no name",
	    { NULL }, 3, 11, 0, NULL, NULL, 1, 2,
	    "hop 2 (it did not identify itself)", 0, 0, 0, NULL, 0, NULL },
	{ "the server at its distance",
	    { "198.18.0.1", "198.18.0.6", "198.18.0.10", "203.0.113.11" }, 4,
	    4, 4, "203.0.113.11", "203.0.113.11", 1, 4,
	    "hop 4 (203.0.113.11)", 1, 0, 0, NULL, 0, NULL },
	{ "the server's address from the request it reset",
	    { NULL }, 11, 11, 10, "198.51.100.77", "192.0.2.10", 1, 11,
	    "hop 11 (192.0.2.10)", 1, 0, 0, NULL, 0, NULL },
	{ "made on this machine: no hop",
	    { "198.18.0.1", "198.18.0.6" }, 1, 4, 1, "198.18.0.1", NULL, 0, 0,
	    NULL, 0, 0, 0, NULL, 0, NULL },
	{ "no reset: no hop",
	    { "198.18.0.1", "198.18.0.6" }, 0, 4, 0, NULL, NULL, 0, 0, NULL,
	    0, 0, 0, NULL, 0, NULL },
	{ "distance unknown: no hop",
	    { "198.18.0.1", "198.18.0.6" }, 3, 0, 3, "198.18.0.6", NULL, 0, 0,
	    NULL, 0, 0, 0, NULL, 0, NULL },
	{ "silent first hop: the gateway inferred, never as an answer",
	    { "-", "198.18.2.30", "198.18.2.34" }, 2, 4, 1, "198.18.2.25",
	    NULL, 1, 1, "hop 1 (198.18.2.25, this machine's gateway, inferred "
	    "from the routing table: it did not answer)", 0, 1, 0, NULL, 0,
	    NULL },
	{ "an inferred gateway yields to an answer the trace saw",
	    { "198.18.2.26", "198.18.2.30" }, 2, 4, 1, "198.18.2.25", NULL, 1,
	    1, "hop 1 (198.18.2.26)", 1, 1, 0, NULL, 0, NULL },
	{ "an inferred gateway is named only for the hop it is",
	    { "-", "-", "198.18.2.34" }, 3, 4, 1, "198.18.2.25", NULL, 1, 2,
	    "hop 2 (it did not identify itself; it lies between this "
	    "machine and 198.18.2.34)", 0, 1, 0, NULL, 0, NULL },
	{ "the locator asked the silent hop again and it answered",
	    { "198.18.2.1", "-", "198.18.2.10" }, 3, 4, 2, "198.18.2.6", NULL,
	    1, 2, "hop 2 (198.18.2.6)", 1, 0, 0, NULL, 0, NULL },
	{ "the locator knows neighbours the trace missed",
	    { "198.18.2.1", "-", "-", "-" }, 4, 6, 3, NULL, NULL, 1, 3,
	    "hop 3 (it did not identify itself; it lies between 198.18.2.6 "
	    "and 198.18.2.14)", 0, 0, 2, "198.18.2.6", 4, "198.18.2.14" },
	{ "the nearer of the trace's and the locator's neighbours",
	    { "198.18.2.1", "198.18.2.6", "-", "-", "198.18.2.18" }, 4, 6, 3,
	    NULL, NULL, 1, 3, "hop 3 (it did not identify itself; it lies "
	    "between 198.18.2.6 and 198.18.2.14)", 0, 0, 1, "198.18.2.1", 4,
	    "198.18.2.14" },
	{ "the locator's neighbours of another hop are not used",
	    { "198.18.2.1", "-", "-", "-" }, 4, 6, 2, NULL, NULL, 1, 3,
	    "hop 3 (it did not identify itself; it lies after 198.18.2.1)",
	    0, 0, 1, "198.18.2.1", 4, "198.18.2.14" },
};

/* Results holding the case's trace, locator and main request. */
static void
hop_results(const struct hop_case *c, struct probe_results *r)
{
	memset(r, 0, sizeof(*r));
	r->path.ran = 1;
	for (int i = 0; i < HOPS_MAX && c->hops[i]; i++) {
		struct res_hop *h = &r->path.hops[r->path.nhops++];

		h->ttl = i + 1;
		if (strcmp(c->hops[i], "-") != 0)
			h->addr = xstrdup(c->hops[i]);
	}
	r->locator.ran = 1;
	r->locator.first_reset_ttl = c->first;
	r->locator.server_distance = c->distance;
	r->locator.near_hop_ttl = c->near_ttl;
	r->locator.near_hop_addr = c->near_addr ? xstrdup(c->near_addr) :
	    NULL;
	r->locator.near_hop_unidentified = !c->near_addr || c->inferred;
	r->locator.near_hop_inferred = c->inferred;
	r->locator.near_hop_before_ttl = c->before_ttl;
	xstrset(&r->locator.near_hop_before_addr, c->before_addr);
	r->locator.near_hop_after_ttl = c->after_ttl;
	xstrset(&r->locator.near_hop_after_addr, c->after_addr);
	r->locator.local = c->first == 1 && c->distance > 1;
	if (c->main_addr) {
		r->nhttp = 1;
		r->http[0].variant = HV_MAIN;
		r->http[0].result = HTTP_RESET_BEFORE_RESPONSE;
		r->http[0].addr = xstrdup(c->main_addr);
	}
}

static void
test_reset_hop(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(hop_cases) / sizeof(*hop_cases); i++) {
		const struct hop_case *c = &hop_cases[i];
		struct probe_results r;
		struct res_hop_ref h;
		int found;

		hop_results(c, &r);
		found = probe_results_reset_hop(&r, &h);
		if (found != c->found || h.hop != c->hop)
			fail_msg("%s: found %d hop %d", c->what, found, h.hop);
		if (c->text) {
			char *t = res_hop_ref_text(&h);

			if (strcmp(t, c->text) != 0)
				fail_msg("%s: \"%s\"", c->what, t);
			if (res_hop_ref_identified(&h) != c->identified)
				fail_msg("%s: identified %d", c->what,
				    res_hop_ref_identified(&h));
			free(t);
		} else {
			assert_null(h.addr);
		}
		probe_results_clear(&r);
	}
}

/* ---- any hop of the trace, as the verdict's path reasons name it ---- */

struct path_hop_case {
	const char *hops[HOPS_MAX];	/* trace, "-" = silent, NULL = end */
	int n;
	const char *text;
	int identified;
};

static const struct path_hop_case path_hop_cases[] = {
	{ { "198.18.0.1", "198.18.0.6", "203.0.113.11" }, 2,
	    "hop 2 (198.18.0.6)", 1 },
	{ { "198.18.0.1", "-", "203.0.113.11" }, 2, "hop 2 (it did not "
	    "identify itself; it lies between 198.18.0.1 and 203.0.113.11)",
	    0 },
	{ { "-", "-" }, 2, "hop 2 (it did not identify itself)", 0 },
	{ { "198.18.0.1" }, 3, "hop 3 (it did not identify itself; it lies "
	    "after 198.18.0.1)", 0 },
	{ { NULL }, 1, "hop 1 (it did not identify itself)", 0 },
};

static void
test_path_hop(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(path_hop_cases) /
	    sizeof(*path_hop_cases); i++) {
		const struct path_hop_case *c = &path_hop_cases[i];
		struct res_path p;
		struct res_hop_ref h;
		char *t;

		memset(&p, 0, sizeof(p));
		for (int k = 0; k < HOPS_MAX && c->hops[k]; k++) {
			p.hops[k].ttl = k + 1;
			p.hops[k].addr = strcmp(c->hops[k], "-") != 0 ?
			    (char *)c->hops[k] : NULL;
			p.nhops++;
		}
		res_path_hop_ref(&p, c->n, &h);
		t = res_hop_ref_text(&h);
		if (h.hop != c->n || strcmp(t, c->text) != 0 ||
		    res_hop_ref_identified(&h) != c->identified)
			fail_msg("case %zu: \"%s\"", i, t);
		free(t);
	}
}

/* ---- the one line of the check and the path view ---- */

struct text_case {
	int ran, first, distance;
	const char *want;		/* NULL: no line */
};

static const struct text_case text_cases[] = {
	{ 0, 0, 0, NULL },
	{ 1, 0, 4, "no reset came back to the TTL-limited replays" },
	{ 1, 1, 4, "the reset is made on this machine, before the first "
	    "router" },
	{ 1, 3, 0, "a reset came back at TTL 3; the server's distance is not "
	    "known" },
	{ 1, 3, 4, "reset sent near hop 2 (198.18.0.6), the server is 4 hops "
	    "away" },
	{ 1, 4, 4, "the reset comes from the server, hop 4 (203.0.113.11)" },
};

static void
test_locator_text(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(text_cases) / sizeof(*text_cases);
	    i++) {
		const struct text_case *c = &text_cases[i];
		struct probe_results r;
		char *t;

		memset(&r, 0, sizeof(r));
		r.path.nhops = 2;
		r.path.hops[0].ttl = 1;
		r.path.hops[0].addr = xstrdup("198.18.0.1");
		r.path.hops[1].ttl = 2;
		r.path.hops[1].addr = xstrdup("198.18.0.6");
		r.locator.ran = c->ran;
		r.locator.first_reset_ttl = c->first;
		r.locator.server_distance = c->distance;
		r.nhttp = 1;
		r.http[0].variant = HV_MAIN;
		r.http[0].result = HTTP_RESET_BEFORE_RESPONSE;
		r.http[0].addr = xstrdup("203.0.113.11");
		t = probe_results_locator_text(&r);
		if (c->want ? !t || strcmp(t, c->want) != 0 : t != NULL)
			fail_msg("case %zu: \"%s\"", i, t ? t : "(null)");
		free(t);
		probe_results_clear(&r);
	}
}

/* ---- DNS: shared addresses and the system's answer ---- */

struct overlap_case {
	const char *a[3], *b[3];	/* NULL-terminated address lists */
	int want;
};

static const struct overlap_case overlap_cases[] = {
	{ { "192.0.2.1", NULL }, { "192.0.2.1", NULL }, 1 },
	{ { "192.0.2.1", "2001:db8::1", NULL }, { "2001:db8::1", NULL }, 1 },
	{ { "192.0.2.1", NULL }, { "192.0.2.2", NULL }, 0 },
	{ { NULL }, { "192.0.2.2", NULL }, 0 },
	{ { NULL }, { NULL }, 0 },
	{ { "192.0.2.1", "192.0.2.3", NULL },
	    { "192.0.2.2", "192.0.2.3", NULL }, 1 },
};

static void
fill_dns(struct res_dns *d, const char *const *addrs)
{
	memset(d, 0, sizeof(*d));
	d->status = DNS_OK;
	for (size_t i = 0; addrs[i]; i++)
		d->addrs[d->naddrs++] = (char *)addrs[i];
}

/* ---- what the browser meets: clock, HTTP/2, redirects ---- */

/* One request of r, strings borrowed (never freed by these tests). */
static struct res_http *
add_http(struct probe_results *r, enum http_variant v, enum http_result x)
{
	struct res_http *h = &r->http[r->nhttp++];

	memset(h, 0, sizeof(*h));
	h->variant = v;
	h->result = x;
	h->t_ttfb = -1;
	return h;
}

static void
test_clock(void **state)
{
	static struct probe_results r;
	struct res_http *h;
	struct res_clock c;

	(void)state;
	memset(&r, 0, sizeof(r));
	assert_int_equal(probe_results_clock(&r, &c), 0);
	/* A response without a Date tells nothing; the next one does. */
	add_http(&r, HV_MAIN, HTTP_RESPONSE)->started =
	    (char *)"2026-12-31T00:00:00.000Z";
	h = add_http(&r, HV_CLOCK, HTTP_RESPONSE);
	h->started = (char *)"2026-12-31T00:00:00.000Z";
	h->t_ttfb = 1500;
	h->date = (char *)"Tue, 01 Dec 2026 00:00:00 GMT";
	assert_int_equal(probe_results_clock(&r, &c), 1);
	assert_ptr_equal(c.from, h);
	assert_int_equal(c.skew_s, 30L * 86400 + 2);
	/* The certificate, valid 1 to 8 December, looks expired here. */
	r.tls.ran = 1;
	r.tls.verify = TLS_VERIFY_EXPIRED;
	r.tls.nchain = 1;
	r.tls.chain[0].not_before = (char *)"2026-12-01T00:00:00Z";
	r.tls.chain[0].not_after = (char *)"2026-12-08T00:00:00Z";
	assert_int_equal(probe_results_clock_explains_cert(&r, &c), 1);
	/* Expired at the server's time too: the site's problem. */
	r.tls.chain[0].not_after = (char *)"2026-11-30T00:00:00Z";
	assert_int_equal(probe_results_clock_explains_cert(&r, &c), 0);
	/* Rejected for another reason: the clock does not explain it. */
	r.tls.chain[0].not_after = (char *)"2026-12-08T00:00:00Z";
	r.tls.verify = TLS_VERIFY_UNKNOWN_CA;
	assert_int_equal(probe_results_clock_explains_cert(&r, &c), 0);
	/* Clocks within CLOCK_OFF_S of each other are right. */
	r.tls.verify = TLS_VERIFY_EXPIRED;
	h->started = (char *)"2026-12-01T00:05:00.000Z";
	assert_int_equal(probe_results_clock(&r, &c), 1);
	assert_true(c.skew_s <= CLOCK_OFF_S);
	assert_int_equal(probe_results_clock_explains_cert(&r, &c), 0);
}

static void
test_h2_only(void **state)
{
	static struct probe_results r;
	int negotiated = -1;

	(void)state;
	memset(&r, 0, sizeof(r));
	for (int i = 0; i < 3; i++)
		add_http(&r, HV_MAIN, HTTP_RESET_BEFORE_RESPONSE)->alpn =
		    i == 1 ? (char *)"h2" : NULL;
	assert_int_equal(probe_results_h2_only(&r, &negotiated), 0);
	add_http(&r, HV_HTTP1, HTTP_RESPONSE);
	add_http(&r, HV_HTTP1, HTTP_RESPONSE);
	assert_int_equal(probe_results_h2_only(&r, &negotiated), 1);
	assert_int_equal(negotiated, 1);
	/* HTTP/1.1 failing once: not a protocol difference. */
	add_http(&r, HV_HTTP1, HTTP_RESET_BEFORE_RESPONSE);
	assert_int_equal(probe_results_h2_only(&r, NULL), 0);
	/* The browser request working once: intermittent, not HTTP/2. */
	r.nhttp--;
	add_http(&r, HV_MAIN, HTTP_RESPONSE);
	assert_int_equal(probe_results_h2_only(&r, NULL), 0);
}

static void
test_chain(void **state)
{
	static struct probe_results r;
	struct res_chain c;
	struct res_http *h;
	char *text;

	(void)state;
	memset(&r, 0, sizeof(r));
	assert_int_equal(probe_results_chain(&r, &c), 0);
	assert_null(res_chain_text(&c));
	/* No redirect: one hop, nothing to say. */
	h = add_http(&r, HV_REDIRECT, HTTP_RESPONSE);
	h->url = (char *)"http://shop.example/";
	assert_int_equal(probe_results_chain(&r, &c), 0);
	assert_int_equal(c.n, 1);
	assert_null(c.fails);
	/* Two redirects, recorded out of order, the last hop reset. */
	h->location = (char *)"https://www.shop.example/";
	h = add_http(&r, HV_REDIRECT, HTTP_RESET_BEFORE_RESPONSE);
	h->url = (char *)"https://www.shop.example/login";
	h->hop = 2;
	h = add_http(&r, HV_REDIRECT, HTTP_RESPONSE);
	h->url = (char *)"https://www.shop.example/";
	h->location = (char *)"https://www.shop.example/login";
	h->hop = 1;
	assert_int_equal(probe_results_chain(&r, &c), 2);
	assert_int_equal(c.n, 3);
	assert_ptr_equal(c.fails, &r.http[1]);
	assert_int_equal(c.too_many, 0);
	text = res_chain_text(&c);
	assert_string_equal(text, "http://shop.example/ redirects to "
	    "https://www.shop.example/, then to "
	    "https://www.shop.example/login");
	free(text);
	/* A gap in the hops ends the chain there. */
	r.http[2].hop = 3;
	assert_int_equal(probe_results_chain(&r, &c), 0);
	assert_int_equal(c.n, 1);
}

/* The address as typed, against where a redirect chain moved the target. */
static const struct typed_case {
	const char *what;
	const char *input;		/* what was typed */
	const char *hop0;		/* the typed request's URL, NULL: no
					   redirect chain */
	int too_many;			/* the chain never ends */
	int moved;
	const char *url, *host, *ascii_host, *scheme;
	int port;
} typed_cases[] = {
	{ "no redirect", "shop.example", NULL, 0, 0,
	    "https://www.shop.example/", "www.shop.example",
	    "www.shop.example", "https", 443 },
	{ "redirected", "http://shop.example/", "http://shop.example/", 0, 1,
	    "http://shop.example/", "shop.example", "shop.example", "http",
	    80 },
	{ "IDN, no scheme", "b\xc3\xbc" "cher.example/x",
	    "https://xn--bcher-kva.example/x", 0, 1,
	    "https://xn--bcher-kva.example/x", "b\xc3\xbc" "cher.example",
	    "xn--bcher-kva.example", "https", 443 },
	{ "user and port", "http://bob:[redacted]@shop.example:8080/a",
	    "http://[redacted]@shop.example:8080/a", 0, 1,
	    "http://[redacted]@shop.example:8080/a", "shop.example",
	    "shop.example", "http", 8080 },
	{ "IPv6 literal", "http://[2001:db8::1]/", "http://[2001:db8::1]/", 0,
	    1, "http://[2001:db8::1]/", "[2001:db8::1]", "[2001:db8::1]",
	    "http", 80 },
	/* A browser gives up on an endless chain: the target never moved. */
	{ "too many", "http://shop.example/", "http://shop.example/", 1, 0,
	    "https://www.shop.example/", "www.shop.example",
	    "www.shop.example", "https", 443 },
};

static void
test_typed(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(typed_cases) / sizeof(*typed_cases);
	    i++) {
		const struct typed_case *c = &typed_cases[i];
		static struct probe_results r;
		struct res_typed t;
		struct res_http *h;

		memset(&r, 0, sizeof(r));
		r.target.input = (char *)c->input;
		r.target.url = (char *)"https://www.shop.example/";
		r.target.host = r.target.ascii_host =
		    (char *)"www.shop.example";
		r.target.scheme = (char *)"https";
		r.target.port = 443;
		if (c->hop0) {
			h = add_http(&r, HV_REDIRECT, HTTP_RESPONSE);
			h->url = (char *)c->hop0;
			h->addr = (char *)"192.0.2.80";
			h->location = (char *)"https://www.shop.example/";
			for (int k = 1; k <= (c->too_many ? REDIRECTS_MAX :
			    1); k++) {
				h = add_http(&r, HV_REDIRECT, HTTP_RESPONSE);
				h->url = (char *)"https://www.shop.example/";
				h->hop = k;
				if (c->too_many)
					h->location = h->url;
			}
		}
		probe_results_typed(&r, &t);
		if (t.moved != c->moved || strcmp(t.url, c->url) != 0 ||
		    strcmp(t.host, c->host) != 0 ||
		    strcmp(t.ascii_host, c->ascii_host) != 0 ||
		    strcmp(t.scheme, c->scheme) != 0 || t.port != c->port)
			fail_msg("%s: moved %d %s %s %s %s %d", c->what,
			    t.moved, t.url, t.host, t.ascii_host, t.scheme,
			    t.port);
		if (c->moved && (!t.addr || strcmp(t.addr, "192.0.2.80")))
			fail_msg("%s: address", c->what);
		res_typed_clear(&t);
		assert_null(t.url);
	}
}

static void
test_dns_overlap(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(overlap_cases) / sizeof(*overlap_cases);
	    i++) {
		const struct overlap_case *c = &overlap_cases[i];
		struct res_dns a, b;

		fill_dns(&a, c->a);
		fill_dns(&b, c->b);
		if (res_dns_overlap(&a, &b) != c->want ||
		    res_dns_overlap(&b, &a) != c->want)
			fail_msg("case %zu: want %d", i, c->want);
	}
}

struct system_case {
	int is_system[4];
	size_t ndns;
	int want;			/* index, -1 for none */
};

static const struct system_case system_cases[] = {
	{ { 1, 0, 0 }, 3, 0 },
	{ { 0, 0, 1 }, 3, 2 },
	{ { 0, 0, 0 }, 3, -1 },
	{ { 0 }, 0, -1 },
	{ { 0, 1, 1 }, 3, 1 },		/* the first one counts */
	{ { 0, 0, 0, 1 }, 3, -1 },	/* beyond ndns: not an answer */
};

static void
test_system_dns(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(system_cases) / sizeof(*system_cases);
	    i++) {
		const struct system_case *c = &system_cases[i];
		struct probe_results r;
		const struct res_dns *got;

		memset(&r, 0, sizeof(r));
		r.ndns = c->ndns;
		for (size_t k = 0; k < 4; k++)
			r.dns[k].is_system = c->is_system[k];
		got = probe_results_system_dns(&r);
		if (c->want < 0 ? got != NULL : got != &r.dns[c->want])
			fail_msg("case %zu", i);
	}
}

/* ---- the fixtures: verdict and every report section agree ---- */

static char *
read_text(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (!f)
		fail_msg("cannot open %s", path);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	assert_true(n > 0);
	rewind(f);
	buf = xmalloc((size_t)n + 1);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

/* Every run of white space as one blank: wrapped lines read as one. */
static void
squeeze(char *s)
{
	char *w = s;
	int blank = 0;

	for (; *s; s++) {
		if (*s == ' ' || *s == '\n' || *s == '\t') {
			blank = 1;
			continue;
		}
		if (blank && w != s)
			*w++ = ' ';
		blank = 0;
		*w++ = *s;
	}
	*w = '\0';
}

/* Whether a reason of the verdict rests on the locator. */
static int
cites_locator(const struct verdict *v)
{
	for (size_t i = 0; i < v->nreasons; i++)
		if (v->reasons[i].evidence &&
		    strcmp(v->reasons[i].evidence, "locator") == 0)
			return 1;
	return 0;
}

/* The verdict's origin for a reset the locator places at o. */
static enum origin
want_origin(enum reset_origin o)
{
	switch (o) {
	case RO_THIS_MACHINE:
		return ORIGIN_CLIENT;
	case RO_PATH:
		return ORIGIN_PATH;
	case RO_SERVER:
		return ORIGIN_SERVER;
	default:
		return ORIGIN_UNKNOWN;
	}
}

static const enum report_audience audiences[] = { RA_GENERAL, RA_ISP,
	RA_IT, RA_SITE_OWNER };

/* The JSON report's near hop is the reading's hop h (NULL: none). */
static void
check_json_hop(const char *what, const struct probe_results *r,
    const struct verdict *v, const struct res_hop_ref *h)
{
	struct report_input in = { .r = r, .v = v, .audience = RA_ISP };
	cJSON *doc = report_json(&in), *nh, *x;
	const char *addr = h ? h->addr : NULL;

	nh = cJSON_GetObjectItem(cJSON_GetObjectItem(doc, "reset_locator"),
	    "near_hop");
	if (!r->locator.ran) {
		if (nh)
			fail_msg("%s: a near hop without a locator", what);
		cJSON_Delete(doc);
		return;
	}
	if (!nh || (x = cJSON_GetObjectItem(nh, "ttl")) == NULL ||
	    x->valueint != (h ? h->hop : 0))
		fail_msg("%s: JSON near hop is not hop %d", what,
		    h ? h->hop : 0);
	x = cJSON_GetObjectItem(nh, "address");
	if (addr ? !cJSON_IsString(x) || strcmp(x->valuestring, addr) != 0 :
	    !cJSON_IsNull(x))
		fail_msg("%s: JSON near hop address is not %s", what,
		    addr ? addr : "null");
	if (cJSON_IsTrue(cJSON_GetObjectItem(nh, "inferred")) !=
	    (h && h->inferred))
		fail_msg("%s: JSON near hop inferred", what);
	if (cJSON_IsTrue(cJSON_GetObjectItem(nh, "unidentified")) !=
	    (h && !res_hop_ref_identified(h)))
		fail_msg("%s: JSON near hop unidentified", what);
	x = cJSON_GetObjectItem(nh, "before");
	if (h && h->before ? !cJSON_IsObject(x) || strcmp(cJSON_GetObjectItem(
	    x, "address")->valuestring, h->before) != 0 : !cJSON_IsNull(x))
		fail_msg("%s: JSON near hop before", what);
	x = cJSON_GetObjectItem(nh, "after");
	if (h && h->after ? !cJSON_IsObject(x) || strcmp(cJSON_GetObjectItem(
	    x, "address")->valuestring, h->after) != 0 : !cJSON_IsNull(x))
		fail_msg("%s: JSON near hop after", what);
	cJSON_Delete(doc);
}

/*
 * The verdict and the text report for each audience place the reset at
 * the origin the reading gives, and name its hop as the reading does.
 */
static void
check_agreement(const char *what, const struct probe_results *r)
{
	enum reset_origin o = res_locator_origin(&r->locator);
	enum reset_origin bo = res_locator_origin(&r->bighello.locator);
	const struct res_http *m = probe_results_http(r, HV_MAIN);
	int reset = m && (m->result == HTTP_RESET_BEFORE_RESPONSE ||
	    m->result == HTTP_TLS_RESET ||
	    m->result == HTTP_RESET_MID_TRANSFER);
	struct res_hop_ref h, rh;
	struct sample_set attempts;
	struct verdict v;
	char *hop = NULL, *refuser = NULL;
	/* A trace refused on the way names the hop of the refusal. */
	int refused = probe_results_path_refusal(r, &rh) > 0;

	memset(&v, 0, sizeof(v));
	verdict_from_evidence(r, &v);
	if (probe_results_reset_hop(r, &h))
		hop = res_hop_ref_text(&h);
	if (refused && rh.hop > 0)
		refuser = res_hop_ref_text(&rh);
	/* A verdict drawn from the locator places the reset as it does. */
	if (cites_locator(&v) && (v.origin != want_origin(o) ||
	    (hop && o == RO_PATH && !strstr(v.summary, hop))))
		fail_msg("%s: verdict \"%s\" (%s) for a reset placed at %d",
		    what, v.summary, origin_name(v.origin), o);
	/*
	 * A hop that never identified itself, or whose address is only an
	 * inferred gateway, is not named with certainty, nor is anything
	 * resting on fewer than three attempts.
	 */
	samples_of(r, HV_MAIN, NULL, &attempts);
	if (cites_locator(&v) && o == RO_PATH && v.confidence >
	    (res_hop_ref_identified(&h) && attempts.n >= 3 ? CONF_HIGH :
	    CONF_MEDIUM))
		fail_msg("%s: confidence %s for %s", what,
		    confidence_name(v.confidence), hop);
	/* A reset placed before the server is the locator's verdict. */
	if (reset && (o == RO_PATH || o == RO_THIS_MACHINE) &&
	    v.origin == ORIGIN_SERVER)
		fail_msg("%s: the verdict blames the server", what);
	check_json_hop(what, r, &v, hop ? &h : NULL);
	for (size_t a = 0; a < sizeof(audiences) / sizeof(*audiences); a++) {
		struct report_input in = { .r = r, .v = &v,
			.audience = audiences[a] };
		char *text = report_render(&in, RF_TEXT);

		squeeze(text);
		if (hop && !strstr(text, hop))
			fail_msg("%s, audience %s: no \"%s\"", what,
			    report_audience_name(audiences[a]), hop);
		if (refuser && !strstr(text, refuser))
			fail_msg("%s, audience %s: no \"%s\"", what,
			    report_audience_name(audiences[a]), refuser);
		if (refused && strstr(text, " hops, but"))
			fail_msg("%s, audience %s: counts the refusal as a "
			    "hop", what, report_audience_name(audiences[a]));
		/* An answer in the server's name was not the server's. */
		if (refused && (strstr(text, "the server answered") ||
		    strstr(text, "and reaches it")))
			fail_msg("%s, audience %s: the refusal read as the "
			    "server", what, report_audience_name(audiences[a]));
		/* No section names a hop the reading does not (the
		 * browser-size handshake's replay is a reading too). */
		if (o != RO_PATH && bo != RO_PATH && !refused &&
		    (strstr(text, "at or just after") ||
		    strstr(text, "injected near") || strstr(text,
		    "sent near")))
			fail_msg("%s, audience %s: a hop is blamed for a "
			    "reset placed at %d", what,
			    report_audience_name(audiences[a]), o);
		if (o != RO_PATH && o != RO_SERVER && bo != RO_PATH &&
		    bo != RO_SERVER && !refused && strstr(text, "near hop"))
			fail_msg("%s, audience %s: names a hop", what,
			    report_audience_name(audiences[a]));
		free(text);
	}
	free(hop);
	free(refuser);
	verdict_clear(&v);
}

/* Locator fields laid over a fixture, to try every origin on real data. */
struct variant {
	const char *what;
	int first, distance, near_ttl;
	const char *near_addr;
	int silent_hop;			/* 0: the trace as recorded */
	int inferred;			/* near_addr is the gateway */
	int before_ttl;			/* the locator's neighbours */
	const char *before_addr;
	int after_ttl;
	const char *after_addr;
};

static const struct variant variants[] = {
	{ "as recorded", -1, -1, -1, NULL, 0, 0, 0, NULL, 0, NULL },
	{ "made on this machine", 1, 4, 1, "198.18.0.1", 0, 0, 0, NULL, 0,
	    NULL },
	{ "unplaced", 3, 0, 3, "198.18.0.6", 0, 0, 0, NULL, 0, NULL },
	{ "on the path", 3, 4, 2, "198.18.0.6", 0, 0, 0, NULL, 0, NULL },
	{ "silent hop on the path", 3, 4, 3, "198.18.0.10", 2, 0, 0, NULL, 0,
	    NULL },
	{ "at the server", 4, 4, 4, "203.0.113.11", 0, 0, 0, NULL, 0,
	    NULL },
	{ "inferred gateway", 2, 4, 1, "198.18.2.25", 1, 1, 0, NULL, 0,
	    NULL },
	{ "silent hop asked again", 3, 4, 2, "198.18.0.6", 2, 0, 0, NULL, 0,
	    NULL },
	{ "silent hop with the locator's neighbours", 4, 5, 3, NULL, 3, 0, 2,
	    "198.18.0.6", 4, "203.0.113.11" },
};

static void
apply_variant(struct probe_results *r, const struct variant *v)
{
	static const char *const trace[] = { "198.18.0.1", "198.18.0.6",
		"198.18.0.10", "203.0.113.11" };

	if (v->first < 0)
		return;
	res_path_clear(&r->path);
	r->path.ran = 1;
	r->path.reached = 1;
	r->path.method = xstrdup("tcp-syn");
	for (int i = 0; i < 4; i++) {
		r->path.hops[i].ttl = i + 1;
		r->path.hops[i].addr = i + 1 == v->silent_hop ? NULL :
		    xstrdup(trace[i]);
	}
	r->path.nhops = 4;
	r->locator.ran = 1;
	r->locator.first_reset_ttl = v->first;
	r->locator.server_distance = v->distance;
	r->locator.near_hop_ttl = v->near_ttl;
	xstrset(&r->locator.near_hop_addr, v->near_addr);
	r->locator.near_hop_unidentified = !v->near_addr || v->inferred;
	r->locator.near_hop_inferred = v->inferred;
	r->locator.near_hop_before_ttl = v->before_ttl;
	xstrset(&r->locator.near_hop_before_addr, v->before_addr);
	r->locator.near_hop_after_ttl = v->after_ttl;
	xstrset(&r->locator.near_hop_after_addr, v->after_addr);
	r->locator.local = v->first == 1 && v->distance > 1;
}

static void
test_fixtures_agree(void **state)
{
	const char *dir = getenv("CONNRESET_TESTDATA");
	struct dirent *e;
	DIR *d;
	int nfiles = 0;

	(void)state;
	assert_non_null(dir);
	d = opendir(dir);
	assert_non_null(d);
	while ((e = readdir(d)) != NULL) {
		size_t n = strlen(e->d_name);
		char *path, *text;

		if (strncmp(e->d_name, "evidence_", 9) != 0 || n < 5 ||
		    strcmp(e->d_name + n - 5, ".json") != 0)
			continue;
		path = xasprintf("%s/%s", dir, e->d_name);
		text = read_text(path);
		for (size_t i = 0; i < sizeof(variants) / sizeof(*variants);
		    i++) {
			struct probe_results r;
			char *err = NULL, *what;

			memset(&r, 0, sizeof(r));
			if (evidence_from_string(text, &r, &err) != 0)
				fail_msg("%s: %s", path, err);
			apply_variant(&r, &variants[i]);
			what = xasprintf("%s (%s)", e->d_name,
			    variants[i].what);
			check_agreement(what, &r);
			free(what);
			probe_results_clear(&r);
		}
		free(text);
		free(path);
		nfiles++;
	}
	closedir(d);
	assert_true(nfiles >= 20);
}

/* Whether a reason of the verdict contains text. */
static int
has_reason(const struct verdict *v, const char *text)
{
	for (size_t i = 0; i < v->nreasons; i++)
		if (v->reasons[i].text && strstr(v->reasons[i].text, text))
			return 1;
	return 0;
}

/* SYNs dropped on the path: the hops named as the readings name them. */
struct filtered_case {
	const char *what;
	int silence;			/* hops 1..silence lose their address */
	const char *want[2];		/* reasons that must be there */
};

static const struct filtered_case filtered_cases[] = {
	{ "as recorded", 0, { "stops after hop 2 (198.51.100.1) and never",
	    "dropped on the way, after hop 2 (198.51.100.1)." } },
	{ "no hop answered", 3, { "No hop of the trace answered.",
	    "dropped on the way, before any hop answered." } },
};

static void
test_filtered_hops(void **state)
{
	const char *dir = getenv("CONNRESET_TESTDATA");
	char *path, *text;

	(void)state;
	assert_non_null(dir);
	path = xasprintf("%s/evidence_filtered_path.json", dir);
	text = read_text(path);
	for (size_t i = 0; i < sizeof(filtered_cases) /
	    sizeof(*filtered_cases); i++) {
		const struct filtered_case *c = &filtered_cases[i];
		struct probe_results r;
		struct verdict v;
		char *err = NULL;

		memset(&r, 0, sizeof(r));
		memset(&v, 0, sizeof(v));
		if (evidence_from_string(text, &r, &err) != 0)
			fail_msg("%s: %s", path, err);
		for (int k = 0; k < c->silence && (size_t)k < r.path.nhops;
		    k++)
			xstrset(&r.path.hops[k].addr, NULL);
		verdict_from_evidence(&r, &v);
		for (size_t k = 0; k < 2; k++)
			if (!has_reason(&v, c->want[k]))
				fail_msg("%s: no reason \"%s\"", c->what,
				    c->want[k]);
		if (has_reason(&v, "hop 0"))
			fail_msg("%s: a reason names hop 0", c->what);
		verdict_clear(&v);
		probe_results_clear(&r);
	}
	free(text);
	free(path);
}

/*
 * A report after a redirect is about what was typed: every format's
 * title and the JSON target, with the chain still said and the final
 * URL under its own name (tests/lab browser-scenarios' redirect).
 */
static void
test_typed_reports(void **state)
{
	static const char *const formats[] = { "text", "markdown", "html" };
	static const enum report_format rf[] = { RF_TEXT, RF_MARKDOWN,
		RF_HTML };
	const char *dir = getenv("CONNRESET_TESTDATA");
	struct probe_results r;
	struct verdict v;
	char *path, *text, *err = NULL;
	cJSON *doc, *t;

	(void)state;
	assert_non_null(dir);
	path = xasprintf("%s/evidence_redirect_path.json", dir);
	text = read_text(path);
	memset(&r, 0, sizeof(r));
	if (evidence_from_string(text, &r, &err) != 0)
		fail_msg("%s: %s", path, err);
	free(text);
	free(path);
	memset(&v, 0, sizeof(v));
	verdict_from_evidence(&r, &v);
	for (size_t f = 0; f < 3; f++) {
		struct report_input in = { .r = &r, .v = &v,
			.audience = RA_GENERAL };
		char *out = report_render(&in, rf[f]);

		squeeze(out);
		if (!strstr(out, "Connection report for redirect.example") ||
		    strstr(out, "Connection report for blocked-sni"))
			fail_msg("%s: the title is not what was typed",
			    formats[f]);
		if (!strstr(out, "http://redirect.example/ redirects to "
		    "https://blocked-sni.example/login"))
			fail_msg("%s: the chain is not said", formats[f]);
		if (f == 2 && !strstr(out, "<title>Connection report for "
		    "redirect.example</title>"))
			fail_msg("html: the page title");
		free(out);
	}
	{
		struct report_input in = { .r = &r, .v = &v,
			.audience = RA_GENERAL };

		doc = report_json(&in);
	}
	t = cJSON_GetObjectItem(doc, "target");
	assert_string_equal(cJSON_GetObjectItem(t, "url")->valuestring,
	    "http://redirect.example/");
	assert_string_equal(cJSON_GetObjectItem(t, "host")->valuestring,
	    "redirect.example");
	assert_int_equal(cJSON_GetObjectItem(t, "port")->valueint, 80);
	assert_string_equal(cJSON_GetObjectItem(t, "final_url")->valuestring,
	    "https://blocked-sni.example/login");
	cJSON_Delete(doc);
	verdict_clear(&v);
	probe_results_clear(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_origin),
		cmocka_unit_test(test_reset_hop),
		cmocka_unit_test(test_path_hop),
		cmocka_unit_test(test_filtered_hops),
		cmocka_unit_test(test_locator_text),
		cmocka_unit_test(test_dns_overlap),
		cmocka_unit_test(test_clock),
		cmocka_unit_test(test_h2_only),
		cmocka_unit_test(test_chain),
		cmocka_unit_test(test_typed),
		cmocka_unit_test(test_typed_reports),
		cmocka_unit_test(test_system_dns),
		cmocka_unit_test(test_fixtures_agree),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
