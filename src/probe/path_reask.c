/*
 * One SYN per silent TTL. A router that answers puts its "time exceeded"
 * on the probe's error queue (a SYN_SENT socket keeps it there, which an
 * established connection would not); the socket is closed at once, so
 * no retransmitted SYN draws a second ICMP.
 */
#include "config.h"

#include "probe/path_reask.h"
#include "probe/path.h"
#include "core/sanitize.h"
#include "core/xalloc.h"

#include <errno.h>
#include <stdint.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct reask_probe {
	struct path_reask *r;
	int fd;			/* -1 once closed */
	int ttl;
	char *addr;		/* who answered, NULL none */
};

struct path_reask {
	struct loop *lp;
	path_reask_cb done;
	void *arg;
	uint64_t done_timer;
	int n;
	struct reask_probe probes[PATH_MAX_TTL];
};

static void
on_done_timer(struct loop *lp, void *arg)
{
	struct path_reask *r = arg;

	(void)lp;
	r->done_timer = 0;
	r->done(r->arg);
}

/* Once nothing waits, tell the owner on the next loop turn. */
static void
maybe_done(struct path_reask *r)
{
	if (!r->done || r->done_timer || path_reask_pending(r))
		return;
	r->done_timer = loop_timer_add(r->lp, 0, on_done_timer, r);
}

static void
close_probe(struct reask_probe *q)
{
	if (q->fd < 0)
		return;
	loop_unwatch(q->r->lp, q->fd);
	close(q->fd);
	q->fd = -1;
	maybe_done(q->r);
}

/* Reads the error queue; keeps the first router's "time exceeded". */
static void
on_probe(struct loop *lp, int fd, short revents, void *arg)
{
	struct reask_probe *q = arg;
	char cbuf[512], dbuf[64];

	(void)lp;
	(void)revents;
	for (int i = 0; i < 8 && q->fd >= 0; i++) {
		struct iovec iov = { dbuf, sizeof(dbuf) };
		struct msghdr m = { 0 };
		struct cmsghdr *c;

		m.msg_iov = &iov;
		m.msg_iovlen = 1;
		m.msg_control = cbuf;
		m.msg_controllen = sizeof(cbuf);
		if (recvmsg(fd, &m, MSG_ERRQUEUE | MSG_DONTWAIT) < 0)
			break;
		for (c = CMSG_FIRSTHDR(&m); c; c = CMSG_NXTHDR(&m, c)) {
			struct path_ev ev;

			if (!((c->cmsg_level == SOL_IP &&
			    c->cmsg_type == IP_RECVERR) ||
			    (c->cmsg_level == SOL_IPV6 &&
			    c->cmsg_type == IPV6_RECVERR)))
				continue;
			if (path_errq_parse(CMSG_DATA(c),
			    c->cmsg_len - CMSG_LEN(0), 0, &ev) < 0 ||
			    ev.kind != PATH_EV_EXCEEDED || !ev.addr[0])
				continue;
			q->addr = sanitize_str(ev.addr, 0);
			close_probe(q);
			return;
		}
	}
	/* Connected or refused: the SYN reached the server, no router. */
	{
		int err = 0;
		socklen_t len = sizeof(err);

		getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len);
		if (err != 0 || (revents & POLLOUT))
			close_probe(q);
	}
}

static int
open_probe(struct reask_probe *q, const struct sockaddr *dst,
    socklen_t dstlen)
{
	int fam = dst->sa_family, on = 1, ttl = q->ttl;
	int fd = socket(fam, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);

	if (fd < 0)
		return -1;
	if ((fam == AF_INET6 ? setsockopt(fd, IPPROTO_IPV6,
	    IPV6_UNICAST_HOPS, &ttl, sizeof(ttl)) || setsockopt(fd,
	    IPPROTO_IPV6, IPV6_RECVERR, &on, sizeof(on)) :
	    setsockopt(fd, IPPROTO_IP, IP_TTL, &ttl, sizeof(ttl)) ||
	    setsockopt(fd, IPPROTO_IP, IP_RECVERR, &on, sizeof(on))) ||
	    (connect(fd, dst, dstlen) < 0 && errno != EINPROGRESS)) {
		close(fd);
		return -1;
	}
	q->fd = fd;
	loop_watch(q->r->lp, fd, POLLOUT, on_probe, q);
	return 0;
}

/* Sends one SYN per TTL; see path_reask.h. */
struct path_reask *
path_reask_start(struct loop *lp, const struct sockaddr *dst,
    socklen_t dstlen, const int *ttls, int n, path_reask_cb done, void *arg)
{
	struct path_reask *r;

	if (n <= 0)
		return NULL;
	r = xcalloc(1, sizeof(*r));
	r->lp = lp;
	for (int i = 0; i < n && r->n < PATH_MAX_TTL; i++) {
		struct reask_probe *q = &r->probes[r->n++];

		q->r = r;
		q->fd = -1;
		q->ttl = ttls[i];
		open_probe(q, dst, dstlen);
	}
	/* Set only now: no callback while the probes are being opened. */
	r->done = done;
	r->arg = arg;
	maybe_done(r);
	return r;
}

/* The router that answered at ttl, NULL none (yet). */
const char *
path_reask_addr(const struct path_reask *r, int ttl)
{
	for (int i = 0; r && i < r->n; i++)
		if (r->probes[i].ttl == ttl)
			return r->probes[i].addr;
	return NULL;
}

/* Non-zero while some probe has no answer yet. */
int
path_reask_pending(const struct path_reask *r)
{
	for (int i = 0; r && i < r->n; i++)
		if (r->probes[i].fd >= 0)
			return 1;
	return 0;
}

/* Closes every probe and frees r. */
void
path_reask_free(struct path_reask *r)
{
	if (!r)
		return;
	r->done = NULL;
	loop_timer_cancel(r->lp, r->done_timer);
	for (int i = 0; i < r->n; i++) {
		close_probe(&r->probes[i]);
		free(r->probes[i].addr);
	}
	free(r);
}
