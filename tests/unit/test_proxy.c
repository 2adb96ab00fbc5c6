/* Unit tests of the proxy sources, no_proxy and precedence (no network). */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/redact.h"
#include "core/xalloc.h"
#include "probe/proxy.h"
#include "probe/proxy_conf.h"

static char *
fixture(const char *name)
{
	const char *dir = getenv("CONNRESET_TESTDATA");
	char path[1024], buf[65536];
	size_t n;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir ? dir : "tests/data", name);
	f = fopen(path, "r");
	if (!f)
		fail_msg("cannot open %s", path);
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	return xstrdup(buf);
}

/* A getenv over a NULL-terminated "NAME", "value" table. */
static const char *
get_table(const char *name, void *ctx)
{
	const char *const *t = ctx;

	for (size_t i = 0; t[i]; i += 2)
		if (strcmp(t[i], name) == 0)
			return t[i + 1];
	return NULL;
}

struct np_case {
	const char *list;
	const char *host;
	int port;
	int match;
	const char *entry;
};

static const struct np_case np_cases[] = {
	{ "*", "anything.example", 443, 1, "*" },
	{ "example.com", "example.com", 443, 1, "example.com" },
	{ "example.com", "www.example.com", 443, 1, "example.com" },
	{ "example.com", "badexample.com", 443, 0, NULL },
	{ ".example.com", "example.com", 443, 1, ".example.com" },
	{ ".example.com", "a.b.example.com", 80, 1, ".example.com" },
	{ "EXAMPLE.com", "www.Example.COM", 443, 1, "EXAMPLE.com" },
	{ "example.com.", "www.example.com", 443, 1, "example.com." },
	{ "a.example, b.example", "x.b.example", 443, 1, "b.example" },
	{ "a.example b.example", "b.example", 443, 1, "b.example" },
	{ "localhost,,127.0.0.1", "127.0.0.1", 443, 1, "127.0.0.1" },
	{ "127.0.0.1", "127.0.0.10", 443, 0, NULL },
	{ "192.0.2.0/24", "192.0.2.77", 443, 1, "192.0.2.0/24" },
	{ "192.0.2.0/25", "192.0.2.200", 443, 0, NULL },
	{ "192.0.2.0/24", "198.51.100.1", 443, 0, NULL },
	{ "192.0.2.1", "host.example", 443, 0, NULL },
	{ "::1", "::1", 443, 1, "::1" },
	{ "[::1]", "[::1]", 443, 1, "[::1]" },
	{ "2001:db8::/32", "2001:db8:1::5", 443, 1, "2001:db8::/32" },
	{ "2001:db8::/32", "2001:db9::5", 443, 0, NULL },
	{ "example.com:8080", "example.com", 8080, 1, "example.com:8080" },
	{ "example.com:8080", "example.com", 443, 0, NULL },
	{ "[2001:db8::1]:443", "2001:db8::1", 443, 1, "[2001:db8::1]:443" },
	{ "*.example.com", "www.example.com", 443, 0, NULL },
	{ "", "example.com", 443, 0, NULL },
	{ " , ", "example.com", 443, 0, NULL },
	{ "com", "example.com", 443, 1, "com" },
	{ "ample.com", "example.com", 443, 0, NULL },
};

static void
test_no_proxy_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(np_cases) / sizeof(np_cases[0]); i++) {
		const struct np_case *c = &np_cases[i];
		char *entry = NULL;
		int m = proxy_no_proxy_match(c->list, c->host, c->port, &entry);

		if (m != c->match)
			fail_msg("case %zu (%s vs %s): got %d", i, c->list,
			    c->host, m);
		if (c->entry && (!entry || strcmp(entry, c->entry) != 0))
			fail_msg("case %zu: entry %s", i, entry ? entry : "-");
		if (!c->entry && entry)
			fail_msg("case %zu: unexpected entry %s", i, entry);
		free(entry);
	}
	assert_int_equal(proxy_no_proxy_match(NULL, "x", 1, NULL), 0);
}

struct env_case {
	const char *scheme;
	const char *vars[12];
	const char *url;
	const char *key;
	const char *no_proxy;
};

