/*
 * Readings over repeated attempts: how the attempts of one request went,
 * per address, and whether resets come after a steady elapsed time. Pure
 * functions on struct probe_results, used by the check lines, the
 * verdict, the wizard and every report, so all of them count alike.
 */
#ifndef CONNRESET_PROBE_SAMPLES_H
#define CONNRESET_PROBE_SAMPLES_H

#include "probe/result.h"

#include <stddef.h>

/* How the attempts of one request (one variant, maybe one address) went. */
struct sample_set {
	size_t n;		/* attempts that ran */
	size_t ok;		/* completed: a response, or a finished
				   handshake (certificate rejected) */
	size_t failed;		/* n - ok */
	size_t reset;		/* of the failures, resets and empty replies */
	size_t empty;		/* of those, empty replies (no reset seen) */
	size_t rejected;	/* of the completed, certificate rejected */
	size_t timeout;		/* of the failures, time-outs */
	const struct res_http *first;	/* first attempt, NULL if none ran */
	const struct res_http *first_ok;
	const struct res_http *first_fail;
	double fail_ms_min, fail_ms_max;	/* elapsed time of failures */
	double reset_ms_min, reset_ms_max;	/* ... of the resets alone */
};

/* A completed request: a response (any status) or a finished handshake. */
int samples_completed(const struct res_http *h);
/* A reset before or during the response, in the handshake, or an empty
 * reply: what the browser shows as ERR_CONNECTION_RESET or CLOSED. */
int samples_reset_like(enum http_result x);

/*
 * Gathers the attempts of variant v; with addr non-NULL, only those that
 * went to that address.
 */
void samples_of(const struct probe_results *r, enum http_variant v,
    const char *addr, struct sample_set *s);

/*
 * The attempt of variant v that tells most: its first failed attempt when
 * one failed (what needs explaining), else its first; NULL when none ran.
 */
const struct res_http *samples_telling(const struct probe_results *r,
    enum http_variant v);

/* Adds the attempts counted in s to into (the "first" pointers kept). */
void samples_merge(struct sample_set *into, const struct sample_set *s);

/* Non-zero when some attempts failed and some completed. */
int samples_mixed(const struct sample_set *s);

/*
 * The resets (at least two) came after a steady elapsed time: every one
 * within 10 % of their mean, and the mean at least one second. Sets *ms to
 * the mean and *near to a common time-out default (30, 60, 100, 120,
 * 350 s ...) within 10 % of it, or 0.
 */
int samples_steady_reset(const struct sample_set *s, double *ms,
    int *near);

/* One row of the per-address table. */
struct addr_row {
	const char *addr;	/* points into the results */
	struct sample_set s;
};

/*
 * The per-address table: the HV_PER_ADDR attempts grouped by address, in
 * the order the addresses first appear. Returns the number of rows.
 */
size_t samples_per_address(const struct probe_results *r,
    struct addr_row *rows, size_t max);

/*
 * The per-address split: some address failed every attempt while another
 * completed every one. Returns the first such bad address's row and sets
 * *good to a good one; NULL when there is no clean split.
 */
const struct addr_row *samples_bad_address(const struct addr_row *rows,
    size_t n, const struct addr_row **good);

/* How a watch went: counts over its samples. */
struct watch_counts {
	size_t n, ok, failed, reset, timeout;
	double first_fail_ms;	/* when the first failure started, or -1 */
	enum http_result first_result;	/* how the first failure ended */
};

/* Counts the samples of a watch. */
void samples_watch(const struct res_watch *w, struct watch_counts *c);

/*
 * The watch as a line of at most width characters, oldest first, like
 * mtr's continuous view (owned): '.' a completed request, 'R' a reset,
 * 'T' no answer in time, 'x' any other failure. With more samples than
 * width, each character stands for several and shows the worst of them.
 */
char *samples_timeline(const struct res_watch *w, size_t width);

#endif
