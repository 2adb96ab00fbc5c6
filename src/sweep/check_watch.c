/*
 * Watching the request (--watch, or a key in the wizard): the real
 * request once a second for as long as asked, like mtr's continuous
 * mode, so a problem that comes and goes shows its rate and its timeline.
 * One request at a time: one that hangs delays the next, it does not
 * pile up.
 */
#include "config.h"

#include "sweep/sweep_int.h"

#include "core/i18n.h"
#include "core/loop.h"
#include "core/timeutil.h"
#include "core/xalloc.h"
#include "probe/http.h"
#include "sweep/sweep_check.h"

#include <stdlib.h>
#include <string.h>

/* One request this often. */
#define WATCH_INTERVAL_MS 1000

struct watch_state {
	long duration_ms;	/* asked for by sweep_watch() */
	struct http_probe *h;	/* the request in flight, or NULL */
	struct res_http scratch;	/* its result, until it is a sample */
	uint64_t timer;		/* the next request's timer, 0 for none */
	double t0;		/* loop_now_ms() when the watch began */
	double sent;		/* loop_now_ms() when h was started */
	int stopping;		/* end once h is in */
};

static void tick(struct loop *lp, void *arg);

static void
stop_timer(struct sweep *sw, struct watch_state *st)
{
	if (st->timer)
		loop_timer_cancel(sw->lp, st->timer);
	st->timer = 0;
}

static void
finish(struct sweep *sw, struct check_run *run)
{
	struct watch_state *st = run->state;

	stop_timer(sw, st);
	st->stopping = 0;
	sweep_finish(sw, run);
	sweep_changed(sw);
}

static void
answered(void *arg)
{
	struct check_run *run = arg;
	struct sweep *sw = run->sw;
	struct watch_state *st = run->state;
	struct res_watch_sample s = { 0 };

	st->h = NULL;
	s.t_ms = st->sent - st->t0;
	s.result = st->scratch.result;
	s.status = st->scratch.status;
	s.ms = st->scratch.t_total >= 0 ? st->scratch.t_total :
	    loop_now_ms() - st->sent;
	res_watch_add(&sw->r.watch, &s);
	res_http_clear(&st->scratch);
	/* The line shows the count so far while the watch runs. */
	free(run->c->summary);
	run->c->summary = sweep_watch_summary(&sw->r);
	if (st->stopping || loop_now_ms() - st->t0 >= st->duration_ms)
		finish(sw, run);
	sweep_changed(sw);
}

/* Sends the next request, unless the last one is still out. */
static void
send_one(struct sweep *sw, struct check_run *run)
{
	struct watch_state *st = run->state;
	struct http_req req = { 0 };
	char *url;

	if (st->h)
		return;
	url = sweep_url_with_host(&sw->r.target, sw->r.target.ascii_host);
	req.variant = HV_MAIN;
	req.url = url;
	req.addr_hint = sweep_address(sw);
	req.proxy = sweep_proxy_url(sw);
	req.verify = 1;
	req.http2 = 1;	/* ALPN h2,http/1.1, as a browser */
	req.own = sw->own;
	memset(&st->scratch, 0, sizeof(st->scratch));
	st->sent = loop_now_ms();
	st->h = http_probe_start(&sw->env, &req, &st->scratch, answered,
	    run);
	free(url);
}

static void
tick(struct loop *lp, void *arg)
{
	struct check_run *run = arg;
	struct sweep *sw = run->sw;
	struct watch_state *st = run->state;

	(void)lp;
	st->timer = 0;
	if (loop_now_ms() - st->t0 >= st->duration_ms) {
		if (st->h)
			st->stopping = 1;	/* the last answer ends it */
		else
			finish(sw, run);
		return;
	}
	send_one(sw, run);
	st->timer = loop_timer_add(sw->lp, WATCH_INTERVAL_MS, tick, run);
}

static void
start(struct sweep *sw, struct check_run *run)
{
	struct watch_state *st = run->state;
	struct timespec now = time_now();
	char stamp[40];

	res_watch_clear(&sw->r.watch);
	sw->r.watch.ran = 1;
	sw->r.watch.interval_ms = WATCH_INTERVAL_MS;
	sw->r.watch.duration_ms = st->duration_ms;
	time_rfc3339(stamp, sizeof(stamp), &now);
	sw->r.watch.started = xstrdup(stamp);
	st->t0 = loop_now_ms();
	st->stopping = 0;
	tick(sw->lp, run);
}

static void
cancel(struct sweep *sw, struct check_run *run)
{
	struct watch_state *st = run->state;

	stop_timer(sw, st);
	if (st->h)
		http_probe_cancel(st->h);
	st->h = NULL;
	res_http_clear(&st->scratch);
}

/* Starts watching the request for duration_ms; see sweep.h. */
void
sweep_watch(struct sweep *sw, long duration_ms)
{
	struct check_run *run = sweep_run(sw, &check_watch);
	struct watch_state *st = run->state;

	if (run->c && run->c->state == CHECK_RUNNING)
		return;
	st->duration_ms = duration_ms > 0 ? duration_ms : SWEEP_WATCH_MS;
	sweep_ask(sw, run);
}

/* Ends a running watch early, keeping what it saw; see sweep.h. */
void
sweep_watch_stop(struct sweep *sw)
{
	struct check_run *run = sweep_run(sw, &check_watch);
	struct watch_state *st = run->state;

	if (!run->c || run->c->state != CHECK_RUNNING)
		return;
	if (!sw->r.watch.ran) {
		/* Still waiting for the address: nothing was watched. */
		sweep_cancel(sw, check_watch.id);
		return;
	}
	stop_timer(sw, st);
	if (st->h)
		st->stopping = 1;
	else
		finish(sw, run);
}

/* Non-zero while a watch runs. */
int
sweep_watching(const struct sweep *sw)
{
	const struct check_run *run = sweep_run(sw, &check_watch);

	return run->c && run->c->state == CHECK_RUNNING;
}

static const char *const after[] = { "dns", "proxy", NULL };

const struct check_kind check_watch = {
	.id = "watch",
	.title = N_("Watching the request over time"),
	.after = after,
	.flags = CK_ON_DEMAND,
	.state_size = sizeof(struct watch_state),
	.start = start,
	.cancel = cancel,
	.status = sweep_watch_status,
	.summary = sweep_watch_summary,
};
