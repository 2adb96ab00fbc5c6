#include "config.h"

#include "probe/dns_util.h"
#include "core/sanitize.h"
#include "core/xalloc.h"

#include <ares.h>
#include <arpa/inet.h>
#include <arpa/nameser.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>

/* Adds one address (in_addr or in6_addr bytes) unless already there. */
void
dns_addrs_add(struct dns_addrs *a, int family, const void *addr)
{
	char buf[INET6_ADDRSTRLEN];
	char **list = family == AF_INET ? a->v4 : a->v6;
	size_t *n = family == AF_INET ? &a->n4 : &a->n6;

	if ((family != AF_INET && family != AF_INET6) ||
	    !inet_ntop(family, addr, buf, sizeof(buf)))
		return;
	for (size_t i = 0; i < *n; i++)
		if (strcmp(list[i], buf) == 0)
			return;
	if (*n < RES_MAX_ADDRS)
		list[(*n)++] = sanitize_str(buf, SAN_ASCII);
}

/* Adds a numeric address given as text; ignores anything else. */
void
dns_addrs_add_text(struct dns_addrs *a, const char *text)
{
	unsigned char bin[16];

	if (inet_pton(AF_INET, text, bin) == 1)
		dns_addrs_add(a, AF_INET, bin);
	else if (inet_pton(AF_INET6, text, bin) == 1)
		dns_addrs_add(a, AF_INET6, bin);
}

/* Adds every address of a getaddrinfo answer. */
void
dns_addrs_from_addrinfo(struct dns_addrs *a, const struct ares_addrinfo *ai)
{
	for (const struct ares_addrinfo_node *n = ai->nodes; n;
	    n = n->ai_next) {
		if (n->ai_family == AF_INET)
			dns_addrs_add(a, AF_INET,
			    &((struct sockaddr_in *)n->ai_addr)->sin_addr);
		else if (n->ai_family == AF_INET6)
			dns_addrs_add(a, AF_INET6,
			    &((struct sockaddr_in6 *)n->ai_addr)->sin6_addr);
	}
}

/* Moves the addresses into out, IPv4 first, at most RES_MAX_ADDRS. */
void
dns_addrs_export(struct dns_addrs *a, struct res_dns *out)
{
	for (size_t i = 0; i < a->n4; i++) {
		if (out->naddrs < RES_MAX_ADDRS)
			out->addrs[out->naddrs++] = a->v4[i];
		else
			free(a->v4[i]);
	}
	for (size_t i = 0; i < a->n6; i++) {
		if (out->naddrs < RES_MAX_ADDRS)
			out->addrs[out->naddrs++] = a->v6[i];
		else
			free(a->v6[i]);
	}
	a->n4 = a->n6 = 0;
}

/* Frees what a still holds. */
void
dns_addrs_clear(struct dns_addrs *a)
{
	for (size_t i = 0; i < a->n4; i++)
		free(a->v4[i]);
	for (size_t i = 0; i < a->n6; i++)
		free(a->v6[i]);
	a->n4 = a->n6 = 0;
}

/* Parses an A or AAAA answer into a; ARES_ENODATA when it has none. */
int
dns_parse_answer(int type, const unsigned char *abuf, int alen,
    struct dns_addrs *a)
{
	int rc, n = RES_MAX_ADDRS * 2;

	if (type == T_A) {
		struct ares_addrttl t4[RES_MAX_ADDRS * 2];

		rc = ares_parse_a_reply(abuf, alen, NULL, t4, &n);
		for (int i = 0; rc == ARES_SUCCESS && i < n; i++)
			dns_addrs_add(a, AF_INET, &t4[i].ipaddr);
	} else {
		struct ares_addr6ttl t6[RES_MAX_ADDRS * 2];

		rc = ares_parse_aaaa_reply(abuf, alen, NULL, t6, &n);
		for (int i = 0; rc == ARES_SUCCESS && i < n; i++)
			dns_addrs_add(a, AF_INET6, &t6[i].ip6addr);
	}
	if (rc == ARES_SUCCESS && n == 0)
		rc = ARES_ENODATA;
	return rc;
}

static int
either(int a, int b, int st)
{
	return a == st || b == st;
}

static int
no_data(int st)
{
	return st == ARES_ENODATA || st == ARES_SUCCESS;
}

/* Combines the A and AAAA statuses; any address at all is DNS_OK. */
enum dns_status
dns_combine(int st_a, int st_aaaa, size_t naddrs)
{
	if (naddrs > 0)
		return DNS_OK;
	if (st_a == ARES_ENOTFOUND && st_aaaa == ARES_ENOTFOUND)
		return DNS_NXDOMAIN;
	if (either(st_a, st_aaaa, ARES_ESERVFAIL))
		return DNS_SERVFAIL;
	if (either(st_a, st_aaaa, ARES_EREFUSED))
		return DNS_REFUSED;
	if (either(st_a, st_aaaa, ARES_ETIMEOUT))
		return DNS_TIMEOUT;
	if (either(st_a, st_aaaa, ARES_ENOTFOUND))
		return DNS_NXDOMAIN;
	if (no_data(st_a) && no_data(st_aaaa))
		return DNS_NODATA;
	return DNS_ERROR;
}

