/*
 * Unit tests for the human report writers, the privacy mask, safe saving
 * and the reproduction commands. Scenarios are built directly in C.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/strbuf.h"
#include "core/xalloc.h"
#include "report/commands.h"
#include "report/doc.h"
#include "report/privacy.h"
#include "report/report.h"

/* A recorded scenario: results, verdict, session answers. */
struct scenario {
	const char *name;
	struct probe_results r;
	struct verdict v;
	struct session s;
	enum report_audience audience;
};

static char *
sdup(const char *s)
{
	return xstrdup(s);
}

static void
set_target(struct probe_results *r, const char *host, int port,
    const char *scheme)
{
	r->target.host = sdup(host);
	r->target.ascii_host = sdup(host);
	r->target.scheme = sdup(scheme);
	r->target.port = port;
	r->target.path = sdup("/");
	r->target.input = sdup(host);
	r->target.url = xasprintf("%s://%s/", scheme, host);
	r->created = sdup("2026-03-14T09:26:53.589Z");
}

static void
add_dns(struct probe_results *r, const char *server, int sys,
    enum dns_status st, const char *a1, const char *a2)
{
	struct res_dns *d = &r->dns[r->ndns++];

	d->server = sdup(server);
	d->source = sdup(sys ? "/etc/resolv.conf" : "configured");
	d->is_system = sys;
	d->status = st;
	d->ms = 12.5;
	if (a1)
		d->addrs[d->naddrs++] = sdup(a1);
	if (a2)
		d->addrs[d->naddrs++] = sdup(a2);
}

static void
add_tcp(struct probe_results *r, const char *addr, enum tcp_status st)
{
	struct res_tcp *t = &r->tcp[r->ntcp++];

	t->addr = sdup(addr);
	t->family = strchr(addr, ':') ? 6 : 4;
	t->port = r->target.port;
	t->status = st;
	t->ms = 21.25;
}

static struct res_http *
add_http(struct probe_results *r, enum http_variant v, const char *addr,
    const char *name, enum http_result res, const char *started)
{
	struct res_http *h = &r->http[r->nhttp++];

	h->variant = v;
	h->url = xasprintf("https://%s/", name);
	h->addr = sdup(addr);
	h->host_header = sdup(name);
	h->sni = sdup(name);
	h->result = res;
	h->status = res == HTTP_RESPONSE ? 200 : 0;
	h->bytes = res == HTTP_RESPONSE ? 5120 : 0;
	h->t_dns = 12.5;
	h->t_connect = 33.0;
	h->t_tls = res == HTTP_TLS_RESET || res == HTTP_RESET_BEFORE_RESPONSE ?
	    -1 : 61.5;
	h->t_ttfb = res == HTTP_RESPONSE ? 90.25 : -1;
	h->t_total = res == HTTP_RESPONSE ? 120.0 : 40.125;
	h->started = sdup(started);
	h->tls_version = res == HTTP_RESPONSE ? sdup("TLSv1.3") : NULL;
	/* This machine's end, for the other side's logs. */
	h->local_addr = sdup("198.51.100.7");
	h->local_port = 40000 + (int)r->nhttp;
	return h;
}

static void
set_local(struct probe_results *r)
{
	r->local.ran = 1;
	r->local.os = sdup("Linux 6.1 (Debian 12)");
	r->local.iface = sdup("wlan0");
	r->local.iface_kind = sdup("wifi");
	r->local.resolver_kind = sdup("resolv.conf");
	r->proxy.ran = 1;
}

static void
set_tls(struct probe_results *r, const char *subject)
{
	struct res_cert *c = &r->tls.chain[r->tls.nchain++];

	r->tls.ran = 1;
	r->tls.versions[0] = TLSV_NO;
	r->tls.versions[1] = TLSV_NO;
	r->tls.versions[2] = TLSV_YES;
	r->tls.versions[3] = TLSV_YES;
	r->tls.verify = TLS_VERIFY_OK;
	r->tls.negotiated = sdup("TLSv1.3");
	c->subject = sdup(subject);
	c->issuer = sdup("CN=Example Test CA");
	c->sans = sdup("shop.example.com, www.shop.example.com");
	c->not_before = sdup("2026-01-01T00:00:00Z");
	c->not_after = sdup("2026-07-01T00:00:00Z");
	c->days_left = 108;
}

static void
set_verdict(struct verdict *v, enum symptom s, enum cause c, enum origin o,
    enum escalate e, const char *summary)
{
	v->symptom = s;
	v->cause = c;
	v->origin = o;
	v->escalate_to = e;
	v->confidence = CONF_HIGH;
	v->summary = sdup(summary);
}

static void
add_reason(struct verdict *v, const char *text, const char *ev)
{
	v->reasons[v->nreasons].text = sdup(text);
	v->reasons[v->nreasons].evidence = sdup(ev);
	v->nreasons++;
}

static void
add_answer(struct session *s, const char *id, enum answer a,
    const char *note, const char *at)
{
	s->answers = xrealloc(s->answers, (s->nanswers + 1) *
	    sizeof(*s->answers));
	s->answers[s->nanswers].step_id = sdup(id);
	s->answers[s->nanswers].answer = a;
	s->answers[s->nanswers].note = note ? sdup(note) : NULL;
	s->answers[s->nanswers].answered_at = sdup(at);
	s->answers[s->nanswers].checks_said = NULL;
	s->nanswers++;
}

