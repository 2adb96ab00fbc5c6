/*
 * Who owns a hop: the network (autonomous system) an address is routed
 * in, asked over DNS as `mtr -z` asks it. A TXT query for the reversed
 * address under origin.asn.cymru.com (origin6.asn.cymru.com for IPv6,
 * nibble by nibble) answers "AS | prefix | country | registry | date";
 * a second TXT query for AS<n>.asn.cymru.com answers "AS | country |
 * registry | date | name". Addresses of private, shared, documentation,
 * benchmarking, link-local and loopback ranges are never asked about.
 *
 * The lower half (which addresses, query names, answer parsing) is pure
 * and exposed for the unit tests.
 */
#ifndef CONNRESET_PROBE_ASN_H
#define CONNRESET_PROBE_ASN_H

#include <stddef.h>

struct loop;
struct asn_res;

/*
 * Non-zero when addr (numeric IPv4 or IPv6) is a public unicast address
 * whose network may be looked up; 0 for bad text and for RFC 1918,
 * 100.64.0.0/10, 192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24,
 * 198.18.0.0/15, 0/8, loopback, link-local, multicast, 2001:db8::/32,
 * fc00::/7, ::/128, ::1, fe80::/10, ff00::/8, IPv4-mapped.
 */
int asn_addr_public(const char *addr);
/*
 * Writes the origin query name for addr ("4.3.2.1.origin.asn.cymru.com",
 * or 32 reversed nibbles under origin6.asn.cymru.com). Returns 0, or -1
 * when addr is not public or buf is too small.
 */
int asn_origin_qname(const char *addr, char *buf, size_t len);
/* Writes "AS<n>.asn.cymru.com"; 0, or -1 when asn is 0 or buf small. */
int asn_name_qname(unsigned asn, char *buf, size_t len);
/*
 * Reads the AS number from an origin answer ("23028 | 216.90.108.0/24 |
 * US | arin | 1998-09-25"; with several origins, the first). Returns
 * the number, 0 when the text is not such an answer.
 */
unsigned asn_parse_origin(const char *txt);
/*
 * Reads the network's name from an AS answer ("23028 | US | arin |
 * 2002-01-04 | TEAMCYMRU - SAUNET, US") when its number is asn: a new,
 * sanitized string, or NULL.
 */
char *asn_parse_name(const char *txt, unsigned asn);
/*
 * The text of the first TXT record of a DNS answer (its strings joined),
 * new; NULL when the answer holds none.
 */
char *asn_txt_of_answer(const unsigned char *abuf, int alen);

/* Called once per lookup: asn 0 when unknown, name NULL when unknown. */
typedef void (*asn_cb)(void *arg, unsigned asn, const char *name);

/* A c-ares channel on lp for these lookups; NULL when it cannot start. */
struct asn_res *asn_res_new(struct loop *lp, long timeout_ms);
/*
 * Looks up the network of addr; -1 (and no callback) when addr is not
 * public.
 */
int asn_lookup(struct asn_res *r, const char *addr, asn_cb cb, void *arg);
/* Lookups still waiting for an answer. */
int asn_res_pending(const struct asn_res *r);
/* Stops every lookup (no callbacks) and frees r; NULL is fine. */
void asn_res_free(struct asn_res *r);

#endif
