/* Word-wrapping UTF-8 text to a width in columns (one per code point). */
#ifndef CONNRESET_TEXTWRAP_H
#define CONNRESET_TEXTWRAP_H

#include "core/strbuf.h"

#include <stddef.h>

/* Columns taken by the n bytes at s (sanitized UTF-8), one per code point. */
size_t text_columns(const char *s, size_t n);
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
