#include "config.h"

#include "core/textwrap.h"
#include "core/xalloc.h"

#include <string.h>

/* Code point ranges, first and last, sorted. */
struct cp_range {
	unsigned long lo, hi;
};

/* Combining marks and invisible joiners: no column of their own. */
static const struct cp_range zero_width[] = {
	{ 0x0300, 0x036f }, { 0x0483, 0x0489 }, { 0x0591, 0x05bd },
	{ 0x05bf, 0x05bf }, { 0x05c1, 0x05c2 }, { 0x05c4, 0x05c5 },
	{ 0x05c7, 0x05c7 }, { 0x0610, 0x061a }, { 0x064b, 0x065f },
	{ 0x0670, 0x0670 }, { 0x06d6, 0x06dc }, { 0x06df, 0x06e4 },
	{ 0x0900, 0x0902 }, { 0x093c, 0x093c }, { 0x0941, 0x0948 },
	{ 0x094d, 0x094d }, { 0x0e31, 0x0e31 }, { 0x0e34, 0x0e3a },
	{ 0x0e47, 0x0e4e }, { 0x1ab0, 0x1aff }, { 0x1dc0, 0x1dff },
	{ 0x200b, 0x200f }, { 0x2028, 0x202e }, { 0x2060, 0x2064 },
	{ 0x20d0, 0x20ff }, { 0x302a, 0x302d }, { 0x3099, 0x309a },
	{ 0xfe00, 0xfe0f }, { 0xfe20, 0xfe2f }, { 0xfeff, 0xfeff },
	{ 0xe0100, 0xe01ef },
};

/* East Asian wide and fullwidth characters and emoji: two columns. */
static const struct cp_range wide[] = {
	{ 0x1100, 0x115f }, { 0x231a, 0x231b }, { 0x2329, 0x232a },
	{ 0x23e9, 0x23ec }, { 0x23f0, 0x23f0 }, { 0x23f3, 0x23f3 },
	{ 0x25fd, 0x25fe }, { 0x2614, 0x2615 }, { 0x2648, 0x2653 },
	{ 0x267f, 0x267f }, { 0x2693, 0x2693 }, { 0x26a1, 0x26a1 },
	{ 0x26aa, 0x26ab }, { 0x26bd, 0x26be }, { 0x26c4, 0x26c5 },
	{ 0x26ce, 0x26ce }, { 0x26d4, 0x26d4 }, { 0x26ea, 0x26ea },
	{ 0x26f2, 0x26f3 }, { 0x26f5, 0x26f5 }, { 0x26fa, 0x26fa },
	{ 0x26fd, 0x26fd }, { 0x2705, 0x2705 }, { 0x270a, 0x270b },
	{ 0x2728, 0x2728 }, { 0x274c, 0x274c }, { 0x274e, 0x274e },
	{ 0x2753, 0x2755 }, { 0x2757, 0x2757 }, { 0x2795, 0x2797 },
	{ 0x27b0, 0x27b0 }, { 0x27bf, 0x27bf }, { 0x2b1b, 0x2b1c },
	{ 0x2b50, 0x2b50 }, { 0x2b55, 0x2b55 }, { 0x2e80, 0x3029 },
	{ 0x302e, 0x303e }, { 0x3041, 0x3098 }, { 0x309b, 0x33ff },
	{ 0x3400, 0x4dbf }, { 0x4e00, 0x9fff }, { 0xa000, 0xa4cf },
	{ 0xa960, 0xa97f }, { 0xac00, 0xd7a3 }, { 0xf900, 0xfaff },
	{ 0xfe10, 0xfe19 }, { 0xfe30, 0xfe6f }, { 0xff00, 0xff60 },
	{ 0xffe0, 0xffe6 }, { 0x16fe0, 0x16fe4 }, { 0x17000, 0x18aff },
	{ 0x1b000, 0x1b2ff }, { 0x1f004, 0x1f004 }, { 0x1f0cf, 0x1f0cf },
	{ 0x1f18e, 0x1f18e }, { 0x1f191, 0x1f19a }, { 0x1f200, 0x1f251 },
	{ 0x1f300, 0x1f320 }, { 0x1f32d, 0x1f335 }, { 0x1f337, 0x1f37c },
	{ 0x1f37e, 0x1f393 }, { 0x1f3a0, 0x1f3ca }, { 0x1f3cf, 0x1f3d3 },
	{ 0x1f3e0, 0x1f3f0 }, { 0x1f3f4, 0x1f3f4 }, { 0x1f3f8, 0x1f43e },
	{ 0x1f440, 0x1f440 }, { 0x1f442, 0x1f4fc }, { 0x1f4ff, 0x1f53d },
	{ 0x1f54b, 0x1f54e }, { 0x1f550, 0x1f567 }, { 0x1f57a, 0x1f57a },
	{ 0x1f595, 0x1f596 }, { 0x1f5a4, 0x1f5a4 }, { 0x1f5fb, 0x1f64f },
	{ 0x1f680, 0x1f6c5 }, { 0x1f6cc, 0x1f6cc }, { 0x1f6d0, 0x1f6d2 },
	{ 0x1f6d5, 0x1f6d7 }, { 0x1f6eb, 0x1f6ec }, { 0x1f6f4, 0x1f6fc },
	{ 0x1f7e0, 0x1f7eb }, { 0x1f90c, 0x1f93a }, { 0x1f93c, 0x1f945 },
	{ 0x1f947, 0x1f9ff }, { 0x1fa70, 0x1faff }, { 0x20000, 0x2fffd },
	{ 0x30000, 0x3fffd },
};

