/* The draw part of each screen's init/draw/key trio. */
#include "config.h"

#include "tui/casesum.h"
#include "tui/draw.h"
#include "tui/textfield.h"
#include "core/i18n.h"
#include "core/loop.h"
#include "core/xalloc.h"
#include "diag/names.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

/* Scrollable body text: wrapped lines with their attributes. */
struct body {
	char **lines;
	int *attrs;
	int *indent;
	size_t n;
	int width;
};

static void
body_add(struct body *b, int attr, int indent, const char *text)
{
	size_t n;
	char **l = wrap_text(text ? text : "", b->width - indent, &n);

	b->lines = xrealloc(b->lines, (b->n + n) * sizeof(*b->lines));
	b->attrs = xrealloc(b->attrs, (b->n + n) * sizeof(*b->attrs));
	b->indent = xrealloc(b->indent, (b->n + n) * sizeof(*b->indent));
	for (size_t i = 0; i < n; i++) {
		b->lines[b->n] = l[i];
		b->attrs[b->n] = attr;
		b->indent[b->n++] = indent;
	}
	free(l);
}

static void
body_addf(struct body *b, int attr, int indent, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static void
body_addf(struct body *b, int attr, int indent, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	body_add(b, attr, indent, s);
	free(s);
}

/* Prints the body from m.scroll (clamped) between rows top and bottom. */
static void
body_show(struct ui *u, struct body *b, int top, int bottom)
{
	int rows = bottom - top, max = (int)b->n - rows;

	if (max < 0)
		max = 0;
	if (u->m.scroll > max)
		u->m.scroll = max;
	for (int i = 0; i < rows && (size_t)(u->m.scroll + i) < b->n; i++) {
		int k = u->m.scroll + i;

		draw_put(top + i, 2 + b->indent[k], b->width - b->indent[k],
		    b->attrs[k], b->lines[k]);
	}
	if (max > 0)
		draw_put(bottom - 1, COLS - 12, 10, A_DIM,
		    u->m.scroll < max ? _("more v") : _("end ^"));
	wrap_free(b->lines, b->n);
	free(b->attrs);
	free(b->indent);
}

static const char *
start_value(const struct ui *u, int f)
{
	switch (f) {
	case START_SEEN: return seen_label(u->s.seen);
	case START_ROLE: return role_label(u->s.role);
	case START_OS: return model_os_label(u->s.os);
	case START_BROWSER: return model_browser_label(u->s.browser);
	}
	return "";
}

static void
draw_start(struct ui *u, int top, int bottom)
{
	static const char *const q[START_NFIELDS] = {
		N_("What do you see in the browser?"),
		N_("Address of the site:"),
		N_("Who is running connreset?"),
		N_("Their operating system:"),
		N_("Browser:"), NULL
	};
	int y = top + 1;

	for (int f = 0; f < START_NFIELDS; f++) {
		int foc = u->m.field == f && u->m.overlay == OV_NONE;
		char *v;

		if (!model_start_visible(&u->m, f))
			continue;
		if (f == START_GO) {
			draw_button(u, y + 1, 36, _("Start"), foc, MK_ENTER, f);
			y += 3;
			continue;
		}
		draw_put(y, 2, 33, foc ? A_BOLD : A_NORMAL, _(q[f]));
		model_hit(&u->m, y, 2, 34, 0, f);
		if (f == START_URL) {
			draw_field(u, y, 36, COLS - 38, &u->m.url, foc);
			model_hit(&u->m, y, 36, COLS - 2, 0, f);
		} else {
			v = xasprintf("< %s >", start_value(u, f));
			draw_put(y, 36, COLS - 38, foc ? A_REVERSE : A_NORMAL,
			    v);
			model_hit(&u->m, y, 36, 36 + 40, ' ', f);
			free(v);
		}
		y += 2;
	}
	if (u->m.start_error)
		y += 1 + draw_wrapped(y, bottom, 2, COLS - 4,
		    term_attr(TC_FAIL), u->m.start_error, 0);
	draw_wrapped(y, bottom, 2, COLS - 4, A_NORMAL, _("connreset checks "
	    "the address in the background while you answer. Then it walks "
	    "you through the checklist one step at a time and tells you "
	    "where the reset comes from and whom to ask for help. "
	    "Everything is saved as you go."), 0);
}

static void
check_state_text(const struct ui *u, const struct res_check *c, char *buf,
    size_t len)
{
	switch (c->state) {
	case CHECK_QUEUED: snprintf(buf, len, "%s", _("queued")); break;
	case CHECK_RUNNING:
		snprintf(buf, len, "%.1fs", (loop_now_ms() - c->started_mono) /
		    1000.0);
		break;
	case CHECK_CANCELLED: snprintf(buf, len, "%s", _("cancelled")); break;
	case CHECK_DONE:
		snprintf(buf, len, "%s", check_status_label(c->status));
		break;
	}
}

/* Title column width: the longest title present, within limits. */
static int
title_width(const struct ui *u, int w)
{
	const struct probe_results *r = u->m.r;
	int tw = 12, max = COLS >= 120 ? 46 : w - 9 - 4 - 20;

	for (size_t i = 0; r && i < r->nchecks; i++) {
		const struct res_check *c = &r->checks[i];
		const char *t = c->title ? _(c->title) : c->id;
		int n = t ? (int)utf8_chars(t, strlen(t)) : 0;

		if (n > tw)
			tw = n;
	}
	return tw > max ? max : tw;
}

/* One line of the checks list; also used inline on a step. */
void
draw_check_line(struct ui *u, int y, int x, const struct res_check *c,
    int sel)
{
	char st[32];
	/* Mark, title, state (9 columns), summary: all within w. */
	int attr, w = COLS - x - 2, tw = title_width(u, w);
	const char *mark = draw_check_mark(u, c, &attr);

	check_state_text(u, c, st, sizeof(st));
	if (sel) {
		attron(A_REVERSE);
		mvhline(y, x, ' ', w);
		attroff(A_REVERSE);
		attr |= A_REVERSE;
	}
	draw_put(y, x, 2, attr, mark);
	draw_put(y, x + 2, tw, sel ? A_REVERSE : A_BOLD,
	    c->title ? _(c->title) : c->id);
	draw_put(y, x + tw + 3, 9, attr, st);
	draw_put(y, x + tw + 13, w - tw - 13, sel ? A_REVERSE : A_NORMAL,
	    c->summary ? c->summary : "");
}

static void
draw_checks(struct ui *u, int top, int bottom)
{
	const struct probe_results *r = u->m.r;
	const struct res_check *sc;
	int rows, first = 0, y;

	if (!r || r->nchecks == 0) {
		draw_wrapped(top, bottom, 2, COLS - 4, A_NORMAL,
		    u->sw ? _("Starting the checks...") :
		    _("No checks are running: go back (Esc) and type the "
		    "address."), 0);
		return;
	}
	y = top + 1 + draw_wrapped(top, bottom, 2, COLS - 4, A_NORMAL,
	    _("Every automated check of the address, live. Enter goes on "
	    "to the guided checklist."), 0);
	/* Three rows under the list show the selected check in full. */
	rows = bottom - y - 4;
	if (rows < 3)
		rows = 3;
	if (u->m.check_sel >= rows)
		first = u->m.check_sel - rows + 1;
	for (int i = first; (size_t)i < r->nchecks && i - first < rows;
	    i++, y++) {
		draw_check_line(u, y, 2, &r->checks[i], i == u->m.check_sel);
		model_hit(&u->m, y, 2, COLS - 2, 0, i);
	}
	sc = u->m.check_sel >= 0 && (size_t)u->m.check_sel < r->nchecks ?
	    &r->checks[u->m.check_sel] : NULL;
	if (sc && sc->summary && y + 1 < bottom)
		draw_wrapped(y + 1, bottom, 4, COLS - 6, A_DIM, sc->summary,
		    0);
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
	check_state_text(u, c, state, sizeof(state));
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

			check_state_text(u, c, state, sizeof(state));
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
	struct body b = { NULL, NULL, NULL, 0, COLS - 4 };
	const char *act;
	int x = 2, gap;

	if (!st) {
		draw_put(top, 2, COLS - 4, A_NORMAL, _("The checklist is "
		    "empty."));
		return;
	}
	step_body(u, &b, st);
	body_show(u, &b, top, bottom - 2);
	act = model_action_label(st->action);
	/* Five buttons need 82 columns with gaps: no gaps when narrow. */
	gap = act && COLS < 84 ? 0 : 1;
	for (int i = 0; i < BTN_ACTION; i++)
		x += gap + draw_button(u, bottom - 1, x, _(labels[i]),
		    u->m.button == i, keys[i], i);
	if (act) {
		char *s = xasprintf("%s (a)", act);

		draw_button(u, bottom - 1, x, s, u->m.button == BTN_ACTION,
		    'a', BTN_ACTION);
		free(s);
	}
}

static void
draw_verdict(struct ui *u, int top, int bottom)
{
	struct body b = { NULL, NULL, NULL, 0, COLS - 4 };
	const struct verdict *v = &u->v;
	char *loc;

	if (!u->have_v) {
		draw_put(top, 2, COLS - 4, A_NORMAL, _("No evidence yet: the "
		    "checks are still starting."));
		return;
	}
	body_add(&b, term_attr(TC_TITLE), 0, v->summary ? v->summary : "");
	body_add(&b, A_NORMAL, 0, "");
	body_addf(&b, A_NORMAL, 0, "%-12s %s", _("Symptom:"),
	    symptom_label(v->symptom));
	body_addf(&b, A_NORMAL, 0, "%-12s %s", _("Cause:"),
	    cause_label(v->cause));
	body_addf(&b, A_NORMAL, 0, "%-12s %s", _("Origin:"),
	    origin_label(v->origin));
	body_addf(&b, A_NORMAL, 0, "%-12s %s", _("Confidence:"),
	    confidence_name(v->confidence));
	body_addf(&b, A_BOLD, 0, "%-12s %s", _("Escalate to:"),
	    escalate_label(v->escalate_to));
	if ((loc = draw_locator_text(u->m.r)) != NULL) {
		body_addf(&b, A_BOLD, 0, "%-12s %s %s", _("Located:"), loc,
		    _("(p shows the path)"));
		free(loc);
	}
	body_add(&b, A_NORMAL, 0, "");
	body_add(&b, A_BOLD, 0, _("Why we think so"));
	for (size_t i = 0; i < v->nreasons; i++)
		body_addf(&b, A_NORMAL, 2, "- %s [%s]", v->reasons[i].text,
		    v->reasons[i].evidence ? v->reasons[i].evidence : "-");
	body_add(&b, A_NORMAL, 0, "");
	body_add(&b, A_BOLD, 0, _("What to do next"));
	for (size_t i = 0; i < v->nnext; i++)
		body_addf(&b, A_NORMAL, 2, "- %s", v->next_steps[i].text);
	if (!u->sweep_finished)
		body_add(&b, A_DIM, 0, _("(Checks are still running: this can "
		    "still change.)"));
	body_show(u, &b, top, bottom);
}

static void
draw_summary(struct ui *u, int top, int bottom)
{
	size_t n;
	char **l = casesum_lines(&u->s, &u->cl, u->m.r, u->have_v ? &u->v :
	    NULL, COLS - 4, bottom - top, &n);

	for (size_t i = 0; i < n; i++)
		draw_put(top + (int)i, 2, COLS - 4, i == 0 ?
		    term_attr(TC_TITLE) : (int)A_NORMAL, l[i]);
	wrap_free(l, n);
}

static void
draw_fixed(struct ui *u, int top, int bottom)
{
	struct body b = { NULL, NULL, NULL, 0, COLS - 4 };
	const struct cl_step *st = model_step(&u->m);
	const struct session_answer *a = st ? session_find(&u->s, st->id) :
	    NULL;

	body_add(&b, term_attr(TC_PASS), 0, _("Good news: it works again."));
	body_add(&b, A_NORMAL, 0, "");
	if (st)
		body_addf(&b, A_BOLD, 0, "%s %s", _("What fixed it:"),
		    _(st->title));
	if (a && a->note)
		body_addf(&b, A_NORMAL, 2, "%s %s", _("Note:"), a->note);
	body_addf(&b, A_NORMAL, 0, _("Steps answered: %zu."),
	    u->s.nanswers);
	body_add(&b, A_NORMAL, 0, "");
	body_add(&b, A_NORMAL, 0, _("Press e to export a report of what was "
	    "found and what fixed it, Enter for the case summary, Esc to go "
	    "back to the step, q to quit."));
	body_show(u, &b, top, bottom);
}

/* Draws the body of the current screen between rows top and bottom. */
void
draw_screen(struct ui *u, int top, int bottom)
{
	switch (u->m.screen) {
	case SCR_START: draw_start(u, top, bottom); break;
	case SCR_CHECKS: draw_checks(u, top, bottom); break;
	case SCR_STEP: draw_step(u, top, bottom); break;
	case SCR_VERDICT: draw_verdict(u, top, bottom); break;
	case SCR_SUMMARY: draw_summary(u, top, bottom); break;
	case SCR_FIXED: draw_fixed(u, top, bottom); break;
	case SCR_PATH: draw_path(u, top, bottom); break;
	case SCR_COUNT: break;
	}
}
