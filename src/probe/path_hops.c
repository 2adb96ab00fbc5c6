/*
 * The pure half of the traceroute: what an error-queue record says, which
 * probe answered when, when to stop, and how that becomes a hop list.
 */
#include "config.h"

#include "probe/path.h"
#include "core/sanitize.h"
#include "core/xalloc.h"

#include <arpa/inet.h>
#include <linux/errqueue.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define WAIT_FLOOR_MS 1000.0	/* a probe nothing beyond answered */
#define GRACE_FLOOR_MS 50.0	/* a silent hop when hops beyond answered */

/* ICMP types and codes that matter here (RFC 792, RFC 4443). */
#define ICMP4_UNREACH 3
#define ICMP4_PORT_UNREACH 3
#define ICMP4_EXCEEDED 11
#define ICMP6_UNREACH 1
#define ICMP6_PORT_UNREACH 4
#define ICMP6_EXCEEDED 3

static void
offender(const struct sock_extended_err *ee, size_t len, char *out)
{
	const unsigned char *p = (const unsigned char *)(ee + 1);
	size_t left = len - sizeof(*ee);
	sa_family_t fam;

	out[0] = '\0';
	if (left < sizeof(fam))
		return;
	memcpy(&fam, p, sizeof(fam));
	if (fam == AF_INET && left >= sizeof(struct sockaddr_in)) {
		struct sockaddr_in sin;

		memcpy(&sin, p, sizeof(sin));
		inet_ntop(AF_INET, &sin.sin_addr, out, PATH_ADDR_LEN);
	} else if (fam == AF_INET6 && left >= sizeof(struct sockaddr_in6)) {
		struct sockaddr_in6 sin6;

		memcpy(&sin6, p, sizeof(sin6));
		inet_ntop(AF_INET6, &sin6.sin6_addr, out, PATH_ADDR_LEN);
	}
}

/* Parses one IP_RECVERR / IPV6_RECVERR record into an event. */
int
path_errq_parse(const void *data, size_t len, int udp, struct path_ev *ev)
{
	struct sock_extended_err ee;
	int unreach, port, exceeded;

	memset(ev, 0, sizeof(*ev));
	if (!data || len < sizeof(ee))
		return -1;
	memcpy(&ee, data, sizeof(ee));
	ev->icmp_type = ee.ee_type;
	ev->icmp_code = ee.ee_code;
	if (ee.ee_origin == SO_EE_ORIGIN_ICMP) {
		exceeded = ICMP4_EXCEEDED;
		unreach = ICMP4_UNREACH;
		port = ICMP4_PORT_UNREACH;
	} else if (ee.ee_origin == SO_EE_ORIGIN_ICMP6) {
		exceeded = ICMP6_EXCEEDED;
		unreach = ICMP6_UNREACH;
		port = ICMP6_PORT_UNREACH;
	} else {
		ev->kind = PATH_EV_NONE;	/* local error: no hop said it */
		return 0;
	}
	/* The offender follows the record; memcpy: data may be unaligned. */
	{
		unsigned char buf[sizeof(ee) + sizeof(struct sockaddr_in6)];
		size_t n = len < sizeof(buf) ? len : sizeof(buf);

		memcpy(buf, data, n);
		offender((const struct sock_extended_err *)(void *)buf, n,
		    ev->addr);
	}
	if (ee.ee_type == exceeded)
		ev->kind = PATH_EV_EXCEEDED;
	else if (ee.ee_type == unreach && ee.ee_code == port && udp)
		ev->kind = PATH_EV_REACHED;
	else if (ee.ee_type == unreach)
		ev->kind = PATH_EV_UNREACH;
	else
		ev->kind = PATH_EV_NONE;
	return 0;
}

/* Sets up an empty book for TTLs 1..maxttl with nprobes each. */
void
path_book_init(struct path_book *b, int maxttl, int nprobes)
{
	memset(b, 0, sizeof(*b));
	b->maxttl = maxttl < 1 ? 1 : maxttl > PATH_MAX_TTL ? PATH_MAX_TTL :
	    maxttl;
	b->nprobes = nprobes < 1 ? 1 : nprobes > PATH_PROBES ? PATH_PROBES :
	    nprobes;
	for (int t = 0; t < PATH_MAX_TTL; t++)
		for (int n = 0; n < PATH_PROBES; n++) {
			b->sent[t][n] = -1;
			b->rtt[t][n] = -1;
		}
}

