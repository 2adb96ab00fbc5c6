/*
 * The verdict over repeated attempts: one address that fails while
 * another works, a request that fails only some of the time, resets that
 * come after a steady elapsed time, and the rule that a single sample is
 * never "high" confidence. See "How sure is the verdict?" in the README.
 */
#include "config.h"

#include "diag/verdict_int.h"
#include "diag/names.h"
#include "core/i18n.h"
#include "core/strbuf.h"
#include "core/xalloc.h"
#include "probe/readings.h"

#include <stdlib.h>

#include <stdio.h>
#include <string.h>

/* Attempts a finding needs before it can be "high" confidence. */
#define SURE_SAMPLES 3

/* The cause a set of failures points to, by how they ended. */
static enum cause
failure_cause(const struct res_http *h)
{
	if (!h)
		return CAUSE_UNKNOWN;
	if (samples_reset_like(h->result))
		return CAUSE_SERVER_ABORT;
	if (h->result == HTTP_REFUSED)
		return CAUSE_PORT_CLOSED;
	return CAUSE_UNKNOWN;
}

/* "3 of 8" with the way they failed, as a reason citing one attempt. */
static void
cite_set(struct vctx *c, const char *what, const struct sample_set *s)
{
	char ref[96];
	const struct res_http *h = s->first_fail ? s->first_fail : s->first;

	if (!h)
		return;
	snprintf(ref, sizeof(ref), "http[%s]", http_variant_name(h->variant));
	if (s->failed == 0)
		vreason(c, ref, _("%s: all %zu attempts completed."), what,
		    s->n);
	else if (s->ok == 0)
		vreason(c, ref, _("%s: all %zu attempts failed (%s)."), what,
		    s->n, http_result_label(h->result));
	else
		vreason(c, ref, _("%s: %zu of %zu attempts failed (%s); the "
		    "others completed."), what, s->failed, s->n,
		    http_result_label(h->result));
}

/* Cites the attempts of one variant: one of them, or how they all went. */
void
vcite_variant(struct vctx *c, enum http_variant v)
{
	static const char *const what[] = {
		[HV_NEUTRAL_HOST] = N_("The request with a neutral Host header"),
		[HV_NEUTRAL_SNI] = N_("The request with a neutral TLS name (SNI)"),
		[HV_NO_SNI] = N_("The request without a TLS name (SNI)"),
		[HV_HTTP1] = N_("The request over HTTP/1.1"),
	};
	struct sample_set s;

	samples_of(c->r, v, NULL, &s);
	if (s.n == 0)
		return;
	if (s.n == 1 || (unsigned)v >= sizeof(what) / sizeof(what[0]) ||
	    !what[v])
		vreason_http(c, s.first_fail ? s.first_fail : s.first);
	else
		cite_set(c, _(what[v]), &s);
}

/* --- one address fails, another works ------------------------------ */

int
vmatch_bad_address(const struct vctx *c)
{
	const struct addr_row *good;

	return samples_bad_address(c->rows, c->nrows, &good) != NULL;
}

void
vfill_bad_address(struct vctx *c)
{
	const struct addr_row *good, *bad;
	const struct res_http *h;
	struct strbuf sb = STRBUF_INIT;
	size_t nbad = 0;
	int sure;

	bad = samples_bad_address(c->rows, c->nrows, &good);
	h = bad->s.first_fail;
	c->v->symptom = vsymptom_of(h);
	sure = bad->s.n >= SURE_SAMPLES && good->s.n >= SURE_SAMPLES;
	vset(c, failure_cause(h), ORIGIN_SERVER, ESC_SITE_OWNER,
	    sure ? CONF_HIGH : CONF_MEDIUM);
	for (size_t i = 0; i < c->nrows; i++)
		if (c->rows[i].s.n > 0 && c->rows[i].s.ok == 0) {
			sb_addf(&sb, "%s%s", nbad ? ", " : "",
			    c->rows[i].addr);
			nbad++;
		}
	vsummary(c, ngettext("The name %s has several addresses and one of "
	    "them fails: %s (%s on every attempt), while %s works. Browsers "
	    "that pick the failing address cannot load the site.",
	    "The name %s has several addresses and some of them fail: %s "
	    "(%s on every attempt), while %s works. Browsers that pick a "
	    "failing address cannot load the site.", nbad),
	    vstr(c->r->target.host), sb_str(&sb),
	    http_result_label(h->result), good->addr);
	sb_free(&sb);
	for (size_t i = 0; i < c->nrows; i++) {
		const struct sample_set *s = &c->rows[i].s;
		char ref[96];

		snprintf(ref, sizeof(ref), "http[%s]",
		    http_variant_name(HV_PER_ADDR));
		if (s->failed == 0)
			vreason(c, ref, _("%s: %zu of %zu attempts completed."),
			    c->rows[i].addr, s->ok, s->n);
		else
			vreason(c, ref, _("%s: %zu of %zu attempts failed "
			    "(%s)."), c->rows[i].addr, s->failed, s->n,
			    http_result_label(s->first_fail->result));
	}
	vstep(c, VS_SERVER_LOGS);
	vstep(c, VS_SERVER_DNS);
	vstep(c, VS_ESCALATE);
}

