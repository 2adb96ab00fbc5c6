/*
 * The verdict on what the browser meets beyond a plain request: a
 * failure that depends on HTTP/2, and a certificate that only looks
 * invalid because this computer's clock is off.
 */
#include "config.h"

#include "diag/verdict_int.h"
#include "diag/names.h"
#include "core/i18n.h"
#include "core/xalloc.h"
#include "probe/readings.h"

#include <stdio.h>
#include <stdlib.h>

/* --- HTTP/2 against HTTP/1.1 ----------------------------------------- */

/*
 * A reset the locator places before the server is the path's or this
 * machine's, whatever the protocol: the locator's rules say so.
 */
int
vmatch_h2_only(const struct vctx *c)
{
	enum reset_origin o = res_locator_origin(&c->r->locator);

	return probe_results_h2_only(c->r, NULL) && o != RO_PATH &&
	    o != RO_THIS_MACHINE;
}

void
vfill_h2_only(struct vctx *c)
{
	int negotiated = 0;

	probe_results_h2_only(c->r, &negotiated);
	if (c->r->tls.intercepted)
		vset(c, CAUSE_PROTOCOL_MISMATCH, ORIGIN_LOCAL_NETWORK,
		    ESC_NETWORK_ADMIN, CONF_MEDIUM);
	else
		vset(c, CAUSE_PROTOCOL_MISMATCH, ORIGIN_SERVER,
		    ESC_SITE_OWNER, CONF_MEDIUM);
	vsummary(c, _("The request fails over HTTP/2 and works over "
	    "HTTP/1.1: %s mishandles HTTP/2, which browsers use whenever "
	    "the server offers it."), c->r->tls.intercepted ?
	    _("the security software or proxy that inspects TLS here") :
	    _("the server, or a device right in front of it that ends "
	    "TLS (a load balancer or CDN),"));
	vcite_main(c);
	vcite_variant(c, HV_HTTP1);
	if (negotiated)
		vreason(c, "http[main]", _("HTTP/2 was negotiated (ALPN h2) "
		    "before the request failed."));
	else
		vreason(c, "http[main]", _("The request failed before a "
		    "protocol was agreed: the offer of HTTP/2 in the TLS "
		    "handshake (ALPN) is what differs."));
	vreason(c, "checks", _("Until it is fixed, a browser can be told to "
	    "avoid HTTP/2 for a test (Firefox: network.http.http2.enabled "
	    "= false in about:config; Chrome: --disable-http2)."));
	vstep(c, c->r->tls.intercepted ? VS_FIREWALL : VS_SERVER_LOGS);
	vstep(c, VS_ESCALATE);
}

/* --- the clock -------------------------------------------------------- */

int
vmatch_clock(const struct vctx *c)
{
	struct res_clock k;

	return c->main && c->main->result == HTTP_TLS_VERIFY &&
	    probe_results_clock(c->r, &k) &&
	    probe_results_clock_explains_cert(c->r, &k);
}

void
vfill_clock(struct vctx *c)
{
	const struct res_tls *t = &c->r->tls;
	const struct res_cert *leaf = t->nchain > 0 ? &t->chain[0] : NULL;
	struct res_clock k;
	long days;

	probe_results_clock(c->r, &k);
	days = labs(k.skew_s) / 86400L;
	vset(c, CAUSE_CERT_INVALID, ORIGIN_CLIENT, ESC_SELF, CONF_HIGH);
	if (k.skew_s > 0)
		vsummary(c, _("This computer's clock is wrong: it is %ld days "
		    "ahead of the server's, so the site's certificate looks "
		    "%s here although it is valid."), days,
		    tls_verify_label(t->verify));
	else
		vsummary(c, _("This computer's clock is wrong: it is %ld days "
		    "behind the server's, so the site's certificate looks "
		    "%s here although it is valid."), days,
		    tls_verify_label(t->verify));
	vcite_main(c);
	vreason(c, "tls", _("Certificate check: %s (%s)."),
	    tls_verify_label(t->verify), vstr(t->verify_reason));
	if (k.from) {
		char ref[64];

		snprintf(ref, sizeof(ref), "http[%s]",
		    http_variant_name(k.from->variant));
		vreason(c, ref, _("The server dated its answer %s; this "
		    "computer's clock was %+ld s off from it."),
		    vstr(k.from->date), k.skew_s);
	}
	if (leaf)
		vreason(c, "tls", _("The certificate for %s is valid from %s "
		    "to %s: the server's date lies inside, this computer's "
		    "outside."), vstr(leaf->subject), vstr(leaf->not_before),
		    vstr(leaf->not_after));
	vstep(c, VS_SET_CLOCK);
}

/* --- the redirects ------------------------------------------------------ */

/*
 * After the rule: when the browser was redirected, the verdict is about
 * the request it ends on, and says so first.
 */
void
vafter_redirects(struct vctx *c)
{
	struct res_chain k;
	char *chain, *s;

	if (probe_results_chain(c->r, &k) == 0 || k.too_many)
		return;
	chain = res_chain_text(&k);
	if (!chain)
		return;
	s = xasprintf(_("%s. %s"), chain, c->v->summary ? c->v->summary :
	    "");
	free(c->v->summary);
	c->v->summary = s;
	vreason(c, "http[redirect]", _("A browser follows the redirects: %s. "
	    "Every check after them tests %s, where the browser ends up."),
	    chain, k.fails ? k.fails->url : k.hop[k.n - 1]->url);
	free(chain);
}
