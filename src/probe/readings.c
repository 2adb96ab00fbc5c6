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

/* Takes hop t (address a) as a neighbour of out's hop when nearer. */
static void
neighbour(struct res_hop_ref *out, int t, const char *a)
{
	if (!a || t <= 0)
		return;
	if (t < out->hop && t > out->before_hop) {
		out->before_hop = t;
		out->before = a;
	} else if (t > out->hop && (out->after_hop == 0 ||
	    t < out->after_hop)) {
		out->after_hop = t;
		out->after = a;
	}
}

/* The nearest identified hops of the trace before and after out's hop. */
static void
neighbours(const struct res_path *p, struct res_hop_ref *out)
{
	for (size_t i = 0; i < p->nhops && i < RES_MAX_HOPS; i++)
		neighbour(out, p->hops[i].ttl, p->hops[i].addr);
}

/* Hop n of the trace as the readings name it; see readings.h. */
void
res_path_hop_ref(const struct res_path *p, int n, struct res_hop_ref *out)
{
	const struct res_hop *h = trace_hop(p, n);

	memset(out, 0, sizeof(*out));
	out->hop = n;
	out->addr = h ? h->addr : NULL;
	neighbours(p, out);
}

/* The refusal a TCP trace ends in; see readings.h. */
int
probe_results_path_refusal(const struct probe_results *r,
    struct res_hop_ref *out)
{
	const struct res_path *p = &r->path;
	int ttl = 0;

	memset(out, 0, sizeof(*out));
	if (!p->ran || !p->reached || p->alt_distance <= 0)
		return 0;
	for (size_t i = 0; i < p->nhops && i < RES_MAX_HOPS; i++)
		if (p->hops[i].ttl > ttl)
			ttl = p->hops[i].ttl;
	if (ttl <= 0 || ttl >= p->alt_distance)
		return 0;
	if (ttl > 1)
		res_path_hop_ref(p, ttl - 1, out);
	return ttl;
}

/* The refusal a TCP trace ends in, in one line; see readings.h. */
char *
probe_results_path_refusal_text(const struct probe_results *r)
{
	const struct res_path *p = &r->path;
	const char *alt = p->alt_method ? p->alt_method : "UDP";
	struct res_hop_ref h;
	char *hop, *s;

	if (probe_results_path_refusal(r, &h) == 0)
		return NULL;
	if (h.hop == 0)
		return xasprintf(_("SYNs are refused at TTL 1 already, on this "
		    "machine or at the first router; a %s trace reaches the "
		    "server at hop %d"), alt, p->alt_distance);
	hop = res_hop_ref_text(&h);
	s = xasprintf(_("SYNs are refused near %s, in the server's name; a "
	    "%s trace reaches the server at hop %d"), hop, alt,
	    p->alt_distance);
	free(hop);
	return s;
}

/* Whether the device at the hop answered; see readings.h. */
int
res_hop_ref_identified(const struct res_hop_ref *h)
{
	return h->addr != NULL && !h->inferred;
}

/*
 * What the locator knows of out's hop, when it named that same hop: its
 * address (perhaps from asking a silent router again, or the gateway it
 * inferred) and the identified hops around it.
 */
static void
from_locator(const struct res_locator *l, struct res_hop_ref *out)
{
	if (l->near_hop_ttl != out->hop)
		return;
	out->addr = l->near_hop_addr;
	out->inferred = l->near_hop_addr && l->near_hop_inferred;
	neighbour(out, l->near_hop_before_ttl, l->near_hop_before_addr);
	neighbour(out, l->near_hop_after_ttl, l->near_hop_after_addr);
}

/* The hop the reset is attributed to; see readings.h. */
int
probe_results_reset_hop(const struct probe_results *r,
    struct res_hop_ref *out)
{
	return probe_results_locator_hop(r, &r->locator, out);
}

