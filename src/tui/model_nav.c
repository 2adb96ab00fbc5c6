/*
 * Moving through the wizard: the order of the steps, the step and
 * check shown, a resumed session, the side views and their shared keys.
 */
#include "config.h"

#include "tui/model_int.h"
#include "tui/screen.h"
#include "core/i18n.h"
#include "core/strbuf.h"
#include "core/xalloc.h"
#include "probe/readings.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Sections in the order a role walks them. */
static const enum cl_section order_default[CL_NSECTIONS] = {
	CL_CLIENT, CL_NETWORK, CL_SERVER, CL_ADVANCED
};
static const enum cl_section order_owner[CL_NSECTIONS] = {
	CL_SERVER, CL_CLIENT, CL_NETWORK, CL_ADVANCED
};

/* The step that asks to report the reset to the site owner: never
   shown to the site owner. */
#define STEP_REPORT_TO_OWNER "server.contact_site_owner"

/* Recomputes the order of steps for the session's role. */
void
model_order_steps(struct model *m)
{
	const enum cl_section *sec = m->s->role == ROLE_SITE_OWNER ?
	    order_owner : order_default;
	/* Only a step really shown stays put: a new case (or a new role)
	   starts at the role's first step. */
	const struct cl_step *keep = m->s->current_step ?
	    checklist_find(m->cl, m->s->current_step) : NULL;
	size_t n = 0;

	free(m->order);
	m->order = xcalloc(m->cl->nsteps + 1, sizeof(*m->order));
	for (int i = 0; i < CL_NSECTIONS; i++)
		for (size_t j = 0; j < m->cl->nsteps; j++) {
			const struct cl_step *st = &m->cl->steps[j];

			if (st->section != sec[i])
				continue;
			if (st->for_site_owner && m->s->role != ROLE_SITE_OWNER)
				continue;
			if (m->s->role == ROLE_SITE_OWNER &&
			    strcmp(st->id, STEP_REPORT_TO_OWNER) == 0)
				continue;
			/* A computer step on a phone it does not apply to. */
			if (!cl_step_applies(st, m->s->os))
				continue;
			m->order[n++] = j;
		}
	m->norder = n;
	m->pos = 0;
	for (size_t i = 0; keep && i < n; i++)
		if (&m->cl->steps[m->order[i]] == keep)
			m->pos = i;
}

/* The step shown (or NULL when none). */
const struct cl_step *
model_step(const struct model *m)
{
	if (!m->order || m->pos >= m->norder)
		return NULL;
	return &m->cl->steps[m->order[m->pos]];
}

/* The check with this id in the evidence, or NULL. */
const struct res_check *
model_find_check(const struct model *m, const char *id)
{
	if (!id || !m->r)
		return NULL;
	for (size_t i = 0; i < m->r->nchecks; i++)
		if (m->r->checks[i].id && strcmp(m->r->checks[i].id, id) == 0)
			return &m->r->checks[i];
	return NULL;
}

/* The check of the evidence backing step st, or NULL. */
const struct res_check *
model_step_check(const struct model *m, const struct cl_step *st)
{
	return st ? model_find_check(m, st->check) : NULL;
}

/* Non-zero when the evidence already settles the step (its check passed). */
int
model_step_settled(const struct model *m, const struct cl_step *st)
{
	const struct res_check *c = model_step_check(m, st);

	return c && c->state == CHECK_DONE && c->status == CS_PASS;
}

/* Puts the model where a resumed session left off. */
void
model_resume(struct model *m)
{
	const struct session_answer *a;

	tf_set(&m->url, m->s->input);
	model_order_steps(m);
	m->screen = m->s->input && *m->s->input ? SCR_CHECKS : SCR_START;
	if (!m->s->current_step)
		return;
	for (size_t i = 0; i < m->norder; i++)
		if (strcmp(m->cl->steps[m->order[i]].id,
		    m->s->current_step) == 0) {
			m->pos = i;
			m->screen = SCR_STEP;
		}
	a = session_find(m->s, m->s->current_step);
	if (a && a->answer == ANS_FIXED)
		m->screen = SCR_FIXED;
	if (a && a->note)
		tf_set(&m->note, a->note);
}

static const char *const os_labels[] = { "Windows", "macOS", "Linux",
	"Android", "iOS" };
static const char *const browser_labels[CL_NBROWSERS] = { N_("other browser"),
	"Chrome", "Firefox", "Edge", "Safari" };

/* Name of an operating system for screens ("Windows", ...). */
const char *
model_os_label(enum cl_os os)
{
	return (unsigned)os < CL_NOS_ALL && (size_t)os < sizeof(os_labels) /
	    sizeof(*os_labels) ? os_labels[os] : "?";
}

/* Name of a browser for screens ("Chrome", ..., "other browser"). */
const char *
model_browser_label(enum cl_browser b)
{
	return (unsigned)b < CL_NBROWSERS ? _(browser_labels[b]) : "?";
}

/* Shows step pos and remembers it in the session. */
int
model_show_step(struct model *m, size_t pos)
{
	const struct cl_step *st;
	const struct session_answer *a;

	if (pos >= m->norder)
		return 0;
	m->pos = pos;
	m->screen = SCR_STEP;
	m->button = -1;		/* Enter goes on: no answer has the focus */
	m->scroll = 0;
	st = model_step(m);
	a = session_find(m->s, st->id);
	tf_set(&m->note, a ? a->note : NULL);
	xstrset(&m->s->current_step, st->id);
	return IN_REDRAW | IN_SAVE;
}

