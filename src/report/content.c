#include "config.h"

#include "report/doc.h"

#include "core/i18n.h"
#include "core/strbuf.h"
#include "core/timeutil.h"
#include "core/xalloc.h"
#include "diag/names.h"
#include "report/commands.h"

#include <stdlib.h>
#include <string.h>

static const char *const confidence_labels[] = { N_("low"), N_("medium"),
	N_("high") };
static const char *const answer_labels[] = { N_("not answered"),
	N_("this fixed it"), N_("this did not help"), N_("skipped") };

static const char *
nz(const char *s)
{
	return s ? s : "";
}

/* "UTC stamp (local time ...)" for an RFC 3339 stamp (owned). */
static char *
when(const char *rfc)
{
	struct timespec ts;
	char local[64];

	if (!rfc || time_parse_rfc3339(rfc, &ts) != 0)
		return xstrdup(rfc ? rfc : _("unknown"));
	time_local(local, sizeof(local), &ts);
	return xasprintf(_("%s (local time %s)"), rfc, local);
}

static const char *
target_host(const struct probe_results *r)
{
	if (r->target.host)
		return r->target.host;
	return r->target.input ? r->target.input : _("(no address)");
}

/* Title, time and the machine and network in general terms. */
static void
build_header(const struct report_input *in, struct doc *d)
{
	const struct probe_results *r = in->r;
	char *w = when(r->created);

	doc_addf(d, DK_TITLE, NULL, _("Connection report for %s"),
	    target_host(r));
	doc_add(d, DK_FIELD, _("Address"), r->target.url ? r->target.url :
	    r->target.input);
	doc_add(d, DK_FIELD, _("Tested at"), w);
	free(w);
	if (r->local.ran && r->local.os)
		doc_add(d, DK_FIELD, _("Machine"), r->local.os);
	if (r->local.ran && r->local.iface_kind)
		doc_addf(d, DK_FIELD, _("Network"), "%s (%s)",
		    r->local.iface_kind, nz(r->local.iface));
	if (r->local.ran && r->local.vpn_active)
		doc_addf(d, DK_FIELD, _("VPN"), r->local.route_via_vpn ?
		    _("in use (%s); the route to the site goes through it") :
		    _("up (%s), but the route to the site does not use it"),
		    nz(r->local.vpn_iface));
	if (r->proxy.ran && r->proxy.url)
		doc_addf(d, DK_FIELD, _("Proxy"), _("%s (from %s)"),
		    r->proxy.url, nz(r->proxy.source));
	else if (r->proxy.ran)
		doc_add(d, DK_FIELD, _("Proxy"), _("none, direct connection"));
}

/* Symptom, cause, origin, confidence and the reasons behind them. */
static void
build_verdict(const struct report_input *in, struct doc *d)
{
	const struct verdict *v = in->v;

	doc_add(d, DK_SECTION, NULL, _("Verdict"));
	if (v->summary)
		doc_add(d, DK_PARA, NULL, v->summary);
	doc_add(d, DK_FIELD, _("Symptom"), symptom_label(v->symptom));
	doc_add(d, DK_FIELD, _("Cause"), cause_label(v->cause));
	doc_add(d, DK_FIELD, _("Where"), origin_label(v->origin));
	doc_add(d, DK_FIELD, _("Confidence"),
	    _(confidence_labels[v->confidence <= CONF_HIGH ?
	    v->confidence : CONF_LOW]));
	doc_add(d, DK_FIELD, _("Who can fix it"),
	    escalate_label(v->escalate_to));
	if (v->nreasons == 0)
		return;
	doc_add(d, DK_SUBSECTION, NULL, _("Why"));
	for (size_t i = 0; i < v->nreasons; i++) {
		if (v->reasons[i].evidence)
			doc_addf(d, DK_ITEM, NULL, _("%s (evidence: %s)"),
			    nz(v->reasons[i].text), v->reasons[i].evidence);
		else
			doc_add(d, DK_ITEM, NULL, v->reasons[i].text);
	}
}

