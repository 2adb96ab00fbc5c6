/*
 * Reverse names for hop addresses: a small c-ares channel bound to the one
 * loop by probe/ares_loop.h. Used by the traceroute; names come back
 * sanitized.
 */
#ifndef CONNRESET_PROBE_PATH_RDNS_H
#define CONNRESET_PROBE_PATH_RDNS_H

struct loop;
struct path_rdns;

/* Called once per lookup with the sanitized name, or NULL for none. */
typedef void (*path_rdns_cb)(void *arg, const char *name);

/* Creates a channel on lp; NULL when c-ares cannot start here. */
struct path_rdns *path_rdns_new(struct loop *lp, long timeout_ms);
/* Looks up the PTR name of addr (numeric); returns -1 if addr is bad. */
int path_rdns_lookup(struct path_rdns *r, const char *addr, path_rdns_cb cb,
    void *arg);
/* Lookups still waiting for an answer. */
int path_rdns_pending(const struct path_rdns *r);
/* Stops every lookup (their callbacks are not called) and frees r. */
void path_rdns_free(struct path_rdns *r);

#endif
