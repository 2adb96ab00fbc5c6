/*
 * The traceroute probe: one socket per (TTL, probe), answers read from
 * each socket's error queue. Routers ration their "time exceeded" (Linux:
 * a burst of 6 per destination, then one a second), so the first round
 * sends one probe per TTL, all at once as mtr does, and later rounds,
 * RETRY_GAP_MS apart, probe again only the TTLs still silent (up to the
 * destination, once known). A hop that answered is asked nothing more.
 */
#include "config.h"

#include "probe/path.h"
#include "probe/path_rdns.h"
#include "probe/asn.h"
#include "core/i18n.h"
#include "core/loop.h"
#include "core/sanitize.h"
#include "core/xalloc.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/icmp6.h>
#include <netinet/in.h>
#include <netinet/ip_icmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

/* Between rounds for the silent TTLs: a second retry comes a second
 * after the first probe, when a Linux router has a new ICMP token. */
#define RETRY_GAP_MS 500
#define TICK_MS 25		/* how often to ask "are we done?" */
#define NAMES_WAIT_MS 1500	/* longest wait for names after probing */
#define UDP_BASE_PORT 33434
#define TCP_RTO_MS 1000		/* Linux's initial SYN retransmit timeout */
#define MAX_NAMES (PATH_MAX_TTL * PATH_PROBES)
/* Between the rounds of a refining trace: within a Linux router's one
 * ICMP token a second, one probe per hop. */
#define REFINE_MS 1000

enum method { M_TCP, M_UDP, M_ICMP };

struct slot {
	struct path_probe *p;
	int fd;			/* -1 when closed */
	int ttl;
	int n;			/* probe number within the TTL */
};

struct name {
	char addr[PATH_ADDR_LEN];
	char *name;		/* sanitized PTR name, NULL none (yet) */
	unsigned asn;		/* its network, 0 unknown (yet) */
	char *as_name;		/* that network's name, NULL unknown */
	struct path_probe *p;
};

struct path_probe {
	struct probe_env *env;
	struct res_path *out;
	probe_done_cb done;
	void *arg;
	enum method method;
	int fam;
	struct sockaddr_storage dst;
	socklen_t dstlen;
	char dstaddr[PATH_ADDR_LEN];
	int port;
	struct path_book book;
	struct slot slots[PATH_MAX_TTL][PATH_PROBES];
	int round;		/* next round to send */
	int measured;		/* probing is over */
	int names_off;
	int asn_off;		/* --no-asn: no network lookups */
	probe_done_cb on_short;	/* path_probe_on_short(), once */
	void *short_arg;
	struct path_rdns *rdns;
	struct asn_res *asn;
	struct name names[MAX_NAMES];
	int nnames;
	double deadline;	/* env->timeout_ms after start */
	uint64_t round_timer, tick_timer, names_timer, done_timer;
	/* Refining (path_probe_refine): rounds over out's hops. */
	int refine;
	int rf_last;		/* highest TTL probed */
	unsigned char rf_inflight[PATH_MAX_TTL];
	double rf_sent_at[PATH_MAX_TTL];
	uint64_t rf_timer;
};

static const char *const method_names[] = { "tcp-syn", "udp", "icmp" };

static void finish_measure(struct path_probe *p);
static void maybe_complete(struct path_probe *p);

/* Reads the groups the kernel checks for ping sockets and asks the range. */
static int
icmp_allowed(char **why)
{
	gid_t groups[256];
	char text[64];
	FILE *f;
	int n, ok;

	f = fopen("/proc/sys/net/ipv4/ping_group_range", "r");
	if (!f || !fgets(text, sizeof(text), f)) {
		if (f)
			fclose(f);
		if (why)
			*why = xstrdup(_("ICMP echo without privileges needs "
			    "/proc/sys/net/ipv4/ping_group_range, which "
			    "cannot be read here."));
		return 0;
	}
	fclose(f);
	n = getgroups(255, groups + 1);
	groups[0] = getegid();
	ok = path_ping_range_allows(text, groups, n < 0 ? 1 : (size_t)n + 1);
	if (!ok && why)
		*why = xasprintf(_("ICMP echo without privileges is off for "
		    "this user: net.ipv4.ping_group_range is %.*s, which "
		    "does not include group %ld."), (int)strcspn(text, "\n"),
		    text, (long)getegid());
	return ok;
}

