/*
 * The real request, as the browser makes it: through the proxy when one
 * applies (the proxy resolves the name), else straight to the address;
 * with a proxy, its direct twin (the proxy check's) goes out with it.
 */
#include "config.h"

#include "sweep/sweep_int.h"

#include "core/i18n.h"
#include "probe/http.h"
#include "probe/proxy.h"
#include "probe/samples.h"
#include "sweep/sweep_check.h"

#include <stdlib.h>
#include <string.h>

static void
done(struct sweep *sw, struct check_run *run)
{
	const struct res_http *m = probe_results_http(&sw->r, HV_MAIN);
	struct sample_set s;

	/* The first failure is what the follow-ups explain: they start. */
	samples_of(&sw->r, HV_MAIN, NULL, &s);
	if (s.first_fail)
		sweep_told(sw, run);
	if (sweep_requests_pending(sw, run))
		return;
	if (sweep_proxy_url(sw) && m)
		proxy_note_http(&sw->r.proxy, m);
	sweep_finish(sw, run);
}

/* The real request for url; see sweep_int.h. */
void
sweep_real_request(const struct sweep *sw, struct http_req *req,
    enum http_variant variant, const char *url)
{
	memset(req, 0, sizeof(*req));
	/*
	 * Like a browser: the name resolved by the system's own resolver
	 * and every address tried in turn (IPv6 and IPv4 raced), so a dead
	 * address family does not pass for a dead site.
	 */
	req->variant = variant;
	req->url = url;
	req->addr_hint = sweep_address(sw);
	req->proxy = sweep_proxy_url(sw);
	req->verify = 1;
	req->http2 = 1;	/* ALPN h2,http/1.1, as a browser */
	req->own = sw->own;
	/* As long as a browser would wait for the answer, several times. */
	req->limit_ms = sw->request_limit_ms;
}

/* A comparison's requests ended; see sweep_int.h. */
void
sweep_compared_done(struct sweep *sw, struct check_run *run)
{
	if (run->c->state != CHECK_RUNNING ||
	    sweep_requests_pending(sw, run) ||
	    sweep_requests_pending(sw, sweep_run(sw, &check_http)))
		return;
	sweep_finish(sw, run);
}

/* The real request ended: the comparison can be made. */
void
sweep_compared_react(struct sweep *sw, struct check_run *run,
    const struct check_run *other)
{
	if (other->kind == &check_http)
		sweep_compared_done(sw, run);
}

static void
start(struct sweep *sw, struct check_run *run)
{
	struct http_req req;
	const char *addr = sweep_address(sw);
	char *url = sweep_url_with_host(&sw->r.target,
	    sw->r.target.ascii_host);

	sweep_begin(sw, run);
	sweep_real_request(sw, &req, HV_MAIN, url);
	sweep_series_start(sw, run, &req, sw->attempts, done);
	req.addr_hint = NULL;
	req.limit_ms = 0;
	if (sweep_proxy_url(sw)) {
		req.variant = HV_DIRECT;
		req.connect_addr = addr;
		req.proxy = NULL;
		sweep_proxy_twin_start(sw, &req);
	}
	free(url);
}

/* Through a proxy, its direct twin runs again with it. */
static int
forget(struct sweep *sw, struct check_run *run)
{
	if (sweep_proxy_twin_forget(sw) < 0)
		return -1;
	sweep_requests_drop(sw, run);
	return 0;
}

/*
 * The request that went straight to the server (main, or direct): its
 * first failed attempt when one failed, since the follow-ups explain
 * failures, else its first.
 */
const struct res_http *
sweep_direct_request(const struct sweep *sw)
{
	return samples_telling(&sw->r, sweep_proxy_url(sw) ? HV_DIRECT :
	    HV_MAIN);
}

static const char *const after[] = { "dns", "proxy", NULL };

const struct check_kind check_http = {
	.id = "http",
	.title = N_("The request, as a browser sends it"),
	.after = after,
	.cancel_skips = N_("not run: the request was cancelled"),
	.start = start,
	.forget = forget,
	.status = sweep_http_status,
	.summary = sweep_http_summary,
};
