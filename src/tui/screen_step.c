/*
 * One step of the checklist: what to do and why, the automated check
 * behind it, and the answer buttons (fixed, didn't help, skip, note,
 * the step's action); the DNS flush is asked for here.
 */
#include "config.h"

#include "tui/screen.h"
#include "tui/body.h"
#include "tui/draw.h"
#include "core/i18n.h"
#include "core/xalloc.h"
#include "probe/flush.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct model_keyhelp help_step[] = {
	{ "f", N_("fixed it: the site works now") },
	{ "d", N_("didn't help: go to the next step") },
	{ "s", N_("skip this step (one key for settled steps)") },
	{ "n", N_("write a note for this step") },
	{ "a", N_("do the step's action (re-test, path, DNS)") },
	{ N_("Left, Right, Enter"), N_("choose and press a button") },
	{ N_("Up, Down"), N_("scroll the text") },
	{ N_("PgUp, PgDn, <, >"), N_("previous / next step without answering") },
	{ "r", N_("run the step's automated check again") },
	{ "c", N_("show the automated checks") },
	{ "v", N_("show the verdict") },
	{ "p", N_("show the network path") },
	{ N_("Esc"), N_("previous step") },
	{ NULL, NULL }
};

/* Where "didn't help"/"skipped" leads: the outcome's next step if later. */
static size_t
next_pos(const struct model *m, const struct cl_step *st, enum answer a)
{
	for (size_t i = 0; a == ANS_NOT_FIXED && i < st->noutcomes; i++) {
		const struct cl_outcome *o = &st->outcomes[i];

		if (!o->result || strcmp(o->result, "not_fixed") != 0 ||
		    !o->next)
			continue;
		for (size_t p = m->pos + 1; p < m->norder; p++)
			if (strcmp(m->cl->steps[m->order[p]].id, o->next) == 0)
				return p;
	}
	return m->pos + 1;
}

/* Records the answer to the current step and moves on. */
static int
answer_step(struct model *m, enum answer a)
{
	const struct cl_step *st = model_step(m);
	size_t next;

	if (!st)
		return 0;
	session_answer(m->s, st->id, a, m->note.buf);
	tf_set(&m->note, NULL);
	m->status[0] = '\0';
	if (a == ANS_FIXED) {
		m->s->finished = 1;
		m->screen = SCR_FIXED;
		m->scroll = 0;
		return IN_REDRAW | IN_SAVE;
	}
	next = next_pos(m, st, a);
	if (next < m->norder)
		return model_show_step(m, next);
	m->s->finished = 1;
	m->prev = SCR_STEP;
	m->screen = SCR_VERDICT;
	m->scroll = 0;
	return IN_REDRAW | IN_SAVE;
}

/* Label of a step action ("flush_dns" ...) for its button. */
const char *
model_action_label(const char *action)
{
	if (!action)
		return NULL;
	if (strcmp(action, "retest") == 0)
		return _("Re-test");
	if (strcmp(action, "path") == 0)
		return _("Show path");
	if (strcmp(action, "flush_dns") == 0)
		return _("Flush DNS");
	return NULL;
}

static int
step_action(struct model *m, const struct cl_step *st)
{
	const char *act = st ? st->action : NULL;
	char *text;

	if (!model_action_label(act))
		return 0;
	if (strcmp(act, "retest") == 0) {
		snprintf(m->check_id, sizeof(m->check_id), "http");
		snprintf(m->status, sizeof(m->status), "%s",
		    _("Re-testing the address now; the result shows below "
		    "and in the checks view."));
		return IN_RERUN | IN_REDRAW;
	}
	if (strcmp(act, "path") == 0) {
		if (model_find_check(m, "path"))
			return model_show_side(m, SCR_PATH);
		model_message(m, _("The path check is not available in this "
		    "build."));
		return IN_REDRAW;
	}
	text = model_flush_question(m);
	model_confirm(m, CF_FLUSH_DNS, text);
	free(text);
	return IN_REDRAW;
}

static int
press_button(struct model *m, int b)
{
	switch (b) {
	case BTN_FIXED: return answer_step(m, ANS_FIXED);
	case BTN_NOT_FIXED: return answer_step(m, ANS_NOT_FIXED);
	case BTN_SKIP: return answer_step(m, ANS_SKIPPED);
	case BTN_NOTE:
		m->overlay = OV_NOTE;
		tf_end(&m->note);
		return IN_REDRAW;
	case BTN_ACTION: return step_action(m, model_step(m));
	}
	return 0;
}

static int
move_button(struct model *m, int d)
{
	int nb = model_action_label(model_step(m) ? model_step(m)->action :
	    NULL) ? BTN_COUNT : BTN_ACTION;

	m->button = (m->button + d + nb) % nb;
	return IN_REDRAW;
}

