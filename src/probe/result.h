/*
 * What the probes measured: plain data, no I/O. The sweep fills one
 * struct probe_results; diag/ turns it into a verdict, report/ writes it,
 * diag/evidence.c (de)serializes it for reports and saved sessions.
 *
 * Every string here is owned by the struct and has already passed the
 * sanitizer (core/sanitize.h) and, where it could hold one, the redactor.
 * Times are milliseconds; a negative time means "not reached".
 */
#ifndef CONNRESET_PROBE_RESULT_H
#define CONNRESET_PROBE_RESULT_H

#include <stddef.h>

#define RES_MAX_ADDRS 16	/* addresses kept per DNS answer */
#define RES_MAX_DNS 16		/* DNS queries (system + each nameserver) */
#define RES_MAX_TCP 16		/* TCP connects (one per address) */
#define RES_MAX_HTTP 112	/* HTTP requests (every attempt of the real
				   one, variations, per address, ...) */
#define RES_MAX_CHAIN 8		/* certificates kept from a chain */
#define RES_MAX_HOPS 32		/* traceroute hops */
#define RES_MAX_RTT 5		/* probes per hop */
#define RES_MAX_CHECKS 32	/* check states in a sweep */

/* The target as parsed from what the person typed. */
struct res_target {
	char *input;		/* what was typed (redacted) */
	char *url;		/* normalized URL (redacted) */
	char *scheme;		/* "http" or "https" */
	char *host;		/* host as typed, IDN in Unicode */
	char *ascii_host;	/* host as sent on the wire (punycode) */
	int port;
	char *path;		/* path and query, at least "/" */
	int host_is_ip;		/* an IPv4 or IPv6 literal */
	/* The person's own request (-X, -H, -d); NULL/0 for a plain GET. */
	char *method;		/* the method sent, when not a plain GET */
	char *headers_sent;	/* their header names, ", "-separated */
	long body_bytes;	/* the body's size, 0 for none */
	char *body_from;	/* "@file" the body came from, sanitized */
};

enum dns_status {
	DNS_NOT_RUN, DNS_OK, DNS_NXDOMAIN, DNS_SERVFAIL, DNS_NODATA,
	DNS_TIMEOUT, DNS_REFUSED, DNS_ERROR
};

/* One resolver's answer for the host (A and AAAA together). */
struct res_dns {
	char *server;		/* nameserver address, or "system" */
	char *source;		/* where it is configured: "/etc/resolv.conf",
				   "/etc/hosts", "systemd-resolved" ... */
	int is_system;		/* the answer the browser would use */
	enum dns_status status;
	char *addrs[RES_MAX_ADDRS];
	size_t naddrs;
	double ms;
	char *error;		/* resolver's message when not DNS_OK */
};

enum tcp_status {
	TCP_NOT_RUN, TCP_OPEN, TCP_REFUSED, TCP_TIMEOUT, TCP_UNREACHABLE,
	TCP_ERROR
};

/* One TCP handshake attempt to one address of the host. */
struct res_tcp {
	char *addr;		/* numeric address */
	int family;		/* 4 or 6 */
	int port;
	enum tcp_status status;
	int os_errno;		/* errno of the failure, 0 when open */
	double ms;
};

/* How an HTTP(S) request ended: the distinctions the diagnosis rests on. */
enum http_result {
	HTTP_NOT_RUN,
	HTTP_RESPONSE,			/* a complete response (any status) */
	HTTP_RESET_BEFORE_RESPONSE,	/* opened, then RST before any byte */
	HTTP_RESET_MID_TRANSFER,	/* RST after some response bytes */
	HTTP_EMPTY_REPLY,		/* closed (FIN) without any data */
	HTTP_TIMEOUT,
	HTTP_REFUSED,			/* RST answered the SYN */
	HTTP_UNREACHABLE,		/* no route / host unreachable */
	HTTP_TLS_RESET,			/* RST during the TLS handshake */
	HTTP_TLS_ALERT,			/* clean TLS alert / handshake failure */
	HTTP_TLS_VERIFY,		/* handshake done, certificate rejected */
	HTTP_PROTOCOL_ERROR,		/* garbage: not HTTP / not TLS */
	HTTP_DNS_ERROR,
	HTTP_PROXY_ERROR,		/* the proxy refused or failed */
	HTTP_ERROR,			/* anything else (see curl_error) */
	HTTP_CUT_SHORT,			/* a clean close (FIN) after some
					   bytes, before the declared end */
	HTTP_LOCAL_ERROR		/* this machine could not make the
					   request (EMFILE, ENOBUFS ...) */
};