/* --- fails only some of the time ----------------------------------- */

/*
 * The real request failed only sometimes; or it always worked while the
 * same request with a neutral name was reset some of the time, which a
 * server that resets at random does too.
 */
static int
some_variant_mixed(const struct vctx *c)
{
	struct sample_set s;

	/* Per variant: a server may always refuse one neutral name. */
	for (size_t i = 0; i < vnvariation; i++) {
		samples_of(c->r, vvariation[i], NULL, &s);
		if (s.reset > 0 && s.ok > 0)
			return 1;
	}
	return 0;
}

int
vmatch_intermittent(const struct vctx *c)
{
	const struct watch_counts *w = &c->watch;

	return samples_mixed(&c->all) || (c->all.n > 0 &&
	    some_variant_mixed(c)) ||
	    (w->failed > 0 && (w->ok > 0 || c->all.ok > 0));
}

/* The watch in one reason: its count and its timeline. */
static void
cite_watch(struct vctx *c)
{
	const struct watch_counts *w = &c->watch;
	char *line;

	if (w->n == 0)
		return;
	line = samples_timeline(&c->r->watch, 60);
	if (w->failed)
		vreason(c, "watch", _("During the watch, %zu of %zu requests "
		    "failed (%.0f %%), the first at %.0f s (%s); one "
		    "character a request or a few: %s"), w->failed, w->n,
		    100.0 * (double)w->failed / (double)w->n,
		    w->first_fail_ms / 1000, http_result_label(w->first_result),
		    line);
	else
		vreason(c, "watch", _("During the watch, all %zu requests "
		    "were answered."), w->n);
	free(line);
}

/* The locator saw a reset from before the server. */
static int
located_on_path(const struct vctx *c)
{
	return res_locator_origin(&c->r->locator) == RO_PATH;
}

void
vfill_intermittent(struct vctx *c)
{
	const struct sample_set *s = &c->all;
	const struct res_http *bad = s->first_fail ? s->first_fail :
	    c->neutral.first_fail, *good = s->first_ok;
	struct res_http seen = { 0 };
	/* Every attempt is a sample of the same random behaviour. */
	int sure = s->failed + c->neutral.failed >= 2 &&
	    s->ok + c->neutral.ok >= 2;

	if (!bad) {
		/* Only the watch saw it fail. */
		seen.variant = HV_MAIN;
		seen.result = c->watch.first_result;
		bad = &seen;
		sure = c->watch.failed >= 2 && c->watch.ok + s->ok >= 2;
	}
	c->v->symptom = vsymptom_of(bad);
	if (located_on_path(c))
		vset(c, CAUSE_MIDDLEBOX_INJECTION, ORIGIN_PATH,
		    ESC_NETWORK_ADMIN, sure ? CONF_MEDIUM : CONF_LOW);
	else if (res_locator_origin(&c->r->locator) == RO_THIS_MACHINE)
		vset(c, CAUSE_LOCAL_FIREWALL, ORIGIN_CLIENT, ESC_SELF,
		    CONF_LOW);
	else
		vset(c, failure_cause(bad), ORIGIN_SERVER, ESC_SITE_OWNER,
		    sure ? CONF_MEDIUM : CONF_LOW);
	if (located_on_path(c)) {
		struct res_hop_ref h;
		char *hop = probe_results_reset_hop(c->r, &h) ?
		    res_hop_ref_text(&h) : NULL;

		vsummary(c, _("The problem comes and goes: %zu of %zu "
		    "attempts failed (%s), and the resets come from a device "
		    "on the path, %s."), s->failed, s->n,
		    http_result_label(bad->result), vstr(hop));
		free(hop);
	} else if (bad == &seen)
		vsummary(c, _("The problem comes and goes: the sweep's requests "
		    "worked, but %zu of %zu requests of the watch failed "
		    "(%s)."), c->watch.failed, c->watch.n,
		    http_result_label(bad->result));
	else if (s->failed == 0)
		vsummary(c, _("The problem comes and goes: the request worked "
		    "on all %zu attempts, but the same request with a neutral "
		    "name failed on %zu of %zu (%s), which a server that "
		    "resets some connections at random does too."), s->n,
		    c->neutral.failed, c->neutral.n,
		    http_result_label(bad->result));
	else if (s->ok == 0)
		vsummary(c, _("The problem comes and goes: the request failed "
		    "on all %zu attempts (%s), but the same request with a "
		    "neutral name was answered on %zu of %zu and failed on the "
		    "others, which a server that resets some connections at "
		    "random does too."), s->n, http_result_label(bad->result),
		    c->neutral.ok, c->neutral.n);
	else if (good && good->result == HTTP_RESPONSE)
		vsummary(c, _("The problem comes and goes: %zu of %zu "
		    "attempts failed (%s), the others got HTTP %ld."),
		    s->failed, s->n, http_result_label(bad->result),
		    good->status);
	else
		vsummary(c, _("The problem comes and goes: %zu of %zu "
		    "attempts failed (%s), the others completed."),
		    s->failed, s->n, http_result_label(bad->result));
	if (bad != &seen)
		vreason_http(c, bad);
	if (good)
		vreason_http(c, good);
	cite_watch(c);
	/* The neutral name failing too: the name is not what triggers it. */
	for (size_t i = 0; i < vnvariation; i++)
		vcite_variant(c, vvariation[i]);
	if (res_locator_origin(&c->r->locator) == RO_PATH ||
	    res_locator_origin(&c->r->locator) == RO_THIS_MACHINE) {
		char *where = probe_results_locator_text(c->r);

		vreason(c, "locator", _("Where the resets come from: %s."),
		    vstr(where));
		free(where);
	} else
		vreason(c, "checks", _("Intermittent resets usually come "
		    "from the server side: an overloaded server or one bad "
		    "backend behind a load balancer. The tests cannot tell "
		    "the server from a device right in front of it."));
	if (!sure)
		vreason(c, "checks", _("Too few attempts failed or completed "
		    "to be sure: run it again, or keep it running with "
		    "--watch."));
	vstep(c, VS_SERVER_LOGS);
	vstep(c, VS_SECOND_NETWORK);
	vstep(c, VS_ESCALATE);
}