/* The phases a request reached, e.g. "connected 20.1 ms, TLS 41.0 ms". */
static char *
phases(const struct res_http *h)
{
	struct strbuf sb = STRBUF_INIT;

	sb_add(&sb, "");
	if (h->t_connect >= 0)
		sb_addf(&sb, _("connected %.1f ms"), h->t_connect);
	if (h->t_tls > 0)
		sb_addf(&sb, _(", TLS done %.1f ms"), h->t_tls);
	if (h->t_ttfb > 0)
		sb_addf(&sb, _(", first byte %.1f ms"), h->t_ttfb);
	if (h->t_total >= 0)
		sb_addf(&sb, _("%sended %.1f ms"), sb.len ? ", " : "",
		    h->t_total);
	sb_addf(&sb, _("%s%ld bytes received"), sb.len ? ", " : "",
	    h->bytes);
	return sb_detach(&sb);
}

/* One line per request with its start time to the millisecond. */
static void
build_timeline(const struct probe_results *r, struct doc *d)
{
	for (size_t i = 0; i < r->nhttp; i++) {
		const struct res_http *h = &r->http[i];
		char *ph;

		if (h->result == HTTP_NOT_RUN)
			continue;
		ph = phases(h);
		doc_addf(d, DK_ITEM, NULL, _("%s UTC, %s request to %s: %s "
		    "(%s)"), h->started ? h->started : _("unknown time"),
		    http_variant_name(h->variant), h->addr ? h->addr :
		    _("no address"), http_result_label(h->result), ph);
		free(ph);
	}
}

static const struct res_http *
main_http(const struct probe_results *r)
{
	const struct res_http *h = probe_results_http(r, HV_MAIN);

	return h ? h : (r->nhttp ? &r->http[0] : NULL);
}

