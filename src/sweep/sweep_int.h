/*
 * Inside the sweep (private to src/sweep/): the sweep's state, a check's
 * run, the scheduler's helpers the check files call, the HTTP request
 * slots several checks share, and what one check reads of another.
 */
#ifndef CONNRESET_SWEEP_SWEEP_INT_H
#define CONNRESET_SWEEP_SWEEP_INT_H

#include "sweep/sweep.h"

#include "probe/env.h"
#include "probe/http.h"
#include "probe/result.h"
#include "sweep/check.h"

#include <stddef.h>
#include <stdint.h>

struct http_req;

/* One check of this sweep. */
struct check_run {
	struct sweep *sw;	/* the sweep it belongs to */
	const struct check_kind *kind;
	struct res_check *c;	/* its line in the results; NULL until an
				   on-demand check is asked for */
	int queued;		/* to start once what it waits for is in */
	int ready;		/* its answer is in, before its end */
	int told;		/* its telling attempt is in (sweep_told) */
	int provisional;	/* its answer may still change (sweep_provisional) */
	void *state;		/* the kind's own handles and scratch */
};

/*
 * A request made several times (sweep_series_start()): attempt k+1
 * starts when attempt k ended or a spacing after it started, whichever
 * comes first, so quick answers go one after another and slow ones
 * overlap; the spacing spreads the starts of a series that hangs over
 * SERIES_SPREAD_MS in all (sweep_request.c), so that it costs its
 * time-out once.
 */
struct req_series {
	struct sweep *sw;
	struct check_run *run;	/* NULL: this entry is free */
	void (*done)(struct sweep *sw, struct check_run *run);
	struct http_req req;	/* the request; its strings are the copies
				   below */
	char *url, *connect_addr, *host_header, *proxy, *addr_hint;
	int started;		/* attempts started so far */
	int n;			/* attempts wanted */
	uint64_t timer;		/* the next attempt's timer, 0 for none */
};

#define SWEEP_MAX_SERIES 16

/* One request in flight, tied to the check it belongs to. */
struct http_slot {
	struct sweep *sw;
	struct http_probe *h;
	struct check_run *run;	/* the check it belongs to */
	struct req_series *series;	/* the series it is an attempt of */
	/* Called when it ended (the slot is free again). */
	void (*done)(struct sweep *sw, struct check_run *run);
};

struct sweep {
	struct loop *lp;
	struct probe_env env;
	struct probe_results r;
	sweep_cb cb;
	void *cb_arg;
	char *cacert;
	struct check_run runs[RES_MAX_CHECKS];	/* as sweep_checks[] */
	size_t nruns;
	/* Requests of every check, slot i writing r.http[i]. */
	struct http_slot http[RES_MAX_HTTP];
	struct req_series series[SWEEP_MAX_SERIES];
	int attempts;		/* attempts of each decisive request */
	int no_asn;		/* no network (AS) lookups for the path */
	long request_limit_ms;	/* the real request's own limit */
	struct http_own *own;	/* the person's method, headers, body */
	int started;
	int scheduling;		/* inside schedule(): do not nest */
	int again;		/* something changed meanwhile: look again */
};

/* ---- sweep.c: the scheduler ---- */

/* Tells the owner that something changed. */
void sweep_changed(struct sweep *sw);
/* The run of a kind in this sweep (a kind not in the registry aborts). */
struct check_run *sweep_run(const struct sweep *sw,
    const struct check_kind *k);
/* Marks a check running (its line added on first use). */
void sweep_begin(struct sweep *sw, struct check_run *run);
/* Marks a check done; summary is owned by the check from now on. */
void sweep_end(struct sweep *sw, struct check_run *run,
    enum check_status st, char *summary);
/* Ends a check with its kind's reading of the results. */
void sweep_finish(struct sweep *sw, struct check_run *run);
/* Marks a check done and skipped, saying why. */
void sweep_skip(struct sweep *sw, struct check_run *run, const char *why);
/* Its answer is in, before its end: what waits for it may start. */
void sweep_ready(struct sweep *sw, struct check_run *run);
/*
 * A failed attempt of its series is in (the one the follow-ups explain):
 * what follows it with CK_READS_TELLING may start.
 */
