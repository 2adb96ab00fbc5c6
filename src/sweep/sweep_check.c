/*
 * How each check's results read as a status and a one-line finding for
 * the live view and reports; every kind (check_*.c) points at its pair.
 */
#include "config.h"

#include "sweep/sweep_check.h"

#include "core/i18n.h"
#include "core/strbuf.h"
#include "core/xalloc.h"
#include "probe/flush.h"
#include "probe/names.h"
#include "probe/proxy.h"
#include "probe/readings.h"
#include "probe/samples.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* ---- DNS ---- */

/* The first resolver whose answer shares nothing with the system's. */
static const struct res_dns *
disagreeing(const struct probe_results *r, const struct res_dns *sys)
{
	for (size_t i = 0; i < r->ndns; i++) {
		const struct res_dns *d = &r->dns[i];

		if (d->is_system || d->status != DNS_OK)
			continue;
		if (!res_dns_overlap(d, sys))
			return d;
	}
	return NULL;
}

enum check_status
sweep_dns_status(const struct probe_results *r)
{
	const struct res_dns *sys = probe_results_system_dns(r);

	if (!sys || sys->status != DNS_OK)
		return CS_FAIL;
	return disagreeing(r, sys) ? CS_WARN : CS_PASS;
}

char *
sweep_dns_summary(const struct probe_results *r)
{
	const struct res_dns *sys = probe_results_system_dns(r), *odd;
	size_t others = r->ndns > 0 ? r->ndns - 1 : 0;

	if (!sys)
		return xstrdup(_("no answer"));
	if (sys->status != DNS_OK)
		return xasprintf(_("the system resolver says: %s"),
		    dns_status_label(sys->status));
	if ((odd = disagreeing(r, sys)))
		return xasprintf(_("resolvers disagree: the system uses %s, "
		    "%s answers %s"), sys->addrs[0], odd->server,
		    odd->naddrs ? odd->addrs[0] : "-");
	return xasprintf(ngettext("%s (%.0f ms); %zu resolver asked on its "
	    "own agrees", "%s (%.0f ms); %zu resolvers asked on their own "
	    "agree", others), sys->addrs[0], sys->ms, others);
}

/* ---- TCP ---- */

enum check_status
sweep_tcp_status(const struct probe_results *r)
{
	size_t open = 0;

	for (size_t i = 0; i < r->ntcp; i++)
		open += r->tcp[i].status == TCP_OPEN;
	if (r->ntcp == 0 || open == 0)
		return CS_FAIL;
	return open == r->ntcp ? CS_PASS : CS_WARN;
}

char *
sweep_tcp_summary(const struct probe_results *r)
{
	size_t open = 0;
	const struct res_tcp *first = r->ntcp ? &r->tcp[0] : NULL;

	if (!first)
		return xstrdup(_("no address to connect to"));
	for (size_t i = 0; i < r->ntcp; i++)
		open += r->tcp[i].status == TCP_OPEN;
	if (open == r->ntcp)
		return xasprintf(_("port %d open on %s (%.1f ms)"), first->port,
		    first->addr, first->ms);
	if (open == 0)
		return xasprintf(_("port %d %s on %s"), first->port,
		    tcp_status_label(first->status), first->addr);
	return xasprintf(_("port %d open on %zu of %zu addresses"),
	    first->port, open, r->ntcp);
}

/* ---- HTTP ---- */

enum check_status
sweep_http_status(const struct probe_results *r)
{
	struct sample_set s;

	samples_of(r, HV_MAIN, NULL, &s);
	if (s.n == 0)
		return CS_ERROR;
	/* A rejected certificate completes the exchange but is a failure
	   to the browser: its error page, not the site. */
	if (s.failed > 0 || s.first->result == HTTP_TLS_VERIFY ||
	    (s.first_ok && s.first_ok->result == HTTP_TLS_VERIFY))
		return CS_FAIL;
	return s.first->status >= 400 ? CS_WARN : CS_PASS;
}

/* How one request ended, in a few words (owned). */
static char *
ending(const struct res_http *m)
{
	if (m->result == HTTP_RESPONSE)
		return xasprintf(_("HTTP %ld in %.0f ms"), m->status,
		    m->t_total);
	if (m->result == HTTP_RESET_MID_TRANSFER)
		return xasprintf(_("reset after %ld bytes of the reply "
		    "(%.0f ms)"), m->bytes, m->t_total);
	/* A limit ran out: that is all that is known. */
	if (m->result == HTTP_TIMEOUT && m->limit_ms > 0)
		return xasprintf(_("no answer within %.0f s"),
		    (double)m->limit_ms / 1000);
	if (m->os_errno)
		return xasprintf("%s (%s, %.0f ms)",
		    http_result_label(m->result), strerror(m->os_errno),
		    m->t_total);
	return xasprintf("%s (%.0f ms)", http_result_label(m->result),
	    m->t_total);
}