/* --- after any rule: timing and how sure one sample can be ---------- */

/* Resets after a steady elapsed time point to a time-out somewhere. */
static void
note_steady_resets(struct vctx *c)
{
	const struct sample_set *s = &c->all;
	double ms;
	int near;

	if (!samples_steady_reset(s, &ms, &near))
		return;
	/* Connections closed without a reply are no resets. */
	if (s->empty > 0 && near)
		vreason(c, "http[main]", _("Every failed attempt ended after "
		    "about %.1f s (%zu attempts, within 10 %% of each other), "
		    "close to %d s, a common default time-out of servers, "
		    "proxies, load balancers and NAT devices. Which device "
		    "enforces it cannot be told from here."), ms / 1000,
		    s->reset, near);
	else if (s->empty > 0)
		vreason(c, "http[main]", _("Every failed attempt ended after "
		    "about %.1f s (%zu attempts, within 10 %% of each other): "
		    "a time limit configured on a server, proxy, load "
		    "balancer or NAT device is the likely reason."),
		    ms / 1000, s->reset);
	else if (near)
		vreason(c, "http[main]", _("Every reset came after about "
		    "%.1f s (%zu attempts, within 10 %% of each other), close "
		    "to %d s, a common default time-out of servers, proxies, "
		    "load balancers and NAT devices. Which device enforces it "
		    "cannot be told from here."), ms / 1000, s->reset, near);
	else
		vreason(c, "http[main]", _("Every reset came after about "
		    "%.1f s (%zu attempts, within 10 %% of each other): a "
		    "time limit configured on a server, proxy, load balancer "
		    "or NAT device is the likely reason."), ms / 1000,
		    s->reset);
}

/*
 * The request for "/" (the trigger check) when the real one failed on
 * every attempt: answered on every attempt puts the trigger in the
 * path; answered on some only says the site may fail at random. Only a
 * reason: the cause and the origin stay the rule's.
 */
static void
note_neutral_path(struct vctx *c)
{
	struct sample_set p;

	samples_of(c->r, HV_NEUTRAL_PATH, NULL, &p);
	if (p.n == 0 || p.ok == 0 || c->mainset.n == 0 ||
	    c->mainset.ok > 0)
		return;
	if (p.failed == 0)
		vreason(c, "http[neutral_path]", ngettext("The same request "
		    "for / was answered (%zu attempt): what triggers the "
		    "failure is in the address's path (%s), not the name.", "The same request for / was answered on all %zu "
		    "attempts: what triggers the failure is in the address's "
		    "path (%s), not the name.", p.n), p.n,
		    vstr(c->r->target.path));
	else
		vreason(c, "http[neutral_path]", _("The same request for / "
		    "was answered on %zu of %zu attempts only: the site may "
		    "fail at random, so that says nothing about what "
		    "triggers the failure."), p.ok, p.n);
}

/* Rules whose evidence is not the request itself. */
static int
rests_on_request(const char *rule)
{
	static const char *const other[] = { "dns_failure", "dns_mismatch",
		"local_firewall", "large_client_hello", "packet_size", NULL };

	for (size_t i = 0; other[i]; i++)
		if (strcmp(rule, other[i]) == 0)
			return 0;
	return 1;
}

void
vafter_rule(struct vctx *c, const char *rule)
{
	note_steady_resets(c);
	note_neutral_path(c);
	/* A watch that saw only failures, or only answers, still counts. */
	if (strcmp(rule, "intermittent") != 0)
		cite_watch(c);
	if (c->v->confidence == CONF_HIGH && rests_on_request(rule) &&
	    c->mainset.n < SURE_SAMPLES) {
		c->v->confidence = CONF_MEDIUM;
		vreason(c, "http[main]", ngettext("The request was made only "
		    "%zu time, so the verdict cannot be more than medium "
		    "confidence.", "The request was made only %zu times, so "
		    "the verdict cannot be more than medium confidence.",
		    c->mainset.n), c->mainset.n);
	}
}
