#include "config.h"

#include "probe/proxy_conf.h"

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

void
proxy_conf_clear(struct proxy_conf *c)
{
	free(c->url);
	free(c->pac_url);
	free(c->no_proxy);
	memset(c, 0, sizeof(*c));
}

int
proxy_conf_active(const struct proxy_conf *c)
{
	return c->seen && (c->url || c->pac_url || c->autodetect);
}

char *
proxy_normalize_url(const char *s)
{
	while (s && isspace((unsigned char)*s))
		s++;
	if (!s || !*s)
		return NULL;
	if (strstr(s, "://"))
		return xstrdup(s);
	return xasprintf("http://%s", s);
}

/* ---- no_proxy ---- */

/* Parses an IP literal (brackets allowed); returns family 4/6 or 0. */
static int
parse_ip(const char *s, size_t n, unsigned char out[16])
{
	char buf[64];

	if (n >= 2 && s[0] == '[' && s[n - 1] == ']') {
		s++;
		n -= 2;
	}
	if (n == 0 || n >= sizeof(buf))
		return 0;
	memcpy(buf, s, n);
	buf[n] = '\0';
	if (inet_pton(AF_INET, buf, out) == 1)
		return 4;
	if (inet_pton(AF_INET6, buf, out) == 1)
		return 6;
	return 0;
}

static int
prefix_equal(const unsigned char *a, const unsigned char *b, int bits)
{
	int whole = bits / 8, rest = bits % 8;

	if (memcmp(a, b, (size_t)whole) != 0)
		return 0;
	if (!rest)
		return 1;
	return ((a[whole] ^ b[whole]) & (0xff << (8 - rest))) == 0;
}

/* Splits "name:port" or "[v6]:port" off; returns the name's length. */
static size_t
split_port(const char *tok, size_t n, int *port)
{
	const char *colon = NULL;

	*port = 0;
	if (tok[0] == '[') {
		const char *rb = memchr(tok, ']', n);

		if (rb && (size_t)(rb - tok) + 1 < n && rb[1] == ':')
			colon = rb + 1;
	} else {
		colon = memchr(tok, ':', n);
		/* Two colons: a bare IPv6 address, not a port. */
		if (colon && memchr(colon + 1, ':', n - (size_t)(colon -
		    tok) - 1))
			colon = NULL;
	}
	if (!colon)
		return n;
	*port = (int)strtol(colon + 1, NULL, 10);
	return (size_t)(colon - tok);
}

/* Does one entry (without port) cover host? */
static int
entry_covers(const char *tok, size_t n, const char *host, int hfam,
    const unsigned char hip[16])
{
	const char *slash = memchr(tok, '/', n);
	unsigned char eip[16];
	size_t ipn = slash ? (size_t)(slash - tok) : n;
	int efam = parse_ip(tok, ipn, eip);
	size_t hl;

	if (efam) {
		int max = efam == 4 ? 32 : 128;
		long bits = slash ? strtol(slash + 1, NULL, 10) : max;

		if (efam != hfam || bits < 0 || bits > max)
			return 0;
		return prefix_equal(eip, hip, (int)bits);
	}
	if (hfam)
		return 0;
	while (n && *tok == '.') {
		tok++;
		n--;
	}
	if (n && tok[n - 1] == '.')
		n--;
	hl = strlen(host);
	if (hl && host[hl - 1] == '.')
		hl--;
	if (n == 0 || n > hl)
		return 0;
	if (strncasecmp(host + hl - n, tok, n) != 0)
		return 0;
	return hl == n || host[hl - n - 1] == '.';
}

