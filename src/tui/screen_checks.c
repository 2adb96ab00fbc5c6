/*
 * The live view of the automated checks: one line per check, the
 * selected one in full below; re-run or cancel the selected check.
 */
#include "config.h"

#include "tui/screen.h"
#include "tui/draw.h"
#include "core/i18n.h"

#include "probe/samples.h"
#include "sweep/sweep.h"
#include "tui/ui.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct model_keyhelp help_checks[] = {
	{ "Up, Down", N_("select a check") },
	{ "r", N_("run the selected check again") },
	{ "x", N_("cancel the selected check while it runs") },
	{ "w", N_("watch the request: once a second for 10 minutes, with "
	    "its failure rate and timeline; w again ends it") },
	{ "Enter, Tab", N_("go to the guided checklist") },
	{ "v", N_("show the verdict") },
	{ "s", N_("show the case summary") },
	{ "p", N_("show the network path") },
	{ "Esc", N_("back to the first screen") },
	{ NULL, NULL }
};

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
static int
checks_key(struct model *m, int key)
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
	case 'w':
		return IN_WATCH | IN_REDRAW;
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

/* A click on a check's line selects it. */
static void
checks_select(struct model *m, int row)
{
	m->check_sel = row;
}

/*
 * The live reset rate of the request over its attempts so far, and the
 * watch's when one runs or ran; one line, bold while resets are seen.
 */
static int
draw_rates(struct ui *u, int y, int bottom)
{
	const struct probe_results *r = u->m.r;
	struct sample_set ss;
	struct watch_counts wc;
	char line[256] = "";
	int n;

	samples_of(r, HV_MAIN, NULL, &ss);
	if (ss.n == 0 && !r->watch.ran)
		return 0;
	if (ss.n && ss.failed > ss.reset)
		n = snprintf(line, sizeof(line), _("The request: %zu of %zu "
		    "attempts reset, %zu failed in all."), ss.reset, ss.n,
		    ss.failed);
	else if (ss.n)
		n = snprintf(line, sizeof(line), _("The request: %zu of %zu "
		    "attempts reset."), ss.reset, ss.n);
	else
		n = 0;
	if (r->watch.ran) {
		samples_watch(&r->watch, &wc);
		snprintf(line + n, sizeof(line) - (size_t)n, _("%sWatch%s: %zu "
		    "of %zu failed, %zu resets."), n ? "  " : "",
		    u->sw && sweep_watching(u->sw) ? _(" (running, w ends "
		    "it)") : "", wc.failed, wc.n, wc.reset);
	} else if (u->sw && !sweep_watching(u->sw)) {
		snprintf(line + n, sizeof(line) - (size_t)n, "%s%s", n ? "  " :
		    "", _("w watches it."));
	}
	if (y + 1 >= bottom)
		return 0;
	draw_put(y, 2, COLS - 4, ss.reset || (r->watch.ran && wc.reset) ?
	    A_BOLD : A_NORMAL, line);
	return 1;
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
	y = top + draw_wrapped(top, bottom, 2, COLS - 4, A_NORMAL,
	    _("Every check, live. Enter goes on to the checklist (it answers "
	    "nothing)."), 0);
	/* The rate takes the blank line under the text. */
	y += draw_rates(u, y, bottom) ? 2 : 1;
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
		y += 1 + draw_wrapped(y + 1, bottom, 4, COLS - 6, A_DIM,
		    sc->summary, 0);
	/* A watch shows its timeline, like mtr's continuous view. */
	if (sc && sc->id && strcmp(sc->id, "watch") == 0 && r->watch.n > 0 &&
	    y < bottom) {
		char *line = samples_timeline(&r->watch, (size_t)(COLS - 8));

		mvaddstr(y, 4, line);
		free(line);
		if (y + 1 < bottom)
			mvaddstr(y + 1, 4, _(". answered  R reset  T no answer "
			    "in time  x other failure"));
	}
}

const struct screen_ops screen_checks = {
	.id = SCR_CHECKS,
	.title = N_("Automated checks"),
	.footer = N_("Enter checklist  r re-run  x cancel  w watch  "
	    "v verdict  e export  ? keys  q quit"),
	.help = help_checks,
	.key = checks_key,
	.select = checks_select,
	.draw = draw_checks,
};
