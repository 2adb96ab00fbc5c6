/*
 * The verdict rules, in priority order (the table at the end). A rule is
 * a predicate over the facts in struct vctx and a filler that sets
 * cause, origin, whom to escalate to, confidence, a summary, reasons
 * citing evidence and next steps. The symptom is already set from the
 * main request; a rule changes it only where the rule says so.
 *
 * Two deliberate departures from "one rule per kind of evidence": the
 * locator is split so that a reset located at the server ranks below the
 * more specific TLS explanations, and an HTTP 400 to the main request
 * with a good reply on the other scheme is caught before the plain
 * "HTTP error" rule, since that is how many servers answer plain HTTP
 * sent to a TLS port.
 */
#include "config.h"

#include "diag/verdict_int.h"
#include "diag/names.h"
#include "probe/readings.h"
#include "core/i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int
main_ok(const struct vctx *c)
{
	return c->main && c->main->result == HTTP_RESPONSE &&
	    c->main->status < 400;
}

/* The main request was reset, or did not run at all. */
static int
main_reset_or_none(const struct vctx *c)
{
	return c->main == NULL || vres_reset_like(c->main->result);
}

/* --- this machine's own limits -------------------------------------- */

/* A request this machine could not make (no descriptor, no memory). */
static const struct res_http *
local_failure(const struct vctx *c)
{
	if (c->main && vsymptom_of(c->main) == SYM_LOCAL_ERROR)
		return c->main;
	return c->mainset.first_fail &&
	    vsymptom_of(c->mainset.first_fail) == SYM_LOCAL_ERROR ?
	    c->mainset.first_fail : NULL;
}

static int
m_local_error(const struct vctx *c)
{
	return local_failure(c) != NULL;
}

static void
f_local_error(struct vctx *c)
{
	const struct res_http *h = local_failure(c);

	c->v->symptom = SYM_LOCAL_ERROR;
	vset(c, CAUSE_LOCAL_RESOURCE, ORIGIN_CLIENT, ESC_SELF, CONF_HIGH);
	vsummary(c, _("This machine could not make the request (%s): the "
	    "failure is local, nothing was sent that the network or the "
	    "site could have refused."), h->os_errno ?
	    strerror(h->os_errno) : vstr(h->curl_error));
	vreason_http(c, h);
	vstep(c, VS_LOCAL_LIMITS);
}

/* --- DNS ----------------------------------------------------------- */

static const struct res_dns *
other_answer(const struct vctx *c)
{
	const struct res_dns *first = NULL;

	/* Prefer a resolver that disagrees with the system's answer. */
	for (size_t i = 0; i < c->r->ndns && i < RES_MAX_DNS; i++) {
		const struct res_dns *d = &c->r->dns[i];

		if (d->is_system || d->status != DNS_OK || d->naddrs == 0)
			continue;
		if (!first)
			first = d;
		if (c->sys && c->sys->naddrs && !res_dns_overlap(c->sys, d))
			return d;
	}
	return first;
}

static int
m_dns_failure(const struct vctx *c)
{
	return c->sys && vdns_failed(c->sys->status) &&
	    (c->main == NULL || c->main->result != HTTP_RESPONSE);
}

/* Every other resolver that ran said NXDOMAIN too; counts them. */
static int
all_nxdomain(const struct vctx *c, int *nothers)
{
	*nothers = 0;
	if (c->sys->status != DNS_NXDOMAIN)
		return 0;
	for (size_t i = 0; i < c->r->ndns && i < RES_MAX_DNS; i++) {
		const struct res_dns *d = &c->r->dns[i];

		if (d->is_system || d->status == DNS_NOT_RUN)
			continue;
		if (d->status != DNS_NXDOMAIN)
			return 0;
		(*nothers)++;
	}
	return 1;
}

