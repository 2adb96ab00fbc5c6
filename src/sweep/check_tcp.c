/* The TCP connects: the target port on the system's addresses. */
#include "config.h"

#include "sweep/sweep_int.h"

#include "core/i18n.h"
#include "probe/tcp.h"
#include "sweep/sweep_check.h"

#include <stdlib.h>
#include <string.h>

#define MAX_TCP_PER_FAMILY 4

struct tcp_slot {
	struct check_run *run;
	struct tcp_probe *h;
};

struct tcp_state {
	struct tcp_slot slot[RES_MAX_TCP];	/* slot i writes r.tcp[i] */
};

static int
pending(const struct tcp_state *st)
{
	for (size_t i = 0; i < RES_MAX_TCP; i++)
		if (st->slot[i].h)
			return 1;
	return 0;
}

static void
connected(void *arg)
{
	struct tcp_slot *s = arg;
	struct check_run *run = s->run;

	s->h = NULL;
	if (!pending(run->state))
		sweep_finish(run->sw, run);
	sweep_changed(run->sw);
}

/* The system's answer when it has addresses, else NULL. */
static const struct res_dns *
usable_answer(const struct sweep *sw)
{
	const struct res_dns *sys = sweep_system_dns(sw);

	return sys && sys->status == DNS_OK && sys->naddrs > 0 ? sys : NULL;
}

/* Connects to up to MAX_TCP_PER_FAMILY addresses of each family. */
static void
start(struct sweep *sw, struct check_run *run)
{
	struct tcp_state *st = run->state;
	const struct res_dns *d = usable_answer(sw);
	int per[2] = { 0, 0 };

	if (!d) {	/* DNS runs again and has no answer yet */
		sweep_skip(sw, run, _("not run: the name did not resolve"));
		return;
	}
	sweep_begin(sw, run);
	sw->r.ntcp = 0;
	for (size_t i = 0; i < d->naddrs && sw->r.ntcp < RES_MAX_TCP; i++) {
		int fam = strchr(d->addrs[i], ':') ? 1 : 0;
		size_t k = sw->r.ntcp;

		if (per[fam]++ >= MAX_TCP_PER_FAMILY)
			continue;
		sw->r.ntcp++;
		memset(&sw->r.tcp[k], 0, sizeof(sw->r.tcp[k]));
		st->slot[k].run = run;
		st->slot[k].h = tcp_probe_start(&sw->env, d->addrs[i],
		    sw->r.target.port, &sw->r.tcp[k], connected,
		    &st->slot[k]);
	}
}

static void
cancel(struct sweep *sw, struct check_run *run)
{
	struct tcp_state *st = run->state;

	(void)sw;
	for (size_t i = 0; i < RES_MAX_TCP; i++)
		if (st->slot[i].h) {
			tcp_probe_cancel(st->slot[i].h);
			st->slot[i].h = NULL;
		}
}

/* No answer (DNS runs again): nothing to connect to. */
static int
forget(struct sweep *sw, struct check_run *run)
{
	(void)run;
	if (!usable_answer(sw))
		return -1;
	for (size_t i = 0; i < sw->r.ntcp; i++)
		free(sw->r.tcp[i].addr);
	return 0;
}

static const char *const after[] = { "dns", "proxy", NULL };

const struct check_kind check_tcp = {
	.id = "tcp",
	.title = N_("TCP connection to the port"),
	.after = after,
	.flags = CK_NEEDS_ADDR,
	.state_size = sizeof(struct tcp_state),
	.start = start,
	.cancel = cancel,
	.forget = forget,
	.status = sweep_tcp_status,
	.summary = sweep_tcp_summary,
};