static int
rerun_step_check(struct model *m)
{
	const struct cl_step *st = model_step(m);

	if (!st || !st->check)
		return 0;
	snprintf(m->check_id, sizeof(m->check_id), "%s", st->check);
	return IN_RERUN | IN_REDRAW;
}

/* Keys of a checklist step. */
static int
step_key(struct model *m, int key)
{
	switch (key) {
	case 'f': return press_button(m, BTN_FIXED);
	case 'd': return press_button(m, BTN_NOT_FIXED);
	case 's': return press_button(m, BTN_SKIP);
	case 'n': return press_button(m, BTN_NOTE);
	case 'a': return press_button(m, BTN_ACTION);
	case MK_ENTER: return press_button(m, m->button);
	case MK_LEFT: case MK_BTAB: return move_button(m, -1);
	case MK_RIGHT: case MK_TAB: return move_button(m, 1);
	case MK_UP:
		m->scroll = m->scroll > 0 ? m->scroll - 1 : 0;
		return IN_REDRAW;
	case MK_DOWN:
		m->scroll++;
		return IN_REDRAW;
	case MK_PGDN: case '>':
		if (m->pos + 1 >= m->norder)
			return 0;
		return model_show_step(m, m->pos + 1);
	case MK_PGUP: case '<':
		return m->pos > 0 ? model_show_step(m, m->pos - 1) : 0;
	case MK_ESC:
		if (m->pos > 0)
			return model_show_step(m, m->pos - 1);
		m->screen = SCR_CHECKS;
		return IN_REDRAW;
	case 'r': return rerun_step_check(m);
	case 'c': return model_show_side(m, SCR_CHECKS);
	case 'v': return model_show_side(m, SCR_VERDICT);
	case 'p': return model_show_side(m, SCR_PATH);
	}
	return 0;
}

/* A click on a button focuses it (its key then presses it). */
static void
step_select(struct model *m, int row)
{
	m->button = row;
}

/* The header: the step's section, and "step N of M". */
static void
step_where(const struct model *m, struct strbuf *sb)
{
	const struct cl_step *st = model_step(m);

	sb_add(sb, st ? cl_section_label(st->section) : _("Checklist"));
	if (!m->norder)
		return;
	sb_addf(sb, " | %s", _("step"));
	sb_addf(sb, _(" %zu of %zu"), m->pos + 1, m->norder);
}

/* The command that flushes the DNS cache on os, for a person to type. */
const char *
model_flush_os_command(enum cl_os os)
{
	switch (os) {
	case CL_OS_WINDOWS: return "ipconfig /flushdns";
	case CL_OS_MACOS:
		return "sudo dscacheutil -flushcache; "
		    "sudo killall -HUP mDNSResponder";
	default: return "resolvectl flush-caches";
	}
}

/* The cache names the local check found ("" when it found none). */
static const char *
found_caches(const struct probe_results *r)
{
	if (r->local.dns_caches && *r->local.dns_caches)
		return r->local.dns_caches;
	return r->local.resolver_kind ? r->local.resolver_kind : "";
}

/* The flush question; see model.h. */
char *
model_flush_question(const struct model *m)
{
	const struct res_check *lc = model_find_check(m, "local");
	char *plan = NULL, *what, *q;

	if (!m->r || !lc || lc->state != CHECK_DONE) {
		what = xstrdup(_("The check of this machine has not finished, "
		    "so its DNS cache is not known yet. connreset will wait "
		    "for it, then flush what it finds (resolvectl "
		    "flush-caches for systemd-resolved, nscd "
		    "--invalidate=hosts for nscd, a HUP signal for "
		    "dnsmasq)."));
	} else if ((plan = flush_plan_text(found_caches(m->r))) == NULL) {
		what = xasprintf(_("No local DNS cache was found on this "
		    "machine (resolver: %s). connreset will run nothing; it "
		    "asks the system for the name again and shows the "
		    "answer."), *found_caches(m->r) ? found_caches(m->r) :
		    _("unknown"));
	} else {
		what = xasprintf(_("DNS cache found on this machine: %s. "
		    "connreset will run: %s. If that needs administrator "
		    "rights, nothing changes and you get the exact sudo "
		    "command."), found_caches(m->r), plan);
	}
	if (m->s->role == ROLE_HELPDESK)
		q = xasprintf(_("%s\n\nThis is the machine connreset runs "
		    "on. On the caller's %s machine the command is: %s"
		    "\n\nFlush the DNS cache here now? (y/n)"), what,
		    model_os_label(m->s->os), model_flush_os_command(m->s->os));
	else
		q = xasprintf(_("%s\n\nFlush the DNS cache now? (y/n)"),
		    what);
	free(plan);
	free(what);
	return q;
}

static void
step_answer_lines(struct ui *u, struct body *b, const struct cl_step *st)
{
	const struct session_answer *a = session_find(&u->s, st->id);

	if (a)
		body_addf(b, A_BOLD, 0, "%s %s (%s)", _("Your answer:"),
		    answer_label(a->answer), a->answered_at);
	if (u->m.note.len)
		body_addf(b, A_NORMAL, 0, "%s %s", _("Note:"), u->m.note.buf);
}

