#include "config.h"

#include "report/doc.h"

#include "core/i18n.h"
#include "core/strbuf.h"
#include "core/xalloc.h"
#include "diag/names.h"
#include "probe/readings.h"
#include "probe/samples.h"

#include <stdlib.h>
#include <string.h>

static const char *
nz(const char *s)
{
	return s ? s : "";
}

/* Starts a table with its header row; the cells are the column names. */
static struct doc_node *
head_row(struct doc *d)
{
	struct doc_node *n = doc_add(d, DK_ROW, NULL, NULL);

	n->flags = ROWF_HEAD;
	return n;
}

/* A table of the resolvers: who, where configured, what it answered. */
static void
build_dns(const struct probe_results *r, struct doc *d)
{
	struct doc_node *n;

	if (r->ndns == 0)
		return;
	doc_add(d, DK_SUBSECTION, NULL, _("DNS"));
	n = head_row(d);
	doc_cell(n, _("Resolver"));
	doc_cell(n, _("Configured in"));
	doc_cell(n, _("Answer"));
	doc_cell(n, _("Time"));
	doc_cell(n, _("Addresses"));
	for (size_t i = 0; i < r->ndns; i++) {
		const struct res_dns *q = &r->dns[i];
		struct strbuf sb = STRBUF_INIT;

		n = doc_add(d, DK_ROW, NULL, NULL);
		if (q->is_system)
			doc_cellf(n, _("%s, used by this machine"),
			    nz(q->server));
		else
			doc_cell(n, q->server);
		doc_cell(n, q->source);
		if (q->status != DNS_OK && q->error)
			doc_cellf(n, "%s (%s)", dns_status_label(q->status),
			    q->error);
		else
			doc_cell(n, dns_status_label(q->status));
		doc_cellf(n, _("%.1f ms"), q->ms);
		for (size_t j = 0; j < q->naddrs; j++)
			sb_addf(&sb, "%s%s", j ? ", " : "", q->addrs[j]);
		doc_cell(n, sb_str(&sb));
		sb_free(&sb);
	}
}

/* A table of the addresses: the TCP handshake result of each. */
static void
build_tcp(const struct probe_results *r, struct doc *d)
{
	struct doc_node *n;

	if (r->ntcp == 0)
		return;
	doc_add(d, DK_SUBSECTION, NULL, _("TCP connections"));
	n = head_row(d);
	doc_cell(n, _("Address"));
	doc_cell(n, _("Port"));
	doc_cell(n, _("Result"));
	doc_cell(n, _("Time"));
	for (size_t i = 0; i < r->ntcp; i++) {
		const struct res_tcp *t = &r->tcp[i];

		n = doc_add(d, DK_ROW, NULL, NULL);
		doc_cell(n, t->addr);
		doc_cellf(n, "%d", t->port);
		if (t->os_errno && t->status != TCP_OPEN)
			doc_cellf(n, "%s (%s)", tcp_status_label(t->status),
			    strerror(t->os_errno));
		else
			doc_cell(n, tcp_status_label(t->status));
		doc_cellf(n, _("%.1f ms"), t->ms);
	}
}

static const char *
accept_label(enum tls_accept a)
{
	static const char *const labels[] = { N_("not tested"),
		N_("accepted"), N_("refused"), N_("reset"), N_("error") };

	return _(labels[a <= TLSV_ERROR ? a : TLSV_ERROR]);
}