int
proxy_no_proxy_match(const char *list, const char *host, int port,
    char **entry)
{
	unsigned char hip[16];
	const char *p = list;
	int hfam;

	if (entry)
		*entry = NULL;
	if (!list || !host)
		return 0;
	hfam = parse_ip(host, strlen(host), hip);
	if (hfam == 0 && host[0] == '[')
		return 0;
	while (*p) {
		size_t n, hn;
		int eport;

		while (*p == ',' || isspace((unsigned char)*p))
			p++;
		n = strcspn(p, ", \t\r\n");
		if (n == 0)
			break;
		hn = split_port(p, n, &eport);
		if ((n == 1 && *p == '*') || (hn && (eport == 0 ||
		    eport == port) && entry_covers(p, hn, host, hfam, hip))) {
			if (entry)
				*entry = xstrndup(p, n);
			return 1;
		}
		p += n;
	}
	return 0;
}

/* ---- the environment (curl's rules) ---- */

/* Returns the first non-empty variable of names; sets *which. */
static const char *
first_set(const char *const *names, proxy_get_fn get, void *ctx,
    const char **which)
{
	for (size_t i = 0; names[i]; i++) {
		const char *v = get(names[i], ctx);

		if (v && *v) {
			*which = names[i];
			return v;
		}
	}
	return NULL;
}

void
proxy_env_read(struct proxy_conf *c, const char *scheme, proxy_get_fn get,
    void *ctx)
{
	/* curl never reads HTTP_PROXY (a CGI request header can set it). */
	static const char *const http[] = { "http_proxy", "all_proxy",
	    "ALL_PROXY", NULL };
	static const char *const https[] = { "https_proxy", "HTTPS_PROXY",
	    "all_proxy", "ALL_PROXY", NULL };
	static const char *const nop[] = { "no_proxy", "NO_PROXY", NULL };
	const char *which = NULL, *v;

	v = first_set(strcmp(scheme, "https") == 0 ? https : http, get, ctx,
	    &which);
	c->seen = 1;
	c->url = proxy_normalize_url(v);
	c->key = c->url ? which : NULL;
	v = first_set(nop, get, ctx, &which);
	c->no_proxy = v ? xstrdup(v) : NULL;
	c->mode = c->url ? "manual" : "none";
}

/* ---- /etc/environment ---- */

/* Strips one pair of matching quotes from [s, s+n); returns a copy. */
static char *
unquote(const char *s, size_t n)
{
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	if (n >= 2 && (s[0] == '"' || s[0] == '\'') && s[n - 1] == s[0])
		return xstrndup(s + 1, n - 2);
	return xstrndup(s, n);
}

char *
proxy_kv_get(const char *text, const char *key)
{
	size_t kl = strlen(key);
	const char *line = kl ? text : NULL;

	while (line && *line) {
		const char *end = strchr(line, '\n');
		const char *p = line;
		size_t n = end ? (size_t)(end - line) : strlen(line);

		while (p < line + n && isspace((unsigned char)*p))
			p++;
		/* The blanks after "export" end with the line, not beyond. */
		if ((size_t)(line + n - p) > 7 && strncmp(p, "export", 6) == 0
		    && isspace((unsigned char)p[6]))
			for (p += 6; p < line + n &&
			    isspace((unsigned char)*p); p++)
				;
		if ((size_t)(line + n - p) > kl && strncmp(p, key, kl) == 0 &&
		    p[kl] == '=')
			return unquote(p + kl + 1, (size_t)(line + n - p) -
			    kl - 1);
		line = end ? end + 1 : NULL;
	}
	return NULL;
}

/* ---- GNOME ---- */

/* Returns the raw value of "schema key" in list-recursively output. */
static char *
gs_value(const char *text, const char *schema, const char *key)
{
	struct strbuf pat = STRBUF_INIT;
	const char *line = text;
	char *v = NULL;

	sb_addf(&pat, "%s %s ", schema, key);
	while (line && *line && !v) {
		const char *end = strchr(line, '\n');
		size_t n = end ? (size_t)(end - line) : strlen(line);

		if (n > pat.len && strncmp(line, pat.s, pat.len) == 0)
			v = unquote(line + pat.len, n - pat.len);
		line = end ? end + 1 : NULL;
	}
	sb_free(&pat);
	return v;
}

