/*
 * One HTTP(S) request through the shared libcurl multi handle. Every
 * byte of the response is counted (that tells a reset before the
 * response from one in the middle of it) and the body is thrown away.
 */
#include "config.h"

#include "probe/http.h"

#include "core/loop.h"
#include "core/redact.h"
#include "core/sanitize.h"
#include "core/timeutil.h"
#include "core/xalloc.h"
#include "probe/curlm.h"
#include "probe/tlsinfo.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define UA "Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 " \
	"Firefox/120.0"
#define ACCEPT "Accept: text/html,application/xhtml+xml," \
	"application/xml;q=0.9,*/*;q=0.8"
#define ACCEPT_LANG "Accept-Language: en-US,en;q=0.5"
#define SERVER_MAX 256		/* longest Server header kept */
#define BACKEND_MAX 256		/* longest list of backend headers kept */
#define DATE_MAX 64		/* longest Date header kept */

struct http_probe {
	struct probe_env *env;
	struct res_http *out;
	probe_done_cb done;
	void *arg;
	CURL *easy;
	struct curl_slist *headers;
	struct curl_slist *connect_to;
	char errbuf[CURL_ERROR_SIZE];
	long bytes;		/* header and body bytes received */
	double t0;		/* loop_now_ms() at the start */
	char *server;		/* Server header of the last response, raw */
	char *backend;		/* its backend-identity headers, raw */
	char *date;		/* its Date header, raw */
	char **redirect_url;	/* where to put the next URL, or NULL */
	int tls;		/* the URL is https */
	struct tlsinfo ti;
	int maxseg;		/* req->maxseg */
};

/* Host part of url (no brackets), or NULL when it does not parse. */
static char *
url_host(const char *url, int *https)
{
	CURLU *u = curl_url();
	char *host = NULL, *scheme = NULL, *ret = NULL;

	*https = 0;
	if (curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK) {
		size_t n = strlen(host);

		if (n >= 2 && host[0] == '[' && host[n - 1] == ']')
			ret = xstrndup(host + 1, n - 2);
		else
			ret = xstrdup(host);
		if (curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) ==
		    CURLUE_OK)
			*https = strcasecmp(scheme, "https") == 0;
	}
	curl_free(host);
	curl_free(scheme);
	curl_url_cleanup(u);
	return ret;
}

static int
is_ip_literal(const char *host)
{
	unsigned char buf[16];

	return inet_pton(AF_INET, host, buf) == 1 ||
	    inet_pton(AF_INET6, host, buf) == 1;
}

static size_t
on_body(char *ptr, size_t size, size_t n, void *arg)
{
	struct http_probe *p = arg;

	p->bytes += (long)(size * n);
	return size * n;
}

/* Keeps the value of header name (with its colon) in *value. */
static void
header_value(char **value, const char *name, size_t max, const char *line,
    size_t len)
{
	size_t k = strlen(name);

	if (len >= 5 && strncmp(line, "HTTP/", 5) == 0) {
		free(*value);	/* a new response (after 1xx) */
		*value = NULL;
	} else if (len > k && strncasecmp(line, name, k) == 0) {
		size_t a = k, b = len;

		while (a < b && (line[a] == ' ' || line[a] == '\t'))
			a++;
		while (b > a && (line[b - 1] == '\r' || line[b - 1] == '\n' ||
		    line[b - 1] == ' '))
			b--;
		if (b - a > max)
			b = a + max;
		free(*value);
		*value = xstrndup(line + a, b - a);
	}
}

void
http_header_server(char **server, const char *line, size_t len)
{
	header_value(server, "Server:", SERVER_MAX, line, len);
}

void
http_header_date(char **date, const char *line, size_t len)
{
	header_value(date, "Date:", DATE_MAX, line, len);
}

/* Headers that say which backend or edge answered. */
static const char *const backend_headers[] = { "Via", "X-Served-By",
	"X-Cache", "CF-RAY", "X-Backend", "X-Backend-Server", "X-Server",
	"X-Varnish", "X-Amz-Cf-Pop", "X-Azure-Ref", NULL };