/* Shows a side view (verdict, summary, path), remembering where from. */
int
model_show_side(struct model *m, enum screen_id scr)
{
	if (!screen_of(m->screen)->side)
		m->prev = m->screen;
	m->screen = scr;
	m->scroll = 0;
	return IN_REDRAW;
}

/* Shows the current step again, or the checks when there are no steps. */
int
model_back_to_steps(struct model *m)
{
	if (m->norder)
		return model_show_step(m, m->pos);
	m->screen = SCR_CHECKS;
	return IN_REDRAW;
}

/* Key help of the verdict, summary and success views. */
const struct model_keyhelp model_help_side[] = {
	{ N_("Up, Down, PgUp, PgDn"), N_("scroll") },
	{ N_("Enter, s"), N_("show the case summary") },
	{ "v", N_("show the verdict") },
	{ "p", N_("show the network path") },
	{ "c", N_("show the automated checks") },
	{ N_("Esc"), N_("go back") },
	{ NULL, NULL }
};

/* Keys every side view has: scroll, other views, Esc back. */
int
model_side_key(struct model *m, int key)
{
	switch (key) {
	case MK_UP:
		m->scroll = m->scroll > 0 ? m->scroll - 1 : 0;
		return IN_REDRAW;
	case MK_DOWN:
		m->scroll++;
		return IN_REDRAW;
	case MK_PGUP:
		m->scroll = m->scroll > 10 ? m->scroll - 10 : 0;
		return IN_REDRAW;
	case MK_PGDN:
		m->scroll += 10;
		return IN_REDRAW;
	case MK_ENTER: case 's':
		return model_show_side(m, SCR_SUMMARY);
	case 'v': return model_show_side(m, SCR_VERDICT);
	case 'p': return model_show_side(m, SCR_PATH);
	case 'c':
		m->screen = SCR_CHECKS;
		return IN_REDRAW;
	case MK_ESC:
		if (m->prev == m->screen)
			return model_back_to_steps(m);
		m->screen = m->prev;
		m->scroll = 0;
		return IN_REDRAW;
	}
	return 0;
}

/* The section's title for this role ("The caller's device" ...). */
const char *
model_section_label(const struct model *m, enum cl_section s)
{
	if (m->s->role == ROLE_HELPDESK && s == CL_CLIENT)
		return _("The caller's device");
	if (m->s->role == ROLE_HELPDESK && s == CL_NETWORK)
		return _("The caller's network");
	if (m->s->role == ROLE_SITE_OWNER && s == CL_SERVER)
		return _("Your server");
	return cl_section_label(s);
}

/* The host the case is about: from the evidence, else from the input. */
static char *
case_host(const struct model *m, int *port)
{
	const char *in = m->s->input ? m->s->input : "";

	*port = 0;
	if (m->r && m->r->target.host) {
		/* What was typed, not where its redirects lead. */
		struct res_typed t;
		char *h;

		probe_results_typed(m->r, &t);
		*port = t.port;
		h = xstrdup(t.host && *t.host ? t.host : m->r->target.host);
		res_typed_clear(&t);
		return h;
	}
	return res_address_host(in, port);
}

/* The header's case line: target and role (owned by the caller). */
char *
model_case_tag(const struct model *m)
{
	const struct session *s = m->s;
	int port;
	char *host = case_host(m, &port), *tag;

	if (!*host) {
		free(host);
		host = xstrdup(_("no address yet"));
	}
	if (s->role == ROLE_HELPDESK && s->helped)
		tag = xasprintf(_("%s | helping %s: %s, %s"), host, s->helped,
		    model_os_label(s->os), model_browser_label(s->browser));
	else if (s->role == ROLE_HELPDESK)
		tag = xasprintf(_("%s | helping: %s, %s"), host,
		    model_os_label(s->os), model_browser_label(s->browser));
	else if (s->role == ROLE_SITE_OWNER)
		tag = xasprintf(_("%s | your site"), host);
	else
		tag = xasprintf(_("%s | this device: %s, %s"), host,
		    model_os_label(s->os), model_browser_label(s->browser));
	free(host);
	return tag;
}

/* Appends text to sb with every from replaced by to. */
static char *
replace_all(const char *text, const char *from, const char *to)
{
	struct strbuf sb = STRBUF_INIT;
	const char *p = text, *q;
	size_t n = strlen(from);

	sb_add(&sb, "");
	while ((q = strstr(p, from)) != NULL) {
		sb_addf(&sb, "%.*s%s", (int)(q - p), p, to);
		p = q + n;
	}
	sb_add(&sb, p);
	return sb.s;
}

/* text with the placeholder address replaced by the real one (owned). */
char *
model_real_address(const struct model *m, const char *text)
{
	int port;
	char *host = case_host(m, &port), *url, *hp, *a, *b, *c;
	const char *u = m->r && m->r->target.url ? m->r->target.url :
	    m->s->input;

	if (!text)
		text = "";
	if (!*host || !u) {
		free(host);
		return xstrdup(text);
	}
	if (m->r && m->r->target.host) {
		free(host);
		return cl_text_fill(text, &m->r->target);
	}
	url = xstrdup(u);
	hp = xasprintf("%s:%d", host, port > 0 ? port : 443);
	a = replace_all(text, "https://example.com/", url);
	b = replace_all(a, "example.com:443", hp);
	c = replace_all(b, "example.com", host);
	free(a);
	free(b);
	free(url);
	free(hp);
	free(host);
	return c;
}
