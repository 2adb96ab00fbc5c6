#include "config.h"

#include "core/textwrap.h"

#include <string.h>

/* Bytes of the UTF-8 sequence starting with c (sanitized input). */
static size_t
seqlen(unsigned char c)
{
	if (c >= 0xf0)
		return 4;
	if (c >= 0xe0)
		return 3;
	if (c >= 0xc0)
		return 2;
	return 1;
}

size_t
text_columns(const char *s, size_t n)
{
	size_t cols = 0;

	for (size_t i = 0; i < n; i += seqlen((unsigned char)s[i]))
		cols++;
	return cols;
}

/* Bytes of s that fit in cols columns, at least one code point. */
static size_t
fit_bytes(const char *s, size_t n, size_t cols)
{
	size_t i = 0, c = 0;

	while (i < n && (c < cols || i == 0)) {
		i += seqlen((unsigned char)s[i]);
		c++;
	}
	return i > n ? n : i;
}

static void
indent(struct strbuf *out, size_t n)
{
	while (n--)
		sb_addc(out, ' ');
}

void
text_wrap(struct strbuf *out, const char *s, size_t width, size_t first_col,
    size_t ind, int sep)
{
	size_t col = first_col;
	int placed = 0;		/* a word is on the current line */
	int first = 1;		/* still on the first line */

	/* An indent as wide as the line would leave no room at all. */
	if (ind >= width)
		ind = width > 1 ? width / 2 : 0;
	while (*s) {
		size_t gap = strspn(s, " "), wl, wc;

		s += gap;
		if (!*s)
			break;
		if (first && !placed && sep && gap == 0)
			gap = 1;
		else if (!first && !placed)
			gap = 0;	/* a wrapped line starts at its indent */
		else if (placed && gap == 0)
			gap = 1;
		wl = strcspn(s, " ");
		wc = text_columns(s, wl);
		if (placed && col + gap + wc > width) {
			sb_addc(out, '\n');
			indent(out, ind);
			col = ind;
			first = 0;
			gap = 0;
		}
		indent(out, gap);
		col += gap;
		while (col + wc > width && width > col) {
			size_t b = fit_bytes(s, wl, width - col);

			sb_addn(out, s, b);
			sb_addc(out, '\n');
			indent(out, ind);
			col = ind;
			first = 0;
			s += b;
			wl -= b;
			wc = text_columns(s, wl);
		}
		sb_addn(out, s, wl);
		col += wc;
		s += wl;
		placed = 1;
	}
	sb_addc(out, '\n');
}
