#include "config.h"

#include "probe/sweep.h"

#include "core/i18n.h"
#include "core/loop.h"
#include "core/redact.h"
#include "core/sanitize.h"
#include "core/strbuf.h"
#include "core/timeutil.h"
#include "core/xalloc.h"
#include "probe/curlm.h"
#include "probe/dns.h"
#include "probe/flush.h"
#include "probe/local.h"
#include "probe/proxy.h"
#include "probe/env.h"
#include "probe/http.h"
#include "probe/locator.h"
#include "probe/names.h"
#include "probe/path.h"
#include "probe/sweep_check.h"
#include "probe/target.h"
#include "probe/tcp.h"
#include "probe/tls.h"

#include <stdlib.h>
#include <string.h>

/* A Host name that can never be anyone's: RFC 2606 reserves .invalid. */
#define NEUTRAL_HOST "neutral.connreset.invalid"
#define MAX_TCP_PER_FAMILY 4

/* One request in flight, tied to the check it belongs to. */
struct http_slot {
	struct sweep *sw;
	struct http_probe *h;
	const char *check;	/* "http", "variation", "mismatch" */
	size_t index;		/* into r.http[] */
};

struct dns_slot {
	struct sweep *sw;
	struct dns_probe *h;
	size_t index;
};

struct tcp_slot {
	struct sweep *sw;
	struct tcp_probe *h;
	size_t index;
};

struct sweep {
	struct loop *lp;
	struct probe_env env;
	struct probe_results r;
	sweep_cb cb;
	void *cb_arg;
	char *cacert;
	char *addr;		/* the address every request goes to */
	struct dns_slot dns[RES_MAX_DNS];
	struct tcp_slot tcp[RES_MAX_TCP];
	struct http_slot http[RES_MAX_HTTP];
	struct tls_probe *tls;
	struct path_probe *path;
	struct path_probe *udp;	/* second trace when SYNs go unanswered */
	struct res_path udp_path;
	struct locator_probe *locator;
	struct proxy_probe *proxy;
	char *proxy_secret;	/* unredacted proxy URL: never stored */
	int proxy_ready;	/* proxy detection finished */
	int dns_ready;		/* the system's answer is in */
	struct local_probe *local;
	struct flush_probe *flush;
	struct dns_probe *flush_dns;	/* the lookup after a flush */
	struct res_dns flush_after;
	int flush_wanted;	/* flush once the local check is done */
	int started;
};

static void start_requests(struct sweep *sw);
static void after_requests(struct sweep *sw);
static void start_flush(struct sweep *sw);
static void maybe_start_locator(struct sweep *sw);

static void
changed(struct sweep *sw)
{
	if (sw->cb)
		sw->cb(sw, sw->cb_arg);
}

/* Marks a check running (adding it on first use). */
static struct res_check *
check_begin(struct sweep *sw, const char *id)
{
	struct res_check *c = sweep_check_get(&sw->r, id);
	char stamp[40];
	struct timespec now = time_now();

	time_rfc3339(stamp, sizeof(stamp), &now);
	c->state = CHECK_RUNNING;
	xstrset(&c->started, stamp);
	xstrset(&c->summary, NULL);
	c->started_mono = loop_now_ms();
	c->duration_ms = 0;
	return c;
}

static void
check_end(struct sweep *sw, const char *id, enum check_status st,
    char *summary)
{
	struct res_check *c = sweep_check_get(&sw->r, id);

	if (c->state != CHECK_CANCELLED) {
		c->state = CHECK_DONE;
		c->status = st;
		c->duration_ms = loop_now_ms() - c->started_mono;
	}
	free(c->summary);
	c->summary = summary;
}

static void
check_skip(struct sweep *sw, const char *id, const char *why)
{
	struct res_check *c = sweep_check_get(&sw->r, id);

	c->state = CHECK_DONE;
	c->status = CS_SKIPPED;
	c->duration_ms = 0;
	xstrset(&c->summary, why);
}

/* ---- HTTP requests (the real one, the variations, the mismatch) ---- */

static int
http_pending(struct sweep *sw, const char *check)
{
	for (size_t i = 0; i < RES_MAX_HTTP; i++)
		if (sw->http[i].h && strcmp(sw->http[i].check, check) == 0)
			return 1;
	return 0;
}

static void finish_http_check(struct sweep *sw, const char *check);