static void
f_dns_failure(struct vctx *c)
{
	const struct res_dns *other = other_answer(c);
	int n;

	c->v->symptom = SYM_DNS_ERROR;
	vreason_dns(c, c->sys);
	if (other) {
		vset(c, CAUSE_DNS_FAILURE, ORIGIN_LOCAL_NETWORK,
		    ESC_NETWORK_ADMIN, CONF_HIGH);
		vreason_dns(c, other);
		vsummary(c, _("The resolver this device uses cannot find %s, "
		    "but %s can: the local resolver is at fault."),
		    vstr(c->r->target.host), vstr(other->server));
		vstep(c, VS_FLUSH_DNS);
		vstep(c, VS_SECOND_NETWORK);
	} else if (all_nxdomain(c, &n)) {
		vset(c, CAUSE_DNS_FAILURE, ORIGIN_SERVER, ESC_SITE_OWNER,
		    n > 0 ? CONF_HIGH : CONF_MEDIUM);
		vsummary(c, _("No resolver knows the name %s: the domain "
		    "has no address records, or the name is misspelled."),
		    vstr(c->r->target.host));
		vstep(c, VS_CHECK_ADDRESS);
		vstep(c, VS_SERVER_DNS);
	} else {
		vset(c, CAUSE_DNS_FAILURE, ORIGIN_LOCAL_NETWORK,
		    ESC_NETWORK_ADMIN, CONF_LOW);
		vsummary(c, _("The name %s could not be resolved and no "
		    "other resolver gave an answer either."),
		    vstr(c->r->target.host));
		vstep(c, VS_FLUSH_DNS);
		vstep(c, VS_SECOND_NETWORK);
	}
	vstep(c, VS_ESCALATE);
}

/*
 * The system's answer is the odd one out: some resolver gives addresses
 * that share nothing with it, those resolvers agree with each other, and
 * either they outnumber the ones that agree with the system, or the same
 * request to their address works where the system's address failed.
 */
static int
dns_mismatch(const struct vctx *c)
{
	const struct res_dns *d = c->r->dns;
	size_t n = c->r->ndns < RES_MAX_DNS ? c->r->ndns : RES_MAX_DNS;
	const struct res_http *alt = probe_results_http(c->r, HV_ALT_ADDR);
	int agree = 0, differ = 0;

	if (c->sys == NULL || c->sys->status != DNS_OK || c->sys->naddrs == 0)
		return 0;
	for (size_t i = 0; i < n; i++) {
		if (d[i].is_system || d[i].status != DNS_OK ||
		    d[i].naddrs == 0)
			continue;
		if (res_dns_overlap(c->sys, &d[i])) {
			agree++;
			continue;
		}
		for (size_t k = i + 1; k < n; k++)
			if (!d[k].is_system && d[k].status == DNS_OK &&
			    d[k].naddrs > 0 && !res_dns_overlap(c->sys, &d[k])
			    && !res_dns_overlap(&d[i], &d[k]))
				return 0;
		differ++;
	}
	if (differ == 0)
		return 0;
	return differ > agree || (alt && alt->result == HTTP_RESPONSE &&
	    alt->status < 400);
}

static int
m_dns_mismatch(const struct vctx *c)
{
	return c->main && !main_ok(c) && dns_mismatch(c);
}

static int
from_hosts_file(const struct vctx *c)
{
	return c->r->local.hosts_entry != NULL || (c->sys->source &&
	    strstr(c->sys->source, "hosts") != NULL);
}

static void
f_dns_mismatch(struct vctx *c)
{
	const struct res_dns *other = other_answer(c);

	if (from_hosts_file(c)) {
		vset(c, CAUSE_DNS_MISMATCH, ORIGIN_CLIENT, ESC_SELF,
		    CONF_HIGH);
		vsummary(c, _("This device takes the address of %s from its "
		    "hosts file, and that address is not the one the rest "
		    "of the world uses."), vstr(c->r->target.host));
		if (c->r->local.hosts_entry)
			vreason(c, "local", _("The hosts file says: %s"),
			    c->r->local.hosts_entry);
	} else {
		vset(c, CAUSE_DNS_MISMATCH, ORIGIN_LOCAL_NETWORK,
		    ESC_NETWORK_ADMIN, CONF_MEDIUM);
		vsummary(c, _("The resolver this device uses gives %s an "
		    "address that no other resolver gives."),
		    vstr(c->r->target.host));
	}
	vreason_dns(c, c->sys);
	vreason_dns(c, other);
	vcite_main(c);
	if (probe_results_http(c->r, HV_ALT_ADDR))
		vreason_http(c, probe_results_http(c->r, HV_ALT_ADDR));
	vstep(c, VS_FLUSH_DNS);
	vstep(c, VS_SECOND_NETWORK);
	vstep(c, VS_ESCALATE);
}

