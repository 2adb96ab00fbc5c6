#include "config.h"

#include "core/redact.h"
#include "core/strbuf.h"
#include "core/xalloc.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/*
 * Secrets are masked as tokens where they occur, never as bare substrings
 * of unrelated text: a password "true" must not turn every JSON true into
 * [redacted]. The rules, the same for every input form:
 *  - a URL is scheme "://" authority ...; the scheme is a letter then
 *    letters, digits, '+', '-' or '.', and starts a word;
 *  - the authority ends at '/', '?' or '#', as curl and browsers read
 *    it; in free text also at a blank or control character, and at the
 *    quote that closes the string the URL opened (JSON, HTML attributes),
 *    but not at the '#' of an HTML character reference ("&#39;");
 *  - the userinfo is what comes before the authority's last '@': any
 *    byte, quotes and angle brackets included;
 *  - a userinfo learned from a URL (a proxy written without a scheme) is
 *    also masked where it stands before an '@';
 *  - a secret header's value (Authorization, Proxy-Authorization, Cookie
 *    ...) is masked from after "Name:" to the end of the line, or of the
 *    string or element it is in;
 *  - a secret header's value the person gave (-H) is masked wherever it
 *    stands (values of 6 bytes and more).
 */

/* What was learned from URLs: for redact_has_secret() and userinfo@. */
struct learned {
	char **v;
	size_t n;
};

static struct learned secrets;		/* user names and passwords */
static struct learned userinfos;	/* "user:password", as written */
static struct learned values;		/* secret header values (-H), masked
					   wherever they stand */

static const char *const secret_headers[] = {
	"authorization", "proxy-authorization", "cookie", "set-cookie",
	"x-api-key", "api-key", "x-auth-token", NULL
};

static void
learn(struct learned *l, const char *s, size_t len)
{
	for (size_t i = 0; i < l->n; i++)
		if (strlen(l->v[i]) == len && memcmp(l->v[i], s, len) == 0)
			return;
	l->v = xrealloc(l->v, (l->n + 1) * sizeof(*l->v));
	l->v[l->n++] = xstrndup(s, len);
}

