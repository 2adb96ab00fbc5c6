/*
 * The packet-size check: when the real request's connection opened but
 * its answer never came or stopped early, the request goes again with
 * small TCP segments (TCP_MAXSEG), in turn with the system's own size,
 * straight to the same address. If only the small ones complete, large
 * packets are lost on the path (a PMTU black hole). It also reads what
 * the kernel knows of the path's MTU and the interface's MTU.
 */
#include "config.h"

#include "sweep/sweep_int.h"

#include "core/i18n.h"
#include "core/strbuf.h"
#include "core/xalloc.h"
#include "probe/http.h"
#include "probe/names.h"
#include "probe/pmtu.h"
#include "probe/readings.h"
#include "sweep/sweep_check.h"

#include <stdlib.h>
#include <string.h>

/* Small, the system's own, small. */
static const int seg_plan[] = { PMTU_SMALL_MSS, 0, PMTU_SMALL_MSS };
#define NPLAN (sizeof(seg_plan) / sizeof(seg_plan[0]))

struct pmtu_state {
	struct http_probe *probe;
	struct res_http h;	/* the request in flight */
	char *url;
};

static void next_try(struct check_run *run);

static void
try_done(void *arg)
{
	struct check_run *run = arg;
	struct sweep *sw = run->sw;
	struct pmtu_state *st = run->state;
	struct res_seg_try *t = &sw->r.pmtu.tries[sw->r.pmtu.n];

	st->probe = NULL;
	t->maxseg = seg_plan[sw->r.pmtu.n];
	t->result = st->h.result;
	t->bytes = st->h.bytes;
	t->ms = st->h.t_total > 0 ? st->h.t_total : 0;
	sw->r.pmtu.n++;
	res_http_clear(&st->h);
	sweep_changed(sw);
	next_try(run);
}

static void
next_try(struct check_run *run)
{
	struct sweep *sw = run->sw;
	struct pmtu_state *st = run->state;
	struct http_req req = { 0 };

	if (sw->r.pmtu.n >= NPLAN) {
		sweep_finish(sw, run);
		sweep_changed(sw);
		return;
	}
	req.variant = HV_RETEST;
	req.url = st->url;
	req.connect_addr = sweep_address(sw);
	req.verify = 0;
	req.maxseg = seg_plan[sw->r.pmtu.n];
	memset(&st->h, 0, sizeof(st->h));
	st->probe = http_probe_start(&sw->env, &req, &st->h, try_done, run);
}

/* The connection opened, then the answer never came or stopped early. */
static int
answer_lost(const struct res_http *m)
{
	return m && m->t_connect > 0 && (m->result == HTTP_TIMEOUT ||
	    (m->result == HTTP_ERROR && m->bytes > 0));
}

static void
start(struct sweep *sw, struct check_run *run)
{
	struct pmtu_state *st = run->state;

	if (sweep_proxy_url(sw)) {
		sweep_skip(sw, run, _("not needed: the request goes through a "
		    "proxy"));
		return;
	}
	if (!answer_lost(sweep_direct_request(sw))) {
		sweep_skip(sw, run, _("not needed: the answer did not go "
		    "missing"));
		return;
	}
	sweep_begin(sw, run);
	res_pmtu_clear(&sw->r.pmtu);
	sw->r.pmtu.ran = 1;
	pmtu_read(sweep_address(sw), &sw->r.pmtu);
	free(st->url);
	st->url = sweep_url_with_host(&sw->r.target,
	    sw->r.target.ascii_host);
	next_try(run);
}

static void
cancel(struct sweep *sw, struct check_run *run)
{
	struct pmtu_state *st = run->state;

	(void)sw;
	if (st->probe)
		http_probe_cancel(st->probe);
	st->probe = NULL;
	res_http_clear(&st->h);
}

static void
free_state(struct check_run *run)
{
	struct pmtu_state *st = run->state;

	free(st->url);
	st->url = NULL;
}

static int
forget(struct sweep *sw, struct check_run *run)
{
	(void)run;
	res_pmtu_clear(&sw->r.pmtu);
	return 0;
}

static enum check_status
status(const struct probe_results *r)
{
	if (!r->pmtu.ran || r->pmtu.n == 0)
		return CS_ERROR;
	return pmtu_black_hole(&r->pmtu) ? CS_FAIL : CS_INFO;
}

static char *
summary(const struct probe_results *r)
{
	const struct res_pmtu *p = &r->pmtu;
	struct strbuf sb = STRBUF_INIT;
	int sn, sok, dn, dok;

	if (!p->ran || p->n == 0)
		return xstrdup(_("the request could not be made again"));
	pmtu_counts(p, &sn, &sok, &dn, &dok);
	sb_addf(&sb, _("segments of %d bytes: %d of %d answered; the "
	    "system's own size: %d of %d"), PMTU_SMALL_MSS, sok, sn, dok, dn);
	if (pmtu_black_hole(p))
		sb_add(&sb, _("; large packets are lost on the path"));
	if (p->if_mtu > 0)
		sb_addf(&sb, _("; interface %s MTU %d"), p->ifname ?
		    p->ifname : "?", p->if_mtu);
	if (p->path_mtu > 0)
		sb_addf(&sb, _(", path MTU the kernel knows %d"), p->path_mtu);
	return sb_detach(&sb);
}

static const char *const after[] = { "dns", "proxy", NULL };
static const char *const follows[] = { "http", NULL };

const struct check_kind check_pmtu = {
	.id = "pmtu",
	.title = N_("Packet size (small TCP segments)"),
	.after = after,
	.follows = follows,
	.flags = CK_NEEDS_ADDR,
	.state_size = sizeof(struct pmtu_state),
	.start = start,
	.cancel = cancel,
	.free = free_state,
	.forget = forget,
	.status = status,
	.summary = summary,
};
