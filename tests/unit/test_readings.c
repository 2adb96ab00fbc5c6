/* Unit tests of src/probe/readings.c: each shared reading from a table. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "probe/readings.h"
#include "probe/result.h"

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
};

static const struct hop_case hop_cases[] = {
	{ "identified hop before the server",
	    { "198.18.1.1", "198.18.1.6", "198.18.1.10", "-", "198.18.1.18",
	    "203.0.113.30" }, 4, 6, 3, "198.18.1.10", NULL, 1, 3,
	    "hop 3 (198.18.1.10)" },
	{ "silent hop: never the neighbour the locator fell back to",
	    { "198.51.100.1", "-", "198.51.100.3", "198.51.100.4" }, 3, 4, 3,
	    "198.51.100.3", NULL, 1, 2, "hop 2 (it did not identify itself; "
	    "it lies between 198.51.100.1 and 198.51.100.3)" },
	{ "silent first hop",
	    { "-", "198.18.2.1", "198.18.3.1", "198.18.4.1" }, 2, 4, 2,
	    "198.18.2.1", NULL, 1, 1, "hop 1 (it did not identify itself; "
	    "it lies between this machine and 198.18.2.1)" },
	{ "silent hop at the end of a trace that stops",
	    { "198.18.1.1", "198.18.2.1", "-" }, 4, 5, 4, NULL, NULL, 1, 3,
	    "hop 3 (it did not identify itself; it lies after "
	    "198.18.2.1)" },
	{ "the locator's own trace names the hop",
	    { NULL }, 4, 11, 3, "198.51.100.1", NULL, 1, 3,
	    "hop 3 (198.51.100.1)" },
	{ "no trace and no name",
	    { NULL }, 3, 11, 0, NULL, NULL, 1, 2,
	    "hop 2 (it did not identify itself)" },
	{ "the server at its distance",
	    { "198.18.0.1", "198.18.0.6", "198.18.0.10", "203.0.113.11" }, 4,
	    4, 4, "203.0.113.11", "203.0.113.11", 1, 4,
	    "hop 4 (203.0.113.11)" },
	{ "the server's address from the request it reset",
	    { NULL }, 11, 11, 10, "198.51.100.77", "192.0.2.10", 1, 11,
	    "hop 11 (192.0.2.10)" },
	{ "made on this machine: no hop",
	    { "198.18.0.1", "198.18.0.6" }, 1, 4, 1, "198.18.0.1", NULL, 0, 0,
	    NULL },
	{ "no reset: no hop",
	    { "198.18.0.1", "198.18.0.6" }, 0, 4, 0, NULL, NULL, 0, 0, NULL },
	{ "distance unknown: no hop",
	    { "198.18.0.1", "198.18.0.6" }, 3, 0, 3, "198.18.0.6", NULL, 0, 0,
	    NULL },
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
			free(t);
		} else {
			assert_null(h.addr);
		}
		probe_results_clear(&r);
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
	{ 1, 4, 4, "the reset comes from the server, at hop 4" },
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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_origin),
		cmocka_unit_test(test_reset_hop),
		cmocka_unit_test(test_locator_text),
		cmocka_unit_test(test_dns_overlap),
		cmocka_unit_test(test_system_dns),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
