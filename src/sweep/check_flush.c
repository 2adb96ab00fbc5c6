/*
 * Flushing the local DNS cache, only when the person asks for it
 * (sweep_flush_dns()): the right action for the cache the local check
 * found, then the system is asked for the name again.
 */
#include "config.h"

#include "sweep/sweep_int.h"

#include "core/i18n.h"
#include "core/strbuf.h"
#include "probe/dns.h"
#include "probe/flush.h"
#include "probe/names.h"
#include "sweep/sweep_check.h"

struct flush_state {
	struct flush_probe *flush;
	struct dns_probe *lookup;	/* the lookup after the flush */
	struct res_dns after;		/* its answer */
};

/* The system's answer as one line ("" when it had none). */
static char *
answer_line(const struct res_dns *d)
{
	struct strbuf sb = STRBUF_INIT;

	sb_add(&sb, "");
	if (d && d->status != DNS_OK)
		sb_add(&sb, dns_status_name(d->status));
	for (size_t i = 0; d && d->status == DNS_OK && i < d->naddrs; i++)
		sb_addf(&sb, "%s%s", i ? " " : "", d->addrs[i]);
	return sb_detach(&sb);
}

static void
lookup_done(void *arg)
{
	struct check_run *run = arg;
	struct flush_state *st = run->state;
	struct sweep *sw = run->sw;

	st->lookup = NULL;
	sw->r.flush.after = answer_line(&st->after);
	res_dns_clear(&st->after);
	sweep_finish(sw, run);
	sweep_changed(sw);
}

static void
flushed(void *arg)
{
	struct check_run *run = arg;
	struct flush_state *st = run->state;
	struct sweep *sw = run->sw;

	st->flush = NULL;
	/* Ask the system again: did the answer change? */
	st->lookup = dns_probe_start(&sw->env, sw->r.target.ascii_host, NULL,
	    &st->after, lookup_done, run);
	sweep_changed(sw);
}

/*
 * Runs the flush for the cache the local check found, noting the answer
 * before it. The check is running since it was asked for.
 */
static void
start(struct sweep *sw, struct check_run *run)
{
	struct flush_state *st = run->state;
	const struct res_local *l = &sw->r.local;

	res_flush_clear(&sw->r.flush);
	sw->r.flush.before = answer_line(sweep_system_dns(sw));
	st->flush = flush_start(&sw->env, l->dns_caches && *l->dns_caches ?
	    l->dns_caches : l->resolver_kind, &sw->r.flush, flushed, run);
}

static void
cancel(struct sweep *sw, struct check_run *run)
{
	struct flush_state *st = run->state;

	(void)sw;
	if (st->flush)
		flush_cancel(st->flush);
	if (st->lookup)
		dns_probe_cancel(st->lookup);
	st->flush = NULL;
	st->lookup = NULL;
	res_dns_clear(&st->after);
}

/* The local check finds the cache. */
static const char *const after[] = { "local", NULL };

const struct check_kind check_flush = {
	.id = "flush",
	.title = N_("Flushing the DNS cache"),
	.after = after,
	.flags = CK_ON_DEMAND,
	.state_size = sizeof(struct flush_state),
	.start = start,
	.cancel = cancel,
	.status = sweep_flush_status,
	.summary = sweep_flush_summary,
};
