/*
 * The --redact privacy mask: the local user name, the host name and
 * private addresses are replaced by neutral tags in every string of a
 * report. Pure string work; report.c looks the names up.
 */
#ifndef CONNRESET_PRIVACY_H
#define CONNRESET_PRIVACY_H

#include <stddef.h>

#define PRIVACY_MAX_ADDRS 64	/* distinct private addresses numbered */

/* What to mask, and what was masked so far. */
struct privacy {
	char *user;		/* login name, NULL to leave alone */
	char *host;		/* host name as configured */
	char *host_short;	/* its first label, when it has dots */
	int user_hits;		/* times the user name was masked */
	int host_hits;		/* times the host name was masked */
	char *addrs[PRIVACY_MAX_ADDRS];	/* masked addresses, in order
					   of first sight; tag = index + 1 */
	size_t naddrs;
	int more_addrs;		/* addresses seen past the table */
};

/* Sets up a mask for user and host (either may be NULL or empty). */
void privacy_init(struct privacy *p, const char *user, const char *host);
/* Frees what p owns and zeroes it. */
void privacy_free(struct privacy *p);
/* Returns a copy of text with everything p knows masked (owned). */
char *privacy_mask(struct privacy *p, const char *text);
/*
 * Non-zero when addr is an RFC 1918, CGNAT (100.64/10), unique local
 * (fc00::/7) or link-local (fe80::/10) address.
 */
int privacy_is_private_addr(const char *addr);
/* Number of things masked so far (names and addresses). */
size_t privacy_count(const struct privacy *p);

#endif
