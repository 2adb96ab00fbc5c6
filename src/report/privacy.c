#include "config.h"

#include "report/privacy.h"

#include "core/i18n.h"
#include "core/strbuf.h"
#include "core/xalloc.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define USER_TAG "[user]"
#define HOST_TAG "[host]"

/* Sets up a mask for user and host (either may be NULL or empty). */
void
privacy_init(struct privacy *p, const char *user, const char *host)
{
	const char *dot;

	memset(p, 0, sizeof(*p));
	/* A one-letter name would mask half the report; leave it. */
	if (user && strlen(user) >= 2)
		p->user = xstrdup(user);
	if (host && strlen(host) >= 2) {
		p->host = xstrdup(host);
		dot = strchr(host, '.');
		if (dot && dot - host >= 2)
			p->host_short = xstrndup(host, (size_t)(dot - host));
	}
}

/* Frees what p owns and zeroes it. */
void
privacy_free(struct privacy *p)
{
	free(p->user);
	free(p->host);
	free(p->host_short);
	for (size_t i = 0; i < p->naddrs; i++)
		free(p->addrs[i]);
	memset(p, 0, sizeof(*p));
}

/* Number of things masked so far (names and addresses). */
size_t
privacy_count(const struct privacy *p)
{
	return (p->user_hits > 0) + (p->host_hits > 0) + p->naddrs +
	    (size_t)p->more_addrs;
}

static int
v4_private(const unsigned char *a)
{
	return a[0] == 10 || (a[0] == 172 && (a[1] & 0xf0) == 16) ||
	    (a[0] == 192 && a[1] == 168) ||
	    (a[0] == 100 && (a[1] & 0xc0) == 64);
}

/* Non-zero for RFC 1918, CGNAT, unique local and link-local addresses. */
int
privacy_is_private_addr(const char *addr)
{
	unsigned char a[16];
	static const unsigned char mapped[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0,
		0, 0xff, 0xff };

	if (!addr)
		return 0;
	if (inet_pton(AF_INET, addr, a) == 1)
		return v4_private(a);
	if (inet_pton(AF_INET6, addr, a) != 1)
		return 0;
	if ((a[0] & 0xfe) == 0xfc)
		return 1;
	if (a[0] == 0xfe && (a[1] & 0xc0) == 0x80)
		return 1;
	return memcmp(a, mapped, sizeof(mapped)) == 0 && v4_private(a + 12);
}

/* Characters that continue a word for name matching. */
static int
wordch(char c)
{
	return isalnum((unsigned char)c) || c == '_' || c == '-';
}

static int
addrch(char c)
{
	return isxdigit((unsigned char)c) || c == '.' || c == ':';
}

/* The tag number of addr, adding it when new; 0 when the table is full. */
static size_t
addr_tag(struct privacy *p, const char *addr)
{
	for (size_t i = 0; i < p->naddrs; i++)
		if (strcmp(p->addrs[i], addr) == 0)
			return i + 1;
	if (p->naddrs == PRIVACY_MAX_ADDRS) {
		p->more_addrs = 1;
		return 0;
	}
	p->addrs[p->naddrs++] = xstrdup(addr);
	return p->naddrs;
}

/*
 * Length of the private address at the start of run (n bytes, all address
 * characters), or 0. Tries the run itself, then an IPv4 "addr:port".
 */
static size_t
private_prefix(const char *run, size_t n, char *buf, size_t buflen)
{
	size_t len = n;
	const char *colon;

	while (len > 0 && (run[len - 1] == '.' || run[len - 1] == ':'))
		len--;
	if (len == 0 || len >= buflen)
		return 0;
	memcpy(buf, run, len);
	buf[len] = '\0';
	if (privacy_is_private_addr(buf))
		return len;
	colon = memchr(buf, ':', len);
	if (colon && memchr(buf, '.', (size_t)(colon - buf))) {
		buf[colon - buf] = '\0';
		if (privacy_is_private_addr(buf))
			return (size_t)(colon - buf);
	}
	return 0;
}

/* Masks a run of address characters starting at s; returns bytes used. */
static size_t
mask_addr_run(struct privacy *p, const char *s, struct strbuf *sb)
{
	char buf[64];
	size_t n = 0, len;

	while (addrch(s[n]))
		n++;
	len = private_prefix(s, n, buf, sizeof(buf));
	if (len == 0) {
		sb_addn(sb, s, n);
		return n;
	}
	len = strlen(buf);
	{
		size_t tag = addr_tag(p, buf);

		if (tag)
			sb_addf(sb, _("[private address %zu]"), tag);
		else
			sb_add(sb, _("[private address]"));
	}
	return len;
}

/* Length of name at s when it stands as a whole word there, else 0. */
static size_t
name_at(const char *start, const char *s, const char *name, int icase)
{
	size_t n;

	if (!name)
		return 0;
	n = strlen(name);
	if (s > start && wordch(s[-1]))
		return 0;
	if ((icase ? strncasecmp(s, name, n) : strncmp(s, name, n)) != 0)
		return 0;
	return wordch(s[n]) ? 0 : n;
}

/* Returns a copy of text with everything p knows masked (owned). */
char *
privacy_mask(struct privacy *p, const char *text)
{
	struct strbuf sb = STRBUF_INIT;
	const char *s = text;
	size_t n;

	if (!text)
		return NULL;
	sb_add(&sb, "");
	while (*s) {
		if ((n = name_at(text, s, p->host, 1)) ||
		    (n = name_at(text, s, p->host_short, 1))) {
			sb_add(&sb, HOST_TAG);
			p->host_hits++;
			s += n;
		} else if ((n = name_at(text, s, p->user, 0))) {
			sb_add(&sb, USER_TAG);
			p->user_hits++;
			s += n;
		} else if (addrch(*s) && *s != '.' &&
		    (s == text || (!isalnum((unsigned char)s[-1]) &&
		    s[-1] != '.' && s[-1] != ':' && s[-1] != '_'))) {
			s += mask_addr_run(p, s, &sb);
		} else {
			sb_addc(&sb, *s++);
		}
	}
	return sb_detach(&sb);
}