/* A middlebox resets the TLS handshake when the SNI names the site. */
static void
build_middlebox(struct scenario *sc)
{
	struct probe_results *r = &sc->r;
	struct res_http *h;

	sc->name = "middlebox";
	sc->audience = RA_IT;
	set_target(r, "blocked.example.org", 443, "https");
	set_local(r);
	add_dns(r, "system", 1, DNS_OK, "203.0.113.10", NULL);
	add_dns(r, "198.51.100.53", 0, DNS_OK, "203.0.113.10", NULL);
	add_tcp(r, "203.0.113.10", TCP_OPEN);
	add_http(r, HV_MAIN, "203.0.113.10", "blocked.example.org",
	    HTTP_TLS_RESET, "2026-03-14T09:26:53.700Z");
	h = add_http(r, HV_NEUTRAL_SNI, "203.0.113.10", "example.com",
	    HTTP_RESPONSE, "2026-03-14T09:26:53.912Z");
	h->status = 404;
	r->path.ran = 1;
	r->path.method = sdup("tcp-syn");
	r->path.reached = 1;
	for (int i = 0; i < 4; i++) {
		struct res_hop *hp = &r->path.hops[r->path.nhops++];

		hp->ttl = i + 1;
		hp->sent = 3;
		if (i == 1)
			continue;
		hp->addr = xasprintf("198.51.100.%d", i + 1);
		hp->nrtt = 3;
		hp->rtt_ms[0] = hp->rtt_ms[1] = hp->rtt_ms[2] = 5.0 * (i + 1);
	}
	r->locator.ran = 1;
	r->locator.trigger = sdup("sni");
	r->locator.first_reset_ttl = 3;
	r->locator.server_distance = 4;
	r->locator.near_hop_ttl = 3;
	r->locator.near_hop_addr = sdup("198.51.100.3");
	r->locator.forged = -1;
	set_verdict(&sc->v, SYM_RESET, CAUSE_MIDDLEBOX_INJECTION, ORIGIN_PATH,
	    ESC_NETWORK_ADMIN, "A device on the network path resets "
	    "connections that name this site.");
	add_reason(&sc->v, "The TLS handshake was reset when the SNI named "
	    "the site.", "http[main]");
	add_reason(&sc->v, "The same address answered a neutral name.",
	    "http[neutral_sni]");
	add_answer(&sc->s, "client.flush_dns", ANS_NOT_FIXED, "no change",
	    "2026-03-14T09:20:01.000Z");
	add_answer(&sc->s, "client.other_browser", ANS_NOT_FIXED, NULL,
	    "2026-03-14T09:22:40.000Z");
}

/* The server itself resets every request, whatever the name. */
static void
build_server_abort(struct scenario *sc)
{
	struct probe_results *r = &sc->r;

	sc->name = "server_abort";
	sc->audience = RA_SITE_OWNER;
	set_target(r, "shop.example.com", 443, "https");
	set_local(r);
	add_dns(r, "system", 1, DNS_OK, "192.0.2.10", "2001:db8::10");
	add_tcp(r, "192.0.2.10", TCP_OPEN);
	add_tcp(r, "2001:db8::10", TCP_OPEN);
	add_http(r, HV_MAIN, "192.0.2.10", "shop.example.com",
	    HTTP_RESET_BEFORE_RESPONSE, "2026-03-14T09:26:53.700Z");
	add_http(r, HV_NEUTRAL_SNI, "192.0.2.10", "example.com",
	    HTTP_RESET_BEFORE_RESPONSE, "2026-03-14T09:26:54.013Z");
	set_tls(r, "CN=shop.example.com");
	set_verdict(&sc->v, SYM_RESET, CAUSE_SERVER_ABORT, ORIGIN_SERVER,
	    ESC_SITE_OWNER, "The server accepts the connection, then resets "
	    "it before answering.");
	add_reason(&sc->v, "Every request was reset after the TLS handshake, "
	    "with any name.", "http[main]");
}

/* Everything works. */
static void
build_ok(struct scenario *sc)
{
	struct probe_results *r = &sc->r;

	sc->name = "ok";
	sc->audience = RA_GENERAL;
	set_target(r, "www.example.net", 443, "https");
	set_local(r);
	add_dns(r, "system", 1, DNS_OK, "198.51.100.80", NULL);
	add_tcp(r, "198.51.100.80", TCP_OPEN);
	add_http(r, HV_MAIN, "198.51.100.80", "www.example.net",
	    HTTP_RESPONSE, "2026-03-14T09:26:53.700Z");
	set_verdict(&sc->v, SYM_OK, CAUSE_NONE, ORIGIN_NONE, ESC_NONE,
	    "The site answered normally.");
}

/* One hop of a trace: silent when addr is NULL. */
static void
add_hop(struct probe_results *r, const char *addr, const char *name,
    long asn, const char *as_name, double ms)
{
	struct res_hop *hp = &r->path.hops[r->path.nhops++];

	hp->ttl = (int)r->path.nhops;
	hp->sent = 3;
	if (!addr) {
		hp->loss = 1.0;
		return;
	}
	hp->addr = sdup(addr);
	hp->name = name ? sdup(name) : NULL;
	hp->asn = asn;
	hp->as_name = as_name ? sdup(as_name) : NULL;
	hp->nrtt = 3;
	hp->rtt_ms[0] = hp->rtt_ms[1] = hp->rtt_ms[2] = ms;
}

/*
 * A long path the trace does not finish, the first router silent (its
 * gateway inferred) and the reset made there; the request is reset mid-
 * transfer after a steady 30 s in three of five attempts, and a watch ran.
 */
