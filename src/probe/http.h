/* One HTTP(S) request through libcurl, classified exactly. */
#ifndef CONNRESET_PROBE_HTTP_H
#define CONNRESET_PROBE_HTTP_H

#include "probe/env.h"
#include "probe/result.h"

/*
 * The person's own request (-X, -H, -d), the same for every request that
 * stands for the real one. All zero: a plain GET.
 */
struct http_own {
	char *method;		/* -X, or NULL: GET, POST with a body */
	char **headers;		/* -H lines "Name: value", raw (secrets) */
	int nheaders;
	char *body;		/* -d, or NULL: no body */
	size_t body_len;
	char *body_from;	/* the file the body came from, NULL inline
				   (described, never sent) */
};

/* A deep copy of own (NULL for NULL or a plain GET), and its release. */
struct http_own *http_own_dup(const struct http_own *own);
void http_own_free(struct http_own *own);
/* The method own sends: -X, else POST with a body, else GET. */
const char *http_own_method(const struct http_own *own);

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
	const char *addr_hint;	/* where a resolved request is expected
				   to go: recorded as its address when
				   curl connects nowhere, or NULL */
	long timeout_ms;	/* shorter bound than env->timeout_ms for
				   this request, or 0 */
	long limit_ms;		/* the whole request's own limit, longer
				   than env->timeout_ms (which then bounds
				   the connection only), or 0 */
	int attempt;		/* recorded in res_http.attempt */
	int http2;		/* offer ALPN h2,http/1.1 over TLS as a
				   browser does; 0: HTTP/1.1 only (exact
				   byte counts, the comparisons) */
	int hop;		/* recorded in res_http.hop */
	char **redirect_url;	/* when not NULL and the answer redirects:
				   set to the next URL, absolute (a relative
				   Location resolved by curl's URL API),
				   raw and owned by the caller */
	int maxseg;		/* TCP_MAXSEG of its connection (bytes,
				   through CURLOPT_SOCKOPTFUNCTION), 0:
				   the system's */
	const struct http_own *own;	/* the person's method, headers and
					   body, or NULL: a plain GET */
};

struct http_probe;

struct http_probe *http_probe_start(struct probe_env *env,
    const struct http_req *req, struct res_http *out, probe_done_cb done,
    void *arg);
void http_probe_cancel(struct http_probe *p);

/*
 * Classifies a finished transfer (exposed for unit tests).
 * bytes counts every header and body byte of the origin's response (a
 * proxy's CONNECT answer is not counted); tls_done means the handshake
 * with the origin completed. When a proxy refused the CONNECT tunnel,
 * status holds the proxy's code (407: the proxy wants credentials) and
 * bytes is 0: that combination classifies as HTTP_PROXY_ERROR. A clean
 * close that cuts a response short (CURLE_PARTIAL_FILE without a reset)
 * is HTTP_CUT_SHORT, not a reset: no RST was seen. A local resource
 * error (EMFILE, ENFILE, ENOBUFS, ENOMEM, out of memory) is
 * HTTP_LOCAL_ERROR whatever the curl code. A plain-http request
 * through a proxy gets the proxy's own 407 as an ordinary response
 * (HTTP_RESPONSE, status 407, proxy set): no tunnel was asked for.
 */
enum http_result http_classify(int curl_code, int os_errno, long bytes,
    int tls, int tls_done, long status);

/*
 * http_classify() refined by curl's error text (pure, NULL is fine): a
 * reset named only in the text counts as ECONNRESET, a local resource
 * error named only in the text ("Too many open files") as its errno,
 * and a handshake
 * that met plain text ("wrong version number") is HTTP_PROTOCOL_ERROR.
 */
enum http_result http_classify_text(int curl_code, int os_errno,
    long bytes, int tls, int tls_done, long status, const char *error);

/*
 * The authentication schemes in a CURLAUTH_* mask (what a proxy's 407
 * offered), as "Basic, Digest"; NULL for none. Owned by the caller.
 */
char *http_auth_schemes(long avail);

/*
 * Follows one received header line (len bytes, not NUL-terminated) for
 * the Server header: a status line clears *server, a "Server:" line sets
 * it (raw, at most 256 bytes, owned; sanitize before showing it).
 */
void http_header_server(char **server, const char *line, size_t len);

/*
 * Follows one received header line for the headers that name the backend
 * behind a load balancer or CDN (Via, X-Served-By, X-Cache, CF-RAY ...):
 * a status line clears *backend, each such header is appended to it as
 * "Name: value" ("; "-separated, raw, at most 256 bytes, owned).
 */
void http_header_backend(char **backend, const char *line, size_t len);

/*
 * Follows one received header line for the Date header: a status line
 * clears *date, a "Date:" line sets it (raw, at most 64 bytes, owned;
 * sanitize before showing it).
 */
void http_header_date(char **date, const char *line, size_t len);

#endif
