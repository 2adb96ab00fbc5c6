/*
 * The browser-size ClientHello: since 2024 browsers send a ClientHello
 * with the hybrid key share X25519MLKEM768, about 1.2 KB more than the
 * classic one, so it no longer fits in one TCP segment. A device on the
 * path, or a server's TLS stack, that mishandles a ClientHello split
 * over two segments resets or stalls it. This probe makes the classic
 * handshake and the large one in turn against one address and records
 * the size of each ClientHello and how it ended.
 */
#ifndef CONNRESET_PROBE_BIGHELLO_H
#define CONNRESET_PROBE_BIGHELLO_H

#include "probe/env.h"
#include "probe/result.h"

#include <openssl/ssl.h>

/* Bytes of padding when the hybrid key share is not offered. */
#define BIGHELLO_PAD 1500

struct bighello_probe;

/*
 * A client context whose ClientHello has a browser's size: the hybrid
 * group X25519MLKEM768 first (its key share sent) when the OpenSSL in
 * use offers it (*hybrid = 1), else the classic groups and an extension
 * of a GREASE type (RFC 8701) that correct servers ignore, of
 * BIGHELLO_PAD bytes. NULL when no context can be made.
 */
SSL_CTX *bighello_ctx(int *hybrid);
/* A context for the classic ClientHello (OpenSSL's defaults). */
SSL_CTX *bighello_classic_ctx(void);

/*
 * Makes `attempts` pairs of handshakes, classic then large, one at a
 * time, to addr:port with SNI host, into *out (tries[], hybrid), and
 * calls done. A classic handshake that fails ends the run: there is
 * nothing to compare the large one with. The probe frees itself
 * once done has returned: done's caller must forget its pointer.
 */
struct bighello_probe *bighello_probe_start(struct probe_env *env,
    const char *addr, int port, const char *host, int attempts,
    struct res_bighello *out, probe_done_cb done, void *arg);
/* Stops a probe whose done has not run yet and frees it; NULL is fine. */
void bighello_probe_cancel(struct bighello_probe *p);

#endif