static void
build_long_path(struct scenario *sc)
{
	static const char *const starts[] = { "2026-03-14T09:27:00.000Z",
		"2026-03-14T09:27:30.100Z", "2026-03-14T09:28:00.300Z",
		"2026-03-14T09:28:30.500Z", "2026-03-14T09:28:31.200Z" };
	struct probe_results *r = &sc->r;

	sc->name = "long_path";
	sc->audience = RA_ISP;
	set_target(r, "video.example.net", 443, "https");
	set_local(r);
	add_dns(r, "system", 1, DNS_OK, "198.51.100.200", NULL);
	add_tcp(r, "198.51.100.200", TCP_OPEN);
	for (int i = 0; i < 5; i++) {
		struct res_http *h = add_http(r, HV_MAIN, "198.51.100.200",
		    "video.example.net", i < 3 ? HTTP_RESET_MID_TRANSFER :
		    HTTP_RESPONSE, starts[i]);

		h->attempt = i + 1;
		if (i < 3) {
			h->t_total = 30010.0 + 40 * i;
			h->bytes = 1048576;
		}
	}
	add_http(r, HV_NEUTRAL_HOST, "198.51.100.200", "neutral.example",
	    HTTP_RESPONSE, "2026-03-14T09:28:32.000Z")->attempt = 1;
	r->path.ran = 1;
	r->path.method = sdup("tcp-syn");
	add_hop(r, NULL, NULL, 0, NULL, 0);
	add_hop(r, "198.18.4.1", "cpe-198-18-4-1.dsl.example-isp.net", 64500,
	    "EXAMPLE-ISP", 8.5);
	add_hop(r, "198.18.9.14",
	    "ae-12.r21.frnkge13.de.bb.example-transit-network.net", 64501,
	    "EXAMPLE-TRANSIT Example Transit Networks Incorporated", 14.0);
	add_hop(r, "198.18.9.30", NULL, 64501, "EXAMPLE-TRANSIT", 15.25);
	add_hop(r, NULL, NULL, 0, NULL, 0);
	add_hop(r, NULL, NULL, 0, NULL, 0);
	add_hop(r, NULL, NULL, 0, NULL, 0);
	for (int i = 0; i < 5; i++) {
		char *a = xasprintf("198.18.%d.%d", 20 + i, 2 * i + 1);

		add_hop(r, a, NULL, 64502, "EXAMPLE-CDN", 20.0 + i);
		free(a);
	}
	r->locator.ran = 1;
	r->locator.trigger = sdup("host");
	r->locator.first_reset_ttl = 2;
	r->locator.server_distance = 14;
	r->locator.near_hop_ttl = 1;
	r->locator.near_hop_addr = sdup("198.18.2.25");
	r->locator.near_hop_unidentified = 1;
	r->locator.near_hop_inferred = 1;
	r->locator.forged = -1;
	r->watch.ran = 1;
	r->watch.interval_ms = 1000;
	r->watch.duration_ms = 120000;
	r->watch.started = sdup("2026-03-14T09:29:00.000Z");
	for (int i = 0; i < 120; i++) {
		struct res_watch_sample w = { i * 1000.0, i % 10 == 7 ?
		    HTTP_RESET_MID_TRANSFER : i == 50 ? HTTP_TIMEOUT :
		    HTTP_RESPONSE, 200, i % 10 == 7 ? 30000.0 : 120.0 };

		res_watch_add(&r->watch, &w);
	}
	set_verdict(&sc->v, SYM_RESET, CAUSE_MIDDLEBOX_INJECTION, ORIGIN_PATH,
	    ESC_ISP, "A device right after this machine resets long "
	    "transfers after 30 seconds.");
	sc->v.confidence = CONF_MEDIUM;
	add_reason(&sc->v, "Three of five attempts were reset after 30 s.",
	    "http[main]");
}

static void
scenario_free(struct scenario *sc)
{
	probe_results_clear(&sc->r);
	free(sc->v.summary);
	for (size_t i = 0; i < sc->v.nreasons; i++) {
		free(sc->v.reasons[i].text);
		free(sc->v.reasons[i].evidence);
	}
	for (size_t i = 0; i < sc->s.nanswers; i++) {
		free(sc->s.answers[i].step_id);
		free(sc->s.answers[i].note);
		free(sc->s.answers[i].answered_at);
	}
	free(sc->s.answers);
	memset(sc, 0, sizeof(*sc));
}

/* A one-step checklist, so one title comes from it and one from the id. */
static struct cl_step test_step = { .id = "client.flush_dns",
	.title = "Flush the DNS cache" };
static const struct checklist test_cl = { &test_step, 1 };

typedef void (*render_fn)(const struct report_input *, struct strbuf *);

static const struct {
	const char *ext;
	render_fn fn;
} formats[] = {
	{ "txt", report_write_text },
	{ "md", report_write_markdown },
	{ "html", report_write_html },
};

/* Renders as report_render() does, minus the registry. */
static char *
render(const struct scenario *sc, render_fn fn, int redact)
{
	struct report_input in = { &sc->r, &sc->v, &sc->s, &test_cl,
		sc->audience, redact };
	struct strbuf sb = STRBUF_INIT;

	sb_add(&sb, "");
	fn(&in, &sb);
	return report_finish(sb_detach(&sb));
}

