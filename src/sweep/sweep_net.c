/*
 * The sweep's network checks: DNS, TCP connects, the TLS handshake, the
 * path (TCP trace, and a UDP one when SYNs go unanswered) and the reset
 * locator.
 */
#include "config.h"

#include "sweep/sweep_int.h"

#include "core/i18n.h"
#include "core/xalloc.h"
#include "probe/dns.h"
#include "probe/locator.h"
#include "probe/path.h"
#include "sweep/sweep_check.h"
#include "probe/tcp.h"
#include "probe/tls.h"

#include <stdlib.h>
#include <string.h>

/* ---- TLS ---- */

static void
tls_done(void *arg)
{
	struct sweep *sw = arg;

	sw->tls = NULL;
	sweep_end(sw, "tls", sweep_tls_status(&sw->r.tls),
	    sweep_tls_summary(&sw->r.tls));
	sweep_changed(sw);
}

/* Starts the TLS handshake check, or skips it for plain HTTP. */
void
sweep_start_tls(struct sweep *sw)
{
	if (strcmp(sw->r.target.scheme, "https") != 0) {
		sweep_skip(sw, "tls", _("not needed: the address uses plain "
		    "HTTP"));
		return;
	}
	sweep_begin(sw, "tls");
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
	sweep_end(sw, "path", sweep_path_status(&sw->r.path),
	    sweep_path_summary(&sw->r.path));
	sweep_maybe_locator(sw);
}

static void start_udp_path(struct sweep *sw);

static void
path_done(void *arg)
{
	struct sweep *sw = arg;

	sw->path = NULL;
	/* SYNs that never reach the server: measure its distance at once. */
	if (!sw->r.path.reached)
		start_udp_path(sw);
	finish_path(sw);
	sweep_changed(sw);
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
	sweep_changed(sw);
}

/*
 * When SYNs go unanswered or refused, a UDP trace may still reach the
 * server: its distance then says whether they die (or are refused) on the
 * path or at the server's door. Runs once per trace.
 */
static void
start_udp_path(struct sweep *sw)
{
	struct res_check *c = sweep_check_get(&sw->r, "path");

	if (sw->udp || sw->r.path.alt_method || !sw->addr || !*sw->addr ||
	    c->state == CHECK_CANCELLED)
		return;
	if (c->state == CHECK_DONE)
		c->state = CHECK_RUNNING;
	sw->udp = path_probe_start(&sw->env, sw->addr, sw->r.target.port,
	    "udp", &sw->udp_path, udp_done, sw);
}

/* Starts the traceroute to the address (TCP SYNs to the target port). */
void
sweep_start_path(struct sweep *sw)
{
	sweep_begin(sw, "path");
	sw->path = path_probe_start(&sw->env, sw->addr, sw->r.target.port,
	    NULL, &sw->r.path, path_done, sw);
}

static void
locator_done(void *arg)
{
	struct sweep *sw = arg;

	sw->locator = NULL;
	sweep_end(sw, "locator", sweep_locator_status(&sw->r.locator),
	    sweep_locator_summary(&sw->r.locator));
	sweep_changed(sw);
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
void
sweep_maybe_locator(struct sweep *sw)
{
	struct res_check *c = sweep_check_get(&sw->r, "locator");
	const struct res_http *m = sweep_direct_request(sw);
	const struct res_target *t = &sw->r.target;
	struct locator_req req = { 0 };
	int tls = strcmp(t->scheme, "https") == 0;

	if (c->state != CHECK_QUEUED || sw->path || sw->udp ||
	    sweep_http_pending(sw, "http") || sweep_http_pending(sw, "proxy"))
		return;
	if (!needs_locator(m)) {
		sweep_skip(sw, "locator", _("not needed: no reset to trace "
		    "back"));
		return;
	}
	sweep_begin(sw, "locator");
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

/*
 * No address accepted the connection (every SYN refused or unanswered):
 * then how far the server really is matters, to tell the server's own
 * refusal or silence from a firewall's on the way.
 */
static int
none_open(const struct probe_results *r)
{
	for (size_t i = 0; i < r->ntcp; i++)
		if (r->tcp[i].status != TCP_TIMEOUT &&
		    r->tcp[i].status != TCP_REFUSED)
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
		sweep_end(sw, "tcp", sweep_tcp_status(&sw->r),
		    sweep_tcp_summary(&sw->r));
		if (none_open(&sw->r))
			start_udp_path(sw);
	}
	sweep_changed(sw);
}

/* Connects to up to MAX_TCP_PER_FAMILY addresses of each family. */
void
sweep_start_tcp(struct sweep *sw, const struct res_dns *d)
{
	int per[2] = { 0, 0 };

	sweep_begin(sw, "tcp");
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

/* The system resolver's answer, or NULL before it is in. */
const struct res_dns *
sweep_system_dns(const struct sweep *sw)
{
	for (size_t i = 0; i < sw->r.ndns; i++)
		if (sw->r.dns[i].is_system)
			return &sw->r.dns[i];
	return NULL;
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
		sweep_start_requests(sw);
	}
	if (!dns_pending(sw) && !sweep_start_alt_addr(sw))
		sweep_finish_http(sw, "dns");
	sweep_changed(sw);
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

/* Asks the system and then every configured resolver for the name. */
void
sweep_start_dns(struct sweep *sw)
{
	char **servers = NULL;
	size_t n;

	sweep_begin(sw, "dns");
	sw->r.ndns = 0;
	dns_launch(sw, NULL);
	n = dns_system_servers(&servers);
	for (size_t i = 0; i < n; i++) {
		dns_launch(sw, servers[i]);
		free(servers[i]);
	}
	free(servers);
}
