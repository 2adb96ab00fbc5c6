/*
 * Asking again the hops a trace left silent: one TCP SYN per TTL, with
 * IP_RECVERR (IPV6_RECVERR), read like the trace's own probes. The reset
 * locator uses it for the routers whose identity it needs and the trace
 * could not get (their ICMP rationed at that moment); a hop that answers
 * here was seen, not guessed.
 */
#ifndef CONNRESET_PROBE_PATH_REASK_H
#define CONNRESET_PROBE_PATH_REASK_H

#include <sys/socket.h>

#include "core/loop.h"

struct path_reask;

/* Called (from the loop) once no probe is waiting any more. */
typedef void (*path_reask_cb)(void *arg);

/*
 * Sends one SYN with each TTL of ttls[0..n-1] to dst on lp; done (may be
 * NULL) is called once every probe answered or failed. Returns NULL when
 * n is 0; probes that cannot be sent count as failed.
 */
struct path_reask *path_reask_start(struct loop *lp,
    const struct sockaddr *dst, socklen_t dstlen, const int *ttls, int n,
    path_reask_cb done, void *arg);
/* The router that answered at ttl (numeric, sanitized), NULL none yet. */
const char *path_reask_addr(const struct path_reask *r, int ttl);
/* Non-zero while some probe has no answer yet. */
int path_reask_pending(const struct path_reask *r);
/* Closes every probe and frees r; path_reask_free(NULL) is fine. */
void path_reask_free(struct path_reask *r);

#endif
