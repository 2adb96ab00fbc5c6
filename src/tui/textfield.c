#include "config.h"

#include "tui/textfield.h"
#include "tui/model.h"
#include "core/textwrap.h"
#include "core/xalloc.h"

#include <stdlib.h>
#include <string.h>

static int
is_cont(unsigned char c)
{
	return (c & 0xc0) == 0x80;
}

/* Replaces the contents with s (cut to fit) and puts the cursor at the end. */
void
tf_set(struct textfield *tf, const char *s)
{
	size_t n = s ? strlen(s) : 0;

	if (n > TEXTFIELD_MAX) {
		n = TEXTFIELD_MAX;
		while (n > 0 && is_cont((unsigned char)s[n]))
			n--;
	}
	if (n)
		memcpy(tf->buf, s, n);
	tf->buf[n] = '\0';
	tf->len = n;
	tf->cur = n;
}

static size_t
encode(unsigned long cp, char out[4])
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xe0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

/* Inserts one Unicode code point at the cursor; controls are refused. */
int
tf_insert(struct textfield *tf, unsigned long cp)
{
	char enc[4];
	size_t n;

	if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0) ||
	    cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	n = encode(cp, enc);
	if (tf->len + n > TEXTFIELD_MAX)
		return 0;
	memmove(tf->buf + tf->cur + n, tf->buf + tf->cur, tf->len - tf->cur);
	memcpy(tf->buf + tf->cur, enc, n);
	tf->len += n;
	tf->cur += n;
	tf->buf[tf->len] = '\0';
	return 1;
}

/* Moves the cursor one character left (dir < 0) or right (dir > 0). */
void
tf_move(struct textfield *tf, int dir)
{
	if (dir < 0 && tf->cur > 0) {
		do
			tf->cur--;
		while (tf->cur > 0 && is_cont((unsigned char)tf->buf[tf->cur]));
	} else if (dir > 0 && tf->cur < tf->len) {
		do
			tf->cur++;
		while (tf->cur < tf->len &&
		    is_cont((unsigned char)tf->buf[tf->cur]));
	}
}

/* Deletes the character before the cursor. */
void
tf_backspace(struct textfield *tf)
{
	size_t end = tf->cur;

	tf_move(tf, -1);
	memmove(tf->buf + tf->cur, tf->buf + end, tf->len - end + 1);
	tf->len -= end - tf->cur;
}

/* Deletes the character at the cursor. */
void
tf_delete(struct textfield *tf)
{
	if (tf->cur >= tf->len)
		return;
	tf_move(tf, 1);
	tf_backspace(tf);
}

/* Moves the cursor to the start. */
void
tf_home(struct textfield *tf)
{
	tf->cur = 0;
}

/* Moves the cursor to the end. */
void
tf_end(struct textfield *tf)
{
	tf->cur = tf->len;
}

/* Handles an editing key (MK_* or a code point); returns 1 if it used it. */
int
tf_key(struct textfield *tf, int key)
{
	switch (key) {
	case MK_LEFT: tf_move(tf, -1); return 1;
	case MK_RIGHT: tf_move(tf, 1); return 1;
	case MK_HOME: tf_home(tf); return 1;
	case MK_END: tf_end(tf); return 1;
	case MK_BACKSPACE: tf_backspace(tf); return 1;
	case MK_DELETE: tf_delete(tf); return 1;
	case MK_CTRL_U: tf_set(tf, ""); return 1;
	default:
		if (key >= 0x20 && key < MK_UP)
			return tf_insert(tf, (unsigned long)key);
		return 0;
	}
}

static void
push_line(char ***lines, size_t *n, const char *s, size_t len)
{
	while (len > 0 && s[len - 1] == ' ')
		len--;
	*lines = xrealloc(*lines, (*n + 1) * sizeof(**lines));
	(*lines)[(*n)++] = xstrndup(s, len);
}

/* Wraps one paragraph (no "\n") into lines. */
static void
wrap_para(const char *p, size_t len, size_t width, char ***lines, size_t *n)
{
	int first = 1;

	while (1) {
		size_t cut, sp = 0, fit;

		while (!first && len > 0 && *p == ' ') {
			p++;
			len--;
		}
		first = 0;
		if (text_columns(p, len) <= width) {
			push_line(lines, n, p, len);
			return;
		}
		fit = text_fit(p, len, width);
		if (fit == 0)	/* a wide character on a 1-column line */
			fit = text_fit(p, len, 2);
		for (cut = 0; cut <= fit && cut < len; cut++)
			if (p[cut] == ' ')
				sp = cut;
		cut = sp > 0 ? sp : fit;
		push_line(lines, n, p, cut);
		p += cut;
		len -= cut;
	}
}

/* Wraps text to width columns; see textfield.h. */
char **
wrap_text(const char *text, int width, size_t *nlines)
{
	char **lines = NULL;
	const char *p = text ? text : "";
	size_t w = width > 1 ? (size_t)width : 1;

	*nlines = 0;
	while (1) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);

		wrap_para(p, len, w, &lines, nlines);
		if (!nl)
			break;
		p = nl + 1;
	}
	return lines;
}

/* Frees what wrap_text() returned. */
void
wrap_free(char **lines, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
}