/* Percent-encodes a userinfo part. */
static void
add_encoded(struct strbuf *sb, const char *s)
{
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;

		if (isalnum(ch) || strchr("-._~", ch))
			sb_addc(sb, (char)ch);
		else
			sb_addf(sb, "%%%02X", ch);
	}
}

/* Builds scheme://[user:pw@]host:port from one GNOME sub-schema. */
static char *
gs_proxy(const char *text, const char *sub, const char *scheme)
{
	struct strbuf sb = STRBUF_INIT;
	char schema[64];
	char *host, *port, *auth = NULL;

	snprintf(schema, sizeof(schema), "org.gnome.system.proxy.%s", sub);
	host = gs_value(text, schema, "host");
	port = gs_value(text, schema, "port");
	if (strcmp(sub, "http") == 0)
		auth = gs_value(text, schema, "use-authentication");
	if (host && *host) {
		sb_addf(&sb, "%s://", scheme);
		if (auth && strcmp(auth, "true") == 0) {
			char *u = gs_value(text, schema, "authentication-user");
			char *pw = gs_value(text, schema,
			    "authentication-password");

			add_encoded(&sb, u ? u : "");
			sb_addc(&sb, ':');
			add_encoded(&sb, pw ? pw : "");
			sb_addc(&sb, '@');
			free(u);
			free(pw);
		}
		sb_addf(&sb, "%s%s%s:%s", strchr(host, ':') ? "[" : "", host,
		    strchr(host, ':') ? "]" : "", port && *port ? port : "8080");
	}
	free(host);
	free(port);
	free(auth);
	return sb.s ? sb_detach(&sb) : NULL;
}

/* Turns GNOME's ['a', 'b'] into "a,b". */
static char *
gs_list(const char *v)
{
	struct strbuf sb = STRBUF_INIT;

	for (const char *p = v; p && *p; p++) {
		if (*p == '\'' || *p == '[' || *p == ']' || *p == ' ')
			continue;
		sb_addc(&sb, *p);
	}
	return sb.s && sb.len ? sb_detach(&sb) : (sb_free(&sb), NULL);
}

void
proxy_gnome_parse(struct proxy_conf *c, const char *text, const char *scheme)
{
	const char *base = "org.gnome.system.proxy";
	char *mode = gs_value(text, base, "mode");
	char *v;

	if (!mode)
		return;
	c->seen = 1;
	c->mode = strcmp(mode, "manual") == 0 ? "manual" :
	    strcmp(mode, "auto") == 0 ? "auto" : "none";
	if (strcmp(c->mode, "manual") == 0) {
		v = gs_value(text, base, "use-same-proxy");
		if (strcmp(scheme, "https") == 0)
			c->url = gs_proxy(text, "https", "http");
		if (!c->url && (strcmp(scheme, "http") == 0 ||
		    (v && strcmp(v, "true") == 0)))
			c->url = gs_proxy(text, "http", "http");
		if (!c->url)
			c->url = gs_proxy(text, "socks", "socks5");
		free(v);
		c->key = c->url ? "manual" : NULL;
		v = gs_value(text, base, "ignore-hosts");
		c->no_proxy = gs_list(v);
		free(v);
	} else if (strcmp(c->mode, "auto") == 0) {
		v = gs_value(text, base, "autoconfig-url");
		if (v && *v)
			c->pac_url = v;
		else {
			c->autodetect = 1;
			free(v);
		}
	}
	free(mode);
}

/* ---- KDE ---- */

