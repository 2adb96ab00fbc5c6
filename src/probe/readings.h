/*
 * Readings: the judgements that several places make from the same
 * results, each written once. The check lines, the verdict, the path
 * view and every report section call these instead of deciding on their
 * own, so two screens of one sweep cannot disagree. Pure functions.
 *
 * Hop numbering, everywhere: hop N is the Nth router as traceroute
 * numbers them, the device that answers a probe sent with TTL N. A TTL
 * is called a TTL only where the TTL a probe was sent with is meant.
 */
#ifndef CONNRESET_PROBE_READINGS_H
#define CONNRESET_PROBE_READINGS_H

#include "probe/result.h"

/* Where the reset the locator saw comes from. */
enum reset_origin {
	RO_NOT_RUN,		/* the locator did not run */
	RO_NO_RESET,		/* no reset came back to the replays */
	RO_UNPLACED,		/* a reset came back, but the server's
				   distance is unknown: it cannot be placed */
	RO_THIS_MACHINE,	/* made on this machine, before the first
				   router (reset at TTL 1, server farther) */
	RO_PATH,		/* a device on the path, before the server */
	RO_SERVER		/* the server, or a device right in front of
				   it: no reset before the server's distance */
};

/* One hop as the readings name it. Strings are borrowed from the results. */
struct res_hop_ref {
	int hop;		/* hop number (the TTL it answers), 0: none */
	const char *addr;	/* its address; NULL when the device at that
				   hop never identified itself */
	int inferred;		/* addr is this machine's gateway, read from
				   the routing table: the device at hop 1
				   did not answer */
	const char *before;	/* nearest identified hop before it, NULL
				   when none did (this machine) */
	int before_hop;		/* its hop number, 0 with before NULL */
	const char *after;	/* nearest identified hop after it, NULL
				   when none did */
	int after_hop;		/* its hop number, 0 with after NULL */
};

/* Where the reset comes from, from the locator's fields alone. */
enum reset_origin res_locator_origin(const struct res_locator *l);
/*
 * The hop the reset is attributed to: for RO_PATH the router whose
 * filtering the first reset crossed (a request sent with TTL t passes
 * the checks of hops 1 .. t-1, so hop first_reset_ttl - 1), for
 * RO_SERVER the server at its distance. Its address comes from the
 * locator (which may have asked a silent router again) or the trace,
 * never from a neighbour; the locator's inferred gateway only when no
 * answer named hop 1. Returns 0 (and zeroes *out) for every other origin.
 */
int probe_results_reset_hop(const struct probe_results *r,
    struct res_hop_ref *out);
/* The same for another locator replay l of r (bighello's). */
int probe_results_locator_hop(const struct probe_results *r,
    const struct res_locator *l, struct res_hop_ref *out);
/*
 * Hop n of the trace as the readings name it, with the identified hops
 * around it; a hop the trace lacks has no address.
 */
void res_path_hop_ref(const struct res_path *p, int n,
    struct res_hop_ref *out);
/*
 * A TCP trace that ends in a refusal made on the way: its last answer,
 * to SYNs sent with TTL t, came in the server's name, yet another trace
 * (UDP) reaches the server farther away. Those SYNs passed the checks of
 * hops 1 .. t-1 only, so the refusal is made at or just after hop t-1,
 * which *out names (hop 0, no address: this machine, when t is 1).
 * Returns t, or 0 (and zeroes *out) when the trace does not end so.
 */
int probe_results_path_refusal(const struct probe_results *r,
    struct res_hop_ref *out);
/*
 * That refusal in one line (owned), as the path check's line and the
 * reports' path sections say it; NULL when the trace does not end so.
 */
char *probe_results_path_refusal_text(const struct probe_results *r);
/*
 * Non-zero when the device at the hop answered with its address: not
 * when it stayed silent, nor when its address is only inferred.
 */
int res_hop_ref_identified(const struct res_hop_ref *h);
/*
 * A hop for screens and reports (owned): "hop 2 (198.51.100.1)", or,
 * when the device did not identify itself, "hop 2 (it did not identify
 * itself; it lies between 192.0.2.1 and 198.51.100.9)"; an inferred
 * gateway is said to be one: "hop 1 (198.18.2.25, this machine's gateway,
 * inferred from the routing table: it did not answer)".
 */
char *res_hop_ref_text(const struct res_hop_ref *h);
/*
 * One line on where the reset comes from (owned), as the locator's
 * check line and the path view say it; NULL when the locator did not run.
 */
char *probe_results_locator_text(const struct probe_results *r);
/* The same for another locator replay l of r (bighello's). */
char *probe_results_locator_text_of(const struct probe_results *r,
    const struct res_locator *l);