/* --- proxy --------------------------------------------------------- */

/* The request made through the proxy: its own record, or the main one. */
static const struct res_http *
via_proxy(const struct vctx *c)
{
	const struct res_http *via = probe_results_http(c->r, HV_VIA_PROXY);

	if (!via && c->main && c->main->proxy)
		via = c->main;
	return via;
}

/*
 * A 407 from the proxy: as the answer to a plain request, or as the
 * refusal of the CONNECT tunnel of an https one.
 */
static int
is_407(const struct res_http *h)
{
	return h && h->proxy && h->status == 407 &&
	    (h->result == HTTP_RESPONSE || h->result == HTTP_PROXY_ERROR);
}

static const struct res_http *
proxy_407(const struct vctx *c)
{
	const struct res_http *via = via_proxy(c);

	if (is_407(via))
		return via;
	if (is_407(c->main))
		return c->main;
	return NULL;
}

static int
m_proxy_auth(const struct vctx *c)
{
	return !main_ok(c) && (proxy_407(c) ||
	    (c->r->proxy.ran && c->r->proxy.auth_required));
}

static void
f_proxy_auth(struct vctx *c)
{
	const struct res_http *h = proxy_407(c);
	const char *scheme = h && h->proxy_auth ? h->proxy_auth :
	    c->r->proxy.auth_scheme;

	vset(c, CAUSE_PROXY_FAILURE, ORIGIN_CLIENT, ESC_SELF, CONF_HIGH);
	if (scheme)
		vsummary(c, _("The proxy %s asks for a login (HTTP 407, "
		    "%s) before it passes any request on."),
		    vstr(c->r->proxy.url), scheme);
	else
		vsummary(c, _("The proxy %s asks for a login (HTTP 407) "
		    "before it passes any request on."),
		    vstr(c->r->proxy.url));
	if (h)
		vreason_http(c, h);
	vreason(c, "proxy", _("The proxy comes from %s and requires "
	    "authentication."), vstr(c->r->proxy.source));
	vstep(c, VS_PROXY_SETTINGS);
	vstep(c, VS_ESCALATE);
}

static int
m_proxy_failure(const struct vctx *c)
{
	const struct res_http *via = via_proxy(c);
	const struct res_http *direct = probe_results_http(c->r, HV_DIRECT);

	return !main_ok(c) && via && via->result != HTTP_RESPONSE &&
	    direct && direct->result == HTTP_RESPONSE;
}

static void
f_proxy_failure(struct vctx *c)
{
	int central = c->r->proxy.pac_url != NULL;

	vset(c, CAUSE_PROXY_FAILURE, ORIGIN_CLIENT,
	    central ? ESC_NETWORK_ADMIN : ESC_SELF, CONF_HIGH);
	vsummary(c, _("Requests through the proxy %s fail while the same "
	    "request without it works."), vstr(c->r->proxy.url));
	vreason_http(c, via_proxy(c));
	vreason_http(c, probe_results_http(c->r, HV_DIRECT));
	vreason(c, "proxy", central ? _("The proxy is set by %s (%s), "
	    "which the network admin controls.") : _("The proxy is set "
	    "by %s%s on this device."), vstr(c->r->proxy.source),
	    central ? c->r->proxy.pac_url : "");
	vstep(c, VS_PROXY_SETTINGS);
	vstep(c, VS_ESCALATE);
}

/* --- responses and protocol ---------------------------------------- */