static void
http_done(void *arg)
{
	struct http_slot *s = arg;
	struct sweep *sw = s->sw;

	s->h = NULL;
	if (!http_pending(sw, s->check))
		finish_http_check(sw, s->check);
	changed(sw);
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
	if (i >= RES_MAX_HTTP)
		return;
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
static void
start_main(struct sweep *sw)
{
	struct http_req req = { 0 };
	char *url = url_with_host(&sw->r.target, sw->r.target.ascii_host);

	check_begin(sw, "http");
	req.variant = HV_MAIN;
	req.url = url;
	req.connect_addr = *sw->addr && !sw->proxy_secret ? sw->addr : NULL;
	req.proxy = sw->proxy_secret;
	req.verify = 1;
	http_launch(sw, "http", &req);
	if (sw->proxy_secret) {
		req.variant = HV_DIRECT;
		req.connect_addr = *sw->addr ? sw->addr : NULL;
		req.proxy = NULL;
		http_launch(sw, "proxy", &req);
	}
	free(url);
}

/* The request that went straight to the server (main, or direct). */
static const struct res_http *
direct_request(const struct sweep *sw)
{
	return probe_results_http(&sw->r, sw->proxy_secret ? HV_DIRECT :
	    HV_MAIN);
}

static void
start_variation(struct sweep *sw)
{
	const struct res_target *t = &sw->r.target;
	struct http_req req = { 0 };
	char *url;

	if (t->host_is_ip && strcmp(t->scheme, "http") != 0) {
		check_skip(sw, "variation", _("not possible: the address is "
		    "an IP literal, so no name is sent in the TLS handshake"));
		return;
	}
	check_begin(sw, "variation");
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

static void
start_mismatch(struct sweep *sw)
{
	const struct res_target *t = &sw->r.target;
	const struct res_http *m = direct_request(sw);
	struct res_target alt = *t;
	struct http_req req = { 0 };
	char *url;

	if (!m || !needs_mismatch(m)) {
		check_skip(sw, "mismatch", _("not needed: the request did not "
		    "fail in a way a wrong protocol would explain"));
		return;
	}
	check_begin(sw, "mismatch");
	alt.scheme = strcmp(t->scheme, "https") == 0 ? "http" : "https";
	url = url_with_host(&alt, t->ascii_host);
	req.variant = HV_ALT_SCHEME;
	req.url = url;
	req.connect_addr = *sw->addr ? sw->addr : NULL;
	req.verify = 0;
	http_launch(sw, "mismatch", &req);
	free(url);
}

/* The checks that compare their requests with the real one. */
static int
compares_with_main(const char *check)
{
	return strcmp(check, "variation") == 0 || strcmp(check, "proxy") == 0;
}

static void
finish_http_check(struct sweep *sw, const char *check)
{
	if (strcmp(check, "http") == 0) {
		const struct res_http *m = probe_results_http(&sw->r, HV_MAIN);

		if (sw->proxy_secret && m)
			proxy_note_http(&sw->r.proxy, m);
		check_end(sw, "http", sweep_http_status(m),
		    sweep_http_summary(m));
		/* Their reading needs the real request's end. */
		if (sweep_check_get(&sw->r, "variation")->state ==
		    CHECK_RUNNING && !http_pending(sw, "variation"))
			finish_http_check(sw, "variation");
		if (sweep_check_get(&sw->r, "proxy")->state ==
		    CHECK_RUNNING && !http_pending(sw, "proxy"))
			finish_http_check(sw, "proxy");
		after_requests(sw);
	} else if (compares_with_main(check) && http_pending(sw, "http")) {
		return;
	} else if (strcmp(check, "variation") == 0) {
		check_end(sw, "variation", sweep_variation_status(&sw->r),
		    sweep_variation_summary(&sw->r));
	} else if (strcmp(check, "proxy") == 0) {
		check_end(sw, "proxy", sweep_proxy_status(&sw->r),
		    proxy_summary(&sw->r.proxy));
		after_requests(sw);
	} else if (strcmp(check, "dns") == 0) {
		check_end(sw, "dns", sweep_dns_status(&sw->r),
		    sweep_dns_summary(&sw->r));
	} else {
		const struct res_http *a = probe_results_http(&sw->r,
		    HV_ALT_SCHEME);

		check_end(sw, "mismatch", sweep_mismatch_status(a),
		    sweep_mismatch_summary(&sw->r, a));
	}
}

/* Once the real request (and its direct twin) ended: the follow-ups. */
static void
after_requests(struct sweep *sw)
{
	if (http_pending(sw, "http") || http_pending(sw, "proxy"))
		return;
	if (sweep_check_get(&sw->r, "mismatch")->state == CHECK_QUEUED)
		start_mismatch(sw);
	maybe_start_locator(sw);
}

/* ---- TLS ---- */

static void
tls_done(void *arg)
{
	struct sweep *sw = arg;

	sw->tls = NULL;
	check_end(sw, "tls", sweep_tls_status(&sw->r.tls),
	    sweep_tls_summary(&sw->r.tls));
	changed(sw);
}

static void
start_tls(struct sweep *sw)
{
	if (strcmp(sw->r.target.scheme, "https") != 0) {
		check_skip(sw, "tls", _("not needed: the address uses plain "
		    "HTTP"));
		return;
	}
	check_begin(sw, "tls");
	memset(&sw->r.tls, 0, sizeof(sw->r.tls));
	sw->tls = tls_probe_start(&sw->env, &sw->r.target, sw->addr,
	    &sw->r.tls, tls_done, sw);
}

/* ---- the path and the reset locator ---- */

/* The path check ends when both traces (TCP, and UDP if any) did. */
static void
finish_path(struct sweep *sw)
{
	if (sw->path || sw->udp)
		return;
	check_end(sw, "path", sweep_path_status(&sw->r.path),
	    sweep_path_summary(&sw->r.path));
	maybe_start_locator(sw);
}

static void
path_done(void *arg)
{
	struct sweep *sw = arg;

	sw->path = NULL;
	finish_path(sw);
	changed(sw);
}

static void
udp_done(void *arg)
{
	struct sweep *sw = arg;

	sw->udp = NULL;
	xstrset(&sw->r.path.alt_method, "udp");
	sw->r.path.alt_distance = sw->udp_path.reached ?
	    (int)sw->udp_path.nhops : 0;
	res_path_clear(&sw->udp_path);
	finish_path(sw);
	changed(sw);
}

/*
 * When every SYN went unanswered, a UDP trace may still reach the server:
 * its distance then says whether the SYNs die on the path or at the
 * server's door.
 */
static void
start_udp_path(struct sweep *sw)
{
	struct res_check *c = sweep_check_get(&sw->r, "path");

	if (sw->udp || !sw->addr || !*sw->addr ||
	    c->state == CHECK_CANCELLED)
		return;
	if (c->state == CHECK_DONE)
		c->state = CHECK_RUNNING;
	sw->udp = path_probe_start(&sw->env, sw->addr, sw->r.target.port,
	    "udp", &sw->udp_path, udp_done, sw);
}

static void
start_path(struct sweep *sw)
{
	check_begin(sw, "path");
	sw->path = path_probe_start(&sw->env, sw->addr, sw->r.target.port,
	    NULL, &sw->r.path, path_done, sw);
}

static void
locator_done(void *arg)
{
	struct sweep *sw = arg;

	sw->locator = NULL;
	check_end(sw, "locator", sweep_locator_status(&sw->r.locator),
	    sweep_locator_summary(&sw->r.locator));
	changed(sw);
}

/* Does the main request's ending call for finding who sent the reset? */
static int
needs_locator(const struct res_http *m)
{
	return m && (m->result == HTTP_RESET_BEFORE_RESPONSE ||
	    m->result == HTTP_RESET_MID_TRANSFER ||
	    m->result == HTTP_TLS_RESET);
}

/*
 * Once the real request and the path are both done: replay the request
 * with low TTLs when it was reset, so the hop that answers is found.
 */
static void
maybe_start_locator(struct sweep *sw)
{
	struct res_check *c = sweep_check_get(&sw->r, "locator");
	const struct res_http *m = direct_request(sw);
	const struct res_target *t = &sw->r.target;
	struct locator_req req = { 0 };
	int tls = strcmp(t->scheme, "https") == 0;

	if (c->state != CHECK_QUEUED || sw->path || sw->udp ||
	    http_pending(sw, "http") || http_pending(sw, "proxy"))
		return;
	if (!needs_locator(m)) {
		check_skip(sw, "locator", _("not needed: no reset to trace "
		    "back"));
		return;
	}
	check_begin(sw, "locator");
	memset(&sw->r.locator, 0, sizeof(sw->r.locator));
	req.addr = sw->addr;
	req.port = t->port;
	req.tls = tls;
	req.host = t->ascii_host;
	req.trigger = tls ? "sni" : "host";
	req.path = t->path;
	req.server_distance = sw->r.path.reached ? (int)sw->r.path.nhops : 0;
	req.path_result = &sw->r.path;
	sw->locator = locator_probe_start(&sw->env, &req, &sw->r.locator,
	    locator_done, sw);
}

/* ---- TCP ---- */

static int
tcp_pending(struct sweep *sw)
{
	for (size_t i = 0; i < RES_MAX_TCP; i++)
		if (sw->tcp[i].h)
			return 1;
	return 0;
}

static int
all_timed_out(const struct probe_results *r)
{
	for (size_t i = 0; i < r->ntcp; i++)
		if (r->tcp[i].status != TCP_TIMEOUT)
			return 0;
	return r->ntcp > 0;
}

static void
tcp_done(void *arg)
{
	struct tcp_slot *s = arg;
	struct sweep *sw = s->sw;

	s->h = NULL;
	if (!tcp_pending(sw)) {
		check_end(sw, "tcp", sweep_tcp_status(&sw->r),
		    sweep_tcp_summary(&sw->r));
		if (all_timed_out(&sw->r))
			start_udp_path(sw);
	}
	changed(sw);
}

/* Connects to up to MAX_TCP_PER_FAMILY addresses of each family. */
static void
start_tcp(struct sweep *sw, const struct res_dns *d)
{
	int per[2] = { 0, 0 };

	check_begin(sw, "tcp");
	sw->r.ntcp = 0;
	for (size_t i = 0; i < d->naddrs && sw->r.ntcp < RES_MAX_TCP; i++) {
		int fam = strchr(d->addrs[i], ':') ? 1 : 0;
		size_t k = sw->r.ntcp;

		if (per[fam]++ >= MAX_TCP_PER_FAMILY)
			continue;
		sw->r.ntcp++;
		memset(&sw->r.tcp[k], 0, sizeof(sw->r.tcp[k]));
		sw->tcp[k].sw = sw;
		sw->tcp[k].index = k;
		sw->tcp[k].h = tcp_probe_start(&sw->env, d->addrs[i],
		    sw->r.target.port, &sw->r.tcp[k], tcp_done, &sw->tcp[k]);
	}
}

/* ---- DNS ---- */

static int
dns_pending(struct sweep *sw)
{
	for (size_t i = 0; i < RES_MAX_DNS; i++)
		if (sw->dns[i].h)
			return 1;
	return 0;
}

static const struct res_dns *
system_dns(const struct sweep *sw)
{
	for (size_t i = 0; i < sw->r.ndns; i++)
		if (sw->r.dns[i].is_system)
			return &sw->r.dns[i];
	return NULL;
}

/* An address some resolver gives that the system's answer lacks. */
static const char *
other_address(const struct sweep *sw)
{
	const struct res_dns *sys = system_dns(sw);

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
static int
start_alt_addr(struct sweep *sw)
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
	return http_pending(sw, "dns");
}

static void
dns_done(void *arg)
{
	struct dns_slot *s = arg;
	struct sweep *sw = s->sw;

	s->h = NULL;
	/* The rest needs only the system's answer, not every resolver. */
	if (sw->r.dns[s->index].is_system) {
		sw->dns_ready = 1;
		start_requests(sw);
	}
	if (!dns_pending(sw) && !start_alt_addr(sw))
		finish_http_check(sw, "dns");
	changed(sw);
}

static void
dns_launch(struct sweep *sw, const char *server)
{
	size_t i = sw->r.ndns;

	if (i >= RES_MAX_DNS)
		return;
	sw->r.ndns++;
	memset(&sw->r.dns[i], 0, sizeof(sw->r.dns[i]));
	sw->dns[i].sw = sw;
	sw->dns[i].index = i;
	sw->dns[i].h = dns_probe_start(&sw->env, sw->r.target.ascii_host,
	    server, &sw->r.dns[i], dns_done, &sw->dns[i]);
}

static void
start_dns(struct sweep *sw)
{
	char **servers = NULL;
	size_t n;

	check_begin(sw, "dns");
	sw->r.ndns = 0;
	dns_launch(sw, NULL);
	n = dns_system_servers(&servers);
	for (size_t i = 0; i < n; i++) {
		dns_launch(sw, servers[i]);
		free(servers[i]);
	}
	free(servers);
}

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
		check_end(sw, "proxy", sweep_proxy_status(&sw->r),
		    proxy_summary(&sw->r.proxy));
	start_requests(sw);
	changed(sw);
}

static void
start_proxy(struct sweep *sw)
{
	check_begin(sw, "proxy");
	sw->proxy = proxy_probe_start(&sw->env, &sw->r.target, &sw->r.proxy,
	    proxy_done, sw);
}

static void
local_done(void *arg)
{
	struct sweep *sw = arg;

	sw->local = NULL;
	check_end(sw, "local", sweep_local_status(&sw->r),
	    local_summary(&sw->r));
	if (sw->flush_wanted)
		start_flush(sw);
	changed(sw);
}

static void
start_local(struct sweep *sw)
{
	check_begin(sw, "local");
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
	check_end(sw, "flush", sweep_flush_status(&sw->r.flush),
	    sweep_flush_summary(&sw->r.flush));
	changed(sw);
}

static void
flush_done(void *arg)
{
	struct sweep *sw = arg;

	sw->flush = NULL;
	/* Ask the system again: did the answer change? */
	sw->flush_dns = dns_probe_start(&sw->env, sw->r.target.ascii_host,
	    NULL, &sw->flush_after, flush_lookup_done, sw);
	changed(sw);
}

static void
start_flush(struct sweep *sw)
{
	const struct res_local *l = &sw->r.local;

	sw->flush_wanted = 0;
	res_flush_clear(&sw->r.flush);
	sw->r.flush.before = answer_line(system_dns(sw));
	sw->flush = flush_start(&sw->env, l->dns_caches && *l->dns_caches ?
	    l->dns_caches : l->resolver_kind, &sw->r.flush, flush_done, sw);
}

/*
 * Starts everything that needs an address, once the system answered and
 * the proxy (if any) is known.
 */
static void
start_requests(struct sweep *sw)
{
	const struct res_dns *sys = system_dns(sw);
	const char *noaddr = _("not run: the name did not resolve");

	if (sw->addr || !sw->dns_ready || !sw->proxy_ready)
		return;
	if (!sys || sys->status != DNS_OK || sys->naddrs == 0) {
		/*
		 * The browser's own resolver (or its proxy) may still know
		 * the name: let libcurl try, and skip what needs an address.
		 */
		sw->addr = xstrdup("");
		start_main(sw);
		start_local(sw);
		check_skip(sw, "tcp", noaddr);
		check_skip(sw, "tls", noaddr);
		check_skip(sw, "variation", noaddr);
		check_skip(sw, "path", noaddr);
		check_skip(sw, "locator", noaddr);
		return;
	}
	sw->addr = xstrdup(sys->addrs[0]);
	start_tcp(sw, sys);
	start_main(sw);
	start_tls(sw);
	start_variation(sw);
	start_path(sw);
	start_local(sw);
}

/* ---- the sweep itself ---- */

struct sweep *
sweep_new(struct loop *lp, const struct sweep_options *opts,
    sweep_cb on_change, void *arg, char **err)
{
	struct sweep *sw = xcalloc(1, sizeof(*sw));
	const char *ca = opts->cacert;
	struct timespec now = time_now();
	char stamp[40];

	if (target_parse(opts->input, &sw->r.target, err) < 0) {
		free(sw);
		return NULL;
	}
	if (!ca || !*ca)
		ca = getenv("SSL_CERT_FILE");
	sw->cacert = ca && *ca ? xstrdup(ca) : NULL;
	sw->lp = lp;
	sw->cb = on_change;
	sw->cb_arg = arg;
	sw->env.loop = lp;
	sw->env.curlm = curlm_new(lp);
	sw->env.timeout_ms = opts->timeout_ms > 0 ? opts->timeout_ms : 5000;
	sw->env.cacert = sw->cacert;
	time_rfc3339(stamp, sizeof(stamp), &now);
	sw->r.created = xstrdup(stamp);
	sweep_check_register(&sw->r);
	return sw;
}

void
sweep_start(struct sweep *sw)
{
	if (sw->started)
		return;
	sw->started = 1;
	start_proxy(sw);
	if (sw->r.target.host_is_ip) {
		struct res_dns *d = &sw->r.dns[0];

		check_skip(sw, "dns", _("not needed: the address is an IP "
		    "literal"));
		sw->r.ndns = 1;
		d->server = xstrdup("system");
		d->source = xstrdup(_("the address itself"));
		d->is_system = 1;
		d->status = DNS_OK;
		d->addrs[0] = xstrdup(sw->r.target.ascii_host);
		d->naddrs = 1;
		sw->dns_ready = 1;
		start_requests(sw);
	} else
		start_dns(sw);
	changed(sw);
}

int
sweep_done(const struct sweep *sw)
{
	if (!sw->started)
		return 0;
	for (size_t i = 0; i < sw->r.nchecks; i++)
		if (sw->r.checks[i].state == CHECK_QUEUED ||
		    sw->r.checks[i].state == CHECK_RUNNING)
			return 0;
	return 1;
}

const struct probe_results *
sweep_results(const struct sweep *sw)
{
	return &sw->r;
}

static void
cancel_http(struct sweep *sw, const char *check)
{
	for (size_t i = 0; i < RES_MAX_HTTP; i++)
		if (sw->http[i].h && (!check ||
		    strcmp(sw->http[i].check, check) == 0)) {
			http_probe_cancel(sw->http[i].h);
			sw->http[i].h = NULL;
		}
}

static void
cancel_check(struct sweep *sw, const char *id)
{
	if (strcmp(id, "dns") == 0) {
		for (size_t i = 0; i < RES_MAX_DNS; i++)
			if (sw->dns[i].h) {
				dns_probe_cancel(sw->dns[i].h);
				sw->dns[i].h = NULL;
			}
	} else if (strcmp(id, "tcp") == 0) {
		for (size_t i = 0; i < RES_MAX_TCP; i++)
			if (sw->tcp[i].h) {
				tcp_probe_cancel(sw->tcp[i].h);
				sw->tcp[i].h = NULL;
			}
	} else if (strcmp(id, "tls") == 0) {
		if (sw->tls)
			tls_probe_cancel(sw->tls);
		sw->tls = NULL;
	} else if (strcmp(id, "path") == 0) {
		if (sw->path)
			path_probe_cancel(sw->path);
		if (sw->udp)
			path_probe_cancel(sw->udp);
		sw->path = sw->udp = NULL;
		res_path_clear(&sw->udp_path);
	} else if (strcmp(id, "locator") == 0) {
		if (sw->locator)
			locator_probe_cancel(sw->locator);
		sw->locator = NULL;
	} else if (strcmp(id, "proxy") == 0) {
		if (sw->proxy)
			proxy_probe_cancel(sw->proxy);
		sw->proxy = NULL;
		cancel_http(sw, "proxy");
	} else if (strcmp(id, "local") == 0) {
		if (sw->local)
			local_probe_cancel(sw->local);
		sw->local = NULL;
	} else if (strcmp(id, "flush") == 0) {
		if (sw->flush)
			flush_cancel(sw->flush);
		if (sw->flush_dns)
			dns_probe_cancel(sw->flush_dns);
		sw->flush = NULL;
		sw->flush_dns = NULL;
		res_dns_clear(&sw->flush_after);
	} else
		cancel_http(sw, id);
}

void
sweep_cancel(struct sweep *sw, const char *check_id)
{
	struct res_check *c = probe_results_check(&sw->r, check_id);

	if (!c || c->state != CHECK_RUNNING)
		return;
	cancel_check(sw, check_id);
	c->state = CHECK_CANCELLED;
	c->duration_ms = loop_now_ms() - c->started_mono;
	xstrset(&c->summary, _("cancelled"));
	/* What waits on a cancelled check must not wait forever. */
	if (strcmp(check_id, "dns") == 0 && !sw->addr) {
		static const char *const after_dns[] = { "tcp", "http", "tls",
			"variation", "mismatch", "path", "locator", "local",
			NULL };

		sw->addr = xstrdup("");
		for (size_t i = 0; after_dns[i]; i++)
			check_skip(sw, after_dns[i],
			    _("not run: DNS was cancelled"));
	} else if (strcmp(check_id, "http") == 0) {
		if (!sweep_check_get(&sw->r, "mismatch")->started)
			check_skip(sw, "mismatch", _("not run: the request "
			    "was cancelled"));
		if (sweep_check_get(&sw->r, "locator")->state == CHECK_QUEUED)
			check_skip(sw, "locator", _("not run: the request "
			    "was cancelled"));
		if (sweep_check_get(&sw->r, "variation")->state ==
		    CHECK_RUNNING && !http_pending(sw, "variation"))
			finish_http_check(sw, "variation");
	} else if (strcmp(check_id, "path") == 0) {
		maybe_start_locator(sw);	/* it measures on its own */
	} else if (strcmp(check_id, "proxy") == 0 && !sw->proxy_ready) {
		sw->proxy_ready = 1;	/* go on without a proxy */
		start_requests(sw);
	} else if (strcmp(check_id, "proxy") == 0) {
		after_requests(sw);
	} else if (strcmp(check_id, "local") == 0 && sw->flush_wanted) {
		sw->flush_wanted = 0;
		check_skip(sw, "flush", _("not run: the local check was "
		    "cancelled"));
	}
	changed(sw);
}

/* Forgets the HTTP results of one check so it can run again. */
static void
drop_http(struct sweep *sw, const char *check)
{
	for (size_t i = 0; i < sw->r.nhttp; i++) {
		if (strcmp(sw->http[i].check, check) != 0)
			continue;
		res_http_clear(&sw->r.http[i]);
		/* Leave a not-run slot; probe_results_http() skips it. */
	}
}

void
sweep_rerun(struct sweep *sw, const char *check_id)
{
	struct res_check *c = probe_results_check(&sw->r, check_id);

	if (!c || !sw->started || c->state == CHECK_RUNNING)
		return;
	if (strcmp(check_id, "dns") == 0) {
		for (size_t i = 0; i < sw->r.ndns; i++)
			res_dns_clear(&sw->r.dns[i]);
		if (sw->r.target.host_is_ip)
			return;
		start_dns(sw);
	} else if (!sw->addr || !*sw->addr) {
		return;		/* nothing to aim at yet */
	} else if (strcmp(check_id, "tcp") == 0) {
		const struct res_dns *sys = NULL;

		for (size_t i = 0; i < sw->r.ndns; i++)
			if (sw->r.dns[i].is_system)
				sys = &sw->r.dns[i];
		for (size_t i = 0; i < sw->r.ntcp; i++)
			free(sw->r.tcp[i].addr);
		if (sys)
			start_tcp(sw, sys);
	} else if (strcmp(check_id, "tls") == 0) {
		res_tls_clear(&sw->r.tls);
		start_tls(sw);
	} else if (strcmp(check_id, "http") == 0) {
		drop_http(sw, "http");
		drop_http(sw, "mismatch");
		xstrset(&sweep_check_get(&sw->r, "mismatch")->started, NULL);
		sweep_check_get(&sw->r, "mismatch")->state = CHECK_QUEUED;
		if (!sw->locator) {
			res_locator_clear(&sw->r.locator);
			sweep_check_get(&sw->r, "locator")->state =
			    CHECK_QUEUED;
		}
		start_main(sw);
	} else if (strcmp(check_id, "variation") == 0) {
		drop_http(sw, "variation");
		start_variation(sw);
	} else if (strcmp(check_id, "mismatch") == 0) {
		drop_http(sw, "mismatch");
		start_mismatch(sw);
	} else if (strcmp(check_id, "path") == 0) {
		res_path_clear(&sw->r.path);
		start_path(sw);
	} else if (strcmp(check_id, "locator") == 0) {
		res_locator_clear(&sw->r.locator);
		c->state = CHECK_QUEUED;
		maybe_start_locator(sw);
	}
	changed(sw);
}

void
sweep_flush_dns(struct sweep *sw)
{
	struct res_check *c = sweep_check_get(&sw->r, "flush");

	if (c->state == CHECK_RUNNING || sw->flush_wanted)
		return;
	check_begin(sw, "flush");
	if (sweep_check_get(&sw->r, "local")->state == CHECK_DONE)
		start_flush(sw);
	else
		sw->flush_wanted = 1;	/* the local check finds the cache */
	changed(sw);
}

void
sweep_free(struct sweep *sw)
{
	if (!sw)
		return;
	cancel_check(sw, "dns");
	cancel_check(sw, "tcp");
	cancel_check(sw, "tls");
	cancel_check(sw, "path");
	cancel_check(sw, "locator");
	cancel_check(sw, "proxy");
	cancel_check(sw, "local");
	cancel_check(sw, "flush");
	cancel_http(sw, NULL);
	free(sw->proxy_secret);
	curlm_free(sw->env.curlm);
	probe_results_clear(&sw->r);
	free(sw->cacert);
	free(sw->addr);
	free(sw);
}
