/*
 * The TLS probe: six handshakes at once through the shared multi handle,
 * all with CURLOPT_CONNECT_ONLY so no request is sent. Four pin one TLS
 * version each, one collects the chain with verification off, one
 * verifies like a browser would.
 */
#include "config.h"

#include "probe/tls.h"

#include "core/sanitize.h"
#include "core/xalloc.h"
#include "probe/curlm.h"
#include "probe/http.h"
#include "probe/tls_cert.h"
#include "probe/tlsinfo.h"

#include <openssl/x509_vfy.h>
#include <stdlib.h>
#include <string.h>

enum job_kind { J_V10, J_V11, J_V12, J_V13, J_CERT, J_VERIFY, NJOBS };

/* Lets OpenSSL 3 offer TLS 1.0/1.1 and the old ciphers at all. */
#define LEGACY_CIPHERS "DEFAULT:@SECLEVEL=0"

static const long version_opt[4] = {
	CURL_SSLVERSION_TLSv1_0 | CURL_SSLVERSION_MAX_TLSv1_0,
	CURL_SSLVERSION_TLSv1_1 | CURL_SSLVERSION_MAX_TLSv1_1,
	CURL_SSLVERSION_TLSv1_2 | CURL_SSLVERSION_MAX_TLSv1_2,
	CURL_SSLVERSION_TLSv1_3 | CURL_SSLVERSION_MAX_TLSv1_3,
};

struct tls_probe;

struct tls_job {
	struct tls_probe *p;
	enum job_kind kind;
	CURL *easy;		/* NULL once finished */
	struct tlsinfo ti;
	char errbuf[CURL_ERROR_SIZE];
};

struct tls_probe {
	struct probe_env *env;
	struct res_tls *out;
	probe_done_cb done;
	void *arg;
	struct curl_slist *connect_to;
	struct tls_job jobs[NJOBS];
	int pending;
};

static void
job_options(struct tls_probe *p, struct tls_job *j, const char *url)
{
	CURL *e = j->easy;
	long t = p->env->timeout_ms;

	curl_easy_setopt(e, CURLOPT_URL, url);
	curl_easy_setopt(e, CURLOPT_CONNECT_ONLY, 1L);
	curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(e, CURLOPT_FRESH_CONNECT, 1L);
	curl_easy_setopt(e, CURLOPT_FORBID_REUSE, 1L);
	curl_easy_setopt(e, CURLOPT_SSL_SESSIONID_CACHE, 0L);
	curl_easy_setopt(e, CURLOPT_PROXY, "");
	curl_easy_setopt(e, CURLOPT_NOPROXY, "*");
	curl_easy_setopt(e, CURLOPT_ERRORBUFFER, j->errbuf);
	if (t > 0) {
		curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, t);
		curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, t);
	}
	if (p->connect_to)
		curl_easy_setopt(e, CURLOPT_CONNECT_TO, p->connect_to);
	j->ti.want_chain = j->kind == J_CERT;
	tlsinfo_hook(e, &j->ti);
	if (j->kind == J_VERIFY) {
		curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 1L);
		curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 2L);
		if (p->env->cacert)
			curl_easy_setopt(e, CURLOPT_CAINFO, p->env->cacert);
		return;
	}
	curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 0L);
	curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 0L);
	if (j->kind == J_CERT) {
		/* Any version the server will speak, to see its chain. */
		curl_easy_setopt(e, CURLOPT_SSLVERSION,
		    CURL_SSLVERSION_TLSv1_0);
		curl_easy_setopt(e, CURLOPT_SSL_CIPHER_LIST, LEGACY_CIPHERS);
		return;
	}
	curl_easy_setopt(e, CURLOPT_SSLVERSION, version_opt[j->kind]);
	if (j->kind == J_V10 || j->kind == J_V11)
		curl_easy_setopt(e, CURLOPT_SSL_CIPHER_LIST, LEGACY_CIPHERS);
}

/* Whether a handshake pinned to one version shows the server accepts it. */
static enum tls_accept
accept_from(CURLcode rc, long os_errno, const char *err)
{
	/* Our own OpenSSL refused to offer the version: nothing learned. */
	if (strstr(err, "no protocols available") ||
	    strstr(err, "no ciphers available"))
		return TLSV_ERROR;
	switch (http_classify_text(rc, (int)os_errno, 0, 1, 0, 0, err)) {
	case HTTP_RESPONSE:
		return TLSV_YES;
	case HTTP_TLS_RESET:
		return TLSV_RESET;
	case HTTP_TLS_ALERT:
		return TLSV_NO;
	default:
		return TLSV_ERROR;
	}
}

static void
take_chain(struct tls_probe *p, struct tls_job *j)
{
	struct res_tls *o = p->out;
	int n = j->ti.chain ? sk_X509_num(j->ti.chain) : 0;

	for (int i = 0; i < n && o->nchain < RES_MAX_CHAIN; i++)
		tls_cert_fill(&o->chain[o->nchain++],
		    sk_X509_value(j->ti.chain, i));
	if (o->nchain > 0)
		o->intercepted = tls_issuer_intercepted(o->chain[0].issuer);
	xstrset(&o->negotiated, j->ti.version);
	xstrset(&o->alpn, j->ti.alpn);
}

