/*
 * The sweep's lifecycle: creating, starting, cancelling, re-running and
 * freeing it, the check state helpers, and the gate that starts every
 * check needing an address.
 */
#include "config.h"

#include "sweep/sweep_int.h"

#include "core/i18n.h"
#include "core/loop.h"
#include "core/timeutil.h"
#include "core/xalloc.h"
#include "probe/curlm.h"
#include "probe/dns.h"
#include "probe/flush.h"
#include "probe/http.h"
#include "probe/local.h"
#include "probe/locator.h"
#include "probe/path.h"
#include "probe/proxy.h"
#include "sweep/sweep_check.h"
#include "probe/target.h"
#include "probe/tcp.h"
#include "probe/tls.h"

#include <stdlib.h>
#include <string.h>

/* Tells the owner that something changed. */
void
sweep_changed(struct sweep *sw)
{
	if (sw->cb)
		sw->cb(sw, sw->cb_arg);
}

/* Marks a check running (adding it on first use). */
struct res_check *
sweep_begin(struct sweep *sw, const char *id)
{
	struct res_check *c = sweep_check_get(&sw->r, id);
	char stamp[40];
	struct timespec now = time_now();

	time_rfc3339(stamp, sizeof(stamp), &now);
	c->state = CHECK_RUNNING;
	xstrset(&c->started, stamp);
	xstrset(&c->summary, NULL);
	c->started_mono = loop_now_ms();
	c->duration_ms = 0;
	return c;
}

/*
 * Marks a check done with its status and summary (owned by the check from
 * now on); a cancelled check keeps its state.
 */
void
sweep_end(struct sweep *sw, const char *id, enum check_status st,
    char *summary)
{
	struct res_check *c = sweep_check_get(&sw->r, id);

	if (c->state != CHECK_CANCELLED) {
		c->state = CHECK_DONE;
		c->status = st;
		c->duration_ms = loop_now_ms() - c->started_mono;
	}
	free(c->summary);
	c->summary = summary;
}

/* Marks a check done and skipped, saying why. */
void
sweep_skip(struct sweep *sw, const char *id, const char *why)
{
	struct res_check *c = sweep_check_get(&sw->r, id);

	c->state = CHECK_DONE;
	c->status = CS_SKIPPED;
	c->duration_ms = 0;
	xstrset(&c->summary, why);
}

/*
 * Starts everything that needs an address, once the system answered and
 * the proxy (if any) is known.
 */
void
sweep_start_requests(struct sweep *sw)
{
	const struct res_dns *sys = sweep_system_dns(sw);
	const char *noaddr = _("not run: the name did not resolve");

	if (sw->addr || !sw->dns_ready || !sw->proxy_ready)
		return;
	if (!sys || sys->status != DNS_OK || sys->naddrs == 0) {
		/*
		 * The browser's own resolver (or its proxy) may still know
		 * the name: let libcurl try, and skip what needs an address.
		 */
		sw->addr = xstrdup("");
		sweep_start_main(sw);
		sweep_start_local(sw);
		sweep_skip(sw, "tcp", noaddr);
		sweep_skip(sw, "tls", noaddr);
		sweep_skip(sw, "variation", noaddr);
		sweep_skip(sw, "path", noaddr);
		sweep_skip(sw, "locator", noaddr);
		return;
	}
	sw->addr = xstrdup(sys->addrs[0]);
	sweep_start_tcp(sw, sys);
	sweep_start_main(sw);
	sweep_start_tls(sw);
	sweep_start_variation(sw);
	sweep_start_path(sw);
	sweep_start_local(sw);
}

/* ---- the sweep itself ---- */

/* Parses the address and sets up an idle sweep (NULL, *err set, if bad). */
struct sweep *
sweep_new(struct loop *lp, const struct sweep_options *opts,
    sweep_cb on_change, void *arg, char **err)
{
	struct sweep *sw = xcalloc(1, sizeof(*sw));
	const char *ca = opts->cacert;
	struct timespec now = time_now();
	char stamp[40];

	if (target_parse(opts->input, &sw->r.target, err) < 0) {
		free(sw);
		return NULL;
	}
	if (!ca || !*ca)
		ca = getenv("SSL_CERT_FILE");
	sw->cacert = ca && *ca ? xstrdup(ca) : NULL;
	sw->lp = lp;
	sw->cb = on_change;
	sw->cb_arg = arg;
	sw->env.loop = lp;
	sw->env.curlm = curlm_new(lp);
	sw->env.timeout_ms = opts->timeout_ms > 0 ? opts->timeout_ms : 5000;
	sw->env.cacert = sw->cacert;
	time_rfc3339(stamp, sizeof(stamp), &now);
	sw->r.created = xstrdup(stamp);
	sweep_check_register(&sw->r);
	return sw;
}

