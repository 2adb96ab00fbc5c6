/*
 * The reset locator's replays. Every TTL gets its own connection; all of
 * them finish the handshake at full TTL first, and only then do all lower
 * their TTL and send the request together, so a middlebox that blocks
 * the server for a while after a trigger cannot skew the later TTLs. The
 * control (neutral name) runs before the real trigger for the same reason.
 *
 * The TLS trigger needs a real ClientHello sent on a socket whose TTL we
 * change after connect(). libcurl owns its sockets and offers no hook
 * between the handshake and the first TLS record, so this one probe uses
 * OpenSSL's libssl directly: SSL_connect() on our non-blocking fd writes
 * the ClientHello and returns SSL_ERROR_WANT_READ; after that we only
 * watch what the network sends back.
 */
#include "config.h"

#include "probe/locator.h"
#include "probe/bighello.h"
#include "probe/local.h"
#include "probe/path.h"
#include "probe/path_reask.h"
#include "probe/rstcap.h"
#include "core/i18n.h"
#include "core/loop.h"
#include "core/xalloc.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define LOC_MAX_TTL (PATH_MAX_TTL + 1)
#define CONNECT_MS 5000		/* longest wait for the handshakes */
#define WAIT_FLOOR_MS 1500	/* least wait for what the request draws */
/* Least wait once every answer is in: below TCP's 200 ms minimum
 * retransmission timeout, so a request that expired is not sent again
 * (each copy would cost the router's rationed ICMP). */
#define SETTLED_FLOOR_MS 100
#define ROUTE_TEXT_MAX 65536	/* most of /proc/net/route read */

/*
 * The control first goes once, at the highest TTL: a neutral request
 * that is not reset there is reset nowhere before it (every device it
 * passes would have to reset it too), and it costs no router an ICMP.
 * Only a control reset at the top is replayed at every TTL.
 */
enum phase {
	PH_TRACE, PH_CONTROL, PH_CONTROL_ALL, PH_REAL, PH_IDENTIFY, PH_DONE
};

/*
 * When the reset points at a router the trace found silent, one SYN asks
 * it again, IDENTIFY_GAP_MS after the real replay's request expired there
 * (a Linux router earns one "time exceeded" a second), and waits at least
 * IDENTIFY_WAIT_MS for the answer.
 */
#define IDENTIFY_GAP_MS 1000
#define IDENTIFY_WAIT_MS 300

struct conn {
	struct locator_probe *p;
	int fd;			/* -1 when closed */
	int ttl;
	int connected;
	double started;		/* ms when connect() was called */
	enum loc_outcome *res;	/* slot in control[] or real[] */
};

struct locator_probe {
	struct probe_env *env;
	struct res_locator *out;
	probe_done_cb done;
	void *arg;
	char *addr, *host, *path;
	int port, tls;
	int fam;
	struct sockaddr_storage dst;
	socklen_t dstlen;
	enum phase phase;
	int nttl;
	double slowest;		/* slowest handshake of this replay, ms */
	double deadline;	/* end of the current replay */
	double fired;		/* loop_now_ms() when the requests went out */
	double reset_after;	/* ms from fired to the first reset, < 0 none */
	double heard_after;	/* ms from fired to the last outcome heard */
	double fired_wait_end;	/* when the wait timer fires, ms */
	char *gateway;		/* the route's gateway, NULL when on-link */
	long budget;		/* env->timeout_ms, per phase */
	struct path_probe *pp;
	struct res_path own;	/* our own trace when none was given */
	const struct res_path *trace;	/* borrowed or &own */
	struct conn conns[LOC_MAX_TTL];
	enum loc_outcome control[LOC_MAX_TTL], real[LOC_MAX_TTL];
	SSL_CTX *ctx;
	SSL_CTX *big_ctx;	/* the real replay's, with big_hello */
	struct path_reask *reask;	/* asking the silent near hop again */
	int reask_ttl;
	struct rstcap *cap;	/* the real replay's full-TTL connection */
	int cap_err;		/* errno when the capture could not start */
	int cap_tried;
	uint64_t connect_timer, wait_timer, done_timer;
};

