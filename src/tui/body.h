/* Scrollable body text of a screen: wrapped lines with attributes. */
#ifndef CONNRESET_TUI_BODY_H
#define CONNRESET_TUI_BODY_H

#include <stddef.h>

struct ui;

struct body {
	char **lines;
	int *attrs;
	int *indent;
	size_t n;
	int width;		/* columns, indent included */
};

/* An empty body of width columns. */
#define BODY_INIT(width) { NULL, NULL, NULL, 0, (width) }

/* Adds text wrapped to the width less indent, each line with attr. */
void body_add(struct body *b, int attr, int indent, const char *text);
/* body_add() of a formatted text. */
void body_addf(struct body *b, int attr, int indent, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/*
 * Prints the body from the model's scroll (clamped) between rows top
 * and bottom, with a "more" mark when it does not fit, then frees it.
 */
void body_show(struct ui *u, struct body *b, int top, int bottom);

#endif