/* Versions accepted, the certificate chain and its verification. */
static void
build_tls(const struct probe_results *r, struct doc *d)
{
	const struct res_tls *t = &r->tls;
	const char *reason;
	struct doc_node *n;

	if (!t->ran)
		return;
	doc_add(d, DK_SUBSECTION, NULL, _("TLS"));
	n = head_row(d);
	doc_cell(n, _("Version"));
	doc_cell(n, _("The server"));
	for (int k = 0; k < 4; k++) {
		n = doc_add(d, DK_ROW, NULL, NULL);
		doc_cellf(n, "TLS 1.%d", k);
		doc_cell(n, accept_label(t->versions[k]));
	}
	if (t->negotiated)
		doc_addf(d, DK_FIELD, _("Negotiated"), "%s%s%s", t->negotiated,
		    t->alpn ? ", ALPN " : "", nz(t->alpn));
	/* A valid certificate's reason is OpenSSL's "ok": said once. */
	reason = t->verify == TLS_VERIFY_OK ? NULL : t->verify_reason;
	doc_addf(d, DK_FIELD, _("Certificate"), "%s%s%s%s",
	    tls_verify_label(t->verify), reason ? " (" : "", nz(reason),
	    reason ? ")" : "");
	if (t->intercepted)
		doc_add(d, DK_PARA, NULL, _("The issuer looks like a local or "
		    "security product that intercepts TLS."));
	for (size_t i = 0; i < t->nchain; i++) {
		const struct res_cert *c = &t->chain[i];

		doc_addf(d, DK_ITEM, NULL, _("Certificate %zu: %s, issued by "
		    "%s, valid %s to %s (%ld days left)%s%s"), i,
		    nz(c->subject), nz(c->issuer), nz(c->not_before),
		    nz(c->not_after), c->days_left, c->sans ?
		    _(", names: ") : "", nz(c->sans));
	}
}

/* " name 12.3 ms" or " name not reached", comma-separated. */
static void
add_phase(struct strbuf *sb, const char *name, double ms, int first)
{
	if (ms >= 0)
		sb_addf(sb, _("%s %s %.1f ms"), first ? "" : ",", name, ms);
	else
		sb_addf(sb, _("%s %s not reached"), first ? "" : ",", name);
}

/* One request in full: where it went, what was sent, how it ended. */
static void
http_item(const struct res_http *h, struct doc *d)
{
	struct strbuf sb = STRBUF_INIT;

	if (h->addr)
		sb_addf(&sb, _("%s: %s to %s, Host %s"),
		    doc_variant_label(h->variant), nz(h->url), h->addr,
		    nz(h->host_header));
	else
		sb_addf(&sb, _("%s: %s, Host %s"),
		    doc_variant_label(h->variant), nz(h->url),
		    nz(h->host_header));
	if (h->sni)
		sb_addf(&sb, _(", SNI %s"), h->sni);
	if (h->proxy)
		sb_addf(&sb, _(", via proxy %s"), h->proxy);
	if (h->local_addr)
		sb_addf(&sb, _(", from %s port %d"), h->local_addr,
		    h->local_port);
	sb_addf(&sb, _(". Started %s. Result: %s"), nz(h->started),
	    http_result_label(h->result));
	if (h->result == HTTP_RESPONSE ||
	    (h->result == HTTP_PROXY_ERROR && h->status > 0))
		sb_addf(&sb, _(" (status %ld)"), h->status);
	if (h->proxy_auth)
		sb_addf(&sb, _(", the proxy asks for a login: %s"),
		    h->proxy_auth);
	sb_addf(&sb, _(", %ld bytes received; times:"), h->bytes);
	add_phase(&sb, _("DNS"), h->t_dns, 1);
	add_phase(&sb, _("connect"), h->t_connect, 0);
	add_phase(&sb, _("TLS"), h->t_tls, 0);
	add_phase(&sb, _("first byte"), h->t_ttfb, 0);
	add_phase(&sb, _("total"), h->t_total, 0);
	if (h->tls_version)
		sb_addf(&sb, ", %s", h->tls_version);
	if (h->alpn && *h->alpn)
		sb_addf(&sb, _(", protocol %s"), h->alpn);
	if (h->date)
		sb_addf(&sb, _(", server clock \"%s\""), h->date);
	if (h->server)
		sb_addf(&sb, _(", server \"%s\""), h->server);
	if (h->curl_error && *h->curl_error)
		sb_addf(&sb, _(". curl: error %d, %s"), h->curl_code,
		    h->curl_error);
	if (h->os_errno && !(h->curl_error &&
	    strstr(h->curl_error, strerror(h->os_errno))))
		sb_addf(&sb, " (%s)", strerror(h->os_errno));
	doc_add(d, DK_ITEM, NULL, sb_str(&sb));
	sb_free(&sb);
}

/*
 * Worth showing in full: the first attempt of its variant (and address),
 * and any later attempt that ended differently from the attempts before.
 */
static int
shown_in_full(const struct probe_results *r, size_t i)
{
	const struct res_http *h = &r->http[i];

	for (size_t k = 0; k < i; k++) {
		const struct res_http *o = &r->http[k];

		if (o->variant != h->variant || o->result == HTTP_NOT_RUN)
			continue;
		if ((o->addr == NULL) != (h->addr == NULL) ||
		    (o->addr && strcmp(o->addr, h->addr) != 0))
			continue;
		if (o->result == h->result && o->status == h->status)
			return 0;
	}
	return 1;
}