/* Which request of the sweep this was. */
enum http_variant {
	HV_MAIN,		/* the request as a browser makes it */
	HV_NEUTRAL_HOST,	/* same address, neutral Host header */
	HV_NEUTRAL_SNI,		/* same address, neutral SNI and Host */
	HV_NO_SNI,		/* same address, no SNI at all */
	HV_ALT_SCHEME,		/* the other protocol on the same port */
	HV_DIRECT,		/* bypassing a configured proxy */
	HV_VIA_PROXY,		/* through the configured proxy */
	HV_RETEST,		/* a re-test asked for by the person */
	HV_ALT_ADDR,		/* the real request to the address another
				   resolver gives, when resolvers disagree */
	HV_PER_ADDR,		/* the real request pinned to one address of
				   the name (every address is tried) */
	HV_HTTP1,		/* the real request forced to HTTP/1.1, to
				   compare with the browser's HTTP/2 */
	HV_CLOCK,		/* unverified, only to read the server's
				   clock (its Date header) */
	HV_REDIRECT,		/* one request of the redirect chain, as the
				   browser follows it (hop says which) */
	HV_NEUTRAL_PATH		/* the real request with the path "/", to
				   tell a filter on the URL from one on the
				   name */
};

/* One HTTP(S) request and exactly how it ended. */
struct res_http {
	enum http_variant variant;
	char *url;		/* redacted */
	char *addr;		/* the address connected to, if any */
	char *host_header;	/* Host header sent */
	char *sni;		/* SNI sent, NULL for none or plain HTTP */
	char *proxy;		/* proxy used (redacted), NULL for direct */
	enum http_result result;
	long status;		/* HTTP status when a response came */
	long bytes;		/* body+header bytes received before the end */
	int curl_code;		/* CURLcode */
	char *curl_error;	/* curl's error buffer, sanitized */
	int os_errno;		/* CURLINFO_OS_ERRNO */
	double t_dns, t_connect, t_tls, t_ttfb, t_total;
	char *tls_version;	/* negotiated, e.g. "TLSv1.3" */
	char *alpn;		/* negotiated ALPN, e.g. "h2" */
	char *server;		/* Server: header, sanitized */
	char *started;		/* RFC 3339 UTC wall-clock start */
	int attempt;		/* 1.. among the attempts of its variant (and
				   address); 0 when it was not sampled */
	char *backend;		/* backend-identity headers of the response
				   ("Via: ...; X-Served-By: ..."), sanitized */
	long limit_ms;		/* the time limit it ran under, 0 unknown */
	char *date;		/* the response's Date header, sanitized */
	char *location;		/* a redirect's next URL, absolute (redacted) */
	int hop;		/* HV_REDIRECT: 0 for the address as typed,
				   n for the request after n redirects */
	char *local_addr;	/* this machine's address of the connection
				   (CURLINFO_LOCAL_IP), NULL when none */
	int local_port;		/* and its port, 0 when none */
	char *proxy_auth;	/* the schemes a proxy's 407 asked for
				   ("Basic", "Digest, NTLM"), or NULL */
};

enum tls_accept { TLSV_NOT_RUN, TLSV_YES, TLSV_NO, TLSV_RESET, TLSV_ERROR };

enum tls_verify {
	TLS_VERIFY_NOT_RUN, TLS_VERIFY_OK, TLS_VERIFY_EXPIRED,
	TLS_VERIFY_NOT_YET_VALID, TLS_VERIFY_UNKNOWN_CA,
	TLS_VERIFY_SELF_SIGNED, TLS_VERIFY_NAME_MISMATCH, TLS_VERIFY_OTHER,
	TLS_VERIFY_NO_CERT	/* the handshake ended before any
				   certificate came: nothing was judged */
};