void sweep_told(struct sweep *sw, struct check_run *run);
/*
 * Its answer so far is provisional (the address as typed, while the
 * redirects are followed): what waits for it may start, except a check
 * that cannot forget its results, which waits for the end. If the
 * answer changes, sweep_restart_dependents() starts them over.
 */
void sweep_provisional(struct sweep *sw, struct check_run *run);
/*
 * Stops every check that waits for run (directly or through another),
 * forgets what they found and queues them again; they start once their
 * dependencies are in anew.
 */
void sweep_restart_dependents(struct sweep *sw, struct check_run *run);
/* Forgets the address the system's answer decided (a new target). */
void sweep_dns_reaim(struct sweep *sw);
/*
 * An on-demand check was asked for: it shows as running at once, waits
 * for what it needs, then starts.
 */
void sweep_ask(struct sweep *sw, struct check_run *run);
/* A finished check runs again for a follow-up of its own. */
void sweep_reopen(struct sweep *sw, struct check_run *run);

/* ---- sweep_request.c: HTTP requests in the shared slots ---- */

/*
 * Starts one request of run into a free slot; done runs when it ended.
 * When no slot is free and nothing of run is in flight, run ends with an
 * error so that it never waits for nothing.
 */
void sweep_request_start(struct sweep *sw, struct check_run *run,
    const struct http_req *req,
    void (*done)(struct sweep *sw, struct check_run *run));
/*
 * Starts n attempts of the same request for run, spread as struct
 * req_series says; done runs after each attempt ended. The attempts are
 * numbered 1..n in res_http.attempt.
 */
void sweep_series_start(struct sweep *sw, struct check_run *run,
    const struct http_req *req, int n,
    void (*done)(struct sweep *sw, struct check_run *run));
/* Non-zero while a request of run is in flight or an attempt is due. */
int sweep_requests_pending(const struct sweep *sw,
    const struct check_run *run);
/* Cancels the requests of run in flight (all of them for NULL). */
void sweep_requests_cancel(struct sweep *sw, const struct check_run *run);
/* Forgets the results of run's requests; their slots are reused. */
void sweep_requests_drop(struct sweep *sw, const struct check_run *run);
/* A kind's forget() when its results are its requests alone. */
int sweep_requests_forget(struct sweep *sw, struct check_run *run);
/* The target's URL with another host (same port and path); caller's. */
char *sweep_url_with_host(const struct res_target *t, const char *host);

/* ---- what the checks read of each other ---- */

/* check_dns.c: the system resolver's answer, or NULL before it is in. */
const struct res_dns *sweep_system_dns(const struct sweep *sw);
/*
 * check_dns.c: the address every request goes to, the system's first
 * answer, taken once; NULL while unknown or when the name did not
 * resolve.
 */
const char *sweep_address(const struct sweep *sw);
/* check_proxy.c: the unredacted proxy URL (never stored), or NULL. */
const char *sweep_proxy_url(const struct sweep *sw);
/* check_proxy.c: starts the direct twin of the proxied real request. */
void sweep_proxy_twin_start(struct sweep *sw, const struct http_req *req);
/*
 * check_proxy.c: before the real request runs again, its twin is
 * forgotten and the proxy check runs again with it; -1 while the twin is
 * still in flight.
 */
int sweep_proxy_twin_forget(struct sweep *sw);
/* check_http.c: the request that went straight to the server. */
const struct res_http *sweep_direct_request(const struct sweep *sw);
/*
 * check_http.c: *req set to the real request as check "http" sends it
 * (address hint, proxy, verification, HTTP/2 offer, the person's own
 * method, headers and body, its time limit), as variant, for url; a
 * comparison that must stay "the same request" starts from it.
 */
void sweep_real_request(const struct sweep *sw, struct http_req *req,
    enum http_variant variant, const char *url);
/*
 * check_http.c: for a check read against the real request: its done
 * callback, which finishes it once its own requests and the real
 * request's are in, and its react hook, which looks again when the real
 * request ends.
 */
void sweep_compared_done(struct sweep *sw, struct check_run *run);
void sweep_compared_react(struct sweep *sw, struct check_run *run,
    const struct check_run *other);

#endif
