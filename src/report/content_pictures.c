/*
 * The report's pictures as document nodes: the verdict at a glance, the
 * path from this machine to the server, and the attempts on a time line.
 * Every fact is read through the readings (readings.h, samples.h); the
 * writers only decide how the nodes look in their format.
 */
#include "config.h"

#include "report/doc.h"

#include "core/i18n.h"
#include "core/timeutil.h"
#include "core/xalloc.h"
#include "diag/names.h"
#include "probe/readings.h"
#include "probe/samples.h"

#include <stdlib.h>
#include <string.h>

static const char *
nz(const char *s)
{
	return s ? s : "";
}

/* The party the verdict's origin holds responsible. */
static enum glance_party
party_of(enum origin o)
{
	switch (o) {
	case ORIGIN_NONE:
		return GP_NONE;
	case ORIGIN_CLIENT:
		return GP_DEVICE;
	case ORIGIN_LOCAL_NETWORK:
		return GP_NETWORK;
	case ORIGIN_PATH:
		return GP_PATH;
	case ORIGIN_SERVER:
		return GP_SERVER;
	case ORIGIN_UNKNOWN:
		break;
	}
	return GP_UNKNOWN;
}

/* The verdict at a glance, at the top (content_pictures.c). */
void
doc_build_glance(const struct report_input *in, struct doc *d)
{
	static const char *const keys[] = { "none", "device", "network",
		"path", "server", "unknown" };
	static const char *const who[] = { N_("Nobody: no fault found"),
		N_("This device"), N_("The local network"),
		N_("The network path"), N_("The server"),
		N_("Not determined") };
	static const char *const conf[] = { N_("low"), N_("medium"),
		N_("high") };
	const struct verdict *v = in->v;
	enum glance_party p = party_of(v->origin);
	struct doc_node *n;

	n = doc_add(d, DK_GLANCE, keys[p], NULL);
	n->flags = (int)p;
	n->at = v->confidence <= CONF_HIGH ? v->confidence : CONF_LOW;
	doc_cell(n, _(who[p]));
	doc_cell(n, v->summary);
	doc_cell(n, _(conf[v->confidence <= CONF_HIGH ? v->confidence :
	    CONF_LOW]));
	doc_cell(n, escalate_label(v->escalate_to));
}

/* Fills a station's cells: address, reverse name, network, time, loss. */
static void
hop_cells(struct doc_node *n, const char *addr, const char *name,
    const struct res_hop *h)
{
	double last, avg, best, worst;

	doc_cell(n, addr);
	doc_cell(n, name);
	if (h && h->asn > 0)
		doc_cellf(n, "AS%ld%s%s", h->asn, h->as_name ? " " : "",
		    nz(h->as_name));
	else
		doc_cell(n, NULL);
	if (h && h->addr) {
		res_hop_rtt(h, &last, &avg, &best, &worst);
		if (avg >= 0)
			doc_cellf(n, _("%.1f ms"), avg);
		else
			doc_cell(n, NULL);
		doc_cellf(n, _("%.0f%% loss"), h->loss * 100);
	}
}

/* One hop of the trace; the reset hop with what the readings know of it. */
static void
add_hop(const struct probe_results *r, struct doc *d, int hop,
    const struct res_hop_ref *reset, enum reset_origin o)
{
	const struct res_hop *h;
	struct res_hop_ref ref;
	struct doc_node *n;

	if (reset->hop == hop)
		ref = *reset;
	else
		res_path_hop_ref(&r->path, hop, &ref);
	/* The trace's record of the device that answered, when one did. */
	h = ref.addr && !ref.inferred ? res_path_hop_of(&r->path, ref.addr) :
	    NULL;
	n = doc_addf(d, DK_HOP, NULL, _("hop %d"), hop);
	n->at = hop;
	if (!ref.addr)
		n->flags |= HOPF_SILENT;
	if (ref.addr && ref.inferred)
		n->flags |= HOPF_INFERRED;
	if (o == RO_PATH && reset->hop == hop)
		n->flags |= HOPF_RESET;
	hop_cells(n, ref.addr, h ? h->name : NULL, h);
}