/* One certificate of the chain the server sent. */
struct res_cert {
	char *subject;
	char *issuer;
	char *sans;		/* comma-separated subjectAltNames */
	char *not_before;	/* RFC 3339 UTC */
	char *not_after;	/* RFC 3339 UTC */
	long days_left;		/* negative when expired */
};

/* TLS versions accepted, certificate chain and its verification. */
struct res_tls {
	int ran;
	enum tls_accept versions[4];	/* TLS 1.0, 1.1, 1.2, 1.3 */
	enum tls_verify verify;
	long verify_code;		/* X509_V_* */
	char *verify_reason;		/* human text of verify_code */
	struct res_cert chain[RES_MAX_CHAIN];
	size_t nchain;
	char *alpn;
	char *negotiated;		/* best version negotiated */
	int intercepted;		/* issuer looks like a local/security CA */
};

/* One traceroute hop. */
struct res_hop {
	int ttl;
	char *addr;		/* NULL for a silent hop */
	char *name;		/* reverse name, NULL if none */
	long asn;		/* the network it is routed in (its AS
				   number), 0 unknown or not looked up */
	char *as_name;		/* that network's name, NULL if unknown */
	double rtt_ms[RES_MAX_RTT];
	int nrtt;		/* answers received */
	int sent;		/* probes sent */
	double loss;		/* 0.0 .. 1.0 */
	/*
	 * Over every round of a refining trace (the wizard's path view,
	 * like mtr): answers and their round trips, in ms. recv 0: only
	 * rtt_ms holds times. Not kept in the evidence (sent and loss are).
	 */
	int recv;
	double rtt_last, rtt_best, rtt_worst, rtt_sum;
};

/*
 * A hop's round trips: the last, the mean, the best and the worst
 * answer (of every round when the trace refined), -1 when none.
 */
void res_hop_rtt(const struct res_hop *h, double *last, double *avg,
    double *best, double *worst);

struct res_path {
	int ran;
	char *method;		/* "tcp-syn", "udp", "icmp" ... */
	struct res_hop hops[RES_MAX_HOPS];
	size_t nhops;
	int reached;		/* the destination answered */
	/*
	 * When TCP SYNs get no answer, a trace with another method (UDP)
	 * can still reach the server and say how far away it is.
	 */
	char *alt_method;	/* "udp", or NULL when not run */
	int alt_distance;	/* hops to the server that way, 0 unknown */
};

/* Where along the path a reset comes from (TTL-limited replays). */
struct res_locator {
	int ran;
	char *trigger;		/* "host" or "sni" */
	int first_reset_ttl;	/* 0 when no reset came back */
	int server_distance;	/* hops to the server, 0 if unknown */
	int near_hop_ttl;	/* the hop the reset points at (hop N = the
				   Nth router, as traceroute numbers it),
				   0 none */
	char *near_hop_addr;	/* its address as it answered the trace,
				   NULL when it never identified itself */
	/*
	 * The router at near_hop_ttl did not answer: near_hop_addr is NULL,
	 * or (hop 1 only) the gateway of this machine's route to the
	 * server, read from the routing table and flagged as inferred.
	 */
	int near_hop_unidentified;
	int near_hop_inferred;	/* near_hop_addr is the route's gateway,
				   not an answer seen */
	/* The nearest hops that did identify themselves, either side of an
	 * unidentified near hop (0 / NULL when none, or when identified). */
	int near_hop_before_ttl;
	char *near_hop_before_addr;
	int near_hop_after_ttl;
	char *near_hop_after_addr;
	int control_reset;	/* the neutral request was reset too */
	int control_first_reset_ttl;
	int forged;		/* -1 unknown (no privileges), 0 no, 1 yes */
	char *forged_detail;	/* TTL/IP ID/window comparison */
	int local;		/* reset even at TTL 1 past a router: made
				   on this machine (a local firewall) */
};

/* The kernel's TCP counters (the whole machine, or network namespace). */
#define RES_MAX_KSTAT 12
struct res_kstat {
	int ran;
	char *source;		/* "/proc/net/snmp", "netstat -s -p tcp" */
	char *error;		/* why they could not be read */
	struct {
		char *name;	/* "EstabResets", "TCPAbortOnData" ... */
		long long delta;	/* after minus before the sweep */
	} c[RES_MAX_KSTAT];
	size_t n;
};

