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
#include "probe/http.h"

#include <stdlib.h>
#include <string.h>

/* Non-zero while a request of run is in flight. */
int
sweep_requests_pending(const struct sweep *sw, const struct check_run *run)
{
	for (size_t i = 0; i < RES_MAX_HTTP; i++)
		if (sw->http[i].h && sw->http[i].run == run)
			return 1;
	return 0;
}

static void
request_done(void *arg)
{
	struct http_slot *s = arg;

	s->h = NULL;
	s->done(s->sw, s->run);
	sweep_changed(s->sw);
}

/* Starts one request of run into a free slot; see sweep_int.h. */
void
sweep_request_start(struct sweep *sw, struct check_run *run,
    const struct http_req *req,
    void (*done)(struct sweep *sw, struct check_run *run))
{
	size_t i;

	/* Reuse a slot a re-run emptied before growing the list. */
	for (i = 0; i < sw->r.nhttp; i++)
		if (sw->r.http[i].result == HTTP_NOT_RUN && !sw->http[i].h)
			break;
	if (i >= RES_MAX_HTTP) {
		/* Never leave a check running with nothing in flight. */
		if (!sweep_requests_pending(sw, run))
			sweep_end(sw, run, CS_ERROR, xstrdup(_("no room for "
			    "another request: start a new sweep")));
		return;
	}
	if (i == sw->r.nhttp)
		sw->r.nhttp++;
	memset(&sw->r.http[i], 0, sizeof(sw->r.http[i]));
	sw->http[i].sw = sw;
	sw->http[i].run = run;
	sw->http[i].done = done;
	sw->http[i].h = http_probe_start(&sw->env, req, &sw->r.http[i],
	    request_done, &sw->http[i]);
}

/* Cancels the requests of run in flight (all of them for NULL). */
void
sweep_requests_cancel(struct sweep *sw, const struct check_run *run)
{
	for (size_t i = 0; i < RES_MAX_HTTP; i++)
		if (sw->http[i].h && (!run || sw->http[i].run == run)) {
			http_probe_cancel(sw->http[i].h);
			sw->http[i].h = NULL;
		}
}

/* Forgets the results of run's requests; their slots are reused. */
void
sweep_requests_drop(struct sweep *sw, const struct check_run *run)
{
	for (size_t i = 0; i < sw->r.nhttp; i++) {
		if (sw->http[i].run != run)
			continue;
		res_http_clear(&sw->r.http[i]);
		/* Leave a not-run slot; probe_results_http() skips it. */
	}
}

/* The URL with another host (and the same port and path). */
char *
sweep_url_with_host(const struct res_target *t, const char *host)
{
	int v6 = strchr(host, ':') != NULL;

	return xasprintf("%s://%s%s%s:%d%s", t->scheme, v6 ? "[" : "", host,
	    v6 ? "]" : "", t->port, t->path);
}
