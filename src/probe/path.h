/*
 * Unprivileged traceroute on the one loop. Each probe is its own socket
 * with IP_TTL (IPV6_UNICAST_HOPS) set and IP_RECVERR (IPV6_RECVERR) on, so
 * the ICMP time-exceeded a router sends back lands on that socket's error
 * queue with the router's address; no raw socket and no privilege needed.
 * Methods: "tcp" (a SYN to the target's own port, the default), "udp"
 * (classic ports 33434 and up) and "icmp" (echo over SOCK_DGRAM
 * IPPROTO_ICMP sockets, only when net.ipv4.ping_group_range allows us).
 *
 * The lower half (errqueue parsing, hop bookkeeping, ping_group_range)
 * is pure and exposed for the unit tests and for locator.c.
 */
#ifndef CONNRESET_PROBE_PATH_H
#define CONNRESET_PROBE_PATH_H

#include <stddef.h>
#include <sys/types.h>

#include "probe/env.h"
#include "probe/result.h"

#define PATH_MAX_TTL 30		/* highest TTL probed */
#define PATH_PROBES 3		/* probes per TTL */
#define PATH_ADDR_LEN 46	/* INET6_ADDRSTRLEN */

struct path_probe;

/*
 * Traces the route to addr (numeric IPv4 or IPv6). method is "tcp",
 * "udp", "icmp" or NULL for the best one (TCP SYN to port); any other
 * value means "tcp". When the
 * method cannot run without privileges here, out->method says so
 * ("icmp-unavailable") and the path is empty; see path_method_available().
 */
struct path_probe *path_probe_start(struct probe_env *env, const char *addr,
    int port, const char *method, struct res_path *out, probe_done_cb done,
    void *arg);
/*
 * Turns reverse name lookups, and with them the network (AS) lookups,
 * off (call right after start).
 */
void path_probe_no_names(struct path_probe *p);
/*
 * Turns the lookups of the network each public hop belongs to off (see
 * probe/asn.h; call right after start).
 */
void path_probe_no_asn(struct path_probe *p);
/*
 * Calls cb(arg) once, while the trace still runs, when it looks short:
 * the destination has not answered, and every TTL beyond the highest
 * that answered had its first probe out for three times the slowest
 * round trip seen (at least PATH_SHORT_FLOOR_MS). The trace itself goes
 * on to its end (call right after start).
 */
void path_probe_on_short(struct path_probe *p, probe_done_cb cb, void *arg);
#define PATH_SHORT_FLOOR_MS 100.0
void path_probe_cancel(struct path_probe *p);
/*
 * Keeps refining a finished trace, as mtr does: every second a round of
 * one probe per hop of out (up to its last hop, by out->method) to addr,
 * each hop's sent, loss and round trips (recv, rtt_last/best/worst/sum)
 * updated as answers come; a hop that stayed silent gets the address it
 * now answers with. changed(arg) runs after each update (it must not
 * cancel the probe); it runs until path_probe_cancel(). NULL when out
 * has no hops or addr is not numeric.
 */
struct path_probe *path_probe_refine(struct probe_env *env, const char *addr,
    int port, struct res_path *out, probe_done_cb changed, void *arg);

/*
 * Returns 1 when method ("tcp", "udp", "icmp", NULL) can run as this user,
 * else 0 and, when why is not NULL, a translated reason owned by the
 * caller.
 */
int path_method_available(const char *method, char **why);

/* Non-zero when the ping_group_range text ("low high") admits a group. */
int path_ping_range_allows(const char *text, const gid_t *groups,
    size_t ngroups);

/* What one error-queue record (or answer) says about a probe. */
enum path_ev_kind {
	PATH_EV_NONE,		/* nothing useful (local error, unknown) */
	PATH_EV_EXCEEDED,	/* a router: TTL exceeded in transit */
	PATH_EV_REACHED,	/* the destination itself answered */
	PATH_EV_UNREACH		/* a hop said "unreachable": path ends */
};

struct path_ev {
	enum path_ev_kind kind;
	int icmp_type;
	int icmp_code;
	char addr[PATH_ADDR_LEN];	/* offender, "" when unknown */
};

/*
 * Parses the data of one IP_RECVERR / IPV6_RECVERR control message (a
 * struct sock_extended_err followed by the offender's address). udp
 * says that a port unreachable means the destination was reached.
 * Returns 0 on success, -1 when the record is malformed.
 */
int path_errq_parse(const void *data, size_t len, int udp,
    struct path_ev *ev);

/* The state of every probe of one trace. */
struct path_book {
	int maxttl;
	int nprobes;
	double wait_cap;	/* ms, 0 = none: answers later don't count */
	double sent[PATH_MAX_TTL][PATH_PROBES];	/* ms, < 0 not sent */
	double rtt[PATH_MAX_TTL][PATH_PROBES];	/* ms, < 0 no answer */
	unsigned char kind[PATH_MAX_TTL][PATH_PROBES];
	char addr[PATH_MAX_TTL][PATH_PROBES][PATH_ADDR_LEN];
};

void path_book_init(struct path_book *b, int maxttl, int nprobes);
/* Records that probe n of ttl left at now_ms. */
void path_book_sent(struct path_book *b, int ttl, int n, double now_ms);
/*
 * Records an answer; returns 1 when it was the first for that probe and
 * came within wait_cap.
 */
int path_book_answer(struct path_book *b, int ttl, int n, double now_ms,
    const struct path_ev *ev);
/* The lowest TTL that reached the destination (or ended it), 0 if none. */
int path_book_end_ttl(const struct path_book *b);
/* The slowest round trip seen so far, 0 when none. */
double path_book_slowest(const struct path_book *b);
/* Non-zero when some probe of ttl answered. */
int path_book_answered(const struct path_book *b, int ttl);
/*
 * Non-zero when the trace can stop: every TTL up to the destination (or
 * to the highest, when it did not answer) answered once; or is silent
 * while TTLs beyond it answered, and its first probe waited three times
 * their slowest round trip (at least 50 ms); or had every probe wait
 * max(3 x slowest RTT, 1 s) (at most wait_cap).
 */
int path_book_finished(const struct path_book *b, double now_ms);
/*
 * Non-zero when the trace looks short at now_ms: no destination, some
 * TTL answered, and every TTL beyond the highest that did had its first
 * probe out for max(3 x slowest round trip, PATH_SHORT_FLOOR_MS).
 */
int path_book_short(const struct path_book *b, double now_ms);
/*
 * Fills out->hops, nhops and reached (no names, method untouched):
 * hops stop at the destination, trailing silent hops are dropped.
 */
void path_book_fill(const struct path_book *b, struct res_path *out);

#endif
