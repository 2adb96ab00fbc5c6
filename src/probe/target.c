#include "config.h"

#include "probe/target.h"
#include "core/i18n.h"
#include "core/redact.h"
#include "core/sanitize.h"
#include "core/strbuf.h"
#include "core/xalloc.h"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <limits.h>
#include <locale.h>
#include <stdlib.h>
#include <ctype.h>
#include <string.h>
#include <strings.h>
#include <wchar.h>
#include <wctype.h>

#define TARGET_MAX_LEN 2048	/* longer input is refused, as by browsers */
#define HOST_MAX_LEN 253	/* a DNS name without its trailing dot */
#define LABEL_MAX_LEN 63

/* One parse in progress: the curl handle and the pieces taken from it. */
struct parse {
	CURLU *u;
	char *trimmed;		/* input without surrounding blanks */
	char *host;		/* Unicode host, lowercased ASCII letters */
	char *ascii;		/* wire form */
	char *err;
};

static int
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
	    c == '\f' || c == '\v';
}

/* Returns input without leading and trailing blanks. */
static char *
trim(const char *s)
{
	size_t n;

	while (is_blank(*s))
		s++;
	n = strlen(s);
	while (n > 0 && is_blank(s[n - 1]))
		n--;
	return xstrndup(s, n);
}

static void
lower_ascii(char *s)
{
	for (; *s; s++)
		if (*s >= 'A' && *s <= 'Z')
			*s = (char)(*s - 'A' + 'a');
}

/*
 * A "://" makes what comes before it a scheme. curl would read a bad one
 * as a host name and what follows the colon as a port ("ht!tp://x" gives
 * "the port must be a number"), so it is named here first.
 */
static char *
check_scheme(const char *s)
{
	const char *sep = strstr(s, "://"), *slash = strchr(s, '/');
	char *clean, *msg;
	size_t n;

	/* "http//x" would be a host "http" and a path "//x". */
	for (size_t k = 0; k < 2; k++) {
		static const char *const typo[] = { "http//", "https//" };

		if (strncasecmp(s, typo[k], strlen(typo[k])) == 0)
			return xasprintf(_("The colon after the scheme is "
			    "missing: start the address with %s."),
			    k ? "https://" : "http://");
	}
	if (!sep || (slash && slash < sep))
		return NULL;
	n = (size_t)(sep - s);
	if (n == 0)
		return xstrdup(_("The address has no scheme before ://; "
		    "start it with http:// or https://."));
	if (!isalpha((unsigned char)s[0]))
		goto bad;
	for (size_t i = 1; i < n; i++)
		if (!isalnum((unsigned char)s[i]) && !strchr("+-.", s[i]))
			goto bad;
	return NULL;
bad:
	/* What was typed is shown escaped: it may hold any byte. */
	clean = sanitize_mem(s, n > 32 ? 32 : n, 0);
	msg = xasprintf(_("'%s' is not a scheme: start the address with "
	    "http:// or https://."), clean);
	free(clean);
	return msg;
}

/* Rejects what curl would misreport or what no browser would load. */
static char *
check_text(const char *s)
{
	if (*s == '\0')
		return xstrdup(_("Enter a web address, for example "
		    "example.com or https://example.com/page."));
	if (strlen(s) > TARGET_MAX_LEN)
		return xasprintf(_("The address is too long (more than %d "
		    "characters)."), TARGET_MAX_LEN);
	if (!sanitize_is_clean(s, 0))
		return xstrdup(_("The address contains control characters or "
		    "invalid text."));
	for (const char *p = s; *p; p++)
		if (is_blank(*p))
			return xstrdup(_("The address contains spaces; remove "
			    "them."));
	return check_scheme(s);
}