static char *
read_all(const char *path)
{
	FILE *f = fopen(path, "rb");
	struct strbuf sb = STRBUF_INIT;
	char buf[4096];
	size_t n;

	if (!f)
		return NULL;
	sb_add(&sb, "");
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		sb_addn(&sb, buf, n);
	fclose(f);
	return sb_detach(&sb);
}

static char *
golden_path(const char *name, const char *ext)
{
	const char *dir = getenv("CONNRESET_TESTDATA");

	return xasprintf("%s/report_golden_%s.%s", dir ? dir : "tests/data",
	    name, ext);
}

/* No line of s is wider than max code points. */
static void
assert_width(const char *s, size_t max)
{
	size_t cols = 0;

	for (; *s; s++) {
		if (*s == '\n') {
			cols = 0;
			continue;
		}
		if (((unsigned char)*s & 0xc0) != 0x80)
			cols++;
		if (cols > max)
			fail_msg("line longer than %zu columns near: %.40s",
			    max, s - 40 < s ? s : s);
	}
}

static void (*const builders[])(struct scenario *) = {
	build_middlebox, build_server_abort, build_ok, build_long_path
};

/*
 * The sections for the provider and the site owner carry what finds the
 * connection in their logs: this machine's address and port, and the
 * UTC time of each attempt to the millisecond.
 */
static void
test_log_facts(void **state)
{
	static const enum report_audience auds[] = { RA_ISP, RA_SITE_OWNER };
	struct scenario sc;

	(void)state;
	for (size_t a = 0; a < 2; a++) {
		struct res_http *h;

		memset(&sc, 0, sizeof(sc));
		build_server_abort(&sc);
		sc.audience = auds[a];
		/* A request that never reached an address says none. */
		h = add_http(&sc.r, HV_REDIRECT, NULL, "shop.example.com",
		    HTTP_TIMEOUT, "2026-03-14T09:26:50.000Z");
		free(h->local_addr);
		h->local_addr = NULL;
		for (size_t f = 0; f < sizeof(formats) / sizeof(*formats);
		    f++) {
			char *out = render(&sc, formats[f].fn, 0);
			const char *sec = strstr(out, auds[a] == RA_ISP ?
			    "For the Internet provider" :
			    "For the site owner");

			assert_non_null(sec);
			if (!strstr(sec, "from 198.51.100.7 port 4000") ||
			    !strstr(sec, "2026-03-14T09:26:53.700Z"))
				fail_msg("%s/%d: no local address or time in: "
				    "%.900s", formats[f].ext, (int)a, sec);
			if (strstr(out, "no address"))
				fail_msg("%s/%d: 'no address' in: %.900s",
				    formats[f].ext, (int)a, sec);
			free(out);
		}
		scenario_free(&sc);
	}
}

/* Every line of s at most max columns; returns the number of lines. */
static size_t
lines_within(const char *s, size_t max)
{
	size_t n = 0;

	assert_width(s, max);
	for (; *s; s++)
		n += *s == '\n';
	return n;
}

/*
 * The path line: the stations in order, the reset marked, silent runs
 * joined, the inferred gateway said to be one; wrapped between stations
 * to the width asked, never wider; NULL without a trace.
 */
static void
test_path_line(void **state)
{
	struct scenario sc;
	char *line;

	(void)state;
	memset(&sc, 0, sizeof(sc));
	build_middlebox(&sc);
	line = report_path_line(&sc.r, 80);
	assert_string_equal(line, "you -- hop 1 -- hop 2 (silent) [RESET] -- "
	    "hop 3 -- server\n");
	free(line);
	scenario_free(&sc);

	memset(&sc, 0, sizeof(sc));
	build_long_path(&sc);
	for (size_t w = 40; w <= 120; w += 10) {
		line = report_path_line(&sc.r, w);
		assert_true(lines_within(line, w) >= (w < 100 ? 2u : 1u));
		assert_non_null(strstr(line, "you -- hop 1 (gateway, inferred) "
		    "[RESET]"));
		assert_non_null(strstr(line, "hops 5-7 (silent)"));
		assert_non_null(strstr(line, "hop 12"));
		/* The trace stopped short: the way to the server unseen. */
		assert_non_null(strstr(line, ".. server\n"));
		free(line);
	}
	scenario_free(&sc);

	memset(&sc, 0, sizeof(sc));
	build_ok(&sc);
	assert_null(report_path_line(&sc.r, 80));
	assert_null(report_path_line(NULL, 80));
	scenario_free(&sc);
}

/*
 * The HTML's pictures: the verdict block, the path with its reset
 * station, the time lines of the sweep and the watch; nothing that runs
 * or fetches.
 */
static void
test_html_pictures(void **state)
{
	struct scenario sc;
	char *out;

	(void)state;
	memset(&sc, 0, sizeof(sc));
	build_long_path(&sc);
	out = render(&sc, report_write_html, 0);
	assert_non_null(strstr(out, "<section class=\"glance gp-path\">"));
	assert_non_null(strstr(out, "<figure class=\"path\">"));
	assert_non_null(strstr(out, "RESET HERE"));
	assert_non_null(strstr(out, "gateway, inferred"));
	assert_non_null(strstr(out, "hops 5-7"));
	assert_non_null(strstr(out, "<figure class=\"timeline\">"));
	assert_non_null(strstr(out, "after 30.01 s"));
	assert_non_null(strstr(out, "<figure class=\"watch\">"));
	assert_non_null(strstr(out, "<details>"));
	assert_null(strstr(out, "<script"));
	assert_null(strstr(out, "href="));
	assert_null(strstr(out, "src="));
	free(out);
	out = render(&sc, report_write_markdown, 0);
	assert_non_null(strstr(out, "```text\nyou -- hop 1 (gateway, "
	    "inferred) [RESET]"));
	assert_non_null(strstr(out, "| Request | Attempts | Completed | Failed "
	    "| First failure |"));
	free(out);
	scenario_free(&sc);
}