char *
sweep_http_summary(const struct probe_results *r)
{
	struct sample_set s;
	char *one, *out;

	samples_of(r, HV_MAIN, NULL, &s);
	if (s.n == 0)
		return xstrdup(_("not run"));
	if (s.n == 1)
		return ending(s.first);
	if (s.failed == 0) {
		one = ending(s.first);
		out = xasprintf(_("%s; all %zu attempts alike"), one, s.n);
	} else if (s.ok == 0) {
		one = ending(s.first_fail);
		out = xasprintf(_("%s; all %zu attempts failed"), one, s.n);
	} else {
		one = ending(s.first_fail);
		out = xasprintf(_("%zu of %zu attempts failed (%s); the others "
		    "completed"), s.failed, s.n, one);
	}
	free(one);
	return out;
}

/* ---- TLS ---- */

enum check_status
sweep_tls_status(const struct probe_results *r)
{
	const struct res_tls *t = &r->tls;
	int modern = t->versions[2] == TLSV_YES || t->versions[3] == TLSV_YES;

	if (!t->ran)
		return CS_ERROR;
	if (!modern || (t->verify != TLS_VERIFY_OK &&
	    t->verify != TLS_VERIFY_NOT_RUN))
		return CS_FAIL;
	if (t->intercepted || t->versions[0] == TLSV_YES ||
	    t->versions[1] == TLSV_YES)
		return CS_WARN;
	return CS_PASS;
}

char *
sweep_tls_summary(const struct probe_results *r)
{
	const struct res_tls *t = &r->tls;
	static const char *const vname[4] = { "1.0", "1.1", "1.2", "1.3" };
	struct strbuf sb = STRBUF_INIT;
	int any = 0;

	if (!t->ran)
		return xstrdup(_("no TLS handshake could be made"));
	for (int i = 3; i >= 0; i--)
		if (t->versions[i] == TLSV_YES) {
			sb_addf(&sb, "%s%s", any ? "/" : "TLS ", vname[i]);
			any = 1;
		}
	if (!any)
		sb_add(&sb, _("no TLS version accepted"));
	if (t->verify == TLS_VERIFY_OK && t->nchain > 0)
		sb_addf(&sb, _("; certificate valid, %ld days left"),
		    t->chain[0].days_left);
	else if (t->verify == TLS_VERIFY_NO_CERT)
		sb_addf(&sb, _("; no certificate to check: %s"),
		    t->verify_reason ? t->verify_reason :
		    tls_verify_label(t->verify));
	else if (t->verify != TLS_VERIFY_NOT_RUN)
		sb_addf(&sb, _("; certificate %s"),
		    tls_verify_label(t->verify));
	if (t->intercepted)
		sb_add(&sb, _("; issued by a TLS-inspecting product"));
	return sb_detach(&sb);
}

/* ---- content variation and protocol mismatch ---- */

static int
failed_hard(const struct res_http *h)
{
	return h && h->result != HTTP_RESPONSE && h->result != HTTP_TLS_VERIFY
	    && h->result != HTTP_NOT_RUN;
}

/*
 * A variant that got through (a response, or a finished handshake) on
 * every attempt; a random failure must not pass for a filter. Only one
 * sent the way the real request was (both direct or both through a
 * proxy) compares like with like.
 */
static const struct res_http *
clean_variant(const struct probe_results *r)
{
	const struct res_http *m = probe_results_http(r, HV_MAIN);

	static const enum http_variant vs[] = { HV_NEUTRAL_HOST,
		HV_NEUTRAL_SNI, HV_NO_SNI };

	for (size_t i = 0; i < sizeof(vs) / sizeof(vs[0]); i++) {
		struct sample_set s;

		samples_of(r, vs[i], NULL, &s);
		if (s.n > 0 && s.failed == 0 &&
		    (!m || !m->proxy == !s.first->proxy))
			return s.first;
	}
	return NULL;
}

