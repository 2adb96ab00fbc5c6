/*
 * The verdict engine: computes a few facts from the evidence, maps the
 * main request to a symptom, then walks an ordered table of rules
 * (verdict_rules.c); the first rule that matches explains the case.
 * Pure and deterministic: no I/O, no clock, no randomness.
 *
 * Symptom mapping from the main request (HV_MAIN):
 *   response                  -> ok (status < 400) / http_error
 *   reset_*, tls_reset        -> reset
 *   refused / timeout / unreachable / empty_reply -> the same
 *   tls_alert, tls_verify     -> tls_error
 *   dns_error                 -> dns_error
 *   protocol_error, proxy_error, error -> reset when no byte came and the
 *     socket error was ECONNRESET (that is what the browser shows), else
 *     by the socket error (refused, timeout), else empty_reply.
 * Without a main request the TCP attempts decide (all refused -> refused,
 * all timed out -> timeout, none open and one unreachable -> unreachable)
 * and a failed system lookup gives dns_error; with no failure evidence at
 * all the symptom stays "reset", the complaint the tool is run for.
 */
#include "config.h"

#include "diag/verdict.h"
#include "diag/verdict_int.h"
#include "diag/names.h"
#include "probe/readings.h"
#include "core/i18n.h"
#include "core/strbuf.h"
#include "core/xalloc.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* Every checklist step id the verdict refers to, in one place. */
static const struct {
	const char *id;
	const char *text;
} vstep_ids[] = {
	[VS_FLUSH_DNS] = { "client.flush_dns",
	    N_("Clear the DNS cache on this device and try again.") },
	[VS_CHECK_ADDRESS] = { "client.check_address",
	    N_("Check that the address is typed correctly, including "
	    "http:// or https:// and the port.") },
	[VS_PROXY_SETTINGS] = { "client.proxy_settings",
	    N_("Check the proxy settings of this device and browser.") },
	[VS_FIREWALL] = { "client.security_software",
	    N_("Look at the firewall and security software on this "
	    "device.") },
	[VS_SECOND_NETWORK] = { "client.other_network",
	    N_("Try the same address from another network, for example "
	    "a phone hotspot.") },
	[VS_TRACEROUTE] = { "advanced.traceroute",
	    N_("Trace the path to the server to see where packets stop.") },
	[VS_SERVER_LOGS] = { "server.logs",
	    N_("Ask whoever runs the site to look at the server logs at "
	    "the time of the test.") },
	[VS_TLS_CONFIG] = { "server.tls_config",
	    N_("Ask whoever runs the site to check its TLS setup "
	    "(versions and certificate).") },
	[VS_SERVER_DNS] = { "advanced.dns_lookup",
	    N_("Ask whoever runs the domain to check its DNS records.") },
	[VS_ESCALATE] = { NULL,
	    N_("Send the report to the person named above.") },
	[VS_SET_CLOCK] = { "client.set_clock",
	    N_("Set this computer's date and time (automatic network "
	    "time), then try again.") },
	[VS_LOCAL_LIMITS] = { "client.reproduce",
	    N_("Close programs that hold many files or connections open, "
	    "or raise this machine's limit (ulimit -n), then try again.") },
};

/* The escalation step that fits whom the verdict escalates to. */
static const char *
escalate_step(enum escalate e)
{
	switch (e) {
	case ESC_SITE_OWNER:
		return "server.contact_site_owner";
	case ESC_NETWORK_ADMIN:
		return "network.contact_security_team";
	case ESC_ISP:
		return "network.contact_isp";
	default:
		return NULL;	/* nobody else to hand it to */
	}
}

/* Sets cause, origin, whom to escalate to and confidence. */
void
vset(struct vctx *c, enum cause cause, enum origin origin,
    enum escalate esc, enum confidence conf)
{
	c->v->cause = cause;
	c->v->origin = origin;
	c->v->escalate_to = esc;
	c->v->confidence = conf;
}

/* Sets the one-sentence summary (printf format, already translated). */
void
vsummary(struct vctx *c, const char *fmt, ...)
{
	va_list ap;

	free(c->v->summary);
	va_start(ap, fmt);
	c->v->summary = xvasprintf(fmt, ap);
	va_end(ap);
}

