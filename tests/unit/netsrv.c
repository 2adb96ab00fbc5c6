/* Test helper: in-loop loopback servers that answer, reset or close. */
#include "config.h"

#include "netsrv.h"

#include "core/loop.h"
#include "core/xalloc.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define MAX_CONNS 128

struct conn {
	int fd;			/* -1 when free */
	struct netsrv *s;
	char buf[4096];
	size_t len;
	uint64_t timer;
	int answered;
};

struct netsrv {
	struct loop *lp;
	int lfd;
	int port;
	enum netsrv_mode mode;
	long delay_ms;
	int accepted;
	char last[4096];	/* request bytes of the last connection */
	struct conn conns[MAX_CONNS];
};

static const char ok_resp[] =
    "HTTP/1.1 200 OK\r\nServer: test\x1b[31mserver\r\n"
    "Content-Length: 5\r\nConnection: close\r\n\r\nhello";
static const char half_resp[] =
    "HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\nabcdefgh";
static const char plain_resp[] =
    "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n"
    "Connection: close\r\n\r\n";
static const char redirect_resp[] =
    "HTTP/1.1 302 Found\r\nLocation: /next\r\nContent-Length: 0\r\n"
    "Connection: close\r\n\r\n";
static const char proxy_resp[] =
    "HTTP/1.1 407 Proxy Authentication Required\r\n"
    "Proxy-Authenticate: Basic realm=\"t\"\r\nContent-Length: 0\r\n\r\n";

static void
conn_close(struct conn *c, int reset)
{
	if (reset) {
		struct linger lg = { 1, 0 };

		setsockopt(c->fd, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg));
	}
	loop_unwatch(c->s->lp, c->fd);
	loop_timer_cancel(c->s->lp, c->timer);
	close(c->fd);
	c->fd = -1;
}

static void
send_all(int fd, const char *s, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, s, n);

		if (w <= 0)
			return;
		s += w;
		n -= (size_t)w;
	}
}

static void
on_reset_timer(struct loop *lp, void *arg)
{
	struct conn *c = arg;

	c->timer = 0;
	conn_close(c, 1);
}

/* Gives the answer the mode calls for, after the request arrived. */
static void
answer(struct loop *lp, void *arg)
{
	struct conn *c = arg;

	c->timer = 0;
	switch (c->s->mode) {
	case NS_OK:
		send_all(c->fd, ok_resp, sizeof(ok_resp) - 1);
		conn_close(c, 0);
		break;
	case NS_HALF_RESET:
		send_all(c->fd, half_resp, sizeof(half_resp) - 1);
		/* Let the client read the bytes before the RST. */
		c->timer = loop_timer_add(lp, 100, on_reset_timer, c);
		break;
	case NS_PLAIN:
		send_all(c->fd, plain_resp, sizeof(plain_resp) - 1);
		conn_close(c, 0);
		break;
	case NS_PROXY_407:
		send_all(c->fd, proxy_resp, sizeof(proxy_resp) - 1);
		break;
	case NS_REDIRECT:
		if (strncmp(c->buf, "GET / ", 6) == 0)
			send_all(c->fd, redirect_resp,
			    sizeof(redirect_resp) - 1);
		else
			send_all(c->fd, ok_resp, sizeof(ok_resp) - 1);
		conn_close(c, 0);
		break;
	case NS_CLOSE:
		conn_close(c, 0);
		break;
	case NS_RESET:
	case NS_RESET_EARLY:
		conn_close(c, 1);
		break;
	}
}

static int
request_complete(const struct conn *c)
{
	enum netsrv_mode m = c->s->mode;

	if (m == NS_PLAIN || m == NS_RESET_EARLY)
		return c->len > 0;
	return memmem(c->buf, c->len, "\r\n\r\n", 4) != NULL;
}

static void
on_conn(struct loop *lp, int fd, short revents, void *arg)
{
	struct conn *c = arg;
	ssize_t n = read(fd, c->buf + c->len, sizeof(c->buf) - 1 - c->len);

	if (n <= 0) {
		if (n == 0 || (errno != EAGAIN && errno != EINTR))
			conn_close(c, 0);
		return;
	}
	c->len += (size_t)n;
	if (c->answered || !request_complete(c))
		return;
	c->answered = 1;
	memcpy(c->s->last, c->buf, c->len);
	c->s->last[c->len] = '\0';
	c->timer = loop_timer_add(lp, c->s->delay_ms, answer, c);
}

static void
on_listen(struct loop *lp, int fd, short revents, void *arg)
{
	struct netsrv *s = arg;
	int cfd = accept4(fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);

	if (cfd < 0)
		return;
	s->accepted++;
	for (int i = 0; i < MAX_CONNS; i++) {
		struct conn *c = &s->conns[i];

		if (c->fd >= 0)
			continue;
		memset(c, 0, sizeof(*c));
		c->fd = cfd;
		c->s = s;
		loop_watch(lp, cfd, POLLIN, on_conn, c);
		return;
	}
	close(cfd);
}

static int
listen_any(int *port)
{
	struct sockaddr_in sa;
	socklen_t len = sizeof(sa);
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
	    0);

	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (fd < 0 || bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0 ||
	    listen(fd, 64) < 0 ||
	    getsockname(fd, (struct sockaddr *)&sa, &len) < 0)
		abort();
	*port = ntohs(sa.sin_port);
	return fd;
}

/* Listens on 127.0.0.1 (any port); answers after delay_ms. */
struct netsrv *
netsrv_new(struct loop *lp, enum netsrv_mode mode, long delay_ms)
{
	struct netsrv *s = xcalloc(1, sizeof(*s));

	s->lp = lp;
	s->mode = mode;
	s->delay_ms = delay_ms;
	for (int i = 0; i < MAX_CONNS; i++)
		s->conns[i].fd = -1;
	s->lfd = listen_any(&s->port);
	loop_watch(lp, s->lfd, POLLIN, on_listen, s);
	return s;
}

int
netsrv_port(const struct netsrv *s)
{
	return s->port;
}

const char *
netsrv_last_request(const struct netsrv *s)
{
	return s->last;
}

int
netsrv_accepted(const struct netsrv *s)
{
	return s->accepted;
}

void
netsrv_free(struct netsrv *s)
{
	if (!s)
		return;
	for (int i = 0; i < MAX_CONNS; i++)
		if (s->conns[i].fd >= 0)
			conn_close(&s->conns[i], 0);
	loop_unwatch(s->lp, s->lfd);
	close(s->lfd);
	free(s);
}

/* A port on 127.0.0.1 where nothing listens (bound, then closed). */
int
netsrv_closed_port(void)
{
	int port, fd = listen_any(&port);

	close(fd);
	return port;
}
