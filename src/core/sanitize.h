/*
 * The one sanitizer: every string that came from the network or the system
 * (headers, certificate fields, DNS and PTR names, proxy URLs, helper
 * output) passes here before it reaches a screen or a report.
 */
#ifndef CONNRESET_SANITIZE_H
#define CONNRESET_SANITIZE_H

#include <stddef.h>

enum {
	SAN_KEEP_NEWLINES = 1 << 0,	/* keep \n (and \t as a space) */
	SAN_ASCII = 1 << 1		/* escape every byte above 0x7e too */
};

/*
 * Returns a copy of the len bytes at s that is valid UTF-8 with no control
 * characters: C0/C1 controls, DEL, bidirectional overrides and invalid
 * bytes become visible escapes like \x1b or \u202e. Owned by the caller.
 */
char *sanitize_mem(const char *s, size_t len, unsigned flags);
/* sanitize_mem() on a NUL-terminated string; NULL gives NULL. */
char *sanitize_str(const char *s, unsigned flags);
/* Returns non-zero when s would come out of sanitize_str() unchanged. */
int sanitize_is_clean(const char *s, unsigned flags);

#endif