/* The other scheme on the same port answered like a real service. */
static const struct res_http *
alt_answered(const struct vctx *c)
{
	const struct res_http *alt = probe_results_http(c->r, HV_ALT_SCHEME);

	/* A 400 is how TLS servers answer plain HTTP: not a service. */
	if (alt && (alt->result == HTTP_TLS_VERIFY ||
	    (alt->result == HTTP_RESPONSE && alt->status != 400)))
		return alt;
	return NULL;
}

static int
m_protocol_400(const struct vctx *c)
{
	return c->main && c->main->result == HTTP_RESPONSE &&
	    c->main->status == 400 && alt_answered(c);
}

static void
f_protocol(struct vctx *c)
{
	const struct res_http *alt = alt_answered(c);

	vset(c, CAUSE_PROTOCOL_MISMATCH, ORIGIN_CLIENT, ESC_SELF,
	    CONF_HIGH);
	vsummary(c, _("Port %d of %s speaks a different protocol than the "
	    "address asks for: use %s instead."), c->r->target.port,
	    vstr(c->r->target.host), vstr(alt->url));
	vcite_main(c);
	vreason_http(c, alt);
	vstep(c, VS_CHECK_ADDRESS);
}

static int
m_protocol(const struct vctx *c)
{
	enum http_result m;

	if (c->main == NULL || alt_answered(c) == NULL)
		return 0;
	m = c->main->result;
	return vres_reset_like(m) || m == HTTP_PROTOCOL_ERROR ||
	    m == HTTP_TLS_ALERT;
}

static int
m_response(const struct vctx *c)
{
	return c->main && c->main->result == HTTP_RESPONSE;
}

/*
 * One address family fails while the other works: the browser falls
 * back, often after a delay, so the page loads slowly or only sometimes.
 */
static void
warn_family_split(struct vctx *c)
{
	const struct res_tcp *bad = NULL;
	int open[2] = { 0, 0 }, tried[2] = { 0, 0 };

	for (size_t i = 0; i < c->r->ntcp && i < RES_MAX_TCP; i++) {
		const struct res_tcp *t = &c->r->tcp[i];
		int f = t->family == 6;

		tried[f]++;
		if (t->status == TCP_OPEN)
			open[f]++;
		else if (!bad || (bad->family == 6) != f)
			bad = t;
	}
	for (int f = 0; f < 2; f++) {
		char ref[96];

		if (!tried[f] || open[f] || !open[!f] || !bad ||
		    (bad->family == 6) != f)
			continue;
		snprintf(ref, sizeof(ref), "tcp[%s]", vstr(bad->addr));
		vreason(c, ref, _("Warning: every IPv%d address fails (%s on "
		    "%s) while IPv%d works: browsers fall back, often after a "
		    "delay."), f ? 6 : 4, tcp_status_label(bad->status),
		    vstr(bad->addr), f ? 4 : 6);
	}
}

static void
f_response(struct vctx *c)
{
	if (c->main->status < 400) {
		vset(c, CAUSE_NONE, ORIGIN_NONE, ESC_NONE, CONF_HIGH);
		vsummary(c, _("The site answered normally (HTTP %ld); no "
		    "connection problem showed up in this test."),
		    c->main->status);
		vcite_main(c);
		if (dns_mismatch(c)) {
			vreason(c, "dns[system]", _("Warning: the system "
			    "resolver gives an address no other resolver "
			    "gives; it worked this time."));
			vstep(c, VS_FLUSH_DNS);
		}
		warn_family_split(c);
		return;
	}
	vset(c, CAUSE_UNKNOWN, ORIGIN_SERVER, ESC_SITE_OWNER, CONF_MEDIUM);
	vsummary(c, _("The connection works, but the server answered with "
	    "the error status %ld."), c->main->status);
	vcite_main(c);
	vstep(c, VS_SERVER_LOGS);
	vstep(c, VS_ESCALATE);
}

/* --- this machine and the locator ---------------------------------- */