/* A table of the requests: how the attempts of each variant went. */
static void
build_attempts(const struct probe_results *r, struct doc *d)
{
	int any = 0;

	for (int v = HV_MAIN; v <= HV_NEUTRAL_PATH; v++) {
		struct sample_set s;
		struct doc_node *n;

		if (v == HV_PER_ADDR)
			continue;	/* the per-address table shows them */
		if (v == HV_CLOCK || v == HV_REDIRECT)
			continue;	/* one request each, not attempts */

		samples_of(r, (enum http_variant)v, NULL, &s);
		if (s.n == 0)
			continue;
		if (!any) {
			doc_add(d, DK_SUBSECTION, NULL, _("Attempts"));
			n = head_row(d);
			doc_cell(n, _("Request"));
			doc_cell(n, _("Attempts"));
			doc_cell(n, _("Completed"));
			doc_cell(n, _("Failed"));
			doc_cell(n, _("First failure"));
		}
		any = 1;
		n = doc_add(d, DK_ROW, NULL, NULL);
		doc_cell(n, doc_variant_label((enum http_variant)v));
		doc_cellf(n, "%zu", s.n);
		if (s.rejected)
			doc_cellf(n, _("%zu (the certificate rejected on "
			    "%zu)"), s.ok, s.rejected);
		else
			doc_cellf(n, "%zu", s.ok);
		doc_cellf(n, "%zu", s.failed);
		if (s.failed)
			doc_cellf(n, _("%s after %.0f ms"),
			    http_result_label(s.first_fail->result),
			    s.first_fail->t_total);
		else
			doc_cell(n, NULL);
	}
}

/* The per-address table: how the request went on each address. */
static void
build_per_address(const struct probe_results *r, struct doc *d)
{
	struct addr_row rows[RES_MAX_ADDRS];
	size_t n = samples_per_address(r, rows, RES_MAX_ADDRS);
	struct doc_node *row;

	if (n == 0)
		return;
	doc_add(d, DK_SUBSECTION, NULL, _("Every address of the name"));
	doc_add(d, DK_PARA, NULL, _("The request pinned to each address the "
	    "name resolves to, as a browser might pick any of them."));
	row = head_row(d);
	doc_cell(row, _("Address"));
	doc_cell(row, _("Attempts"));
	doc_cell(row, _("Completed"));
	doc_cell(row, _("Failed"));
	doc_cell(row, _("First failure"));
	for (size_t i = 0; i < n; i++) {
		const struct sample_set *s = &rows[i].s;

		row = doc_add(d, DK_ROW, NULL, NULL);
		doc_cell(row, rows[i].addr);
		doc_cellf(row, "%zu", s->n);
		if (s->rejected)
			doc_cellf(row, _("%zu (the certificate rejected on "
			    "%zu)"), s->ok, s->rejected);
		else
			doc_cellf(row, "%zu", s->ok);
		doc_cellf(row, "%zu", s->failed);
		doc_cell(row, s->failed ?
		    http_result_label(s->first_fail->result) : NULL);
	}
}

/* The watch: its count and its timeline, 60 requests a line. */
static void
build_watch(const struct probe_results *r, struct doc *d)
{
	const struct res_watch *w = &r->watch;
	struct watch_counts c;

	if (!w->ran)
		return;
	samples_watch(w, &c);
	doc_add(d, DK_SUBSECTION, NULL, _("Watching the request over time"));
	doc_addf(d, DK_PARA, NULL, _("From %s, the request once every %.0f s "
	    "for up to %.0f s: %zu requests, %zu failed (%zu reset, %zu "
	    "without an answer in time). One character a request: . "
	    "answered, R reset, T no answer in time, x another failure."),
	    nz(w->started), (double)w->interval_ms / 1000,
	    (double)w->duration_ms / 1000, c.n, c.failed, c.reset,
	    c.timeout);
	for (size_t i = 0; i < w->n; i += 60) {
		struct res_watch part = *w;
		char *line;

		part.s = w->s + i;
		part.n = w->n - i < 60 ? w->n - i : 60;
		line = samples_timeline(&part, 60);
		doc_addf(d, DK_ITEM, NULL, _("from %4.0f s: %s"),
		    w->s[i].t_ms / 1000, line);
		free(line);
	}
}