/* Says whether method can run as this user, and if not, why. */
int
path_method_available(const char *method, char **why)
{
	if (why)
		*why = NULL;
	if (!method || strcmp(method, "tcp") == 0 ||
	    strcmp(method, "tcp-syn") == 0 || strcmp(method, "udp") == 0)
		return 1;
	if (strcmp(method, "icmp") == 0)
		return icmp_allowed(why);
	if (why)
		*why = xasprintf(_("Unknown traceroute method \"%s\"."),
		    method);
	return 0;
}

static void
close_slot(struct path_probe *p, struct slot *s)
{
	if (s->fd < 0)
		return;
	loop_unwatch(p->env->loop, s->fd);
	close(s->fd);
	s->fd = -1;
}

static void
on_name(void *arg, const char *name)
{
	struct name *nm = arg;

	xstrset(&nm->name, name);
	maybe_complete(nm->p);
}

static void
on_asn(void *arg, unsigned asn, const char *name)
{
	struct name *nm = arg;

	nm->asn = asn;
	xstrset(&nm->as_name, name);
	maybe_complete(nm->p);
}

/*
 * Asks for the name of a newly seen hop address (not loopback) and, for
 * a public one, for the network it belongs to.
 */
static void
want_name(struct path_probe *p, const char *addr)
{
	struct name *nm;

	if (p->names_off || !addr[0] || strncmp(addr, "127.", 4) == 0 ||
	    strcmp(addr, "::1") == 0 || p->nnames >= MAX_NAMES)
		return;
	for (int i = 0; i < p->nnames; i++)
		if (strcmp(p->names[i].addr, addr) == 0)
			return;
	nm = &p->names[p->nnames++];
	snprintf(nm->addr, sizeof(nm->addr), "%s", addr);
	nm->p = p;
	if (!p->rdns)
		p->rdns = path_rdns_new(p->env->loop, 1000);
	if (p->rdns)
		path_rdns_lookup(p->rdns, addr, on_name, nm);
	if (p->asn_off || !asn_addr_public(addr))
		return;
	if (!p->asn)
		p->asn = asn_res_new(p->env->loop, 1000);
	if (p->asn)
		asn_lookup(p->asn, addr, on_asn, nm);
}

/* Lookups (names, networks) still waiting. */
static int
lookups_pending(const struct path_probe *p)
{
	return path_rdns_pending(p->rdns) + asn_res_pending(p->asn);
}

/* The hop of a refining trace probed with ttl, or NULL. */
static struct res_hop *
refine_hop(struct path_probe *p, int ttl)
{
	for (size_t i = 0; i < p->out->nhops; i++)
		if (p->out->hops[i].ttl == ttl)
			return &p->out->hops[i];
	return NULL;
}

/* One probe of a refining trace is over: answered (rtt >= 0) or lost. */
static void
refine_count(struct path_probe *p, int ttl, double rtt, const char *addr)
{
	struct res_hop *h = refine_hop(p, ttl);

	p->rf_inflight[ttl - 1] = 0;
	if (!h)
		return;
	h->sent++;
	if (rtt >= 0) {
		if (h->recv == 0 || rtt < h->rtt_best)
			h->rtt_best = rtt;
		if (h->recv == 0 || rtt > h->rtt_worst)
			h->rtt_worst = rtt;
		h->rtt_last = rtt;
		h->rtt_sum += rtt;
		h->recv++;
		if (h->nrtt < RES_MAX_RTT)
			h->rtt_ms[h->nrtt++] = rtt;
		/* A hop silent so far that answers now is seen now. */
		if (!h->addr && addr && addr[0])
			h->addr = sanitize_str(addr, 0);
	}
	h->loss = (double)(h->sent - h->recv) / h->sent;
}

static void
answer(struct path_probe *p, struct slot *s, const struct path_ev *ev)
{
	if (p->refine) {
		if (p->rf_inflight[s->ttl - 1]) {
			refine_count(p, s->ttl, loop_now_ms() -
			    p->rf_sent_at[s->ttl - 1], ev->addr);
			p->done(p->arg);
		}
	} else if (path_book_answer(&p->book, s->ttl, s->n, loop_now_ms(),
	    ev)) {
		want_name(p, ev->addr);
	}
	close_slot(p, s);
}

