/*
 * DNS through c-ares on the one loop, each probe on its own channel
 * bound by probe/ares_loop.h. Works with c-ares 1.18.
 */
#ifndef CONNRESET_PROBE_DNS_H
#define CONNRESET_PROBE_DNS_H

#include <stddef.h>

#include "probe/env.h"
#include "probe/result.h"

struct dns_probe;

/*
 * Resolves host (ASCII form) for A and AAAA. server NULL asks the way the
 * system does (hosts file, then the configured resolvers) and sets
 * out->is_system; otherwise asks only that nameserver ("192.0.2.53",
 * "2001:db8::53" or "addr:port").
 */
struct dns_probe *dns_probe_start(struct probe_env *env, const char *host,
    const char *server, struct res_dns *out, probe_done_cb done, void *arg);
void dns_probe_cancel(struct dns_probe *p);

/*
 * Lists the nameservers the system is configured with (as c-ares reads
 * them from /etc/resolv.conf), as "addr" or "addr:port" strings. Returns
 * the count; *servers and each string belong to the caller.
 */
size_t dns_system_servers(char ***servers);

#endif
