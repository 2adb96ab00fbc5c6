/* Drawing helpers shared by the screens (curses; for draw*.c, body.c and
   the draw functions of screen_*.c only). */
#ifndef CONNRESET_TUI_DRAW_H
#define CONNRESET_TUI_DRAW_H

#include "tui/ui.h"

#define MIN_COLS 80
#define MIN_ROWS 24

/* Glyphs with an ASCII fallback. */
struct glyphs {
	const char *spin[10];
	int nspin;
	const char *pass, *fail, *warn, *info, *queued, *cancelled;
	const char *hline, *vline, *tl, *tr, *bl, *br;
};

/* The glyphs for this terminal (UTF-8 or ASCII). */
const struct glyphs *draw_glyphs(const struct ui *u);
/*
 * Prints text at (y, x) in at most w columns with attribute attr; the
 * text is sanitized first. Returns the columns used.
 */
int draw_put(int y, int x, int w, int attr, const char *text);
/* Wraps text to w columns and prints the lines from skip on, rows
   y..ymax-1. Returns the number of lines the text needs. */
int draw_wrapped(int y, int ymax, int x, int w, int attr, const char *text,
    int skip);
/* A box with a title; returns nothing, clears its inside. */
void draw_box(const struct ui *u, int y, int x, int h, int w,
    const char *title);
/* A button "[ label ]" at (y, x); records its click; returns its width. */
int draw_button(struct ui *u, int y, int x, const char *label, int focused,
    int key, int select);
/* Glyph and attribute for a check's state and status. */
const char *draw_check_mark(const struct ui *u, const struct res_check *c,
    int *attr);
/* The one-line text field with the cursor placed in it. */
void draw_field(struct ui *u, int y, int x, int w,
    const struct textfield *tf, int focused);

/* The state column of a check (queued, "1.2s", its status) into buf. */
void draw_check_state(const struct ui *u, const struct res_check *c,
    char *buf, size_t len);
/* One line of the checks list (also on a step and the path view). */
void draw_check_line(struct ui *u, int y, int x, const struct res_check *c,
    int sel);
/* Draws the network path view between rows top and bottom. */
void draw_path(struct ui *u, int top, int bottom);
/* Where the reset comes from, in one line; NULL when not located. */
char *draw_locator_text(const struct probe_results *r);

#endif
