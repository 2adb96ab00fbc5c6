/* TCP handshake probe: open / refused / timed out / unreachable. */
#ifndef CONNRESET_PROBE_TCP_H
#define CONNRESET_PROBE_TCP_H

#include "probe/env.h"
#include "probe/result.h"

struct tcp_probe;

/* Connects to addr (numeric, v4 or v6) on port without blocking. */
struct tcp_probe *tcp_probe_start(struct probe_env *env, const char *addr,
    int port, struct res_tcp *out, probe_done_cb done, void *arg);
void tcp_probe_cancel(struct tcp_probe *p);

#endif
