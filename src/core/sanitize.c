#include "config.h"

#include "core/sanitize.h"
#include "core/strbuf.h"

#include <stdlib.h>
#include <string.h>

/* Length of the valid UTF-8 sequence at s (1..4), or 0 if invalid. */
static size_t
utf8_seq(const unsigned char *s, size_t avail, unsigned long *cp)
{
	size_t n;
	unsigned long c;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		n = 2;
		c = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		n = 3;
		c = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		n = 4;
		c = s[0] & 0x07;
	} else
		return 0;
	if (avail < n)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	/* Reject overlong forms, surrogates and values past U+10FFFF. */
	if ((n == 3 && c < 0x800) || (n == 4 && c < 0x10000) ||
	    (c >= 0xd800 && c <= 0xdfff) || c > 0x10ffff)
		return 0;
	*cp = c;
	return n;
}

/* Code points that can reorder or hide text on a terminal. */
static int
dangerous_cp(unsigned long c)
{
	return (c >= 0x80 && c <= 0x9f) || (c >= 0x202a && c <= 0x202e) ||
	    (c >= 0x2066 && c <= 0x2069) || c == 0x200e || c == 0x200f ||
	    c == 0x061c || c == 0xfeff;
}

char *
sanitize_mem(const char *s, size_t len, unsigned flags)
{
	struct strbuf sb = STRBUF_INIT;
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	sb_add(&sb, "");
	while (i < len) {
		unsigned long cp = 0;
		size_t n;

		if (p[i] == '\n' && (flags & SAN_KEEP_NEWLINES)) {
			sb_addc(&sb, '\n');
			i++;
			continue;
		}
		if (p[i] == '\t' && (flags & SAN_KEEP_NEWLINES)) {
			sb_addc(&sb, ' ');
			i++;
			continue;
		}
		if (p[i] < 0x20 || p[i] == 0x7f) {
			sb_addf(&sb, "\\x%02x", p[i]);
			i++;
			continue;
		}
		if (p[i] < 0x80) {
			sb_addc(&sb, (char)p[i]);
			i++;
			continue;
		}
		n = utf8_seq(p + i, len - i, &cp);
		if (n == 0) {
			sb_addf(&sb, "\\x%02x", p[i]);
			i++;
		} else if (dangerous_cp(cp) || (flags & SAN_ASCII)) {
			sb_addf(&sb, "\\u%04lx", cp);
			i += n;
		} else {
			sb_addn(&sb, s + i, n);
			i += n;
		}
	}
	return sb_detach(&sb);
}

char *
sanitize_str(const char *s, unsigned flags)
{
	return s ? sanitize_mem(s, strlen(s), flags) : NULL;
}

int
sanitize_is_clean(const char *s, unsigned flags)
{
	char *c = sanitize_str(s, flags);
	int same = c && strcmp(c, s) == 0;

	free(c);
	return same;
}
