/* The frame every screen shares: header, footer, overlays, helpers. */
#include "config.h"

#include "tui/draw.h"
#include "tui/textfield.h"
#include "core/i18n.h"
#include "core/loop.h"
#include "core/sanitize.h"
#include "core/textwrap.h"
#include "core/xalloc.h"
#include "diag/names.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct glyphs glyphs_utf8 = {
	{ "\u280b", "\u2819", "\u2839", "\u2838", "\u283c", "\u2834",
	  "\u2826", "\u2827", "\u2807", "\u280f" }, 10,
	"\u2714", "\u2718", "!", "i", "\u00b7", "-",
	"\u2500", "\u2502", "\u250c", "\u2510", "\u2514", "\u2518"
};

static const struct glyphs glyphs_ascii = {
	{ "|", "/", "-", "\\" }, 4,
	"+", "x", "!", "i", ".", "-",
	"-", "|", "+", "+", "+", "+"
};

/* The glyphs for this terminal (UTF-8 or ASCII). */
const struct glyphs *
draw_glyphs(const struct ui *u)
{
	return u->caps.utf8 ? &glyphs_utf8 : &glyphs_ascii;
}

/* Prints sanitized text at (y, x) in at most w columns. */
int
draw_put(int y, int x, int w, int attr, const char *text)
{
	char *s;
	size_t cut, n;

	if (w <= 0 || !text)
		return 0;
	s = sanitize_str(text, 0);
	cut = text_fit(s, strlen(s), (size_t)w);
	n = text_columns(s, cut);
	attron(attr);
	mvaddnstr(y, x, s, (int)cut);
	attroff(attr);
	free(s);
	return (int)n;
}

/* Wraps text and prints lines skip.. on rows y..ymax-1. */
int
draw_wrapped(int y, int ymax, int x, int w, int attr, const char *text,
    int skip)
{
	size_t n;
	char **lines = wrap_text(text, w, &n);

	for (size_t i = (size_t)(skip > 0 ? skip : 0); i < n && y < ymax;
	    i++, y++)
		draw_put(y, x, w, attr, lines[i]);
	wrap_free(lines, n);
	return (int)n;
}

/* A box with a title over (y, x, h, w); its inside is cleared. */
void
draw_box(const struct ui *u, int y, int x, int h, int w, const char *title)
{
	const struct glyphs *g = draw_glyphs(u);

	for (int r = y; r < y + h; r++) {
		move(r, x);
		for (int c = x; c < x + w; c++) {
			const char *ch = " ";

			if ((r == y || r == y + h - 1) && c > x &&
			    c < x + w - 1)
				ch = g->hline;
			else if (c == x || c == x + w - 1)
				ch = r == y ? (c == x ? g->tl : g->tr) :
				    r == y + h - 1 ? (c == x ? g->bl : g->br) :
				    g->vline;
			addstr(ch);
		}
	}
	if (title)
		draw_put(y, x + 2, w - 4, term_attr(TC_TITLE), title);
}

/* A button "[ label ]" at (y, x); records its click; returns its width. */
int
draw_button(struct ui *u, int y, int x, const char *label, int focused,
    int key, int select)
{
	char *s = xasprintf("[ %s ]", label);
	int w = draw_put(y, x, COLS - x, focused ? A_REVERSE : A_BOLD, s);

	free(s);
	model_hit(&u->m, y, x, x + w - 1, key, select);
	return w;
}

/* Glyph and attribute for a check's state and status. */
const char *
draw_check_mark(const struct ui *u, const struct res_check *c, int *attr)
{
	const struct glyphs *g = draw_glyphs(u);

	*attr = A_NORMAL;
	switch (c->state) {
	case CHECK_QUEUED: return g->queued;
	case CHECK_RUNNING:
		*attr = term_attr(TC_TITLE);
		return g->spin[u->spin % (unsigned)g->nspin];
	case CHECK_CANCELLED: return g->cancelled;
	case CHECK_DONE: break;
	}
	switch (c->status) {
	case CS_PASS: *attr = term_attr(TC_PASS); return g->pass;
	case CS_FAIL: case CS_ERROR: *attr = term_attr(TC_FAIL); return g->fail;
	case CS_WARN: *attr = term_attr(TC_WARN); return g->warn;
	default: return g->info;
	}
}

/* The one-line text field with the cursor placed in it. */
void
draw_field(struct ui *u, int y, int x, int w, const struct textfield *tf,
    int focused)
{
	size_t cur = text_columns(tf->buf, tf->cur), first = 0, off;

	if (w < 2)
		return;
	if (cur >= (size_t)w)
		first = cur - (size_t)w + 1;
	off = text_fit(tf->buf, tf->len, first);
	if (text_columns(tf->buf, off) < first)	/* a wide one across it */
		off = text_fit(tf->buf, tf->len, first + 1);
	attron(A_UNDERLINE);
	mvhline(y, x, ' ', w);
	attroff(A_UNDERLINE);
	draw_put(y, x, w, A_UNDERLINE | (focused ? A_BOLD : 0), tf->buf + off);
	if (focused) {
		u->cur_y = y;
		u->cur_x = x + (int)(cur - text_columns(tf->buf, off));
	}
}

/* The state column of a check: queued, seconds running, its status. */
void
draw_check_state(const struct ui *u, const struct res_check *c, char *buf,
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

/* State column width: the widest state present (a translation may be
   wider than English), 9 to 14 columns. */
static int
state_width(const struct ui *u)
{
	const struct probe_results *r = u->m.r;
	int sw = 9;

	for (size_t i = 0; r && i < r->nchecks; i++) {
		char st[32];
		int n;

		draw_check_state(u, &r->checks[i], st, sizeof(st));
		n = (int)text_width(st);
		if (n > sw)
			sw = n > 14 ? 14 : n;
	}
	return sw;
}

/* Title column width: the longest title present, within limits. */
static int
title_width(const struct ui *u, int w, int sw)
{
	const struct probe_results *r = u->m.r;
	int tw = 12, max = COLS >= 120 ? 46 : w - sw - 4 - 20;

	for (size_t i = 0; r && i < r->nchecks; i++) {
		const struct res_check *c = &r->checks[i];
		const char *t = c->title ? _(c->title) : c->id;
		int n = t ? (int)text_width(t) : 0;

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
	/* Mark, title, state (sw columns), summary: all within w. */
	int attr, w = COLS - x - 2, sw = state_width(u);
	int tw = title_width(u, w, sw);
	const char *mark = draw_check_mark(u, c, &attr);

	draw_check_state(u, c, st, sizeof(st));
	if (sel) {
		attron(A_REVERSE);
		mvhline(y, x, ' ', w);
		attroff(A_REVERSE);
		attr |= A_REVERSE;
	}
	draw_put(y, x, 2, attr, mark);
	draw_put(y, x + 2, tw, sel ? A_REVERSE : A_BOLD,
	    c->title ? _(c->title) : c->id);
	draw_put(y, x + tw + 3, sw, attr, st);
	/* A summary that only repeats the state ("cancelled") is left out. */
	draw_put(y, x + tw + sw + 4, w - tw - sw - 4, sel ? A_REVERSE :
	    A_NORMAL, c->summary && strcmp(c->summary, st) != 0 ?
	    c->summary : "");
}
