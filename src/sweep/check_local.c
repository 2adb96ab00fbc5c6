/* The check of this machine: routes and VPN, resolver, firewall. */
#include "config.h"

#include "sweep/sweep_int.h"

#include "core/i18n.h"
#include "probe/local.h"
#include "sweep/sweep_check.h"

struct local_state {
	struct local_probe *probe;
};

static void
done(void *arg)
{
	struct check_run *run = arg;

	((struct local_state *)run->state)->probe = NULL;
	sweep_finish(run->sw, run);
	sweep_changed(run->sw);
}

static void
start(struct sweep *sw, struct check_run *run)
{
	struct local_state *st = run->state;

	sweep_begin(sw, run);
	st->probe = local_probe_start(&sw->env, &sw->r.target,
	    sweep_address(sw), &sw->r.local, done, run);
}

static void
cancel(struct sweep *sw, struct check_run *run)
{
	struct local_state *st = run->state;

	(void)sw;
	if (st->probe)
		local_probe_cancel(st->probe);
	st->probe = NULL;
}

/* The route it reads is the one to the address (when there is one). */
static const char *const after[] = { "dns", "proxy", NULL };

const struct check_kind check_local = {
	.id = "local",
	.title = N_("This machine: VPN, firewall, DNS"),
	.after = after,
	.cancel_skips = N_("not run: the local check was cancelled"),
	.start = start,
	.cancel = cancel,
	.state_size = sizeof(struct local_state),
	.status = sweep_local_status,
	.summary = local_summary,
};
