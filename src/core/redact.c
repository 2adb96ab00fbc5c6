#include "config.h"

#include "core/redact.h"
#include "core/strbuf.h"
#include "core/xalloc.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_SECRETS 32

static char *secrets[MAX_SECRETS];
static size_t nsecrets;

static const char *const secret_headers[] = {
	"authorization", "proxy-authorization", "cookie", "set-cookie",
	"x-api-key", "api-key", "x-auth-token", NULL
};

void
redact_add_secret(const char *secret)
{
	if (!secret || strlen(secret) < 3)
		return;		/* too short to mask without mangling text */
	for (size_t i = 0; i < nsecrets; i++)
		if (strcmp(secrets[i], secret) == 0)
			return;
	if (nsecrets < MAX_SECRETS)
		secrets[nsecrets++] = xstrdup(secret);
}

void
redact_reset(void)
{
	for (size_t i = 0; i < nsecrets; i++)
		free(secrets[i]);
	nsecrets = 0;
}

/* Finds "scheme://" in s; returns the start of the authority or NULL. */
static const char *
authority_start(const char *s)
{
	const char *p = strstr(s, "://");

	return p ? p + 3 : NULL;
}

/* Length of the authority starting at a (up to '/', '?', '#' or space). */
static size_t
authority_len(const char *a)
{
	size_t n = 0;

	while (a[n] && !strchr("/?#", a[n]) && !isspace((unsigned char)a[n]) &&
	    a[n] != '"' && a[n] != '\'' && a[n] != '<' && a[n] != '>')
		n++;
	return n;
}

void
redact_learn_url(const char *url)
{
	const char *a, *at, *colon;
	size_t alen;
	char *user;

	if (!url || !(a = authority_start(url)))
		return;
	alen = authority_len(a);
	at = memrchr(a, '@', alen);
	if (!at)
		return;
	colon = memchr(a, ':', (size_t)(at - a));
	if (colon) {
		char *pw = xstrndup(colon + 1, (size_t)(at - colon - 1));

		redact_add_secret(pw);
		free(pw);
	}
	user = xstrndup(a, (size_t)((colon ? colon : at) - a));
	redact_add_secret(user);
	free(user);
}

/* Appends s with every URL userinfo in it masked. */
static void
mask_userinfo(struct strbuf *sb, const char *s)
{
	const char *p = s;

	while (*p) {
		const char *a = authority_start(p), *at;
		size_t alen;

		if (!a) {
			sb_add(sb, p);
			return;
		}
		alen = authority_len(a);
		at = memrchr(a, '@', alen);
		sb_addn(sb, p, (size_t)(a - p));
		if (at) {
			sb_add(sb, REDACTED);
			p = at;	/* keep the '@' and the host */
		} else
			p = a;
		sb_addn(sb, p, (size_t)(a + alen - p));
		p = a + alen;
	}
}

char *
redact_url(const char *url)
{
	struct strbuf sb = STRBUF_INIT;

	if (!url)
		return NULL;
	sb_add(&sb, "");
	mask_userinfo(&sb, url);
	return sb_detach(&sb);
}

/* Is the header name at line (up to ':') one that carries a secret? */
static int
secret_header(const char *line, size_t namelen)
{
	for (size_t i = 0; secret_headers[i]; i++)
		if (strlen(secret_headers[i]) == namelen &&
		    strncasecmp(line, secret_headers[i], namelen) == 0)
			return 1;
	return 0;
}

char *
redact_header(const char *line)
{
	const char *colon;

	if (!line)
		return NULL;
	colon = strchr(line, ':');
	while (*line == ' ' || *line == '\t')
		line++;
	if (colon && secret_header(line, (size_t)(colon - line)))
		return xasprintf("%.*s: %s", (int)(colon - line), line,
		    REDACTED);
	return redact_text(line);
}

/* Masks secret header values in a text of many lines, in place. */
static char *
mask_headers(const char *text)
{
	struct strbuf sb = STRBUF_INIT;
	const char *p = text;

	sb_add(&sb, "");
	while (*p) {
		const char *eol = strchr(p, '\n');
		size_t len = eol ? (size_t)(eol - p) : strlen(p);
		const char *start = p, *colon;

		while (start < p + len && (*start == ' ' || *start == '\t' ||
		    *start == '>' || *start == '<'))
			start++;
		colon = memchr(start, ':', (size_t)(p + len - start));
		if (colon && secret_header(start, (size_t)(colon - start))) {
			sb_addn(&sb, p, (size_t)(colon - p) + 1);
			sb_add(&sb, " " REDACTED);
		} else
			sb_addn(&sb, p, len);
		if (!eol)
			break;
		sb_addc(&sb, '\n');
		p = eol + 1;
	}
	return sb_detach(&sb);
}

static int
cont_byte(char c)
{
	return ((unsigned char)c & 0xc0) == 0x80;
}

static int
lead_byte(char c)
{
	return (unsigned char)c >= 0xc0;
}

/* The mask in [from, ...) that at covers, or NULL. */
static const char *
in_mask(const char *from, const char *at)
{
	size_t n = strlen(REDACTED);

	for (size_t back = 0; back < n && back <= (size_t)(at - from); back++)
		if (strncmp(at - back, REDACTED, n) == 0)
			return at - back;
	return NULL;
}

/* Replaces every occurrence of each registered secret. */
static char *
mask_secrets(char *s)
{
	for (size_t i = 0; i < nsecrets; i++) {
		struct strbuf sb = STRBUF_INIT;
		const char *p = s, *hit;
		size_t slen = strlen(secrets[i]);

		if (!strstr(s, secrets[i]))
			continue;
		sb_add(&sb, "");
		while ((hit = strstr(p, secrets[i]))) {
			const char *end = hit + slen, *b = hit;
			const char *tok = in_mask(p, hit);

			/* A secret inside an earlier mask ("act") stays. */
			if (tok) {
				end = tok + strlen(REDACTED);
				sb_addn(&sb, p, (size_t)(end - p));
				p = end;
				continue;
			}

			/* Mask whole UTF-8 characters: never leave half of one. */
			while (b > p && cont_byte(*b))
				b--;
			if (b < hit && lead_byte(*b))
				hit = b;
			while (cont_byte(*end))
				end++;
			sb_addn(&sb, p, (size_t)(hit - p));
			sb_add(&sb, REDACTED);
			p = end;
		}
		sb_add(&sb, p);
		free(s);
		s = sb_detach(&sb);
	}
	return s;
}

/* One pass of every mask. */
static char *
redact_once(const char *text)
{
	struct strbuf sb = STRBUF_INIT;
	char *h;

	h = mask_headers(text);
	sb_add(&sb, "");
	mask_userinfo(&sb, h);
	free(h);
	return mask_secrets(sb_detach(&sb));
}

char *
redact_text(const char *text)
{
	char *cur, *next;

	if (!text)
		return NULL;
	cur = redact_once(text);
	/*
	 * A masked secret can take away what ended a URL's authority (a
	 * quote in a password): pass again until nothing changes, so that
	 * redacting a redacted text changes nothing.
	 */
	for (int i = 0; i < 4; i++) {
		next = redact_once(cur);
		if (strcmp(next, cur) == 0) {
			free(next);
			break;
		}
		free(cur);
		cur = next;
	}
	return cur;
}

int
redact_has_secret(const char *text)
{
	for (size_t i = 0; text && i < nsecrets; i++)
		if (strstr(text, secrets[i]))
			return 1;
	return 0;
}
