/*
 * Internal to the probes: watches the OpenSSL handshake of one curl
 * transfer (through CURLOPT_SSL_CTX_FUNCTION and an info callback) and
 * keeps what it negotiated, including the peer's certificate chain.
 * The SSL object is gone once curl closes the connection, so the facts
 * are copied when the handshake completes.
 */
#ifndef CONNRESET_PROBE_TLSINFO_H
#define CONNRESET_PROBE_TLSINFO_H

#include <curl/curl.h>
#include <openssl/x509.h>

struct tlsinfo {
	int want_chain;		/* keep the peer chain (set before hooking) */
	double started_ms;	/* loop_now_ms() when the handshake began,
				   i.e. just after TCP connected; 0 = never */
	int done;		/* the handshake completed */
	char *version;		/* "TLSv1.3", sanitized */
	char *alpn;		/* negotiated ALPN, sanitized, or NULL */
	STACK_OF(X509) *chain;	/* peer chain as sent, leaf first */
};

/* Hooks easy so that ti is filled when its TLS handshake completes. */
void tlsinfo_hook(CURL *easy, struct tlsinfo *ti);
/* Frees what ti holds and zeroes it (want_chain is kept). */
void tlsinfo_clear(struct tlsinfo *ti);

#endif
