/*
 * The shared readings of the results; see readings.h. Everything here is
 * pure: it reads struct probe_results and never changes it.
 */
#include "config.h"

#include "probe/readings.h"
#include "core/i18n.h"
#include "core/xalloc.h"

#include <stdlib.h>
#include <string.h>

/*
 * Decided from the two measurements, not from the locator's "local"
 * flag, which records the same rule: a reset at TTL 1 while the server is
 * farther cannot come from beyond this machine, and without the server's
 * distance no TTL can be told apart from the server's own.
 */
enum reset_origin
res_locator_origin(const struct res_locator *l)
{
	int first = l->first_reset_ttl, dist = l->server_distance;

	if (!l->ran)
		return RO_NOT_RUN;
	if (first <= 0)
		return RO_NO_RESET;
	if (first == 1 && dist > 1)
		return RO_THIS_MACHINE;
	if (dist <= 0)
		return RO_UNPLACED;
	return first < dist ? RO_PATH : RO_SERVER;
}

/* The trace's hop at hop number n, or NULL when the trace has none. */
static const struct res_hop *
trace_hop(const struct res_path *p, int n)
{
	for (size_t i = 0; i < p->nhops && i < RES_MAX_HOPS; i++)
		if (p->hops[i].ttl == n)
			return &p->hops[i];
	return NULL;
}

/* The nearest identified hops before and after hop n. */
static void
neighbours(const struct res_path *p, int n, struct res_hop_ref *out)
{
	int lo = 0, hi = 0;

	for (size_t i = 0; i < p->nhops && i < RES_MAX_HOPS; i++) {
		const struct res_hop *h = &p->hops[i];

		if (!h->addr)
			continue;
		if (h->ttl < n && h->ttl > lo) {
			lo = h->ttl;
			out->before = h->addr;
		} else if (h->ttl > n && (hi == 0 || h->ttl < hi)) {
			hi = h->ttl;
			out->after = h->addr;
		}
	}
}

/* The hop the reset is attributed to; see readings.h. */
int
probe_results_reset_hop(const struct probe_results *r,
    struct res_hop_ref *out)
{
	const struct res_locator *l = &r->locator;
	enum reset_origin o = res_locator_origin(l);
	const struct res_hop *h;

	memset(out, 0, sizeof(*out));
	if (o == RO_PATH)
		out->hop = l->first_reset_ttl - 1;
	else if (o == RO_SERVER)
		out->hop = l->server_distance;
	else
		return 0;
	/* The locator's own trace may know a hop the sweep's lacks. */
	if (l->near_hop_ttl == out->hop && l->near_hop_addr)
		out->addr = l->near_hop_addr;
	else if ((h = trace_hop(&r->path, out->hop)) != NULL)
		out->addr = h->addr;
	if (!out->addr && o == RO_SERVER) {
		/* The server's address is the one the request went to. */
		const struct res_http *m = probe_results_http(r, HV_MAIN);

		out->addr = m ? m->addr : NULL;
	}
	neighbours(&r->path, out->hop, out);
	return 1;
}

/* A hop for screens and reports; see readings.h. */
char *
res_hop_ref_text(const struct res_hop_ref *h)
{
	if (h->addr)
		return xasprintf(_("hop %d (%s)"), h->hop, h->addr);
	if (h->before && h->after)
		return xasprintf(_("hop %d (it did not identify itself; it "
		    "lies between %s and %s)"), h->hop, h->before, h->after);
	if (h->before)
		return xasprintf(_("hop %d (it did not identify itself; it "
		    "lies after %s)"), h->hop, h->before);
	if (h->after)
		return xasprintf(_("hop %d (it did not identify itself; it "
		    "lies between this machine and %s)"), h->hop, h->after);
	return xasprintf(_("hop %d (it did not identify itself)"), h->hop);
}

/* One line on where the reset comes from; see readings.h. */
char *
probe_results_locator_text(const struct probe_results *r)
{
	const struct res_locator *l = &r->locator;
	struct res_hop_ref h;
	char *hop, *s;

	switch (res_locator_origin(l)) {
	case RO_NOT_RUN:
		return NULL;
	case RO_NO_RESET:
		return xstrdup(_("no reset came back to the TTL-limited "
		    "replays"));
	case RO_THIS_MACHINE:
		return xstrdup(_("the reset is made on this machine, before "
		    "the first router"));
	case RO_UNPLACED:
		return xasprintf(_("a reset came back at TTL %d; the server's "
		    "distance is not known"), l->first_reset_ttl);
	case RO_SERVER:
		return xasprintf(_("the reset comes from the server, at hop "
		    "%d"), l->server_distance);
	case RO_PATH:
		break;
	}
	probe_results_reset_hop(r, &h);
	hop = res_hop_ref_text(&h);
	s = xasprintf(ngettext("reset sent near %s, the server is %d hop "
	    "away", "reset sent near %s, the server is %d hops away",
	    l->server_distance), hop, l->server_distance);
	free(hop);
	return s;
}

/* Non-zero when two DNS answers share at least one address. */
int
res_dns_overlap(const struct res_dns *a, const struct res_dns *b)
{
	for (size_t i = 0; i < a->naddrs && i < RES_MAX_ADDRS; i++)
		for (size_t k = 0; k < b->naddrs && k < RES_MAX_ADDRS; k++)
			if (a->addrs[i] && b->addrs[k] &&
			    strcmp(a->addrs[i], b->addrs[k]) == 0)
				return 1;
	return 0;
}

/* The system resolver's answer, or NULL; see readings.h. */
const struct res_dns *
probe_results_system_dns(const struct probe_results *r)
{
	for (size_t i = 0; i < r->ndns && i < RES_MAX_DNS; i++)
		if (r->dns[i].is_system)
			return &r->dns[i];
	return NULL;
}