/* Turns a curl URL error into one line a person can act on. */
static char *
curl_error_text(CURLUcode rc)
{
	switch (rc) {
	case CURLUE_BAD_PORT_NUMBER:
		return xstrdup(_("The port must be a number from 1 to "
		    "65535."));
	case CURLUE_UNSUPPORTED_SCHEME:
	case CURLUE_BAD_SCHEME:
		return xstrdup(_("Only http:// and https:// addresses can be "
		    "checked."));
	case CURLUE_BAD_IPV6:
		return xstrdup(_("The IPv6 address in brackets is not "
		    "valid."));
	case CURLUE_BAD_HOSTNAME:
		return xstrdup(_("The host name contains characters that are "
		    "not allowed."));
	case CURLUE_NO_HOST:
		return xstrdup(_("The address has no host name."));
	case CURLUE_BAD_LOGIN:
	case CURLUE_BAD_USER:
	case CURLUE_BAD_PASSWORD:
		return xstrdup(_("The user name or password in the address "
		    "is malformed."));
	default:
		return xasprintf(_("The address is not a valid URL (%s)."),
		    curl_url_strerror(rc));
	}
}

/* Gets a URL part as a malloc'd string, or NULL when it is absent. */
static char *
get_part(CURLU *u, CURLUPart what, unsigned flags)
{
	char *v = NULL, *out;

	if (curl_url_get(u, what, &v, flags) != CURLUE_OK) {
		curl_free(v);	/* curl 7.88 may leave a string on failure */
		return NULL;
	}
	if (!v)
		return NULL;
	out = xstrdup(v);
	curl_free(v);
	return out;
}

/*
 * libidn2 converts from the locale's character set, so a UTF-8 locale is
 * used for this thread while curl makes the punycode form.
 */
static locale_t
utf8_locale(void)
{
	static locale_t utf8;

	if (!utf8)
		utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
	if (!utf8)
		utf8 = newlocale(LC_CTYPE_MASK, "en_US.UTF-8", (locale_t)0);
	return utf8;
}

/* Gets a URL part with the host in its punycode form. */
static char *
get_part_punycode(CURLU *u, CURLUPart what)
{
	locale_t utf8 = utf8_locale(), old;
	char *v;

	if (!utf8)
		return get_part(u, what, CURLU_PUNYCODE |
		    CURLU_NO_DEFAULT_PORT);
	old = uselocale(utf8);
	v = get_part(u, what, CURLU_PUNYCODE | CURLU_NO_DEFAULT_PORT);
	uselocale(old);
	return v;
}

/* Lowercases a UTF-8 name in place where the case mapping keeps length. */
static void
lower_utf8(char *s)
{
	locale_t utf8 = utf8_locale(), old;
	mbstate_t st;
	size_t left = strlen(s);

	lower_ascii(s);
	if (!utf8)
		return;
	old = uselocale(utf8);
	memset(&st, 0, sizeof(st));
	while (left > 0) {
		char tmp[MB_LEN_MAX];
		mbstate_t out;
		wchar_t wc;
		wint_t lc;
		size_t n = mbrtowc(&wc, s, left, &st);

		if (n == 0 || n > left)
			break;
		lc = towlower((wint_t)wc);
		memset(&out, 0, sizeof(out));
		if (lc != (wint_t)wc && wcrtomb(tmp, (wchar_t)lc, &out) == n)
			memcpy(s, tmp, n);
		s += n;
		left -= n;
	}
	uselocale(old);
}

/* Registers the user name and password as curl decoded them. */
static void
learn_userinfo(CURLU *u)
{
	char *v;

	if ((v = get_part(u, CURLUPART_USER, 0))) {
		redact_add_secret(v);
		free(v);
	}
	if ((v = get_part(u, CURLUPART_PASSWORD, 0))) {
		redact_add_secret(v);
		free(v);
	}
	if ((v = get_part(u, CURLUPART_PASSWORD, CURLU_URLDECODE))) {
		redact_add_secret(v);
		free(v);
	}
}

