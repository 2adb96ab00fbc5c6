/*
 * The parts of the DNS probe that do not wait on anything: answer
 * parsing, combining the A and AAAA outcomes, nameserver strings and the
 * hosts file. Internal to src/probe; exposed for unit tests.
 */
#ifndef CONNRESET_PROBE_DNS_UTIL_H
#define CONNRESET_PROBE_DNS_UTIL_H

#include <stddef.h>

#include "probe/result.h"

#define DNS_HOSTS_FILE "/etc/hosts"
#define DNS_RESOLV_FILE "/etc/resolv.conf"

struct ares_addrinfo;

/* Numeric addresses collected from answers, kept apart by family. */
struct dns_addrs {
	char *v4[RES_MAX_ADDRS];
	size_t n4;
	char *v6[RES_MAX_ADDRS];
	size_t n6;
};

/* A nameserver as given, checked and rewritten two ways. */
struct dns_server {
	char display[64];	/* "addr", "addr:port", "[v6]:port" */
	char csv[64];		/* always with a port, for c-ares */
};

/* Adds one address (in_addr or in6_addr bytes) unless already there. */
void dns_addrs_add(struct dns_addrs *a, int family, const void *addr);
/* Adds a numeric address given as text; ignores anything else. */
void dns_addrs_add_text(struct dns_addrs *a, const char *text);
/* Adds every address of a getaddrinfo answer. */
void dns_addrs_from_addrinfo(struct dns_addrs *a,
    const struct ares_addrinfo *ai);
/* Moves the addresses into out (IPv4 first, at most RES_MAX_ADDRS). */
void dns_addrs_export(struct dns_addrs *a, struct res_dns *out);
/* Frees what a still holds. */
void dns_addrs_clear(struct dns_addrs *a);

/*
 * Parses an A or AAAA answer (type T_A or T_AAAA) into a; returns
 * ARES_SUCCESS, ARES_ENODATA when it holds no such record, or the parse
 * error.
 */
int dns_parse_answer(int type, const unsigned char *abuf, int alen,
    struct dns_addrs *a);
/* Combines the two lookups' ARES_* statuses into one outcome. */
enum dns_status dns_combine(int st_a, int st_aaaa, size_t naddrs);
/* The resolver's message for the status that decided the outcome. */
const char *dns_error_text(int st_a, int st_aaaa);

/*
 * Parses "192.0.2.53", "192.0.2.53:5353", "2001:db8::53" or
 * "[2001:db8::53]:5353". Returns 0, or -1 when it is none of those.
 */
int dns_server_parse(const char *s, struct dns_server *sv);
/* Formats a nameserver the way dns_server_parse() displays it. */
void dns_server_format(int family, const void *addr, int port, char *buf,
    size_t size);

/* Non-zero when the hosts file at path lists host (any case). */
int dns_hosts_has(const char *path, const char *host);
/* Non-zero when host is an IPv4 or IPv6 address, not a name. */
int dns_is_literal(const char *host);

#endif
