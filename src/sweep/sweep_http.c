/*
 * The sweep's HTTP requests: the real one (and its direct twin when a
 * proxy applies), the content variations, the protocol mismatch and the
 * request to an address another resolver gave.
 */
#include "config.h"

#include "sweep/sweep_int.h"

#include "core/i18n.h"
#include "core/xalloc.h"
#include "probe/http.h"
#include "probe/proxy.h"
#include "sweep/sweep_check.h"

#include <stdlib.h>
#include <string.h>

/* Least time the other protocol gets to answer on the same port. */
#define MISMATCH_MIN_MS 1500

/* ---- HTTP requests (the real one, the variations, the mismatch) ---- */

/* Non-zero while a request of this check is in flight. */
int
sweep_http_pending(struct sweep *sw, const char *check)
{
	for (size_t i = 0; i < RES_MAX_HTTP; i++)
		if (sw->http[i].h && strcmp(sw->http[i].check, check) == 0)
			return 1;
	return 0;
}

static void
http_done(void *arg)
{
	struct http_slot *s = arg;
	struct sweep *sw = s->sw;

	s->h = NULL;
	if (!sweep_http_pending(sw, s->check))
		sweep_finish_http(sw, s->check);
	sweep_changed(sw);
}

/* Starts one request into a fresh r.http[] slot. */
static void
http_launch(struct sweep *sw, const char *check, const struct http_req *req)
{
	size_t i;

	/* Reuse a slot a re-run emptied before growing the list. */
	for (i = 0; i < sw->r.nhttp; i++)
		if (sw->r.http[i].result == HTTP_NOT_RUN && !sw->http[i].h)
			break;
	if (i >= RES_MAX_HTTP) {
		/* Never leave a check running with nothing in flight. */
		if (!sweep_http_pending(sw, check))
			sweep_end(sw, check, CS_ERROR, xstrdup(_("no room for "
			    "another request: start a new sweep")));
		return;
	}
	if (i == sw->r.nhttp)
		sw->r.nhttp++;
	memset(&sw->r.http[i], 0, sizeof(sw->r.http[i]));
	sw->http[i].sw = sw;
	sw->http[i].check = check;
	sw->http[i].index = i;
	sw->http[i].h = http_probe_start(&sw->env, req, &sw->r.http[i],
	    http_done, &sw->http[i]);
}

/* The URL with another host (and the same port and path). */
static char *
url_with_host(const struct res_target *t, const char *host)
{
	int v6 = strchr(host, ':') != NULL;

	return xasprintf("%s://%s%s%s:%d%s", t->scheme, v6 ? "[" : "", host,
	    v6 ? "]" : "", t->port, t->path);
}

/*
 * The request as the browser makes it: through the proxy when one
 * applies (the proxy resolves the name), else straight to the address.
 * With a proxy, the same request also goes direct, for comparison.
 */
void
sweep_start_main(struct sweep *sw)
{
	struct http_req req = { 0 };
	char *url = url_with_host(&sw->r.target, sw->r.target.ascii_host);

	sweep_begin(sw, "http");
	/*
	 * Like a browser: the name resolved by the system's own resolver
	 * and every address tried in turn (IPv6 and IPv4 raced), so a dead
	 * address family does not pass for a dead site.
	 */
	req.variant = HV_MAIN;
	req.url = url;
	req.addr_hint = *sw->addr ? sw->addr : NULL;
	req.proxy = sw->proxy_secret;
	req.verify = 1;
	http_launch(sw, "http", &req);
	req.addr_hint = NULL;
	if (sw->proxy_secret) {
		req.variant = HV_DIRECT;
		req.connect_addr = *sw->addr ? sw->addr : NULL;
		req.proxy = NULL;
		http_launch(sw, "proxy", &req);
	}
	free(url);
}

/* The request that went straight to the server (main, or direct). */
const struct res_http *
sweep_direct_request(const struct sweep *sw)
{
	return probe_results_http(&sw->r, sw->proxy_secret ? HV_DIRECT :
	    HV_MAIN);
}

/*
 * Starts the content variations: the same request with a neutral name (SNI
 * or Host), or skips them.
 */
void
sweep_start_variation(struct sweep *sw)
{
	const struct res_target *t = &sw->r.target;
	struct http_req req = { 0 };
	char *url;

	if (t->host_is_ip && strcmp(t->scheme, "http") != 0) {
		sweep_skip(sw, "variation", _("not possible: the address is "
		    "an IP literal, so no name is sent in the TLS handshake"));
		return;
	}
	sweep_begin(sw, "variation");
	req.connect_addr = *sw->addr ? sw->addr : NULL;
	req.verify = 0;
	if (strcmp(t->scheme, "https") == 0) {
		req.variant = HV_NEUTRAL_SNI;
		url = url_with_host(t, NEUTRAL_HOST);
		req.url = url;
		http_launch(sw, "variation", &req);
		free(url);
		/* No SNI at all: an IP-literal URL, but the real Host. */
		req.variant = HV_NO_SNI;
		url = url_with_host(t, sw->addr);
		req.url = url;
		req.connect_addr = NULL;
		req.host_header = t->ascii_host;
		http_launch(sw, "variation", &req);
		free(url);
	} else {
		req.variant = HV_NEUTRAL_HOST;
		url = url_with_host(t, t->ascii_host);
		req.url = url;
		req.host_header = NEUTRAL_HOST;
		http_launch(sw, "variation", &req);
		free(url);
	}
}

