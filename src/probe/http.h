/* One HTTP(S) request through libcurl, classified exactly. */
#ifndef CONNRESET_PROBE_HTTP_H
#define CONNRESET_PROBE_HTTP_H

#include "probe/env.h"
#include "probe/result.h"

/* What to send and where. Strings are borrowed for the call only. */
struct http_req {
	enum http_variant variant;
	const char *url;	/* what to fetch; its host gives SNI/Host */
	const char *connect_addr;	/* connect here instead of resolving
					   (CURLOPT_CONNECT_TO), or NULL */
	int connect_port;	/* port for connect_addr, 0 = URL's port */
	const char *host_header;	/* Host header override, or NULL */
	const char *proxy;	/* NULL: no proxy at all (direct);
				   otherwise the proxy URL to use */
	int verify;		/* verify the certificate (off for the
				   content-variation requests) */
};

struct http_probe;

struct http_probe *http_probe_start(struct probe_env *env,
    const struct http_req *req, struct res_http *out, probe_done_cb done,
    void *arg);
void http_probe_cancel(struct http_probe *p);

/* Classifies a finished transfer (exposed for unit tests). */
enum http_result http_classify(int curl_code, int os_errno, long bytes,
    int tls, int tls_done, long status);

#endif