/* The real request failed on every attempt (NULL when it did not). */
static const struct res_http *
main_always_failed(const struct probe_results *r)
{
	struct sample_set s;

	samples_of(r, HV_MAIN, NULL, &s);
	return s.n > 0 && s.ok == 0 && failed_hard(s.first_fail) ?
	    s.first_fail : NULL;
}

/* The real request failed on some attempts only. */
static int
main_sometimes_failed(const struct probe_results *r)
{
	struct sample_set s;

	samples_of(r, HV_MAIN, NULL, &s);
	return samples_mixed(&s);
}

/* Some neutral-name request ran without a proxy. */
static int
variants_direct(const struct probe_results *r)
{
	for (size_t i = 0; i < r->nhttp && i < RES_MAX_HTTP; i++) {
		enum http_variant v = r->http[i].variant;

		if ((v == HV_NEUTRAL_HOST || v == HV_NEUTRAL_SNI ||
		    v == HV_NO_SNI) && !r->http[i].proxy)
			return 1;
	}
	return 0;
}

enum check_status
sweep_variation_status(const struct probe_results *r)
{
	const struct res_http *m = main_always_failed(r);

	if (m && clean_variant(r))
		return CS_FAIL;
	/* Failing the same way says only that the name is not the cause. */
	return m || main_sometimes_failed(r) ? CS_INFO : CS_PASS;
}

char *
sweep_variation_summary(const struct probe_results *r)
{
	const struct res_http *m = main_always_failed(r);
	const struct res_http *c = clean_variant(r);

	if (main_sometimes_failed(r))
		return xstrdup(_("the request fails only some of the time, "
		    "so a comparison of names says nothing"));
	if (m && m->proxy && !c && variants_direct(r))
		return xstrdup(_("not comparable: the real request went "
		    "through the proxy, the neutral ones went direct"));
	if (m && c)
		return xasprintf(_("a neutral request to the same address "
		    "gets through (%s): the failure depends on the name "
		    "sent"), c->variant == HV_NEUTRAL_HOST ? _("other Host") :
		    c->variant == HV_NO_SNI ? _("no SNI") : _("other SNI"));
	if (failed_hard(m))
		return xstrdup(_("neutral requests fail the same way: the "
		    "name sent is not what triggers it"));
	return xstrdup(_("neutral requests behave the same"));
}

/* ---- what in the request triggers it: the path ---- */

/*
 * The request for "/" against the real one: a comparison only when the
 * real request failed on every attempt (else intermittency passes for
 * a filter), and a finding only when "/" got through on every attempt.
 */
enum check_status
sweep_trigger_status(const struct probe_results *r)
{
	struct sample_set p;

	samples_of(r, HV_NEUTRAL_PATH, NULL, &p);
	if (p.n == 0)
		return CS_ERROR;
	if (main_always_failed(r) && p.failed == 0)
		return CS_FAIL;
	return main_always_failed(r) || main_sometimes_failed(r) ? CS_INFO :
	    CS_PASS;
}

char *
sweep_trigger_summary(const struct probe_results *r)
{
	struct sample_set p;

	samples_of(r, HV_NEUTRAL_PATH, NULL, &p);
	if (p.n == 0)
		return xstrdup(_("the request for / could not be made"));
	if (main_sometimes_failed(r))
		return xstrdup(_("the request fails only some of the time, "
		    "so a comparison of paths says nothing"));
	if (!main_always_failed(r))
		return xstrdup(_("the request for / behaves the same"));
	if (p.failed == 0)
		return xstrdup(_("the same request for / was answered: what "
		    "triggers it is in the URL path"));
	if (p.ok == 0)
		return xstrdup(_("fails the same way for /: the path is not "
		    "what triggers it"));
	return xasprintf(_("the request for / was answered on %zu of %zu "
	    "attempts only, so it says nothing about the path"), p.ok, p.n);
}

enum check_status
sweep_mismatch_status(const struct probe_results *r)
{
	const struct res_http *alt = probe_results_http(r, HV_ALT_SCHEME);

	return alt && !failed_hard(alt) ? CS_FAIL : CS_PASS;
}

char *
sweep_mismatch_summary(const struct probe_results *r)
{
	const struct res_http *alt = probe_results_http(r, HV_ALT_SCHEME);
	int tls = strcmp(r->target.scheme, "https") != 0;

	if (alt && !failed_hard(alt))
		return xasprintf(_("port %d answers %s: the address uses the "
		    "wrong protocol for this port"), r->target.port,
		    tls ? "HTTPS" : "HTTP");
	return xasprintf(_("%s on port %d fails too: not a protocol "
	    "mismatch"), tls ? "HTTPS" : "HTTP", r->target.port);
}

