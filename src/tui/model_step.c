/* Checklist steps: answers, actions, side views, export names. */
#include "config.h"

#include "tui/model.h"
#include "core/i18n.h"
#include "core/xalloc.h"
#include "probe/flush.h"
#include "report/report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int model_step_key(struct model *m, int key);
int model_side_key(struct model *m, int key);

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
	m->button = BTN_FIXED;
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
	if (m->screen != SCR_VERDICT && m->screen != SCR_SUMMARY &&
	    m->screen != SCR_PATH)
		m->prev = m->screen;
	m->screen = scr;
	m->scroll = 0;
	return IN_REDRAW;
}

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
int
model_step_key(struct model *m, int key)
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

/* Keys of the verdict, summary, success and path views. */
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
		if (m->screen == SCR_SUMMARY)
			return 0;
		return model_show_side(m, SCR_SUMMARY);
	case 'v': return model_show_side(m, SCR_VERDICT);
	case 'p': return model_show_side(m, SCR_PATH);
	case 'r':
		if (m->screen != SCR_PATH || !model_find_check(m, "path"))
			return 0;
		snprintf(m->check_id, sizeof(m->check_id), "path");
		snprintf(m->status, sizeof(m->status), "%s",
		    _("Tracing the path again."));
		return IN_RERUN | IN_REDRAW;
	case 'c':
		m->screen = SCR_CHECKS;
		return IN_REDRAW;
	case MK_ESC:
		if (m->screen == SCR_FIXED || m->prev == m->screen)
			return m->norder ? model_show_step(m, m->pos) :
			    (m->screen = SCR_CHECKS, IN_REDRAW);
		m->screen = m->prev;
		m->scroll = 0;
		return IN_REDRAW;
	}
	return 0;
}

/* The report format (RF_*) of an export menu entry. */
int
model_export_rf(int format)
{
	return report_writer(format) ? format : RF_TEXT;
}

/* The file extension of an export menu entry. */
const char *
model_export_ext(int format)
{
	return report_writer(model_export_rf(format))->ext;
}

/* Export file name for host and stamp; see model.h. */
char *
model_export_name(const char *host, const char *stamp, int format)
{
	char safe[128];
	size_t n = 0;

	for (const char *p = host ? host : ""; *p && n + 1 < sizeof(safe);
	    p++) {
		char c = *p;
		int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '.';

		safe[n++] = ok ? c : '_';
	}
	safe[n] = '\0';
	/* No hidden files, no "..": a name starting with '.' is bad. */
	if (n == 0 || safe[0] == '.')
		snprintf(safe, sizeof(safe), "target");
	return xasprintf("connreset-report-%s-%s.%s", safe,
	    stamp && *stamp ? stamp : "now", model_export_ext(format));
}

/* Host part for the export file name, from the evidence or the input. */
char *
model_export_host(const struct model *m)
{
	const char *in = m->s->input ? m->s->input : "";
	const char *p;
	size_t n;

	if (m->r && m->r->target.ascii_host)
		return xstrdup(m->r->target.ascii_host);
	if ((p = strstr(in, "://")) != NULL)
		in = p + 3;
	if ((p = strrchr(in, '@')) != NULL && p < in + strcspn(in, "/"))
		in = p + 1;
	if (*in == '[') {
		n = strcspn(in + 1, "]");
		return xstrndup(in + 1, n);
	}
	n = strcspn(in, ":/?#");
	return xstrndup(in, n);
}

/* Opens the export dialog with the name prefilled. */
void
model_open_export(struct model *m)
{
	char *host = model_export_host(m);
	char *name = model_export_name(host, m->stamp, m->exp_format);

	tf_set(&m->exp_name, name);
	free(name);
	free(host);
	m->overlay = OV_EXPORT;
}

/* After the format changed from old: swaps the extension of the name. */
void
model_export_retype(struct model *m, int old)
{
	const char *oe = model_export_ext(old);
	size_t ol = strlen(oe), len = m->exp_name.len;
	char *name;

	if (len <= ol + 1 || m->exp_name.buf[len - ol - 1] != '.' ||
	    strcmp(m->exp_name.buf + len - ol, oe) != 0)
		return;
	name = xasprintf("%.*s.%s", (int)(len - ol - 1), m->exp_name.buf,
	    model_export_ext(m->exp_format));
	tf_set(&m->exp_name, name);
	free(name);
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