static void run_phase(struct locator_probe *p);
static void end_replay(struct locator_probe *p);

/* The outcomes the current replay fills. */
static enum loc_outcome *
replay_results(struct locator_probe *p)
{
	return p->phase == PH_REAL ? p->real : p->control;
}

static int set_ttl(int fd, int fam, int ttl);

/*
 * Closes with a reset at the default TTL. A plain close() would leave the
 * kernel sending the unacknowledged request (and a FIN) again and again
 * with the low TTL, each copy drawing another rationed "time exceeded"
 * from the same router for many seconds: the next trace would find it
 * silent.
 */
static void
close_conn(struct locator_probe *p, struct conn *c)
{
	struct linger lg = { 1, 0 };

	if (c->fd < 0)
		return;
	loop_unwatch(p->env->loop, c->fd);
	if (c->connected) {
		set_ttl(c->fd, p->fam, -1);
		setsockopt(c->fd, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg));
	}
	close(c->fd);
	c->fd = -1;
}

/* An outcome something beyond the network's silence sent. */
static int
heard(enum loc_outcome o)
{
	return o == LOC_ANSWERED || o == LOC_CLOSED || o == LOC_RESET;
}

static void
settle(struct conn *c, enum loc_outcome o)
{
	struct locator_probe *p = c->p;

	*c->res = o;
	if (o == LOC_RESET && p->reset_after < 0 && p->fired > 0)
		p->reset_after = loop_now_ms() - p->fired;
	if (heard(o) && p->fired > 0)
		p->heard_after = loop_now_ms() - p->fired;
	close_conn(p, c);
}

/* Non-zero while some connection can still change its outcome. */
static int
replay_open(const struct locator_probe *p)
{
	for (int i = 0; i < p->nttl; i++)
		if (p->conns[i].fd >= 0)
			return 1;
	return 0;
}

/*
 * Every connection still open has only expired on the way: a request that
 * died at a hop cannot draw a reset from beyond it, so the outcome is
 * known. (An answered one stays open: a server may still reset it.)
 */
static int
replay_settled(const struct locator_probe *p)
{
	for (int i = 0; i < p->nttl; i++)
		if (p->conns[i].fd >= 0 && *p->conns[i].res != LOC_EXPIRED)
			return 0;
	return 1;
}

/*
 * Every connection still open that heard nothing (no ICMP either: a
 * silent router) has a higher TTL that was answered, closed or reset:
 * its request passed the same devices and more, so whatever would reset
 * the lower one had its chance, as a silent hop in a trace does once
 * hops beyond it answered.
 */
static int
silent_ones_passed(const struct locator_probe *p)
{
	for (int i = 0; i < p->nttl; i++) {
		int beyond = 0;

		if (p->conns[i].fd < 0 || *p->conns[i].res != LOC_PENDING)
			continue;
		for (int j = i + 1; j < p->nttl && !beyond; j++)
			beyond = p->conns[j].res && heard(*p->conns[j].res);
		if (!beyond)
			return 0;
	}
	return 1;
}

static void on_wait_over(struct loop *lp, void *arg);

/*
 * Once settled, a short grace period (for a reset racing an ICMP from
 * the same TTL) replaces the long wait for silent hops. Once a reset is
 * in, a lower TTL still silent after three times as long would have
 * been reset by a nearer device already: its wait ends then too (a
 * silent hop's request is not sent again and again for nothing).
 */
static void
maybe_end_early(struct locator_probe *p)
{
	double grace = 3 * p->slowest, left;

	if (!p->wait_timer)
		return;
	if (!replay_settled(p)) {
		double after = p->reset_after;

		if (after < 0 && silent_ones_passed(p))
			after = p->heard_after;
		if (after < 0)
			return;
		if (grace < 3 * after)
			grace = 3 * after;
	}
	if (grace < SETTLED_FLOOR_MS)
		grace = SETTLED_FLOOR_MS;
	left = p->fired + grace - loop_now_ms();
	if (p->fired + grace >= p->fired_wait_end)
		return;
	p->fired_wait_end = p->fired + grace;
	loop_timer_cancel(p->env->loop, p->wait_timer);
	p->wait_timer = loop_timer_add(p->env->loop, left > 0 ? (long)left : 0,
	    on_wait_over, p);
}