static int
in_ranges(unsigned long cp, const struct cp_range *r, size_t n)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (cp < r[mid].lo)
			hi = mid;
		else if (cp > r[mid].hi)
			lo = mid + 1;
		else
			return 1;
	}
	return 0;
}

/* Columns of one code point: 0, 1 or 2. */
static size_t
cp_width(unsigned long cp)
{
	if (cp < 0x300)
		return 1;
	if (in_ranges(cp, zero_width, sizeof(zero_width) / sizeof(*zero_width)))
		return 0;
	if (in_ranges(cp, wide, sizeof(wide) / sizeof(*wide)))
		return 2;
	return 1;
}

/*
 * Bytes of the character at s (at most n, n > 0) and its code point; a
 * byte that starts no valid sequence counts as one character of its own.
 */
static size_t
next_char(const char *s, size_t n, unsigned long *cp)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t len = p[0] >= 0xf0 ? 4 : p[0] >= 0xe0 ? 3 : p[0] >= 0xc0 ? 2 : 1;
	unsigned long c = p[0] & (0x7f >> len);

	*cp = p[0];
	if (len == 1 || len > n)
		return 1;
	for (size_t i = 1; i < len; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 1;
		c = (c << 6) | (p[i] & 0x3f);
	}
	*cp = c;
	return len;
}

size_t
text_columns(const char *s, size_t n)
{
	size_t cols = 0;
	unsigned long cp;

	for (size_t i = 0; i < n && s[i]; ) {
		i += next_char(s + i, n - i, &cp);
		cols += cp_width(cp);
	}
	return cols;
}

size_t
text_width(const char *s)
{
	return s ? text_columns(s, strlen(s)) : 0;
}

size_t
text_fit(const char *s, size_t n, size_t cols)
{
	size_t i = 0, c = 0;

	while (i < n && s[i]) {
		unsigned long cp;
		size_t b = next_char(s + i, n - i, &cp), w = cp_width(cp);

		if (c + w > cols)
			break;
		c += w;
		i += b;
	}
	return i;
}

int
text_pad(const char *s, size_t w)
{
	size_t c = text_width(s);

	return c < w ? (int)(w - c) : 0;
}

/* Byte offset where the last tail columns of the n bytes at s begin. */
static size_t
tail_start(const char *s, size_t n, size_t tail)
{
	size_t left = text_columns(s, n), i = 0;

	while (i < n && left > tail) {
		unsigned long cp;

		i += next_char(s + i, n - i, &cp);
		left -= cp_width(cp);
	}
	/* Never start the end on a combining mark: it keeps its letter. */
	while (i < n) {
		unsigned long cp;
		size_t b = next_char(s + i, n - i, &cp);

		if (cp_width(cp) != 0)
			break;
		i += b;
	}
	return i;
}

