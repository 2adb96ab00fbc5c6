#include "config.h"

#include "report/doc.h"

#include "core/i18n.h"
#include "core/strbuf.h"
#include "core/timeutil.h"
#include "core/xalloc.h"
#include "diag/names.h"
#include "probe/readings.h"

#include <stdlib.h>
#include <string.h>

static const char *
nz(const char *s)
{
	return s ? s : "";
}

static const char *
target_host(const struct probe_results *r)
{
	if (r->target.host)
		return r->target.host;
	return r->target.input ? r->target.input : _("(no address)");
}

static const struct res_http *
main_http(const struct probe_results *r)
{
	const struct res_http *h = probe_results_http(r, HV_MAIN);

	return h ? h : (r->nhttp ? &r->http[0] : NULL);
}

/* The request with a neutral name (SNI for HTTPS, Host for HTTP). */
static const struct res_http *
neutral_http(const struct probe_results *r)
{
	const struct res_http *n = probe_results_http(r, HV_NEUTRAL_SNI);

	return n ? n : probe_results_http(r, HV_NEUTRAL_HOST);
}

static int
is_reset(enum http_result res)
{
	return res == HTTP_RESET_BEFORE_RESPONSE ||
	    res == HTTP_RESET_MID_TRANSFER || res == HTTP_TLS_RESET;
}

/* Whether the reset was traced back to the server's own distance. */
static int
reset_at_server(const struct res_locator *l)
{
	return res_locator_origin(l) == RO_SERVER;
}

/* The hop the reset is placed at, as every section names it (owned). */
static char *
reset_hop_text(const struct probe_results *r)
{
	struct res_hop_ref h;

	probe_results_reset_hop(r, &h);
	return res_hop_ref_text(&h);
}

/* Whether the name in the request decides between reset and answer. */
static int
name_triggers(const struct probe_results *r)
{
	const struct res_http *h = main_http(r), *n = neutral_http(r);

	if (!h || !n || h->result == HTTP_RESPONSE)
		return 0;
	return n->result == HTTP_RESPONSE;
}

/* "N hops away" or "at an unknown distance" (owned). */
static char *
distance(int hops)
{
	if (hops > 0)
		return xasprintf(ngettext("%d hop away", "%d hops away",
		    (unsigned long)hops), hops);
	return xstrdup(_("at an unknown distance"));
}

/* The end of a request as an RFC 3339 stamp, or NULL (owned). */
static char *
end_stamp(const struct res_http *h)
{
	struct timespec ts;
	char buf[64];
	long long ns;

	if (!h->started || h->t_total < 0 ||
	    time_parse_rfc3339(h->started, &ts) != 0)
		return NULL;
	ns = (long long)ts.tv_nsec + (long long)(h->t_total * 1e6);
	ts.tv_sec += (time_t)(ns / 1000000000LL);
	ts.tv_nsec = (long)(ns % 1000000000LL);
	time_rfc3339(buf, sizeof(buf), &ts);
	return xstrdup(buf);
}

