/*
 * The content variations: the real request with a neutral name (another
 * SNI, no SNI, another Host) to the same address. Read against the real
 * request, so the check ends once that one ended too.
 */
#include "config.h"

#include "sweep/sweep_int.h"

#include "core/i18n.h"
#include "probe/http.h"
#include "sweep/sweep_check.h"

#include <stdlib.h>
#include <string.h>

/* A Host name that can never be anyone's: RFC 2606 reserves .invalid. */
#define NEUTRAL_HOST "neutral.connreset.invalid"

/* The same request with a neutral name (SNI or Host), or its skip. */
static void
start(struct sweep *sw, struct check_run *run)
{
	const struct res_target *t = &sw->r.target;
	const char *addr = sweep_address(sw);
	struct http_req req = { 0 };
	char *url;

	if (t->host_is_ip && strcmp(t->scheme, "http") != 0) {
		sweep_skip(sw, run, _("not possible: the address is an IP "
		    "literal, so no name is sent in the TLS handshake"));
		return;
	}
	/*
	 * The real request goes through the proxy, which picks the address
	 * itself: a neutral name sent direct would compare the proxy with
	 * no proxy, not one name with another (the proxy check does that).
	 */
	if (sweep_proxy_url(sw)) {
		sweep_skip(sw, run, _("not possible through the proxy: the "
		    "proxy, not this machine, connects to the server"));
		return;
	}
	sweep_begin(sw, run);
	req.connect_addr = addr;
	req.verify = 0;
	req.own = sw->own;	/* only the name differs */
	/* A fair comparison: as long as the real request may wait. */
	req.limit_ms = sw->request_limit_ms;
	if (strcmp(t->scheme, "https") == 0) {
		req.variant = HV_NEUTRAL_SNI;
		url = sweep_url_with_host(t, NEUTRAL_HOST);
		req.url = url;
		sweep_series_start(sw, run, &req, sw->attempts,
		    sweep_compared_done);
		free(url);
		/* No SNI at all: an IP-literal URL, but the real Host. */
		req.variant = HV_NO_SNI;
		url = sweep_url_with_host(t, addr);
		req.url = url;
		req.connect_addr = NULL;
		req.host_header = t->ascii_host;
		sweep_series_start(sw, run, &req, sw->attempts,
		    sweep_compared_done);
		free(url);
	} else {
		req.variant = HV_NEUTRAL_HOST;
		url = sweep_url_with_host(t, t->ascii_host);
		req.url = url;
		req.host_header = NEUTRAL_HOST;
		sweep_series_start(sw, run, &req, sw->attempts,
		    sweep_compared_done);
		free(url);
	}
}

static const char *const after[] = { "dns", "proxy", NULL };

const struct check_kind check_variation = {
	.id = "variation",
	.title = N_("Same request with a neutral name"),
	.after = after,
	.flags = CK_NEEDS_ADDR,
	.start = start,
	.forget = sweep_requests_forget,
	.react = sweep_compared_react,
	.status = sweep_variation_status,
	.summary = sweep_variation_summary,
};