static void
add_reason(struct vctx *c, char *ref, char *text)
{
	struct verdict *v = c->v;

	if (v->nreasons >= VERDICT_MAX_REASONS) {
		free(ref);
		free(text);
		return;
	}
	v->reasons[v->nreasons].evidence = ref;
	v->reasons[v->nreasons].text = text;
	v->nreasons++;
}

/* Adds a reason citing the evidence ref ("tls", "locator" ...). */
void
vreason(struct vctx *c, const char *ref, const char *fmt, ...)
{
	va_list ap;
	char *text;

	va_start(ap, fmt);
	text = xvasprintf(fmt, ap);
	va_end(ap);
	add_reason(c, xstrdup(ref), text);
}

/* The string, or a translated "unknown" for NULL. */
const char *
vstr(const char *s)
{
	return s && *s ? s : _("unknown");
}

/* What sets each request of the sweep apart (none for the main one). */
static const char *const variant_words[] = {
	[HV_MAIN] = NULL,
	[HV_NEUTRAL_HOST] = N_(" with a neutral Host header"),
	[HV_NEUTRAL_SNI] = N_(" with a neutral TLS name (SNI)"),
	[HV_NO_SNI] = N_(" without a TLS name (SNI)"),
	[HV_ALT_SCHEME] = N_(" with the other scheme"),
	[HV_DIRECT] = N_(" without the proxy"),
	[HV_VIA_PROXY] = N_(" through the proxy"),
	[HV_RETEST] = N_(" (repeated)"),
	[HV_ALT_ADDR] = N_(" to the address another resolver gives"),
	[HV_PER_ADDR] = N_(" pinned to that address"),
	[HV_HTTP1] = N_(" over HTTP/1.1"),
	[HV_CLOCK] = N_(" to read the server's clock"),
	[HV_REDIRECT] = N_(" along the redirects"),
	[HV_NEUTRAL_PATH] = N_(" for / instead of the address's path"),
};

const enum http_variant vvariation[] = { HV_NEUTRAL_HOST, HV_NEUTRAL_SNI,
	HV_NO_SNI };
const size_t vnvariation = sizeof(vvariation) / sizeof(vvariation[0]);

/* Adds a reason citing one HTTP request ("http[variant]"). */
void
vreason_http(struct vctx *c, const struct res_http *h)
{
	struct strbuf sb = STRBUF_INIT;
	unsigned v = (unsigned)h->variant;

	sb_addf(&sb, _("The request to %s"), vstr(h->addr ? h->addr :
	    h->url));
	if (v >= sizeof(variant_words) / sizeof(variant_words[0]))
		v = HV_RETEST;
	if (variant_words[v])
		sb_add(&sb, _(variant_words[v]));
	if (h->attempt > 0)
		sb_addf(&sb, _(" (attempt %d)"), h->attempt);
	if (h->result == HTTP_RESPONSE)
		sb_addf(&sb, _(" got HTTP status %ld"), h->status);
	else
		sb_addf(&sb, _(" ended: %s"), http_result_label(h->result));
	if (h->bytes > 0)
		sb_addf(&sb, _(" after %ld bytes"), h->bytes);
	if (h->t_total >= 0)
		sb_addf(&sb, _(" (%.0f ms)"), h->t_total);
	if (h->result != HTTP_RESPONSE && h->curl_error && *h->curl_error)
		sb_addf(&sb, _("; the client said: %s"), h->curl_error);
	sb_add(&sb, ".");
	add_reason(c, xasprintf("http[%s]", http_variant_name(h->variant)),
	    sb_detach(&sb));
}

static char *
dns_ref(const struct res_dns *d)
{
	if (d->is_system)
		return xstrdup("dns[system]");
	return xasprintf("dns[%s]", d->server && *d->server ? d->server :
	    "?");
}

/* Adds a reason citing one DNS answer ("dns[server]"). */
void
vreason_dns(struct vctx *c, const struct res_dns *d)
{
	const char *who = d->is_system ? _("The system resolver") :
	    vstr(d->server);
	char *text;

	if (d->status == DNS_OK && d->naddrs > 1)
		text = xasprintf(_("%s answered %s and %zu more."), who,
		    vstr(d->addrs[0]), d->naddrs - 1);
	else if (d->status == DNS_OK && d->naddrs == 1)
		text = xasprintf(_("%s answered %s."), who,
		    vstr(d->addrs[0]));
	else
		text = xasprintf(_("%s answered: %s."), who,
		    dns_status_label(d->status));
	add_reason(c, dns_ref(d), text);
}