void
http_header_backend(char **backend, const char *line, size_t len)
{
	size_t have = *backend ? strlen(*backend) : 0;

	if (len >= 5 && strncmp(line, "HTTP/", 5) == 0) {
		free(*backend);
		*backend = NULL;
		return;
	}
	for (size_t i = 0; backend_headers[i]; i++) {
		size_t k = strlen(backend_headers[i]), a, b;
		char *next;

		if (len <= k || line[k] != ':' ||
		    strncasecmp(line, backend_headers[i], k) != 0)
			continue;
		a = k + 1;
		b = len;
		while (a < b && (line[a] == ' ' || line[a] == '\t'))
			a++;
		while (b > a && (line[b - 1] == '\r' || line[b - 1] == '\n' ||
		    line[b - 1] == ' '))
			b--;
		if (have + k + 4 + (b - a) > BACKEND_MAX)
			return;
		next = xasprintf("%s%s%s: %.*s", have ? *backend : "",
		    have ? "; " : "", backend_headers[i], (int)(b - a),
		    line + a);
		free(*backend);
		*backend = next;
		return;
	}
}

static size_t
on_header(char *ptr, size_t size, size_t n, void *arg)
{
	struct http_probe *p = arg;
	size_t len = size * n;

	p->bytes += (long)len;
	http_header_server(&p->server, ptr, len);
	http_header_backend(&p->backend, ptr, len);
	http_header_date(&p->date, ptr, len);
	return len;
}

/* Points the request at connect_addr without changing URL, Host or SNI. */
static void
set_connect_to(struct http_probe *p, const struct http_req *req)
{
	char *entry, port[16] = "";

	if (!req->connect_addr)
		return;
	if (req->connect_port > 0)
		snprintf(port, sizeof(port), "%d", req->connect_port);
	/* Empty HOST:PORT matches the URL's; IPv6 needs its brackets. */
	if (strchr(req->connect_addr, ':'))
		entry = xasprintf("::[%s]:%s", req->connect_addr, port);
	else
		entry = xasprintf("::%s:%s", req->connect_addr, port);
	p->connect_to = curl_slist_append(NULL, entry);
	free(entry);
	curl_easy_setopt(p->easy, CURLOPT_CONNECT_TO, p->connect_to);
}

static char *
dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

struct http_own *
http_own_dup(const struct http_own *own)
{
	struct http_own *n;

	if (!own || (!own->method && !own->nheaders && !own->body))
		return NULL;
	n = xcalloc(1, sizeof(*n));
	n->method = dup_or_null(own->method);
	n->nheaders = own->nheaders;
	n->headers = xcalloc((size_t)own->nheaders + 1, sizeof(char *));
	for (int i = 0; i < own->nheaders; i++)
		n->headers[i] = xstrdup(own->headers[i]);
	if (own->body) {
		n->body = xmalloc(own->body_len + 1);
		memcpy(n->body, own->body, own->body_len);
		n->body[own->body_len] = '\0';
		n->body_len = own->body_len;
	}
	n->body_from = dup_or_null(own->body_from);
	return n;
}

void
http_own_free(struct http_own *own)
{
	if (!own)
		return;
	for (int i = 0; i < own->nheaders; i++)
		free(own->headers[i]);
	free(own->headers);
	free(own->method);
	free(own->body);
	free(own->body_from);
	free(own);
}

const char *
http_own_method(const struct http_own *own)
{
	if (own && own->method)
		return own->method;
	return own && own->body ? "POST" : "GET";
}

/* Non-zero when own sets a header named like the start of line. */
static int
own_sets(const struct http_own *own, const char *line)
{
	size_t n = strcspn(line, ":");

	for (int i = 0; own && i < own->nheaders; i++)
		if (strncasecmp(own->headers[i], line, n) == 0 &&
		    own->headers[i][n] == ':')
			return 1;
	return 0;
}

