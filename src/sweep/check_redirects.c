/*
 * The redirects: the address as typed is fetched the way a browser
 * does, and every redirect is followed, hop by hop, up to ten (scheme,
 * host and port may change; curl resolves a relative Location). When
 * the chain leads elsewhere, the sweep's target becomes the request the
 * browser ends on, the first one that fails or the last answer, so every
 * later check (DNS, the request with its attempts, TLS, the variations,
 * the path and the locator) looks at the origin the browser meets.
 */
#include "config.h"

#include "sweep/sweep_int.h"

#include "core/i18n.h"
#include "core/xalloc.h"
#include "probe/http.h"
#include "probe/names.h"
#include "probe/readings.h"
#include "probe/target.h"
#include "sweep/sweep_check.h"

#include <stdlib.h>
#include <string.h>

struct redir_state {
	char *url;		/* the request in flight, raw */
	char *next;		/* where its answer redirects, raw */
	int hop;		/* its hop number */
};

static void
request(struct sweep *sw, struct check_run *run, void (*done)(struct sweep *,
    struct check_run *))
{
	struct redir_state *st = run->state;
	struct http_req req = { 0 };

	free(st->next);
	st->next = NULL;
	req.variant = HV_REDIRECT;
	req.url = st->url;
	req.proxy = sweep_proxy_url(sw);
	req.verify = 1;
	req.http2 = 1;
	req.hop = st->hop;
	req.redirect_url = &st->next;
	sweep_request_start(sw, run, &req, done);
}

/* The sweep's checks from now on look at url (the browser's origin). */
static void
retarget(struct sweep *sw, const char *url)
{
	struct res_target t;
	char *err = NULL;

	if (target_parse(url, &t, &err) < 0) {
		free(err);
		return;
	}
	free(t.input);
	t.input = sw->r.target.input;	/* what was typed stays */
	sw->r.target.input = NULL;
	target_clear(&sw->r.target);
	sw->r.target = t;
}

static void
done(struct sweep *sw, struct check_run *run)
{
	struct redir_state *st = run->state;
	struct res_chain c;

	if (sweep_requests_pending(sw, run))
		return;
	if (st->next && st->hop < REDIRECTS_MAX) {
		free(st->url);
		st->url = st->next;
		st->next = NULL;
		st->hop++;
		request(sw, run, done);
		return;
	}
	probe_results_chain(&sw->r, &c);
	if (st->hop > 0 && !c.too_many) {
		/* What started on the address as typed starts over. */
		if (run->provisional)
			sweep_restart_dependents(sw, run);
		sweep_dns_reaim(sw);
		retarget(sw, st->url);
	}
	sweep_finish(sw, run);
}

static void
start(struct sweep *sw, struct check_run *run)
{
	struct redir_state *st = run->state;

	sweep_begin(sw, run);
	st->hop = 0;
	st->url = xstrdup(sw->r.target.url);
	request(sw, run, done);
	/*
	 * Most addresses do not redirect: the other checks start at once
	 * on the address as typed, and start over if it does redirect. So
	 * a server that never answers costs its time-out once, not once
	 * here and again in every later check. Through a proxy they wait:
	 * the proxy's direct twin belongs to the proxy check.
	 */
	if (!sweep_proxy_url(sw))
		sweep_provisional(sw, run);
}

static void
free_state(struct check_run *run)
{
	struct redir_state *st = run->state;

	free(st->url);
	free(st->next);
	st->url = st->next = NULL;
}

static enum check_status
status(const struct probe_results *r)
{
	struct res_chain c;

	probe_results_chain(r, &c);
	if (c.n == 0)
		return CS_ERROR;
	if (c.too_many)
		return CS_WARN;
	if (c.fails)
		return CS_FAIL;
	return c.redirects ? CS_PASS : CS_INFO;
}

static char *
summary(const struct probe_results *r)
{
	struct res_chain c;
	char *chain, *ret;

	probe_results_chain(r, &c);
	if (c.n == 0)
		return xstrdup(_("the address could not be fetched"));
	chain = res_chain_text(&c);
	if (!chain)
		return xstrdup(_("no redirect: the checks test the address as "
		    "typed"));
	if (c.too_many)
		ret = xasprintf(_("%s, and redirects again after %d redirects: "
		    "a browser gives up here (too many redirects)"), chain,
		    REDIRECTS_MAX);
	else if (c.fails)
		ret = xasprintf(_("%s, which fails (%s): the checks test %s"),
		    chain, http_result_label(c.fails->result), c.fails->url);
	else
		ret = xasprintf(_("%s, which answers: the checks test %s"),
		    chain, c.hop[c.n - 1]->url);
	free(chain);
	return ret;
}

static const char *const after[] = { "proxy", NULL };

const struct check_kind check_redirects = {
	.id = "redirects",
	.title = N_("Redirects, as a browser follows them"),
	.after = after,
	/* Cancelled, the checks go on with the address as typed. */
	.state_size = sizeof(struct redir_state),
	.start = start,
	.free = free_state,
	.status = status,
	.summary = summary,
};
