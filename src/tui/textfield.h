/*
 * A one-line text input (UTF-8, edited at a cursor) and word wrapping of
 * text to a width. Pure: no curses.
 */
#ifndef CONNRESET_TUI_TEXTFIELD_H
#define CONNRESET_TUI_TEXTFIELD_H

#include <stddef.h>

#define TEXTFIELD_MAX 1000	/* bytes a field holds */

struct textfield {
	char buf[TEXTFIELD_MAX + 1];
	size_t len;
	size_t cur;		/* cursor: byte offset, on a char boundary */
};

/* Replaces the contents with s (cut to fit) and puts the cursor at the end. */
void tf_set(struct textfield *tf, const char *s);
/* Inserts one Unicode code point at the cursor; controls are refused. */
int tf_insert(struct textfield *tf, unsigned long cp);
/* Deletes the character before the cursor. */
void tf_backspace(struct textfield *tf);
/* Deletes the character at the cursor. */
void tf_delete(struct textfield *tf);
/* Moves the cursor one character left (dir < 0) or right (dir > 0). */
void tf_move(struct textfield *tf, int dir);
void tf_home(struct textfield *tf);
void tf_end(struct textfield *tf);
/* Handles an editing key (MK_* or a code point); returns 1 if it used it. */
int tf_key(struct textfield *tf, int key);

/*
 * Wraps text to width columns (core/textwrap.h widths), breaking at
 * spaces where it can and at "\n" always. Returns an array of nlines
 * lines, each owned; free with wrap_free().
 */
char **wrap_text(const char *text, int width, size_t *nlines);
void wrap_free(char **lines, size_t n);

#endif