/* One request: what, where, how it ended, and when to the millisecond. */
static void
timeline_item(const struct res_http *h, struct doc *d)
{
	struct strbuf sb = STRBUF_INIT;
	char *end = end_stamp(h);

	/* Only what is known: a request may end before any address. */
	if (h->addr && h->local_addr)
		sb_addf(&sb, _("%s to %s from %s port %d: %s."),
		    doc_variant_label(h->variant), h->addr, h->local_addr,
		    h->local_port, http_result_label(h->result));
	else if (h->addr)
		sb_addf(&sb, _("%s to %s: %s."),
		    doc_variant_label(h->variant), h->addr,
		    http_result_label(h->result));
	else if (h->local_addr)
		sb_addf(&sb, _("%s from %s port %d: %s."),
		    doc_variant_label(h->variant), h->local_addr,
		    h->local_port, http_result_label(h->result));
	else
		sb_addf(&sb, _("%s: %s."), doc_variant_label(h->variant),
		    http_result_label(h->result));
	if (h->started)
		sb_addf(&sb, _(" Started %s"), h->started);
	if (end)
		sb_addf(&sb, _(", ended %s"), end);
	sb_add(&sb, h->started ? " (" : " ");
	if (h->t_connect >= 0)
		sb_addf(&sb, _("connected after %.1f ms, "), h->t_connect);
	if (h->t_tls > 0)
		sb_addf(&sb, _("TLS done after %.1f ms, "), h->t_tls);
	if (h->t_ttfb > 0)
		sb_addf(&sb, _("first byte after %.1f ms, "), h->t_ttfb);
	if (h->t_total >= 0)
		sb_addf(&sb, _("total %.1f ms, "), h->t_total);
	sb_addf(&sb, _("%ld bytes received"), h->bytes);
	sb_add(&sb, h->started ? ")." : ".");
	doc_add(d, DK_ITEM, NULL, sb_str(&sb));
	sb_free(&sb);
	free(end);
}

/* One item per request that ran. */
static void
build_timeline(const struct probe_results *r, struct doc *d)
{
	for (size_t i = 0; i < r->nhttp; i++)
		if (r->http[i].result != HTTP_NOT_RUN)
			timeline_item(&r->http[i], d);
}

/*
 * "198.18.0.1, (hops 2-3: no answer), 203.0.113.18" in hop order: a run
 * of silent hops is said once, with its hop numbers (owned).
 */
static char *
hop_list(const struct res_path *p)
{
	struct strbuf sb = STRBUF_INIT;

	sb_add(&sb, "");
	for (size_t i = 0; i < p->nhops; i++) {
		size_t j = i;

		if (i)
			sb_add(&sb, ", ");
		if (p->hops[i].addr) {
			sb_add(&sb, p->hops[i].addr);
			continue;
		}
		while (j + 1 < p->nhops && !p->hops[j + 1].addr)
			j++;
		if (j == i)
			sb_addf(&sb, _("(hop %d: no answer)"), p->hops[i].ttl);
		else
			sb_addf(&sb, _("(hops %d-%d: no answer)"),
			    p->hops[i].ttl, p->hops[j].ttl);
		i = j;
	}
	return sb_detach(&sb);
}

/* "AS64500 (EXAMPLE-NET)" or "AS64500" (owned). */
static char *
network_text(const struct res_hop *h)
{
	return h->as_name ? xasprintf("AS%ld (%s)", h->asn, h->as_name) :
	    xasprintf("AS%ld", h->asn);
}

/*
 * Whether the device that resets is in the provider's own network (that
 * of the route's first public hop) or beyond it; nothing when either
 * network is unknown.
 */
static void
isp_owner(const struct probe_results *r, struct doc *d)
{
	const struct res_hop *at, *isp;
	enum res_owner o = probe_results_reset_owner(r, &at, &isp);
	char *a, *b;

	if (o == OWNER_UNKNOWN)
		return;
	a = network_text(at);
	b = network_text(isp);
	if (o == OWNER_INSIDE)
		doc_addf(d, DK_PARA, NULL, _("That device is inside this "
		    "connection's own provider: it belongs to %s, the "
		    "network of the route's first public hop."), a);
	else
		doc_addf(d, DK_PARA, NULL, _("That device lies beyond this "
		    "connection's provider: it belongs to %s, while the "
		    "route's first public hop, the provider's network, is "
		    "in %s."), a, b);
	free(a);
	free(b);
}