/* Reads what came back after the request; the outcome follows it. */
static void
on_reply(struct loop *lp, int fd, short revents, void *arg)
{
	struct conn *c = arg;
	struct locator_probe *p = c->p;
	char buf[4096];

	(void)lp;
	(void)revents;
	for (int i = 0; i < 16 && c->fd >= 0; i++) {
		ssize_t n = recv(fd, buf, sizeof(buf), MSG_DONTWAIT);

		if (n > 0) {
			if (*c->res != LOC_ANSWERED && p->fired > 0)
				p->heard_after = loop_now_ms() - p->fired;
			*c->res = LOC_ANSWERED;
		} else if (n == 0) {
			settle(c, *c->res == LOC_ANSWERED ? LOC_ANSWERED :
			    LOC_CLOSED);
		} else if (errno == ECONNRESET || errno == EPIPE) {
			settle(c, LOC_RESET);
		} else if (errno == EHOSTUNREACH || errno == ENETUNREACH) {
			/* Expired on the way; a reset may still follow. */
			if (*c->res == LOC_PENDING)
				*c->res = LOC_EXPIRED;
		} else if (errno != EINTR) {
			break;
		}
	}
	if (!replay_open(p))
		end_replay(p);
	else
		maybe_end_early(p);
}

static int
set_ttl(int fd, int fam, int ttl)
{
	if (fam == AF_INET6)
		return setsockopt(fd, IPPROTO_IPV6, IPV6_UNICAST_HOPS, &ttl,
		    sizeof(ttl));
	return setsockopt(fd, IPPROTO_IP, IP_TTL, &ttl, sizeof(ttl));
}

/* A token safe to put in a request line or header, else NULL. */
static int
clean_token(const char *s)
{
	for (; s && *s; s++)
		if ((unsigned char)*s <= ' ' || *s == 0x7f)
			return 0;
	return s != NULL;
}

static int
send_http(struct locator_probe *p, struct conn *c, const char *host)
{
	char *req, port[16] = "";
	int rc;

	if (p->port != 80)
		snprintf(port, sizeof(port), ":%d", p->port);
	req = xasprintf("GET %s HTTP/1.1\r\nHost: %s%s\r\n"
	    "User-Agent: connreset\r\nAccept: */*\r\n"
	    "Connection: close\r\n\r\n", p->path, host, port);
	rc = send(c->fd, req, strlen(req), MSG_NOSIGNAL) < 0 ? -1 : 0;
	free(req);
	return rc;
}

/* Writes a ClientHello with SNI host; 0 once it is on its way. */
static int
send_hello(struct locator_probe *p, struct conn *c, const char *host)
{
	static const unsigned char alpn[] = "\x02h2\x08http/1.1";
	SSL_CTX *ctx = p->big_ctx && p->phase == PH_REAL ? p->big_ctx :
	    p->ctx;
	SSL *ssl;
	int rc, e, saved;

	if (!ctx)
		return -1;
	ERR_clear_error();
	ssl = SSL_new(ctx);
	if (!ssl)
		return -1;
	SSL_set_fd(ssl, c->fd);
	SSL_set_tlsext_host_name(ssl, host);
	SSL_set_alpn_protos(ssl, alpn, sizeof(alpn) - 1);
	SSL_set_connect_state(ssl);
	rc = SSL_do_handshake(ssl);
	saved = errno;
	e = SSL_get_error(ssl, rc);
	/* The hello is small: a fresh socket's send buffer takes it whole. */
	rc = e == SSL_ERROR_WANT_READ ? 0 : -1;
	SSL_free(ssl);
	ERR_clear_error();
	errno = saved;
	return rc;
}

