/*
 * Readings on what the browser meets beyond the first request: this
 * machine's clock against the server's, and whether a failure depends
 * on HTTP/2. Pure functions on the results (see readings.h).
 */
#include "config.h"

#include "probe/readings.h"

#include "core/i18n.h"
#include "core/strbuf.h"
#include "core/timeutil.h"
#include "core/xalloc.h"
#include "probe/samples.h"

#include <stdlib.h>
#include <string.h>

/* Reads the clocks from the first response with a Date; see readings.h. */
int
probe_results_clock(const struct probe_results *r, struct res_clock *out)
{
	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < r->nhttp && i < RES_MAX_HTTP; i++) {
		const struct res_http *h = &r->http[i];
		struct timespec start;
		time_t server;
		double at;

		if (h->result == HTTP_NOT_RUN || !h->date || !h->started ||
		    time_parse_http_date(h->date, &server) != 0 ||
		    time_parse_rfc3339(h->started, &start) != 0)
			continue;
		/* The server dated its answer about when it began to come. */
		at = (double)start.tv_sec + start.tv_nsec / 1e9 +
		    (h->t_ttfb > 0 ? h->t_ttfb / 1000.0 : 0);
		out->known = 1;
		out->server = (long)server;
		out->local = (long)(at + 0.5);
		out->skew_s = out->local - out->server;
		out->from = h;
		return 1;
	}
	return 0;
}

/* Is time t (Unix seconds) inside the certificate's validity? -1: unknown. */
static int
valid_at(const struct res_cert *c, long t)
{
	struct timespec from, to;

	if (time_parse_rfc3339(c->not_before, &from) != 0 ||
	    time_parse_rfc3339(c->not_after, &to) != 0)
		return -1;
	return t >= (long)from.tv_sec && t <= (long)to.tv_sec;
}

/* See readings.h. */
int
probe_results_clock_explains_cert(const struct probe_results *r,
    const struct res_clock *c)
{
	const struct res_tls *t = &r->tls;
	int checked = 0, bad_here = 0;

	if (!c->known || labs(c->skew_s) <= CLOCK_OFF_S || !t->ran ||
	    (t->verify != TLS_VERIFY_EXPIRED &&
	    t->verify != TLS_VERIFY_NOT_YET_VALID))
		return 0;
	for (size_t i = 0; i < t->nchain && i < RES_MAX_CHAIN; i++) {
		int there = valid_at(&t->chain[i], c->server);
		int here = valid_at(&t->chain[i], c->local);

		if (there < 0)
			continue;
		if (!there)
			return 0;	/* invalid at the server's time too */
		checked++;
		bad_here += !here;
	}
	return checked > 0 && bad_here > 0;
}

/* See readings.h. */
int
probe_results_h2_only(const struct probe_results *r, int *negotiated)
{
	struct sample_set m, h1;

	if (negotiated)
		*negotiated = 0;
	samples_of(r, HV_MAIN, NULL, &m);
	samples_of(r, HV_HTTP1, NULL, &h1);
	if (m.n == 0 || m.ok > 0 || h1.n == 0 || h1.failed > 0)
		return 0;
	for (size_t i = 0; negotiated && i < r->nhttp && i < RES_MAX_HTTP; i++)
		if (r->http[i].variant == HV_MAIN && r->http[i].alpn &&
		    strcmp(r->http[i].alpn, "h2") == 0)
			*negotiated = 1;
	return 1;
}

/* Reads the redirect chain; see readings.h. */
size_t
probe_results_chain(const struct probe_results *r, struct res_chain *out)
{
	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < r->nhttp && i < RES_MAX_HTTP; i++) {
		const struct res_http *h = &r->http[i];

		if (h->variant != HV_REDIRECT || h->result == HTTP_NOT_RUN ||
		    h->hop < 0 || h->hop > REDIRECTS_MAX || out->hop[h->hop])
			continue;
		out->hop[h->hop] = h;
	}
	/* Only an unbroken run from hop 0 is a chain. */
	while (out->n <= REDIRECTS_MAX && out->hop[out->n])
		out->n++;
	for (size_t k = 0; k < out->n; k++) {
		const struct res_http *h = out->hop[k];

		if (h->location && k + 1 < out->n)
			out->redirects++;
		else if (h->location && k == REDIRECTS_MAX)
			out->too_many = 1;
		else if (k > 0 && h->result != HTTP_RESPONSE)
			out->fails = h;
	}
	return out->redirects;
}

/* The host part of an address; see readings.h. */
char *
res_address_host(const char *a, int *port)
{
	const char *p, *e;

	*port = 0;
	if ((p = strstr(a, "://")) != NULL)
		a = p + 3;
	for (p = a; *p && *p != '/' && *p != '?' && *p != '#'; p++)
		if (*p == '@')
			a = p + 1;
	e = a;
	if (*e == '[') {
		while (*e && *e != ']')
			e++;
		if (*e == ']')
			e++;
	} else
		while (*e && *e != '/' && *e != '?' && *e != '#' &&
		    *e != ':')
			e++;
	if (*e == ':')
		*port = (int)strtol(e + 1, NULL, 10);
	if (*port < 0 || *port > 65535)
		*port = 0;
	return xstrndup(a, (size_t)(e - a));
}

/* The typed address; see readings.h. */
void
probe_results_typed(const struct probe_results *r, struct res_typed *out)
{
	const struct res_target *t = &r->target;
	const struct res_http *h;
	struct res_chain c;
	const char *p;
	int port, typed_port;

	memset(out, 0, sizeof(*out));
	probe_results_chain(r, &c);
	h = c.n > 0 ? c.hop[0] : NULL;
	out->moved = c.redirects > 0 && !c.too_many && h && h->url &&
	    t->url && strcmp(h->url, t->url) != 0;
	if (!out->moved) {
		out->url = xstrdup(t->url ? t->url : t->input);
		out->host = xstrdup(t->host);
		out->ascii_host = xstrdup(t->ascii_host);
		out->scheme = xstrdup(t->scheme);
		out->port = t->port;
		out->addr = h ? h->addr : NULL;
		return;
	}
	out->url = xstrdup(h->url);
	out->ascii_host = res_address_host(h->url, &port);
	p = strstr(h->url, "://");
	out->scheme = p ? xstrndup(h->url, (size_t)(p - h->url)) : NULL;
	out->port = port ? port : out->scheme && strcmp(out->scheme,
	    "http") == 0 ? 80 : 443;
	/* The host keeps the form it was typed in (IDN in Unicode). */
	out->host = t->input ? res_address_host(t->input, &typed_port) : NULL;
	if (!out->host || !*out->host) {
		free(out->host);
		out->host = xstrdup(out->ascii_host);
	}
	out->addr = h->addr;
}

/* Frees what a typed address owns; see readings.h. */
void
res_typed_clear(struct res_typed *t)
{
	free(t->url);
	free(t->host);
	free(t->ascii_host);
	free(t->scheme);
	memset(t, 0, sizeof(*t));
}

/* One line for the chain; see readings.h. */
char *
res_chain_text(const struct res_chain *c)
{
	struct strbuf sb = STRBUF_INIT;

	if (c->redirects == 0)
		return NULL;
	sb_addf(&sb, _("%s redirects to %s"), c->hop[0]->url,
	    c->hop[1]->url);
	for (size_t k = 2; k < c->n && k <= c->redirects; k++)
		sb_addf(&sb, _(", then to %s"), c->hop[k]->url);
	return sb_detach(&sb);
}