static const struct env_case env_cases[] = {
	{ "https", { "https_proxy", "http://a.example:1", "HTTPS_PROXY",
	    "http://b.example:2", NULL }, "http://a.example:1", "https_proxy",
	    NULL },
	{ "https", { "HTTPS_PROXY", "b.example:2", NULL },
	    "http://b.example:2", "HTTPS_PROXY", NULL },
	{ "https", { "http_proxy", "http://h.example:1", NULL }, NULL, NULL,
	    NULL },
	{ "http", { "HTTP_PROXY", "http://evil.example:1", NULL }, NULL,
	    NULL, NULL },
	{ "http", { "http_proxy", "http://h.example:1", "https_proxy",
	    "http://s.example:1", NULL }, "http://h.example:1", "http_proxy",
	    NULL },
	{ "https", { "https_proxy", "", "ALL_PROXY", "socks5://c.example:9",
	    NULL }, "socks5://c.example:9", "ALL_PROXY", NULL },
	{ "http", { "all_proxy", "http://l.example:1", "ALL_PROXY",
	    "http://u.example:1", "no_proxy", "x.example", "NO_PROXY",
	    "y.example", NULL }, "http://l.example:1", "all_proxy",
	    "x.example" },
	{ "https", { "NO_PROXY", "*", NULL }, NULL, NULL, "*" },
};

static void
test_env_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(env_cases) / sizeof(env_cases[0]);
	    i++) {
		const struct env_case *c = &env_cases[i];
		struct proxy_conf pc = { 0 };

		proxy_env_read(&pc, c->scheme, get_table, (void *)c->vars);
		if ((c->url == NULL) != (pc.url == NULL) ||
		    (c->url && strcmp(c->url, pc.url) != 0))
			fail_msg("case %zu: url %s", i, pc.url ? pc.url : "-");
		if ((c->key == NULL) != (pc.key == NULL) ||
		    (c->key && strcmp(c->key, pc.key) != 0))
			fail_msg("case %zu: key %s", i, pc.key ? pc.key : "-");
		if ((c->no_proxy == NULL) != (pc.no_proxy == NULL) ||
		    (c->no_proxy && strcmp(c->no_proxy, pc.no_proxy) != 0))
			fail_msg("case %zu: no_proxy", i);
		proxy_conf_clear(&pc);
	}
}

static void
test_etc_environment(void **state)
{
	char *t = fixture("proxy_environment_valid");
	char *v;

	(void)state;
	v = proxy_kv_get(t, "https_proxy");
	assert_string_equal(v, "http://etcuser:etcPW@proxy.corp.example:8080");
	free(v);
	v = proxy_kv_get(t, "http_proxy");
	assert_string_equal(v, "http://proxy.corp.example:8080");
	free(v);
	v = proxy_kv_get(t, "no_proxy");
	assert_string_equal(v, "localhost,.corp.example");
	free(v);
	assert_null(proxy_kv_get(t, "HTTPS_PROXY"));
	assert_null(proxy_kv_get(t, "PAT"));
	free(t);
	t = fixture("proxy_environment_malformed");
	assert_null(proxy_kv_get(t, "https_proxy"));
	assert_null(proxy_kv_get(t, "HTTPS_PROXY"));
	assert_null(proxy_kv_get(t, ""));
	free(t);
}

/*
 * "export" followed only by blanks is not a KEY=value line: the value of
 * the next line must come out alone, never with that line's newline or
 * the lines after it (it once ran past the end of the line).
 */
static void
test_etc_environment_bare_export(void **state)
{
	static const struct { const char *text, *key, *want; } cases[] = {
		{ "export   \nhttps_proxy=http://proxy.example:8080\n",
		    "https_proxy", "http://proxy.example:8080" },
		{ "export \t \nFOO=1\nhttps_proxy=http://p.example:3128\n",
		    "FOO", "1" },
		{ "  export   \n  export  \nno_proxy=\"localhost\"\n",
		    "no_proxy", "localhost" },
		{ "export      \n", "https_proxy", NULL },
		{ "export        ", "https_proxy", NULL },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *v = proxy_kv_get(cases[i].text, cases[i].key);

		if ((v == NULL) != (cases[i].want == NULL) ||
		    (v && strcmp(v, cases[i].want) != 0))
			fail_msg("case %zu: got '%s'", i, v ? v : "(null)");
		free(v);
	}
}