/* A rejected certificate completes the handshake, but the attempts say
   it was rejected: "completed" alone would read as working. A valid one
   is said valid once, not "valid (ok)". */
static void
test_cert_rejected_attempts(void **state)
{
	struct scenario sc;
	char *out;

	(void)state;
	memset(&sc, 0, sizeof(sc));
	build_ok(&sc);
	sc.r.http[0].result = HTTP_TLS_VERIFY;
	sc.r.http[0].status = 0;
	for (int k = 0; k < 2; k++) {
		add_http(&sc.r, HV_MAIN, "198.51.100.80", "www.example.net",
		    HTTP_TLS_VERIFY, "2026-03-14T09:26:54.000Z");
		add_http(&sc.r, HV_PER_ADDR, "198.51.100.80",
		    "www.example.net", HTTP_TLS_VERIFY,
		    "2026-03-14T09:26:55.000Z");
	}
	sc.r.tls.ran = 1;
	sc.r.tls.verify = TLS_VERIFY_OK;
	free(sc.r.tls.verify_reason);
	sc.r.tls.verify_reason = xstrdup("ok");
	out = render(&sc, report_write_markdown, 0);
	if (strstr(out, "valid (ok)"))
		fail_msg("a valid certificate said twice: %s", out);
	/* The Completed cells of the attempts and per-address tables. */
	if (!strstr(out, "| 3 | 3 (the certificate rejected on 3) | 0 |") ||
	    !strstr(out, "| 2 | 2 (the certificate rejected on 2) | 0 |"))
		fail_msg("attempts in: %s", out);
	free(out);
	scenario_free(&sc);
}

static void
test_golden(void **state)
{
	int update = getenv("CONNRESET_UPDATE_GOLDEN") &&
	    strcmp(getenv("CONNRESET_UPDATE_GOLDEN"), "1") == 0;

	(void)state;
	for (size_t i = 0; i < sizeof(builders) / sizeof(*builders); i++) {
		struct scenario sc;

		memset(&sc, 0, sizeof(sc));
		builders[i](&sc);
		for (size_t f = 0; f < sizeof(formats) / sizeof(*formats);
		    f++) {
			char *got = render(&sc, formats[f].fn, 0);
			char *path = golden_path(sc.name, formats[f].ext);
			char *want;

			if (update) {
				FILE *fp = fopen(path, "wb");

				assert_non_null(fp);
				fputs(got, fp);
				fclose(fp);
			}
			want = read_all(path);
			if (!want)
				fail_msg("missing golden %s (regenerate with "
				    "CONNRESET_UPDATE_GOLDEN=1)", path);
			if (strcmp(got, want) != 0)
				fail_msg("%s differs from the output "
				    "(regenerate with "
				    "CONNRESET_UPDATE_GOLDEN=1)", path);
			if (f == 0)
				assert_width(got, 80);
			free(want);
			free(path);
			free(got);
		}
		scenario_free(&sc);
	}
}

#define HOSTILE "<script>alert(1)</script> [x](http://evil.test/) " \
	"![i](http://evil.test/i.png) ```fence``` <b>bold</b> & \"q\" 'a' " \
	"\x1b[31mRED\x1b[0m \r\n # heading \xe2\x80\xae" "txet"

/* Control bytes, ESC, CR and the bidi override are never output raw. */
static void
assert_no_controls(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if ((*p < 0x20 && *p != '\n') || *p == 0x7f)
			fail_msg("raw control byte 0x%02x in output", *p);
	assert_null(strstr(s, "\xe2\x80\xae"));
}

/* Every '<', '[' and '`' outside fenced blocks is backslash-escaped. */
static void
assert_md_inert(const char *s)
{
	int in_fence = 0;

	for (const char *line = s; *line; ) {
		size_t n = strcspn(line, "\n");

		if (n >= 3 && strncmp(line, "```", 3) == 0)
			in_fence = !in_fence;
		else if (!in_fence)
			for (size_t i = 0; i < n; i++)
				if (strchr("<[`", line[i]) && (i == 0 ||
				    line[i - 1] != '\\'))
					fail_msg("unescaped '%c' in: %.*s",
					    line[i], (int)n, line);
		line += n + (line[n] == '\n');
	}
	assert_int_equal(in_fence, 0);
}

static void
test_hostile(void **state)
{
	struct scenario sc;
	char *clean = NULL;

	(void)state;
	memset(&sc, 0, sizeof(sc));
	build_server_abort(&sc);
	/* Writers must cope even with strings that skipped the sanitizer. */
	free(sc.r.http[0].server);
	sc.r.http[0].server = sdup(HOSTILE);
	free(sc.r.tls.chain[0].subject);
	sc.r.tls.chain[0].subject = sdup(HOSTILE);
	free(sc.r.dns[0].addrs[0]);
	sc.r.dns[0].addrs[0] = sdup(HOSTILE);
	/* And on the pictures: a hop's names, the path's station texts. */
	sc.r.path.ran = 1;
	add_hop(&sc.r, "192.0.2.1", HOSTILE, 64500, HOSTILE, 1.0);
	for (size_t f = 0; f < sizeof(formats) / sizeof(*formats); f++) {
		char *out = render(&sc, formats[f].fn, 0);

		assert_no_controls(out);
		if (formats[f].fn == report_write_markdown)
			assert_md_inert(out);
		if (formats[f].fn == report_write_html) {
			assert_null(strstr(out, "<script"));
			assert_null(strstr(out, "<b>"));
			assert_null(strstr(out, "'a'"));
			assert_non_null(strstr(out, "&lt;script&gt;"));
			assert_non_null(strstr(out, "&#39;a&#39;"));
		}
		if (formats[f].fn == report_write_text)
			assert_non_null(strstr(out, "\\x1b[31mRED"));
		free(out);
	}
	free(clean);
	scenario_free(&sc);
}

