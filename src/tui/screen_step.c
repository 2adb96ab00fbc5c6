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
#include "core/strbuf.h"
#include "core/textwrap.h"
#include "core/xalloc.h"
#include "tui/textfield.h"
#include "probe/flush.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct model_keyhelp help_step[] = {
	{ "f", N_("fixed it: the site works now") },
	{ "d", N_("didn't help: go to the next step") },
	{ "w, x, t", N_("on a test step: works there, fails there too, not "
	    "tried") },
	{ "s", N_("skip this step (one key for settled steps)") },
	{ "n", N_("write a note for this step") },
	{ "a", N_("do the step's action (re-test, path, DNS)") },
	{ N_("Enter"), N_("go on to the next step without answering") },
	{ N_("Left, Right, Space"), N_("choose a button and press it") },
	{ N_("Up, Down"), N_("scroll the text") },
	{ N_("PgUp, PgDn, <, >"), N_("previous / next step without answering") },
	{ "r", N_("run the step's automated check again") },
	{ "c", N_("show the automated checks") },
	{ "v", N_("show the verdict") },
	{ "p", N_("show the network path") },
	{ N_("Esc"), N_("previous step") },
	{ NULL, NULL }
};

/* Non-zero when step st has an outcome with this result. */
static int
has_outcome(const struct cl_step *st, const char *result)
{
	for (size_t i = 0; st && i < st->noutcomes; i++)
		if (st->outcomes[i].result &&
		    strcmp(st->outcomes[i].result, result) == 0)
			return 1;
	return 0;
}

/* Non-zero when st is a test step (answered "works/fails there"). */
int
model_test_step(const struct cl_step *st)
{
	return st && cl_step_is_test(st);
}

/* The buttons of step st, left to right; see model.h. */
int
model_step_buttons(const struct cl_step *st, int b[BTN_COUNT])
{
	int n = 0;

	if (!st)
		return 0;
	if (!model_test_step(st) || has_outcome(st, "fixed"))
		b[n++] = BTN_FIXED;
	if (!model_test_step(st) || has_outcome(st, "not_fixed"))
		b[n++] = BTN_NOT_FIXED;
	if (model_test_step(st)) {
		b[n++] = BTN_WORKS;
		if (has_outcome(st, "fails_there"))
			b[n++] = BTN_FAILS;
		if (has_outcome(st, "not_tried"))
			b[n++] = BTN_NOT_TRIED;
	}
	b[n++] = BTN_SKIP;
	b[n++] = BTN_NOTE;
	if (model_action_label(st->action))
		b[n++] = BTN_ACTION;
	return n;
}

/* Non-zero when step st shows button btn. */
static int
shows_button(const struct cl_step *st, int btn)
{
	int b[BTN_COUNT], n = model_step_buttons(st, b);

	for (int i = 0; i < n; i++)
		if (b[i] == btn)
			return 1;
	return 0;
}

/* The step's outcome for answer a, or NULL. */
static const struct cl_outcome *
outcome_of(const struct cl_step *st, enum answer a)
{
	const char *name = answer_name(a);

	for (size_t i = 0; i < st->noutcomes; i++)
		if (st->outcomes[i].result &&
		    strcmp(st->outcomes[i].result, name) == 0)
			return &st->outcomes[i];
	return NULL;
}

/* Position of step id after the current one, or 0 when not there. */
static size_t
later_pos(const struct model *m, const char *id)
{
	for (size_t p = m->pos + 1; id && p < m->norder; p++)
		if (strcmp(m->cl->steps[m->order[p]].id, id) == 0)
			return p;
	return 0;
}

/*
 * The evidence points at st: the verdict names it among its next steps,
 * or its automated check failed or warned.
 */
static int
evidence_points_at(const struct model *m, const struct cl_step *st)
{
	const struct res_check *c = model_step_check(m, st);

	for (size_t i = 0; m->v && i < m->v->nnext; i++)
		if (m->v->next_steps[i].step_id &&
		    strcmp(m->v->next_steps[i].step_id, st->id) == 0)
			return 1;
	return c && c->state == CHECK_DONE && (c->status == CS_FAIL ||
	    c->status == CS_WARN);
}