/* Checks the scheme and port; returns the port or 0 with p->err set. */
static int
scheme_port(struct parse *p, struct res_target *t)
{
	char *port, *end;
	long n;

	t->scheme = get_part(p->u, CURLUPART_SCHEME, 0);
	if (!t->scheme || (strcmp(t->scheme, "http") != 0 &&
	    strcmp(t->scheme, "https") != 0)) {
		char *s = sanitize_str(t->scheme ? t->scheme : "?", 0);

		p->err = xasprintf(_("Only http:// and https:// addresses can "
		    "be checked, not %s://."), s);
		free(s);
		return 0;
	}
	port = get_part(p->u, CURLUPART_PORT, CURLU_DEFAULT_PORT);
	n = port ? strtol(port, &end, 10) : 0;
	if (!port || *end != '\0' || n < 1 || n > 65535) {
		free(port);
		p->err = curl_error_text(CURLUE_BAD_PORT_NUMBER);
		return 0;
	}
	free(port);
	return (int)n;
}

/* Label rules for the ASCII form of a name; NULL when it is fine. */
static char *
check_name(const char *a)
{
	size_t len = strlen(a), label = 0;
	const char *last;

	if (len > 0 && a[len - 1] == '.')
		len--;
	if (len == 0 || len > HOST_MAX_LEN)
		return xstrdup(_("The host name is empty or longer than 253 "
		    "characters."));
	for (size_t i = 0; i < len; i++) {
		char c = a[i];

		if (c == '.') {
			if (label == 0)
				return xstrdup(_("The host name has an empty "
				    "part between dots."));
			label = 0;
			continue;
		}
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '_'))
			return xstrdup(_("The host name contains characters "
			    "that are not allowed."));
		if (++label > LABEL_MAX_LEN)
			return xstrdup(_("A part of the host name is longer "
			    "than 63 characters."));
	}
	if (label == 0)
		return xstrdup(_("The host name has an empty part between "
		    "dots."));
	/* A name ending in a number must be an IPv4 address (WHATWG URL). */
	last = a + len - label;
	if (strspn(last, "0123456789") >= label)
		return xstrdup(_("The host ends in a number but is not a "
		    "valid IPv4 address."));
	return NULL;
}

/* Takes a bracketed IPv6 host (and its zone); -1 with p->err set. */
static int
take_ipv6(struct parse *p, char *raw)
{
	size_t n = strlen(raw);
	char *v6 = xstrndup(raw + 1, n >= 2 ? n - 2 : 0), *zone;
	unsigned char buf[16];

	free(raw);
	if (inet_pton(AF_INET6, v6, buf) != 1) {
		free(v6);
		p->err = curl_error_text(CURLUE_BAD_IPV6);
		return -1;
	}
	lower_ascii(v6);
	zone = get_part(p->u, CURLUPART_ZONEID, 0);
	if (zone) {
		char *z = sanitize_str(zone, SAN_ASCII);

		p->host = xasprintf("%s%%%s", v6, z);
		free(z);
		free(zone);
		free(v6);
	} else {
		char *br = xasprintf("[%s]", v6);

		/* So the normalized URL shows the address in lowercase. */
		curl_url_set(p->u, CURLUPART_HOST, br, 0);
		free(br);
		p->host = v6;
	}
	p->ascii = xstrdup(p->host);
	return 0;
}

/* Fills host, ascii_host and host_is_ip; returns -1 with p->err set. */
static int
take_host(struct parse *p, struct res_target *t)
{
	char *raw = get_part(p->u, CURLUPART_HOST, 0);
	unsigned char buf[4];

	if (!raw || !*raw) {
		free(raw);
		p->err = curl_error_text(CURLUE_NO_HOST);
		return -1;
	}
	if (raw[0] == '[') {
		t->host_is_ip = 1;
		return take_ipv6(p, raw);
	}
	lower_utf8(raw);
	p->host = raw;
	if (inet_pton(AF_INET, raw, buf) == 1) {
		p->ascii = xstrdup(raw);
		t->host_is_ip = 1;
		return 0;
	}
	curl_url_set(p->u, CURLUPART_HOST, raw, 0);
	p->ascii = get_part_punycode(p->u, CURLUPART_HOST);
	if (!p->ascii) {
		p->err = xstrdup(_("The host name is not a valid international "
		    "domain name."));
		return -1;
	}
	lower_ascii(p->ascii);
	p->err = check_name(p->ascii);
	return p->err ? -1 : 0;
}

