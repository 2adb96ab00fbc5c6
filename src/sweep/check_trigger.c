/*
 * What in the request triggers it: the real request (same name, address,
 * proxy and headers) for the path "/" instead of the address's own path.
 * A filter keyed on the URL (a DPI rule on "GET /private", a WAF or an
 * API gateway's rule) lets it through; one keyed on the name does not.
 * Read against the real request, so the check ends once that one ended.
 */
#include "config.h"

#include "sweep/sweep_int.h"

#include "core/i18n.h"
#include "probe/http.h"
#include "sweep/sweep_check.h"

#include <stdlib.h>
#include <string.h>

static void
finish_if_settled(struct sweep *sw, struct check_run *run)
{
	if (run->c->state != CHECK_RUNNING ||
	    sweep_requests_pending(sw, run) ||
	    sweep_requests_pending(sw, sweep_run(sw, &check_http)))
		return;
	sweep_finish(sw, run);
}

static void
done(struct sweep *sw, struct check_run *run)
{
	finish_if_settled(sw, run);
}

static void
start(struct sweep *sw, struct check_run *run)
{
	const struct res_target *t = &sw->r.target;
	struct http_req req = { 0 };
	struct res_target root = *t;
	char slash[] = "/";
	char *url;

	if (strcmp(t->path, "/") == 0) {
		sweep_skip(sw, run, _("not needed: the address asks for / "
		    "already"));
		return;
	}
	/* Without its query the request would change more than the path. */
	if (strchr(t->path, '?')) {
		sweep_skip(sw, run, _("not run: the address carries a query, "
		    "which a request for / would drop as well"));
		return;
	}
	sweep_begin(sw, run);
	root.path = slash;
	url = sweep_url_with_host(&root, t->ascii_host);
	/* The real request exactly (check_http.c), only for "/". */
	req.variant = HV_NEUTRAL_PATH;
	req.url = url;
	req.addr_hint = sweep_address(sw);
	req.proxy = sweep_proxy_url(sw);
	req.verify = 1;
	req.http2 = 1;
	req.limit_ms = sw->request_limit_ms;
	req.own = sw->own;	/* only the path differs */
	sweep_series_start(sw, run, &req, sw->attempts, done);
	free(url);
}

/* The real request ended: the comparison can be made. */
static void
react(struct sweep *sw, struct check_run *run, const struct check_run *other)
{
	if (other->kind == &check_http)
		finish_if_settled(sw, run);
}

static const char *const after[] = { "dns", "proxy", NULL };

const struct check_kind check_trigger = {
	.id = "trigger",
	.title = N_("Same request for the path /"),
	.after = after,
	.flags = CK_NEEDS_ADDR,
	.start = start,
	.forget = sweep_requests_forget,
	.react = react,
	.status = sweep_trigger_status,
	.summary = sweep_trigger_summary,
};
