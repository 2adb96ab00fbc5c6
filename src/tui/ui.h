/*
 * The wizard's state shared by the shell (tui.c) and the drawing code
 * (draw*.c, screen_*.c): the model plus what the shell learned from the
 * sweep.
 */
#ifndef CONNRESET_TUI_UI_H
#define CONNRESET_TUI_UI_H

#include <stdint.h>

#include "diag/checklist.h"
#include "diag/session.h"
#include "diag/verdict.h"
#include "tui/model.h"
#include "tui/term.h"

struct loop;
struct sweep;

struct ui {
	struct model m;
	struct session s;
	struct checklist cl;
	struct verdict v;		/* best guess from the evidence */
	int have_v;
	struct term_caps caps;
	struct loop *lp;
	struct sweep *sw;
	char *sweep_input;		/* the address the sweep runs on (raw) */
	/* The address as given, secrets and all: only for the sweep, never
	   drawn or saved (the session and the field hold it masked). */
	char *raw_input;
	long timeout_ms;
	int attempts;			/* --attempts, 0: the default */
	int no_asn;			/* --no-asn */
	long watch_ms;			/* --watch duration, 0: default */
	int watch_start;		/* --watch: start it with the sweep */
	long request_limit_ms;		/* --request-timeout, 0: default */
	const char *cacert;
	const struct http_own *own;	/* -X, -H, -d (the options'), NULL */
	uint64_t spin_timer;		/* 0 when no spinner tick is due */
	unsigned spin;			/* spinner frame */
	int dirty;			/* redraw at the end of this turn */
	int evidence_changed;		/* recompute the verdict */
	int save_pending;		/* autosave at the end of this turn */
	int sweep_finished;		/* every check has ended */
	int quit;
	int exit_code;
	int cur_y, cur_x;		/* text cursor, -1 when hidden */
	char *save_err;			/* the last autosave error */
};

/* Draws the whole screen (header, screen, footer, overlay) once. */
void draw_all(struct ui *u);

#endif