static int
m_local_firewall(const struct vctx *c)
{
	enum http_result m;

	if (c->r->local.firewall_reset_rule != 1)
		return 0;
	if (c->main == NULL)
		return c->tcp_refused > 0;
	m = c->main->result;
	return m == HTTP_REFUSED || m == HTTP_RESET_BEFORE_RESPONSE ||
	    m == HTTP_RESET_MID_TRANSFER || m == HTTP_TLS_RESET;
}

static void
f_local_firewall(struct vctx *c)
{
	vset(c, CAUSE_LOCAL_FIREWALL, ORIGIN_CLIENT, ESC_SELF, CONF_HIGH);
	vsummary(c, _("A firewall rule on this device rejects the "
	    "connection to %s."), vstr(c->r->target.host));
	vcite_main(c);
	vreason(c, "local", _("Firewall rule found: %s"),
	    vstr(c->r->local.firewall_detail));
	vstep(c, VS_FIREWALL);
}

/* The locator places the reset at o, and the main request was reset. */
static int
locator_hit(const struct vctx *c, enum reset_origin o)
{
	return res_locator_origin(&c->r->locator) == o &&
	    main_reset_or_none(c);
}

static void
cite_locator(struct vctx *c)
{
	const struct res_locator *l = &c->r->locator;

	vreason(c, "locator", ngettext("A reset came back to probes with TTL "
	    "%d; the server is %d hop away.", "A reset came back to probes "
	    "with TTL %d; the server is %d hops away.", l->server_distance),
	    l->first_reset_ttl, l->server_distance);
	if (l->control_reset)
		vreason(c, "locator", _("The neutral control request was "
		    "reset too (first at TTL %d)."),
		    l->control_first_reset_ttl);
	if (l->forged == 1)
		vreason(c, "locator", _("The reset does not look like the "
		    "server's own packets: %s"), vstr(l->forged_detail));
}

static int
m_locator_client(const struct vctx *c)
{
	return locator_hit(c, RO_THIS_MACHINE);
}

static void
f_locator_client(struct vctx *c)
{
	vset(c, CAUSE_LOCAL_FIREWALL, ORIGIN_CLIENT, ESC_SELF, CONF_MEDIUM);
	vsummary(c, _("The reset is made on this device, before the "
	    "packets reach the first router."));
	vcite_main(c);
	cite_locator(c);
	vstep(c, VS_FIREWALL);
}

static int
m_locator_path(const struct vctx *c)
{
	return locator_hit(c, RO_PATH);
}

/*
 * A hop that never identified itself, or whose address is only this
 * machine's gateway read from the routing table, leaves the device less
 * certain.
 */
static void
f_locator_path(struct vctx *c)
{
	const struct res_locator *l = &c->r->locator;
	struct res_hop_ref h;
	char *hop;

	probe_results_reset_hop(c->r, &h);
	hop = res_hop_ref_text(&h);
	vset(c, CAUSE_MIDDLEBOX_INJECTION, ORIGIN_PATH, ESC_NETWORK_ADMIN,
	    res_hop_ref_identified(&h) ? CONF_HIGH : CONF_MEDIUM);
	vsummary(c, _("A device on the network path, near %s, resets the "
	    "connection before it reaches the server."), hop);
	vcite_main(c);
	cite_locator(c);
	vreason(c, "locator", ngettext("Requests sent with TTL %d pass the "
	    "checks of hop %d only: the reset is made at or just after %s.",
	    "Requests sent with TTL %d pass the checks of hops 1 to %d only: "
	    "the reset is made at or just after %s.", h.hop),
	    l->first_reset_ttl, h.hop, hop);
	free(hop);
	vstep(c, VS_SECOND_NETWORK);
	vstep(c, VS_TRACEROUTE);
	vstep(c, VS_ESCALATE);
}

static int
m_locator_server(const struct vctx *c)
{
	return locator_hit(c, RO_SERVER);
}

static void
f_locator_server(struct vctx *c)
{
	vset(c, CAUSE_SERVER_ABORT, ORIGIN_SERVER, ESC_SITE_OWNER,
	    CONF_HIGH);
	vsummary(c, _("The reset comes from the server itself (or a device "
	    "right in front of it), not from the path."));
	vcite_main(c);
	cite_locator(c);
	vstep(c, VS_SERVER_LOGS);
	vstep(c, VS_ESCALATE);
}

