/*
 * Flushing the local DNS cache, only when the person asks for it: the
 * right action for each cache the local check found (systemd-resolved,
 * nscd, dnsmasq, unbound, mDNSResponder), run through core/spawn or
 * kill(2), never a shell. The outcome is stated plainly.
 */
#ifndef CONNRESET_PROBE_FLUSH_H
#define CONNRESET_PROBE_FLUSH_H

#include "probe/env.h"
#include "probe/result.h"

struct spawn_result;


struct flush_probe;

/*
 * Flushes every cache in caches (res_local.dns_caches, space-separated,
 * or one res_local.resolver_kind). NULL, "", "resolv.conf" or "local"
 * alone give FLUSH_NOTHING. done runs once from the loop; the probe
 * frees itself afterwards.
 */
struct flush_probe *flush_start(struct probe_env *env, const char *caches,
    struct res_flush *out, probe_done_cb done, void *arg);
/* Stops (killing a running helper) and frees; done is not called. */
void flush_cancel(struct flush_probe *p);

/* Classifies one helper run: flushed, needs privileges or failed. */
enum flush_outcome flush_classify(const struct spawn_result *r);
/* Classifies a kill(2) result (0 or an errno) the same way. */
enum flush_outcome flush_classify_errno(int err);
/* Combines two outcomes: failed > needs privileges > flushed > nothing. */
enum flush_outcome flush_worse(enum flush_outcome a, enum flush_outcome b);
/* One translated line for the person, owned by the caller. */
char *flush_summary(const struct res_flush *f);
/* Frees what f owns and zeroes it. */
void res_flush_clear(struct res_flush *f);
/*
 * What flush_start() would run for caches, "; "-separated ("resolvectl
 * flush-caches; kill -HUP dnsmasq"), or NULL when there is nothing to
 * flush. Runs nothing; owned by the caller.
 */
char *flush_plan_text(const char *caches);

#endif
