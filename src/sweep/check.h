/*
 * What a check is (private to src/sweep/): a kind describes one check of
 * a sweep, its dependencies as data and the functions that run it. Every
 * kind is defined in its own check_*.c and listed once, in checks.c.
 */
#ifndef CONNRESET_SWEEP_CHECK_H
#define CONNRESET_SWEEP_CHECK_H

#include "probe/result.h"

#include <stddef.h>

struct sweep;
struct check_run;

enum check_flags {
	CK_NEEDS_ADDR = 1 << 0,	/* skipped when the name has no address */
	CK_HTTPS_ONLY = 1 << 1,	/* skipped for a plain HTTP address */
	CK_ON_DEMAND = 1 << 2,	/* runs only when asked for (a flush) */
	/*
	 * It reads only the telling attempt of what it follows (the first
	 * that failed): it starts once that is in (sweep_told()), while the
	 * rest of the series still runs.
	 */
	CK_READS_TELLING = 1 << 3
};

struct check_kind {
	const char *id;		/* stable: reports and the wizard read it */
	const char *title;	/* N_() string, translated when shown */
	/*
	 * NULL-terminated ids this check waits for before it starts: until
	 * each has its answer (sweep_ready(), else its end). Their answer
	 * is taken once: a re-run of one of them does not re-run this.
	 */
	const char *const *after;
	/*
	 * NULL-terminated ids this check reads once they have ended: it
	 * waits for their end, and a re-run of one re-runs this one too.
	 */
	const char *const *follows;
	unsigned flags;		/* enum check_flags */
	/*
	 * N_() reason a check waiting for this one is skipped when this
	 * one is cancelled; NULL: they go on without it.
	 */
	const char *cancel_skips;
	/* A re-run of this check is a re-run of that one (NULL: none). */
	const char *rerun_as;
	size_t state_size;	/* bytes of its run state (zeroed) */

	/* Starts the check (sweep_begin()), or skips it saying why. */
	void (*start)(struct sweep *sw, struct check_run *run);
	/* Stops its probes (its requests are the sweep's to cancel). */
	void (*cancel)(struct sweep *sw, struct check_run *run);
	/*
	 * Drops its results before a re-run; -1 when it cannot run again
	 * now. NULL: a re-run is not offered.
	 */
	int (*forget)(struct sweep *sw, struct check_run *run);
	/* Another check ended, was cancelled or has its answer (or NULL). */
	void (*react)(struct sweep *sw, struct check_run *run,
	    const struct check_run *other);
	/* Frees what its run state owns, after cancel (or NULL). */
	void (*free)(struct check_run *run);
	/* How its results read once it ended: a status and one line. */
	enum check_status (*status)(const struct probe_results *r);
	char *(*summary)(const struct probe_results *r);
};

/* The kinds, one per check_*.c; checks.c lists them in display order. */
extern const struct check_kind check_proxy, check_local, check_dns,
    check_tcp, check_http, check_tls, check_variation, check_mismatch,
    check_path, check_locator, check_addresses, check_counters,
    check_watch, check_flush, check_protocol, check_clock,
    check_redirects, check_bighello, check_pmtu, check_trigger;

/* Every kind, in display order, NULL-terminated (checks.c). */
extern const struct check_kind *const sweep_checks[];
/* Index of the kind with this id in sweep_checks[], or -1. */
int checks_index(const char *id);

#endif