static void
forget(struct learned *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

void
redact_add_secret(const char *secret)
{
	if (!secret || strlen(secret) < 3)
		return;		/* too short to look for */
	learn(&secrets, secret, strlen(secret));
}

void
redact_reset(void)
{
	forget(&secrets);
	forget(&values);
	forget(&userinfos);
}

static int
is_alpha(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int
is_alnum(unsigned char c)
{
	return is_alpha(c) || (c >= '0' && c <= '9');
}

static int
is_blank_or_ctl(unsigned char c)
{
	return c <= ' ' || c == 0x7f;
}

/* Length of "scheme://" when one starts a word at s + i, else 0. */
static size_t
scheme_len(const char *s, size_t i)
{
	size_t n = 0;

	if (!is_alpha((unsigned char)s[i]) ||
	    (i > 0 && (is_alnum((unsigned char)s[i - 1]) ||
	    strchr("+-.", s[i - 1]))))
		return 0;
	while (is_alnum((unsigned char)s[i + n]) || s[i + n] == '+' ||
	    s[i + n] == '-' || s[i + n] == '.')
		n++;
	return strncmp(s + i + n, "://", 3) == 0 ? n + 3 : 0;
}

/* The quote that closes what a URL opened with opener, at q? */
static int
closes(const char *q, const char *start, char opener)
{
	size_t bs = 0;

	if (*q != opener)
		return 0;
	while (q - bs > start && q[-1 - (long)bs] == '\\')
		bs++;
	if (bs % 2)
		return 0;	/* \" inside a JSON string */
	return q[1] == '\0' || is_blank_or_ctl((unsigned char)q[1]) ||
	    strchr(",;:.)]}>", q[1]) != NULL;
}

/* Length of an HTML character reference "&#39;" at p, else 0. */
static size_t
char_ref_len(const char *p)
{
	size_t n = 2;

	if (p[0] != '&' || p[1] != '#')
		return 0;
	if (p[n] == 'x' || p[n] == 'X')
		n++;
	while (is_alnum((unsigned char)p[n]) && n < 10)
		n++;
	return p[n] == ';' && n > 2 ? n + 1 : 0;
}

/* Length of the authority at a; text: free text, opener: see closes(). */
static size_t
authority_len(const char *a, int text, char opener)
{
	size_t n = 0, ref;

	for (; a[n]; n++) {
		/* An escaped quote in an HTML report is not a fragment. */
		if (text && (ref = char_ref_len(a + n)) != 0) {
			n += ref - 1;
			continue;
		}
		if (a[n] == '/' || a[n] == '?' || a[n] == '#')
			break;
		if (text && is_blank_or_ctl((unsigned char)a[n]))
			break;
		if (text && opener && closes(a + n, a, opener))
			break;
	}
	return n;
}

/* The userinfo's end (its last '@') in the authority a of alen, or NULL. */
static const char *
userinfo_end(const char *a, size_t alen)
{
	return memrchr(a, '@', alen);
}

/* Masks the userinfo of each URL in s; text: the rules of free text. */
static void
mask_urls(struct strbuf *sb, const char *s, int text)
{
	size_t i = 0, from = 0;

	while (s[i]) {
		size_t sl = scheme_len(s, i), alen;
		const char *a, *at;
		char opener;

		if (!sl) {
			i++;
			continue;
		}
		opener = i > 0 && strchr("\"'`<", s[i - 1]) ? s[i - 1] : 0;
		if (opener == '<')
			opener = '>';
		a = s + i + sl;
		alen = authority_len(a, text, opener);
		at = userinfo_end(a, alen);
		if (at) {
			sb_addn(sb, s + from, (size_t)(a - (s + from)));
			sb_add(sb, REDACTED);
			from = (size_t)(at - s);
		}
		i = (size_t)(a + alen - s);
	}
	sb_add(sb, s + from);
}

/*
 * Does a userinfo start a token at p? Not after a letter, digit or URL
 * character, and not inside a character: a learned userinfo that begins
 * with a UTF-8 continuation byte, found after a byte above 0x7f, is the
 * tail of another character, and masking from there would leave a lead
 * byte without its character (text no longer valid UTF-8).
 */
static int
token_start(const char *s, const char *p)
{
	unsigned char c;

	if (p == s)
		return 1;
	c = (unsigned char)p[-1];
	if (((unsigned char)p[0] & 0xc0) == 0x80 && c >= 0x80)
		return 0;
	return !is_alnum(c) && !strchr("-._~%:!$&*+=", c);
}

/* Masks every learned userinfo that stands before an '@'. */
static char *
mask_userinfos(char *s)
{
	for (size_t k = 0; k < userinfos.n; k++) {
		const char *u = userinfos.v[k], *p = s, *hit;
		size_t ulen = strlen(u);
		struct strbuf sb = STRBUF_INIT;
		int changed = 0;

		sb_add(&sb, "");
		while ((hit = strstr(p, u)) != NULL) {
			if (hit[ulen] == '@' && token_start(s, hit)) {
				sb_addn(&sb, p, (size_t)(hit - p));
				sb_add(&sb, REDACTED);
				changed = 1;
			} else
				sb_addn(&sb, p, (size_t)(hit - p) + ulen);
			p = hit + ulen;
		}
		sb_add(&sb, p);
		if (!changed) {
			sb_free(&sb);
			continue;
		}
		free(s);
		s = sb_detach(&sb);
	}
	return s;
}

/* The URL rules on a whole text; owned by the caller. */
static char *
urls_in_text(const char *text)
{
	struct strbuf sb = STRBUF_INIT;

	sb_add(&sb, "");
	mask_urls(&sb, text, 1);
	return mask_userinfos(sb_detach(&sb));
}

/*
 * Where the userinfo of a single URL or typed address ends (its last '@'
 * before the first '/', '?' or '#'), with or without a scheme; NULL when
 * it has none. *a is set to where the authority starts.
 */
static const char *
leading_userinfo(const char *url, const char **a)
{
	size_t sl = scheme_len(url, 0);

	*a = url + sl;
	return userinfo_end(*a, authority_len(*a, 0, 0));
}

char *
redact_url(const char *url)
{
	struct strbuf sb = STRBUF_INIT;
	const char *a, *at;
	char *out;

	if (!url)
		return NULL;
	sb_add(&sb, "");
	at = leading_userinfo(url, &a);
	if (at) {
		sb_addn(&sb, url, (size_t)(a - url));
		sb_add(&sb, REDACTED);
		sb_add(&sb, at);
	} else
		sb_add(&sb, url);
	/* Then URLs inside it (a proxy in a query, a second address). */
	out = urls_in_text(sb_str(&sb));
	sb_free(&sb);
	return out;
}

void
redact_learn_url(const char *url)
{
	const char *a, *at, *colon;

	if (!url || !(at = leading_userinfo(url, &a)) || at == a)
		return;		/* none, or empty: "http://@host/" */
	learn(&userinfos, a, (size_t)(at - a));
	colon = memchr(a, ':', (size_t)(at - a));
	if (colon) {
		char *pw = xstrndup(colon + 1, (size_t)(at - colon - 1));

		redact_add_secret(pw);
		free(pw);
	}
	if (colon ? colon > a : at > a) {
		char *user = xstrndup(a, (size_t)((colon ? colon : at) - a));

		redact_add_secret(user);
		free(user);
	}
}

int
redact_header_name_secret(const char *name, size_t len)
{
	static const char *const words[] = { "auth", "token", "key",
		"secret", "session", "cookie", "pass", "signature", NULL };

	for (size_t i = 0; secret_headers[i]; i++)
		if (strlen(secret_headers[i]) == len &&
		    strncasecmp(name, secret_headers[i], len) == 0)
			return 1;
	for (size_t i = 0; words[i]; i++) {
		size_t n = strlen(words[i]);

		for (size_t k = 0; k + n <= len; k++)
			if (strncasecmp(name + k, words[i], n) == 0)
				return 1;
	}
	return 0;
}

/*
 * A header value to mask wherever it stands: long enough not to be a
 * common word, and not a part of the mask itself (masking stays
 * idempotent).
 */
static void
learn_value(const char *v)
{
	if (strlen(v) < 6 || strstr(REDACTED, v))
		return;
	learn(&values, v, strlen(v));
}

void
redact_learn_header(const char *line)
{
	size_t n = strcspn(line, ":"), e;
	const char *v = line + n + 1;
	char *val;

	if (!line[n] || !redact_header_name_secret(line, n))
		return;
	while (*v == ' ' || *v == '\t')
		v++;
	e = strlen(v);
	while (e > 0 && (v[e - 1] == ' ' || v[e - 1] == '\t'))
		e--;
	val = xstrndup(v, e);
	learn_value(val);
	for (size_t i = e; i > 0; i--)
		if (val[i - 1] == ' ' || val[i - 1] == '\t') {
			learn_value(val + i);
			break;
		}
	free(val);
}

/* Length of the secret header name at p followed by ':', else 0. */
static size_t
secret_header_at(const char *p)
{
	for (size_t i = 0; secret_headers[i]; i++) {
		size_t n = strlen(secret_headers[i]);

		if (strncasecmp(p, secret_headers[i], n) == 0 && p[n] == ':')
			return n;
	}
	return 0;
}

char *
redact_header(const char *line)
{
	size_t n;

	if (!line)
		return NULL;
	while (*line == ' ' || *line == '\t')
		line++;
	if ((n = secret_header_at(line)) != 0)
		return xasprintf("%.*s: %s", (int)n, line, REDACTED);
	return redact_text(line);
}

/* Can a header name start at p (line start, after a blank or opener)? */
static int
header_start(const char *text, const char *p)
{
	return p == text || strchr("\n\r \t\"'`<>", p[-1]) != NULL;
}

/* Where the value of a header whose name is at p ends. */
static const char *
header_value_end(const char *text, const char *v, const char *p)
{
	char opener = p > text ? p[-1] : 0;
	const char *q;

	for (q = v; *q && *q != '\n' && *q != '\r'; q++) {
		if (opener == '>' && *q == '<')
			break;		/* the end of an HTML element */
		if ((opener == '"' || opener == '\'' || opener == '`') &&
		    closes(q, v, opener))
			break;		/* the end of a quoted string */
	}
	return q;
}

/* Masks secret header values wherever a header line stands in text. */
static char *
mask_headers(const char *text)
{
	struct strbuf sb = STRBUF_INIT;
	const char *p = text, *from = text;

	sb_add(&sb, "");
	while (*p) {
		size_t n;
		const char *end;

		if (!header_start(text, p) || !(n = secret_header_at(p))) {
			p++;
			continue;
		}
		end = header_value_end(text, p + n + 1, p);
		sb_addn(&sb, from, (size_t)(p + n + 1 - from));
		sb_add(&sb, " " REDACTED);
		from = p = end;
	}
	sb_add(&sb, from);
	return sb_detach(&sb);
}

/* Masks every learned secret header value wherever it stands. */
static char *
mask_values(const char *text)
{
	struct strbuf sb = STRBUF_INIT;
	const char *p = text;

	sb_add(&sb, "");
	while (*p) {
		size_t n = 0;

		/* The longest value that starts here. */
		for (size_t i = 0; i < values.n; i++) {
			size_t k = strlen(values.v[i]);

			if (k > n && strncmp(p, values.v[i], k) == 0)
				n = k;
		}
		if (n) {
			sb_add(&sb, REDACTED);
			p += n;
		} else
			sb_addc(&sb, *p++);
	}
	return sb_detach(&sb);
}

/* One pass: secret headers, then URLs and learned credentials. */
static char *
redact_pass(const char *text)
{
	char *h = mask_headers(text), *out = urls_in_text(h);

	if (values.n) {
		free(h);
		h = out;
		out = mask_values(h);
	}
	free(h);
	return out;
}

/*
 * Passes until nothing changes (a mask can make a later credential
 * visible to the rules, e.g. when a password holds quotes and control
 * bytes), so that redacting what was redacted changes nothing; at most
 * nine passes, which every input seen so far needs far fewer of.
 */
char *
redact_text(const char *text)
{
	char *out, *next;

	if (!text)
		return NULL;
	out = redact_pass(text);
	for (int i = 0; i < 8; i++) {
		next = redact_pass(out);
		if (strcmp(next, out) == 0) {
			free(next);
			break;
		}
		free(out);
		out = next;
	}
	return out;
}

/* Does text hold any of l as a substring? */
static int
holds(const char *text, const struct learned *l)
{
	for (size_t i = 0; i < l->n; i++)
		if (*l->v[i] && strstr(text, l->v[i]))
			return 1;
	return 0;
}

int
redact_has_secret(const char *text)
{
	return text && (holds(text, &secrets) || holds(text, &userinfos) ||
	    holds(text, &values));
}