/* Adds a reason citing one TCP attempt ("tcp[address]"). */
void
vreason_tcp(struct vctx *c, const struct res_tcp *t)
{
	char *text;

	if (t->ms >= 0)
		text = xasprintf(_("TCP to %s port %d: %s after %.0f ms."),
		    vstr(t->addr), t->port, tcp_status_label(t->status),
		    t->ms);
	else
		text = xasprintf(_("TCP to %s port %d: %s."), vstr(t->addr),
		    t->port, tcp_status_label(t->status));
	add_reason(c, xasprintf("tcp[%s]", t->addr && *t->addr ? t->addr :
	    "?"), text);
}

/* Adds a next step with its line of text from the step table. */
void
vstep(struct vctx *c, enum vstep s)
{
	struct verdict *v = c->v;
	const char *id = s == VS_ESCALATE ? escalate_step(v->escalate_to) :
	    vstep_ids[s].id;

	if (!id)
		return;
	for (size_t i = 0; i < v->nnext; i++)
		if (strcmp(v->next_steps[i].step_id, id) == 0)
			return;
	if (v->nnext >= VERDICT_MAX_STEPS)
		return;
	v->next_steps[v->nnext].step_id = xstrdup(id);
	v->next_steps[v->nnext].text = xstrdup(_(vstep_ids[s].text));
	v->nnext++;
}

/* Adds a reason for the main request, when it ran. */
void
vcite_main(struct vctx *c)
{
	if (c->main)
		vreason_http(c, c->main);
}

/* Reset, TLS reset or a close without data: the family we explain. */
int
vres_reset_like(enum http_result x)
{
	return x == HTTP_RESET_BEFORE_RESPONSE ||
	    x == HTTP_RESET_MID_TRANSFER || x == HTTP_TLS_RESET ||
	    x == HTTP_EMPTY_REPLY;
}

/* A response (any status) or a finished TLS handshake. */
int
vres_completed(const struct res_http *h)
{
	return h && (h->result == HTTP_RESPONSE ||
	    h->result == HTTP_TLS_VERIFY);
}

/* A lookup that gave no usable address. */
int
vdns_failed(enum dns_status s)
{
	return s != DNS_NOT_RUN && s != DNS_OK;
}

/* errno values of this machine's own limits, not the network's. */
static int
local_errno(int e)
{
	return e == EMFILE || e == ENFILE || e == ENOBUFS || e == ENOMEM;
}

/*
 * An ending the classifier could not name: the errno and the bytes say
 * what it looked like. A proxy's refusal is its status (407, 403 ...).
 */
static enum symptom
errno_symptom(const struct res_http *h)
{
	if (local_errno(h->os_errno))
		return SYM_LOCAL_ERROR;
	if (h->result == HTTP_PROXY_ERROR && h->status >= 400)
		return SYM_HTTP_ERROR;
	if (h->bytes == 0 && h->os_errno == ECONNRESET)
		return SYM_RESET;
	if (h->os_errno == ECONNREFUSED)
		return SYM_REFUSED;
	if (h->os_errno == ETIMEDOUT)
		return SYM_TIMEOUT;
	/* Some bytes, then an unnamed end: the reply was cut short. */
	return h->result == HTTP_ERROR && h->bytes > 0 ? SYM_CUT_SHORT :
	    SYM_EMPTY_REPLY;
}

