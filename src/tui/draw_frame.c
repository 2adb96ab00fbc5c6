/* Header ("where am I"), footer (main keys), overlays, and draw_all(). */
#include "config.h"

#include "tui/draw.h"
#include "tui/screen.h"
#include "tui/textfield.h"
#include "core/i18n.h"
#include "core/strbuf.h"
#include "core/textwrap.h"
#include "core/xalloc.h"
#include "report/report.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

/* One line: the verdict so far, in words. */
static char *
best_guess(const struct ui *u)
{
	if (!u->have_v)
		return xstrdup(_("waiting for the first results"));
	if (u->v.summary)
		return xasprintf("%s (%s)", u->v.summary,
		    confidence_label(u->v.confidence));
	return xasprintf("%s, %s (%s)", cause_label(u->v.cause),
	    origin_label(u->v.origin), confidence_label(u->v.confidence));
}

static void
draw_header(struct ui *u)
{
	const struct screen_ops *sc = screen_of(u->m.screen);
	struct strbuf where = STRBUF_INIT;
	int bar = term_attr(TC_BAR), x = 1;
	char *s, *guess, *tag = model_case_tag(&u->m);

	attron(bar);
	mvhline(0, 0, ' ', COLS);
	attroff(bar);
	x += draw_put(0, x, COLS - x - 1, bar | A_BOLD, "connreset");
	x += draw_put(0, x, COLS - x - 1, bar, " | ");
	sb_add(&where, "");
	if (sc->where)
		sc->where(&u->m, &where);
	else
		sb_add(&where, _(sc->title));
	draw_put(0, x, COLS - x - 1, bar, sb_str(&where));
	/* The case is always in view, under the best guess: the target
	   and whose machine the instructions are for. */
	s = xasprintf("%s %s", _("Case:"), tag);
	draw_put(3, 1, COLS - 2, A_BOLD, s);
	free(s);
	free(tag);
	sb_free(&where);
	guess = best_guess(u);
	s = xasprintf("%s %s", _("Best guess:"), guess);
	draw_wrapped(1, 3, 1, COLS - 2, term_attr(TC_TITLE), s, 0);
	free(s);
	free(guess);
}

static void
draw_footer(struct ui *u)
{
	if (u->m.status[0])
		draw_put(LINES - 2, 1, COLS - 2, A_BOLD, u->m.status);
	else if (u->save_err)
		draw_put(LINES - 2, 1, COLS - 2, term_attr(TC_FAIL),
		    u->save_err);
	attron(term_attr(TC_BAR));
	mvhline(LINES - 1, 0, ' ', COLS);
	attroff(term_attr(TC_BAR));
	draw_put(LINES - 1, 1, COLS - 2, term_attr(TC_BAR),
	    u->m.screen == SCR_STEP ? model_step_footer(&u->m) :
	    _(screen_of(u->m.screen)->footer));
}

/* A centered box of h rows; returns its top row, sets *x and *w. */
static int
center_box(const struct ui *u, int h, const char *title, int *x, int *w)
{
	int y;

	*w = COLS - 8 < 72 ? COLS - 8 : 72;
	*x = (COLS - *w) / 2;
	if (h > LINES - 4)
		h = LINES - 4;
	y = (LINES - h) / 2;
	draw_box(u, y, *x, h, *w, title);
	return y;
}

/* Columns of a translated text. */
static int
cols_of(const char *s)
{
	return (int)text_width(s);
}

/*
 * The keys of this screen: the key column is as wide as its widest
 * entry, and a description that does not fit wraps under itself (the box
 * widens to the screen first), so no translation is cut.
 */