static const struct {
	const char *in;
	const char *out;
} mask_cases[] = {
	{ "alice on alice-laptop.lan (alice-laptop)",
	  "[user] on [host] ([host])" },
	{ "/home/alice/x and malice, alicex", "/home/[user]/x and malice, "
	  "alicex" },
	{ "192.168.1.20:443 then 10.0.0.7.", "[private address 1]:443 then "
	  "[private address 2]." },
	{ "again 10.0.0.7 and [fe80::1]:80 fe80::1%wlan0",
	  "again [private address 2] and [[private address 3]]:80 "
	  "[private address 3]%wlan0" },
	{ "public 203.0.113.5 172.32.0.1 172.31.255.1 100.64.0.1 100.128.0.1",
	  "public 203.0.113.5 172.32.0.1 [private address 4] "
	  "[private address 5] 100.128.0.1" },
	{ "fd12:3456::1 2001:db8::1 ::ffff:192.168.0.1 10:00:00",
	  "[private address 6] 2001:db8::1 [private address 7] 10:00:00" },
	{ "v1.10.0.0.1 x10.0.0.1", "v1.10.0.0.1 x10.0.0.1" },
};

static void
test_privacy_mask(void **state)
{
	struct privacy p;

	(void)state;
	privacy_init(&p, "alice", "alice-laptop.lan");
	for (size_t i = 0; i < sizeof(mask_cases) / sizeof(*mask_cases);
	    i++) {
		char *got = privacy_mask(&p, mask_cases[i].in);

		assert_string_equal(got, mask_cases[i].out);
		free(got);
	}
	assert_int_equal(p.naddrs, 7);
	assert_true(p.user_hits >= 2);
	assert_true(p.host_hits >= 2);
	privacy_free(&p);
	/* Names too short to mask safely are left alone. */
	privacy_init(&p, "a", "b");
	{
		char *got = privacy_mask(&p, "a b");

		assert_string_equal(got, "a b");
		free(got);
	}
	privacy_free(&p);
}

/* --redact: this machine's names and private addresses disappear. */
static void
test_redact_report(void **state)
{
	struct scenario sc;
	const struct passwd *pw = getpwuid(getuid());
	char host[HOST_NAME_MAX + 1] = "";

	(void)state;
	gethostname(host, sizeof(host) - 1);
	memset(&sc, 0, sizeof(sc));
	build_middlebox(&sc);
	free(sc.r.local.os);
	sc.r.local.os = xasprintf("Linux on %s", host);
	free(sc.s.answers[0].note);
	sc.s.answers[0].note = xasprintf("tried as %s in /home/%s",
	    pw ? pw->pw_name : "nobody", pw ? pw->pw_name : "nobody");
	add_dns(&sc.r, "192.168.1.1", 0, DNS_OK, "203.0.113.10", NULL);
	for (size_t f = 0; f < sizeof(formats) / sizeof(*formats); f++) {
		char *out = render(&sc, formats[f].fn, 1);

		if (pw && strlen(pw->pw_name) >= 2)
			assert_null(strstr(out, pw->pw_name));
		if (strlen(host) >= 2)
			assert_null(strstr(out, host));
		assert_null(strstr(out, "192.168.1.1"));
		assert_non_null(strstr(out, "Redacted"));
		assert_non_null(strstr(out, "[private address 1]"));
		/* Public addresses stay: the recipient needs them. */
		assert_non_null(strstr(out, "203.0.113.10"));
		free(out);
	}
	scenario_free(&sc);
}

/* Secrets are masked even without --redact. */
static void
test_secrets_always(void **state)
{
	struct scenario sc;
	char *out;

	(void)state;
	memset(&sc, 0, sizeof(sc));
	build_ok(&sc);
	sc.r.proxy.url = sdup("http://bob:hunter2secret@proxy.test:3128");
	sc.r.proxy.source = sdup("environment: https_proxy");
	out = render(&sc, report_write_text, 0);
	assert_null(strstr(out, "hunter2secret"));
	assert_non_null(strstr(out, "proxy.test:3128"));
	free(out);
	scenario_free(&sc);
}

/* Number of entries in dir (besides . and ..). */
static int
count_entries(const char *dir)
{
	char *cmdless = xasprintf("%s", dir);
	int n = 0;
	DIR *d = opendir(cmdless);
	struct dirent *e;

	assert_non_null(d);
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			n++;
	closedir(d);
	free(cmdless);
	return n;
}