static void
set_headers(struct http_probe *p, const struct http_req *req)
{
	const struct http_own *own = req->own;

	if (!own_sets(own, ACCEPT))
		p->headers = curl_slist_append(p->headers, ACCEPT);
	if (!own_sets(own, ACCEPT_LANG))
		p->headers = curl_slist_append(p->headers, ACCEPT_LANG);
	if (req->host_header) {
		char *h = xasprintf("Host: %s", req->host_header);

		p->headers = curl_slist_append(p->headers, h);
		free(h);
	}
	/* Theirs last: a User-Agent of theirs replaces curl's. */
	for (int i = 0; own && i < own->nheaders; i++)
		p->headers = curl_slist_append(p->headers, own->headers[i]);
	curl_easy_setopt(p->easy, CURLOPT_HTTPHEADER, p->headers);
	curl_easy_setopt(p->easy, CURLOPT_USERAGENT, UA);
}

/* The person's method and body (-X, -d), as curl sends them. */
static void
set_own(struct http_probe *p, const struct http_own *own)
{
	if (!own)
		return;
	if (own->body) {
		curl_easy_setopt(p->easy, CURLOPT_POSTFIELDSIZE_LARGE,
		    (curl_off_t)own->body_len);
		curl_easy_setopt(p->easy, CURLOPT_POSTFIELDS, own->body);
	}
	if (own->method && strcmp(own->method, "HEAD") == 0)
		curl_easy_setopt(p->easy, CURLOPT_NOBODY, 1L);
	else if (own->method)
		curl_easy_setopt(p->easy, CURLOPT_CUSTOMREQUEST, own->method);
}

/* Options that keep each probe a fresh, exact, single request. */
static void
set_common(struct http_probe *p, long own, long limit, int http2)
{
	CURL *e = p->easy;
	long t = own > 0 && own < p->env->timeout_ms ? own :
	    p->env->timeout_ms;

#if LIBCURL_VERSION_NUM >= 0x075500
	curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
#endif
	curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(e, CURLOPT_FRESH_CONNECT, 1L);
	curl_easy_setopt(e, CURLOPT_FORBID_REUSE, 1L);
	curl_easy_setopt(e, CURLOPT_SSL_SESSIONID_CACHE, 0L);
	curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L);
	/* HTTP/2 where TLS negotiates it, as a browser offers it. */
	curl_easy_setopt(e, CURLOPT_HTTP_VERSION, http2 ?
	    CURL_HTTP_VERSION_2TLS : CURL_HTTP_VERSION_1_1);
	curl_easy_setopt(e, CURLOPT_SUPPRESS_CONNECT_HEADERS, 1L);
	curl_easy_setopt(e, CURLOPT_ERRORBUFFER, p->errbuf);
	curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(e, CURLOPT_WRITEDATA, p);
	curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(e, CURLOPT_HEADERDATA, p);
	if (t > 0) {
		/*
		 * The connection gets the quick checks' limit; a request with
		 * a limit of its own then waits as long as a browser would.
		 */
		curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, limit > t ? limit : t);
		curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, t);
		p->out->limit_ms = limit > t ? limit : t;
	}
	if (p->env->cacert)
		curl_easy_setopt(e, CURLOPT_CAINFO, p->env->cacert);
	tlsinfo_hook(e, &p->ti);
}

static void
set_proxy(struct http_probe *p, const struct http_req *req)
{
	if (!req->proxy) {
		/* Truly direct: the environment's *_proxy is ignored too. */
		curl_easy_setopt(p->easy, CURLOPT_PROXY, "");
		curl_easy_setopt(p->easy, CURLOPT_NOPROXY, "*");
		return;
	}
	redact_learn_url(req->proxy);
	curl_easy_setopt(p->easy, CURLOPT_PROXY, req->proxy);
}