/* ---- path and locator ---- */

enum check_status
sweep_path_status(const struct probe_results *r)
{
	const struct res_path *p = &r->path;

	struct res_hop_ref h;

	if (!p->ran)
		return CS_ERROR;
	if (probe_results_path_refusal(r, &h))
		return CS_FAIL;		/* the answer was not the server's */
	return p->reached ? CS_PASS : CS_WARN;
}

/* The last hop that answered, or NULL. */
static const struct res_hop *
last_hop(const struct res_path *p)
{
	for (size_t i = p->nhops; i > 0; i--)
		if (p->hops[i - 1].addr)
			return &p->hops[i - 1];
	return NULL;
}

char *
sweep_path_summary(const struct probe_results *r)
{
	const struct res_path *p = &r->path;
	const struct res_hop *h = last_hop(p);
	char *refused;

	if (!p->ran)
		return xstrdup(_("no trace could be made"));
	if (!h)
		return xasprintf(_("no hop answered (%s)"),
		    p->method ? p->method : "?");
	if ((refused = probe_results_path_refusal_text(r)) != NULL)
		return refused;
	if (p->reached)
		return xasprintf(ngettext("%zu hop to the server (%s)",
		    "%zu hops to the server (%s)", p->nhops), p->nhops,
		    p->method ? p->method : "?");
	if (p->alt_distance > 0)
		return xasprintf(_("the trace stops after hop %d (%s); a %s "
		    "trace reaches the server at hop %d"), h->ttl, h->addr,
		    p->alt_method, p->alt_distance);
	return xasprintf(_("the trace stops after hop %d (%s)"), h->ttl,
	    h->addr);
}

enum check_status
sweep_locator_status(const struct probe_results *r)
{
	switch (res_locator_origin(&r->locator)) {
	case RO_NOT_RUN:
		return CS_ERROR;
	case RO_THIS_MACHINE:
	case RO_PATH:
		return CS_FAIL;
	default:
		return CS_INFO;
	}
}

char *
sweep_locator_summary(const struct probe_results *r)
{
	char *text;

	if (!r->locator.ran)
		return xstrdup(_("the replay could not be made"));
	text = probe_results_locator_text(r);
	return text ? text : xstrdup(_("the replay could not be made"));
}

/* ---- every address, the kernel's counters ---- */

/* An address whose certificate is rejected on every attempt: the
   exchange completes, but no browser shows the site from it. */
static int
cert_rejected(const struct sample_set *s)
{
	return s->n > 0 && s->rejected == s->n;
}

enum check_status
sweep_addresses_status(const struct probe_results *r)
{
	struct addr_row rows[RES_MAX_ADDRS];
	size_t n = samples_per_address(r, rows, RES_MAX_ADDRS);
	int failed = 0;

	if (n == 0)
		return CS_ERROR;
	for (size_t i = 0; i < n; i++)
		failed |= rows[i].s.failed > 0 || cert_rejected(&rows[i].s);
	return failed ? CS_FAIL : CS_PASS;
}

char *
sweep_addresses_summary(const struct probe_results *r)
{
	struct addr_row rows[RES_MAX_ADDRS];
	size_t n = samples_per_address(r, rows, RES_MAX_ADDRS), bad = 0;
	struct strbuf sb = STRBUF_INIT;

	if (n == 0)
		return xstrdup(_("no address could be tried"));
	for (size_t i = 0; i < n; i++) {
		const struct sample_set *s = &rows[i].s;

		if (s->failed == 0 && !cert_rejected(&rows[i].s))
			continue;
		sb_addf(&sb, "%s%s: ", bad++ ? "; " : "", rows[i].addr);
		if (cert_rejected(&rows[i].s))
			sb_addf(&sb, _("%s on every attempt"),
			    http_result_label(HTTP_TLS_VERIFY));
		else if (s->ok == 0)
			sb_addf(&sb, _("%s on every attempt"),
			    http_result_label(s->first_fail->result));
		else
			sb_addf(&sb, _("%zu of %zu attempts failed"),
			    s->failed, s->n);
	}
	if (bad == 0) {
		sb_free(&sb);
		return xasprintf(ngettext("the %zu address works",
		    "all %zu addresses work", n), n);
	}
	if (bad < n)
		sb_addf(&sb, ngettext("; the other address works",
		    "; the other %zu addresses work", n - bad), n - bad);
	return sb_detach(&sb);
}

