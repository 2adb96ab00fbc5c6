/* What the keys do on each screen: first screen, checks, steps, side views. */
#include "config.h"

#include "tui/model.h"
#include "core/i18n.h"
#include "core/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int model_start_key(struct model *m, int key);
int model_checks_key(struct model *m, int key);
int model_step_key(struct model *m, int key);
int model_side_key(struct model *m, int key);

/* Sections in the order a role walks them. */
static const enum cl_section order_default[CL_NSECTIONS] = {
	CL_CLIENT, CL_NETWORK, CL_SERVER, CL_ADVANCED
};
static const enum cl_section order_owner[CL_NSECTIONS] = {
	CL_SERVER, CL_CLIENT, CL_NETWORK, CL_ADVANCED
};

/* Recomputes the order of steps for the session's role. */
void
model_order_steps(struct model *m)
{
	const enum cl_section *sec = m->s->role == ROLE_SITE_OWNER ?
	    order_owner : order_default;
	const struct cl_step *keep = model_step(m);
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

/* Cycles a choice field of the first screen. */
static void
start_cycle(struct model *m, int d)
{
	struct session *s = m->s;

	switch (m->field) {
	case START_SEEN:
		s->seen = (enum seen)(((int)s->seen + d + 4) % 4);
		break;
	case START_ROLE:
		s->role = (enum role)(((int)s->role + d + 3) % 3);
		model_order_steps(m);
		break;
	case START_OS:
		s->os = (enum cl_os)(((int)s->os + d + CL_NOS) % CL_NOS);
		break;
	case START_BROWSER:
		s->browser = (enum cl_browser)(((int)s->browser + d +
		    CL_NBROWSERS) % CL_NBROWSERS);
		break;
	}
}

/* Non-zero when a field of the first screen is shown for this role. */
int
model_start_visible(const struct model *m, int field)
{
	if (field == START_OS)
		return m->s->role == ROLE_HELPDESK;
	if (field == START_BROWSER)
		return m->s->role != ROLE_SITE_OWNER;
	return field >= 0 && field < START_NFIELDS;
}

static void
start_move(struct model *m, int d)
{
	int f = m->field;

	do
		f += d;
	while (f >= 0 && f < START_NFIELDS && !model_start_visible(m, f));
	if (f >= 0 && f < START_NFIELDS)
		m->field = f;
}

/* Takes the address and moves on to the checks; asks for a sweep. */
static int
start_submit(struct model *m)
{
	char *url = xstrdup(m->url.buf);
	size_t a = 0, b = strlen(url);

	while (url[a] == ' ')
		a++;
	while (b > a && url[b - 1] == ' ')
		b--;
	url[b] = '\0';
	if (url[a] == '\0') {
		xstrset(&m->start_error, _("Type the address that fails, "
		    "for example https://example.com/"));
		m->field = START_URL;
		free(url);
		return IN_REDRAW;
	}
	xstrset(&m->s->input, url + a);
	free(url);
	free(m->start_error);
	m->start_error = NULL;
	model_order_steps(m);
	m->screen = SCR_CHECKS;
	return IN_REDRAW | IN_SAVE | IN_SWEEP;
}

/* Keys of the first screen. */
int
model_start_key(struct model *m, int key)
{
	if (key == MK_UP || key == MK_BTAB || key == MK_DOWN ||
	    key == MK_TAB) {
		start_move(m, (key == MK_UP || key == MK_BTAB) ? -1 : 1);
		return IN_REDRAW;
	}
	if (key == MK_ENTER) {
		if (m->field == START_GO)
			return start_submit(m);
		start_move(m, 1);
		return IN_REDRAW;
	}
	if (m->field == START_URL)
		return tf_key(&m->url, key) ? IN_REDRAW : 0;
	if (m->field == START_GO)
		return 0;
	if (key == MK_LEFT || key == MK_RIGHT || key == ' ') {
		start_cycle(m, key == MK_LEFT ? -1 : 1);
		return IN_REDRAW | IN_SAVE;
	}
	return 0;
}

static const struct res_check *
selected_check(const struct model *m)
{
	if (!m->r || m->check_sel < 0 || (size_t)m->check_sel >= m->r->nchecks)
		return NULL;
	return &m->r->checks[m->check_sel];
}

static int
check_intent(struct model *m, const struct res_check *c, int in)
{
	if (!c || !c->id)
		return 0;
	snprintf(m->check_id, sizeof(m->check_id), "%s", c->id);
	return in | IN_REDRAW;
}

/* Keys of the live checks view. */
int
model_checks_key(struct model *m, int key)
{
	const struct res_check *c = selected_check(m);
	int n = m->r ? (int)m->r->nchecks : 0;

	switch (key) {
	case MK_UP:
		m->check_sel = m->check_sel > 0 ? m->check_sel - 1 : 0;
		return IN_REDRAW;
	case MK_DOWN:
		if (m->check_sel + 1 < n)
			m->check_sel++;
		return IN_REDRAW;
	case 'r':
		return check_intent(m, c, IN_RERUN);
	case 'x':
		if (c && c->state == CHECK_RUNNING)
			return check_intent(m, c, IN_CANCEL);
		snprintf(m->status, sizeof(m->status), "%s",
		    _("Only a running check can be cancelled."));
		return IN_REDRAW;
	case MK_ENTER: case MK_TAB: case MK_RIGHT:
		if (m->norder == 0)
			return model_show_side(m, SCR_VERDICT);
		return model_show_step(m, m->pos);
	case 'v': return model_show_side(m, SCR_VERDICT);
	case 's': return model_show_side(m, SCR_SUMMARY);
	case 'p': return model_show_side(m, SCR_PATH);
	case MK_ESC:
		m->screen = SCR_START;
		return IN_REDRAW;
	}
	return 0;
}

static const char *const os_labels[CL_NOS] = { "Windows", "macOS", "Linux" };
static const char *const browser_labels[CL_NBROWSERS] = { N_("other browser"),
	"Chrome", "Firefox", "Edge", "Safari" };

/* Name of an operating system for screens ("Windows", ...). */
const char *
model_os_label(enum cl_os os)
{
	return (unsigned)os < CL_NOS ? os_labels[os] : "?";
}

/* Name of a browser for screens ("Chrome", ..., "other browser"). */
const char *
model_browser_label(enum cl_browser b)
{
	return (unsigned)b < CL_NBROWSERS ? _(browser_labels[b]) : "?";
}