/* Watching the request over time (--watch): one sample per request. */
#define RES_MAX_WATCH 7200
struct res_watch_sample {
	double t_ms;		/* when it started, since the watch began */
	enum http_result result;
	long status;		/* HTTP status when a response came */
	double ms;		/* how long it took */
};
struct res_watch {
	int ran;
	long interval_ms;	/* one request this often */
	long duration_ms;	/* how long the watch was asked to run */
	char *started;		/* RFC 3339 UTC */
	struct res_watch_sample *s;	/* owned, n of them */
	size_t n;
};

/* The proxy a browser would use for the target, and where that came from. */
struct res_proxy {
	int ran;
	char *url;		/* redacted; NULL for direct */
	char *source;		/* "environment: https_proxy", "GNOME" ... */
	char *pac_url;		/* PAC/WPAD URL, if any */
	char *no_proxy_match;	/* the no_proxy entry that bypasses it */
	int auth_required;	/* the proxy answered 407 */
	char *auth_scheme;	/* the schemes it asked for, or NULL */
	char *pac_excerpt;	/* first lines of the PAC file, sanitized
				   and redacted; NULL when not fetched */
	char *pac_error;	/* why the PAC file could not be fetched */
	char *other_sources;	/* other places that also set a proxy,
				   "; "-separated, or NULL */
};

/* The client machine itself. */
struct res_local {
	int ran;
	char *os;		/* "Linux 6.1 (Debian 12)" */
	char *iface;		/* interface of the route to the target */
	char *iface_kind;	/* "ethernet", "wifi", "vpn", "loopback" ... */
	int vpn_active;		/* a tun/tap/wg/ppp interface is up */
	int route_via_vpn;	/* the route to the target uses it */
	char *vpn_iface;
	char *resolver_kind;	/* "resolv.conf", "systemd-resolved" ... */
	char *hosts_entry;	/* /etc/hosts line for the host, if any */
	int firewall_reset_rule;	/* -1 unreadable, 0 none, 1 found */
	char *firewall_detail;	/* the matching rule, or why unreadable */
	char *dns_caches;	/* local DNS caches found, space-separated
				   ("systemd-resolved nscd"); flush.h */
	char *dns_upstreams;	/* the servers behind a local forwarder */
	char *route;		/* route used, "addr: dev X via Y (a /N route)" */
};

/* What a flush came to, from best to worst (flush_worse() takes the max). */
enum flush_outcome {
	FLUSH_NOT_RUN,		/* no flush yet (null in reports) */
	FLUSH_NOTHING,		/* no local DNS cache we know of */
	FLUSH_FLUSHED,
	FLUSH_NEEDS_PRIVILEGES,
	FLUSH_FAILED
};

/* What a flush did. Strings owned, sanitized. */
struct res_flush {
	int ran;
	enum flush_outcome outcome;
	char *command;		/* what was run; with "sudo " in front of
				   each part that needs privileges */
	char *detail;		/* the helpers' own words, or why */
	char *before;		/* the system's answer before the flush */
	char *after;		/* and after it ("" when it failed) */
};

/* How one TLS handshake of the ClientHello-size check ended. */
enum hello_outcome {
	HELLO_OK,		/* a ServerHello came: the handshake went on */
	HELLO_NOCONN,		/* the TCP connection did not open */
	HELLO_RESET,		/* a TCP reset */
	HELLO_STALL,		/* no answer in time */
	HELLO_CLOSED,		/* an orderly close (FIN), nothing else */
	HELLO_ALERT,		/* a TLS alert */
	HELLO_GARBAGE		/* bytes that are not TLS */
};

#define RES_MAX_HELLO 20

/* One handshake: its ClientHello's size (bytes of the handshake message),
 * whether it was the browser-size one, and how it ended. */
struct res_hello_try {
	int large;
	int size;
	enum hello_outcome outcome;
	double ms;		/* until the outcome */
};

/* The browser-size ClientHello next to the classic one (check bighello). */
struct res_bighello {
	int ran;
	int hybrid;		/* the large one carries X25519MLKEM768 (else
				   it is padded by an ignored extension) */
	size_t n;
	struct res_hello_try tries[RES_MAX_HELLO];
	struct res_locator locator;	/* the large one replayed with low
					   TTLs, when only it failed */
};