/* Fills the request side of out: what was asked, before anything ran. */
static void
fill_request(struct http_probe *p, const struct http_req *req)
{
	struct res_http *o = p->out;
	struct timespec now = time_now();
	char stamp[40], *host, *tmp;

	o->variant = req->variant;
	tmp = redact_url(req->url);
	o->url = sanitize_str(tmp, 0);
	free(tmp);
	host = url_host(req->url, &p->tls);
	if (req->host_header)
		o->host_header = sanitize_str(req->host_header, 0);
	else
		o->host_header = sanitize_str(host, 0);
	if (p->tls && host && !is_ip_literal(host))
		o->sni = sanitize_str(host, 0);
	/* Where it is aimed, until curl says where it connected. */
	if (req->connect_addr && !req->proxy)
		o->addr = sanitize_str(req->connect_addr, SAN_ASCII);
	else if (req->addr_hint && !req->proxy)
		o->addr = sanitize_str(req->addr_hint, SAN_ASCII);
	else if (host && is_ip_literal(host) && !req->proxy)
		o->addr = sanitize_str(host, SAN_ASCII);
	free(host);
	if (req->proxy) {
		tmp = redact_url(req->proxy);
		o->proxy = sanitize_str(tmp, 0);
		free(tmp);
	}
	time_rfc3339(stamp, sizeof(stamp), &now);
	o->started = xstrdup(stamp);
	o->t_dns = o->t_connect = o->t_tls = o->t_ttfb = o->t_total = -1;
}

static void
probe_free(struct http_probe *p)
{
	curl_easy_cleanup(p->easy);
	curl_slist_free_all(p->headers);
	curl_slist_free_all(p->connect_to);
	tlsinfo_clear(&p->ti);
	free(p->server);
	free(p->backend);
	free(p->date);
	free(p);
}

/* A phase time in ms, or -1 when curl never reached it. */
static double
phase_ms(CURL *e, CURLINFO what)
{
	curl_off_t us = 0;

	if (curl_easy_getinfo(e, what, &us) != CURLE_OK || us <= 0)
		return -1;
	return (double)us / 1000.0;
}

static void
fill_times(struct http_probe *p)
{
	struct res_http *o = p->out;

	o->t_dns = phase_ms(p->easy, CURLINFO_NAMELOOKUP_TIME_T);
	o->t_connect = phase_ms(p->easy, CURLINFO_CONNECT_TIME_T);
	o->t_tls = phase_ms(p->easy, CURLINFO_APPCONNECT_TIME_T);
	o->t_ttfb = phase_ms(p->easy, CURLINFO_STARTTRANSFER_TIME_T);
	o->t_total = phase_ms(p->easy, CURLINFO_TOTAL_TIME_T);
	/* curl leaves the connect time unset when TLS failed after it. */
	if (o->t_connect < 0 && p->ti.started_ms > 0)
		o->t_connect = p->ti.started_ms - p->t0;
	/* A numeric address resolves in no time, which is still reached. */
	if (o->t_dns < 0 && o->t_connect >= 0)
		o->t_dns = 0;
}

/* This machine's end of the connection, for the other side's logs. */
static void
fill_local(struct http_probe *p)
{
	char *ip = NULL;
	long port = 0;

	curl_easy_getinfo(p->easy, CURLINFO_LOCAL_IP, &ip);
	curl_easy_getinfo(p->easy, CURLINFO_LOCAL_PORT, &port);
	if (ip && *ip && port > 0 && port <= 65535) {
		p->out->local_addr = sanitize_str(ip, SAN_ASCII);
		p->out->local_port = (int)port;
	}
}

static void
fill_error(struct http_probe *p, CURLcode rc)
{
	const char *text = p->errbuf[0] ? p->errbuf : curl_easy_strerror(rc);
	char *clean, *red;

	if (rc == CURLE_OK)
		return;
	clean = sanitize_str(text, 0);
	red = redact_text(clean);
	p->out->curl_error = red;
	free(clean);
}

/* A redirect's next URL, as curl resolved it against the request's. */
static void
fill_redirect(struct http_probe *p, CURLcode rc)
{
	char *next = NULL, *red;

	if (rc != CURLE_OK || p->out->status < 300 || p->out->status > 399 ||
	    curl_easy_getinfo(p->easy, CURLINFO_REDIRECT_URL, &next) !=
	    CURLE_OK || !next || !*next)
		return;
	red = redact_url(next);
	p->out->location = sanitize_str(red, 0);
	free(red);
	if (p->redirect_url) {
		free(*p->redirect_url);
		*p->redirect_url = xstrdup(next);
	}
}