/* The kernel's TCP counters: how much they grew during the sweep. */
static void
build_kstat(const struct probe_results *r, struct doc *d)
{
	const struct res_kstat *k = &r->kstat;
	struct strbuf sb = STRBUF_INIT;

	if (!k->ran)
		return;
	doc_add(d, DK_SUBSECTION, NULL, _("TCP counters of this machine"));
	if (k->error) {
		doc_addf(d, DK_PARA, NULL, _("They could not be read: %s"),
		    k->error);
		return;
	}
	doc_add(d, DK_PARA, NULL, _("How much the kernel's counters grew "
	    "during the sweep. They count every connection of this machine "
	    "(or of its network namespace), not only the sweep's."));
	for (size_t i = 0; i < k->n && i < RES_MAX_KSTAT; i++)
		sb_addf(&sb, "%s%s %+lld", i ? ", " : "", nz(k->c[i].name),
		    k->c[i].delta);
	doc_add(d, DK_ITEM, NULL, sb_str(&sb));
	sb_free(&sb);
}

/* The real requests, then the content variations with their results. */
static void
build_http(const struct probe_results *r, struct doc *d)
{
	int any_var = 0;

	if (r->nhttp == 0)
		return;
	doc_add(d, DK_SUBSECTION, NULL, _("HTTP requests"));
	for (size_t i = 0; i < r->nhttp; i++) {
		enum http_variant v = r->http[i].variant;

		if (v == HV_MAIN || v == HV_RETEST) {
			if (shown_in_full(r, i))
				http_item(&r->http[i], d);
		} else if (v != HV_REDIRECT)
			any_var = 1;
	}
	build_attempts(r, d);
	build_per_address(r, d);
	if (!any_var)
		return;
	doc_add(d, DK_SUBSECTION, NULL, _("Content variations"));
	doc_add(d, DK_PARA, NULL, _("The same request changed one thing at a "
	    "time, to see what triggers the failure; each attempt that ended "
	    "differently is listed."));
	for (size_t i = 0; i < r->nhttp; i++) {
		enum http_variant v = r->http[i].variant;

		if (v != HV_MAIN && v != HV_RETEST && v != HV_PER_ADDR &&
		    v != HV_REDIRECT && shown_in_full(r, i))
			http_item(&r->http[i], d);
	}
}

/* Where the locator places the reset, in the words of readings.h. */
static void
build_located(const struct probe_results *r, struct doc *d)
{
	const struct res_locator *l = &r->locator;
	struct res_hop_ref h;
	char *hop;

	switch (res_locator_origin(l)) {
	case RO_PATH:
	case RO_SERVER:
		probe_results_reset_hop(r, &h);
		hop = res_hop_ref_text(&h);
		doc_addf(d, DK_FIELD, _("Reset located"), ngettext("the first "
		    "reset came back with TTL %d, near %s; the server is %d "
		    "hop away", "the first reset came back with TTL %d, near "
		    "%s; the server is %d hops away", l->server_distance),
		    l->first_reset_ttl, hop, l->server_distance);
		free(hop);
		break;
	case RO_THIS_MACHINE:
		doc_add(d, DK_FIELD, _("Reset located"), _("the first reset "
		    "came back with TTL 1: it is made on this machine, before "
		    "the first router"));
		break;
	case RO_UNPLACED:
		doc_addf(d, DK_FIELD, _("Reset located"), _("the first reset "
		    "came back with TTL %d; the server's distance is unknown"),
		    l->first_reset_ttl);
		break;
	case RO_NOT_RUN:
	case RO_NO_RESET:
		doc_add(d, DK_FIELD, _("Reset located"), _("no reset came back "
		    "before the server"));
		break;
	}
}