/* Drains the error queue; returns 1 when a hop's ICMP was found. */
static int
read_errqueue(struct path_probe *p, struct slot *s)
{
	char cbuf[512], dbuf[64];
	int got = 0;

	for (int i = 0; i < 8; i++) {
		struct iovec iov = { dbuf, sizeof(dbuf) };
		struct msghdr m = { 0 };
		struct cmsghdr *c;

		m.msg_iov = &iov;
		m.msg_iovlen = 1;
		m.msg_control = cbuf;
		m.msg_controllen = sizeof(cbuf);
		if (recvmsg(s->fd, &m, MSG_ERRQUEUE | MSG_DONTWAIT) < 0)
			break;
		for (c = CMSG_FIRSTHDR(&m); c; c = CMSG_NXTHDR(&m, c)) {
			struct path_ev ev;

			if (!((c->cmsg_level == SOL_IP &&
			    c->cmsg_type == IP_RECVERR) ||
			    (c->cmsg_level == SOL_IPV6 &&
			    c->cmsg_type == IPV6_RECVERR)))
				continue;
			if (path_errq_parse(CMSG_DATA(c),
			    c->cmsg_len - CMSG_LEN(0), p->method == M_UDP,
			    &ev) < 0 || ev.kind == PATH_EV_NONE)
				continue;
			if (!got)
				answer(p, s, &ev);
			got = 1;
			if (s->fd < 0)
				return 1;
		}
	}
	return got;
}

static void
reached(struct path_probe *p, struct slot *s)
{
	struct path_ev ev;

	memset(&ev, 0, sizeof(ev));
	ev.kind = PATH_EV_REACHED;
	snprintf(ev.addr, sizeof(ev.addr), "%s", p->dstaddr);
	answer(p, s, &ev);
}

/* A TCP probe: ICMP on the error queue, or the destination answered. */
static void
tcp_ready(struct path_probe *p, struct slot *s, short revents)
{
	int err = 0;
	socklen_t len = sizeof(err);

	if (read_errqueue(p, s))
		return;
	if (getsockopt(s->fd, SOL_SOCKET, SO_ERROR, &err, &len) < 0)
		err = errno;
	if ((err == 0 && (revents & POLLOUT)) || err == ECONNREFUSED) {
		struct linger lg = { 1, 0 };

		/* Close with a RST: the server keeps no state for us. */
		setsockopt(s->fd, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg));
		reached(p, s);
	} else if (err != 0) {
		close_slot(p, s);	/* a local error: counts as loss */
	}
}

/* A UDP or ICMP probe: errors queued, or a reply from the destination. */
static void
dgram_ready(struct path_probe *p, struct slot *s, short revents)
{
	unsigned char buf[512];
	ssize_t n;

	if (read_errqueue(p, s) || !(revents & POLLIN))
		return;
	n = recv(s->fd, buf, sizeof(buf), MSG_DONTWAIT);
	if (n < 0)
		return;
	if (p->method == M_UDP ||
	    (n >= 1 && ((p->fam == AF_INET && buf[0] == ICMP_ECHOREPLY) ||
	    (p->fam == AF_INET6 && buf[0] == ICMP6_ECHO_REPLY))))
		reached(p, s);
}

static void
on_slot(struct loop *lp, int fd, short revents, void *arg)
{
	struct slot *s = arg;
	struct path_probe *p = s->p;

	(void)lp;
	(void)fd;
	if (p->method == M_TCP)
		tcp_ready(p, s, revents);
	else
		dgram_ready(p, s, revents);
	if (!p->measured && path_book_finished(&p->book, loop_now_ms()))
		finish_measure(p);
}

static int
set_ttl(int fd, int fam, int ttl)
{
	int on = 1;

	if (fam == AF_INET6)
		return setsockopt(fd, IPPROTO_IPV6, IPV6_UNICAST_HOPS, &ttl,
		    sizeof(ttl)) < 0 || setsockopt(fd, IPPROTO_IPV6,
		    IPV6_RECVERR, &on, sizeof(on)) < 0 ? -1 : 0;
	return setsockopt(fd, IPPROTO_IP, IP_TTL, &ttl, sizeof(ttl)) < 0 ||
	    setsockopt(fd, IPPROTO_IP, IP_RECVERR, &on, sizeof(on)) < 0 ?
	    -1 : 0;
}

/* Builds an echo request; the kernel fills the id and the checksum. */
static size_t
echo_request(int fam, int seq, unsigned char *buf, size_t len)
{
	memset(buf, 0, len);
	buf[0] = fam == AF_INET6 ? ICMP6_ECHO_REQUEST : ICMP_ECHO;
	buf[6] = (unsigned char)(seq >> 8);
	buf[7] = (unsigned char)seq;
	memcpy(buf + 8, "connreset-path", 14);
	return 8 + 14;
}

