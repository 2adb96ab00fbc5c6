/*
 * A sweep: every automated check for one target, all running at once on
 * the one loop. DNS first (the addresses are needed), then TCP, HTTP, TLS
 * and the content variations together, then the follow-ups their results
 * call for (protocol mismatch). The UI and batch mode both drive this.
 */
#ifndef CONNRESET_SWEEP_SWEEP_H
#define CONNRESET_SWEEP_SWEEP_H

#include "probe/result.h"

struct http_own;
struct loop;
struct sweep;

struct sweep_options {
	const char *input;	/* the address as typed */
	long timeout_ms;	/* bound for each probe */
	const char *cacert;	/* --cacert, else $SSL_CERT_FILE, else NULL */
	int attempts;		/* attempts of each decisive request
				   (--attempts), 0: SWEEP_ATTEMPTS */
	long request_limit_ms;	/* the real request's own limit
				   (--request-timeout), 0: SWEEP_REQUEST_MS */
	int no_asn;		/* --no-asn: the path's hops get no network
				   (AS) lookups */
	const struct http_own *own;	/* -X, -H, -d: what the real request
					   and its comparisons send (copied),
					   NULL: a plain GET */
};

/* Attempts of the real request and of each comparison by default. */
#define SWEEP_ATTEMPTS 5
#define SWEEP_MAX_ATTEMPTS 10
/* How long the real request may wait for its answer by default. */
#define SWEEP_REQUEST_MS 20000L
/* How long a watch runs when no duration is given. */
#define SWEEP_WATCH_MS (10 * 60 * 1000L)
#define SWEEP_MAX_WATCH_MS (2 * 60 * 60 * 1000L)

/* Called whenever a check changes state or the sweep finishes. */
typedef void (*sweep_cb)(struct sweep *sw, void *arg);

/*
 * Creates a sweep for opts->input on lp. Returns NULL and sets *err (one
 * translated line, owned by the caller) when the address is malformed.
 */
struct sweep *sweep_new(struct loop *lp, const struct sweep_options *opts,
    sweep_cb on_change, void *arg, char **err);
/* Starts every check; returns at once. */
void sweep_start(struct sweep *sw);
/* Non-zero once every check has finished or was cancelled. */
int sweep_done(const struct sweep *sw);
/* The results so far (stable pointer for the sweep's lifetime). */
const struct probe_results *sweep_results(const struct sweep *sw);
/* Runs one check (by id) again, with whatever it depends on. */
void sweep_rerun(struct sweep *sw, const char *check_id);
/* Cancels a running check; it ends as CHECK_CANCELLED. */
void sweep_cancel(struct sweep *sw, const char *check_id);
/*
 * Flushes the local DNS cache (the person asked for it): the right action
 * for the cache the local check found, then the system is asked again;
 * the "flush" check and results.flush say what happened.
 */
void sweep_flush_dns(struct sweep *sw);
/*
 * Watches the request: the real request once a second for duration_ms
 * (0: SWEEP_WATCH_MS), each answer a sample in results.watch; the
 * "watch" check says how many failed. The sweep is not done until the
 * watch ends.
 */
void sweep_watch(struct sweep *sw, long duration_ms);
/*
 * While on, the finished trace keeps refining, like mtr: a round of one
 * probe per hop every second, loss and round trips updated live (the
 * wizard's path view). Off, or when the path or the reset locator runs
 * again, it stops. Call it as often as wanted.
 */
void sweep_path_refine(struct sweep *sw, int on);
/* Ends a running watch now, keeping what it saw (nothing if none runs). */
void sweep_watch_stop(struct sweep *sw);
/* Non-zero while a watch runs. */
int sweep_watching(const struct sweep *sw);
/* Cancels everything still running and frees the sweep. */
void sweep_free(struct sweep *sw);

#endif