static void
fire(struct locator_probe *p, struct conn *c, const char *host, int ttl)
{
	int rc;

	if (set_ttl(c->fd, p->fam, ttl) < 0) {
		settle(c, LOC_NOCONN);
		return;
	}
	rc = p->tls ? send_hello(p, c, host) : send_http(p, c, host);
	if (rc < 0) {
		settle(c, errno == ECONNRESET || errno == EPIPE ? LOC_RESET :
		    LOC_NOCONN);
		return;
	}
	loop_watch(p->env->loop, c->fd, POLLIN, on_reply, c);
}

static void
on_wait_over(struct loop *lp, void *arg)
{
	struct locator_probe *p = arg;

	(void)lp;
	p->wait_timer = 0;
	end_replay(p);
}

/* Every handshake is over: lower the TTLs and send all requests at once. */
static void
fire_all(struct locator_probe *p)
{
	const char *host = p->phase == PH_REAL || p->big_ctx ? p->host :
	    LOCATOR_NEUTRAL_HOST;
	double wait = 3 * p->slowest, left = p->deadline - loop_now_ms();

	loop_timer_cancel(p->env->loop, p->connect_timer);
	p->connect_timer = 0;
	p->fired = loop_now_ms();
	for (int i = 0; i < p->nttl; i++) {
		struct conn *c = &p->conns[i];

		if (c->fd >= 0 && !c->connected)
			settle(c, LOC_NOCONN);
		else if (c->fd >= 0)
			fire(p, c, host, c->ttl);
	}
	if (wait < WAIT_FLOOR_MS)
		wait = WAIT_FLOOR_MS;
	if (left < wait)
		wait = left > 0 ? left : 0;
	p->fired_wait_end = p->fired + wait;
	p->wait_timer = loop_timer_add(p->env->loop, (long)wait,
	    on_wait_over, p);
	maybe_end_early(p);
}

static void
on_connected(struct loop *lp, int fd, short revents, void *arg)
{
	struct conn *c = arg;
	struct locator_probe *p = c->p;
	int err = 0;
	socklen_t len = sizeof(err);

	(void)lp;
	(void)revents;
	if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) < 0)
		err = errno;
	if (err) {
		settle(c, LOC_NOCONN);
	} else {
		double rtt = loop_now_ms() - c->started;

		c->connected = 1;
		if (rtt > p->slowest)
			p->slowest = rtt;
		loop_unwatch(p->env->loop, fd);
	}
	for (int i = 0; i < p->nttl; i++)
		if (p->conns[i].fd >= 0 && !p->conns[i].connected)
			return;
	fire_all(p);
}

static void
on_connect_timeout(struct loop *lp, void *arg)
{
	struct locator_probe *p = arg;

	(void)lp;
	p->connect_timer = 0;
	fire_all(p);
}

