#include "config.h"

#include "probe/tlsinfo.h"

#include "core/loop.h"
#include "core/sanitize.h"
#include "core/xalloc.h"

#include <openssl/ssl.h>
#include <stdlib.h>
#include <string.h>

/* ex_data slot on the SSL_CTX that points back at the tlsinfo. */
static int ctx_index = -1;

static void
info_cb(const SSL *ssl, int where, int ret)
{
	struct tlsinfo *ti;
	const unsigned char *alpn = NULL;
	unsigned int alpnlen = 0;
	STACK_OF(X509) *chain;

	ti = SSL_CTX_get_ex_data(SSL_get_SSL_CTX(ssl), ctx_index);
	if (ti && (where & SSL_CB_HANDSHAKE_START) && ti->started_ms == 0)
		ti->started_ms = loop_now_ms();
	if (!(where & SSL_CB_HANDSHAKE_DONE))
		return;
	/* TLS 1.3 tickets may report the handshake again: keep the first. */
	if (!ti || ti->done)
		return;
	ti->done = 1;
	ti->version = sanitize_str(SSL_get_version(ssl), SAN_ASCII);
	SSL_get0_alpn_selected(ssl, &alpn, &alpnlen);
	if (alpn && alpnlen)
		ti->alpn = sanitize_mem((const char *)alpn, alpnlen,
		    SAN_ASCII);
	if (ti->want_chain && (chain = SSL_get_peer_cert_chain(ssl)))
		ti->chain = X509_chain_up_ref(chain);
}

/* CURLOPT_SSL_CTX_FUNCTION: curl makes one SSL_CTX per connection. */
static CURLcode
ctx_cb(CURL *easy, void *sslctx, void *arg)
{
	SSL_CTX *ctx = sslctx;

	SSL_CTX_set_ex_data(ctx, ctx_index, arg);
	SSL_CTX_set_info_callback(ctx, info_cb);
	return CURLE_OK;
}

/* Hooks easy so that ti is filled when its TLS handshake completes. */
void
tlsinfo_hook(CURL *easy, struct tlsinfo *ti)
{
	if (ctx_index < 0)
		ctx_index = SSL_CTX_get_ex_new_index(0, NULL, NULL, NULL,
		    NULL);
	curl_easy_setopt(easy, CURLOPT_SSL_CTX_FUNCTION, ctx_cb);
	curl_easy_setopt(easy, CURLOPT_SSL_CTX_DATA, ti);
}

/* Frees what ti holds and zeroes it (want_chain is kept). */
void
tlsinfo_clear(struct tlsinfo *ti)
{
	int want = ti->want_chain;

	free(ti->version);
	free(ti->alpn);
	if (ti->chain)
		sk_X509_pop_free(ti->chain, X509_free);
	memset(ti, 0, sizeof(*ti));
	ti->want_chain = want;
}