static enum symptom
http_symptom(const struct res_http *h)
{
	switch (h->result) {
	case HTTP_RESPONSE:
		return h->status >= 400 ? SYM_HTTP_ERROR : SYM_OK;
	case HTTP_RESET_BEFORE_RESPONSE:
	case HTTP_RESET_MID_TRANSFER:
	case HTTP_TLS_RESET:
		return SYM_RESET;
	case HTTP_REFUSED:
		return SYM_REFUSED;
	case HTTP_TIMEOUT:
		return SYM_TIMEOUT;
	case HTTP_EMPTY_REPLY:
		return SYM_EMPTY_REPLY;
	case HTTP_TLS_ALERT:
	case HTTP_TLS_VERIFY:
		return SYM_TLS_ERROR;
	case HTTP_DNS_ERROR:
		return SYM_DNS_ERROR;
	case HTTP_UNREACHABLE:
		return SYM_UNREACHABLE;
	case HTTP_CUT_SHORT:
		return SYM_CUT_SHORT;
	case HTTP_LOCAL_ERROR:
		return SYM_LOCAL_ERROR;
	default:
		return errno_symptom(h);
	}
}

enum symptom
vsymptom_of(const struct res_http *h)
{
	return h ? http_symptom(h) : SYM_RESET;
}

static enum symptom
main_symptom(const struct vctx *c)
{
	if (c->main)
		return http_symptom(c->main);
	if (c->sys && vdns_failed(c->sys->status))
		return SYM_DNS_ERROR;
	if (c->tcp_run > 0 && c->tcp_refused == c->tcp_run)
		return SYM_REFUSED;
	if (c->tcp_run > 0 && c->tcp_timeout == c->tcp_run)
		return SYM_TIMEOUT;
	if (c->tcp_run > 0 && c->tcp_open == 0 && c->tcp_unreach > 0)
		return SYM_UNREACHABLE;
	return SYM_RESET;
}

static void
gather(struct vctx *c, const struct probe_results *r, struct verdict *v)
{
	struct sample_set per;

	memset(c, 0, sizeof(*c));
	c->r = r;
	c->v = v;
	samples_of(r, HV_MAIN, NULL, &c->mainset);
	c->main = c->mainset.first_fail ? c->mainset.first_fail :
	    c->mainset.first;
	c->nrows = samples_per_address(r, c->rows, RES_MAX_ADDRS);
	/* The real request, however it was aimed: main and per address. */
	samples_of(r, HV_PER_ADDR, NULL, &per);
	c->all = c->mainset;
	samples_merge(&c->all, &per);
	for (size_t i = 0; i < vnvariation; i++) {
		samples_of(r, vvariation[i], NULL, &per);
		samples_merge(&c->neutral, &per);
	}
	samples_watch(&r->watch, &c->watch);
	/* A system lookup that never ran is no answer at all. */
	c->sys = probe_results_system_dns(r);
	if (c->sys && c->sys->status == DNS_NOT_RUN)
		c->sys = NULL;
	for (size_t i = 0; i < r->ntcp && i < RES_MAX_TCP; i++) {
		switch (r->tcp[i].status) {
		case TCP_NOT_RUN:
			continue;
		case TCP_OPEN:
			c->tcp_open++;
			break;
		case TCP_REFUSED:
			c->tcp_refused++;
			break;
		case TCP_TIMEOUT:
			c->tcp_timeout++;
			break;
		case TCP_UNREACHABLE:
			c->tcp_unreach++;
			break;
		case TCP_ERROR:
			break;
		}
		c->tcp_run++;
	}
}

/* Fills v (which must be zeroed or cleared) from the evidence r. */
void
verdict_from_evidence(const struct probe_results *r, struct verdict *v)
{
	struct vctx c;

	memset(v, 0, sizeof(*v));
	gather(&c, r, v);
	v->symptom = main_symptom(&c);
	for (size_t i = 0; i < verdict_nrules; i++)
		if (verdict_rules[i].match(&c)) {
			verdict_rules[i].fill(&c);
			vafter_rule(&c, verdict_rules[i].name);
			vafter_redirects(&c);
			break;
		}
	if (v->summary == NULL)
		v->summary = xstrdup(_("No explanation was found."));
}

/* Frees what v owns and zeroes it. */
void
verdict_clear(struct verdict *v)
{
	free(v->summary);
	for (size_t i = 0; i < v->nreasons; i++) {
		free(v->reasons[i].text);
		free(v->reasons[i].evidence);
	}
	for (size_t i = 0; i < v->nnext; i++) {
		free(v->next_steps[i].step_id);
		free(v->next_steps[i].text);
	}
	memset(v, 0, sizeof(*v));
}
