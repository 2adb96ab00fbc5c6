/*
 * UTF-8 text in terminal columns: its display width (a wide CJK
 * character takes two columns, a combining mark none), padding and
 * cutting on character boundaries, and word wrapping to a width.
 * printf's "%-*s" pads bytes, not columns: pad with text_pad() instead.
 */
#ifndef CONNRESET_TEXTWRAP_H
#define CONNRESET_TEXTWRAP_H

#include "core/strbuf.h"

#include <stddef.h>

/* Columns the n bytes at s take on a terminal (stops at a NUL). */
size_t text_columns(const char *s, size_t n);
/* Columns the string s takes; 0 for NULL. */
size_t text_width(const char *s);
/*
 * Bytes of the longest start of the n bytes at s that takes at most cols
 * columns, ending on a character boundary (a combining mark stays with
 * its letter; a wide character that would straddle the limit is left out).
 */
size_t text_fit(const char *s, size_t n, size_t cols);
/* Spaces that bring s to w columns, for "%s%*s" (0 when it is wider). */
int text_pad(const char *s, size_t w);
/*
 * s cut to at most cols columns with mark (say "…") in place of its middle:
 * head columns of its start (at most what leaves room for the mark), then
 * its end in the columns left (none when head takes them all: a cut at
 * the end). A copy of s when it fits. Returns an owned string.
 */
char *text_elide(const char *s, size_t cols, size_t head, const char *mark);
/*
 * s elided to cols columns (see text_elide) where it still differs from
 * each of the n strings others that are not equal to it: the cut keeps the
 * first character where s differs from them, else the last; when neither
 * end can tell it apart, a window of its middle around where it first
 * differs, between two marks. Returns an owned string.
 */
char *text_elide_apart(const char *s, const char *const *others, size_t n,
    size_t cols, const char *mark);
/*
 * Appends s word-wrapped to width columns, then a newline: the first line
 * starts after first_col columns already written (and a space when sep),
 * later lines are indented by ind. Spaces between words (and before the
 * first) are kept as they are on a line and dropped where it breaks;
 * a word wider than a line is broken where the line ends.
 */
void text_wrap(struct strbuf *out, const char *s, size_t width,
    size_t first_col, size_t ind, int sep);

#endif