static void
test_kioslaverc(void **state)
{
	static const char *const vars[] = { "HTTPS_PROXY",
	    "http://envproxy.example:3128", "NO_PROXY", ".skip.example", NULL };
	struct proxy_conf c = { 0 };
	char *t = fixture("proxy_kioslaverc_valid");

	(void)state;
	proxy_kde_parse(&c, t, "https", get_table, (void *)vars);
	assert_string_equal(c.mode, "manual");
	assert_string_equal(c.url,
	    "http://kdeuser:kdePW42@proxy.corp.example:8443");
	assert_string_equal(c.key, "httpsProxy");
	assert_string_equal(c.no_proxy,
	    "localhost,.intranet.example,192.0.2.0/24");
	assert_null(c.pac_url);
	proxy_conf_clear(&c);
	proxy_kde_parse(&c, t, "http", get_table, (void *)vars);
	assert_string_equal(c.url, "http://proxy.corp.example:3128");
	proxy_conf_clear(&c);
	free(t);

	t = fixture("proxy_kioslaverc_edge");
	proxy_kde_parse(&c, t, "https", get_table, (void *)vars);
	assert_string_equal(c.mode, "environment");
	assert_string_equal(c.url, "http://envproxy.example:3128");
	assert_string_equal(c.no_proxy, ".skip.example");
	proxy_conf_clear(&c);
	free(t);

	t = fixture("proxy_kioslaverc_pac_edge");
	proxy_kde_parse(&c, t, "https", get_table, (void *)vars);
	assert_string_equal(c.pac_url, "http://pac.corp.example/proxy.pac");
	assert_null(c.url);
	assert_true(proxy_conf_active(&c));
	proxy_conf_clear(&c);
	free(t);

	t = fixture("proxy_kioslaverc_malformed");
	proxy_kde_parse(&c, t, "https", get_table, (void *)vars);
	assert_string_equal(c.mode, "none");
	assert_null(c.url);
	assert_false(proxy_conf_active(&c));
	proxy_conf_clear(&c);
	free(t);
}

static void
test_gsettings(void **state)
{
	struct proxy_conf c = { 0 };
	char *t = fixture("proxy_gsettings_valid");

	(void)state;
	proxy_gnome_parse(&c, t, "https");
	assert_string_equal(c.mode, "manual");
	/* use-same-proxy: the http host serves https too; auth encoded */
	assert_string_equal(c.url,
	    "http://gnome:p%40ss%3Aw%2Frd@gproxy.corp.example:8080");
	assert_string_equal(c.no_proxy, "localhost,127.0.0.0/8,::1,"
	    "*.lan.example");
	proxy_conf_clear(&c);
	free(t);

	t = fixture("proxy_gsettings_auto_edge");
	proxy_gnome_parse(&c, t, "https");
	assert_string_equal(c.mode, "auto");
	assert_null(c.url);
	assert_null(c.pac_url);
	assert_true(c.autodetect);
	proxy_conf_clear(&c);
	free(t);

	proxy_gnome_parse(&c, "No such schema \"org.gnome.system.proxy\"\n",
	    "https");
	assert_false(c.seen);
	proxy_conf_clear(&c);
}

static void
test_scutil(void **state)
{
	struct proxy_conf c = { 0 };
	char *t = fixture("proxy_scutil_valid");

	(void)state;
	proxy_scutil_parse(&c, t, "https");
	assert_string_equal(c.url, "http://mproxy.corp.example:8443");
	assert_string_equal(c.pac_url, "http://pac.corp.example/proxy.pac");
	assert_string_equal(c.no_proxy, "*.local,169.254/16");
	assert_false(c.autodetect);
	proxy_conf_clear(&c);
	proxy_scutil_parse(&c, t, "http");
	assert_string_equal(c.url, "http://mproxy.corp.example:8080");
	proxy_conf_clear(&c);
	free(t);
}

struct prec_case {
	const char *desktop;
	int active[PO_N];	/* 1 url, 2 pac, 3 autodetect, 0 nothing */
	int want;
};

static const struct prec_case prec_cases[] = {
	{ NULL, { 0, 0, 0, 0, 0 }, -1 },
	{ NULL, { 1, 0, 0, 0, 0 }, PO_ENV },
	{ "GNOME", { 1, 1, 0, 0, 0 }, PO_GNOME },
	{ "ubuntu:GNOME", { 1, 0, 1, 0, 0 }, PO_KDE },
	{ "KDE", { 1, 1, 1, 0, 0 }, PO_KDE },
	{ "KDE", { 1, 1, 0, 0, 0 }, PO_GNOME },
	{ "X-Cinnamon", { 0, 2, 1, 1, 0 }, PO_GNOME },
	{ NULL, { 0, 3, 0, 1, 0 }, PO_GNOME },
	{ NULL, { 0, 0, 0, 1, 0 }, PO_ETC_ENV },
	{ NULL, { 1, 0, 0, 1, 0 }, PO_ENV },
	{ "KDE", { 1, 1, 1, 1, 1 }, PO_MACOS },
	{ NULL, { 0, 0, 0, 0, 2 }, PO_MACOS },
};