/* Starts proxy detection and DNS (or takes an IP literal as the answer). */
void
sweep_start(struct sweep *sw)
{
	if (sw->started)
		return;
	sw->started = 1;
	sweep_start_proxy(sw);
	if (sw->r.target.host_is_ip) {
		struct res_dns *d = &sw->r.dns[0];

		sweep_skip(sw, "dns", _("not needed: the address is an IP "
		    "literal"));
		sw->r.ndns = 1;
		d->server = xstrdup("system");
		d->source = xstrdup(_("the address itself"));
		d->is_system = 1;
		d->status = DNS_OK;
		d->addrs[0] = xstrdup(sw->r.target.ascii_host);
		d->naddrs = 1;
		sw->dns_ready = 1;
		sweep_start_requests(sw);
	} else
		sweep_start_dns(sw);
	sweep_changed(sw);
}

/* Non-zero once started and no check is queued or running. */
int
sweep_done(const struct sweep *sw)
{
	if (!sw->started)
		return 0;
	for (size_t i = 0; i < sw->r.nchecks; i++)
		if (sw->r.checks[i].state == CHECK_QUEUED ||
		    sw->r.checks[i].state == CHECK_RUNNING)
			return 0;
	return 1;
}

/* The results, owned by the sweep. */
const struct probe_results *
sweep_results(const struct sweep *sw)
{
	return &sw->r;
}

static void
cancel_http(struct sweep *sw, const char *check)
{
	for (size_t i = 0; i < RES_MAX_HTTP; i++)
		if (sw->http[i].h && (!check ||
		    strcmp(sw->http[i].check, check) == 0)) {
			http_probe_cancel(sw->http[i].h);
			sw->http[i].h = NULL;
		}
}

static void
cancel_check(struct sweep *sw, const char *id)
{
	if (strcmp(id, "dns") == 0) {
		for (size_t i = 0; i < RES_MAX_DNS; i++)
			if (sw->dns[i].h) {
				dns_probe_cancel(sw->dns[i].h);
				sw->dns[i].h = NULL;
			}
	} else if (strcmp(id, "tcp") == 0) {
		for (size_t i = 0; i < RES_MAX_TCP; i++)
			if (sw->tcp[i].h) {
				tcp_probe_cancel(sw->tcp[i].h);
				sw->tcp[i].h = NULL;
			}
	} else if (strcmp(id, "tls") == 0) {
		if (sw->tls)
			tls_probe_cancel(sw->tls);
		sw->tls = NULL;
	} else if (strcmp(id, "path") == 0) {
		if (sw->path)
			path_probe_cancel(sw->path);
		if (sw->udp)
			path_probe_cancel(sw->udp);
		sw->path = sw->udp = NULL;
		res_path_clear(&sw->udp_path);
	} else if (strcmp(id, "locator") == 0) {
		if (sw->locator)
			locator_probe_cancel(sw->locator);
		sw->locator = NULL;
	} else if (strcmp(id, "proxy") == 0) {
		if (sw->proxy)
			proxy_probe_cancel(sw->proxy);
		sw->proxy = NULL;
		cancel_http(sw, "proxy");
	} else if (strcmp(id, "local") == 0) {
		if (sw->local)
			local_probe_cancel(sw->local);
		sw->local = NULL;
	} else if (strcmp(id, "flush") == 0) {
		if (sw->flush)
			flush_cancel(sw->flush);
		if (sw->flush_dns)
			dns_probe_cancel(sw->flush_dns);
		sw->flush = NULL;
		sw->flush_dns = NULL;
		res_dns_clear(&sw->flush_after);
	} else
		cancel_http(sw, id);
}

/* Cancels a running check and unblocks what was waiting on it. */
void
sweep_cancel(struct sweep *sw, const char *check_id)
{
	struct res_check *c = probe_results_check(&sw->r, check_id);

	if (!c || c->state != CHECK_RUNNING)
		return;
	cancel_check(sw, check_id);
	c->state = CHECK_CANCELLED;
	c->duration_ms = loop_now_ms() - c->started_mono;
	xstrset(&c->summary, _("cancelled"));
	/* What waits on a cancelled check must not wait forever. */
	if (strcmp(check_id, "dns") == 0 && !sw->addr) {
		static const char *const after_dns[] = { "tcp", "http", "tls",
			"variation", "mismatch", "path", "locator", "local",
			NULL };

		sw->addr = xstrdup("");
		for (size_t i = 0; after_dns[i]; i++)
			sweep_skip(sw, after_dns[i],
			    _("not run: DNS was cancelled"));
	} else if (strcmp(check_id, "http") == 0) {
		if (!sweep_check_get(&sw->r, "mismatch")->started)
			sweep_skip(sw, "mismatch", _("not run: the request "
			    "was cancelled"));
		if (sweep_check_get(&sw->r, "locator")->state == CHECK_QUEUED)
			sweep_skip(sw, "locator", _("not run: the request "
			    "was cancelled"));
		if (sweep_check_get(&sw->r, "variation")->state ==
		    CHECK_RUNNING && !sweep_http_pending(sw, "variation"))
			sweep_finish_http(sw, "variation");
	} else if (strcmp(check_id, "path") == 0) {
		sweep_maybe_locator(sw);	/* it measures on its own */
	} else if (strcmp(check_id, "proxy") == 0 && !sw->proxy_ready) {
		sw->proxy_ready = 1;	/* go on without a proxy */
		sweep_start_requests(sw);
	} else if (strcmp(check_id, "proxy") == 0) {
		sweep_after_requests(sw);
	} else if (strcmp(check_id, "local") == 0 && sw->flush_wanted) {
		sw->flush_wanted = 0;
		sweep_skip(sw, "flush", _("not run: the local check was "
		    "cancelled"));
	}
	sweep_changed(sw);
}

