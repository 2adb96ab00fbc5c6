/*
 * The network of a hop over DNS (see asn.h): two TXT queries per
 * address on one c-ares channel, driven by the loop through ares_loop.c.
 */
#include "config.h"

#include "probe/asn.h"
#include "probe/ares_loop.h"
#include "core/sanitize.h"
#include "core/strbuf.h"
#include "core/xalloc.h"

#include <ares.h>
#include <arpa/inet.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DNS_CLASS_IN 1
#define DNS_TYPE_TXT 16

static int
v4_public(const unsigned char *b)
{
	if (b[0] == 0 || b[0] == 10 || b[0] == 127 || b[0] >= 224)
		return 0;
	if ((b[0] == 100 && (b[1] & 0xc0) == 64) ||	/* 100.64/10 */
	    (b[0] == 169 && b[1] == 254) ||		/* link-local */
	    (b[0] == 172 && (b[1] & 0xf0) == 16) ||	/* 172.16/12 */
	    (b[0] == 192 && b[1] == 168) ||
	    (b[0] == 192 && b[1] == 0 && (b[2] == 0 || b[2] == 2)) ||
	    (b[0] == 198 && (b[1] & 0xfe) == 18) ||	/* 198.18/15 */
	    (b[0] == 198 && b[1] == 51 && b[2] == 100) ||
	    (b[0] == 203 && b[1] == 0 && b[2] == 113))
		return 0;
	return 1;
}

static int
v6_public(const unsigned char *b)
{
	/* Global unicast is 2000::/3; all else (::, ::1, mapped, fc00::/7,
	 * fe80::/10, ff00::/8) is not. */
	if ((b[0] & 0xe0) != 0x20)
		return 0;
	if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8)
		return 0;			/* 2001:db8::/32 */
	return 1;
}

/* Says whether addr is public unicast (see asn.h). */
int
asn_addr_public(const char *addr)
{
	unsigned char b[16];

	if (!addr)
		return 0;
	if (inet_pton(AF_INET, addr, b) == 1)
		return v4_public(b);
	if (inet_pton(AF_INET6, addr, b) == 1)
		return v6_public(b);
	return 0;
}

/* The reversed-address query name under origin(6).asn.cymru.com. */
int
asn_origin_qname(const char *addr, char *buf, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	unsigned char b[16];
	struct strbuf sb = STRBUF_INIT;
	int rc = -1;

	if (!asn_addr_public(addr))
		return -1;
	sb_add(&sb, "");
	if (inet_pton(AF_INET, addr, b) == 1) {
		sb_addf(&sb, "%u.%u.%u.%u.origin.asn.cymru.com", b[3], b[2],
		    b[1], b[0]);
	} else {
		inet_pton(AF_INET6, addr, b);
		for (int i = 15; i >= 0; i--)
			sb_addf(&sb, "%c.%c.", hex[b[i] & 0xf], hex[b[i] >> 4]);
		sb_add(&sb, "origin6.asn.cymru.com");
	}
	if (sb.len < len) {
		memcpy(buf, sb.s, sb.len + 1);
		rc = 0;
	}
	sb_free(&sb);
	return rc;
}

/* "AS<n>.asn.cymru.com". */
int
asn_name_qname(unsigned asn, char *buf, size_t len)
{
	int n;

	if (asn == 0)
		return -1;
	n = snprintf(buf, len, "AS%u.asn.cymru.com", asn);
	return n < 0 || (size_t)n >= len ? -1 : 0;
}

/* Reads the leading number of a field; 0 when there is none. */
static unsigned
lead_number(const char *s, const char **end)
{
	unsigned long v = 0;
	int digits = 0;

	while (*s == ' ' || *s == '\t')
		s++;
	while (isdigit((unsigned char)*s) && digits < 10) {
		v = v * 10 + (unsigned long)(*s++ - '0');
		digits++;
	}
	if (end)
		*end = s;
	return digits && v <= 0xffffffffUL ? (unsigned)v : 0;
}

/* The AS number of an origin answer (the first of several). */
unsigned
asn_parse_origin(const char *txt)
{
	const char *e;
	unsigned asn;

	if (!txt)
		return 0;
	asn = lead_number(txt, &e);
	/* "AS [AS...] | prefix | ..." */
	if (!asn || (*e != ' ' && *e != '|') || !strchr(e, '|'))
		return 0;
	return asn;
}