/* Returns KEY's value inside [Proxy Settings] of kioslaverc, owned. */
static char *
kde_value(const char *text, const char *key)
{
	const char *line = text;
	size_t kl = strlen(key);
	int in = 0;

	while (line && *line) {
		const char *end = strchr(line, '\n');
		size_t n = end ? (size_t)(end - line) : strlen(line);

		if (n && line[0] == '[')
			in = n >= 16 && strncmp(line, "[Proxy Settings]",
			    16) == 0;
		else if (in && n > kl && strncmp(line, key, kl) == 0 &&
		    line[kl] == '=')
			return unquote(line + kl + 1, n - kl - 1);
		line = end ? end + 1 : NULL;
	}
	return NULL;
}

/* KDE writes "http://host 8080" as well as "http://host:8080". */
static char *
kde_url(const char *v)
{
	char *u = proxy_normalize_url(v), *sp;

	if (u && (sp = strrchr(u, ' ')) != NULL)
		*sp = ':';
	return u;
}

void
proxy_kde_parse(struct proxy_conf *c, const char *text, const char *scheme,
    proxy_get_fn get, void *ctx)
{
	char *type = kde_value(text, "ProxyType");
	int https = strcmp(scheme, "https") == 0;
	long t = type ? strtol(type, NULL, 10) : 0;
	char *v = NULL;

	free(type);
	c->seen = 1;
	c->mode = t == 1 ? "manual" : t == 2 ? "auto" : t == 3 ? "wpad" :
	    t == 4 ? "environment" : "none";
	if (t == 1 || t == 4) {
		const char *k = https ? "httpsProxy" : "httpProxy";

		v = kde_value(text, k);
		if (v && t == 4) {
			const char *e = get(v, ctx);

			free(v);
			v = e && *e ? xstrdup(e) : NULL;
		}
		c->url = kde_url(v);
		c->key = c->url ? (https ? "httpsProxy" : "httpProxy") : NULL;
		free(v);
		v = kde_value(text, "NoProxyFor");
		if (v && t == 4) {
			const char *e = get(v, ctx);

			free(v);
			v = e && *e ? xstrdup(e) : NULL;
		}
		c->no_proxy = v && *v ? v : (free(v), NULL);
	} else if (t == 2) {
		v = kde_value(text, "Proxy Config Script");
		c->pac_url = v && *v ? v : (free(v), NULL);
	} else if (t == 3)
		c->autodetect = 1;
}

/* ---- macOS ---- */

/* Returns the value of "Key : value" in scutil output, owned. */
static char *
sc_value(const char *text, const char *key)
{
	size_t kl = strlen(key);

	for (const char *line = text; line && *line;) {
		const char *end = strchr(line, '\n');
		const char *p = line;
		size_t n;

		while (*p == ' ' || *p == '\t')
			p++;
		n = end ? (size_t)(end - p) : strlen(p);
		if (n > kl + 3 && strncmp(p, key, kl) == 0 &&
		    strncmp(p + kl, " : ", 3) == 0)
			return unquote(p + kl + 3, n - kl - 3);
		line = end ? end + 1 : NULL;
	}
	return NULL;
}

static char *
sc_proxy(const char *text, const char *kind, const char *scheme)
{
	char k[32], *en, *host, *port, *url = NULL;

	snprintf(k, sizeof(k), "%sEnable", kind);
	en = sc_value(text, k);
	snprintf(k, sizeof(k), "%sProxy", kind);
	host = sc_value(text, k);
	snprintf(k, sizeof(k), "%sPort", kind);
	port = sc_value(text, k);
	if (en && strcmp(en, "1") == 0 && host && *host)
		url = xasprintf("%s://%s:%s", scheme, host, port ? port : "80");
	free(en);
	free(host);
	free(port);
	return url;
}