/*
 * Where an answer leads, following the evidence: the outcome's next step
 * (steps on the way that the evidence points at are not jumped over),
 * then past the steps the checks already settled. Each skip is said in
 * m->status.
 */
static size_t
next_pos(struct model *m, const struct cl_step *st, enum answer a)
{
	const struct cl_outcome *o = a != ANS_NONE ? outcome_of(st, a) : NULL;
	size_t to = m->pos + 1, jump = o ? later_pos(m, o->next) : 0;
	size_t ruled = 0, settled = 0;
	char ruled_txt[128] = "";

	if (jump > to) {
		for (size_t p = to; p < jump; p++)
			if (evidence_points_at(m, &m->cl->steps[m->order[p]])) {
				jump = p;
				break;
			}
		ruled = jump - to;
		if (ruled)
			snprintf(ruled_txt, sizeof(ruled_txt), "%s",
			    _(m->cl->steps[m->order[to]].title));
		to = jump;
	}
	while (to < m->norder && model_step_settled(m,
	    &m->cl->steps[m->order[to]]) &&
	    !session_find(m->s, m->cl->steps[m->order[to]].id)) {
		settled++;
		to++;
	}
	m->status[0] = '\0';
	if (ruled && settled)
		snprintf(m->status, sizeof(m->status), _("Skipping %zu steps "
		    "(from \"%s\"): your answer rules them out; and %zu "
		    "more: already settled by the checks."), ruled, ruled_txt,
		    settled);
	else if (ruled)
		snprintf(m->status, sizeof(m->status), ngettext("Skipping "
		    "%zu step (\"%s\"): your answer rules it out.", "Skipping "
		    "%zu steps (from \"%s\"): your answer rules them out.",
		    ruled), ruled, ruled_txt);
	else if (settled)
		snprintf(m->status, sizeof(m->status), ngettext("Skipping "
		    "%zu step: already settled by the checks.", "Skipping %zu "
		    "steps: already settled by the checks.", settled),
		    settled);
	return to;
}

/* After the last step: the verdict. */
static int
to_verdict(struct model *m)
{
	m->s->finished = 1;
	m->prev = SCR_STEP;
	m->screen = SCR_VERDICT;
	m->scroll = 0;
	return IN_REDRAW | IN_SAVE;
}

/* Records "fixed it"; said: what the checks still saw, or NULL. */
static int
record_fixed(struct model *m, const char *said)
{
	const struct cl_step *st = model_step(m);

	if (!st)
		return 0;
	session_answer(m->s, st->id, ANS_FIXED, m->note.buf);
	session_answer_despite(m->s, st->id, said);
	tf_set(&m->note, NULL);
	m->status[0] = '\0';
	m->s->finished = 1;
	m->screen = SCR_FIXED;
	m->scroll = 0;
	return IN_REDRAW | IN_SAVE;
}

/* "Fixed it" while the checks see a fault asks first; see model.h. */
int
model_fixed_confirmed(struct model *m)
{
	return record_fixed(m, m->fault[0] ? m->fault : NULL);
}

/* Records the answer to the current step and moves on. */
static int
answer_step(struct model *m, enum answer a)
{
	const struct cl_step *st = model_step(m);
	size_t next;

	if (!st)
		return 0;
	if (a == ANS_FIXED && m->fault[0]) {
		char *q = xasprintf(_("The checks still see a fault: %s.\n\n"
		    "Does the site work for %s now? Both are recorded: your "
		    "answer and what the checks saw. (y/n)"), m->fault,
		    m->s->role == ROLE_HELPDESK ? _("the caller") : _("you"));

		model_confirm(m, CF_FIXED, q);
		free(q);
		return IN_REDRAW;
	}
	if (a == ANS_FIXED)
		return record_fixed(m, NULL);
	session_answer(m->s, st->id, a, m->note.buf);
	tf_set(&m->note, NULL);
	next = next_pos(m, st, a);
	if (next < m->norder)
		return model_show_step(m, next) | IN_SAVE;
	return to_verdict(m);
}