static void
test_save(void **state)
{
	char dir[] = "/tmp/connreset-report-XXXXXX";
	char *path, *err = NULL, *got, *sub, *bad;

	(void)state;
	assert_non_null(mkdtemp(dir));
	path = xasprintf("%s/report.txt", dir);
	assert_int_equal(report_save(path, "first\n", 0, &err), 0);
	assert_null(err);
	/* An existing file is refused, named, and left alone. */
	assert_int_equal(report_save(path, "second\n", 0, &err), -1);
	assert_non_null(err);
	assert_non_null(strstr(err, "report.txt"));
	assert_non_null(strstr(err, "--force"));
	assert_null(strchr(err, '\n'));
	free(err);
	err = NULL;
	got = read_all(path);
	assert_string_equal(got, "first\n");
	free(got);
	/* force replaces it. */
	assert_int_equal(report_save(path, "second\n", 1, &err), 0);
	got = read_all(path);
	assert_string_equal(got, "second\n");
	free(got);
	assert_int_equal(count_entries(dir), 1);
	/* A missing directory: one clear line, nothing left behind. */
	bad = xasprintf("%s/missing/r.txt", dir);
	assert_int_equal(report_save(bad, "x", 0, &err), -1);
	assert_non_null(strstr(err, "cannot write report to"));
	assert_non_null(strstr(err, "missing/r.txt"));
	free(err);
	err = NULL;
	free(bad);
	/* A read-only directory (root ignores permissions, so skip it). */
	sub = xasprintf("%s/ro", dir);
	assert_int_equal(mkdir(sub, 0500), 0);
	if (geteuid() != 0) {
		bad = xasprintf("%s/r.txt", sub);
		assert_int_equal(report_save(bad, "x", 1, &err), -1);
		assert_non_null(strstr(err, "Permission denied"));
		free(err);
		err = NULL;
		assert_int_equal(count_entries(sub), 0);
		free(bad);
	}
	assert_int_equal(count_entries(dir), 2);
	rmdir(sub);
	free(sub);
	unlink(path);
	free(path);
	rmdir(dir);
}

static void
test_save_stdout(void **state)
{
	char tmpl[] = "/tmp/connreset-stdout-XXXXXX";
	int fd = mkstemp(tmpl), saved;
	char *err = NULL, *got;

	(void)state;
	assert_true(fd >= 0);
	fflush(stdout);
	saved = dup(1);
	dup2(fd, 1);
	assert_int_equal(report_save("-", "to stdout\n", 0, &err), 0);
	fflush(stdout);
	dup2(saved, 1);
	close(saved);
	close(fd);
	got = read_all(tmpl);
	assert_string_equal(got, "to stdout\n");
	free(got);
	unlink(tmpl);
}

static void
test_names(void **state)
{
	static const struct {
		const char *name;
		int f;
	} fmt[] = {
		{ "text", RF_TEXT }, { "txt", RF_TEXT },
		{ "markdown", RF_MARKDOWN }, { "md", RF_MARKDOWN },
		{ "json", RF_JSON }, { "html", RF_HTML }, { "htm", RF_HTML },
		{ "HTML", RF_HTML }, { "pdf", -1 }, { "", -1 },
	};
	static const struct {
		const char *path;
		int f;
	} paths[] = {
		{ "r.txt", RF_TEXT }, { "dir.v2/r.md", RF_MARKDOWN },
		{ "/x/report.json", RF_JSON }, { "a.htm", RF_HTML },
		{ "dir.md/report", -1 }, { ".md", -1 }, { "report", -1 },
	};
	static const struct {
		const char *name;
		int a;
	} aud[] = {
		{ "isp", RA_ISP }, { "it", RA_IT },
		{ "site-owner", RA_SITE_OWNER }, { "general", RA_GENERAL },
		{ "boss", -1 },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(fmt) / sizeof(*fmt); i++)
		assert_int_equal(report_format_from_name(fmt[i].name),
		    fmt[i].f);
	for (size_t i = 0; i < sizeof(paths) / sizeof(*paths); i++)
		assert_int_equal(report_format_from_path(paths[i].path),
		    paths[i].f);
	for (size_t i = 0; i < sizeof(aud) / sizeof(*aud); i++) {
		assert_int_equal(report_audience_from_name(aud[i].name),
		    aud[i].a);
		if (aud[i].a >= 0)
			assert_string_equal(report_audience_name(aud[i].a),
			    aud[i].name);
	}
}

static void
test_quote(void **state)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{ "example.com:443", "example.com:443" },
		{ "a b", "'a b'" },
		{ "it's", "'it'\\''s'" },
		{ "", "''" },
		{ "$(rm -rf ~);`id`", "'$(rm -rf ~);`id`'" },
		{ "https://h/?q=1&x=2", "'https://h/?q=1&x=2'" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		char *q = commands_quote(cases[i].in);

		assert_string_equal(q, cases[i].out);
		free(q);
	}
}

/* Whether one of the n commands is exactly line. */
static int
has_line(const struct command *c, size_t n, const char *line)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(c[i].line, line) == 0)
			return 1;
	return 0;
}

