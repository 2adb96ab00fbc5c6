/*
 * The terminal: curses set-up and restore, signals through a self-pipe,
 * a crash handler that resets the terminal, and keys mapped to MK_*.
 * The only file besides draw*.c that calls curses.
 */
#ifndef CONNRESET_TUI_TERM_H
#define CONNRESET_TUI_TERM_H

/* What the terminal can show. */
struct term_caps {
	int utf8;	/* the locale's codeset is UTF-8 */
	int color;	/* colors in use (a color terminal, no NO_COLOR) */
};

/* Color pairs (attributes fall back to bold/reverse in monochrome). */
enum { TC_PASS = 1, TC_FAIL, TC_WARN, TC_TITLE, TC_BAR, TC_DIM };

/* Opens curses on the terminal; -1 with *err (one line) on failure. */
int term_open(struct term_caps *caps, char **err);
/* Restores the terminal; safe to call twice. */
void term_close(void);
/* Read end of the signal self-pipe (SIGWINCH, SIGINT, SIGTERM, SIGHUP). */
int term_signal_fd(void);
/* Next signal number waiting in the pipe, or 0 when none. */
int term_next_signal(void);
/* Picks up the terminal's new size after SIGWINCH. */
void term_resize(void);

enum { TK_NONE, TK_KEY, TK_CLICK };
/*
 * Reads one input event without waiting: TK_KEY with *key (MK_* or a
 * code point), TK_CLICK with *y, *x, or TK_NONE.
 */
int term_read(int *key, int *y, int *x);
/* Attribute for a color pair, with a monochrome fallback. */
int term_attr(int pair);

#endif