/* --- content variation --------------------------------------------- */

static const enum http_variant variation[] = { HV_NEUTRAL_HOST,
	HV_NEUTRAL_SNI, HV_NO_SNI };

/*
 * The variant completed against the main request's address, on every
 * attempt (a random reset must never look like a name-keyed filter).
 */
static const struct res_http *
variant_differs(const struct vctx *c, enum http_variant v)
{
	const struct res_http *h = probe_results_http(c->r, v);
	struct sample_set s;

	samples_of(c->r, v, NULL, &s);
	if (!vres_completed(h) || s.failed > 0 || c->mainset.ok > 0)
		return NULL;
	if (h->addr && c->main->addr && strcmp(h->addr, c->main->addr) != 0)
		return NULL;
	/* Like with like: a direct request says nothing of a proxied one. */
	if (!h->proxy != !c->main->proxy)
		return NULL;
	return h;
}

static int
count_differing(const struct vctx *c)
{
	int n = 0;

	for (size_t i = 0; i < sizeof(variation) / sizeof(variation[0]); i++)
		n += variant_differs(c, variation[i]) != NULL;
	return n;
}

/*
 * Closed without a byte after a long silence: the request never got an
 * answer and the server (or a device) gave up on an idle connection. That
 * is a hang, not a reset sent in answer to the request.
 */
static int
hung_then_closed(const struct res_http *h)
{
	return h && h->result == HTTP_EMPTY_REPLY && h->t_total >= 1000 &&
	    h->t_connect >= 0 && h->t_total > 10 * h->t_connect;
}

/*
 * The real name reset, the neutral one answered: a filter on the path,
 * unless the locator saw the resets come from the server itself.
 */
static int
m_variation(const struct vctx *c)
{
	return c->main && vres_reset_like(c->main->result) &&
	    !hung_then_closed(c->main) && count_differing(c) > 0 &&
	    res_locator_origin(&c->r->locator) != RO_SERVER;
}

/*
 * A connection that opened and then hung, while the neutral name got
 * through to the same address: a filter on the path silently drops what
 * names the site (censorship-style), instead of resetting it.
 */
static int
m_variation_drop(const struct vctx *c)
{
	return c->main && (c->main->result == HTTP_TIMEOUT ||
	    hung_then_closed(c->main)) && c->main->t_connect > 0 &&
	    count_differing(c) > 0;
}

static void
f_variation_drop(struct vctx *c)
{
	/* What the browser shows: a time-out, or an empty reply at last. */
	c->v->symptom = hung_then_closed(c->main) ? SYM_EMPTY_REPLY :
	    SYM_TIMEOUT;
	vset(c, CAUSE_FILTERED, ORIGIN_PATH, ESC_NETWORK_ADMIN,
	    count_differing(c) >= 2 ? CONF_HIGH : CONF_MEDIUM);
	vsummary(c, _("The connection opens, then hangs whenever the "
	    "request names %s, while a neutral name gets an answer from "
	    "the same address: something on the path drops that traffic."),
	    vstr(c->r->target.host));
	vcite_main(c);
	for (size_t i = 0; i < sizeof(variation) / sizeof(variation[0]); i++)
		if (variant_differs(c, variation[i]))
			vreason_http(c, variant_differs(c, variation[i]));
	vstep(c, VS_SECOND_NETWORK);
	vstep(c, VS_TRACEROUTE);
	vstep(c, VS_ESCALATE);
}