/* Where along the route the reset comes from, for the provider. */
static void
isp_locator(const struct probe_results *r, struct doc *d)
{
	const struct res_locator *l = &r->locator;
	char *far = distance(l->server_distance), *hop;

	switch (res_locator_origin(l)) {
	case RO_SERVER:
		doc_addf(d, DK_PARA, NULL, _("A reset comes back only when the "
		    "request may travel as far as the server (%d hops): it "
		    "comes from the server's end, not from a device on the "
		    "way."), l->server_distance);
		break;
	case RO_PATH:
		hop = reset_hop_text(r);
		doc_addf(d, DK_PARA, NULL, _("A reset comes back when the "
		    "request may travel only %d hops, while the server is %s. "
		    "The device that resets it is at or just after %s. Please "
		    "check what there filters or resets these connections."),
		    l->first_reset_ttl, far, hop);
		free(hop);
		isp_owner(r, d);
		break;
	case RO_THIS_MACHINE:
		doc_add(d, DK_PARA, NULL, _("The reset is made on this machine "
		    "itself, before the first router: it does not come from "
		    "the provider's network."));
		break;
	case RO_UNPLACED:
		doc_addf(d, DK_PARA, NULL, _("A reset comes back when the "
		    "request may travel %d hops, but the server's distance is "
		    "unknown, so the reset cannot be placed on the route."),
		    l->first_reset_ttl);
		break;
	case RO_NOT_RUN:
	case RO_NO_RESET:
		break;
	}
	free(far);
}

/* For the ISP: the path and the times. */
static void
build_isp(const struct report_input *in, struct doc *d)
{
	const struct probe_results *r = in->r;
	const struct res_http *h = main_http(r);
	char *hops, *refused;
	int sized;

	doc_add(d, DK_SECTION, NULL, _("For the Internet provider"));
	sized = doc_build_size_audience(in, RA_ISP, d);
	if (!sized)
		doc_addf(d, DK_PARA, NULL, _("From this connection, requests "
		    "to %s (port %d) end with: %s. The first test ran at %s "
		    "(UTC)."), target_host(r), r->target.port, h ?
		    http_result_label(h->result) : _("no request was made"),
		    nz(r->created));
	if (r->path.ran && r->path.nhops > 0 &&
	    (refused = probe_results_path_refusal_text(r)) != NULL) {
		/* The trace's last answer came in the server's name. */
		hops = hop_list(&r->path);
		doc_addf(d, DK_PARA, NULL, ngettext("The route (traced with "
		    "%s) was followed for %zu hop: %s; %s.", "The route "
		    "(traced with %s) was followed for %zu hops: %s; %s.",
		    r->path.nhops), nz(r->path.method), r->path.nhops, hops,
		    refused);
		free(hops);
		free(refused);
	} else if (r->path.ran && r->path.nhops > 0) {
		hops = hop_list(&r->path);
		doc_addf(d, DK_PARA, NULL, r->path.reached ?
		    ngettext("The route to the server (traced with %s) has "
		    "%zu hop and reaches it: %s.", "The route to the server "
		    "(traced with %s) has %zu hops and reaches it: %s.",
		    r->path.nhops) : ngettext("The route (traced with %s) "
		    "was followed for %zu hop without reaching the server: "
		    "%s.", "The route (traced with %s) was followed for %zu "
		    "hops without reaching the server: %s.", r->path.nhops),
		    nz(r->path.method), r->path.nhops, hops);
		free(hops);
	}
	if (!sized)
		isp_locator(r, d);
	doc_add(d, DK_PARA, NULL, _("The requests and their times (UTC):"));
	build_timeline(r, d);
}

static const char *
trigger_words(const char *trigger)
{
	if (trigger && strcmp(trigger, "sni") == 0)
		return _("the TLS server name (SNI)");
	if (trigger && strcmp(trigger, "host") == 0)
		return _("the HTTP Host header");
	return _("the name in the request");
}

