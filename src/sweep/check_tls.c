/* The TLS check: versions, certificate and interception (HTTPS only). */
#include "config.h"

#include "sweep/sweep_int.h"

#include "core/i18n.h"
#include "probe/tls.h"
#include "sweep/sweep_check.h"

#include <string.h>

struct tls_state {
	struct tls_probe *probe;
};

static void
done(void *arg)
{
	struct check_run *run = arg;

	((struct tls_state *)run->state)->probe = NULL;
	sweep_finish(run->sw, run);
	sweep_changed(run->sw);
}

static void
start(struct sweep *sw, struct check_run *run)
{
	struct tls_state *st = run->state;

	sweep_begin(sw, run);
	memset(&sw->r.tls, 0, sizeof(sw->r.tls));
	st->probe = tls_probe_start(&sw->env, &sw->r.target,
	    sweep_address(sw), &sw->r.tls, done, run);
}

static void
cancel(struct sweep *sw, struct check_run *run)
{
	struct tls_state *st = run->state;

	(void)sw;
	if (st->probe)
		tls_probe_cancel(st->probe);
	st->probe = NULL;
}

static int
forget(struct sweep *sw, struct check_run *run)
{
	(void)run;
	res_tls_clear(&sw->r.tls);
	return 0;
}

static const char *const after[] = { "dns", "proxy", NULL };

const struct check_kind check_tls = {
	.id = "tls",
	.title = N_("TLS versions and certificate"),
	.after = after,
	.flags = CK_NEEDS_ADDR | CK_HTTPS_ONLY,
	.state_size = sizeof(struct tls_state),
	.start = start,
	.cancel = cancel,
	.forget = forget,
	.status = sweep_tls_status,
	.summary = sweep_tls_summary,
};