/* Sends probe n of ttl; returns the socket, or -1 (it counts as lost). */
static int
send_probe(struct path_probe *p, int ttl, int n)
{
	struct sockaddr_storage to = p->dst;
	unsigned char pkt[32];
	int type = p->method == M_TCP ? SOCK_STREAM : SOCK_DGRAM;
	int proto = p->method != M_ICMP ? 0 :
	    p->fam == AF_INET6 ? IPPROTO_ICMPV6 : IPPROTO_ICMP;
	int seq = (ttl - 1) * PATH_PROBES + n;
	int fd;

	fd = socket(p->fam, type | SOCK_NONBLOCK | SOCK_CLOEXEC, proto);
	if (fd < 0)
		return -1;
	if (set_ttl(fd, p->fam, ttl) < 0)
		goto fail;
	if (p->method == M_UDP) {
		if (p->fam == AF_INET6)
			((struct sockaddr_in6 *)&to)->sin6_port =
			    htons(UDP_BASE_PORT + seq);
		else
			((struct sockaddr_in *)&to)->sin_port =
			    htons(UDP_BASE_PORT + seq);
	}
	if (p->method != M_ICMP &&
	    connect(fd, (struct sockaddr *)&to, p->dstlen) < 0 &&
	    errno != EINPROGRESS)
		goto fail;
	if (p->method == M_UDP && send(fd, "connreset-path", 14, 0) < 0)
		goto fail;
	if (p->method == M_ICMP && sendto(fd, pkt,
	    echo_request(p->fam, seq, pkt, sizeof(pkt)), 0,
	    (struct sockaddr *)&to, p->dstlen) < 0)
		goto fail;
	return fd;
fail:
	close(fd);
	return -1;
}

static void
send_round(struct loop *lp, void *arg)
{
	struct path_probe *p = arg;
	int n = p->round++, end = path_book_end_ttl(&p->book);
	int last = n > 0 && end ? end : p->book.maxttl;

	(void)lp;
	p->round_timer = 0;
	for (int ttl = 1; ttl <= last; ttl++) {
		struct slot *s = &p->slots[ttl - 1][n];

		if (n > 0 && path_book_answered(&p->book, ttl))
			continue;	/* known: spare its router's ICMP */
		s->p = p;
		s->ttl = ttl;
		s->n = n;
		s->fd = send_probe(p, ttl, n);
		path_book_sent(&p->book, ttl, n, loop_now_ms());
		if (s->fd >= 0)
			loop_watch(p->env->loop, s->fd,
			    p->method == M_TCP ? POLLOUT : POLLIN, on_slot, s);
	}
	/* TTLs past the destination are not probed again. */
	for (int ttl = last + 1; ttl <= p->book.maxttl; ttl++)
		p->book.sent[ttl - 1][n] = -1;
	if (p->round < p->book.nprobes)
		p->round_timer = loop_timer_add(p->env->loop, RETRY_GAP_MS,
		    send_round, p);
}

static void
path_free(struct path_probe *p)
{
	struct loop *lp = p->env->loop;

	for (int t = 0; t < PATH_MAX_TTL; t++)
		for (int n = 0; n < PATH_PROBES; n++)
			close_slot(p, &p->slots[t][n]);
	loop_timer_cancel(lp, p->round_timer);
	loop_timer_cancel(lp, p->tick_timer);
	loop_timer_cancel(lp, p->names_timer);
	loop_timer_cancel(lp, p->done_timer);
	loop_timer_cancel(lp, p->rf_timer);
	path_rdns_free(p->rdns);
	asn_res_free(p->asn);
	for (int i = 0; i < p->nnames; i++) {
		free(p->names[i].name);
		free(p->names[i].as_name);
	}
	free(p);
}

/* Puts the reverse names and networks known so far on the hops. */
static void
put_names(struct path_probe *p)
{
	struct res_path *out = p->out;

	for (size_t h = 0; h < out->nhops; h++) {
		struct res_hop *hop = &out->hops[h];

		for (int i = 0; hop->addr && i < p->nnames; i++) {
			const struct name *nm = &p->names[i];

			if (strcmp(nm->addr, hop->addr) != 0)
				continue;
			if (nm->name)
				xstrset(&hop->name, nm->name);
			if (nm->asn) {
				hop->asn = nm->asn;
				xstrset(&hop->as_name, nm->as_name);
			}
		}
	}
}

static void
on_done(struct loop *lp, void *arg)
{
	struct path_probe *p = arg;

	(void)lp;
	p->done_timer = 0;
	put_names(p);
	p->done(p->arg);
	path_free(p);
}