static void
test_precedence_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(prec_cases) / sizeof(prec_cases[0]);
	    i++) {
		struct proxy_conf confs[PO_N];
		int got;

		memset(confs, 0, sizeof(confs));
		for (int k = 0; k < PO_N; k++) {
			confs[k].seen = 1;
			if (prec_cases[i].active[k] == 1)
				confs[k].url = xstrdup("http://p.example:1");
			else if (prec_cases[i].active[k] == 2)
				confs[k].pac_url = xstrdup("http://x/p.pac");
			confs[k].autodetect = prec_cases[i].active[k] == 3;
		}
		got = proxy_choose(confs, prec_cases[i].desktop);
		if (got != prec_cases[i].want)
			fail_msg("case %zu: got %d want %d", i, got,
			    prec_cases[i].want);
		for (int k = 0; k < PO_N; k++)
			proxy_conf_clear(&confs[k]);
	}
}

static void
test_labels(void **state)
{
	struct proxy_conf c = { 0 };
	char *l;

	(void)state;
	c.key = "https_proxy";
	l = proxy_source_label(PO_ENV, &c);
	assert_string_equal(l, "environment: https_proxy");
	free(l);
	l = proxy_source_label(PO_GNOME, &c);
	assert_string_equal(l, "GNOME settings (manual)");
	free(l);
	l = proxy_source_label(PO_KDE, &c);
	assert_string_equal(l, "KDE kioslaverc (manual)");
	free(l);
	l = proxy_source_label(PO_ETC_ENV, &c);
	assert_string_equal(l, "/etc/environment: https_proxy");
	free(l);
}

static void
test_search_domains(void **state)
{
	char *t = fixture("proxy_resolv_valid");
	char **d = NULL;
	size_t n = proxy_search_domains(t, &d);

	(void)state;
	assert_int_equal(n, 2);
	assert_string_equal(d[0], "corp.example");
	assert_string_equal(d[1], "lab.example");
	for (size_t i = 0; i < n; i++)
		free(d[i]);
	free(d);
	free(t);
	assert_int_equal(proxy_search_domains("nameserver 192.0.2.1\n", &d),
	    0);
	assert_null(d);
}

static void
test_note_http_and_summary(void **state)
{
	struct res_proxy p = { 0 };
	struct res_http h = { 0 };
	char *s;

	(void)state;
	p.ran = 1;
	p.url = xstrdup("http://[redacted]@proxy.example:3128");
	p.source = xstrdup("environment: https_proxy");
	h.variant = HV_DIRECT;
	h.status = 407;
	proxy_note_http(&p, &h);
	assert_false(p.auth_required);
	h.variant = HV_VIA_PROXY;
	h.status = 0;
	h.curl_error = (char *)"CONNECT tunnel failed, response 407";
	proxy_note_http(&p, &h);
	assert_true(p.auth_required);
	s = proxy_summary(&p);
	assert_non_null(strstr(s, "407"));
	free(s);
	p.auth_required = 0;
	/* The real request through the proxy: the CONNECT refused. */
	h.variant = HV_MAIN;
	h.proxy = NULL;
	proxy_note_http(&p, &h);
	assert_false(p.auth_required);
	h.proxy = (char *)"http://proxy.example:3128";
	h.status = 407;
	h.proxy_auth = (char *)"Basic";
	proxy_note_http(&p, &h);
	assert_true(p.auth_required);
	s = proxy_summary(&p);
	assert_non_null(strstr(s, "asks for a login (HTTP 407, Basic)"));
	free(s);
	p.auth_required = 0;
	s = proxy_summary(&p);
	assert_string_equal(s, "proxy http://[redacted]@proxy.example:3128, "
	    "set in environment: https_proxy");
	free(s);
	res_proxy_clear(&p);
	assert_null(p.url);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_no_proxy_table),
		cmocka_unit_test(test_env_table),
		cmocka_unit_test(test_etc_environment),
		cmocka_unit_test(test_etc_environment_bare_export),
		cmocka_unit_test(test_kioslaverc),
		cmocka_unit_test(test_gsettings),
		cmocka_unit_test(test_scutil),
		cmocka_unit_test(test_precedence_table),
		cmocka_unit_test(test_labels),
		cmocka_unit_test(test_search_domains),
		cmocka_unit_test(test_note_http_and_summary),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
