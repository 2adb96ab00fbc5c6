/*
 * The sweep's checks of the person's own side: proxy detection, the
 * local check, and flushing the DNS cache on request.
 */
#include "config.h"

#include "sweep/sweep_int.h"

#include "core/strbuf.h"
#include "core/xalloc.h"
#include "probe/dns.h"
#include "probe/flush.h"
#include "probe/local.h"
#include "probe/proxy.h"
#include "probe/names.h"
#include "sweep/sweep_check.h"

#include <stdlib.h>
#include <string.h>

/* ---- proxy, this machine, flushing the DNS cache ---- */

static void
proxy_done(void *arg)
{
	struct sweep *sw = arg;
	const char *url = proxy_probe_url(sw->proxy);

	/* The only moment the unredacted URL exists: keep it private. */
	sw->proxy_secret = url ? xstrdup(url) : NULL;
	sw->proxy = NULL;
	sw->proxy_ready = 1;
	if (!sw->proxy_secret)
		sweep_end(sw, "proxy", sweep_proxy_status(&sw->r),
		    proxy_summary(&sw->r.proxy));
	sweep_start_requests(sw);
	sweep_changed(sw);
}

/* Starts proxy detection. */
void
sweep_start_proxy(struct sweep *sw)
{
	sweep_begin(sw, "proxy");
	sw->proxy = proxy_probe_start(&sw->env, &sw->r.target, &sw->r.proxy,
	    proxy_done, sw);
}

static void
local_done(void *arg)
{
	struct sweep *sw = arg;

	sw->local = NULL;
	sweep_end(sw, "local", sweep_local_status(&sw->r),
	    local_summary(&sw->r));
	if (sw->flush_wanted)
		sweep_start_flush(sw);
	sweep_changed(sw);
}

/* Starts the check of this machine (routes, resolver, firewall). */
void
sweep_start_local(struct sweep *sw)
{
	sweep_begin(sw, "local");
	sw->local = local_probe_start(&sw->env, &sw->r.target, sw->addr,
	    &sw->r.local, local_done, sw);
}

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
flush_lookup_done(void *arg)
{
	struct sweep *sw = arg;

	sw->flush_dns = NULL;
	sw->r.flush.after = answer_line(&sw->flush_after);
	res_dns_clear(&sw->flush_after);
	sweep_end(sw, "flush", sweep_flush_status(&sw->r.flush),
	    sweep_flush_summary(&sw->r.flush));
	sweep_changed(sw);
}

static void
flush_done(void *arg)
{
	struct sweep *sw = arg;

	sw->flush = NULL;
	/* Ask the system again: did the answer change? */
	sw->flush_dns = dns_probe_start(&sw->env, sw->r.target.ascii_host,
	    NULL, &sw->flush_after, flush_lookup_done, sw);
	sweep_changed(sw);
}

/*
 * Runs the flush for the cache the local check found, noting the answer
 * before it.
 */
void
sweep_start_flush(struct sweep *sw)
{
	const struct res_local *l = &sw->r.local;

	sw->flush_wanted = 0;
	res_flush_clear(&sw->r.flush);
	sw->r.flush.before = answer_line(sweep_system_dns(sw));
	sw->flush = flush_start(&sw->env, l->dns_caches && *l->dns_caches ?
	    l->dns_caches : l->resolver_kind, &sw->r.flush, flush_done, sw);
}