#define RES_MAX_SEG 6

/* One request of the packet-size check: its TCP segment size cap (0:
 * the system's own) and how it ended. */
struct res_seg_try {
	int maxseg;
	enum http_result result;
	long bytes;		/* header and body bytes received */
	double ms;
};

/* The request again with small TCP segments (check pmtu). */
struct res_pmtu {
	int ran;
	size_t n;
	struct res_seg_try tries[RES_MAX_SEG];
	char *ifname;		/* interface of the route, NULL unknown */
	int if_mtu;		/* its MTU, 0 unknown */
	int path_mtu;		/* what the kernel knows of the path's MTU to
				   the server (IP_MTU), 0 unknown */
};

enum check_state {
	CHECK_QUEUED, CHECK_RUNNING, CHECK_DONE, CHECK_CANCELLED
};

enum check_status {
	CS_PASS, CS_FAIL, CS_WARN, CS_INFO, CS_SKIPPED, CS_ERROR
};

/* One line of the sweep's live view and of the report's checks[]. */
struct res_check {
	char *id;		/* "dns", "tcp", "http", "tls", "variation" ... */
	char *title;		/* translatable title (N_ string, not freed) */
	enum check_state state;
	enum check_status status;
	char *summary;		/* one-line finding */
	char *started;		/* RFC 3339 UTC */
	double started_mono;	/* loop_now_ms() at start, for elapsed time */
	double duration_ms;
};

/* Everything one sweep measured. */
struct probe_results {
	struct res_target target;
	char *created;		/* RFC 3339 UTC */
	struct res_dns dns[RES_MAX_DNS];
	size_t ndns;
	struct res_tcp tcp[RES_MAX_TCP];
	size_t ntcp;
	struct res_http http[RES_MAX_HTTP];
	size_t nhttp;
	struct res_tls tls;
	struct res_path path;
	struct res_locator locator;
	struct res_proxy proxy;
	struct res_local local;
	struct res_flush flush;	/* only when the person asked for it */
	struct res_kstat kstat;	/* TCP counters before and after */
	struct res_watch watch;	/* only when a watch ran */
	struct res_bighello bighello;	/* only when it ran */
	struct res_pmtu pmtu;		/* only when it ran */
	struct res_check checks[RES_MAX_CHECKS];
	size_t nchecks;
};

/* The hop of p whose address is addr (the first), or NULL. */
const struct res_hop *res_path_hop_of(const struct res_path *p,
    const char *addr);

/* Whose network a reset comes from, against the person's provider. */
enum res_owner {
	OWNER_UNKNOWN,		/* a network unknown: say nothing */
	OWNER_INSIDE,		/* the provider's own network */
	OWNER_BEYOND		/* another network, past the provider */
};
/*
 * Compares the network of the hop the reset is placed at (a device that
 * identified itself) with that of the first public hop of the trace, the
 * person's provider; *hop and *provider get the two hops when known.
 */
enum res_owner probe_results_reset_owner(const struct probe_results *r,
    const struct res_hop **hop, const struct res_hop **provider);

/* Frees everything the results own and zeroes them. */
void probe_results_clear(struct probe_results *r);
/* Free what one record owns and zero it. */
void res_dns_clear(struct res_dns *d);
void res_http_clear(struct res_http *h);
void res_tls_clear(struct res_tls *t);
void res_path_clear(struct res_path *p);
void res_locator_clear(struct res_locator *l);
void res_proxy_clear(struct res_proxy *p);
void res_local_clear(struct res_local *l);
void res_flush_clear(struct res_flush *f);
void res_kstat_clear(struct res_kstat *k);
void res_watch_clear(struct res_watch *w);
void res_bighello_clear(struct res_bighello *b);
void res_pmtu_clear(struct res_pmtu *p);
/* Adds one sample to the watch (ignored once RES_MAX_WATCH are kept). */
void res_watch_add(struct res_watch *w, const struct res_watch_sample *s);
/* Finds the first HTTP request of a variant, or NULL. */
const struct res_http *probe_results_http(const struct probe_results *r,
    enum http_variant v);
/* Finds a check by id, or NULL. */
struct res_check *probe_results_check(struct probe_results *r,
    const char *id);

#endif
