/*
 * The browser-size ClientHello probe (see bighello.h). Like the reset
 * locator it drives libssl directly on a non-blocking socket of our own
 * loop: libcurl cannot be told to send a ClientHello of a given size.
 * Only the handshake's first answer matters (the certificate is never
 * trusted here); a ServerHello ends a try as HELLO_OK.
 */
#include "config.h"

#include "probe/bighello.h"
#include "core/loop.h"
#include "core/xalloc.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <openssl/err.h>
#include <openssl/opensslv.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

/* A ServerHello comes within one round trip: longer is a stall. */
#define HELLO_WAIT_MS 5000
/* A GREASE extension type (RFC 8701): servers must ignore it. */
#define GREASE_EXT 0x3a3a

struct bighello_probe {
	struct probe_env *env;
	struct res_bighello *out;
	probe_done_cb done;
	void *arg;
	char *host;
	struct sockaddr_storage dst;
	socklen_t dstlen;
	int total;		/* tries to make */
	SSL_CTX *classic, *large;
	SSL *ssl;
	int fd;
	double started;
	int hello_size;		/* of the current try, from the callback */
	int server_hello;	/* a ServerHello was read in this try */
	uint64_t timer, done_timer;
};

static const unsigned char pad_bytes[BIGHELLO_PAD];

static int
pad_add(SSL *s, unsigned int type, unsigned int context,
    const unsigned char **out, size_t *outlen, X509 *x, size_t chainidx,
    int *al, void *arg)
{
	(void)s; (void)type; (void)context; (void)x; (void)chainidx;
	(void)al; (void)arg;
	*out = pad_bytes;
	*outlen = sizeof(pad_bytes);
	return 1;
}

static SSL_CTX *
base_ctx(void)
{
	SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());

	if (!ctx)
		return NULL;
	/* Only the ClientHello matters; the peer is never trusted here. */
	SSL_CTX_set_verify(ctx, SSL_VERIFY_NONE, NULL);
	SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
	return ctx;
}

SSL_CTX *
bighello_classic_ctx(void)
{
	return base_ctx();
}

SSL_CTX *
bighello_ctx(int *hybrid)
{
	SSL_CTX *ctx = base_ctx();

	*hybrid = 0;
	if (!ctx)
		return NULL;
	/* OpenSSL 3.5 and later: the group, its key share sent first. */
	if (OpenSSL_version_num() >= 0x30500000L) {
		ERR_set_mark();
		if (SSL_CTX_set1_groups_list(ctx,
		    "X25519MLKEM768:X25519:secp256r1") == 1)
			*hybrid = 1;
		ERR_pop_to_mark();
	}
	if (!*hybrid && SSL_CTX_add_custom_ext(ctx, GREASE_EXT,
	    SSL_EXT_CLIENT_HELLO, pad_add, NULL, NULL, NULL, NULL) != 1) {
		SSL_CTX_free(ctx);
		return NULL;
	}
	return ctx;
}

/* Notes the ClientHello's length as it is written. */
static void
on_msg(int write_p, int version, int content_type, const void *buf,
    size_t len, SSL *ssl, void *arg)
{
	struct bighello_probe *p = arg;
	const unsigned char *b = buf;

	(void)version;
	(void)ssl;
	if (content_type != SSL3_RT_HANDSHAKE || len == 0)
		return;
	if (write_p && b[0] == SSL3_MT_CLIENT_HELLO && p->hello_size == 0)
		p->hello_size = (int)len;
	if (!write_p && b[0] == SSL3_MT_SERVER_HELLO)
		p->server_hello = 1;
}

static void start_try(struct bighello_probe *p);

static void
on_done(struct loop *lp, void *arg)
{
	struct bighello_probe *p = arg;

	(void)lp;
	p->done_timer = 0;
	p->done(p->arg);
	/* Its results are in *out: the probe itself is over. */
	bighello_probe_cancel(p);
}

static void
close_try(struct bighello_probe *p)
{
	struct linger lg = { 1, 0 };

	loop_timer_cancel(p->env->loop, p->timer);
	p->timer = 0;
	if (p->ssl)
		SSL_free(p->ssl);
	p->ssl = NULL;
	if (p->fd >= 0) {
		loop_unwatch(p->env->loop, p->fd);
		setsockopt(p->fd, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg));
		close(p->fd);
	}
	p->fd = -1;
	ERR_clear_error();
}

static void
settle(struct bighello_probe *p, enum hello_outcome o)
{
	struct res_hello_try *t = &p->out->tries[p->out->n];

	t->outcome = o;
	t->size = p->hello_size;
	t->ms = loop_now_ms() - p->started;
	p->out->n++;
	close_try(p);
	/* Without a classic handshake there is nothing to compare with. */
	if ((int)p->out->n < p->total && (t->large || o == HELLO_OK)) {
		start_try(p);
		return;
	}
	p->done_timer = loop_timer_add(p->env->loop, 0, on_done, p);
}

/* What an SSL error means for the try (errno saved by the caller). */
static enum hello_outcome
ssl_failure(int e, int err)
{
	unsigned long code;

	if (e == SSL_ERROR_SYSCALL)
		return err == ECONNRESET || err == EPIPE ? HELLO_RESET :
		    HELLO_CLOSED;
	if (e == SSL_ERROR_ZERO_RETURN)
		return HELLO_CLOSED;
	code = ERR_peek_error();
	if (ERR_GET_LIB(code) == ERR_LIB_SSL &&
	    ERR_GET_REASON(code) >= SSL_AD_REASON_OFFSET)
		return HELLO_ALERT;
	return HELLO_GARBAGE;
}