/* Once probing is over and no name is missing, report (next turn). */
static void
maybe_complete(struct path_probe *p)
{
	if (!p->measured || p->done_timer || p->refine)
		return;
	if (lookups_pending(p) > 0 && p->names_timer)
		return;
	loop_timer_cancel(p->env->loop, p->names_timer);
	p->names_timer = 0;
	p->done_timer = loop_timer_add(p->env->loop, 0, on_done, p);
}

static void
on_names_timeout(struct loop *lp, void *arg)
{
	struct path_probe *p = arg;

	(void)lp;
	p->names_timer = 0;
	maybe_complete(p);
}

static void
finish_measure(struct path_probe *p)
{
	struct loop *lp = p->env->loop;
	double left = p->deadline - loop_now_ms();

	p->measured = 1;
	for (int t = 0; t < PATH_MAX_TTL; t++)
		for (int n = 0; n < PATH_PROBES; n++)
			close_slot(p, &p->slots[t][n]);
	loop_timer_cancel(lp, p->round_timer);
	loop_timer_cancel(lp, p->tick_timer);
	p->round_timer = p->tick_timer = 0;
	path_book_fill(&p->book, p->out);
	if (lookups_pending(p) > 0 && left > 0)
		p->names_timer = loop_timer_add(lp, left < NAMES_WAIT_MS ?
		    (long)left : NAMES_WAIT_MS, on_names_timeout, p);
	maybe_complete(p);
}

static void
on_tick(struct loop *lp, void *arg)
{
	struct path_probe *p = arg;
	double now = loop_now_ms();

	p->tick_timer = 0;
	if (now >= p->deadline || path_book_finished(&p->book, now)) {
		finish_measure(p);
		return;
	}
	if (p->on_short && path_book_short(&p->book, now)) {
		probe_done_cb cb = p->on_short;

		p->on_short = NULL;
		cb(p->short_arg);
	}
	/* The hops so far, for live views of a running trace. */
	path_book_fill(&p->book, p->out);
	put_names(p);
	p->tick_timer = loop_timer_add(lp, TICK_MS, on_tick, p);
}

static int
parse_addr(struct path_probe *p, const char *addr, int port)
{
	struct sockaddr_in *sin = (struct sockaddr_in *)&p->dst;
	struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)&p->dst;

	memset(&p->dst, 0, sizeof(p->dst));
	if (addr && inet_pton(AF_INET, addr, &sin->sin_addr) == 1) {
		p->fam = sin->sin_family = AF_INET;
		sin->sin_port = htons((unsigned short)port);
		p->dstlen = sizeof(*sin);
		inet_ntop(AF_INET, &sin->sin_addr, p->dstaddr, PATH_ADDR_LEN);
	} else if (addr && inet_pton(AF_INET6, addr, &sin6->sin6_addr) == 1) {
		p->fam = sin6->sin6_family = AF_INET6;
		sin6->sin6_port = htons((unsigned short)port);
		p->dstlen = sizeof(*sin6);
		inet_ntop(AF_INET6, &sin6->sin6_addr, p->dstaddr,
		    PATH_ADDR_LEN);
	} else {
		return -1;
	}
	return 0;
}

/* Starts a trace to addr; see path.h. */
struct path_probe *
path_probe_start(struct probe_env *env, const char *addr, int port,
    const char *method, struct res_path *out, probe_done_cb done, void *arg)
{
	struct path_probe *p = xcalloc(1, sizeof(*p));
	long limit = env->timeout_ms > 0 ? env->timeout_ms : 10000;

	p->env = env;
	p->out = out;
	p->done = done;
	p->arg = arg;
	p->port = port > 0 && port < 65536 ? port : 80;
	p->method = !method ? M_TCP : strcmp(method, "udp") == 0 ? M_UDP :
	    strcmp(method, "icmp") == 0 ? M_ICMP : M_TCP;
	for (int t = 0; t < PATH_MAX_TTL; t++)
		for (int n = 0; n < PATH_PROBES; n++)
			p->slots[t][n].fd = -1;
	path_book_init(&p->book, PATH_MAX_TTL, PATH_PROBES);
	/* An unanswered SYN is sent again after 1 s (the kernel's first
	 * RTO); what comes later may answer the copy, so it is not timed. */
	if (p->method == M_TCP)
		p->book.wait_cap = TCP_RTO_MS;
	out->ran = 1;
	out->reached = 0;
	xstrset(&out->method, method_names[p->method]);
	p->deadline = loop_now_ms() + (double)limit;
	if ((p->method == M_ICMP && !path_method_available("icmp", NULL)) ||
	    parse_addr(p, addr, p->port) < 0) {
		if (p->method == M_ICMP)
			xstrset(&out->method, "icmp-unavailable");
		p->measured = 1;
		path_book_fill(&p->book, out);
		maybe_complete(p);
		return p;
	}
	send_round(env->loop, p);
	p->tick_timer = loop_timer_add(env->loop, TICK_MS, on_tick, p);
	return p;
}