static void
draw_help(struct ui *u)
{
	const struct model_keyhelp *k[2] = { model_keyhelp(&u->m),
		model_keyhelp_global() };
	const char *close = _("Press any key to close. Mouse clicks work on "
	    "buttons.");
	int n = 0, y, x, w, row, kw = 6, dw, wide = 0;

	w = COLS - 8 < 72 ? COLS - 8 : 72;
	for (int t = 0; t < 2; t++)
		for (int i = 0; k[t][i].keys; i++) {
			int c = cols_of(_(k[t][i].keys));

			kw = c > kw ? (c > 22 ? 22 : c) : kw;
		}
	for (int t = 0; t < 2; t++)
		for (int i = 0; k[t][i].keys; i++)
			wide |= cols_of(_(k[t][i].what)) > w - 5 - kw;
	if (wide || cols_of(close) > w - 4)
		w = COLS - 2;
	dw = w - 5 - kw;
	for (int t = 0; t < 2; t++)
		for (int i = 0; k[t][i].keys; i++) {
			size_t nl;
			char **l = wrap_text(_(k[t][i].what), dw, &nl);

			n += nl ? (int)nl : 1;
			wrap_free(l, nl);
		}
	y = (LINES - (n + 4 > LINES - 4 ? LINES - 4 : n + 4)) / 2;
	x = (COLS - w) / 2;
	draw_box(u, y, x, n + 4 > LINES - 4 ? LINES - 4 : n + 4, w,
	    _("Keys on this screen"));
	row = y + 1;
	for (int t = 0; t < 2; t++)
		for (int i = 0; k[t][i].keys && row < LINES - 3; i++) {
			size_t nl;
			char **l = wrap_text(_(k[t][i].what), dw, &nl);

			draw_put(row, x + 2, kw, A_BOLD, _(k[t][i].keys));
			for (size_t j = 0; j < nl; j++)
				if (row + (int)j < LINES - 3)
					draw_put(row + (int)j, x + 3 + kw, dw,
					    A_NORMAL, l[j]);
			row += nl ? (int)nl : 1;
			wrap_free(l, nl);
		}
	draw_wrapped(row + 1, LINES - 2, x + 2, w - 4, A_NORMAL, close, 0);
}

/* A box with text and buttons (y/n, or OK when buttons is 0). */
static void
draw_text_box(struct ui *u, const char *title, const char *text,
    int buttons)
{
	size_t n;
	char **lines = wrap_text(text, 64, &n);
	int y, x, w, h = (int)n + 4, bx;

	wrap_free(lines, n);
	y = center_box(u, h, title, &x, &w);
	if (h > LINES - 4)
		h = LINES - 4;
	draw_wrapped(y + 1, y + h - 2, x + 2, w - 4, A_NORMAL, text, 0);
	bx = x + 2;
	if (buttons) {
		bx += draw_button(u, y + h - 2, bx, _("Yes (y)"), 0, 'y', -1);
		draw_button(u, y + h - 2, bx + 2, _("No (n)"), 0, 'n', -1);
	} else {
		draw_button(u, y + h - 2, bx, _("OK (Enter)"), 1, MK_ENTER,
		    -1);
	}
}

/* What the finished flush did, in words (see probe/flush.h). */
static void
flush_outcome(struct strbuf *sb, const struct res_flush *f)
{
	enum flush_outcome o = f->outcome;
	const char *lb = _("Before:"), *la = _("After:");
	size_t lw;

	if (o == FLUSH_FLUSHED)
		sb_addf(sb, _("Flushed. connreset ran: %s"), f->command ?
		    f->command : "-");
	else if (o == FLUSH_NOTHING)
		sb_add(sb, _("Nothing to flush: this machine keeps no local "
		    "DNS cache connreset knows of."));
	else if (o == FLUSH_NEEDS_PRIVILEGES)
		sb_addf(sb, _("Not flushed: this needs administrator rights. "
		    "Run it yourself:\n\n    %s"), f->command ? f->command :
		    "-");
	else
		sb_addf(sb, _("Flushing failed: %s"), f->detail ? f->detail :
		    f->command ? f->command : "-");
	if (f->detail && o != FLUSH_FAILED)
		sb_addf(sb, "\n%s %s", _("Details:"), f->detail);
	/* The two answers one above the other, whatever the labels' width. */
	lw = text_width(lb) > text_width(la) ? text_width(lb) : text_width(la);
	lw = lw > 8 ? lw : 8;
	sb_addf(sb, "\n\n%s%*s %s\n%s%*s %s", lb, text_pad(lb, lw), "",
	    f->before && *f->before ? f->before : "-", la, text_pad(la, lw), "",
	    f->after && *f->after ? f->after : "-");
	if (f->before && f->after)
		sb_addf(sb, "\n%s", strcmp(f->before, f->after) == 0 ?
		    _("The system's answer for the name did not change.") :
		    _("The system's answer for the name changed."));
}

/* The live flush: waiting, running, then what it did. */
static void
draw_flush(struct ui *u)
{
	const struct res_check *c = model_find_check(&u->m, "flush");
	const struct res_check *lc = model_find_check(&u->m, "local");
	struct strbuf sb = STRBUF_INIT;
	int attr;

	sb_add(&sb, "");
	if (!c || c->state == CHECK_QUEUED || c->state == CHECK_RUNNING) {
		sb_addf(&sb, "%s %s", c ? draw_check_mark(u, c, &attr) : "",
		    lc && lc->state != CHECK_DONE ? _("Waiting for the check "
		    "of this machine to find the DNS cache...") :
		    _("Flushing the DNS cache, then asking the system for "
		    "the name again..."));
	} else if (c->state == CHECK_CANCELLED) {
		sb_add(&sb, _("The flush was cancelled."));
	} else {
		flush_outcome(&sb, &u->m.r->flush);
		sb_addf(&sb, "\n\n%s", _("Browsers keep their own cache: "
		    "restart the browser too, then answer whether it "
		    "helped."));
	}
	draw_text_box(u, _("Flushing the DNS cache"), sb.s, 0);
	sb_free(&sb);
}