char *
text_elide(const char *s, size_t cols, size_t head, const char *mark)
{
	size_t len = strlen(s), mw = text_width(mark), room, hb, tb;
	struct strbuf sb = STRBUF_INIT;

	if (text_columns(s, len) <= cols)
		return xstrdup(s);
	if (cols <= mw)
		return xstrndup(s, text_fit(s, len, cols));
	room = cols - mw;
	head = head < room ? head : room;
	hb = text_fit(s, len, head);
	tb = hb + tail_start(s + hb, len - hb, room - head);
	sb_addn(&sb, s, hb);
	sb_add(&sb, mark);
	sb_add(&sb, s + tb);
	return sb.s ? sb_detach(&sb) : xstrdup("");
}

/* Bytes s and o share at their start, ending on a character boundary. */
static size_t
common_head(const char *s, const char *o)
{
	size_t len = strlen(s), i = 0, same = 0;

	while (s[i] && s[i] == o[i]) {
		unsigned long cp;
		size_t b = next_char(s + i, len - i, &cp);

		if (strncmp(s + i, o + i, b) != 0)
			break;
		i += b;
		same = i;
	}
	return same;
}

/* Bytes s and o share at their end, starting on a character boundary. */
static size_t
common_tail(const char *s, const char *o)
{
	size_t ls = strlen(s), lo = strlen(o), k = 0;

	while (k < ls && k < lo && s[ls - 1 - k] == o[lo - 1 - k])
		k++;
	/* Back to where a character of s starts. */
	while (k > 0 && ((unsigned char)s[ls - k] & 0xc0) == 0x80)
		k--;
	return k;
}

/*
 * Neither end of s tells it apart, only its middle: inner columns of it
 * around byte at, where it first differs, a mark on each side.
 */
static char *
window(const char *s, size_t at, size_t inner, const char *mark)
{
	size_t len = strlen(s), from = tail_start(s, at, inner / 3), n;
	struct strbuf sb = STRBUF_INIT;

	n = text_fit(s + from, len - from, inner);
	sb_add(&sb, mark);
	sb_addn(&sb, s + from, n);
	if (from + n < len)
		sb_add(&sb, mark);
	return sb_detach(&sb);
}

char *
text_elide_apart(const char *s, const char *const *others, size_t n,
    size_t cols, const char *mark)
{
	size_t len = strlen(s), mw = text_width(mark), room, hb = 0, tb = 0;
	size_t need_head, need_tail;
	unsigned long cp;

	if (text_columns(s, len) <= cols || cols <= mw)
		return text_elide(s, cols, 0, mark);
	room = cols - mw;
	for (size_t i = 0; i < n; i++) {
		size_t h, t;

		if (!others[i] || strcmp(others[i], s) == 0)
			continue;
		h = common_head(s, others[i]);
		t = common_tail(s, others[i]);
		hb = h > hb ? h : hb;
		tb = t > tb ? t : tb;
	}
	/* Columns up to and with the first (last) character that differs. */
	need_head = text_columns(s, hb);
	if (hb < len)
		need_head += text_columns(s + hb, next_char(s + hb, len - hb,
		    &cp));
	need_tail = text_columns(s + len - tb, tb);
	if (tb < len) {
		size_t st = len - tb - 1;

		while (st > 0 && ((unsigned char)s[st] & 0xc0) == 0x80)
			st--;
		need_tail = text_columns(s + st, len - st);
	}
	if (need_head <= room)
		return text_elide(s, cols, need_head > (room + 1) / 2 ?
		    need_head : (room + 1) / 2, mark);
	if (need_tail <= room)
		return text_elide(s, cols, room - need_tail, mark);
	if (hb > 0 && hb < len && cols > 2 * mw)
		return window(s, hb, cols - 2 * mw, mark);
	return text_elide(s, cols, (room + 1) / 2, mark);
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
			size_t b = text_fit(s, wl, width - col);

			if (b == 0 && col > ind) {
				/* A wide character in the last column: on. */
				sb_addc(out, '\n');
				indent(out, ind);
				col = ind;
				first = 0;
				continue;
			}
			if (b == 0)
				b = text_fit(s, wl, 2);
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