/* For the ISP: the path and the times. */
static void
build_isp(const struct report_input *in, struct doc *d)
{
	const struct probe_results *r = in->r;
	const struct res_http *h = main_http(r);
	const struct res_locator *l = &r->locator;

	doc_add(d, DK_SECTION, NULL, _("For the Internet provider"));
	doc_addf(d, DK_PARA, NULL, _("From this connection, requests to %s "
	    "(port %d) end with: %s. The first test ran at %s UTC."),
	    target_host(r), r->target.port, h ?
	    http_result_label(h->result) : _("no request was made"),
	    nz(r->created));
	if (r->path.ran)
		doc_addf(d, DK_PARA, NULL, r->path.reached ?
		    _("The route to the server has %zu hops and reaches it.") :
		    _("The route was traced over %zu hops without reaching "
		    "the server."), r->path.nhops);
	if (l->ran && l->first_reset_ttl > 0)
		doc_addf(d, DK_PARA, NULL, _("A reset comes back when the "
		    "request may travel only %d hops, while the server is %d "
		    "hops away (0: unknown). The last hop that answers before "
		    "that is hop %d (%s). Please check what at or just after "
		    "that hop filters or resets these connections."),
		    l->first_reset_ttl, l->server_distance, l->near_hop_ttl,
		    l->near_hop_addr ? l->near_hop_addr : _("silent"));
	doc_add(d, DK_PARA, NULL, _("The requests and their times:"));
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

/* For the network admin: the injecting hop and what triggers it. */
static void
build_it(const struct report_input *in, struct doc *d)
{
	const struct probe_results *r = in->r;
	const struct res_locator *l = &r->locator;
	const struct res_http *n = probe_results_http(r, HV_NEUTRAL_SNI);
	const struct res_http *h = main_http(r);

	if (!n)
		n = probe_results_http(r, HV_NEUTRAL_HOST);
	doc_add(d, DK_SECTION, NULL,
	    _("For the network or security administrator"));
	doc_addf(d, DK_PARA, NULL, _("Connections to %s are reset when "
	    "%s is \"%s\"."), h && h->addr ? h->addr : target_host(r),
	    trigger_words(l->trigger), h && h->sni ? h->sni :
	    h && h->host_header ? h->host_header : target_host(r));
	if (n)
		doc_addf(d, DK_PARA, NULL, _("The same request to the same "
		    "address with the neutral name \"%s\" ended with: %s."),
		    n->sni ? n->sni : nz(n->host_header),
		    http_result_label(n->result));
	if (l->ran && l->first_reset_ttl > 0)
		doc_addf(d, DK_PARA, NULL, _("The reset is sent from near hop "
		    "%d (%s); the server is %d hops away (0: unknown)."),
		    l->near_hop_ttl, l->near_hop_addr ? l->near_hop_addr :
		    _("silent"), l->server_distance);
	if (l->ran && l->forged_detail)
		doc_addf(d, DK_PARA, NULL, _("How the reset differs from the "
		    "server's own packets: %s"), l->forged_detail);
	if (r->local.firewall_reset_rule == 1)
		doc_addf(d, DK_PARA, NULL, _("A firewall rule on this machine "
		    "matches: %s"), nz(r->local.firewall_detail));
	doc_add(d, DK_PARA, NULL, _("Please check the web filter, firewall "
	    "or proxy policy that applies to this name."));
}

/* For the site owner: the server-side end, to the millisecond. */
static void
build_site(const struct report_input *in, struct doc *d)
{
	const struct probe_results *r = in->r;
	const struct res_tls *t = &r->tls;

	doc_add(d, DK_SECTION, NULL, _("For the site owner"));
	doc_addf(d, DK_PARA, NULL, _("Requests from this client to %s port "
	    "%d ended as listed below. The times are UTC to the "
	    "millisecond so they can be matched with the logs of the "
	    "server, load balancer or CDN."), target_host(r),
	    r->target.port);
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

static void
build_audience(const struct report_input *in, struct doc *d)
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

/* A step's title from the checklist when it is known, else its id. */
static const char *
step_title(const struct checklist *cl, const char *id)
{
	if (cl && id)
		for (size_t i = 0; i < cl->nsteps; i++)
			if (cl->steps[i].id && cl->steps[i].title &&
			    strcmp(cl->steps[i].id, id) == 0)
				return _(cl->steps[i].title);
	return id ? id : _("(unnamed step)");
}

/* What the person already tried: each answer with its note and time. */
static void
build_tried(const struct report_input *in, struct doc *d)
{
	const struct session *s = in->s;

	if (!s || s->nanswers == 0)
		return;
	doc_add(d, DK_SECTION, NULL, _("What was already tried"));
	for (size_t i = 0; i < s->nanswers; i++) {
		const struct session_answer *a = &s->answers[i];
		const char *lab = _(answer_labels[a->answer <= ANS_SKIPPED ?
		    a->answer : ANS_NONE]);

		if (a->note && *a->note)
			doc_addf(d, DK_ITEM, NULL, _("%s: %s (%s). Note: %s"),
			    step_title(in->cl, a->step_id), lab,
			    nz(a->answered_at), a->note);
		else
			doc_addf(d, DK_ITEM, NULL, _("%s: %s (%s)"),
			    step_title(in->cl, a->step_id), lab,
			    nz(a->answered_at));
	}
}

/* The reproduction commands section (content.c). */
void
doc_build_commands(const struct report_input *in, struct doc *d)
{
	struct command cmds[COMMANDS_MAX];
	size_t n = commands_build(in->r, cmds, COMMANDS_MAX);

	if (n == 0)
		return;
	doc_add(d, DK_SECTION, NULL, _("Commands to reproduce this"));
	doc_add(d, DK_PARA, NULL, _("These commands repeat the tests by "
	    "hand. Run them from a machine on the same network to see the "
	    "same result."));
	for (size_t i = 0; i < n; i++) {
		doc_add(d, DK_PARA, NULL, cmds[i].why);
		doc_add(d, DK_CODE, NULL, cmds[i].line);
	}
	commands_free(cmds, n);
}

/* Fills d with the whole report for in (content.c). */
void
doc_build(const struct report_input *in, struct doc *d)
{
	build_header(in, d);
	build_verdict(in, d);
	build_audience(in, d);
	build_tried(in, d);
	doc_build_evidence(in, d);
	doc_build_commands(in, d);
}
