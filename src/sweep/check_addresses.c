/*
 * Every address: the real request pinned to each address the name
 * resolves to (IPv4 and IPv6), a few times each, since a browser may
 * pick any of them and one bad server behind a name is a common cause
 * of resets that come and go. With one address, these are more samples
 * of it, made the same way as for several.
 */
#include "config.h"

#include "sweep/sweep_int.h"

#include "core/i18n.h"
#include "probe/http.h"
#include "sweep/sweep_check.h"

#include <stdlib.h>

/* Addresses tried, and attempts per address. */
#define ADDR_MAX 6
#define PER_ADDR 3

static void
done(struct sweep *sw, struct check_run *run)
{
	if (!sweep_requests_pending(sw, run))
		sweep_finish(sw, run);
}

static void
start(struct sweep *sw, struct check_run *run)
{
	const struct res_dns *sys = sweep_system_dns(sw);
	struct http_req req = { 0 };
	char *url;
	int per = sw->attempts < PER_ADDR ? sw->attempts : PER_ADDR;

	if (sweep_proxy_url(sw)) {
		sweep_skip(sw, run, _("not run: a proxy makes the connection "
		    "for the browser"));
		return;
	}
	if (!sys || sys->status != DNS_OK || sys->naddrs == 0) {
		sweep_skip(sw, run, _("not run: the name did not resolve"));
		return;
	}
	sweep_begin(sw, run);
	url = sweep_url_with_host(&sw->r.target, sw->r.target.ascii_host);
	req.variant = HV_PER_ADDR;
	req.url = url;
	req.verify = 1;
	req.http2 = 1;	/* ALPN h2,http/1.1, as a browser */
	req.own = sw->own;	/* the same request, pinned */
	req.limit_ms = sw->request_limit_ms;
	for (size_t i = 0; i < sys->naddrs && i < ADDR_MAX; i++) {
		req.connect_addr = sys->addrs[i];
		sweep_series_start(sw, run, &req, per, done);
	}
	free(url);
}

static const char *const after[] = { "dns", "proxy", NULL };

const struct check_kind check_addresses = {
	.id = "addresses",
	.title = N_("Every address of the name"),
	.after = after,
	.flags = CK_NEEDS_ADDR,
	.start = start,
	.forget = sweep_requests_forget,
	.status = sweep_addresses_status,
	.summary = sweep_addresses_summary,
};