static void
f_variation(struct vctx *c)
{
	int host = variant_differs(c, HV_NEUTRAL_HOST) != NULL;

	vset(c, CAUSE_MIDDLEBOX_INJECTION, ORIGIN_PATH, ESC_NETWORK_ADMIN,
	    count_differing(c) >= 2 ? CONF_HIGH : CONF_MEDIUM);
	if (host)
		vsummary(c, _("The same server answers when the request "
		    "names another host: something on the path resets "
		    "connections that name %s."), vstr(c->r->target.host));
	else
		vsummary(c, _("The same server completes the handshake when "
		    "the TLS name (SNI) is changed or left out: something "
		    "on the path resets connections that name %s."),
		    vstr(c->r->target.host));
	vcite_main(c);
	for (size_t i = 0; i < sizeof(variation) / sizeof(variation[0]); i++)
		if (variant_differs(c, variation[i]))
			vreason_http(c, variant_differs(c, variation[i]));
	vstep(c, VS_SECOND_NETWORK);
	vstep(c, VS_TRACEROUTE);
	vstep(c, VS_ESCALATE);
}

/* --- TLS ----------------------------------------------------------- */

static int
m_tls_version(const struct vctx *c)
{
	const enum tls_accept *v = c->r->tls.versions;

	if (c->main == NULL || (c->main->result != HTTP_TLS_ALERT &&
	    c->main->result != HTTP_TLS_RESET) || !c->r->tls.ran)
		return 0;
	return (v[0] == TLSV_YES || v[1] == TLSV_YES) &&
	    (v[2] == TLSV_NO || v[2] == TLSV_RESET) &&
	    (v[3] == TLSV_NO || v[3] == TLSV_RESET);
}

static void
f_tls_version(struct vctx *c)
{
	const enum tls_accept *v = c->r->tls.versions;

	vset(c, CAUSE_TLS_VERSION_MISMATCH, ORIGIN_SERVER, ESC_SITE_OWNER,
	    CONF_HIGH);
	vsummary(c, _("The server only speaks old TLS versions (%s) that "
	    "current browsers no longer use."),
	    v[1] == TLSV_YES ? "TLS 1.1" : "TLS 1.0");
	vcite_main(c);
	vreason(c, "tls", _("TLS 1.0: %s, TLS 1.1: %s, TLS 1.2: %s, "
	    "TLS 1.3: %s."), tls_accept_name(v[0]), tls_accept_name(v[1]),
	    tls_accept_name(v[2]), tls_accept_name(v[3]));
	vstep(c, VS_TLS_CONFIG);
	vstep(c, VS_ESCALATE);
}

static int
m_tls_verify(const struct vctx *c)
{
	return c->main && c->main->result == HTTP_TLS_VERIFY;
}

static void
f_tls_verify(struct vctx *c)
{
	const struct res_tls *t = &c->r->tls;
	const struct res_cert *leaf = t->nchain > 0 ? &t->chain[0] : NULL;

	if (t->intercepted) {
		vset(c, CAUSE_CERT_INVALID, ORIGIN_LOCAL_NETWORK,
		    ESC_NETWORK_ADMIN, CONF_MEDIUM);
		vsummary(c, _("The certificate is replaced on the way by "
		    "security software or an inspecting proxy, and that "
		    "certificate is not trusted here."));
	} else {
		vset(c, CAUSE_CERT_INVALID, ORIGIN_SERVER, ESC_SITE_OWNER,
		    CONF_HIGH);
		vsummary(c, _("The server's certificate is rejected: %s."),
		    tls_verify_label(t->verify));
	}
	vcite_main(c);
	vreason(c, "tls", _("Certificate check: %s (%s)."),
	    tls_verify_label(t->verify), vstr(t->verify_reason));
	if (leaf && leaf->days_left < 0)
		vreason(c, "tls", _("The certificate for %s was issued by %s "
		    "and expired on %s (%ld days ago)."), vstr(leaf->subject),
		    vstr(leaf->issuer), vstr(leaf->not_after),
		    -leaf->days_left);
	else if (leaf)
		vreason(c, "tls", _("The certificate for %s was issued by %s "
		    "and is valid until %s (%ld days left)."),
		    vstr(leaf->subject), vstr(leaf->issuer),
		    vstr(leaf->not_after), leaf->days_left);
	vstep(c, t->intercepted ? VS_FIREWALL : VS_TLS_CONFIG);
	vstep(c, VS_ESCALATE);
}