static void
test_commands(void **state)
{
	struct scenario sc;
	struct command c[COMMANDS_MAX];
	size_t n;

	(void)state;
	memset(&sc, 0, sizeof(sc));
	build_server_abort(&sc);
	n = commands_build(&sc.r, c, COMMANDS_MAX);
	assert_true(has_line(c, n, "curl -v -g --connect-to "
	    "shop.example.com:443:192.0.2.10:443 https://shop.example.com:443/"));
	assert_true(has_line(c, n, "curl -v -g --connect-to "
	    "'shop.example.com:443:[2001:db8::10]:443' "
	    "https://shop.example.com:443/"));
	assert_true(has_line(c, n, "dig shop.example.com A"));
	assert_true(has_line(c, n, "dig shop.example.com AAAA"));
	assert_true(has_line(c, n, "openssl s_client -connect 192.0.2.10:443 "
	    "-servername shop.example.com"));
	assert_false(has_line(c, n, "openssl s_client -connect 192.0.2.10:443 "
	    "-servername shop.example.com -tls1"));
	assert_true(has_line(c, n, "traceroute -T -p 443 shop.example.com"));
	assert_true(has_line(c, n, "mtr -T -P 443 shop.example.com"));
	commands_free(c, n);
	/* A reset on TLS 1.2 makes the per-version lines worth having. */
	sc.r.tls.versions[2] = TLSV_RESET;
	free(sc.r.target.ascii_host);
	sc.r.target.ascii_host = sdup("x';rm -rf ~;'");
	n = commands_build(&sc.r, c, COMMANDS_MAX);
	assert_true(has_line(c, n, "openssl s_client -connect 192.0.2.10:443 "
	    "-servername 'x'\\'';rm -rf ~;'\\''' -tls1_2"));
	assert_true(has_line(c, n, "traceroute -T -p 443 'x'\\'';rm -rf "
	    "~;'\\'''"));
	commands_free(c, n);
	scenario_free(&sc);
}

/* Batch mode says nothing was tried by hand, in every format. */
static void
test_tried_batch(void **state)
{
	struct scenario sc;

	(void)state;
	memset(&sc, 0, sizeof(sc));
	build_server_abort(&sc);
	for (size_t f = 0; f < sizeof(formats) / sizeof(*formats); f++) {
		struct report_input in = { &sc.r, &sc.v, NULL, &test_cl,
			RA_IT, 0 };
		struct strbuf sb = STRBUF_INIT;
		const char *t;

		sb_add(&sb, "");
		formats[f].fn(&in, &sb);
		t = sb_str(&sb);
		assert_non_null(strstr(t, "What was already tried"));
		assert_non_null(strstr(t, "batch"));
		/* The neutral name was reset too: not a name filter. */
		assert_non_null(strstr(t, "not decide it"));
		assert_null(strstr(t, "are reset when"));
		sb_free(&sb);
	}
	scenario_free(&sc);
}

/* A reset on a hop of the trace, with the networks of its hops. */
static char *
isp_text(long provider, long reset_at)
{
	struct scenario sc;
	struct res_path *p;
	char *out;

	memset(&sc, 0, sizeof(sc));
	build_middlebox(&sc);
	sc.audience = RA_ISP;
	p = &sc.r.path;
	xstrset(&p->hops[0].addr, "192.168.1.1");
	xstrset(&p->hops[1].addr, "81.2.69.2");
	p->hops[1].nrtt = 1;
	p->hops[1].asn = provider;
	xstrset(&p->hops[1].as_name, "PROVIDER-NET");
	xstrset(&p->hops[2].addr, "81.2.69.3");
	p->hops[2].asn = reset_at;
	xstrset(&p->hops[2].as_name, reset_at == provider ? "PROVIDER-NET" :
	    "TRANSIT-NET");
	xstrset(&p->hops[3].addr, "81.2.69.4");
	sc.r.locator.first_reset_ttl = 4;
	sc.r.locator.server_distance = 5;
	xstrset(&sc.r.locator.near_hop_addr, "81.2.69.3");
	out = render(&sc, report_write_text, 0);
	scenario_free(&sc);
	/* One line: the text report wraps its paragraphs. */
	for (char *r = out, *w = out;; r++) {
		if (*r == '\n' || *r == ' ') {
			if (w == out || w[-1] != ' ')
				*w++ = ' ';
			continue;
		}
		if (!(*w++ = *r))
			break;
	}
	return out;
}

/* The ISP report says whose network the resetting device is in. */
static void
test_isp_network(void **state)
{
	char *t;

	(void)state;
	t = isp_text(64500, 64500);
	assert_non_null(strstr(t, "inside this connection's own provider: "
	    "it belongs to AS64500 (PROVIDER-NET)"));
	assert_non_null(strstr(t, "network AS64500 PROVIDER-NET"));
	free(t);
	t = isp_text(64500, 64511);
	assert_non_null(strstr(t, "beyond this connection's provider: it "
	    "belongs to AS64511 (TRANSIT-NET)"));
	assert_non_null(strstr(t, "is in AS64500 (PROVIDER-NET)"));
	free(t);
	/* A network unknown: not a word about it. */
	t = isp_text(0, 64511);
	assert_null(strstr(t, "provider: it belongs"));
	assert_null(strstr(t, "beyond this connection's"));
	free(t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_golden),
		cmocka_unit_test(test_path_line),
		cmocka_unit_test(test_html_pictures),
		cmocka_unit_test(test_isp_network),
		cmocka_unit_test(test_log_facts),
		cmocka_unit_test(test_cert_rejected_attempts),
		cmocka_unit_test(test_hostile),
		cmocka_unit_test(test_privacy_mask),
		cmocka_unit_test(test_redact_report),
		cmocka_unit_test(test_secrets_always),
		cmocka_unit_test(test_save),
		cmocka_unit_test(test_save_stdout),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_quote),
		cmocka_unit_test(test_commands),
		cmocka_unit_test(test_tried_batch),
	};

	setenv("TZ", "UTC", 1);
	tzset();
	setenv("LC_ALL", "C", 1);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