static void on_io(struct loop *lp, int fd, short revents, void *arg);

static void
step(struct bighello_probe *p)
{
	int rc, e, err;

	ERR_clear_error();
	errno = 0;
	rc = SSL_do_handshake(p->ssl);
	err = errno;
	/* A ServerHello is the server answering: enough. */
	if (rc == 1 || p->server_hello) {
		settle(p, HELLO_OK);
		return;
	}
	e = SSL_get_error(p->ssl, rc);
	if (e == SSL_ERROR_WANT_READ || e == SSL_ERROR_WANT_WRITE) {
		loop_watch(p->env->loop, p->fd, e == SSL_ERROR_WANT_READ ?
		    POLLIN : POLLOUT, on_io, p);
		return;
	}
	settle(p, ssl_failure(e, err));
}

static void
on_io(struct loop *lp, int fd, short revents, void *arg)
{
	struct bighello_probe *p = arg;

	(void)lp;
	(void)fd;
	(void)revents;
	step(p);
}

static void
on_connected(struct loop *lp, int fd, short revents, void *arg)
{
	struct bighello_probe *p = arg;
	static const unsigned char alpn[] = "\x02h2\x08http/1.1";
	int err = 0, large = p->out->tries[p->out->n].large;
	socklen_t len = sizeof(err);

	(void)lp;
	(void)revents;
	loop_unwatch(p->env->loop, fd);
	if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) < 0 || err) {
		settle(p, HELLO_NOCONN);
		return;
	}
	p->ssl = SSL_new(large ? p->large : p->classic);
	if (!p->ssl) {
		settle(p, HELLO_NOCONN);
		return;
	}
	SSL_set_fd(p->ssl, fd);
	SSL_set_tlsext_host_name(p->ssl, p->host);
	SSL_set_alpn_protos(p->ssl, alpn, sizeof(alpn) - 1);
	SSL_set_msg_callback(p->ssl, on_msg);
	SSL_set_msg_callback_arg(p->ssl, p);
	SSL_set_connect_state(p->ssl);
	step(p);
}

static void
on_timeout(struct loop *lp, void *arg)
{
	struct bighello_probe *p = arg;

	(void)lp;
	p->timer = 0;
	settle(p, HELLO_STALL);
}

/* Opens the next try: even ones classic, odd ones large. */
static void
start_try(struct bighello_probe *p)
{
	struct res_hello_try *t = &p->out->tries[p->out->n];
	long wait = p->env->timeout_ms > 0 &&
	    p->env->timeout_ms < HELLO_WAIT_MS ? p->env->timeout_ms :
	    HELLO_WAIT_MS;

	memset(t, 0, sizeof(*t));
	t->large = (int)(p->out->n % 2);
	p->hello_size = 0;
	p->server_hello = 0;
	p->started = loop_now_ms();
	p->fd = socket(p->dst.ss_family, SOCK_STREAM | SOCK_NONBLOCK |
	    SOCK_CLOEXEC, 0);
	if (p->fd < 0 || (connect(p->fd, (struct sockaddr *)&p->dst,
	    p->dstlen) < 0 && errno != EINPROGRESS)) {
		settle(p, HELLO_NOCONN);
		return;
	}
	p->timer = loop_timer_add(p->env->loop, wait, on_timeout, p);
	loop_watch(p->env->loop, p->fd, POLLOUT, on_connected, p);
}

static int
parse_dst(struct bighello_probe *p, const char *addr, int port)
{
	struct sockaddr_in *s4 = (struct sockaddr_in *)&p->dst;
	struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)&p->dst;

	memset(&p->dst, 0, sizeof(p->dst));
	if (addr && inet_pton(AF_INET, addr, &s4->sin_addr) == 1) {
		s4->sin_family = AF_INET;
		s4->sin_port = htons((unsigned short)port);
		p->dstlen = sizeof(*s4);
	} else if (addr && inet_pton(AF_INET6, addr, &s6->sin6_addr) == 1) {
		s6->sin6_family = AF_INET6;
		s6->sin6_port = htons((unsigned short)port);
		p->dstlen = sizeof(*s6);
	} else {
		return -1;
	}
	return 0;
}

struct bighello_probe *
bighello_probe_start(struct probe_env *env, const char *addr, int port,
    const char *host, int attempts, struct res_bighello *out,
    probe_done_cb done, void *arg)
{
	struct bighello_probe *p = xcalloc(1, sizeof(*p));

	p->env = env;
	p->out = out;
	p->done = done;
	p->arg = arg;
	p->fd = -1;
	p->host = xstrdup(host ? host : "");
	if (attempts < 1)
		attempts = 1;
	p->total = 2 * attempts > RES_MAX_HELLO ? RES_MAX_HELLO :
	    2 * attempts;
	out->ran = 1;
	out->n = 0;
	p->classic = bighello_classic_ctx();
	p->large = bighello_ctx(&out->hybrid);
	if (!p->classic || !p->large ||
	    parse_dst(p, addr, port > 0 && port < 65536 ? port : 443) < 0) {
		p->done_timer = loop_timer_add(env->loop, 0, on_done, p);
		return p;
	}
	start_try(p);
	return p;
}

void
bighello_probe_cancel(struct bighello_probe *p)
{
	if (!p)
		return;
	close_try(p);
	loop_timer_cancel(p->env->loop, p->done_timer);
	SSL_CTX_free(p->classic);
	SSL_CTX_free(p->large);
	free(p->host);
	free(p);
}
