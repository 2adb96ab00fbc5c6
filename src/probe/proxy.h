/*
 * The proxy probe: which proxy a browser would use for the target and
 * where that setting lives (see proxy_conf.h for the sources and their
 * precedence). It fetches a configured or WPAD-discovered PAC file to
 * show its first lines, but never runs it. It sends nothing through the
 * proxy itself: the sweep does that with two HTTP requests (HV_VIA_PROXY
 * with proxy_probe_url(), HV_DIRECT without a proxy).
 */
#ifndef CONNRESET_PROBE_PROXY_H
#define CONNRESET_PROBE_PROXY_H

#include "probe/env.h"
#include "probe/result.h"

#define PROXY_PAC_MAX (256 * 1024)	/* bytes of a PAC file we read */

struct proxy_probe;

/*
 * Detects the proxy for t into *out (every URL in it redacted). done runs
 * once from the loop; the probe frees itself after done returns.
 */
struct proxy_probe *proxy_probe_start(struct probe_env *env,
    const struct res_target *t, struct res_proxy *out, probe_done_cb done,
    void *arg);
/* Stops and frees the probe; done is not called. */
void proxy_probe_cancel(struct proxy_probe *p);

/*
 * The UNREDACTED proxy URL to hand to libcurl (http_req.proxy), or NULL
 * for a direct connection. Only valid inside the done callback (the
 * probe frees itself afterwards): copy it there, keep it out of every
 * result, log and report. Its secrets are already registered with the
 * redactor, so curl's error text about it gets masked.
 */
const char *proxy_probe_url(const struct proxy_probe *p);

/*
 * Records what a request through the proxy showed: a 407 from the proxy
 * (as the response status or as curl's "CONNECT ... 407") sets
 * auth_required and auth_scheme. Only the real request and the one
 * through the proxy count, and only when they went through a proxy.
 */
void proxy_note_http(struct res_proxy *p, const struct res_http *h);

/* One translated line for the proxy check's summary; owned by caller. */
char *proxy_summary(const struct res_proxy *p);

/* Frees everything p owns (including the fields after ran) and zeroes it. */
void res_proxy_clear(struct res_proxy *p);

#endif
