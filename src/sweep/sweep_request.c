/*
 * The HTTP request slots the request-based checks share (the real
 * request, the proxy's direct twin, the variations, the mismatch, the
 * other resolver's address): slot i writes r.http[i], belongs to one
 * check's run, and is reused once a re-run forgot its result.
 */
#include "config.h"

#include "sweep/sweep_int.h"

#include "core/i18n.h"
#include "core/xalloc.h"
#include "core/loop.h"
#include "probe/http.h"

#include <stdio.h>

#include <stdlib.h>
#include <string.h>

/*
 * A series whose attempts hang (nothing answers) starts them all within
 * SERIES_SPREAD_MS, so that it costs the time-out once plus this, not n
 * time-outs nor one and a large part of another; each attempt still
 * starts SERIES_GAP_MIN_MS after the one before at least. Attempts that
 * end start the next one at once: a quick series is as fast as the
 * round trips.
 */
#define SERIES_SPREAD_MS 240
#define SERIES_GAP_MIN_MS 20

/* Non-zero while a request of run is in flight or an attempt is due. */
int
sweep_requests_pending(const struct sweep *sw, const struct check_run *run)
{
	for (size_t i = 0; i < RES_MAX_HTTP; i++)
		if (sw->http[i].h && sw->http[i].run == run)
			return 1;
	for (size_t i = 0; i < SWEEP_MAX_SERIES; i++)
		if (sw->series[i].run == run &&
		    sw->series[i].started < sw->series[i].n)
			return 1;
	return 0;
}

static void series_next(struct req_series *s);
static void series_clear(struct req_series *s);

/* Non-zero while an attempt of the series is in flight. */
static int
series_in_flight(const struct sweep *sw, const struct req_series *s)
{
	for (size_t i = 0; i < RES_MAX_HTTP; i++)
		if (sw->http[i].h && sw->http[i].series == s)
			return 1;
	return 0;
}

static void
request_done(void *arg)
{
	struct http_slot *s = arg;
	struct req_series *series = s->series;

	s->h = NULL;
	s->series = NULL;
	/* The next attempt need not wait for its timer. */
	if (series && series->run && series->started < series->n)
		series_next(series);
	else if (series && series->run && !series_in_flight(s->sw, series))
		series_clear(series);
	s->done(s->sw, s->run);
	sweep_changed(s->sw);
}

/* Starts a request into a free slot: its index, or -1 when none is free. */
static int
launch(struct sweep *sw, struct check_run *run, const struct http_req *req,
    void (*done)(struct sweep *sw, struct check_run *run))
{
	size_t i;

	/* Reuse a slot a re-run emptied before growing the list. */
	for (i = 0; i < sw->r.nhttp; i++)
		if (sw->r.http[i].result == HTTP_NOT_RUN && !sw->http[i].h)
			break;
	if (i >= RES_MAX_HTTP)
		return -1;
	if (i == sw->r.nhttp)
		sw->r.nhttp++;
	/* A cancelled request left what it had filled in: free it. */
	res_http_clear(&sw->r.http[i]);
	sw->http[i].sw = sw;
	sw->http[i].run = run;
	sw->http[i].done = done;
	sw->http[i].series = NULL;
	sw->http[i].h = http_probe_start(&sw->env, req, &sw->r.http[i],
	    request_done, &sw->http[i]);
	return (int)i;
}

/* Never leave a check running with nothing in flight. */
static void
no_room(struct sweep *sw, struct check_run *run)
{
	if (!sweep_requests_pending(sw, run))
		sweep_end(sw, run, CS_ERROR, xstrdup(_("no room for another "
		    "request: start a new sweep")));
}

/* Starts one request of run into a free slot; see sweep_int.h. */
void
sweep_request_start(struct sweep *sw, struct check_run *run,
    const struct http_req *req,
    void (*done)(struct sweep *sw, struct check_run *run))
{
	if (launch(sw, run, req, done) < 0)
		no_room(sw, run);
}

static void
series_clear(struct req_series *s)
{
	if (s->timer)
		loop_timer_cancel(s->sw->lp, s->timer);
	free(s->url);
	free(s->connect_addr);
	free(s->host_header);
	free(s->proxy);
	free(s->addr_hint);
	memset(s, 0, sizeof(*s));
}

