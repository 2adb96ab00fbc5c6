/*
 * One c-ares channel bound to the one event loop, as curlm.h binds
 * libcurl: c-ares says which sockets to watch through its socket-state
 * callback (ARES_OPT_SOCK_STATE_CB), the loop hands readiness back to
 * c-ares, and one loop timer follows ares_timeout(). Every c-ares user
 * (DNS probes, the trace's reverse names) goes through here; the one
 * place that processes c-ares's sockets is ares_loop.c (written for
 * c-ares 1.18, as Debian 12 ships it).
 */
#ifndef CONNRESET_PROBE_ARES_LOOP_H
#define CONNRESET_PROBE_ARES_LOOP_H

#include <ares.h>

struct loop;
struct ares_loop;

/* Initializes c-ares once for the process; 0 on success, -1 if it fails. */
int ares_loop_library_init(void);
/*
 * Creates a channel on lp with the options in o/mask (the socket-state
 * callback is ours and added here); *status gets the ARES_* code. NULL
 * when c-ares cannot make the channel.
 */
struct ares_loop *ares_loop_new(struct loop *lp, const struct ares_options *o,
    int mask, int *status);
/* The channel, to start queries on (borrowed; valid until the free). */
ares_channel ares_loop_channel(const struct ares_loop *al);
/* Follows c-ares's next timeout; call after starting queries. */
void ares_loop_arm(struct ares_loop *al);
/*
 * Destroys the channel (pending queries are answered ARES_EDESTRUCTION
 * from inside this call), stops watching its sockets and frees al. Not
 * from inside a query callback: defer it to a later loop turn.
 * ares_loop_free(NULL) is fine.
 */
void ares_loop_free(struct ares_loop *al);

#endif