/* Collects the "N : entry" lines of the ExceptionsList array. */
static char *
sc_exceptions(const char *text)
{
	const char *p = strstr(text, "ExceptionsList : <array> {");
	struct strbuf sb = STRBUF_INIT;

	if (!p)
		return NULL;
	for (p = strchr(p, '\n'); p && *++p;) {
		const char *end = strchr(p, '\n'), *colon;
		size_t n = end ? (size_t)(end - p) : strlen(p);

		while (n && (*p == ' ' || *p == '\t')) {
			p++;
			n--;
		}
		if (n && *p == '}')
			break;
		colon = memchr(p, ':', n);
		if (colon && colon + 2 <= p + n) {
			if (sb.len)
				sb_addc(&sb, ',');
			sb_addn(&sb, colon + 2, n - (size_t)(colon + 2 - p));
		}
		p = end;
	}
	return sb.s ? sb_detach(&sb) : NULL;
}

void
proxy_scutil_parse(struct proxy_conf *c, const char *text, const char *scheme)
{
	char *v;

	if (!strstr(text, "<dictionary>"))
		return;
	c->seen = 1;
	c->url = sc_proxy(text, strcmp(scheme, "https") == 0 ? "HTTPS" :
	    "HTTP", "http");
	if (!c->url)
		c->url = sc_proxy(text, "SOCKS", "socks5");
	c->key = c->url ? "manual" : NULL;
	v = sc_value(text, "ProxyAutoConfigEnable");
	if (v && strcmp(v, "1") == 0)
		c->pac_url = sc_value(text, "ProxyAutoConfigURLString");
	free(v);
	v = sc_value(text, "ProxyAutoDiscoveryEnable");
	c->autodetect = v && strcmp(v, "1") == 0;
	free(v);
	c->no_proxy = sc_exceptions(text);
	c->mode = c->url ? "manual" : c->pac_url || c->autodetect ? "auto" :
	    "none";
}

/* ---- precedence and labels ---- */

int
proxy_choose(const struct proxy_conf confs[PO_N], const char *desktop)
{
	int kde = desktop && strcasestr(desktop, "KDE") != NULL;
	int order[] = { PO_MACOS, kde ? PO_KDE : PO_GNOME,
	    kde ? PO_GNOME : PO_KDE, PO_ENV, PO_ETC_ENV };

	for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++)
		if (proxy_conf_active(&confs[order[i]]))
			return order[i];
	return -1;
}

char *
proxy_source_label(int origin, const struct proxy_conf *c)
{
	const char *how = c && c->pac_url ? _("automatic") :
	    c && c->autodetect ? _("detect automatically") : _("manual");

	switch (origin) {
	case PO_ENV:
		return xasprintf(_("environment: %s"),
		    c && c->key ? c->key : "no_proxy");
	case PO_GNOME:
		return xasprintf(_("GNOME settings (%s)"), how);
	case PO_KDE:
		return xasprintf(_("KDE kioslaverc (%s)"), how);
	case PO_ETC_ENV:
		return c && c->key ? xasprintf("/etc/environment: %s", c->key)
		    : xstrdup("/etc/environment");
	case PO_MACOS:
		return xasprintf(_("macOS network settings (%s)"), how);
	default:
		return xstrdup(_("none (direct connection)"));
	}
}

size_t
proxy_search_domains(const char *text, char ***domains)
{
	size_t n = 0;

	*domains = NULL;
	for (const char *line = text; line && *line;) {
		const char *end = strchr(line, '\n');
		size_t len = end ? (size_t)(end - line) : strlen(line);
		char *copy = xstrndup(line, len), *save = NULL, *w;

		w = strtok_r(copy, " \t\r", &save);
		if (w && (strcmp(w, "search") == 0 ||
		    strcmp(w, "domain") == 0)) {
			/* The last search/domain line wins, as in the libc. */
			for (size_t i = 0; i < n; i++)
				free((*domains)[i]);
			n = 0;
			while ((w = strtok_r(NULL, " \t\r", &save)) && n < 6) {
				if (strcmp(w, ".") == 0)
					continue;
				*domains = xrealloc(*domains, (n + 1) *
				    sizeof(**domains));
				(*domains)[n++] = xstrdup(w);
			}
		}
		free(copy);
		line = end ? end + 1 : NULL;
	}
	return n;
}