static int
valid(const struct path_book *b, int ttl, int n)
{
	return ttl >= 1 && ttl <= b->maxttl && n >= 0 && n < b->nprobes;
}

/* Records that probe n of ttl left at now_ms. */
void
path_book_sent(struct path_book *b, int ttl, int n, double now_ms)
{
	if (valid(b, ttl, n))
		b->sent[ttl - 1][n] = now_ms;
}

/* Records the first answer to a probe; later ones are ignored. */
int
path_book_answer(struct path_book *b, int ttl, int n, double now_ms,
    const struct path_ev *ev)
{
	double rtt;

	if (!valid(b, ttl, n) || ev->kind == PATH_EV_NONE ||
	    b->sent[ttl - 1][n] < 0 || b->rtt[ttl - 1][n] >= 0)
		return 0;
	rtt = now_ms - b->sent[ttl - 1][n];
	if (b->wait_cap > 0 && rtt >= b->wait_cap)
		return 0;
	b->rtt[ttl - 1][n] = rtt < 0 ? 0 : rtt;
	b->kind[ttl - 1][n] = (unsigned char)ev->kind;
	snprintf(b->addr[ttl - 1][n], PATH_ADDR_LEN, "%s", ev->addr);
	return 1;
}

/* The lowest TTL that reached the destination (or ended it), 0 if none. */
int
path_book_end_ttl(const struct path_book *b)
{
	for (int t = 0; t < b->maxttl; t++)
		for (int n = 0; n < b->nprobes; n++)
			if (b->kind[t][n] == PATH_EV_REACHED ||
			    b->kind[t][n] == PATH_EV_UNREACH)
				return t + 1;
	return 0;
}

/* The slowest round trip seen so far, 0 when none. */
double
path_book_slowest(const struct path_book *b)
{
	double worst = 0;

	for (int t = 0; t < b->maxttl; t++)
		for (int n = 0; n < b->nprobes; n++)
			if (b->rtt[t][n] > worst)
				worst = b->rtt[t][n];
	return worst;
}

/* Non-zero when some probe of ttl answered. */
int
path_book_answered(const struct path_book *b, int ttl)
{
	if (ttl < 1 || ttl > b->maxttl)
		return 0;
	for (int n = 0; n < b->nprobes; n++)
		if (b->rtt[ttl - 1][n] >= 0)
			return 1;
	return 0;
}

/* The slowest round trip of the TTLs above index t, -1 when none. */
static double
slowest_beyond(const struct path_book *b, int t)
{
	double worst = -1;

	for (int u = t + 1; u < b->maxttl; u++)
		for (int n = 0; n < b->nprobes; n++)
			if (b->rtt[u][n] > worst)
				worst = b->rtt[u][n];
	return worst;
}

/*
 * A silent TTL with answers from beyond it: its router had the time
 * those answers took, three times over (at least GRACE_FLOOR_MS), since
 * its first probe. Retries would only wait for a rationed ICMP.
 */
static int
silent_given_up(const struct path_book *b, int t, double now_ms)
{
	double beyond = slowest_beyond(b, t), grace = 3 * beyond;

	if (beyond < 0 || b->sent[t][0] < 0)
		return 0;
	if (grace < GRACE_FLOOR_MS)
		grace = GRACE_FLOOR_MS;
	return now_ms - b->sent[t][0] >= grace;
}

/* Non-zero when every probe that matters answered or waited long enough. */
int
path_book_finished(const struct path_book *b, double now_ms)
{
	int end = path_book_end_ttl(b);
	int last = end ? end : b->maxttl;
	double wait = 3 * path_book_slowest(b);

	if (wait < WAIT_FLOOR_MS)
		wait = WAIT_FLOOR_MS;
	if (b->wait_cap > 0 && wait > b->wait_cap)
		wait = b->wait_cap;
	for (int t = 0; t < last; t++) {
		if (path_book_answered(b, t + 1) ||
		    silent_given_up(b, t, now_ms))
			continue;
		for (int n = 0; n < b->nprobes; n++)
			if (b->sent[t][n] < 0 || now_ms - b->sent[t][n] < wait)
				return 0;
	}
	return 1;
}