/* The path figure: this machine, each hop, the server. */
void
doc_build_path_figure(const struct probe_results *r, struct doc *d)
{
	const struct res_http *m = samples_telling(r, HV_MAIN);
	enum reset_origin o = res_locator_origin(&r->locator);
	const struct res_hop *last = NULL;
	struct res_hop_ref reset, refusal;
	struct doc_node *n;
	int hops = 0;

	if (!r->path.ran && !r->locator.ran)
		return;
	probe_results_reset_hop(r, &reset);
	for (size_t i = 0; i < r->path.nhops && i < RES_MAX_HOPS; i++)
		if (r->path.hops[i].ttl > hops) {
			hops = r->path.hops[i].ttl;
			last = &r->path.hops[i];
		}
	if (!r->path.reached || probe_results_path_refusal(r, &refusal)) {
		/* A refusal in the server's name is not the server: the
		   trace stopped short of it. */
		if (r->path.reached)
			hops--;
		last = NULL;
	} else
		hops--;		/* the last hop is the server itself */
	if (o == RO_PATH && reset.hop > hops)
		hops = reset.hop;
	/* A trace holds RES_MAX_HOPS hops; a report claiming more lies. */
	if (hops > RES_MAX_HOPS)
		hops = RES_MAX_HOPS;
	doc_addf(d, DK_FIGURE, "path", _("The path from this machine to %s"),
	    m && m->addr ? m->addr : nz(r->target.host));
	n = doc_add(d, DK_HOP, NULL, _("this machine"));
	n->flags = HOPF_YOU | (o == RO_THIS_MACHINE ? HOPF_RESET : 0);
	doc_cell(n, m ? m->local_addr : NULL);
	for (int h = 1; h <= hops; h++)
		add_hop(r, d, h, &reset, o);
	if (d->v[d->n - 1].kind == DK_HOP && !last)
		d->v[d->n - 1].flags |= HOPF_GAP;
	n = doc_add(d, DK_HOP, NULL, _("server"));
	n->flags = HOPF_SERVER | (o == RO_SERVER ? HOPF_RESET : 0);
	hop_cells(n, last && last->addr ? last->addr : m ? m->addr : NULL,
	    last && last->name ? last->name : r->target.host, last);
}

/* A time in ms fit to draw: a report read back may hold anything. */
static double
drawable_ms(double ms)
{
	return ms > 0 && ms < 1e10 ? ms : 0;
}

/* How an attempt ended, as a mark on the time line. */
static enum mark_kind
mark_of(enum http_result x)
{
	if (x == HTTP_RESPONSE || x == HTTP_TLS_VERIFY)
		return MK_RESPONSE;
	if (x == HTTP_RESET_MID_TRANSFER)
		return MK_RESET_MID;
	if (samples_reset_like(x))
		return MK_RESET_BEFORE;
	if (x == HTTP_TIMEOUT)
		return MK_TIMEOUT;
	return MK_OTHER;
}

/* Milliseconds from base to the RFC 3339 stamp s; -1 when unreadable. */
static double
ms_since(const struct timespec *base, const char *s)
{
	struct timespec t;

	if (!s || time_parse_rfc3339(s, &t) != 0)
		return -1;
	return (double)(t.tv_sec - base->tv_sec) * 1000 +
	    (double)(t.tv_nsec - base->tv_nsec) / 1e6;
}

/* Every attempt of the sweep, from the first one's start. */
static void
build_sweep_line(const struct probe_results *r, struct doc *d)
{
	struct timespec base = { 0, 0 };
	int have_base = 0;

	for (size_t i = 0; i < r->nhttp; i++) {
		struct timespec t;

		if (r->http[i].result == HTTP_NOT_RUN || !r->http[i].started ||
		    time_parse_rfc3339(r->http[i].started, &t) != 0)
			continue;
		if (!have_base || t.tv_sec < base.tv_sec ||
		    (t.tv_sec == base.tv_sec && t.tv_nsec < base.tv_nsec))
			base = t;
		have_base = 1;
	}
	if (!have_base)
		return;
	doc_add(d, DK_FIGURE, "timeline", _("Every request of the sweep over "
	    "time: each bar runs from its start to its end, the mark says "
	    "how it ended"));
	for (size_t i = 0; i < r->nhttp; i++) {
		const struct res_http *h = &r->http[i];
		double at = ms_since(&base, h->started);
		struct doc_node *n;

		if (h->result == HTTP_NOT_RUN || at < 0)
			continue;
		n = doc_add(d, DK_MARK, doc_variant_label(h->variant),
		    http_result_label(h->result));
		n->flags = (int)mark_of(h->result);
		n->at = drawable_ms(at);
		n->took = drawable_ms(h->t_total);
		doc_cell(n, h->addr);
	}
}

/* The watch's samples, from its start. */
static void
build_watch_line(const struct probe_results *r, struct doc *d)
{
	const struct res_watch *w = &r->watch;

	if (!w->ran || w->n == 0)
		return;
	doc_addf(d, DK_FIGURE, "watch", _("The watch from %s: one mark a "
	    "request, in the row of how it ended"), nz(w->started));
	for (size_t i = 0; i < w->n; i++) {
		struct doc_node *n = doc_add(d, DK_MARK, NULL,
		    http_result_label(w->s[i].result));

		n->flags = (int)mark_of(w->s[i].result);
		n->at = drawable_ms(w->s[i].t_ms);
		n->took = drawable_ms(w->s[i].ms);
	}
}

/* The attempts of the sweep and of the watch as timelines. */
void
doc_build_timelines(const struct probe_results *r, struct doc *d)
{
	build_sweep_line(r, d);
	build_watch_line(r, d);
}