/* Enter: on to the next step without an answer (past settled ones). */
static int
go_on(struct model *m)
{
	const struct cl_step *st = model_step(m);
	size_t next;

	if (!st)
		return 0;
	next = next_pos(m, st, ANS_NONE);
	if (next < m->norder) {
		char keep[sizeof(m->status)];
		int in;

		snprintf(keep, sizeof(keep), "%s", m->status);
		in = model_show_step(m, next);
		snprintf(m->status, sizeof(m->status), "%s", keep);
		return in;
	}
	return to_verdict(m);
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
	if (!shows_button(model_step(m), b))
		return 0;
	switch (b) {
	case BTN_FIXED: return answer_step(m, ANS_FIXED);
	case BTN_NOT_FIXED: return answer_step(m, ANS_NOT_FIXED);
	case BTN_SKIP: return answer_step(m, ANS_SKIPPED);
	case BTN_WORKS: return answer_step(m, ANS_WORKS_THERE);
	case BTN_FAILS: return answer_step(m, ANS_FAILS_THERE);
	case BTN_NOT_TRIED: return answer_step(m, ANS_NOT_TRIED);
	case BTN_NOTE:
		m->overlay = OV_NOTE;
		tf_end(&m->note);
		return IN_REDRAW;
	case BTN_ACTION: return step_action(m, model_step(m));
	}
	return 0;
}

/* Moves the focus along the step's buttons (from none: the first). */
static int
move_button(struct model *m, int d)
{
	int b[BTN_COUNT], n = model_step_buttons(model_step(m), b), at = -1;

	if (n == 0)
		return 0;
	for (int i = 0; i < n; i++)
		if (b[i] == m->button)
			at = i;
	if (at < 0)
		at = d > 0 ? 0 : n - 1;
	else
		at = (at + d + n) % n;
	m->button = b[at];
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
	case 'w': return press_button(m, BTN_WORKS);
	case 'x': return press_button(m, BTN_FAILS);
	case 't': return press_button(m, BTN_NOT_TRIED);
	/* Enter never answers: it goes on. Space presses the focused
	   button, which only Left/Right/Tab (or a click) focus. */
	case MK_ENTER: return go_on(m);
	case ' ': return m->button >= 0 ? press_button(m, m->button) : 0;
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

	sb_add(sb, st ? model_section_label(m, st->section) :
	    _("Checklist"));
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
	case CL_OS_ANDROID: case CL_OS_IOS:
		return _("airplane mode on, then off again (or restart the "
		    "phone)");
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

/* A checklist text with the real address in place of example.com. */
static void
add_real(struct ui *u, struct body *b, int attr, int indent,
    const char *text)
{
	char *t = model_real_address(&u->m, text);

	body_add(b, attr, indent, t);
	free(t);
}

/*
 * For the site owner on a server step: what to look for in the logs,
 * the times of the requests and the address they came from.
 */
static void
step_log_lines(struct ui *u, struct body *b, const struct cl_step *st)
{
	const struct probe_results *r = u->m.r;
	struct strbuf sb = STRBUF_INIT;
	const char *from = NULL;
	int from_port = 0, n = 0;

	if (u->s.role != ROLE_SITE_OWNER || st->section != CL_SERVER || !r)
		return;
	sb_add(&sb, "");
	for (size_t i = 0; i < r->nhttp && n < 5; i++) {
		const struct res_http *h = &r->http[i];

		if (h->variant != HV_MAIN || !h->started)
			continue;
		sb_addf(&sb, "%s%s", n ? ", " : "", h->started);
		if (!from && h->local_addr) {
			from = h->local_addr;
			from_port = h->local_port;
		}
		n++;
	}
	if (n == 0) {
		sb_free(&sb);
		return;
	}
	body_add(b, A_NORMAL, 0, "");
	body_add(b, A_BOLD, 0, _("To find these requests in your logs"));
	body_addf(b, A_NORMAL, 2, _("Times (UTC): %s."), sb.s);
	if (from)
		body_addf(b, A_NORMAL, 2, _("From: %s (port %d), this "
		    "machine's address. Behind NAT or a proxy your server sees "
		    "the public address of this network instead."), from,
		    from_port);
	sb_free(&sb);
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
	add_real(u, b, A_NORMAL, 2, _(st->why));
	body_add(b, A_NORMAL, 0, "");
	if (u->s.role == ROLE_HELPDESK && st->section != CL_SERVER)
		body_addf(b, A_BOLD, 0, _("What the caller does on %s"),
		    model_os_label(u->s.os));
	else
		body_addf(b, A_BOLD, 0, _("How to do it on %s"),
		    model_os_label(u->s.os));
	add_real(u, b, A_NORMAL, 2, _(cl_step_how(st, u->s.os)));
	if (u->s.browser != CL_BR_ANY && brow) {
		body_add(b, A_NORMAL, 0, "");
		body_addf(b, A_BOLD, 0, _("In %s"),
		    model_browser_label(u->s.browser));
		add_real(u, b, A_NORMAL, 2, _(brow));
	}
	step_log_lines(u, b, st);
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
		if (u->s.role == ROLE_HELPDESK)
			body_add(b, A_DIM, 2, _("(measured from this machine "
			    "and network, not the caller's)"));
	}
}

