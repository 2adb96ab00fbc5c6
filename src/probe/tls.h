/*
 * TLS facts about the server: which versions it accepts (legacy versions
 * probed with a lowered security level), the certificate chain, the
 * verification result and reason, and ALPN. Runs its requests through
 * libcurl concurrently.
 */
#ifndef CONNRESET_PROBE_TLS_H
#define CONNRESET_PROBE_TLS_H

#include "probe/env.h"
#include "probe/result.h"

struct tls_probe;

/* Probes t (https) at addr (numeric; NULL resolves normally). */
struct tls_probe *tls_probe_start(struct probe_env *env,
    const struct res_target *t, const char *addr, struct res_tls *out,
    probe_done_cb done, void *arg);
void tls_probe_cancel(struct tls_probe *p);

#endif