enum check_status
sweep_watch_status(const struct probe_results *r)
{
	struct watch_counts c;

	samples_watch(&r->watch, &c);
	if (c.n == 0)
		return CS_INFO;
	return c.failed ? CS_FAIL : CS_PASS;
}

char *
sweep_watch_summary(const struct probe_results *r)
{
	struct watch_counts c;

	samples_watch(&r->watch, &c);
	if (c.n == 0)
		return xstrdup(_("no request was made yet"));
	if (c.failed == 0)
		return xasprintf(ngettext("%zu request, all answered",
		    "%zu requests, all answered", c.n), c.n);
	return xasprintf(ngettext("%zu of %zu request failed (%.0f %%), "
	    "first %s at %.0f s", "%zu of %zu requests failed (%.0f %%), "
	    "first %s at %.0f s", c.n), c.failed, c.n,
	    100.0 * (double)c.failed / (double)c.n,
	    http_result_label(c.first_result), c.first_fail_ms / 1000);
}

enum check_status
sweep_counters_status(const struct probe_results *r)
{
	return r->kstat.ran ? CS_INFO : CS_ERROR;
}

char *
sweep_counters_summary(const struct probe_results *r)
{
	const struct res_kstat *k = &r->kstat;
	struct strbuf sb = STRBUF_INIT;
	size_t shown = 0;

	if (!k->ran)
		return xstrdup(_("not read"));
	if (k->error)
		return xasprintf(_("could not be read: %s"), k->error);
	/* The counters that speak of resets, then whatever else grew. */
	for (size_t i = 0; i < k->n && i < RES_MAX_KSTAT; i++)
		if (k->c[i].delta != 0)
			sb_addf(&sb, "%s%s %+lld", shown++ ? ", " : "",
			    k->c[i].name, k->c[i].delta);
	if (shown == 0) {
		sb_free(&sb);
		return xstrdup(_("no counter changed during the sweep"));
	}
	sb_add(&sb, _(" (the whole machine, not only this sweep)"));
	return sb_detach(&sb);
}

/* ---- proxy, this machine, flush ---- */

enum check_status
sweep_proxy_status(const struct probe_results *r)
{
	const struct res_http *m = probe_results_http(r, HV_MAIN);
	const struct res_http *d = probe_results_http(r, HV_DIRECT);

	if (!r->proxy.ran)
		return CS_ERROR;
	if (r->proxy.auth_required)
		return CS_FAIL;
	if (m && d && m->proxy && failed_hard(m) && !failed_hard(d))
		return CS_FAIL;
	return r->proxy.url ? CS_INFO : CS_PASS;
}

/* The proxy's one line (probe/proxy.c words it). */
char *
sweep_proxy_summary(const struct probe_results *r)
{
	return proxy_summary(&r->proxy);
}

enum check_status
sweep_local_status(const struct probe_results *r)
{
	const struct res_local *l = &r->local;

	if (!l->ran)
		return CS_ERROR;
	if (l->firewall_reset_rule == 1)
		return CS_FAIL;
	if (l->route_via_vpn || l->hosts_entry || r->tls.intercepted)
		return CS_WARN;
	/* A firewall nobody could read is neither passed nor failed: the
	   checklist must not call its step settled. */
	if (l->firewall_reset_rule < 0)
		return CS_INFO;
	return CS_PASS;
}

enum check_status
sweep_flush_status(const struct probe_results *r)
{
	switch (r->flush.outcome) {
	case FLUSH_FLUSHED:
	case FLUSH_NOTHING:
		return CS_PASS;
	case FLUSH_NEEDS_PRIVILEGES:
		return CS_WARN;
	case FLUSH_NOT_RUN:
	case FLUSH_FAILED:
		break;
	}
	return CS_FAIL;
}

char *
sweep_flush_summary(const struct probe_results *r)
{
	const struct res_flush *f = &r->flush;
	char *line = flush_summary(f), *out;

	if (!f->before || !f->after)
		return line;
	if (strcmp(f->before, f->after) == 0)
		out = xasprintf(_("%s; the answer stays %s"), line,
		    *f->after ? f->after : "-");
	else
		out = xasprintf(_("%s; the answer was %s, now %s"), line,
		    *f->before ? f->before : "-", *f->after ? f->after : "-");
	free(line);
	return out;
}
