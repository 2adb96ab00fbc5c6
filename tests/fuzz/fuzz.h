/*
 * Shared pieces of the libFuzzer harnesses: a NUL-terminated copy of the
 * input, splitting it into parts, and an independent check that a string
 * is safe for a terminal (the property every sanitized output must have).
 * A failed property aborts, which libFuzzer reports as a crash.
 */
#ifndef CONNRESET_FUZZ_H
#define CONNRESET_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Aborts with a message naming the broken property. */
#define FUZZ_REQUIRE(cond, what) do { \
	if (!(cond)) { \
		fprintf(stderr, "fuzz: property broken: %s (%s:%d)\n", \
		    (what), __FILE__, __LINE__); \
		abort(); \
	} \
} while (0)

/* Returns a NUL-terminated copy of data (owned; embedded NULs stay). */
static inline char *
fuzz_str(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);

	if (!s)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

/*
 * Splits s (NUL-terminated, length size) at the first byte sep: returns
 * the rest (inside s) after cutting s there, or "" when sep is absent.
 */
static inline char *
fuzz_split(char *s, size_t size, char sep)
{
	char *p = memchr(s, sep, size);

	if (!p)
		return s + size;
	*p = '\0';
	return p + 1;
}

/*
 * Non-zero when s is valid UTF-8 without C0 controls (except \n when
 * newlines is set), DEL, C1 controls or bidirectional/invisible marks:
 * written apart from core/sanitize.c so the check is not circular.
 */
static inline int
fuzz_terminal_safe(const char *s, int newlines)
{
	const unsigned char *p = (const unsigned char *)s;

	while (*p) {
		unsigned long c;
		size_t n;

		if (*p < 0x80) {
			if ((*p < 0x20 && !(newlines && *p == '\n')) ||
			    *p == 0x7f)
				return 0;
			p++;
			continue;
		}
		if (*p >= 0xc2 && *p <= 0xdf)
			n = 2, c = *p & 0x1f;
		else if (*p >= 0xe0 && *p <= 0xef)
			n = 3, c = *p & 0x0f;
		else if (*p >= 0xf0 && *p <= 0xf4)
			n = 4, c = *p & 0x07;
		else
			return 0;
		for (size_t i = 1; i < n; i++) {
			if ((p[i] & 0xc0) != 0x80)
				return 0;
			c = (c << 6) | (p[i] & 0x3f);
		}
		if ((n == 3 && c < 0x800) || (n == 4 && c < 0x10000) ||
		    (c >= 0xd800 && c <= 0xdfff) || c > 0x10ffff)
			return 0;
		if ((c >= 0x80 && c <= 0x9f) || (c >= 0x202a && c <= 0x202e) ||
		    (c >= 0x2066 && c <= 0x2069) || c == 0x200e ||
		    c == 0x200f || c == 0x061c || c == 0xfeff)
			return 0;
		p += n;
	}
	return 1;
}

/* Requires s (may be NULL) to be terminal-safe. */
#define FUZZ_SAFE(s, what) \
	FUZZ_REQUIRE(!(s) || fuzz_terminal_safe((s), 0), (what))

#endif