/* The first paragraph for IT: what fails, and whether the name matters. */
static void
it_what(const struct probe_results *r, struct doc *d)
{
	const struct res_http *h = main_http(r), *n = neutral_http(r);
	const char *addr = h && h->addr ? h->addr : target_host(r);

	if (!h || h->result == HTTP_RESPONSE) {
		doc_addf(d, DK_PARA, NULL, _("The request to %s got a "
		    "response; nothing reset it during the test."), addr);
		return;
	}
	if (name_triggers(r)) {
		doc_addf(d, DK_PARA, NULL, _("Connections to %s are reset "
		    "when %s is \"%s\"."), addr,
		    trigger_words(r->locator.trigger), h->sni ? h->sni :
		    h->host_header ? h->host_header : target_host(r));
		doc_addf(d, DK_PARA, NULL, _("The same request to the same "
		    "address with the neutral name \"%s\" got a response."),
		    n->sni ? n->sni : nz(n->host_header));
		return;
	}
	doc_addf(d, DK_PARA, NULL, _("Requests to %s end with: %s."), addr,
	    http_result_label(h->result));
	if (n)
		doc_addf(d, DK_PARA, NULL, _("The same request with the neutral "
		    "name \"%s\" ended with: %s. The name in the request does "
		    "not decide it."), n->sni ? n->sni : nz(n->host_header),
		    http_result_label(n->result));
}

/* For the network admin: the injecting hop and what triggers it. */
static void
build_it(const struct report_input *in, struct doc *d)
{
	const struct probe_results *r = in->r;
	const struct res_locator *l = &r->locator;
	enum reset_origin o = res_locator_origin(l);
	char *far = distance(l->server_distance), *hop;

	doc_add(d, DK_SECTION, NULL,
	    _("For the network or security administrator"));
	if (doc_build_size_audience(in, RA_IT, d)) {
		free(far);
		return;
	}
	it_what(r, d);
	if (o == RO_THIS_MACHINE) {
		doc_add(d, DK_PARA, NULL, _("The reset is made on this machine "
		    "itself: it comes back before the first router."));
	} else if (o == RO_PATH) {
		hop = reset_hop_text(r);
		doc_addf(d, DK_PARA, NULL, _("The reset is injected near %s: "
		    "it comes back when the request may travel only %d hops, "
		    "while the server is %s."), hop, l->first_reset_ttl, far);
		free(hop);
	} else if (o == RO_SERVER)
		doc_addf(d, DK_PARA, NULL, _("The reset comes from as far away "
		    "as the server (%d hops): the server or a device right in "
		    "front of it sends it, not a device on this network."),
		    l->server_distance);
	free(far);
	if (l->ran && l->forged >= 0 && l->forged_detail)
		doc_addf(d, DK_PARA, NULL, _("How the reset differs from the "
		    "server's own packets: %s"), l->forged_detail);
	if (r->local.firewall_reset_rule == 1)
		doc_addf(d, DK_PARA, NULL, _("A firewall rule on this machine "
		    "matches: %s"), nz(r->local.firewall_detail));
	if (reset_at_server(l) && !name_triggers(r))
		doc_add(d, DK_PARA, NULL, _("Nothing on this network seems to "
		    "cause it; the site owner needs to look at the server."));
	else if (name_triggers(r))
		doc_add(d, DK_PARA, NULL, _("Please check the web filter, "
		    "firewall or proxy policy that applies to this name."));
	else if (main_http(r) && main_http(r)->result != HTTP_RESPONSE)
		doc_add(d, DK_PARA, NULL, _("Please check the firewalls, web "
		    "filters and proxies between this machine and the "
		    "server."));
}