/* Does the main request's ending call for trying the other protocol? */
static int
needs_mismatch(const struct res_http *m)
{
	switch (m->result) {
	case HTTP_RESET_BEFORE_RESPONSE:
	case HTTP_EMPTY_REPLY:
	case HTTP_PROTOCOL_ERROR:
	case HTTP_TLS_RESET:
	case HTTP_TLS_ALERT:
		return 1;
	default:
		return 0;
	}
}

/*
 * Tries the other protocol when the request failed the way a wrong one
 * would, else skips the check.
 */
void
sweep_start_mismatch(struct sweep *sw)
{
	const struct res_target *t = &sw->r.target;
	const struct res_http *m = sweep_direct_request(sw);
	struct res_target alt = *t;
	struct http_req req = { 0 };
	char *url;

	if (!m || !needs_mismatch(m)) {
		sweep_skip(sw, "mismatch", _("not needed: the request did not "
		    "fail in a way a wrong protocol would explain"));
		return;
	}
	sweep_begin(sw, "mismatch");
	alt.scheme = strcmp(t->scheme, "https") == 0 ? "http" : "https";
	url = url_with_host(&alt, t->ascii_host);
	req.variant = HV_ALT_SCHEME;
	req.url = url;
	req.connect_addr = *sw->addr ? sw->addr : NULL;
	req.verify = 0;
	/*
	 * A port that speaks the other protocol answers it at once; one
	 * that does not often just waits for more bytes. A few round trips
	 * are enough to tell, not the whole timeout.
	 */
	req.timeout_ms = m->t_connect > 0 ? (long)(8 * m->t_connect) : 0;
	if (req.timeout_ms < MISMATCH_MIN_MS)
		req.timeout_ms = MISMATCH_MIN_MS;
	http_launch(sw, "mismatch", &req);
	free(url);
}

/* The checks that compare their requests with the real one. */
static int
compares_with_main(const char *check)
{
	return strcmp(check, "variation") == 0 || strcmp(check, "proxy") == 0;
}

/*
 * Ends a request-based check ("http", "variation", "proxy", "dns",
 * "mismatch") once its requests are in.
 */
void
sweep_finish_http(struct sweep *sw, const char *check)
{
	if (strcmp(check, "http") == 0) {
		const struct res_http *m = probe_results_http(&sw->r, HV_MAIN);

		if (sw->proxy_secret && m)
			proxy_note_http(&sw->r.proxy, m);
		sweep_end(sw, "http", sweep_http_status(m),
		    sweep_http_summary(m));
		/* Their reading needs the real request's end. */
		if (sweep_check_get(&sw->r, "variation")->state ==
		    CHECK_RUNNING && !sweep_http_pending(sw, "variation"))
			sweep_finish_http(sw, "variation");
		if (sweep_check_get(&sw->r, "proxy")->state ==
		    CHECK_RUNNING && !sweep_http_pending(sw, "proxy"))
			sweep_finish_http(sw, "proxy");
		sweep_after_requests(sw);
	} else if (compares_with_main(check) &&
	    sweep_http_pending(sw, "http")) {
		return;
	} else if (strcmp(check, "variation") == 0) {
		sweep_end(sw, "variation", sweep_variation_status(&sw->r),
		    sweep_variation_summary(&sw->r));
	} else if (strcmp(check, "proxy") == 0) {
		sweep_end(sw, "proxy", sweep_proxy_status(&sw->r),
		    proxy_summary(&sw->r.proxy));
		sweep_after_requests(sw);
	} else if (strcmp(check, "dns") == 0) {
		sweep_end(sw, "dns", sweep_dns_status(&sw->r),
		    sweep_dns_summary(&sw->r));
	} else {
		const struct res_http *a = probe_results_http(&sw->r,
		    HV_ALT_SCHEME);

		sweep_end(sw, "mismatch", sweep_mismatch_status(a),
		    sweep_mismatch_summary(&sw->r, a));
	}
}

/* Once the real request (and its direct twin) ended: the follow-ups. */
void
sweep_after_requests(struct sweep *sw)
{
	if (sweep_http_pending(sw, "http") || sweep_http_pending(sw, "proxy"))
		return;
	if (sweep_check_get(&sw->r, "mismatch")->state == CHECK_QUEUED)
		sweep_start_mismatch(sw);
	sweep_maybe_locator(sw);
}

/* An address some resolver gives that the system's answer lacks. */
static const char *
other_address(const struct sweep *sw)
{
	const struct res_dns *sys = sweep_system_dns(sw);

	for (size_t i = 0; i < sw->r.ndns; i++) {
		const struct res_dns *d = &sw->r.dns[i];
		int shared = 0;

		if (d->is_system || d->status != DNS_OK || d->naddrs == 0)
			continue;
		for (size_t a = 0; sys && a < d->naddrs; a++)
			for (size_t b = 0; b < sys->naddrs; b++)
				shared |= strcmp(d->addrs[a],
				    sys->addrs[b]) == 0;
		if (!shared)
			return d->addrs[0];
	}
	return NULL;
}

/*
 * Resolvers disagree: the same real request to the address the system
 * did not pick says which answer works.
 */
int
sweep_start_alt_addr(struct sweep *sw)
{
	const char *other = other_address(sw);
	struct http_req req = { 0 };
	char *url;

	if (!other)
		return 0;
	url = url_with_host(&sw->r.target, sw->r.target.ascii_host);
	req.variant = HV_ALT_ADDR;
	req.url = url;
	req.connect_addr = other;
	req.verify = 1;
	http_launch(sw, "dns", &req);
	free(url);
	return sweep_http_pending(sw, "dns");
}
