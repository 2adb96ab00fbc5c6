/*
 * One screen of the wizard as a unit, like htop's panels and ncdu's
 * browser: its words, its keys and its drawing behind one interface,
 * in one screen_*.c each. The key handler is model code (pure, tested
 * without a terminal); the draw function holds the screen's curses
 * calls. A new screen is a screen_*.c, an enum screen_id value and a
 * line in the table of screen.c.
 */
#ifndef CONNRESET_TUI_SCREEN_H
#define CONNRESET_TUI_SCREEN_H

#include "core/strbuf.h"
#include "tui/model.h"

struct ui;

struct screen_ops {
	enum screen_id id;
	const char *title;		/* N_() name in the header */
	/* Optional: writes the header's "where am I" in place of title. */
	void (*where)(const struct model *m, struct strbuf *sb);
	const char *footer;		/* N_() main keys on the bottom line */
	const struct model_keyhelp *help;	/* every key, for ? and F1 */
	int side;			/* a side view: Esc goes back to where
					   it was opened from, past others */
	/* A key no overlay took; returns IN_* flags (0: not used). */
	int (*key)(struct model *m, int key);
	/* Optional: a click on a recorded area selects its row first. */
	void (*select)(struct model *m, int row);
	/* Optional: non-zero while printable keys go to a text field. */
	int (*typing)(const struct model *m);
	/* Draws the body between rows top and bottom (curses). */
	void (*draw)(struct ui *u, int top, int bottom);
};

/* The screen with this id, from the one table of screens; never NULL. */
const struct screen_ops *screen_of(enum screen_id id);

extern const struct screen_ops screen_start, screen_checks, screen_step,
    screen_verdict, screen_summary, screen_fixed, screen_path;

#endif