static void
on_done(CURL *easy, CURLcode rc, void *arg)
{
	struct http_probe *p = arg;
	struct res_http *o = p->out;
	char *ip = NULL;
	long code = 0, connect_code = 0, os_errno = 0;

	curl_easy_getinfo(easy, CURLINFO_PRIMARY_IP, &ip);
	if (ip && *ip) {
		free(o->addr);
		o->addr = sanitize_str(ip, SAN_ASCII);
	}
	curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &code);
	curl_easy_getinfo(easy, CURLINFO_HTTP_CONNECTCODE, &connect_code);
	curl_easy_getinfo(easy, CURLINFO_OS_ERRNO, &os_errno);
	fill_local(p);
	o->status = code;
	if (rc != CURLE_OK && connect_code >= 400)
		o->status = connect_code;	/* the proxy refused */
	if (o->proxy && o->status == 407) {
		long avail = 0;

		curl_easy_getinfo(easy, CURLINFO_PROXYAUTH_AVAIL, &avail);
		o->proxy_auth = http_auth_schemes(avail);
	}
	o->bytes = p->bytes;
	o->curl_code = (int)rc;
	o->os_errno = (int)os_errno;
	fill_error(p, rc);
	fill_times(p);
	o->tls_version = xstrdup(p->ti.version);
	o->alpn = xstrdup(p->ti.alpn);
	if (p->server)
		o->server = sanitize_str(p->server, 0);
	if (p->backend)
		o->backend = sanitize_str(p->backend, 0);
	if (p->date)
		o->date = sanitize_str(p->date, SAN_ASCII);
	fill_redirect(p, rc);
	o->result = http_classify_text(rc, o->os_errno, o->bytes, p->tls,
	    p->ti.done || o->t_tls > 0, o->status, p->errbuf);
	p->done(p->arg);
	probe_free(p);
}

/* Caps the segment size of the request's connection (req->maxseg). */
static int
on_sockopt(void *arg, curl_socket_t fd, curlsocktype purpose)
{
	struct http_probe *p = arg;

	if (purpose == CURLSOCKTYPE_IPCXN && p->maxseg > 0)
		setsockopt(fd, IPPROTO_TCP, TCP_MAXSEG, &p->maxseg,
		    sizeof(p->maxseg));
	return CURL_SOCKOPT_OK;
}

/* Starts one request; out is filled and done(arg) runs when it ends. */
struct http_probe *
http_probe_start(struct probe_env *env, const struct http_req *req,
    struct res_http *out, probe_done_cb done, void *arg)
{
	struct http_probe *p = xcalloc(1, sizeof(*p));

	p->env = env;
	p->out = out;
	p->done = done;
	p->arg = arg;
	p->easy = curl_easy_init();
	if (!p->easy)
		abort();
	p->t0 = loop_now_ms();
	fill_request(p, req);
	curl_easy_setopt(p->easy, CURLOPT_URL, req->url);
	set_common(p, req->timeout_ms, req->limit_ms, req->http2);
	out->attempt = req->attempt;
	out->hop = req->hop;
	p->redirect_url = req->redirect_url;
	set_connect_to(p, req);
	set_headers(p, req);
	set_own(p, req->own);
	set_proxy(p, req);
	curl_easy_setopt(p->easy, CURLOPT_SSL_VERIFYPEER,
	    req->verify ? 1L : 0L);
	curl_easy_setopt(p->easy, CURLOPT_SSL_VERIFYHOST,
	    req->verify ? 2L : 0L);
	if (req->maxseg > 0) {
		p->maxseg = req->maxseg;
		curl_easy_setopt(p->easy, CURLOPT_SOCKOPTFUNCTION, on_sockopt);
		curl_easy_setopt(p->easy, CURLOPT_SOCKOPTDATA, p);
	}
	curlm_add(env->curlm, p->easy, on_done, p);
	return p;
}

/* Stops the request and frees it; done is not called. */
void
http_probe_cancel(struct http_probe *p)
{
	if (!p)
		return;
	curlm_remove(p->env->curlm, p->easy);
	probe_free(p);
}
