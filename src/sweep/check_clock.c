/*
 * The clock: this machine's clock against the server's Date header and
 * the certificate's validity. When the certificate was rejected and no
 * response carried a Date, one unverified request reads the server's.
 */
#include "config.h"

#include "sweep/sweep_int.h"

#include "core/i18n.h"
#include "core/xalloc.h"
#include "probe/http.h"
#include "probe/readings.h"
#include "probe/samples.h"
#include "sweep/sweep_check.h"

#include <stdlib.h>
#include <string.h>

static void
done(struct sweep *sw, struct check_run *run)
{
	if (!sweep_requests_pending(sw, run))
		sweep_finish(sw, run);
}

/* The certificate was rejected for its dates: the clock matters. */
static int
dates_rejected(const struct probe_results *r)
{
	const struct res_http *m = samples_telling(r, HV_MAIN);

	return (m && m->result == HTTP_TLS_VERIFY) ||
	    (r->tls.ran && (r->tls.verify == TLS_VERIFY_EXPIRED ||
	    r->tls.verify == TLS_VERIFY_NOT_YET_VALID));
}

static void
start(struct sweep *sw, struct check_run *run)
{
	const struct res_target *t = &sw->r.target;
	struct http_req req = { 0 };
	struct res_clock c;
	char *url;

	if (probe_results_clock(&sw->r, &c)) {
		sweep_begin(sw, run);
		sweep_finish(sw, run);
		return;
	}
	if (strcmp(t->scheme, "https") != 0 || !dates_rejected(&sw->r)) {
		sweep_skip(sw, run, _("not possible: no answer carried the "
		    "server's clock (a Date header)"));
		return;
	}
	sweep_begin(sw, run);
	url = sweep_url_with_host(t, t->ascii_host);
	/* Unverified: only its Date header is read. */
	req.variant = HV_CLOCK;
	req.url = url;
	req.addr_hint = sweep_address(sw);
	req.proxy = sweep_proxy_url(sw);
	req.verify = 0;
	sweep_request_start(sw, run, &req, done);
	free(url);
}

static enum check_status
status(const struct probe_results *r)
{
	struct res_clock c;

	if (!probe_results_clock(r, &c))
		return CS_INFO;
	if (probe_results_clock_explains_cert(r, &c))
		return CS_FAIL;
	return labs(c.skew_s) > CLOCK_OFF_S ? CS_WARN : CS_PASS;
}

/* "3 days", "2 hours", "40 minutes", "12 seconds" (owned). */
static char *
span_text(long s)
{
	s = labs(s);
	if (s >= 2 * 86400L)
		return xasprintf(_("%ld days"), s / 86400L);
	if (s >= 2 * 3600L)
		return xasprintf(_("%ld hours"), s / 3600L);
	if (s >= 120)
		return xasprintf(_("%ld minutes"), s / 60);
	return xasprintf(ngettext("%ld second", "%ld seconds", s), s);
}

static char *
summary(const struct probe_results *r)
{
	struct res_clock c;
	char *span, *ret;

	if (!probe_results_clock(r, &c))
		return xstrdup(_("no answer carried the server's clock"));
	if (labs(c.skew_s) <= CLOCK_OFF_S)
		return xasprintf(_("this computer's clock agrees with the "
		    "server's (%+ld s)"), c.skew_s);
	span = span_text(c.skew_s);
	if (probe_results_clock_explains_cert(r, &c))
		ret = xasprintf(c.skew_s > 0 ? _("this computer's clock is "
		    "%s ahead of the server's: that is why the certificate "
		    "looks expired") : _("this computer's clock is %s behind "
		    "the server's: that is why the certificate looks not yet "
		    "valid"), span);
	else
		ret = xasprintf(c.skew_s > 0 ? _("this computer's clock is "
		    "%s ahead of the server's") : _("this computer's clock is "
		    "%s behind the server's"), span);
	free(span);
	return ret;
}

static const char *const after[] = { "dns", NULL };
/* It reads the request's answers and the certificate's dates. */
static const char *const follows[] = { "http", "tls", NULL };

const struct check_kind check_clock = {
	.id = "clock",
	.title = N_("This computer's clock"),
	.after = after,
	.follows = follows,
	.start = start,
	.forget = sweep_requests_forget,
	.status = status,
	.summary = summary,
};