/* On a flush step, once a flush was asked for: what it did. */
static void
step_flush_line(struct ui *u, struct body *b, const struct cl_step *st)
{
	const struct res_check *c = model_find_check(&u->m, "flush");
	char state[32];
	int attr;
	const char *mark;

	if (!st->action || strcmp(st->action, "flush_dns") != 0 || !c)
		return;
	mark = draw_check_mark(u, c, &attr);
	draw_check_state(u, c, state, sizeof(state));
	body_addf(b, attr, 0, "%s %s: %s%s%s", mark, _(c->title ? c->title :
	    c->id), state, c->summary ? " - " : "", c->summary ?
	    c->summary : "");
}

static void
step_body(struct ui *u, struct body *b, const struct cl_step *st)
{
	const struct res_check *c = model_step_check(&u->m, st);
	const char *brow = st->how_browser[u->s.browser];

	body_add(b, term_attr(TC_TITLE), 0, _(st->title));
	if (model_step_settled(&u->m, st))
		body_add(b, term_attr(TC_PASS), 0, _("Already settled: the "
		    "automated check passed. Press s to skip this step."));
	step_answer_lines(u, b, st);
	step_flush_line(u, b, st);
	body_add(b, A_NORMAL, 0, "");
	body_add(b, A_BOLD, 0, _("Why this helps"));
	body_add(b, A_NORMAL, 2, _(st->why));
	body_add(b, A_NORMAL, 0, "");
	body_addf(b, A_BOLD, 0, _("How to do it on %s"),
	    model_os_label(u->s.os));
	body_add(b, A_NORMAL, 2, st->how[u->s.os] ? _(st->how[u->s.os]) :
	    _("No instructions for this system: skip this step."));
	if (u->s.browser != CL_BR_ANY && brow) {
		body_add(b, A_NORMAL, 0, "");
		body_addf(b, A_BOLD, 0, _("In %s"),
		    model_browser_label(u->s.browser));
		body_add(b, A_NORMAL, 2, _(brow));
	}
	if (st->check) {
		char state[32] = "";
		int attr;

		body_add(b, A_NORMAL, 0, "");
		if (c) {
			const char *mark = draw_check_mark(u, c, &attr);

			draw_check_state(u, c, state, sizeof(state));
			body_addf(b, attr, 0, "%s %s %s: %s%s%s", mark,
			    _("Automated check:"), c->title ? _(c->title) :
			    c->id, state, c->summary ? " - " : "",
			    c->summary ? c->summary : "");
		} else {
			body_addf(b, A_DIM, 0, "%s %s: %s",
			    _("Automated check:"),
			    st->check, _("not run yet"));
		}
	}
}

static void
draw_step(struct ui *u, int top, int bottom)
{
	static const char *const labels[BTN_ACTION] = { N_("Fixed it (f)"),
		N_("Didn't help (d)"), N_("Skip (s)"), N_("Note (n)") };
	static const int keys[BTN_ACTION] = { 'f', 'd', 's', 'n' };
	const struct cl_step *st = model_step(&u->m);
	struct body b = BODY_INIT(COLS - 4);
	const char *act;
	int x = 2, gap, need = 0, rows;

	if (!st) {
		draw_put(top, 2, COLS - 4, A_NORMAL, _("The checklist is "
		    "empty."));
		return;
	}
	step_body(u, &b, st);
	act = model_action_label(st->action);
	/*
	 * The buttons in one row, with gaps if they fit (five need 82
	 * columns in English); when a translation makes them wider than the
	 * screen, the action button goes on a row of its own.
	 */
	for (int i = 0; i < BTN_ACTION; i++)
		need += (int)utf8_chars(_(labels[i]), strlen(_(labels[i]))) + 4;
	if (act)
		need += (int)utf8_chars(act, strlen(act)) + 8;
	gap = need + (act ? 4 : 3) <= COLS - 4 ? 1 : 0;
	rows = need > COLS - 4 ? 2 : 1;
	body_show(u, &b, top, bottom - 1 - rows);
	for (int i = 0; i < BTN_ACTION; i++)
		x += gap + draw_button(u, bottom - rows, x, _(labels[i]),
		    u->m.button == i, keys[i], i);
	if (act) {
		char *s = xasprintf("%s (a)", act);

		draw_button(u, bottom - 1, rows == 2 ? 2 : x, s,
		    u->m.button == BTN_ACTION, 'a', BTN_ACTION);
		free(s);
	}
}

const struct screen_ops screen_step = {
	.id = SCR_STEP,
	.title = N_("Checklist"),
	.where = step_where,
	.footer = N_("f fixed  d no help  s skip  n note  a action  "
	    "e export  ? keys  q quit"),
	.help = help_step,
	.key = step_key,
	.select = step_select,
	.draw = draw_step,
};