/* Looks like a trace that stops short; see path.h. */
int
path_book_short(const struct path_book *b, double now_ms)
{
	double wait = 3 * path_book_slowest(b);
	int high = 0;

	if (path_book_end_ttl(b))
		return 0;
	for (int t = 1; t <= b->maxttl; t++)
		if (path_book_answered(b, t))
			high = t;
	if (high == 0 || high >= b->maxttl)
		return 0;
	if (wait < PATH_SHORT_FLOOR_MS)
		wait = PATH_SHORT_FLOOR_MS;
	for (int t = high; t < b->maxttl; t++)
		if (b->sent[t][0] < 0 || now_ms - b->sent[t][0] < wait)
			return 0;
	return 1;
}

/* The address most probes of one TTL named, "" when none answered. */
static const char *
common_addr(const struct path_book *b, int t)
{
	const char *best = "";
	int bestn = 0;

	for (int i = 0; i < b->nprobes; i++) {
		int c = 0;

		if (b->rtt[t][i] < 0 || !b->addr[t][i][0])
			continue;
		for (int j = 0; j < b->nprobes; j++)
			c += b->rtt[t][j] >= 0 &&
			    strcmp(b->addr[t][i], b->addr[t][j]) == 0;
		if (c > bestn) {
			bestn = c;
			best = b->addr[t][i];
		}
	}
	return best;
}

static void
fill_hop(const struct path_book *b, int t, struct res_hop *h)
{
	const char *a = common_addr(b, t);

	memset(h, 0, sizeof(*h));
	h->ttl = t + 1;
	h->addr = a[0] ? sanitize_str(a, 0) : NULL;
	for (int n = 0; n < b->nprobes; n++) {
		if (b->sent[t][n] < 0)
			continue;
		h->sent++;
		if (b->rtt[t][n] >= 0 && h->nrtt < RES_MAX_RTT)
			h->rtt_ms[h->nrtt++] = b->rtt[t][n];
	}
	h->loss = h->sent ? (double)(h->sent - h->nrtt) / h->sent : 1.0;
}

/* Turns the book into hops: up to the destination, no trailing silence. */
void
path_book_fill(const struct path_book *b, struct res_path *out)
{
	int end = path_book_end_ttl(b), last = 0;

	for (size_t i = 0; i < out->nhops; i++) {
		free(out->hops[i].addr);
		free(out->hops[i].name);
		free(out->hops[i].as_name);
	}
	out->nhops = 0;
	if (end) {
		last = end;
	} else {
		for (int t = 0; t < b->maxttl; t++)
			for (int n = 0; n < b->nprobes; n++)
				if (b->rtt[t][n] >= 0)
					last = t + 1;
	}
	if (last > RES_MAX_HOPS)
		last = RES_MAX_HOPS;
	for (int t = 0; t < last; t++)
		fill_hop(b, t, &out->hops[out->nhops++]);
	out->reached = 0;
	for (int n = 0; end && n < b->nprobes; n++)
		if (b->kind[end - 1][n] == PATH_EV_REACHED)
			out->reached = 1;
}

/* Non-zero when the ping_group_range text ("low high") admits a group. */
int
path_ping_range_allows(const char *text, const gid_t *groups, size_t ngroups)
{
	char *end;
	long lo, hi;

	if (!text)
		return 0;
	lo = strtol(text, &end, 10);
	if (end == text)
		return 0;
	text = end;
	hi = strtol(text, &end, 10);
	if (end == text || lo < 0 || hi < 0)
		return 0;
	while (*end == ' ' || *end == '\t' || *end == '\n')
		end++;
	if (*end)
		return 0;
	for (size_t i = 0; i < ngroups; i++)
		if ((long)groups[i] >= lo && (long)groups[i] <= hi)
			return 1;
	return 0;
}
