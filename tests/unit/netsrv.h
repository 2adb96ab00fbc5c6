/*
 * Test helper: tiny misbehaving servers on 127.0.0.1, driven by the same
 * event loop as the probes, so every exchange really runs concurrently.
 */
#ifndef CONNRESET_TESTS_NETSRV_H
#define CONNRESET_TESTS_NETSRV_H

struct loop;

enum netsrv_mode {
	NS_OK,		/* a complete 200 response */
	NS_RESET,	/* RST after reading the request */
	NS_HALF_RESET,	/* half a response, then RST */
	NS_CLOSE,	/* clean close after the request, no data */
	NS_PLAIN,	/* answers anything with a plain HTTP 400 */
	NS_RESET_EARLY,	/* RST on the first bytes (a TLS ClientHello) */
	NS_PROXY_407,	/* a proxy that wants credentials */
	NS_REDIRECT	/* "GET / " answered 302 to /next, anything else 200 */
};

struct netsrv;

/* Listens on 127.0.0.1 (any port); answers after delay_ms. */
struct netsrv *netsrv_new(struct loop *lp, enum netsrv_mode mode,
    long delay_ms);
int netsrv_port(const struct netsrv *s);
/* Number of connections accepted so far. */
int netsrv_accepted(const struct netsrv *s);
/* The first request bytes of the last connection ("" before any). */
const char *netsrv_last_request(const struct netsrv *s);
void netsrv_free(struct netsrv *s);
/* A port on 127.0.0.1 where nothing listens (bound, then closed). */
int netsrv_closed_port(void);

#endif