/* The traced hops and where along them the reset was located. */
static void
build_path(const struct probe_results *r, struct doc *d)
{
	const struct res_locator *l = &r->locator;
	char *refused;

	if (!r->path.ran && !l->ran)
		return;
	doc_add(d, DK_SUBSECTION, NULL, _("Network path"));
	if (r->path.ran) {
		/* An answer in the server's name need not be its own. */
		if ((refused = probe_results_path_refusal_text(r)) != NULL)
			doc_addf(d, DK_PARA, NULL, ngettext("Traced with %s "
			    "over %zu hop; %s.", "Traced with %s over %zu "
			    "hops; %s.", r->path.nhops), nz(r->path.method),
			    r->path.nhops, refused);
		else
			doc_addf(d, DK_PARA, NULL, r->path.reached ?
			    ngettext("Traced with %s over %zu hop; the server "
			    "answered.", "Traced with %s over %zu hops; the "
			    "server answered.", r->path.nhops) :
			    ngettext("Traced with %s over %zu hop; the server "
			    "did not answer.", "Traced with %s over %zu hops; "
			    "the server did not answer.", r->path.nhops),
			    nz(r->path.method), r->path.nhops);
		free(refused);
		for (size_t i = 0; i < r->path.nhops; i++) {
			const struct res_hop *h = &r->path.hops[i];
			double sum = 0;

			if (!h->addr) {
				doc_addf(d, DK_ITEM, NULL, _("%d: no answer"),
				    h->ttl);
				continue;
			}
			for (int k = 0; k < h->nrtt && k < RES_MAX_RTT; k++)
				sum += h->rtt_ms[k];
			if (h->asn > 0)
				doc_addf(d, DK_ITEM, NULL, _("%d: %s%s%s%s, "
				    "network AS%ld%s%s, %.1f ms average, %.0f%% "
				    "loss"), h->ttl, h->addr, h->name ? " (" :
				    "", nz(h->name), h->name ? ")" : "",
				    h->asn, h->as_name ? " " : "",
				    nz(h->as_name), h->nrtt ? sum / h->nrtt :
				    0.0, h->loss * 100);
			else
				doc_addf(d, DK_ITEM, NULL, _("%d: %s%s%s%s, "
				    "%.1f ms average, %.0f%% loss"), h->ttl,
				    h->addr, h->name ? " (" : "", nz(h->name),
				    h->name ? ")" : "", h->nrtt ? sum / h->nrtt
				    : 0.0, h->loss * 100);
		}
	}
	if (!l->ran)
		return;
	build_located(r, d);
	if (l->control_reset)
		doc_addf(d, DK_FIELD, _("Control"), _("the neutral request "
		    "was reset too, first with TTL %d"),
		    l->control_first_reset_ttl);
	if (l->ran && l->trigger)
		doc_add(d, DK_FIELD, _("Probed with"), strcmp(l->trigger,
		    "sni") == 0 ? _("the TLS server name (SNI)") :
		    _("the HTTP Host header"));
	if (l->forged >= 0)
		doc_addf(d, DK_FIELD, _("Forged reset"), "%s%s%s",
		    l->forged ? _("yes") : _("no"), l->forged_detail ?
		    ": " : "", nz(l->forged_detail));
	else if (l->forged_detail)
		/* The detail says itself that it was not checked. */
		doc_add(d, DK_FIELD, _("Forged reset"), l->forged_detail);
	else
		doc_add(d, DK_FIELD, _("Forged reset"), _("not checked (it "
		    "needs a packet capture)"));
}