static void
take_verify(struct tls_probe *p, struct tls_job *j, CURLcode rc,
    long os_errno)
{
	struct res_tls *o = p->out;
	long code = X509_V_OK;
	const char *none = rc == CURLE_OK ? NULL :
	    tls_no_cert_reason(rc, os_errno, j->errbuf);

	curl_easy_getinfo(j->easy, CURLINFO_SSL_VERIFYRESULT, &code);
	/* curl checks the name itself and leaves 0 or "unspecified". */
	if (rc == CURLE_PEER_FAILED_VERIFICATION &&
	    (code == X509_V_OK || code == X509_V_ERR_UNSPECIFIED) &&
	    (strstr(j->errbuf, "no alternative certificate subject name") ||
	    strstr(j->errbuf, "does not match")))
		code = X509_V_ERR_HOSTNAME_MISMATCH;
	if (none) {
		/* OpenSSL's "unspecified" here judged no certificate. */
		o->verify = TLS_VERIFY_NO_CERT;
		o->verify_code = code;
		o->verify_reason = xstrdup(none);
		return;
	}
	if (rc != CURLE_OK && code == X509_V_OK)
		return;		/* failed before a certificate was judged */
	o->verify = tls_verify_from_code(code);
	o->verify_code = code;
	o->verify_reason = sanitize_str(X509_verify_cert_error_string(code),
	    0);
}

static void
probe_free(struct tls_probe *p)
{
	for (int i = 0; i < NJOBS; i++) {
		if (p->jobs[i].easy) {
			curlm_remove(p->env->curlm, p->jobs[i].easy);
			curl_easy_cleanup(p->jobs[i].easy);
		}
		tlsinfo_clear(&p->jobs[i].ti);
	}
	curl_slist_free_all(p->connect_to);
	free(p);
}

/* The best version that answered, when the chain handshake failed. */
static void
fallback_negotiated(struct tls_probe *p)
{
	for (int v = J_V13; v >= J_V10 && !p->out->negotiated; v--)
		if (p->out->versions[v] == TLSV_YES)
			xstrset(&p->out->negotiated, p->jobs[v].ti.version);
}

static void
on_job_done(CURL *easy, CURLcode rc, void *arg)
{
	struct tls_job *j = arg;
	struct tls_probe *p = j->p;
	long os_errno = 0;

	curl_easy_getinfo(easy, CURLINFO_OS_ERRNO, &os_errno);
	if (j->kind <= J_V13)
		p->out->versions[j->kind] = accept_from(rc, os_errno,
		    j->errbuf);
	else if (j->kind == J_CERT && rc == CURLE_OK)
		take_chain(p, j);
	else if (j->kind == J_VERIFY)
		take_verify(p, j, rc, os_errno);
	/* It has left the multi; its facts were copied at handshake. */
	curl_easy_cleanup(easy);
	j->easy = NULL;
	if (--p->pending > 0)
		return;
	fallback_negotiated(p);
	p->out->ran = 1;
	p->done(p->arg);
	probe_free(p);
}

static char *
target_url(const struct res_target *t)
{
	const char *h = t->ascii_host ? t->ascii_host : t->host;
	int port = t->port > 0 ? t->port : 443;

	if (strchr(h, ':'))
		return xasprintf("https://[%s]:%d/", h, port);
	return xasprintf("https://%s:%d/", h, port);
}

/* Probes t (https) at addr (numeric; NULL resolves normally). */
struct tls_probe *
tls_probe_start(struct probe_env *env, const struct res_target *t,
    const char *addr, struct res_tls *out, probe_done_cb done, void *arg)
{
	struct tls_probe *p = xcalloc(1, sizeof(*p));
	char *url = target_url(t), *entry;

	p->env = env;
	p->out = out;
	p->done = done;
	p->arg = arg;
	if (addr) {
		entry = strchr(addr, ':') ? xasprintf("::[%s]:", addr) :
		    xasprintf("::%s:", addr);
		p->connect_to = curl_slist_append(NULL, entry);
		free(entry);
	}
	p->pending = NJOBS;
	for (int i = 0; i < NJOBS; i++) {
		struct tls_job *j = &p->jobs[i];

		j->p = p;
		j->kind = (enum job_kind)i;
		if (!(j->easy = curl_easy_init()))
			abort();
		job_options(p, j, url);
	}
	for (int i = 0; i < NJOBS; i++)
		curlm_add(env->curlm, p->jobs[i].easy, on_job_done,
		    &p->jobs[i]);
	free(url);
	return p;
}

/* Stops every handshake and frees the probe; done is not called. */
void
tls_probe_cancel(struct tls_probe *p)
{
	if (p)
		probe_free(p);
}