static void
draw_export(struct ui *u)
{
	int y, x, w;

	y = center_box(u, 11, _("Export a report"), &x, &w);
	draw_put(y + 1, x + 2, w - 4, A_NORMAL,
	    _("Format (Up/Down or click):"));
	for (int i = 0; i < EXP_COUNT; i++) {
		int sel = i == u->m.exp_format;
		char *s = xasprintf("%s %s", sel ? "(*)" : "( )",
		    _(report_writer(i)->label));

		draw_put(y + 2 + i, x + 4, w - 6, sel ? A_BOLD : A_NORMAL, s);
		model_hit(&u->m, y + 2 + i, x + 4, x + 20, 0, i);
		free(s);
	}
	draw_put(y + 7, x + 2, w - 4, A_NORMAL, _("File name:"));
	draw_field(u, y + 8, x + 2, w - 4, &u->m.exp_name, 1);
	draw_put(y + 9, x + 2, w - 4, A_NORMAL,
	    _("Enter writes the file, Esc cancels."));
}

static void
draw_note(struct ui *u)
{
	int y, x, w;

	y = center_box(u, 5, _("Note for this step"), &x, &w);
	draw_field(u, y + 2, x + 2, w - 4, &u->m.note, 1);
	draw_put(y + 3, x + 2, w - 4, A_NORMAL,
	    _("Enter keeps the note, Esc cancels."));
}

/* The saved cases: Up/Down and Enter (or a click) open one. */
static void
draw_cases(struct ui *u)
{
	int n = u->m.ncases ? (int)u->m.ncases : 1, y, x, w, rows, first = 0;

	if (n > LINES - 10)
		n = LINES - 10;
	rows = n;
	y = center_box(u, rows + 4, _("Saved cases"), &x, &w);
	if (u->m.ncases == 0)
		draw_put(y + 1, x + 2, w - 4, A_NORMAL, _("No saved cases yet."));
	if (u->m.case_sel >= rows)
		first = u->m.case_sel - rows + 1;
	for (int i = first; (size_t)i < u->m.ncases && i - first < rows; i++) {
		int sel = i == u->m.case_sel;

		draw_put(y + 1 + i - first, x + 2, w - 4, sel ? A_REVERSE :
		    A_NORMAL, u->m.cases[i].label);
		model_hit(&u->m, y + 1 + i - first, x + 2, x + w - 3,
		    MK_ENTER, i);
	}
	draw_put(y + rows + 2, x + 2, w - 4, A_NORMAL,
	    _("Enter opens the case (this one stays saved), Esc closes."));
}

static void
draw_overlay(struct ui *u)
{
	u->m.hit_base = u->m.nhits;
	switch (u->m.overlay) {
	case OV_HELP: draw_help(u); break;
	case OV_NOTE: draw_note(u); break;
	case OV_EXPORT: draw_export(u); break;
	case OV_CONFIRM:
		draw_text_box(u, _("Please confirm"), u->m.msg, 1);
		break;
	case OV_MESSAGE: draw_text_box(u, NULL, u->m.msg, 0); break;
	case OV_FLUSH: draw_flush(u); break;
	case OV_CASES: draw_cases(u); break;
	case OV_NONE: break;
	}
}

/* Draws the whole screen (header, screen, footer, overlay) once. */
void
draw_all(struct ui *u)
{
	erase();
	model_hits_reset(&u->m);
	u->cur_y = u->cur_x = -1;
	if (COLS < MIN_COLS || LINES < MIN_ROWS) {
		char *s = xasprintf(_("terminal too small (need %dx%d)"),
		    MIN_COLS, MIN_ROWS);

		draw_put(0, 0, COLS, A_BOLD, s);
		free(s);
		curs_set(0);
		refresh();
		return;
	}
	draw_header(u);
	screen_of(u->m.screen)->draw(u, 4, LINES - 2);
	draw_footer(u);
	draw_overlay(u);
	if (u->cur_y >= 0) {
		move(u->cur_y, u->cur_x);
		curs_set(1);
	} else {
		curs_set(0);
	}
	refresh();
}