static void
series_timer(struct loop *lp, void *arg)
{
	struct req_series *s = arg;

	(void)lp;
	s->timer = 0;
	if (s->run && s->started < s->n)
		series_next(s);
}

/* Starts the next attempt and arms the timer for the one after it. */
static void
series_next(struct req_series *s)
{
	struct sweep *sw = s->sw;
	struct check_run *run = s->run;
	struct http_req req = s->req;
	int slot;

	if (s->timer)
		loop_timer_cancel(sw->lp, s->timer);
	s->timer = 0;
	req.attempt = ++s->started;
	slot = launch(sw, run, &req, s->done);
	if (slot < 0) {
		s->n = s->started - 1;	/* no room: the series ends here */
		no_room(sw, run);
		return;
	}
	sw->http[slot].series = s;
	if (s->started < s->n) {
		long gap = SERIES_SPREAD_MS / (s->n > 1 ? s->n - 1 : 1);

		s->timer = loop_timer_add(sw->lp, gap < SERIES_GAP_MIN_MS ?
		    SERIES_GAP_MIN_MS : gap, series_timer, s);
	}
}

static char *
dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

/* Starts n attempts of the same request; see sweep_int.h. */
void
sweep_series_start(struct sweep *sw, struct check_run *run,
    const struct http_req *req, int n,
    void (*done)(struct sweep *sw, struct check_run *run))
{
	struct req_series *s = NULL;

	for (size_t i = 0; i < SWEEP_MAX_SERIES && !s; i++)
		if (!sw->series[i].run)
			s = &sw->series[i];
	if (!s) {
		/* A fixed table that is full fails loudly. */
		fprintf(stderr, "connreset: internal error: more than %d "
		    "request series in one sweep\n", SWEEP_MAX_SERIES);
		abort();
	}
	s->sw = sw;
	s->run = run;
	s->done = done;
	s->req = *req;
	s->url = dup_or_null(req->url);
	s->connect_addr = dup_or_null(req->connect_addr);
	s->host_header = dup_or_null(req->host_header);
	s->proxy = dup_or_null(req->proxy);
	s->addr_hint = dup_or_null(req->addr_hint);
	s->req.url = s->url;
	s->req.connect_addr = s->connect_addr;
	s->req.host_header = s->host_header;
	s->req.proxy = s->proxy;
	s->req.addr_hint = s->addr_hint;
	s->n = n > 0 ? n : 1;
	s->started = 0;
	series_next(s);
}

/* Cancels the requests of run in flight (all of them for NULL). */
void
sweep_requests_cancel(struct sweep *sw, const struct check_run *run)
{
	for (size_t i = 0; i < SWEEP_MAX_SERIES; i++)
		if (sw->series[i].run && (!run || sw->series[i].run == run))
			series_clear(&sw->series[i]);
	for (size_t i = 0; i < RES_MAX_HTTP; i++)
		if (sw->http[i].h && (!run || sw->http[i].run == run)) {
			http_probe_cancel(sw->http[i].h);
			sw->http[i].h = NULL;
			sw->http[i].series = NULL;
		}
}

/* Forgets the results of run's requests; their slots are reused. */
void
sweep_requests_drop(struct sweep *sw, const struct check_run *run)
{
	for (size_t i = 0; i < SWEEP_MAX_SERIES; i++)
		if (sw->series[i].run == run)
			series_clear(&sw->series[i]);
	for (size_t i = 0; i < sw->r.nhttp; i++) {
		if (sw->http[i].run != run)
			continue;
		res_http_clear(&sw->r.http[i]);
		/* Leave a not-run slot; probe_results_http() skips it. */
	}
}

/* A kind's forget() when its results are its requests alone. */
int
sweep_requests_forget(struct sweep *sw, struct check_run *run)
{
	sweep_requests_drop(sw, run);
	return 0;
}

/* The URL with another host (and the same port and path). */
char *
sweep_url_with_host(const struct res_target *t, const char *host)
{
	int v6 = strchr(host, ':') != NULL;

	return xasprintf("%s://%s%s%s:%d%s", t->scheme, v6 ? "[" : "", host,
	    v6 ? "]" : "", t->port, t->path);
}