/* Starts each hop's answers over the rounds from what the trace saw. */
static void
refine_seed(struct res_hop *h)
{
	double last, avg, best, worst;

	if (h->recv > 0 || h->nrtt <= 0)
		return;
	res_hop_rtt(h, &last, &avg, &best, &worst);
	if (avg < 0)
		return;
	h->recv = h->nrtt < RES_MAX_RTT ? h->nrtt : RES_MAX_RTT;
	h->rtt_last = last;
	h->rtt_best = best;
	h->rtt_worst = worst;
	h->rtt_sum = avg * h->recv;
	if (h->sent < h->recv)
		h->sent = h->recv;
}

/* One round: what is still out counts as lost, then a probe per hop. */
static void
refine_round(struct loop *lp, void *arg)
{
	struct path_probe *p = arg;
	int lost = 0;

	p->rf_timer = 0;
	for (int ttl = 1; ttl <= p->rf_last; ttl++) {
		struct slot *s = &p->slots[ttl - 1][0];

		if (p->rf_inflight[ttl - 1]) {
			refine_count(p, ttl, -1, NULL);
			lost = 1;
		}
		close_slot(p, s);
		s->p = p;
		s->ttl = ttl;
		s->n = 0;
		s->fd = send_probe(p, ttl, 0);
		p->rf_sent_at[ttl - 1] = loop_now_ms();
		p->rf_inflight[ttl - 1] = 1;
		if (s->fd >= 0)
			loop_watch(lp, s->fd, p->method == M_TCP ? POLLOUT :
			    POLLIN, on_slot, s);
	}
	p->rf_timer = loop_timer_add(lp, REFINE_MS, refine_round, p);
	if (lost)
		p->done(p->arg);
}

/* Keeps probing the hops of a finished trace; see path.h. */
struct path_probe *
path_probe_refine(struct probe_env *env, const char *addr, int port,
    struct res_path *out, probe_done_cb changed, void *arg)
{
	struct path_probe *p;
	const char *m = out->method;

	if (!out->ran || out->nhops == 0)
		return NULL;
	p = xcalloc(1, sizeof(*p));
	p->env = env;
	p->out = out;
	p->done = changed;
	p->arg = arg;
	p->port = port > 0 && port < 65536 ? port : 80;
	p->method = m && strcmp(m, "udp") == 0 ? M_UDP :
	    m && strcmp(m, "icmp") == 0 ? M_ICMP : M_TCP;
	for (int t = 0; t < PATH_MAX_TTL; t++)
		for (int n = 0; n < PATH_PROBES; n++)
			p->slots[t][n].fd = -1;
	if (parse_addr(p, addr, p->port) < 0) {
		free(p);
		return NULL;
	}
	p->refine = p->measured = p->names_off = p->asn_off = 1;
	p->rf_last = out->hops[out->nhops - 1].ttl;
	if (p->rf_last > PATH_MAX_TTL)
		p->rf_last = PATH_MAX_TTL;
	for (size_t i = 0; i < out->nhops; i++)
		refine_seed(&out->hops[i]);
	/* The first round a round's time after the trace's last probes. */
	p->rf_timer = loop_timer_add(env->loop, REFINE_MS, refine_round, p);
	return p;
}

/* Turns reverse name lookups off. */
void
path_probe_no_names(struct path_probe *p)
{
	if (p)
		p->names_off = 1;
}

/* Says once when the trace looks short; see path.h. */
void
path_probe_on_short(struct path_probe *p, probe_done_cb cb, void *arg)
{
	if (!p)
		return;
	p->on_short = cb;
	p->short_arg = arg;
}

/* Turns the network (AS) lookups off. */
void
path_probe_no_asn(struct path_probe *p)
{
	if (p)
		p->asn_off = 1;
}

/* Stops the trace and frees it; done is not called. */
void
path_probe_cancel(struct path_probe *p)
{
	if (p)
		path_free(p);
}