/*
 * Returns s with every byte above 0x7e percent-encoded, as browsers do,
 * or NULL when s needs no change.
 */
static char *
encode_high(const char *s)
{
	struct strbuf sb = STRBUF_INIT;
	int changed = 0;

	for (const unsigned char *c = (const unsigned char *)s; *c; c++)
		if (*c > 0x7e) {
			sb_addf(&sb, "%%%02X", *c);
			changed = 1;
		} else
			sb_addc(&sb, (char)*c);
	if (!changed) {
		sb_free(&sb);
		return NULL;
	}
	return sb_detach(&sb);
}

/* Percent-encodes a URL part in place in the handle when it needs it. */
static void
encode_part(CURLU *u, CURLUPart what)
{
	char *v = get_part(u, what, 0), *enc;

	if (v && (enc = encode_high(v))) {
		curl_url_set(u, what, enc, 0);
		free(enc);
	}
	free(v);
}

/* Fills path (path and query, encoded) and the normalized URL. */
static void
take_path_url(struct parse *p, struct res_target *t)
{
	char *path, *query, *url;

	encode_part(p->u, CURLUPART_PATH);
	encode_part(p->u, CURLUPART_QUERY);
	curl_url_set(p->u, CURLUPART_FRAGMENT, NULL, 0);
	path = get_part(p->u, CURLUPART_PATH, 0);
	query = get_part(p->u, CURLUPART_QUERY, 0);
	t->path = xasprintf("%s%s%s", path && *path ? path : "/",
	    query ? "?" : "", query ? query : "");
	url = get_part_punycode(p->u, CURLUPART_URL);
	if (!url)
		url = get_part(p->u, CURLUPART_URL, CURLU_NO_DEFAULT_PORT);
	t->url = redact_url(url ? url : "");
	free(url);
	free(path);
	free(query);
}

/* Runs every step; returns -1 with p->err set on the first failure. */
static int
parse_steps(struct parse *p, struct res_target *t)
{
	CURLUcode rc;

	if ((p->err = check_text(p->trimmed)))
		return -1;
	p->u = curl_url();
	if (!p->u) {
		p->err = xstrdup(_("Out of memory while reading the "
		    "address."));
		return -1;
	}
	/* What was typed, with or without a scheme, before anything else. */
	redact_learn_url(p->trimmed);
	rc = curl_url_set(p->u, CURLUPART_URL, p->trimmed,
	    CURLU_DEFAULT_SCHEME);
	if (rc != CURLUE_OK) {
		p->err = curl_error_text(rc);
		return -1;
	}
	learn_userinfo(p->u);
	if (!(t->port = scheme_port(p, t)))
		return -1;
	if (take_host(p, t) < 0)
		return -1;
	take_path_url(p, t);
	t->input = redact_url(p->trimmed);
	t->host = sanitize_str(p->host, 0);
	t->ascii_host = sanitize_str(p->ascii, SAN_ASCII);
	return 0;
}

int
target_parse(const char *input, struct res_target *t, char **err)
{
	struct parse p;
	int rc;

	memset(t, 0, sizeof(*t));
	memset(&p, 0, sizeof(p));
	*err = NULL;
	p.trimmed = trim(input ? input : "");
	rc = parse_steps(&p, t);
	if (rc < 0) {
		target_clear(t);
		*err = p.err;
	}
	if (p.u)
		curl_url_cleanup(p.u);
	free(p.trimmed);
	free(p.host);
	free(p.ascii);
	return rc;
}

void
target_clear(struct res_target *t)
{
	free(t->input);
	free(t->url);
	free(t->scheme);
	free(t->host);
	free(t->ascii_host);
	free(t->path);
	free(t->method);
	free(t->headers_sent);
	free(t->body_from);
	memset(t, 0, sizeof(*t));
}

char *
target_authority(const struct res_target *t)
{
	const char *h = t->ascii_host ? t->ascii_host : "";

	if (strchr(h, ':'))
		return xasprintf("[%s]:%d", h, t->port);
	return xasprintf("%s:%d", h, t->port);
}