/* --- what is left --------------------------------------------------- */

static int
m_server_abort(const struct vctx *c)
{
	return c->main && vres_reset_like(c->main->result);
}

static void
f_server_abort(struct vctx *c)
{
	int ran = 0, reset = 0;

	for (size_t i = 0; i < sizeof(variation) / sizeof(variation[0]); i++) {
		const struct res_http *h = probe_results_http(c->r,
		    variation[i]);

		if (h == NULL)
			continue;
		ran++;
		reset += vres_reset_like(h->result);
	}
	vset(c, CAUSE_SERVER_ABORT, ORIGIN_SERVER, ESC_SITE_OWNER,
	    ran == 0 ? CONF_LOW : reset == ran ? CONF_HIGH : CONF_MEDIUM);
	vsummary(c, _("The connection to %s opens, then the server side "
	    "ends it (%s)."), vstr(c->main->addr),
	    http_result_label(c->main->result));
	vcite_main(c);
	for (size_t i = 0; i < sizeof(variation) / sizeof(variation[0]); i++)
		vcite_variant(c, variation[i]);
	if (ran == 0)
		vreason(c, "http[main]", _("No control request ran, so a "
		    "device on the path cannot be ruled out."));
	vstep(c, VS_SERVER_LOGS);
	vstep(c, VS_SECOND_NETWORK);
	vstep(c, VS_ESCALATE);
}

static int
m_any(const struct vctx *c)
{
	(void)c;
	return 1;
}

static void
f_unknown(struct vctx *c)
{
	vset(c, CAUSE_UNKNOWN, ORIGIN_UNKNOWN, ESC_NETWORK_ADMIN, CONF_LOW);
	vsummary(c, _("The evidence does not point to one cause."));
	if (c->main)
		vcite_main(c);
	else
		vreason(c, "checks", _("The main request did not run."));
	vcite_tcp(c);
	vstep(c, VS_SECOND_NETWORK);
	vstep(c, VS_ESCALATE);
}

/* The rules in priority order; the last one always matches. */
const struct vrule verdict_rules[] = {
	{ "local_error", m_local_error, f_local_error },
	{ "dns_failure", m_dns_failure, f_dns_failure },
	{ "dns_mismatch", m_dns_mismatch, f_dns_mismatch },
	{ "proxy_auth", m_proxy_auth, f_proxy_auth },
	{ "proxy_failure", m_proxy_failure, f_proxy_failure },
	{ "bad_address", vmatch_bad_address, vfill_bad_address },
	{ "intermittent", vmatch_intermittent, vfill_intermittent },
	{ "http2_only", vmatch_h2_only, vfill_h2_only },
	{ "protocol_400", m_protocol_400, f_protocol },
	{ "packet_size", vmatch_packet_size, vfill_packet_size },
	{ "large_client_hello", vmatch_large_hello, vfill_large_hello },
	{ "response", m_response, f_response },
	{ "local_firewall", m_local_firewall, f_local_firewall },
	{ "locator_client", m_locator_client, f_locator_client },
	{ "locator_path", m_locator_path, f_locator_path },
	{ "variation", m_variation, f_variation },
	{ "variation_drop", m_variation_drop, f_variation_drop },
	{ "protocol_mismatch", m_protocol, f_protocol },
	{ "tls_version", m_tls_version, f_tls_version },
	{ "clock", vmatch_clock, vfill_clock },
	{ "tls_verify", m_tls_verify, f_tls_verify },
	{ "locator_server", m_locator_server, f_locator_server },
	{ "refused", vmatch_refused, vfill_refused },
	{ "filtered", vmatch_filtered, vfill_filtered },
	{ "unreachable", vmatch_unreachable, vfill_unreachable },
	{ "server_abort", m_server_abort, f_server_abort },
	{ "slow_server", vmatch_slow_server, vfill_slow_server },
	{ "unknown", m_any, f_unknown },
};
const size_t verdict_nrules = sizeof(verdict_rules) /
    sizeof(verdict_rules[0]);