/* The proxy a browser would use and the client machine itself. */
static void
build_local(const struct probe_results *r, struct doc *d)
{
	const struct res_proxy *p = &r->proxy;
	const struct res_local *l = &r->local;

	if (p->ran) {
		doc_add(d, DK_SUBSECTION, NULL, _("Proxy"));
		doc_add(d, DK_FIELD, _("Proxy"), p->url ? p->url :
		    _("none, direct connection"));
		if (p->url && p->source)
			doc_add(d, DK_FIELD, _("Configured in"), p->source);
		if (p->pac_url)
			doc_add(d, DK_FIELD, _("PAC file"), p->pac_url);
		if (p->no_proxy_match)
			doc_add(d, DK_FIELD, _("Bypassed by"),
			    p->no_proxy_match);
		if (p->auth_required && p->auth_scheme)
			doc_addf(d, DK_FIELD, _("Authentication"),
			    _("the proxy asks for a login (407, %s)"),
			    p->auth_scheme);
		else if (p->auth_required)
			doc_add(d, DK_FIELD, _("Authentication"),
			    _("the proxy asks for a login (407)"));
	}
	if (!l->ran)
		return;
	doc_add(d, DK_SUBSECTION, NULL, _("This machine"));
	if (l->os)
		doc_add(d, DK_FIELD, _("System"), l->os);
	if (l->iface)
		doc_addf(d, DK_FIELD, _("Interface"), "%s (%s)", l->iface,
		    l->iface_kind ? l->iface_kind : _("unknown kind"));
	doc_add(d, DK_FIELD, _("VPN"), l->vpn_active ? (l->route_via_vpn ?
	    _("up, and the route to the site uses it") :
	    _("up, not used for this site")) : _("none"));
	if (l->resolver_kind)
		doc_add(d, DK_FIELD, _("Resolver"), l->resolver_kind);
	if (l->hosts_entry)
		doc_add(d, DK_FIELD, _("Hosts file"), l->hosts_entry);
	doc_add(d, DK_FIELD, _("Local firewall"),
	    l->firewall_reset_rule < 0 ? _("could not be read") :
	    l->firewall_reset_rule ? _("a rule resets this traffic") :
	    _("no rule resets this traffic"));
	if (l->firewall_detail)
		doc_add(d, DK_FIELD, _("Firewall detail"), l->firewall_detail);
}

/* The redirect chain, hop by hop, when the address redirects. */
static void
build_redirects(const struct probe_results *r, struct doc *d)
{
	struct res_chain c;
	char *chain;

	if (probe_results_chain(r, &c) == 0)
		return;
	doc_add(d, DK_SUBSECTION, NULL, _("Redirects"));
	chain = res_chain_text(&c);
	doc_addf(d, DK_PARA, NULL, _("The browser follows the redirects: "
	    "%s. Every check after them tests %s."), chain, c.fails ?
	    c.fails->url : c.hop[c.n - 1]->url);
	free(chain);
	for (size_t k = 0; k < c.n; k++) {
		const struct res_http *h = c.hop[k];

		if (h->location)
			doc_addf(d, DK_ITEM, NULL, _("%zu. %s: status %ld, to "
			    "%s"), k, nz(h->url), h->status, h->location);
		else
			http_item(h, d);
	}
	if (c.too_many)
		doc_addf(d, DK_PARA, NULL, _("It redirects again after %d "
		    "redirects: a browser gives up there."), REDIRECTS_MAX);
}

/* This machine's clock against the server's Date header. */
static void
build_clock(const struct probe_results *r, struct doc *d)
{
	struct res_clock c;

	if (!probe_results_clock(r, &c))
		return;
	doc_addf(d, DK_FIELD, _("Clock"), _("the server dated its answer "
	    "\"%s\"; this computer's clock was %+ld s off from it%s"),
	    nz(c.from->date), c.skew_s,
	    probe_results_clock_explains_cert(r, &c) ? _(", which is why "
	    "the certificate looks invalid here") : "");
}

/* The evidence sections (content_evidence.c). */
void
doc_build_evidence(const struct report_input *in, struct doc *d)
{
	doc_add(d, DK_SECTION, NULL, _("Evidence"))->flags = SECF_COLLAPSE;
	build_redirects(in->r, d);
	build_dns(in->r, d);
	build_tcp(in->r, d);
	build_tls(in->r, d);
	build_clock(in->r, d);
	doc_build_size_evidence(in, d);
	build_http(in->r, d);
	build_path(in->r, d);
	build_local(in->r, d);
	build_watch(in->r, d);
	build_kstat(in->r, d);
}

/* A request variant in words, e.g. "Request with a neutral Host name". */
const char *
doc_variant_label(enum http_variant v)
{
	static const char *const labels[] = {
		N_("Browser request"),
		N_("Request with a neutral Host name"),
		N_("Request with a neutral server name (SNI)"),
		N_("Request without a server name (SNI)"),
		N_("Request with the other protocol on the same port"),
		N_("Request bypassing the proxy"),
		N_("Request through the proxy"),
		N_("Re-test"),
		N_("Request to the other resolver's address"),
		N_("Browser request pinned to one address"),
		N_("Browser request over HTTP/1.1"),
		N_("Request reading the server's clock"),
		N_("Request along the redirects"),
		N_("Request for / instead of the address's path"),
	};

	if ((unsigned)v >= sizeof(labels) / sizeof(*labels))
		return _("Request");
	return _(labels[v]);
}
