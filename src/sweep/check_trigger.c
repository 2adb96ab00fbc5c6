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
start(struct sweep *sw, struct check_run *run)
{
	const struct res_target *t = &sw->r.target;
	struct http_req req;
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
	/* The real request exactly, only for "/". */
	sweep_real_request(sw, &req, HV_NEUTRAL_PATH, url);
	sweep_series_start(sw, run, &req, sw->attempts, sweep_compared_done);
	free(url);
}

static const char *const after[] = { "dns", "proxy", NULL };

const struct check_kind check_trigger = {
	.id = "trigger",
	.title = N_("Same request for the path /"),
	.after = after,
	.flags = CK_NEEDS_ADDR,
	.start = start,
	.forget = sweep_requests_forget,
	.react = sweep_compared_react,
	.status = sweep_trigger_status,
	.summary = sweep_trigger_summary,
};