/* Forgets the HTTP results of one check so it can run again. */
static void
drop_http(struct sweep *sw, const char *check)
{
	for (size_t i = 0; i < sw->r.nhttp; i++) {
		if (strcmp(sw->http[i].check, check) != 0)
			continue;
		res_http_clear(&sw->r.http[i]);
		/* Leave a not-run slot; probe_results_http() skips it. */
	}
}

/* Runs a finished check again (and resets the follow-ups it feeds). */
void
sweep_rerun(struct sweep *sw, const char *check_id)
{
	struct res_check *c = probe_results_check(&sw->r, check_id);

	if (!c || !sw->started || c->state == CHECK_RUNNING)
		return;
	if (strcmp(check_id, "dns") == 0) {
		if (sw->r.target.host_is_ip)
			return;		/* the address is its own answer */
		for (size_t i = 0; i < sw->r.ndns; i++)
			res_dns_clear(&sw->r.dns[i]);
		sweep_start_dns(sw);
	} else if (!sw->addr || !*sw->addr) {
		return;		/* nothing to aim at yet */
	} else if (strcmp(check_id, "tcp") == 0) {
		const struct res_dns *sys = NULL;

		for (size_t i = 0; i < sw->r.ndns; i++)
			if (sw->r.dns[i].is_system)
				sys = &sw->r.dns[i];
		/* No answer yet (DNS runs again): nothing to connect to. */
		if (!sys || sys->status != DNS_OK || sys->naddrs == 0)
			return;
		for (size_t i = 0; i < sw->r.ntcp; i++)
			free(sw->r.tcp[i].addr);
		sweep_start_tcp(sw, sys);
	} else if (strcmp(check_id, "tls") == 0) {
		res_tls_clear(&sw->r.tls);
		sweep_start_tls(sw);
	} else if (strcmp(check_id, "http") == 0 ||
	    (strcmp(check_id, "proxy") == 0 && sw->proxy_secret)) {
		/* Through a proxy, its direct twin runs again with it. */
		if (sw->proxy_secret && sweep_http_pending(sw, "proxy"))
			return;
		if (sw->proxy_secret) {
			drop_http(sw, "proxy");
			sweep_begin(sw, "proxy");
		}
		drop_http(sw, "http");
		drop_http(sw, "mismatch");
		xstrset(&sweep_check_get(&sw->r, "mismatch")->started, NULL);
		sweep_check_get(&sw->r, "mismatch")->state = CHECK_QUEUED;
		if (!sw->locator) {
			res_locator_clear(&sw->r.locator);
			sweep_check_get(&sw->r, "locator")->state =
			    CHECK_QUEUED;
		}
		sweep_start_main(sw);
	} else if (strcmp(check_id, "variation") == 0) {
		drop_http(sw, "variation");
		sweep_start_variation(sw);
	} else if (strcmp(check_id, "mismatch") == 0) {
		drop_http(sw, "mismatch");
		sweep_start_mismatch(sw);
	} else if (strcmp(check_id, "path") == 0) {
		res_path_clear(&sw->r.path);
		sweep_start_path(sw);
	} else if (strcmp(check_id, "locator") == 0) {
		res_locator_clear(&sw->r.locator);
		c->state = CHECK_QUEUED;
		sweep_maybe_locator(sw);
	}
	sweep_changed(sw);
}

/* Flushes the DNS cache now, or once the local check has found it. */
void
sweep_flush_dns(struct sweep *sw)
{
	struct res_check *c = sweep_check_get(&sw->r, "flush");

	if (c->state == CHECK_RUNNING || sw->flush_wanted)
		return;
	sweep_begin(sw, "flush");
	if (sweep_check_get(&sw->r, "local")->state == CHECK_DONE)
		sweep_start_flush(sw);
	else
		sw->flush_wanted = 1;	/* the local check finds the cache */
	sweep_changed(sw);
}

/* Cancels every probe still running and frees the sweep. */
void
sweep_free(struct sweep *sw)
{
	if (!sw)
		return;
	cancel_check(sw, "dns");
	cancel_check(sw, "tcp");
	cancel_check(sw, "tls");
	cancel_check(sw, "path");
	cancel_check(sw, "locator");
	cancel_check(sw, "proxy");
	cancel_check(sw, "local");
	cancel_check(sw, "flush");
	cancel_http(sw, NULL);
	free(sw->proxy_secret);
	curlm_free(sw->env.curlm);
	probe_results_clear(&sw->r);
	free(sw->cacert);
	free(sw->addr);
	free(sw);
}