/* The label and key of a button. */
static const char *
button_label(int btn, const struct cl_step *st, int *key)
{
	static const char *const labels[BTN_COUNT] = { N_("Fixed it (f)"),
		N_("Didn't help (d)"), N_("Skip (s)"), N_("Note (n)"), NULL,
		N_("Works there (w)"), N_("Fails there too (x)"),
		N_("Not tried (t)") };
	static const int keys[BTN_COUNT] = { 'f', 'd', 's', 'n', 'a', 'w',
		'x', 't' };

	*key = keys[btn];
	if (btn == BTN_ACTION)
		return model_action_label(st->action);
	return _(labels[btn]);
}

static void
draw_step(struct ui *u, int top, int bottom)
{
	const struct cl_step *st = model_step(&u->m);
	struct body b = BODY_INIT(COLS - 4);
	int x = 2, gap = 1, btn[BTN_COUNT], n, width = 0, rows = 1, row;

	if (!st) {
		draw_put(top, 2, COLS - 4, A_NORMAL, _("The checklist is "
		    "empty."));
		return;
	}
	step_body(u, &b, st);
	n = model_step_buttons(st, btn);
	for (int i = 0; i < n; i++) {
		int key;
		const char *l = button_label(btn[i], st, &key);

		width += (int)text_width(l) + 4 +
		    (btn[i] == BTN_ACTION ? 4 : 0);
	}
	/*
	 * No gaps when narrow; when a translation makes the buttons wider
	 * than the screen, they take a second row instead of being cut.
	 */
	if (width + n > COLS - 4)
		gap = 0;
	if (width > COLS - 4)
		rows = 2;
	body_show(u, &b, top, bottom - 1 - rows);
	row = bottom - rows;
	for (int i = 0; i < n; i++) {
		int key;
		const char *l = button_label(btn[i], st, &key);
		char *s = btn[i] == BTN_ACTION ? xasprintf("%s (a)", l) :
		    xstrdup(l);
		int bw = (int)text_width(s) + 4;

		if (x > 2 && x + bw > COLS - 2 && row < bottom - 1) {
			row++;
			x = 2;
		}
		x += gap + draw_button(u, row, x, s,
		    u->m.button == btn[i], key, btn[i]);
		free(s);
	}
}

/* The footer names the step's own keys (no "a action" without one). */
const char *
model_step_footer(const struct model *m)
{
	const struct cl_step *st = model_step(m);
	int act = st && model_action_label(st->action);

	if (model_test_step(st))
		return act ? _("w works there  x fails there  t not tried  "
		    "a action  Enter next  ? keys  q quit") :
		    _("w works there  x fails there  t not tried  s skip  "
		    "n note  Enter next  ? keys  q quit");
	return act ? _("f fixed  d no help  s skip  n note  a action  "
	    "Enter next  ? keys  q quit") : _("f fixed  d no help  s skip  "
	    "n note  Enter next  e export  ? keys  q quit");
}

const struct screen_ops screen_step = {
	.id = SCR_STEP,
	.title = N_("Checklist"),
	.where = step_where,
	.footer = NULL,		/* model_step_footer() */
	.help = help_step,
	.key = step_key,
	.select = step_select,
	.draw = draw_step,
};
