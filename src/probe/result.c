#include "config.h"

#include "probe/result.h"
#include "probe/target.h"
#include "probe/asn.h"
#include "probe/readings.h"

#include "core/xalloc.h"

#include <stdlib.h>
#include <string.h>

/* Frees what one res_dns owns and zeroes it. */
void
res_dns_clear(struct res_dns *d)
{
	free(d->server);
	free(d->source);
	for (size_t i = 0; i < d->naddrs; i++)
		free(d->addrs[i]);
	free(d->error);
	memset(d, 0, sizeof(*d));
}

/* Frees what one res_http owns and zeroes it. */
void
res_http_clear(struct res_http *h)
{
	free(h->url);
	free(h->addr);
	free(h->host_header);
	free(h->sni);
	free(h->proxy);
	free(h->curl_error);
	free(h->tls_version);
	free(h->alpn);
	free(h->server);
	free(h->started);
	free(h->backend);
	free(h->date);
	free(h->location);
	free(h->local_addr);
	free(h->proxy_auth);
	memset(h, 0, sizeof(*h));
}

/* Frees what one res_tls owns and zeroes it. */
void
res_tls_clear(struct res_tls *t)
{
	free(t->verify_reason);
	for (size_t i = 0; i < t->nchain; i++) {
		free(t->chain[i].subject);
		free(t->chain[i].issuer);
		free(t->chain[i].sans);
		free(t->chain[i].not_before);
		free(t->chain[i].not_after);
	}
	free(t->alpn);
	free(t->negotiated);
	memset(t, 0, sizeof(*t));
}

/* Frees what a path record owns and zeroes it. */
void
res_path_clear(struct res_path *p)
{
	free(p->method);
	free(p->alt_method);
	for (size_t i = 0; i < p->nhops; i++) {
		free(p->hops[i].addr);
		free(p->hops[i].name);
		free(p->hops[i].as_name);
	}
	memset(p, 0, sizeof(*p));
}

/* Frees what a locator record owns and zeroes it. */
void
res_locator_clear(struct res_locator *l)
{
	free(l->trigger);
	free(l->near_hop_addr);
	free(l->near_hop_before_addr);
	free(l->near_hop_after_addr);
	free(l->forged_detail);
	memset(l, 0, sizeof(*l));
}

static void
clear_misc(struct probe_results *r)
{
	res_proxy_clear(&r->proxy);
	res_local_clear(&r->local);
	res_flush_clear(&r->flush);
	res_kstat_clear(&r->kstat);
	res_watch_clear(&r->watch);
	res_bighello_clear(&r->bighello);
	res_pmtu_clear(&r->pmtu);
	for (size_t i = 0; i < r->nchecks; i++) {
		free(r->checks[i].id);
		free(r->checks[i].summary);
		free(r->checks[i].started);
	}
}

/* Frees what the counters own and zeroes them. */
void
res_kstat_clear(struct res_kstat *k)
{
	free(k->source);
	free(k->error);
	for (size_t i = 0; i < k->n && i < RES_MAX_KSTAT; i++)
		free(k->c[i].name);
	memset(k, 0, sizeof(*k));
}

/* Frees what the watch owns and zeroes it. */
void
res_watch_clear(struct res_watch *w)
{
	free(w->started);
	free(w->s);
	memset(w, 0, sizeof(*w));
}

/* Frees what the ClientHello-size check owns and zeroes it. */
void
res_bighello_clear(struct res_bighello *b)
{
	res_locator_clear(&b->locator);
	memset(b, 0, sizeof(*b));
}

/* Frees what the packet-size check owns and zeroes it. */
void
res_pmtu_clear(struct res_pmtu *p)
{
	free(p->ifname);
	memset(p, 0, sizeof(*p));
}

/* Adds one sample; the array grows in steps, up to RES_MAX_WATCH. */
void
res_watch_add(struct res_watch *w, const struct res_watch_sample *s)
{
	if (w->n >= RES_MAX_WATCH)
		return;
	if ((w->n & 63) == 0)
		w->s = xrealloc(w->s, (w->n + 64) * sizeof(*w->s));
	w->s[w->n++] = *s;
}

/* Frees everything the results own and zeroes them. */
void
probe_results_clear(struct probe_results *r)
{
	target_clear(&r->target);
	free(r->created);
	for (size_t i = 0; i < r->ndns; i++)
		res_dns_clear(&r->dns[i]);
	for (size_t i = 0; i < r->ntcp; i++)
		free(r->tcp[i].addr);
	for (size_t i = 0; i < r->nhttp; i++)
		res_http_clear(&r->http[i]);
	res_tls_clear(&r->tls);
	res_path_clear(&r->path);
	res_locator_clear(&r->locator);
	clear_misc(r);
	memset(r, 0, sizeof(*r));
}

const struct res_http *
probe_results_http(const struct probe_results *r, enum http_variant v)
{
	for (size_t i = 0; i < r->nhttp; i++)
		if (r->http[i].variant == v &&
		    r->http[i].result != HTTP_NOT_RUN)
			return &r->http[i];
	return NULL;
}

struct res_check *
probe_results_check(struct probe_results *r, const char *id)
{
	for (size_t i = 0; i < r->nchecks; i++)
		if (r->checks[i].id && strcmp(r->checks[i].id, id) == 0)
			return &r->checks[i];
	return NULL;
}

/* The first hop of p answering from addr. */
const struct res_hop *
res_path_hop_of(const struct res_path *p, const char *addr)
{
	for (size_t i = 0; addr && i < p->nhops; i++)
		if (p->hops[i].addr && strcmp(p->hops[i].addr, addr) == 0)
			return &p->hops[i];
	return NULL;
}

/* The reset's network against the provider's (see result.h). */
enum res_owner
probe_results_reset_owner(const struct probe_results *r,
    const struct res_hop **hop, const struct res_hop **provider)
{
	const struct res_hop *at = NULL, *isp = NULL;
	struct res_hop_ref ref;

	probe_results_reset_hop(r, &ref);
	if (ref.hop > 0 && res_hop_ref_identified(&ref))
		at = res_path_hop_of(&r->path, ref.addr);
	for (size_t i = 0; i < r->path.nhops && !isp; i++)
		if (asn_addr_public(r->path.hops[i].addr))
			isp = &r->path.hops[i];
	if (hop)
		*hop = at && at->asn ? at : NULL;
	if (provider)
		*provider = isp && isp->asn ? isp : NULL;
	if (!at || !at->asn || !isp || !isp->asn)
		return OWNER_UNKNOWN;
	return at->asn == isp->asn ? OWNER_INSIDE : OWNER_BEYOND;
}

/* The last, mean, best and worst round trip of a hop. */
void
res_hop_rtt(const struct res_hop *h, double *last, double *avg,
    double *best, double *worst)
{
	int n = h->nrtt < RES_MAX_RTT ? h->nrtt : RES_MAX_RTT, got = 0;
	double sum = 0;

	*last = *avg = *best = *worst = -1;
	if (h->recv > 0) {
		*last = h->rtt_last;
		*avg = h->rtt_sum / h->recv;
		*best = h->rtt_best;
		*worst = h->rtt_worst;
		return;
	}
	for (int k = 0; k < n; k++) {
		double v = h->rtt_ms[k];

		if (v < 0)
			continue;
		got++;
		if (*best < 0 || v < *best)
			*best = v;
		if (v > *worst)
			*worst = v;
		sum += v;
		*last = v;
	}
	if (got > 0)
		*avg = sum / got;
}
