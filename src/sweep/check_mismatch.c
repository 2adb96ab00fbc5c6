/*
 * The protocol mismatch: when the request failed the way a wrong
 * protocol would, the other one (HTTP for HTTPS and back) on the same
 * port says whether the address names the wrong protocol.
 */
#include "config.h"

#include "sweep/sweep_int.h"

#include "core/i18n.h"
#include "probe/http.h"
#include "sweep/sweep_check.h"

#include <stdlib.h>
#include <string.h>

/*
 * Beyond its round trips, the other protocol gets room for a lost segment
 * to be sent again twice at TCP's least retransmission timeout (200 ms).
 */
#define MISMATCH_RTO_MS 400
/* Round trips of the same address it gets: connect, hello, answer... */
#define MISMATCH_RTTS 8

/* Does the main request's ending call for trying the other protocol? */
static int
needs_mismatch(const struct res_http *m)
{
	switch (m->result) {
	case HTTP_RESET_BEFORE_RESPONSE:
	case HTTP_EMPTY_REPLY:
	case HTTP_PROTOCOL_ERROR:
	case HTTP_TLS_RESET:
	case HTTP_TLS_ALERT:
		return 1;
	default:
		return 0;
	}
}

struct mismatch_state {
	int waiting;	/* begun, waiting for the request's other attempts */
};

static void
done(struct sweep *sw, struct check_run *run)
{
	if (!sweep_requests_pending(sw, run))
		sweep_finish(sw, run);
}

/*
 * The attempt that calls for the other protocol: the telling one (the
 * first that failed) when its ending does, else any other ended attempt
 * whose ending does (the first failure may have been a time-out, and a
 * later attempt a reset); NULL when none does (yet).
 */
static const struct res_http *
calling_attempt(const struct sweep *sw)
{
	const struct res_http *m = sweep_direct_request(sw);
	enum http_variant v = sweep_proxy_url(sw) ? HV_DIRECT : HV_MAIN;

	if (m && needs_mismatch(m))
		return m;
	for (size_t i = 0; i < sw->r.nhttp && i < RES_MAX_HTTP; i++)
		if (sw->r.http[i].variant == v && needs_mismatch(&sw->r.http[i]))
			return &sw->r.http[i];
	return NULL;
}

/* Is the request still making attempts? */
static int
request_running(const struct sweep *sw)
{
	const struct check_run *h = sweep_run(sw, &check_http);

	return h && h->c && h->c->state == CHECK_RUNNING;
}

/*
 * Tries the other protocol when an attempt of the request failed the way
 * a wrong one would; with none yet, waits for the request's other
 * attempts, and skips the check when none does.
 */
static void
try_other(struct sweep *sw, struct check_run *run)
{
	struct mismatch_state *st = run->state;
	const struct res_target *t = &sw->r.target;
	const struct res_http *m = calling_attempt(sw);
	struct res_target alt = *t;
	struct http_req req = { 0 };
	char *url;

	if (!m && request_running(sw) && !sweep_proxy_url(sw)) {
		if (!st->waiting) {
			st->waiting = 1;
			sweep_begin(sw, run);
		}
		return;
	}
	st->waiting = 0;
	if (!m) {
		sweep_skip(sw, run, _("not needed: the request did not fail "
		    "in a way a wrong protocol would explain"));
		return;
	}
	if (run->c->state != CHECK_RUNNING)
		sweep_begin(sw, run);
	alt.scheme = strcmp(t->scheme, "https") == 0 ? "http" : "https";
	url = sweep_url_with_host(&alt, t->ascii_host);
	req.variant = HV_ALT_SCHEME;
	req.url = url;
	req.connect_addr = sweep_address(sw);
	req.verify = 0;
	/*
	 * A port that speaks the other protocol answers it at once; one
	 * that does not often just waits for more bytes. A few round trips
	 * of this address (its handshake's time) are enough to tell, not
	 * the whole timeout.
	 */
	req.timeout_ms = (long)(MISMATCH_RTTS * (m->t_connect > 0 ?
	    m->t_connect : 0)) + MISMATCH_RTO_MS;
	if (sw->env.timeout_ms > 0 && req.timeout_ms > sw->env.timeout_ms)
		req.timeout_ms = sw->env.timeout_ms;
	sweep_request_start(sw, run, &req, done);
	free(url);
}

static void
start(struct sweep *sw, struct check_run *run)
{
	((struct mismatch_state *)run->state)->waiting = 0;
	try_other(sw, run);
}

/* Waiting: each attempt of the request that ends may call for it. */
static void
react(struct sweep *sw, struct check_run *run, const struct check_run *other)
{
	struct mismatch_state *st = run->state;

	if (st->waiting && other->kind == &check_http)
		try_other(sw, run);
}

/* Forgotten before a re-run: no longer waiting either. */
static int
forget(struct sweep *sw, struct check_run *run)
{
	((struct mismatch_state *)run->state)->waiting = 0;
	return sweep_requests_forget(sw, run);
}

static const char *const after[] = { "dns", NULL };
/* It reads the request that went straight to the server. */
static const char *const follows[] = { "http", "proxy", NULL };

const struct check_kind check_mismatch = {
	.id = "mismatch",
	.title = N_("Other protocol on the same port"),
	.after = after,
	.follows = follows,
	.flags = CK_READS_TELLING,
	.state_size = sizeof(struct mismatch_state),
	.start = start,
	.react = react,
	.forget = forget,
	.status = sweep_mismatch_status,
	.summary = sweep_mismatch_summary,
};