/* The name field (the fifth) of an AS answer for asn. */
char *
asn_parse_name(const char *txt, unsigned asn)
{
	const char *p, *e;
	size_t n;
	char *raw, *out;

	if (!txt || !asn || lead_number(txt, &e) != asn)
		return NULL;
	p = e;
	for (int bar = 0; bar < 4; bar++) {
		p = strchr(p, '|');
		if (!p)
			return NULL;
		p++;
	}
	while (*p == ' ' || *p == '\t')
		p++;
	n = strcspn(p, "|\r\n");
	while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t'))
		n--;
	if (n == 0)
		return NULL;
	raw = xasprintf("%.*s", (int)n, p);
	out = sanitize_str(raw, SAN_ASCII);
	free(raw);
	if (out && !out[0]) {
		free(out);
		out = NULL;
	}
	return out;
}

/* The first TXT record's text, its strings joined. */
char *
asn_txt_of_answer(const unsigned char *abuf, int alen)
{
	struct ares_txt_ext *txt = NULL;
	struct strbuf sb = STRBUF_INIT;

	if (!abuf || alen <= 0 ||
	    ares_parse_txt_reply_ext(abuf, alen, &txt) != ARES_SUCCESS)
		return NULL;
	sb_add(&sb, "");
	for (struct ares_txt_ext *t = txt; t; t = t->next) {
		if (t != txt && t->record_start)
			break;
		sb_addf(&sb, "%.*s", (int)t->length, (const char *)t->txt);
	}
	ares_free_data(txt);
	return sb_detach(&sb);
}

struct asn_res {
	struct ares_loop *al;
	int pending;
	int dying;		/* inside asn_res_free: drop answers */
};

struct lookup {
	struct asn_res *r;
	asn_cb cb;
	void *arg;
	unsigned asn;
};

static void
end_lookup(struct lookup *l, const char *name)
{
	struct asn_res *r = l->r;

	r->pending--;
	if (!r->dying)
		l->cb(l->arg, l->asn, name);
	free(l);
}

static void
on_name(void *arg, int status, int timeouts, unsigned char *abuf, int alen)
{
	struct lookup *l = arg;
	char *txt = NULL, *name = NULL;

	(void)timeouts;
	if (status == ARES_SUCCESS && !l->r->dying) {
		txt = asn_txt_of_answer(abuf, alen);
		name = asn_parse_name(txt, l->asn);
	}
	end_lookup(l, name);
	free(txt);
	free(name);
}

static void
on_origin(void *arg, int status, int timeouts, unsigned char *abuf,
    int alen)
{
	struct lookup *l = arg;
	char q[64], *txt;

	(void)timeouts;
	if (status != ARES_SUCCESS || l->r->dying) {
		end_lookup(l, NULL);
		return;
	}
	txt = asn_txt_of_answer(abuf, alen);
	l->asn = asn_parse_origin(txt);
	free(txt);
	if (asn_name_qname(l->asn, q, sizeof(q)) < 0) {
		end_lookup(l, NULL);
		return;
	}
	ares_query(ares_loop_channel(l->r->al), q, DNS_CLASS_IN,
	    DNS_TYPE_TXT, on_name, l);
	ares_loop_arm(l->r->al);
}

/* A channel for the lookups; NULL when c-ares cannot start. */
struct asn_res *
asn_res_new(struct loop *lp, long timeout_ms)
{
	struct ares_options o;
	struct asn_res *r = xcalloc(1, sizeof(*r));
	int rc;

	memset(&o, 0, sizeof(o));
	o.timeout = (int)(timeout_ms > 0 ? timeout_ms : 1000);
	o.tries = 2;
	r->al = ares_loop_new(lp, &o, ARES_OPT_TIMEOUTMS | ARES_OPT_TRIES,
	    &rc);
	if (!r->al) {
		free(r);
		return NULL;
	}
	return r;
}

/* Starts the two queries for a public address. */
int
asn_lookup(struct asn_res *r, const char *addr, asn_cb cb, void *arg)
{
	char q[128];
	struct lookup *l;

	if (!r || asn_origin_qname(addr, q, sizeof(q)) < 0)
		return -1;
	l = xcalloc(1, sizeof(*l));
	l->r = r;
	l->cb = cb;
	l->arg = arg;
	r->pending++;
	ares_query(ares_loop_channel(r->al), q, DNS_CLASS_IN, DNS_TYPE_TXT,
	    on_origin, l);
	ares_loop_arm(r->al);
	return 0;
}

/* Lookups still waiting. */
int
asn_res_pending(const struct asn_res *r)
{
	return r ? r->pending : 0;
}

/* Stops every lookup without calling back and frees r. */
void
asn_res_free(struct asn_res *r)
{
	if (!r)
		return;
	r->dying = 1;
	ares_loop_free(r->al);
	free(r);
}
