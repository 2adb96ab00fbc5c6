#include "config.h"

#include "report/doc.h"

#include "core/i18n.h"
#include "core/strbuf.h"
#include "core/timeutil.h"
#include "core/xalloc.h"
#include "diag/names.h"
#include "probe/readings.h"
#include "report/commands.h"

#include <stdlib.h>
#include <string.h>

static const char *const answer_labels[] = { N_("not answered"),
	N_("this fixed it"), N_("this did not help"), N_("skipped"),
	N_("it works there"), N_("it fails there too"), N_("not tried") };

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

/*
 * Help-desk mode: who was helped, on what, and that the evidence was
 * measured from the helper's machine and network, not the caller's.
 */
static void
build_helped(const struct report_input *in, struct doc *d)
{
	static const char *const os[] = { "Windows", "macOS", "Linux",
		"Android", "iOS" };
	static const char *const br[] = { N_("not given"), "Chrome",
		"Firefox", "Edge", "Safari" };
	const struct session *s = in->s;

	if (!s || s->role != ROLE_HELPDESK)
		return;
	doc_add(d, DK_FIELD, _("Helped"), s->helped ? s->helped :
	    _("a caller (no name given)"));
	doc_add(d, DK_FIELD, _("Their system"), (size_t)s->os <
	    sizeof(os) / sizeof(*os) ? os[s->os] : "?");
	doc_add(d, DK_FIELD, _("Their browser"), (size_t)s->browser <
	    sizeof(br) / sizeof(*br) ? _(br[s->browser]) : "?");
	doc_add(d, DK_PARA, NULL, _("Where this was measured: the automated "
	    "checks ran on the helper's machine and network (above), not on "
	    "the caller's. What they show is the site as seen from here: a "
	    "filter, proxy or security software on the caller's device or "
	    "network is not seen from here, and a fault seen here may not be "
	    "the caller's. The caller's own answers are under \"What was "
	    "already tried\"."));
}

/*
 * What the person's own request sent (-X, -H, -d): the method, the names
 * of the headers added (never a value) and the body's size, never the
 * body. NULL for a plain GET. Owned by the caller.
 */
static char *
request_sent(const struct res_target *t)
{
	struct strbuf sb = STRBUF_INIT;

	if (!t->method)
		return NULL;
	sb_add(&sb, t->method);
	if (t->headers_sent) {
		sb_add(&sb, "; ");
		sb_addf(&sb, _("headers: %s"), t->headers_sent);
	}
	if (t->body_bytes > 0 || t->body_from) {
		sb_add(&sb, "; ");
		if (t->body_from)
			sb_addf(&sb, _("a %ld-byte body from %s"),
			    t->body_bytes, t->body_from);
		else
			sb_addf(&sb, _("a %ld-byte body"), t->body_bytes);
	}
	return sb_detach(&sb);
}

/* Title, time and the machine and network in general terms. */
static void
build_header(const struct report_input *in, struct doc *d)
{
	const struct probe_results *r = in->r;
	char *w = when(r->created), *sent;
	int hd = in->s && in->s->role == ROLE_HELPDESK;
	struct res_typed t;

	/* The report is about what the person typed, wherever it led. */
	probe_results_typed(r, &t);
	doc_addf(d, DK_TITLE, NULL, _("Connection report for %s"),
	    t.host && *t.host ? t.host : target_host(r));
	doc_build_glance(in, d);
	doc_build_path_figure(r, d);
	doc_add(d, DK_FIELD, _("Address"), t.url ? t.url : r->target.input);
	if (t.moved)
		doc_add(d, DK_FIELD, _("Redirected to"), r->target.url);
	res_typed_clear(&t);
	if ((sent = request_sent(&r->target)) != NULL)
		doc_add(d, DK_FIELD, _("Request sent"), sent);
	free(sent);
	doc_add(d, DK_FIELD, _("Tested at"), w);
	free(w);
	if (r->local.ran && r->local.os)
		doc_add(d, DK_FIELD, hd ? _("Helper's machine") : _("Machine"),
		    r->local.os);
	if (r->local.ran && r->local.iface_kind)
		doc_addf(d, DK_FIELD, hd ? _("Helper's network") :
		    _("Network"), "%s (%s)", r->local.iface_kind,
		    nz(r->local.iface));
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
	build_helped(in, d);
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
	    confidence_label(v->confidence));
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

	doc_add(d, DK_SECTION, NULL, _("What was already tried"));
	if (!s) {
		doc_add(d, DK_PARA, NULL, _("Nothing by hand: this report comes "
		    "from the automatic checks alone (batch mode), without the "
		    "guided checklist."));
		return;
	}
	if (s->nanswers == 0) {
		doc_add(d, DK_PARA, NULL, _("Nothing yet: no step of the guided "
		    "checklist was answered."));
		return;
	}
	for (size_t i = 0; i < s->nanswers; i++) {
		const struct session_answer *a = &s->answers[i];
		const char *lab = _(answer_labels[a->answer < ANS_COUNT ?
		    a->answer : ANS_NONE]);

		if (a->checks_said)
			doc_addf(d, DK_ITEM, NULL, _("%s: %s (%s), while the "
			    "automated checks still saw: %s"),
			    step_title(in->cl, a->step_id), lab,
			    nz(a->answered_at), a->checks_said);
		else if (a->note && *a->note)
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
	doc_build_timelines(in->r, d);
	doc_build_audience(in, d);
	build_tried(in, d);
	doc_build_evidence(in, d);
	doc_build_commands(in, d);
}
