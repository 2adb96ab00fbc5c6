/*
 * The name lookup: the system's resolver and every configured one asked
 * on its own. The system's answer is what the other checks wait for; the
 * check itself ends once every resolver answered and, when they
 * disagree, the real request went to the address only another gave.
 */
#include "config.h"

#include "sweep/sweep_int.h"

#include "core/i18n.h"
#include "core/xalloc.h"
#include "probe/dns.h"
#include "probe/http.h"
#include "probe/readings.h"
#include "sweep/sweep_check.h"

#include <stdlib.h>
#include <string.h>

struct dns_slot {
	struct check_run *run;
	struct dns_probe *h;
	size_t index;		/* into r.dns[] */
};

struct dns_state {
	struct dns_slot slot[RES_MAX_DNS];
	int aimed;		/* the address below is decided */
	char *addr;		/* where every request goes, or NULL */
};

static int
pending(const struct dns_state *st)
{
	for (size_t i = 0; i < RES_MAX_DNS; i++)
		if (st->slot[i].h)
			return 1;
	return 0;
}

/* The system resolver's answer, or NULL before it is in. */
const struct res_dns *
sweep_system_dns(const struct sweep *sw)
{
	return probe_results_system_dns(&sw->r);
}

/* The address every request goes to, or NULL; see sweep_int.h. */
const char *
sweep_address(const struct sweep *sw)
{
	return ((struct dns_state *)sweep_run(sw, &check_dns)->state)->addr;
}

/* The first answer decides where the requests go, once per sweep. */
static void
aim(struct sweep *sw, struct dns_state *st)
{
	const struct res_dns *sys = sweep_system_dns(sw);

	if (st->aimed)
		return;
	st->aimed = 1;
	if (sys && sys->status == DNS_OK && sys->naddrs > 0)
		st->addr = xstrdup(sys->addrs[0]);
}

/* The target changed: its name's answers and address are to come. */
void
sweep_dns_reaim(struct sweep *sw)
{
	struct dns_state *st = sweep_run(sw, &check_dns)->state;

	for (size_t i = 0; i < sw->r.ndns; i++)
		res_dns_clear(&sw->r.dns[i]);
	sw->r.ndns = 0;
	free(st->addr);
	st->addr = NULL;
	st->aimed = 0;
}

/* An address some resolver gives that the system's answer lacks. */
static const char *
other_address(const struct sweep *sw)
{
	const struct res_dns *sys = sweep_system_dns(sw);

	for (size_t i = 0; i < sw->r.ndns; i++) {
		const struct res_dns *d = &sw->r.dns[i];

		if (d->is_system || d->status != DNS_OK || d->naddrs == 0)
			continue;
		if (!sys || !res_dns_overlap(d, sys))
			return d->addrs[0];
	}
	return NULL;
}

static void
alt_done(struct sweep *sw, struct check_run *run)
{
	if (!sweep_requests_pending(sw, run))
		sweep_finish(sw, run);
}

/*
 * Resolvers disagree: the same real request to the address the system
 * did not pick says which answer works. 0 when there is none.
 */
static int
start_alt_addr(struct sweep *sw, struct check_run *run)
{
	const char *other = other_address(sw);
	struct http_req req = { 0 };
	char *url;

	if (!other)
		return 0;
	url = sweep_url_with_host(&sw->r.target, sw->r.target.ascii_host);
	req.variant = HV_ALT_ADDR;
	req.url = url;
	req.connect_addr = other;
	req.verify = 1;
	req.own = sw->own;
	sweep_request_start(sw, run, &req, alt_done);
	free(url);
	return sweep_requests_pending(sw, run);
}

static void
lookup_done(void *arg)
{
	struct dns_slot *s = arg;
	struct check_run *run = s->run;
	struct sweep *sw = run->sw;
	struct dns_state *st = run->state;

	s->h = NULL;
	/* The rest needs only the system's answer, not every resolver. */
	if (sw->r.dns[s->index].is_system) {
		aim(sw, st);
		sweep_ready(sw, run);
	}
	if (!pending(st) && !start_alt_addr(sw, run))
		sweep_finish(sw, run);
	sweep_changed(sw);
}

static void
launch(struct sweep *sw, struct check_run *run, const char *server)
{
	struct dns_state *st = run->state;
	size_t i = sw->r.ndns;

	if (i >= RES_MAX_DNS)
		return;
	sw->r.ndns++;
	memset(&sw->r.dns[i], 0, sizeof(sw->r.dns[i]));
	st->slot[i].run = run;
	st->slot[i].index = i;
	st->slot[i].h = dns_probe_start(&sw->env, sw->r.target.ascii_host,
	    server, &sw->r.dns[i], lookup_done, &st->slot[i]);
}

/* An IP literal is its own answer. */
static void
take_literal(struct sweep *sw, struct check_run *run)
{
	struct dns_state *st = run->state;
	struct res_dns *d = &sw->r.dns[0];

	sw->r.ndns = 1;
	d->server = xstrdup("system");
	d->source = xstrdup(_("the address itself"));
	d->is_system = 1;
	d->status = DNS_OK;
	d->addrs[0] = xstrdup(sw->r.target.ascii_host);
	d->naddrs = 1;
	aim(sw, st);
	sweep_skip(sw, run, _("not needed: the address is an IP literal"));
}

/* Asks the system and then every configured resolver for the name. */
static void
start(struct sweep *sw, struct check_run *run)
{
	char **servers = NULL;
	size_t n;

	if (sw->r.target.host_is_ip) {
		take_literal(sw, run);
		return;
	}
	sweep_begin(sw, run);
	sw->r.ndns = 0;
	launch(sw, run, NULL);
	n = dns_system_servers(&servers);
	for (size_t i = 0; i < n; i++) {
		launch(sw, run, servers[i]);
		free(servers[i]);
	}
	free(servers);
}

static void
cancel(struct sweep *sw, struct check_run *run)
{
	struct dns_state *st = run->state;

	(void)sw;
	for (size_t i = 0; i < RES_MAX_DNS; i++)
		if (st->slot[i].h) {
			dns_probe_cancel(st->slot[i].h);
			st->slot[i].h = NULL;
		}
}

/* Asks again; the requests keep the address the first answer gave. */
static int
forget(struct sweep *sw, struct check_run *run)
{
	(void)run;
	if (sw->r.target.host_is_ip)
		return -1;	/* the address is its own answer */
	for (size_t i = 0; i < sw->r.ndns; i++)
		res_dns_clear(&sw->r.dns[i]);
	return 0;
}

static void
release(struct check_run *run)
{
	free(((struct dns_state *)run->state)->addr);
}

/* The name the browser ends on, once the redirects are followed. */
static const char *const after[] = { "redirects", NULL };

const struct check_kind check_dns = {
	.id = "dns",
	.title = N_("Name lookup (DNS)"),
	.after = after,
	.cancel_skips = N_("not run: DNS was cancelled"),
	.state_size = sizeof(struct dns_state),
	.start = start,
	.cancel = cancel,
	.forget = forget,
	.free = release,
	.status = sweep_dns_status,
	.summary = sweep_dns_summary,
};