/* Non-zero when two DNS answers share at least one address. */
int res_dns_overlap(const struct res_dns *a, const struct res_dns *b);
/* The system resolver's answer (what the browser uses), or NULL. */
const struct res_dns *probe_results_system_dns(const struct probe_results *r);

/* ---- what the browser meets (readings_browser.c) ---- */

/* A clock further off than this (seconds) is wrong, not just drifting. */
#define CLOCK_OFF_S 600

/* This machine's clock against the server's, read from a Date header. */
struct res_clock {
	int known;		/* a response carried a usable Date header */
	long skew_s;		/* this machine minus the server, seconds:
				   positive when this machine is ahead */
	long server;		/* the server's time (Unix seconds) */
	long local;		/* this machine's at the same moment */
	const struct res_http *from;	/* the response it was read from */
};

/* Reads the clocks from the first response with a Date; 0 when none. */
int probe_results_clock(const struct probe_results *r, struct res_clock *out);
/*
 * Non-zero when the certificate was rejected as expired or not yet
 * valid only because this machine's clock is off: the chain is valid at
 * the server's time, and the clocks differ by more than CLOCK_OFF_S.
 */
int probe_results_clock_explains_cert(const struct probe_results *r,
    const struct res_clock *c);
/*
 * Non-zero when the request fails over HTTP/2 and works over HTTP/1.1:
 * every attempt of the browser request failed, and every attempt of the
 * same request forced to HTTP/1.1 completed. *negotiated (may be NULL)
 * says whether a failed attempt had negotiated h2 before it failed.
 */
int probe_results_h2_only(const struct probe_results *r, int *negotiated);

/* Redirects a browser follows before it gives up. */
#define REDIRECTS_MAX 10

/* The redirect chain as the "redirects" check followed it. */
struct res_chain {
	const struct res_http *hop[REDIRECTS_MAX + 1];	/* by hop number */
	size_t n;		/* requests in the chain (hop 0 .. n-1) */
	size_t redirects;	/* of them, answers that redirected */
	const struct res_http *fails;	/* the first request that failed
					   after at least one redirect, or
					   NULL */
	int too_many;		/* the last one redirected again */
};

/* Reads the chain; returns its number of redirects (0: none followed). */
size_t probe_results_chain(const struct probe_results *r,
    struct res_chain *out);
/*
 * One line for the chain (owned): "http://a/ redirects to https://b/,
 * then to https://c/", or NULL without a redirect.
 */
char *res_chain_text(const struct res_chain *c);

/*
 * The address as the person typed it. A redirect chain moves the
 * sweep's target to where the browser lands (what the checks after it
 * test); titles and headings name what was typed. Strings are owned.
 */
struct res_typed {
	int moved;		/* a redirect chain moved the target: it is
				   now where the browser lands */
	char *url;		/* the typed address, normalized (redacted) */
	char *host;		/* its host as typed (IDN in Unicode) */
	char *ascii_host;	/* its host as sent on the wire */
	char *scheme;		/* "http" or "https" */
	int port;
	const char *addr;	/* borrowed: the address its request went
				   to, NULL when none is known */
};

/*
 * The host part of an address (owned), as typed or normalized: no scheme,
 * user, port or path; "" when there is none. *port gets an explicit port
 * (1-65535), 0 without one.
 */
char *res_address_host(const char *a, int *port);
/* Reads the typed address; without a move, the target itself. */
void probe_results_typed(const struct probe_results *r,
    struct res_typed *out);
/* Frees what t owns and zeroes it. */
void res_typed_clear(struct res_typed *t);
/* The ClientHello-size check (check bighello). */
/* Counts of failed classic and large tries (anything but HELLO_OK). */
void bighello_counts(const struct res_bighello *b, int *classic_n,
    int *classic_failed, int *large_n, int *large_failed);
/* The ClientHello sizes seen, 0 when none. */
int bighello_size(const struct res_bighello *b, int large);
/* The commonest failure of the large tries (HELLO_OK when none). */
enum hello_outcome bighello_large_failure(const struct res_bighello *b);
/* How one outcome reads on screens and in reports, translated. */
const char *bighello_outcome_label(enum hello_outcome o);


/* The packet-size check (check pmtu): tries with small segments and
 * with the system's own size, and how many of each got their answer. */
void pmtu_counts(const struct res_pmtu *p, int *small_n, int *small_ok,
    int *default_n, int *default_ok);
/* Only the small segments got their answers: a PMTU black hole. */
int pmtu_black_hole(const struct res_pmtu *p);

#endif
