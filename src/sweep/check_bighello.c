/*
 * The browser-size ClientHello check (HTTPS only): the classic handshake
 * and one of a current browser's size, in turn, sw->attempts times each,
 * against the address the real request uses. The handshakes start with
 * the other checks; when only the large one fails, the reset locator
 * replays it with low TTLs (the classic one as the control) to tell a
 * device on the path from the server's TLS stack, once the trace ended
 * (it needs the server's distance, and the routers ration the "time
 * exceeded" answers both spend).
 */
#include "config.h"

#include "sweep/sweep_int.h"

#include "core/i18n.h"
#include "core/strbuf.h"
#include "core/xalloc.h"
#include "probe/bighello.h"
#include "probe/locator.h"
#include "probe/names.h"
#include "probe/readings.h"
#include "sweep/sweep_check.h"

#include <string.h>

struct bighello_state {
	struct bighello_probe *probe;
	struct locator_probe *loc;
	int want_loc;		/* the replay waits for the trace's end */
};

/* The trace ended (or will not run): the replay may go. */
static int
path_settled(const struct sweep *sw)
{
	const struct check_run *p = sweep_run(sw, &check_path);

	return !p->c || p->c->state == CHECK_DONE ||
	    p->c->state == CHECK_CANCELLED;
}

static void
loc_done(void *arg)
{
	struct check_run *run = arg;

	((struct bighello_state *)run->state)->loc = NULL;
	sweep_finish(run->sw, run);
	sweep_changed(run->sw);
}

/* The large ClientHello replayed with low TTLs. */
static void
start_locator(struct sweep *sw, struct check_run *run)
{
	struct bighello_state *st = run->state;
	const struct res_target *t = &sw->r.target;
	struct locator_req req = { 0 };

	st->want_loc = 0;
	req.addr = sweep_address(sw);
	req.port = t->port;
	req.tls = 1;
	req.host = t->ascii_host;
	req.trigger = "size";
	req.path = t->path;
	req.server_distance = sw->r.path.reached ? (int)sw->r.path.nhops : 0;
	req.path_result = &sw->r.path;
	req.big_hello = 1;
	st->loc = locator_probe_start(&sw->env, &req, &sw->r.bighello.locator,
	    loc_done, run);
}

static void
tries_done(void *arg)
{
	struct check_run *run = arg;
	struct sweep *sw = run->sw;
	struct bighello_state *st = run->state;
	int cn, cf, ln, lf;

	st->probe = NULL;
	bighello_counts(&sw->r.bighello, &cn, &cf, &ln, &lf);
	/* Only the large one failed, and it drew a reset or silence. */
	if (lf == 0 || cf > 0) {
		sweep_finish(sw, run);
		sweep_changed(sw);
		return;
	}
	sweep_changed(sw);
	if (path_settled(sw))
		start_locator(sw, run);
	else
		st->want_loc = 1;
}

/* The trace ended: a replay that waited for it goes now. */
static void
react(struct sweep *sw, struct check_run *run, const struct check_run *other)
{
	struct bighello_state *st = run->state;

	if (st->want_loc && other->kind == &check_path && path_settled(sw))
		start_locator(sw, run);
}

static void
start(struct sweep *sw, struct check_run *run)
{
	struct bighello_state *st = run->state;
	const struct res_target *t = &sw->r.target;

	sweep_begin(sw, run);
	st->want_loc = 0;
	res_bighello_clear(&sw->r.bighello);
	st->probe = bighello_probe_start(&sw->env, sweep_address(sw), t->port,
	    t->ascii_host, sw->attempts, &sw->r.bighello, tries_done, run);
}

static void
cancel(struct sweep *sw, struct check_run *run)
{
	struct bighello_state *st = run->state;

	(void)sw;
	if (st->probe)
		bighello_probe_cancel(st->probe);
	if (st->loc)
		locator_probe_cancel(st->loc);
	st->probe = NULL;
	st->loc = NULL;
	st->want_loc = 0;
}

static int
forget(struct sweep *sw, struct check_run *run)
{
	(void)run;
	res_bighello_clear(&sw->r.bighello);
	return 0;
}

static enum check_status
status(const struct probe_results *r)
{
	int cn, cf, ln, lf;

	if (!r->bighello.ran || r->bighello.n == 0)
		return CS_ERROR;
	bighello_counts(&r->bighello, &cn, &cf, &ln, &lf);
	if (lf > 0 && cf == 0)
		return CS_FAIL;
	if (lf > 0 || cf > 0)
		return CS_WARN;
	return CS_PASS;
}

static char *
summary(const struct probe_results *r)
{
	const struct res_bighello *b = &r->bighello;
	struct strbuf sb = STRBUF_INIT;
	int cn, cf, ln, lf;
	char *where;

	if (!b->ran || b->n == 0)
		return xstrdup(_("no handshake could be made"));
	bighello_counts(b, &cn, &cf, &ln, &lf);
	sb_addf(&sb, _("classic ClientHello (%d bytes): %d of %d answered; "
	    "browser-size (%d bytes, %s): %d of %d answered"),
	    bighello_size(b, 0), cn - cf, cn, bighello_size(b, 1),
	    b->hybrid ? "X25519MLKEM768" : _("padded"), ln - lf, ln);
	if (lf > 0 && cf == 0)
		sb_addf(&sb, _("; the large one: %s"),
		    bighello_outcome_label(bighello_large_failure(b)));
	where = b->locator.ran ?
	    probe_results_locator_text_of(r, &b->locator) : NULL;
	if (where) {
		sb_addf(&sb, "; %s", where);
		free(where);
	}
	return sb_detach(&sb);
}

static const char *const after[] = { "dns", "proxy", NULL };

const struct check_kind check_bighello = {
	.id = "bighello",
	.title = N_("Browser-size TLS handshake"),
	.after = after,
	.flags = CK_NEEDS_ADDR | CK_HTTPS_ONLY,
	.state_size = sizeof(struct bighello_state),
	.start = start,
	.cancel = cancel,
	.forget = forget,
	.react = react,
	.status = status,
	.summary = summary,
};