static int
open_conn(struct locator_probe *p, struct conn *c)
{
	int on = 1;

	c->fd = socket(p->fam, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (c->fd < 0)
		return -1;
	/* IP_RECVERR makes an ICMP for an established socket an error. */
	if (p->fam == AF_INET6)
		setsockopt(c->fd, IPPROTO_IPV6, IPV6_RECVERR, &on, sizeof(on));
	else
		setsockopt(c->fd, IPPROTO_IP, IP_RECVERR, &on, sizeof(on));
	c->started = loop_now_ms();
	if (connect(c->fd, (struct sockaddr *)&p->dst, p->dstlen) < 0 &&
	    errno != EINPROGRESS) {
		close(c->fd);
		c->fd = -1;
		return -1;
	}
	loop_watch(p->env->loop, c->fd, POLLOUT, on_connected, c);
	return 0;
}

/* With CAP_NET_RAW: capture the real replay's SYN-ACK and reset. */
static void
start_capture(struct locator_probe *p)
{
	if (p->cap_tried)
		return;
	p->cap_tried = 1;
	p->cap = rstcap_new(p->env->loop, (struct sockaddr *)&p->dst,
	    p->dstlen);
	if (!p->cap)
		p->cap_err = errno;
}

/* Opens one connection per TTL for the control or the real replay. */
static void
start_replay(struct locator_probe *p)
{
	enum loc_outcome *res = replay_results(p);
	double left = (double)p->budget;
	int lo = p->phase == PH_CONTROL ? p->nttl - 1 : 0;
	int hi = p->phase == PH_CONTROL_ALL ? p->nttl - 1 : p->nttl;

	/* Each replay gets the whole per-probe bound. */
	p->deadline = loop_now_ms() + (double)p->budget;
	p->slowest = 0;
	p->fired = 0;
	p->reset_after = -1;
	p->heard_after = -1;
	if (p->phase == PH_REAL)
		start_capture(p);
	for (int i = 0; i < p->nttl; i++) {
		struct conn *c = &p->conns[i];

		memset(c, 0, sizeof(*c));
		c->fd = -1;
		if (i < lo || i >= hi)
			continue;
		c->p = p;
		c->ttl = i + 1;
		c->res = &res[i];
		res[i] = LOC_PENDING;
		if (open_conn(p, c) < 0)
			res[i] = LOC_NOCONN;
	}
	/* The highest TTL reaches the server: its packets are compared. */
	if (p->cap && p->nttl > 0 && p->conns[p->nttl - 1].fd >= 0)
		rstcap_track(p->cap, p->conns[p->nttl - 1].fd);
	if (left > CONNECT_MS)
		left = CONNECT_MS;
	p->connect_timer = loop_timer_add(p->env->loop,
	    (long)left, on_connect_timeout, p);
}

static void
on_done(struct loop *lp, void *arg)
{
	struct locator_probe *p = arg;

	(void)lp;
	p->done_timer = 0;
	p->done(p->arg);
	locator_probe_cancel(p);
}

/*
 * The trace with what the routers it found silent said since: a hop
 * that answered the locator's own probe was seen, so it is named.
 */
static void
conclude_with(struct locator_probe *p, const struct res_path *trace)
{
	struct res_path view;

	if (!p->reask || !trace) {
		locator_conclude(p->out, p->real, p->control, p->nttl, trace);
		return;
	}
	view = *trace;
	for (size_t i = 0; i < view.nhops; i++)
		if (!view.hops[i].addr)
			view.hops[i].addr = (char *)path_reask_addr(p->reask,
			    (int)i + 1);
	locator_conclude(p->out, p->real, p->control, p->nttl, &view);
}

static void
conclude(struct locator_probe *p)
{
	p->phase = PH_DONE;
	conclude_with(p, p->trace);
	path_reask_free(p->reask);
	p->reask = NULL;
	locator_infer_first_hop(p->out, p->gateway);
	if (p->cap) {
		rstcap_conclude(p->cap, p->out);
		rstcap_free(p->cap);
		p->cap = NULL;
	} else if (p->cap_tried) {
		rstcap_unavailable(p->out, p->cap_err);
	} else {
		p->out->forged = -1;
		xstrset(&p->out->forged_detail, _("Not checked: there was no "
		    "address to replay the request to."));
	}
	if (!p->done_timer)
		p->done_timer = loop_timer_add(p->env->loop, 0, on_done, p);
}

/* The replay is over: what did not answer stays silent; go on. */
static void
end_replay(struct locator_probe *p)
{
	enum loc_outcome *res = replay_results(p);

	loop_timer_cancel(p->env->loop, p->wait_timer);
	loop_timer_cancel(p->env->loop, p->connect_timer);
	p->wait_timer = p->connect_timer = 0;
	for (int i = 0; i < p->nttl; i++) {
		close_conn(p, &p->conns[i]);
		if (res[i] == LOC_PENDING)
			res[i] = LOC_SILENT;
	}
	p->phase++;
	/* A neutral request answered at the top is reset nowhere. */
	if (p->phase == PH_CONTROL_ALL && (p->nttl < 2 ||
	    p->control[p->nttl - 1] != LOC_RESET))
		p->phase++;
	run_phase(p);
}

static void
on_identify_over(struct loop *lp, void *arg)
{
	struct locator_probe *p = arg;

	(void)lp;
	p->wait_timer = 0;
	p->phase = PH_DONE;
	conclude(p);
}

/* The one probe is over: conclude on the next turn, not inside it. */
static void
on_reask_done(void *arg)
{
	struct locator_probe *p = arg;

	loop_timer_cancel(p->env->loop, p->wait_timer);
	p->wait_timer = loop_timer_add(p->env->loop, 0, on_identify_over, p);
}

static void
on_identify(struct loop *lp, void *arg)
{
	struct locator_probe *p = arg;
	double wait = 3 * p->slowest;

	(void)lp;
	p->wait_timer = 0;
	p->reask = path_reask_start(p->env->loop, (struct sockaddr *)&p->dst,
	    p->dstlen, &p->reask_ttl, 1, on_reask_done, p);
	if (wait < IDENTIFY_WAIT_MS)
		wait = IDENTIFY_WAIT_MS;
	if (!p->reask)
		wait = 0;
	p->wait_timer = loop_timer_add(p->env->loop, (long)wait,
	    on_identify_over, p);
}

/*
 * After the replays: does the reset point at a router that did not
 * identify itself? Then ask it once more (see IDENTIFY_GAP_MS); else
 * conclude at once.
 */
static void
identify(struct locator_probe *p)
{
	int d = p->out->server_distance, h;
	double wait;

	locator_conclude(p->out, p->real, p->control, p->nttl, p->trace);
	h = p->out->near_hop_ttl;
	if (!p->out->near_hop_unidentified || h < 1 || h > PATH_MAX_TTL ||
	    (d > 0 && h >= d)) {
		p->phase = PH_DONE;
		conclude(p);
		return;
	}
	p->reask_ttl = h;
	wait = p->fired + IDENTIFY_GAP_MS - loop_now_ms();
	p->wait_timer = loop_timer_add(p->env->loop, wait > 0 ? (long)wait :
	    0, on_identify, p);
}

static void
run_phase(struct locator_probe *p)
{
	if (p->phase == PH_IDENTIFY)
		identify(p);
	else if (p->phase == PH_DONE)
		conclude(p);
	else
		start_replay(p);
}

/* The distance is known: replay TTL 1 .. distance + 1. */
static void
begin_replays(struct locator_probe *p)
{
	int d = p->out->server_distance;

	p->nttl = d > 0 ? d + 1 : PATH_MAX_TTL;
	if (p->nttl > LOC_MAX_TTL)
		p->nttl = LOC_MAX_TTL;
	for (int i = 0; i < LOC_MAX_TTL; i++)
		p->control[i] = p->real[i] = LOC_SILENT;
	p->phase = PH_CONTROL;
	run_phase(p);
}

static void
on_trace(void *arg)
{
	struct locator_probe *p = arg;

	p->pp = NULL;
	p->trace = &p->own;
	if (p->own.reached && p->out->server_distance == 0)
		p->out->server_distance = (int)p->own.nhops;
	begin_replays(p);
}

static int
parse_dst(struct locator_probe *p, const char *addr, int port)
{
	struct sockaddr_in *sin = (struct sockaddr_in *)&p->dst;
	struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)&p->dst;

	memset(&p->dst, 0, sizeof(p->dst));
	if (addr && inet_pton(AF_INET, addr, &sin->sin_addr) == 1) {
		p->fam = sin->sin_family = AF_INET;
		sin->sin_port = htons((unsigned short)port);
		p->dstlen = sizeof(*sin);
	} else if (addr && inet_pton(AF_INET6, addr, &sin6->sin6_addr) == 1) {
		p->fam = sin6->sin6_family = AF_INET6;
		sin6->sin6_port = htons((unsigned short)port);
		p->dstlen = sizeof(*sin6);
	} else {
		return -1;
	}
	return 0;
}

