/*
 * The proxy check: which proxy the browser would use for the address
 * (environment, PAC, WPAD, desktop settings). When one applies, the real
 * request goes through it and a twin of it goes direct (check_http.c
 * starts both); the check ends once the twin and the real request did.
 */
#include "config.h"

#include "sweep/sweep_int.h"

#include "core/i18n.h"
#include "core/xalloc.h"
#include "probe/proxy.h"
#include "sweep/sweep_check.h"

#include <stdlib.h>

struct proxy_state {
	struct proxy_probe *probe;	/* detection, while it runs */
	char *url;		/* unredacted proxy URL: never stored */
};

/* The twin can end the check only once the real request ended too. */
static void
finish_if_settled(struct sweep *sw, struct check_run *run)
{
	struct proxy_state *st = run->state;

	if (run->c->state != CHECK_RUNNING || !st->url || st->probe ||
	    sweep_requests_pending(sw, run) ||
	    sweep_requests_pending(sw, sweep_run(sw, &check_http)))
		return;
	sweep_finish(sw, run);
}

static void
detected(void *arg)
{
	struct check_run *run = arg;
	struct proxy_state *st = run->state;
	struct sweep *sw = run->sw;
	const char *url = proxy_probe_url(st->probe);

	/* The only moment the unredacted URL exists: keep it private. */
	st->url = url ? xstrdup(url) : NULL;
	st->probe = NULL;
	if (st->url)
		sweep_ready(sw, run);	/* the twin is still to come */
	else
		sweep_finish(sw, run);
	sweep_changed(sw);
}

static void
start(struct sweep *sw, struct check_run *run)
{
	struct proxy_state *st = run->state;

	sweep_begin(sw, run);
	st->probe = proxy_probe_start(&sw->env, &sw->r.target, &sw->r.proxy,
	    detected, run);
}

static void
twin_done(struct sweep *sw, struct check_run *run)
{
	finish_if_settled(sw, run);
}

/* Starts the direct twin of the proxied real request. */
void
sweep_proxy_twin_start(struct sweep *sw, const struct http_req *req)
{
	sweep_request_start(sw, sweep_run(sw, &check_proxy), req, twin_done);
}

/* The twin is forgotten and the check runs again with it (-1: busy). */
int
sweep_proxy_twin_forget(struct sweep *sw)
{
	struct check_run *run = sweep_run(sw, &check_proxy);
	struct proxy_state *st = run->state;

	if (!st->url)
		return 0;
	if (sweep_requests_pending(sw, run))
		return -1;
	sweep_requests_drop(sw, run);
	sweep_begin(sw, run);
	run->ready = 1;		/* the proxy found stands */
	return 0;
}

/* The unredacted proxy URL, or NULL. */
const char *
sweep_proxy_url(const struct sweep *sw)
{
	return ((struct proxy_state *)sweep_run(sw, &check_proxy)->state)->url;
}

/* The real request ended: the twin's comparison can be made. */
static void
react(struct sweep *sw, struct check_run *run, const struct check_run *other)
{
	if (other->kind == &check_http)
		finish_if_settled(sw, run);
}

static void
cancel(struct sweep *sw, struct check_run *run)
{
	struct proxy_state *st = run->state;

	(void)sw;
	if (st->probe)
		proxy_probe_cancel(st->probe);
	st->probe = NULL;
}

/* Only the twin runs again, with the real request. */
static int
forget(struct sweep *sw, struct check_run *run)
{
	(void)sw;
	return ((struct proxy_state *)run->state)->url ? 0 : -1;
}

static void
release(struct check_run *run)
{
	free(((struct proxy_state *)run->state)->url);
}

const struct check_kind check_proxy = {
	.id = "proxy",
	.title = N_("Proxy for this address"),
	.rerun_as = "http",
	.state_size = sizeof(struct proxy_state),
	.start = start,
	.cancel = cancel,
	.forget = forget,
	.react = react,
	.free = release,
	.status = sweep_proxy_status,
	.summary = sweep_proxy_summary,
};
