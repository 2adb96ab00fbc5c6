/*
 * The reset locator: when the request was reset, it is replayed with low
 * TTLs so that the hop that answers with the reset is found. It reads the
 * path's distance to the server and the request that went straight to it.
 */
#include "config.h"

#include "sweep/sweep_int.h"

#include "core/i18n.h"
#include "probe/locator.h"
#include "sweep/sweep_check.h"

#include <string.h>

struct locator_state {
	struct locator_probe *probe;
};

static void
done(void *arg)
{
	struct check_run *run = arg;

	((struct locator_state *)run->state)->probe = NULL;
	sweep_finish(run->sw, run);
	sweep_changed(run->sw);
}

/* Does the main request's ending call for finding who sent the reset? */
static int
needs_locator(const struct res_http *m)
{
	return m && (m->result == HTTP_RESET_BEFORE_RESPONSE ||
	    m->result == HTTP_RESET_MID_TRANSFER ||
	    m->result == HTTP_TLS_RESET);
}

static void
start(struct sweep *sw, struct check_run *run)
{
	struct locator_state *st = run->state;
	const struct res_http *m = sweep_direct_request(sw);
	const struct res_target *t = &sw->r.target;
	struct locator_req req = { 0 };
	int tls = strcmp(t->scheme, "https") == 0;

	if (!needs_locator(m)) {
		sweep_skip(sw, run, _("not needed: no reset to trace back"));
		return;
	}
	sweep_begin(sw, run);
	memset(&sw->r.locator, 0, sizeof(sw->r.locator));
	req.addr = sweep_address(sw);
	req.port = t->port;
	req.tls = tls;
	req.host = t->ascii_host;
	req.trigger = tls ? "sni" : "host";
	req.path = t->path;
	req.server_distance = sw->r.path.reached ? (int)sw->r.path.nhops : 0;
	req.path_result = &sw->r.path;
	st->probe = locator_probe_start(&sw->env, &req, &sw->r.locator, done,
	    run);
}

static void
cancel(struct sweep *sw, struct check_run *run)
{
	struct locator_state *st = run->state;

	(void)sw;
	if (st->probe)
		locator_probe_cancel(st->probe);
	st->probe = NULL;
}

static int
forget(struct sweep *sw, struct check_run *run)
{
	(void)run;
	res_locator_clear(&sw->r.locator);
	return 0;
}

/* The path gives the server's distance (it measures on its own if not). */
static const char *const after[] = { "dns", "path", NULL };
/* It replays the request that went straight to the server. */
static const char *const follows[] = { "http", "proxy", NULL };

const struct check_kind check_locator = {
	.id = "locator",
	.title = N_("Which hop sends the reset"),
	.after = after,
	.follows = follows,
	.flags = CK_NEEDS_ADDR | CK_READS_TELLING,
	.state_size = sizeof(struct locator_state),
	.start = start,
	.cancel = cancel,
	.forget = forget,
	.status = sweep_locator_status,
	.summary = sweep_locator_summary,
};
