/* What the proxy probe leaves behind: summary, 407 note, freeing. */
#include "config.h"

#include "probe/proxy.h"

#include "core/i18n.h"
#include "core/xalloc.h"

#include <stdlib.h>
#include <string.h>

void
proxy_note_http(struct res_proxy *p, const struct res_http *h)
{
	/* The real request goes through the proxy too (HV_MAIN). */
	if (!h || (h->variant != HV_VIA_PROXY &&
	    (h->variant != HV_MAIN || !h->proxy)))
		return;
	if (h->status == 407 || (h->curl_error &&
	    strstr(h->curl_error, " 407"))) {
		p->auth_required = 1;
		if (h->proxy_auth && !p->auth_scheme)
			p->auth_scheme = xstrdup(h->proxy_auth);
	}
}

char *
proxy_summary(const struct res_proxy *p)
{
	if (!p->ran)
		return xstrdup(_("not checked"));
	if (p->auth_required && p->auth_scheme)
		return xasprintf(_("proxy %s (%s) asks for a login (HTTP "
		    "407, %s)"), p->url ? p->url : "?", p->source,
		    p->auth_scheme);
	if (p->auth_required)
		return xasprintf(_("proxy %s (%s) asks for a login (HTTP 407)"),
		    p->url ? p->url : "?", p->source);
	if (p->no_proxy_match)
		return xasprintf(_("direct: \"%s\" in the bypass list of %s "
		    "covers this address"), p->no_proxy_match, p->source);
	if (p->url)
		return xasprintf(_("proxy %s, set in %s"), p->url, p->source);
	if (p->pac_url && p->pac_error)
		return xasprintf(_("%s; fetching it failed: %s"), p->source,
		    p->pac_error);
	if (p->pac_url)
		return xstrdup(p->source);
	return xstrdup(_("no proxy configured: direct connection"));
}

void
res_proxy_clear(struct res_proxy *p)
{
	free(p->url);
	free(p->source);
	free(p->pac_url);
	free(p->no_proxy_match);
	free(p->pac_excerpt);
	free(p->pac_error);
	free(p->other_sources);
	free(p->auth_scheme);
	memset(p, 0, sizeof(*p));
}