/* The same for another replay of the locator's; see readings.h. */
int
probe_results_locator_hop(const struct probe_results *r,
    const struct res_locator *l, struct res_hop_ref *out)
{
	enum reset_origin o = res_locator_origin(l);
	const struct res_hop *h;

	memset(out, 0, sizeof(*out));
	if (o == RO_PATH)
		out->hop = l->first_reset_ttl - 1;
	else if (o == RO_SERVER)
		out->hop = l->server_distance;
	else
		return 0;
	from_locator(l, out);
	/* An answer the trace saw beats a gateway read from a table. */
	if (!res_hop_ref_identified(out) &&
	    (h = trace_hop(&r->path, out->hop)) != NULL && h->addr) {
		out->addr = h->addr;
		out->inferred = 0;
	}
	if (!out->addr && o == RO_SERVER) {
		/* The server's address is the one the request went to. */
		const struct res_http *m = probe_results_http(r, HV_MAIN);

		out->addr = m ? m->addr : NULL;
	}
	neighbours(&r->path, out);
	return 1;
}

/* A hop for screens and reports; see readings.h. */
char *
res_hop_ref_text(const struct res_hop_ref *h)
{
	if (h->addr && h->inferred)
		return xasprintf(_("hop %d (%s, this machine's gateway, "
		    "inferred from the routing table: it did not answer)"),
		    h->hop, h->addr);
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
	return probe_results_locator_text_of(r, &r->locator);
}

/* The same for another replay of the locator's; see readings.h. */
char *
probe_results_locator_text_of(const struct probe_results *r,
    const struct res_locator *l)
{
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
		probe_results_locator_hop(r, l, &h);
		hop = res_hop_ref_text(&h);
		s = xasprintf(_("the reset comes from the server, %s"), hop);
		free(hop);
		return s;
	case RO_PATH:
		break;
	}
	probe_results_locator_hop(r, l, &h);
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

/* --- the ClientHello-size check (see readings.h) --- */

void
bighello_counts(const struct res_bighello *b, int *classic_n,
    int *classic_failed, int *large_n, int *large_failed)
{
	*classic_n = *classic_failed = *large_n = *large_failed = 0;
	for (size_t i = 0; i < b->n && i < RES_MAX_HELLO; i++) {
		const struct res_hello_try *t = &b->tries[i];

		if (t->large) {
			(*large_n)++;
			*large_failed += t->outcome != HELLO_OK;
		} else {
			(*classic_n)++;
			*classic_failed += t->outcome != HELLO_OK;
		}
	}
}

int
bighello_size(const struct res_bighello *b, int large)
{
	for (size_t i = 0; i < b->n && i < RES_MAX_HELLO; i++)
		if (!b->tries[i].large == !large && b->tries[i].size > 0)
			return b->tries[i].size;
	return 0;
}

enum hello_outcome
bighello_large_failure(const struct res_bighello *b)
{
	int count[HELLO_GARBAGE + 1] = { 0 }, best = HELLO_OK;

	for (size_t i = 0; i < b->n && i < RES_MAX_HELLO; i++)
		if (b->tries[i].large && b->tries[i].outcome != HELLO_OK &&
		    (int)b->tries[i].outcome <= HELLO_GARBAGE)
			count[b->tries[i].outcome]++;
	for (int o = HELLO_NOCONN; o <= HELLO_GARBAGE; o++)
		if (count[o] > count[best] || (best == HELLO_OK && count[o]))
			best = o;
	return (enum hello_outcome)best;
}

/* "reset", "no answer" ... for one outcome, translated. */
const char *
bighello_outcome_label(enum hello_outcome o)
{
	static const char *const labels[] = {
		N_("answered"), N_("no connection"), N_("reset"),
		N_("no answer"), N_("closed"), N_("TLS alert"),
		N_("not TLS")
	};

	return (size_t)o < sizeof(labels) / sizeof(labels[0]) ?
	    _(labels[o]) : _("unknown");
}

/* --- the packet-size check (see readings.h) --- */

void
pmtu_counts(const struct res_pmtu *p, int *small_n, int *small_ok,
    int *default_n, int *default_ok)
{
	*small_n = *small_ok = *default_n = *default_ok = 0;
	for (size_t i = 0; i < p->n && i < RES_MAX_SEG; i++) {
		int ok = p->tries[i].result == HTTP_RESPONSE;

		if (p->tries[i].maxseg > 0) {
			(*small_n)++;
			*small_ok += ok;
		} else {
			(*default_n)++;
			*default_ok += ok;
		}
	}
}

int
pmtu_black_hole(const struct res_pmtu *p)
{
	int sn, sok, dn, dok;

	if (!p->ran)
		return 0;
	pmtu_counts(p, &sn, &sok, &dn, &dok);
	return sn > 0 && sok == sn && dok < dn;
}