/* The resolver's message for the status that decided the outcome. */
const char *
dns_error_text(int st_a, int st_aaaa)
{
	static const int order[] = {
		ARES_ESERVFAIL, ARES_EREFUSED, ARES_ETIMEOUT, ARES_ENOTFOUND
	};

	for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++)
		if (either(st_a, st_aaaa, order[i]))
			return ares_strerror(order[i]);
	if (!no_data(st_a))
		return ares_strerror(st_a);
	if (!no_data(st_aaaa))
		return ares_strerror(st_aaaa);
	return ares_strerror(ARES_ENODATA);
}

/* Formats a nameserver as "addr", "addr:port" or "[v6]:port". */
void
dns_server_format(int family, const void *addr, int port, char *buf,
    size_t size)
{
	char a[INET6_ADDRSTRLEN];

	if (!inet_ntop(family, addr, a, sizeof(a)))
		a[0] = '\0';
	if (port == 0 || port == NAMESERVER_PORT)
		snprintf(buf, size, "%s", a);
	else if (family == AF_INET6)
		snprintf(buf, size, "[%s]:%d", a, port);
	else
		snprintf(buf, size, "%s:%d", a, port);
}

/* Reads "port" (all digits, 1..65535); returns it or -1. */
static int
parse_port(const char *s)
{
	char *end;
	long n;

	if (!*s || strspn(s, "0123456789") != strlen(s))
		return -1;
	n = strtol(s, &end, 10);
	return n >= 1 && n <= 65535 ? (int)n : -1;
}

/* Checks a nameserver string and rewrites it for display and c-ares. */
int
dns_server_parse(const char *s, struct dns_server *sv)
{
	char host[INET6_ADDRSTRLEN + 1];
	unsigned char bin[16];
	const char *colon, *close;
	int family = AF_INET, port = NAMESERVER_PORT;
	size_t hlen;

	if (!s || !*s)
		return -1;
	colon = strchr(s, ':');
	if (s[0] == '[') {
		if (!(close = strchr(s, ']')) || (close[1] &&
		    (close[1] != ':' || (port = parse_port(close + 2)) < 0)))
			return -1;
		family = AF_INET6;
		s++;
		hlen = (size_t)(close - s);
	} else if (colon && strchr(colon + 1, ':')) {
		family = AF_INET6;
		hlen = strlen(s);
	} else if (colon) {
		if ((port = parse_port(colon + 1)) < 0)
			return -1;
		hlen = (size_t)(colon - s);
	} else
		hlen = strlen(s);
	if (hlen == 0 || hlen >= sizeof(host))
		return -1;
	memcpy(host, s, hlen);
	host[hlen] = '\0';
	if (inet_pton(family, host, bin) != 1)
		return -1;
	dns_server_format(family, bin, port, sv->display, sizeof(sv->display));
	inet_ntop(family, bin, host, sizeof(host));
	snprintf(sv->csv, sizeof(sv->csv), family == AF_INET6 ? "[%s]:%d" :
	    "%s:%d", host, port);
	return 0;
}

/* Non-zero when a hosts-file line (without its comment) names host. */
static int
line_names(char *line, const char *host, size_t hlen)
{
	const char *blank = " \t\r\n";
	char *p = line + strspn(line, blank);
	int field = 0;

	while (*p) {
		size_t n = strcspn(p, blank);

		/* The first field is the address, the rest are names. */
		if (field++ > 0) {
			size_t m = n;

			if (m > 0 && p[m - 1] == '.')
				m--;
			if (m == hlen && strncasecmp(p, host, hlen) == 0)
				return 1;
		}
		p += n;
		p += strspn(p, blank);
	}
	return 0;
}

/* Non-zero when the hosts file at path lists host (any case). */
int
dns_hosts_has(const char *path, const char *host)
{
	FILE *fp;
	char *line = NULL;
	size_t cap = 0, hlen;
	int found = 0;

	if (!host || !(hlen = strlen(host)))
		return 0;
	if (host[hlen - 1] == '.')
		hlen--;
	if (hlen == 0 || !(fp = fopen(path, "r")))
		return 0;
	while (!found && getline(&line, &cap, fp) >= 0) {
		line[strcspn(line, "#")] = '\0';
		found = line_names(line, host, hlen);
	}
	free(line);
	fclose(fp);
	return found;
}

/* Non-zero when host is an IPv4 or IPv6 address. */
int
dns_is_literal(const char *host)
{
	unsigned char bin[16];

	return host && (inet_pton(AF_INET, host, bin) == 1 ||
	    inet_pton(AF_INET6, host, bin) == 1);
}
