/*
 * HTTP/2 against HTTP/1.1: when the browser request (which offers h2,
 * as browsers do) failed over TLS, the same request forced to HTTP/1.1,
 * a few times, says whether the failure depends on the protocol.
 */
#include "config.h"

#include "sweep/sweep_int.h"

#include "core/i18n.h"
#include "core/xalloc.h"
#include "probe/http.h"
#include "probe/readings.h"
#include "probe/samples.h"
#include "sweep/sweep_check.h"

#include <stdlib.h>
#include <string.h>

/* Attempts of the HTTP/1.1 comparison (at most the sweep's). */
#define PROTOCOL_ATTEMPTS 3

static void
done(struct sweep *sw, struct check_run *run)
{
	if (!sweep_requests_pending(sw, run))
		sweep_finish(sw, run);
}

/*
 * The server chose HTTP/1.1 itself on some attempt: forcing it changes
 * nothing the server sees after the handshake.
 */
static int
server_chose_h1(const struct probe_results *r)
{
	for (size_t i = 0; i < r->nhttp && i < RES_MAX_HTTP; i++) {
		const struct res_http *h = &r->http[i];

		if (h->variant == HV_MAIN && h->alpn && *h->alpn &&
		    strcmp(h->alpn, "h2") != 0)
			return 1;
	}
	return 0;
}

static void
start(struct sweep *sw, struct check_run *run)
{
	const struct res_target *t = &sw->r.target;
	struct http_req req = { 0 };
	struct sample_set m;
	char *url;
	int n = sw->attempts < PROTOCOL_ATTEMPTS ? sw->attempts :
	    PROTOCOL_ATTEMPTS;

	samples_of(&sw->r, HV_MAIN, NULL, &m);
	if (strcmp(t->scheme, "https") != 0) {
		sweep_skip(sw, run, _("not needed: plain HTTP is HTTP/1.1 "
		    "in a browser too"));
		return;
	}
	if (m.n == 0 || m.failed == 0) {
		sweep_skip(sw, run, _("not needed: the request did not "
		    "fail"));
		return;
	}
	if (m.failed == m.timeout) {
		sweep_skip(sw, run, _("not needed: the request only went "
		    "unanswered"));
		return;
	}
	if (server_chose_h1(&sw->r)) {
		sweep_skip(sw, run, _("not needed: the server chose HTTP/1.1 "
		    "itself"));
		return;
	}
	sweep_begin(sw, run);
	url = sweep_url_with_host(t, t->ascii_host);
	/* The browser request exactly, only without HTTP/2 on offer. */
	req.variant = HV_HTTP1;
	req.url = url;
	req.addr_hint = sweep_address(sw);
	req.proxy = sweep_proxy_url(sw);
	req.verify = 1;
	req.http2 = 0;
	req.own = sw->own;
	req.limit_ms = sw->request_limit_ms;
	sweep_series_start(sw, run, &req, n, done);
	free(url);
}

static enum check_status
status(const struct probe_results *r)
{
	struct sample_set h1;

	samples_of(r, HV_HTTP1, NULL, &h1);
	if (h1.n == 0)
		return CS_ERROR;
	return probe_results_h2_only(r, NULL) ? CS_FAIL : CS_INFO;
}

static char *
summary(const struct probe_results *r)
{
	struct sample_set h1;
	int h2 = 0;

	samples_of(r, HV_HTTP1, NULL, &h1);
	if (h1.n == 0)
		return xstrdup(_("the HTTP/1.1 request could not be made"));
	if (probe_results_h2_only(r, &h2))
		return xasprintf(_("the request fails over HTTP/2 and works "
		    "over HTTP/1.1 (%zu of %zu attempts completed)%s"), h1.ok,
		    h1.n, h2 ? _("; HTTP/2 was negotiated") : "");
	if (h1.ok == 0)
		return xasprintf(_("HTTP/1.1 fails too (%zu of %zu "
		    "attempts): the protocol is not the cause"), h1.failed,
		    h1.n);
	return xasprintf(_("over HTTP/1.1, %zu of %zu attempts completed"),
	    h1.ok, h1.n);
}

static const char *const after[] = { "dns", NULL };
/* It reads every attempt of the browser request. */
static const char *const follows[] = { "http", "proxy", NULL };

const struct check_kind check_protocol = {
	.id = "protocol",
	.title = N_("Same request over HTTP/1.1"),
	.after = after,
	.follows = follows,
	.start = start,
	.forget = sweep_requests_forget,
	.status = status,
	.summary = summary,
};
