/*
 * Inside the sweep (private to src/probe/sweep*.c): the sweep's state
 * and the steps its files share. sweep.c owns the lifecycle and the
 * gates, sweep_http.c the requests, sweep_net.c DNS/TCP/TLS/path and
 * the locator, sweep_client.c the proxy, local and flush checks.
 */
#ifndef CONNRESET_SWEEP_SWEEP_INT_H
#define CONNRESET_SWEEP_SWEEP_INT_H

#include "sweep/sweep.h"

#include "probe/env.h"
#include "probe/result.h"

#include <stddef.h>

struct http_req;

/* A Host name that can never be anyone's: RFC 2606 reserves .invalid. */
#define NEUTRAL_HOST "neutral.connreset.invalid"
#define MAX_TCP_PER_FAMILY 4

/* One request in flight, tied to the check it belongs to. */
struct http_slot {
	struct sweep *sw;
	struct http_probe *h;
	const char *check;	/* "http", "proxy", "variation", ... */
	size_t index;		/* into r.http[] */
};

struct dns_slot {
	struct sweep *sw;
	struct dns_probe *h;
	size_t index;
};

struct tcp_slot {
	struct sweep *sw;
	struct tcp_probe *h;
	size_t index;
};

struct sweep {
	struct loop *lp;
	struct probe_env env;
	struct probe_results r;
	sweep_cb cb;
	void *cb_arg;
	char *cacert;
	char *addr;		/* the address every request goes to */
	struct dns_slot dns[RES_MAX_DNS];
	struct tcp_slot tcp[RES_MAX_TCP];
	struct http_slot http[RES_MAX_HTTP];
	struct tls_probe *tls;
	struct path_probe *path;
	struct path_probe *udp;	/* second trace when SYNs go unanswered */
	struct res_path udp_path;
	struct locator_probe *locator;
	struct proxy_probe *proxy;
	char *proxy_secret;	/* unredacted proxy URL: never stored */
	int proxy_ready;	/* proxy detection finished */
	int dns_ready;		/* the system's answer is in */
	struct local_probe *local;
	struct flush_probe *flush;
	struct dns_probe *flush_dns;	/* the lookup after a flush */
	struct res_dns flush_after;
	int flush_wanted;	/* flush once the local check is done */
	int started;
};

/* ---- sweep.c: notifying and the check state helpers ---- */

/* Tells the owner that something changed. */
void sweep_changed(struct sweep *sw);
/* Marks a check running (adding it on first use). */
struct res_check *sweep_begin(struct sweep *sw, const char *id);
/* Marks a check done; summary is owned by the check from now on. */
void sweep_end(struct sweep *sw, const char *id, enum check_status st,
    char *summary);
/* Marks a check done and skipped, saying why. */
void sweep_skip(struct sweep *sw, const char *id, const char *why);
/* Gate: starts what needs an address once DNS and the proxy are known. */
void sweep_start_requests(struct sweep *sw);

/* ---- sweep_http.c: the requests ---- */

/* Non-zero while a request of this check is in flight. */
int sweep_http_pending(struct sweep *sw, const char *check);
/* Ends a request-based check once its requests are in. */
void sweep_finish_http(struct sweep *sw, const char *check);
/* Gate: the follow-ups once the real request and its direct twin ended. */
void sweep_after_requests(struct sweep *sw);
/* The real request (and, with a proxy, its direct twin). */
void sweep_start_main(struct sweep *sw);
/* The request that went straight to the server (main, or direct). */
const struct res_http *sweep_direct_request(const struct sweep *sw);
/* The content variations (or their skip). */
void sweep_start_variation(struct sweep *sw);
/* The other protocol, when the request failed that way (else skipped). */
void sweep_start_mismatch(struct sweep *sw);
/* The request to an address only another resolver gave; 0 if none. */
int sweep_start_alt_addr(struct sweep *sw);

/* ---- sweep_net.c: DNS, TCP, TLS, path, locator ---- */

/* Asks the system and every configured resolver for the name. */
void sweep_start_dns(struct sweep *sw);
/* The system resolver's answer, or NULL before it is in. */
const struct res_dns *sweep_system_dns(const struct sweep *sw);
/* Connects to the addresses of d. */
void sweep_start_tcp(struct sweep *sw, const struct res_dns *d);
/* The TLS handshake check (or its skip for plain HTTP). */
void sweep_start_tls(struct sweep *sw);
/* The traceroute to the address. */
void sweep_start_path(struct sweep *sw);
/* Gate: the locator once the path and the requests are done. */
void sweep_maybe_locator(struct sweep *sw);

/* ---- sweep_client.c: proxy, this machine, flush ---- */

/* Starts proxy detection. */
void sweep_start_proxy(struct sweep *sw);
/* Starts the check of this machine. */
void sweep_start_local(struct sweep *sw);
/* Runs the flush for the cache the local check found. */
void sweep_start_flush(struct sweep *sw);

#endif
