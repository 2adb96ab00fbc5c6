/*
 * The reset locator: where along the path does a reset come from? For
 * each TTL up to the server it opens a normal connection (full TTL, so
 * the handshake completes), then lowers the socket's TTL and sends the
 * request that draws the reset (an HTTP request with the real Host, or a
 * TLS ClientHello with the real SNI). A reset that comes back although
 * the request could not reach the server was sent by something on the
 * way. The same run with a neutral name is the control.
 */
#ifndef CONNRESET_PROBE_LOCATOR_H
#define CONNRESET_PROBE_LOCATOR_H

#include "probe/env.h"
#include "probe/result.h"

#define LOCATOR_NEUTRAL_HOST "neutral.connreset.invalid"

struct locator_probe;

struct locator_req {
	const char *addr;	/* server address, numeric v4 or v6 */
	int port;
	int tls;		/* 1: send a ClientHello, 0: an HTTP GET */
	const char *host;	/* the real name (ASCII), for Host or SNI */
	const char *trigger;	/* "host" (HTTP) or "sni" (TLS) */
	const char *path;	/* URL path for the GET, NULL = "/" */
	int server_distance;	/* hops to the server, 0 = measure it */
	const struct res_path *path_result;	/* optional: hop addresses */
	/*
	 * 1 (TLS only): the trigger is the browser-size ClientHello
	 * (bighello.h). The control then sends the classic ClientHello
	 * with the real name, the real replay the large one.
	 */
	int big_hello;
};

/*
 * Runs the control replay, then the real one, and fills *out. When
 * server_distance is 0 or no path_result with addresses is given, a TCP
 * SYN trace (path.h) measures the distance and hops first.
 */
struct locator_probe *locator_probe_start(struct probe_env *env,
    const struct locator_req *req, struct res_locator *out,
    probe_done_cb done, void *arg);
void locator_probe_cancel(struct locator_probe *p);

/* What came back for the request sent with one TTL. */
enum loc_outcome {
	LOC_PENDING,		/* still waiting */
	LOC_NOCONN,		/* the full-TTL handshake failed */
	LOC_SILENT,		/* nothing came back in time */
	LOC_EXPIRED,		/* ICMP: the request died on the way */
	LOC_ANSWERED,		/* data came back (server or middlebox) */
	LOC_CLOSED,		/* an orderly close (FIN) */
	LOC_RESET		/* a TCP reset came back */
};

/*
 * The lowest TTL (index + 1) whose outcome is LOC_RESET, 0 when none of
 * the n outcomes is.
 */
int locator_first_reset(const enum loc_outcome *o, int n);

/*
 * Decides the verdict fields of *out from the two replays and the path:
 * first_reset_ttl, control_*, near_hop_* (from path, may be NULL) and
 * local. server_distance must already be set. A near hop the trace has
 * no address for stays without one (near_hop_unidentified, with the
 * identified hops before and after it), never a neighbour's.
 */
void locator_conclude(struct res_locator *out, const enum loc_outcome *real,
    const enum loc_outcome *control, int n, const struct res_path *path);
/*
 * When the near hop is the first one and it did not answer, names the
 * gateway of this machine's route to the server (numeric, from the
 * routing table) as an inferred address: near_hop_inferred is set.
 */
void locator_infer_first_hop(struct res_locator *out, const char *gateway);

#endif