/*
 * The gateway of this machine's route to addr, from the routing table
 * (numeric), or NULL when the server is on-link or the table unreadable.
 */
static char *
route_gateway(const char *addr, int fam)
{
	FILE *f = fopen(fam == AF_INET6 ? "/proc/net/ipv6_route" :
	    "/proc/net/route", "r");
	struct local_route r;
	char *text, *gw = NULL;
	size_t n;

	if (!f)
		return NULL;
	text = xmalloc(ROUTE_TEXT_MAX + 1);
	n = fread(text, 1, ROUTE_TEXT_MAX, f);
	fclose(f);
	text[n] = '\0';
	memset(&r, 0, sizeof(r));
	if (local_route_lookup(text, addr, &r) == 0 && r.gateway[0])
		gw = xstrdup(r.gateway);
	free(text);
	return gw;
}

/* Whether a trace with hop addresses is already at hand. */
static int
trace_usable(const struct locator_req *req)
{
	const struct res_path *t = req->path_result;

	return req->server_distance > 0 && t && t->nhops > 0;
}

/* Starts the locator for req; see locator.h. */
struct locator_probe *
locator_probe_start(struct probe_env *env, const struct locator_req *req,
    struct res_locator *out, probe_done_cb done, void *arg)
{
	struct locator_probe *p = xcalloc(1, sizeof(*p));
	int port = req->port > 0 && req->port < 65536 ? req->port :
	    req->tls ? 443 : 80;

