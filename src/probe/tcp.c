#include "config.h"

#include "probe/tcp.h"
#include "core/loop.h"
#include "core/sanitize.h"
#include "core/xalloc.h"

#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

/* One handshake in flight. */
struct tcp_probe {
	struct loop *lp;
	struct res_tcp *out;
	probe_done_cb done;
	void *arg;
	int fd;			/* -1 once closed */
	uint64_t timer;		/* timeout, or the deferred finish */
	double start;		/* loop_now_ms() before connect() */
};

/* Maps a connect() errno to what it says about the path. */
static enum tcp_status
classify(int err)
{
	switch (err) {
	case 0:
		return TCP_OPEN;
	case ECONNREFUSED:
		return TCP_REFUSED;
	case EHOSTUNREACH:
	case ENETUNREACH:
	case EADDRNOTAVAIL:
		return TCP_UNREACHABLE;
	case ETIMEDOUT:
		return TCP_TIMEOUT;
	default:
		return TCP_ERROR;
	}
}

/* Frees the handle and whatever it still holds; done is not called. */
static void
release(struct tcp_probe *p)
{
	if (p->fd >= 0) {
		loop_unwatch(p->lp, p->fd);
		close(p->fd);
	}
	loop_timer_cancel(p->lp, p->timer);
	free(p);
}

/* Records the outcome, closes the socket, reports and frees. */
static void
finish(struct tcp_probe *p, enum tcp_status st, int err)
{
	probe_done_cb done = p->done;
	void *arg = p->arg;

	p->out->status = st;
	p->out->os_errno = err;
	p->out->ms = loop_now_ms() - p->start;
	release(p);
	done(arg);
}

static void
on_writable(struct loop *lp, int fd, short revents, void *arg)
{
	struct tcp_probe *p = arg;
	int err = 0;
	socklen_t len = sizeof(err);

	if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) < 0)
		err = errno;
	if (err == 0) {
		struct sockaddr_storage peer;
		socklen_t plen = sizeof(peer);

		/* A stale event (a reused fd number): keep waiting. */
		if (getpeername(fd, (struct sockaddr *)&peer, &plen) < 0 &&
		    errno == ENOTCONN)
			return;
	}
	finish(p, classify(err), err);
}

static void
on_timeout(struct loop *lp, void *arg)
{
	struct tcp_probe *p = arg;

	p->timer = 0;
	finish(p, TCP_TIMEOUT, ETIMEDOUT);
}

/* Runs a result known at start time one turn later, never inside start. */
static void
on_early(struct loop *lp, void *arg)
{
	struct tcp_probe *p = arg;

	p->timer = 0;
	finish(p, p->out->status, p->out->os_errno);
}

static void
finish_later(struct tcp_probe *p, enum tcp_status st, int err)
{
	p->out->status = st;
	p->out->os_errno = err;
	loop_timer_cancel(p->lp, p->timer);
	p->timer = loop_timer_add(p->lp, 0, on_early, p);
}

/* Parses a numeric address (IPv6 may carry a %zone) without any lookup. */
static int
numeric_addr(const char *addr, int port, struct sockaddr_storage *ss,
    socklen_t *sslen)
{
	struct addrinfo hints, *res = NULL;

	memset(&hints, 0, sizeof(hints));
	hints.ai_flags = AI_NUMERICHOST;
	hints.ai_socktype = SOCK_STREAM;
	if (!addr || getaddrinfo(addr, NULL, &hints, &res) != 0 || !res)
		return -1;
	memcpy(ss, res->ai_addr, res->ai_addrlen);
	*sslen = res->ai_addrlen;
	freeaddrinfo(res);
	if (ss->ss_family == AF_INET)
		((struct sockaddr_in *)ss)->sin_port = htons((uint16_t)port);
	else
		((struct sockaddr_in6 *)ss)->sin6_port = htons((uint16_t)port);
	return 0;
}

/* Opens the socket and starts connect(); sets the outcome if it ended. */
static void
begin(struct tcp_probe *p, struct probe_env *env, const char *addr, int port)
{
	struct sockaddr_storage ss;
	socklen_t sslen = 0;

	if (port < 1 || port > 65535 ||
	    numeric_addr(addr, port, &ss, &sslen) < 0) {
		finish_later(p, TCP_ERROR, EINVAL);
		return;
	}
	p->out->family = ss.ss_family == AF_INET6 ? 6 : 4;
	p->fd = socket(ss.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
	    0);
	if (p->fd < 0) {
		finish_later(p, TCP_ERROR, errno);
		return;
	}
	p->start = loop_now_ms();
	if (connect(p->fd, (struct sockaddr *)&ss, sslen) == 0) {
		finish_later(p, TCP_OPEN, 0);
		return;
	}
	if (errno != EINPROGRESS) {
		finish_later(p, classify(errno), errno);
		return;
	}
	loop_watch(p->lp, p->fd, POLLOUT, on_writable, p);
	p->timer = loop_timer_add(p->lp, env->timeout_ms > 0 ?
	    env->timeout_ms : 1, on_timeout, p);
}

/* Starts a handshake to addr:port; done runs once, on a later turn. */
struct tcp_probe *
tcp_probe_start(struct probe_env *env, const char *addr, int port,
    struct res_tcp *out, probe_done_cb done, void *arg)
{
	struct tcp_probe *p = xcalloc(1, sizeof(*p));

	p->lp = env->loop;
	p->out = out;
	p->done = done;
	p->arg = arg;
	p->fd = -1;
	p->start = loop_now_ms();
	free(out->addr);
	out->addr = sanitize_str(addr ? addr : "", SAN_ASCII);
	out->port = port;
	out->family = addr && strchr(addr, ':') ? 6 : 4;
	out->status = TCP_NOT_RUN;
	out->os_errno = 0;
	out->ms = -1;
	begin(p, env, addr, port);
	return p;
}

/* Stops the handshake and frees the handle; done is not called. */
void
tcp_probe_cancel(struct tcp_probe *p)
{
	if (p)
		release(p);
}