/* What the main request's end says about the server, for its owner. */
static void
site_abort(const struct probe_results *r, struct doc *d)
{
	const struct res_http *h = main_http(r), *n = neutral_http(r);
	const struct res_locator *l = &r->locator;
	enum reset_origin o = res_locator_origin(l);
	char *end, *hop;

	if (!h || !is_reset(h->result))
		return;
	end = end_stamp(h);
	if (h->result == HTTP_RESET_MID_TRANSFER)
		doc_addf(d, DK_PARA, NULL, _("The connection to %s was "
		    "accepted and reset after %ld bytes of the response, "
		    "%.1f ms after the request started, at %s."), nz(h->addr),
		    h->bytes, h->t_total, end ? end : _("an unknown time"));
	else
		doc_addf(d, DK_PARA, NULL, _("The connection to %s was "
		    "accepted and then reset before any response, %.1f ms "
		    "after the request started, at %s."), nz(h->addr),
		    h->t_total, end ? end : _("an unknown time"));
	free(end);
	if (o == RO_SERVER) {
		doc_addf(d, DK_PARA, NULL, _("The reset comes from as far away "
		    "as the server (%d hops): the server or a device right in "
		    "front of it (load balancer, CDN, firewall) sends it."),
		    l->server_distance);
	} else if (o == RO_PATH) {
		hop = reset_hop_text(r);
		doc_addf(d, DK_PARA, NULL, _("The reset is sent near %s, "
		    "before the server: a device on the client's path sends "
		    "it, not the server."), hop);
		free(hop);
	} else if (o == RO_THIS_MACHINE) {
		doc_add(d, DK_PARA, NULL, _("The reset is made on the client's "
		    "own machine, before the first router: not by the "
		    "server."));
	}
	/* Only a reset not placed before the server can be the server's. */
	if (n && is_reset(n->result) && (o == RO_SERVER || o == RO_NO_RESET ||
	    o == RO_NOT_RUN))
		doc_addf(d, DK_PARA, NULL, _("A request with the neutral name "
		    "\"%s\" was reset as well: the server resets these "
		    "connections whatever name is asked for."),
		    n->sni ? n->sni : nz(n->host_header));
}

/* For the site owner: the server-side end, to the millisecond. */
static void
build_site(const struct report_input *in, struct doc *d)
{
	const struct probe_results *r = in->r;
	const struct res_tls *t = &r->tls;

	doc_add(d, DK_SECTION, NULL, _("For the site owner"));
	if (!doc_build_size_audience(in, RA_SITE_OWNER, d))
		site_abort(r, d);
	doc_addf(d, DK_PARA, NULL, _("Every request from this client to %s "
	    "port %d is listed below. The times are UTC to the millisecond, "
	    "to match with the logs of the server, load balancer or CDN."),
	    target_host(r), r->target.port);
	build_timeline(r, d);
	if (t->ran)
		doc_addf(d, DK_PARA, NULL, _("TLS: negotiated %s; the "
		    "certificate is %s%s%s%s."), t->negotiated ?
		    t->negotiated : _("nothing"), tls_verify_label(t->verify),
		    t->verify_reason ? " (" : "", nz(t->verify_reason),
		    t->verify_reason ? ")" : "");
}

/* For anyone: what to do, chosen from whom the verdict escalates to. */
static void
build_general(const struct report_input *in, struct doc *d)
{
	const struct verdict *v = in->v;

	switch (v->escalate_to) {
	case ESC_ISP:
		build_isp(in, d);
		return;
	case ESC_NETWORK_ADMIN:
		build_it(in, d);
		return;
	case ESC_SITE_OWNER:
		build_site(in, d);
		return;
	case ESC_SELF:
		doc_add(d, DK_SECTION, NULL, _("What to do next"));
		doc_add(d, DK_PARA, NULL, _("This can most likely be fixed on "
		    "this machine. The next steps:"));
		for (size_t i = 0; i < v->nnext; i++)
			doc_add(d, DK_ITEM, NULL, v->next_steps[i].text);
		return;
	case ESC_NONE:
		break;
	}
	doc_add(d, DK_SECTION, NULL, _("What to do next"));
	doc_add(d, DK_PARA, NULL, _("The site answered normally during the "
	    "test. If the browser still fails, the cause is in the browser "
	    "itself: an extension, its cache or its settings."));
}

/* The section addressed to the report's reader (content_audience.c). */
void
doc_build_audience(const struct report_input *in, struct doc *d)
{
	switch (in->audience) {
	case RA_ISP:
		build_isp(in, d);
		break;
	case RA_IT:
		build_it(in, d);
		break;
	case RA_SITE_OWNER:
		build_site(in, d);
		break;
	case RA_GENERAL:
		build_general(in, d);
		break;
	}
}