	p->env = env;
	p->out = out;
	p->done = done;
	p->arg = arg;
	p->port = port;
	p->tls = req->tls != 0;
	p->budget = env->timeout_ms > 0 ? env->timeout_ms : 10000;
	p->host = xstrdup(clean_token(req->host) ? req->host :
	    LOCATOR_NEUTRAL_HOST);
	p->path = xstrdup(clean_token(req->path) && req->path[0] == '/' ?
	    req->path : "/");
	for (int i = 0; i < LOC_MAX_TTL; i++)
		p->conns[i].fd = -1;
	out->ran = 1;
	xstrset(&out->trigger, req->trigger ? req->trigger :
	    p->tls ? "sni" : "host");
	out->server_distance = req->server_distance > 0 ?
	    req->server_distance : 0;
	out->forged = -1;
	if (p->tls)
		p->ctx = bighello_classic_ctx();
	if (p->tls && req->big_hello) {
		int hybrid;

		p->big_ctx = bighello_ctx(&hybrid);
	}
	if (parse_dst(p, req->addr, port) < 0) {
		p->phase = PH_DONE;
		conclude(p);
		return p;
	}
	p->addr = xstrdup(req->addr);
	p->gateway = route_gateway(p->addr, p->fam);
	if (trace_usable(req)) {
		p->trace = req->path_result;
		begin_replays(p);
		return p;
	}
	p->pp = path_probe_start(env, p->addr, port, "tcp", &p->own, on_trace,
	    p);
	path_probe_no_names(p->pp);
	return p;
}

/* Stops the locator and frees it; done is not called. */
void
locator_probe_cancel(struct locator_probe *p)
{
	struct loop *lp;

	if (!p)
		return;
	lp = p->env->loop;
	path_probe_cancel(p->pp);
	for (int i = 0; i < LOC_MAX_TTL; i++)
		close_conn(p, &p->conns[i]);
	loop_timer_cancel(lp, p->connect_timer);
	loop_timer_cancel(lp, p->wait_timer);
	loop_timer_cancel(lp, p->done_timer);
	SSL_CTX_free(p->ctx);
	SSL_CTX_free(p->big_ctx);
	rstcap_free(p->cap);
	path_reask_free(p->reask);
	free(p->own.method);
	for (size_t i = 0; i < p->own.nhops; i++) {
		free(p->own.hops[i].addr);
		free(p->own.hops[i].name);
	}
	free(p->addr);
	free(p->gateway);
	free(p->host);
	free(p->path);
	free(p);
}
